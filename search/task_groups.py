"""Every document's task groups (``index.groups``) as arrays, and how much two profiles
share them — the finer task notion of similar cooperations (``search.similar``).

The groups are derived at build time and stored in each payload (``groups``: primary,
then secondary) on both engines alike, and in the Whoosh columns file of each segment
(``SegmentColumns.groups``). A segment's rows are made once — from its columns, or from
its payloads where the columns do not keep them (the PostgreSQL engine, an older file) —
and kept with its columns (``SegmentColumns.derived``, like ``search.segment_data``), so an
update reads only its new segments.
"""

from __future__ import annotations

import functools
from typing import cast

import numpy as np

from index.columns import SegmentColumns
from index.groups import family, group_names
from search.segment_data import ReadPayloads, live_payloads

# How much another profile shares the source's task: the same primary group counts 1,
# a group both hold otherwise SHARED_GROUP, a group of the same family (neighbouring tasks
# of one field, ``index.groups.family``) FAMILY_SHARE (tools/tune_similar.py).
SHARED_GROUP = 0.75
FAMILY_SHARE = 0.5


@functools.cache
def _codes() -> tuple[dict[str, int], np.ndarray]:
    """Group code → number, and each number's family number."""
    codes = {code: number for number, code in enumerate(group_names())}
    families = {name: number for number, name in enumerate(dict.fromkeys(family(code) for code in codes))}
    return codes, np.array([families[family(code)] for code in codes], dtype=np.int16)


def segment_groups(offset: int, columns: SegmentColumns, gone: np.ndarray, read: ReadPayloads) -> np.ndarray:
    """Per segment-local document, its (primary, secondary) group numbers, -1 for none;
    from the columns' ``groups``, else from the payloads of the documents not in
    ``gone`` (read with ``read``, generation-wide numbers from ``offset`` on; the others
    get none); made once and kept with the columns. Raises what ``read`` raises."""
    found = columns.derived.get("groups")
    if found is None and columns.groups is not None:
        found = columns.derived["groups"] = columns.groups.renumbered(_codes()[0])
    elif found is None:
        codes, _ = _codes()
        rows = np.full((len(columns), 2), -1, dtype=np.int16)
        kept = columns.derived.get("payloads")  # an engine without places columns read them already
        payloads = cast(dict[int, dict], kept) if kept is not None else live_payloads(offset, gone, read)
        for doc, payload in payloads.items():
            for position, code in enumerate((payload.get("groups") or [])[:2]):
                rows[doc, position] = codes.get(code, -1)  # a code the table no longer has: none
        found = columns.derived["groups"] = rows
    return cast(np.ndarray, found)


def generation_groups(size: int, parts: list[tuple[int, np.ndarray]]) -> np.ndarray:
    """The (size, 2) group numbers of a generation from its segments' (offset, rows).
    Raises ValueError when a segment reaches past ``size``."""
    rows = np.full((size, 2), -1, dtype=np.int16)
    for offset, part in parts:
        if offset + len(part) > size:
            raise ValueError(f"segment at {offset} with {len(part)} documents past {size}")
        rows[offset:offset + len(part)] = part
    return rows


def group_overlap(groups: np.ndarray, doc: int) -> np.ndarray:
    """Per document, how much it shares ``doc``'s task groups (``groups``: the
    generation's rows of ``generation_groups``): 1 for the same primary group,
    ``SHARED_GROUP`` for another group both hold, ``FAMILY_SHARE`` for a group of the same
    family, 0 otherwise (and everywhere when ``doc`` has no group). Raises IndexError for
    a ``doc`` past ``groups``."""
    overlap = np.zeros(len(groups))
    source = [int(g) for g in groups[doc] if g >= 0]
    if not source:
        return overlap
    _, families = _codes()
    first, second = groups[:, 0], groups[:, 1]
    first_family = np.where(first >= 0, families[np.maximum(first, 0)], -1)
    second_family = np.where(second >= 0, families[np.maximum(second, 0)], -1)
    # at most two groups and families a profile: column comparisons, not set operations
    in_family = np.zeros(len(groups), dtype=bool)
    for code in {int(families[g]) for g in source}:
        in_family |= (first_family == code) | (second_family == code)
    shares = np.zeros(len(groups), dtype=bool)
    for code in source:
        shares |= (first == code) | (second == code)
    overlap[in_family] = FAMILY_SHARE
    overlap[shares] = SHARED_GROUP
    overlap[first == source[0]] = 1.0
    return overlap
