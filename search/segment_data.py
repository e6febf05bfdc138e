"""What the search core derives from one segment's columns alone, kept with them.

A segment never changes once written (an update adds segments and marks documents
deleted), so what is derived from one segment's columns (``index.columns``) stays valid
for as long as its columns are kept: it is cached in ``SegmentColumns.derived``, and an
engine that keeps the columns of unchanged segments across generations (both do) keeps
it warm across updates. What concerns all documents (which are live, which visible) is
applied when the parts are combined, from the current deleted masks.

- ``near_pairs``: the (document, key code) pairs of the near table (``search.near``);
- ``directory_records``: the records the municipality directory
  (``search.municipalities``) is built from (``records``: of the payloads' shape).

Both come from the places column (``PlaceColumns``) and the facet columns; a segment
whose columns have no places (an engine that does not keep them) reads the stored
payloads of its live documents instead, once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import numpy as np

from index.columns import SegmentColumns
from search.municipalities import Record
from search.near import NearTable, place_key_codes

# Reads the stored payloads of (generation-wide) document numbers; raises GenerationGone.
ReadPayloads = Callable[[list[int]], dict[int, dict]]
# Bodies read at once when a segment without places falls back to its payloads.
PAYLOAD_CHUNK = 2000


def records(offset: int, columns: SegmentColumns, gone: np.ndarray,
            read: ReadPayloads) -> dict[int, dict]:
    """Per segment-local document number, its record in the stored payload's shape as far
    as the municipality directory reads it (``id``, ``title``, ``year``, ``legal_form``,
    ``lead``, ``private``, ``lead_key``, ``participants``, ``participant_keys``,
    ``areas``, ``keywords``): from the columns, every document's; without a places
    column, the payloads of the documents not in ``gone`` (read with ``read``; numbers
    from ``offset`` on; kept with the columns). Raises what ``read`` raises."""
    if columns.places is not None:
        return _from_columns(columns)  # not kept: ``directory_records`` keeps what it makes of them
    found = columns.derived.get("payloads")
    if found is None:
        found = columns.derived["payloads"] = live_payloads(offset, gone, read)
    return cast(dict[int, dict], found)


def directory_records(offset: int, columns: SegmentColumns, gone: np.ndarray,
                      read: ReadPayloads) -> dict[int, Record]:
    """Per segment-local document number, the municipality directory's ``Record`` of it
    (of ``records``), made once per segment and kept with the columns. Raises what
    ``read`` raises."""
    found = columns.derived.get("records")
    if found is None:
        found = columns.derived["records"] = {doc: Record(payload)
                                              for doc, payload in records(offset, columns, gone, read).items()}
    return cast(dict[int, Record], found)


def near_pairs(offset: int, columns: SegmentColumns, gone: np.ndarray,
               read: ReadPayloads) -> tuple[np.ndarray, np.ndarray]:
    """(generation-wide document numbers, key codes) of the segment's live documents for
    ``NearTable.from_parts``; the segment-local pairs are cached with the columns.
    Raises what ``read`` raises."""
    found = columns.derived.get("near")
    if found is None:
        if columns.places is not None:
            found = place_key_codes(columns.places)
        else:
            payloads = records(offset, columns, gone, read)
            table = NearTable.from_payloads(len(columns), payloads)
            found = (table.docs, table.codes)
        columns.derived["near"] = found
    docs, codes = cast(tuple[np.ndarray, np.ndarray], found)
    keep = ~gone[docs]
    return docs[keep] + offset, codes[keep]


def live_payloads(offset: int, gone: np.ndarray, read: ReadPayloads) -> dict[int, dict]:
    """The payloads of a segment's documents not in ``gone``, by segment-local number
    (read with ``read`` in chunks, generation-wide numbers from ``offset`` on). Raises what
    ``read`` raises."""
    live = (np.flatnonzero(~gone) + offset).tolist()
    found: dict[int, dict] = {}
    for start in range(0, len(live), PAYLOAD_CHUNK):
        found.update({doc - offset: payload for doc, payload in read(live[start:start + PAYLOAD_CHUNK]).items()})
    return found


def _values(codes: np.ndarray, values: list[str]) -> list[str | None]:
    return [values[c] if c >= 0 else None for c in codes.tolist()]


def _rows(column: tuple[np.ndarray, np.ndarray, list[str]]) -> list[list[str]]:
    flat, lengths, values = column
    words = [values[c] for c in flat.tolist()]
    ends = np.cumsum(lengths, dtype=np.int64).tolist()
    return [words[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]


def _from_columns(columns: SegmentColumns) -> dict[int, dict]:
    assert columns.places is not None
    leads = _values(*columns.singles["lead"])
    legal_forms = _values(*columns.singles["legal_form"])
    areas, keywords = _rows(columns.multis["area"]), _rows(columns.multis["keyword"])
    years = [year if year >= 0 else None for year in columns.year.tolist()]
    private = columns.private.tolist()
    found = {}
    for doc, places in enumerate(columns.places.rows()):
        (_, lead_key), *participants = places
        found[doc] = {
            "id": columns.ids[doc], "title": columns.titles[doc], "year": years[doc],
            "legal_form": legal_forms[doc], "lead": leads[doc], "private": private[doc], "lead_key": lead_key,
            "participants": [name for name, _ in participants],
            "participant_keys": [key for _, key in participants],
            "areas": areas[doc], "keywords": keywords[doc],
        }
    return found
