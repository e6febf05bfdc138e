"""Per-segment document columns: what a search service needs of every document, ready to load.

A service opening a generation needs, per document, its id, title, visibility, year,
facet values and the length of each text field (for BM25). Read from Whoosh, that means
unpickling every document's stored fields (all texts included) and a Python call per
document and field: most of a second at 10,000 profiles. Instead, each Whoosh segment
gets a file ``columns/<segment id>.npz`` written when the segment is written (builds:
from the documents as they are added; ``ikz index update/remove``: from the new
segment's stored fields, which are few). Segments never change once written (deletions
are kept apart by Whoosh), so a file stays valid as long as its segment exists; files of
segments that merged away are removed. A segment without a file, or with a file of an
older format (an index written before this existed, or before its place keys were kept:
``COLUMNS_FORMAT``), is read from its stored fields when opened, and the next
``ikz index update`` rewrites its file.

Besides the facet values, a segment keeps every document's places (``PlaceColumns``: the
lead and the participants as written, with their official keys), so that the near table
(``search.near``) and the municipality directory (``search.municipalities``) are built
from arrays, never from the stored payloads.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.util.numeric import byte_to_length

from index.folding import german_sort_key
from index.group_codes import GroupCodes
from index.schema import FACETS, MULTI_VALUED, TEXT_FIELDS

COLUMNS_DIR = "columns"
# The columns file's format: 2 added the places (``PlaceColumns``). A file of another
# format is read as if it were missing.
COLUMNS_FORMAT = 2
SINGLE_VALUED = tuple(f for f in FACETS if f not in MULTI_VALUED and f != "year")
MULTI = tuple(f for f in FACETS if f in MULTI_VALUED)
# Whoosh keeps field lengths as one byte: the lengths BM25 sees are these, not the exact ones.
_QUANTISED = np.array([byte_to_length(b) for b in range(256)], dtype=np.int64)


@dataclass
class PlaceColumns:
    """Every document's lead and participants as written, with their official keys, as
    CSR rows: row ``d`` is ``lengths[d]`` entries from ``sum(lengths[:d])`` on, the first
    the lead, then the participants in the profile's order. ``name_codes`` index
    ``names``, ``key_codes`` index ``keys`` (both sorted); -1 for none (no lead, a name
    the gazetteer did not resolve)."""

    names: list[str]
    keys: list[str]
    name_codes: np.ndarray
    key_codes: np.ndarray
    lengths: np.ndarray

    @classmethod
    def collect(cls, rows: Sequence[Sequence[tuple[str | None, str | None]]]) -> PlaceColumns:
        """The columns of ``rows``: per document its (name, key) pairs, lead first.
        Raises nothing."""
        names = sorted({name for row in rows for name, _ in row if name})
        keys = sorted({key for row in rows for _, key in row if key})
        name_code = {name: code for code, name in enumerate(names)}
        key_code = {key: code for code, key in enumerate(keys)}
        return cls(
            names=names, keys=keys,
            name_codes=np.array([name_code[n] if n else -1 for row in rows for n, _ in row], dtype=np.int32),
            key_codes=np.array([key_code[k] if k else -1 for row in rows for _, k in row], dtype=np.int32),
            lengths=np.array([len(row) for row in rows], dtype=np.int32),
        )

    def rows(self) -> list[list[tuple[str | None, str | None]]]:
        """Per document its (name, key) pairs, lead first (``collect``'s input)."""
        names = [self.names[c] if c >= 0 else None for c in self.name_codes.tolist()]
        keys = [self.keys[c] if c >= 0 else None for c in self.key_codes.tolist()]
        ends = np.cumsum(self.lengths, dtype=np.int64).tolist()
        starts = [0, *ends[:-1]]
        return [list(zip(names[a:b], keys[a:b], strict=True)) for a, b in zip(starts, ends, strict=True)]


def title_order(title_keys: Sequence[str]) -> np.ndarray:
    """Document numbers in the order of ``title_keys`` (a stable sort: ties by number).
    Raises nothing."""
    return np.array(sorted(range(len(title_keys)), key=title_keys.__getitem__), dtype=np.int64)


def place_pairs(lead: str | None, lead_key: str | None, participants: Sequence[str],
                participant_keys: Sequence[str | None]) -> list[tuple[str | None, str | None]]:
    """One document's row of ``PlaceColumns``: the lead's (name, key), then each
    participant's (a key missing at the end of a shorter list: None). Raises nothing."""
    keys = list(participant_keys)[:len(participants)]
    keys += [None] * (len(participants) - len(keys))
    return [(lead or None, lead_key or None), *((name or None, key or None) for name, key in zip(
        participants, keys, strict=True))]


@dataclass
class SegmentColumns:
    """Columns of one segment's documents (segment-local document numbers).

    ``singles[facet]`` is (codes, values) with code -1 for no value; ``multis[facet]``
    is (flat codes, row lengths, values); ``lengths[field]`` holds BM25 field lengths;
    ``title_keys`` are the titles' German sort keys ("" for none); ``places`` the leads
    and participants with their keys (None: not kept, as by an engine without them).
    ``derived`` keeps what the search core derives from this segment alone (the near
    table's part, the municipality records): a segment never changes once written, so
    it stays valid for as long as the segment's columns are kept. ``groups``: each
    document's task group codes (``index.groups``, from its payload, as the array of
    ``index.group_codes``; None: not kept, as by an engine or an older file without them)."""

    ids: list[str]
    titles: list[str | None]
    title_keys: list[str]
    private: np.ndarray
    year: np.ndarray
    singles: dict[str, tuple[np.ndarray, list[str]]]
    multis: dict[str, tuple[np.ndarray, np.ndarray, list[str]]]
    lengths: dict[str, np.ndarray]
    places: PlaceColumns | None = None
    # the segment's documents in German alphabetical order of titles (stable); None: not
    # written (an older file), sorted when first needed
    title_order: np.ndarray | None = None
    segment: str = ""  # the id of the Whoosh segment read ("" for other engines)
    groups: GroupCodes | None = None
    derived: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.ids)


class ColumnCollector:
    """Collects the columns of documents as they are added to a segment writer."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.titles: list[str | None] = []
        self.private: list[bool] = []
        self.year: list[int] = []
        self.singles: dict[str, list[str | None]] = {f: [] for f in SINGLE_VALUED}
        self.multis: dict[str, list[list[str]]] = {f: [] for f in MULTI}
        self.places: list[list[tuple[str | None, str | None]]] = []
        self.groups: list[list[str]] = []

    def add(self, fields: Mapping[str, object], profile: object | None = None) -> None:
        """Add one document: its (stored) fields as ``index.build.profile_to_document``
        makes them, and the ``corpus.Profile`` it was made of when at hand (its places
        are then taken from it instead of from the stored payload; a document with
        neither has no places). Raises ValueError (a JSON error) for an unreadable
        payload."""
        if profile is None:
            payload = json.loads(str(fields["payload"])) if fields.get("payload") else {}
            groups = payload.get("groups")
        else:
            payload = {name: getattr(profile, name)
                       for name in ("lead", "lead_key", "participants", "participant_keys")}
            # derived at build, said by the payload (``index.document``); a PostgreSQL build
            # hands them as ``groups`` beside the fields instead of the payload
            if "groups" in fields:
                groups = fields["groups"]
            else:
                groups = json.loads(str(fields["payload"])).get("groups") if fields.get("payload") else None
        self.groups.append([str(code) for code in groups or ()])
        self.places.append(place_pairs(payload.get("lead"), payload.get("lead_key"),
                                       payload.get("participants") or (), payload.get("participant_keys") or ()))
        self.ids.append(str(fields["id"]))
        self.titles.append(fields.get("title"))  # type: ignore[arg-type]
        self.private.append(bool(fields.get("private")))
        year = fields.get("year")
        self.year.append(int(year) if year is not None else -1)  # type: ignore[call-overload]
        for facet, column in self.singles.items():
            value = fields.get(facet)
            column.append(str(value) if value not in (None, "") else None)
        for facet, rows in self.multis.items():
            text = fields.get(facet) or ""
            rows.append(list(dict.fromkeys(v for v in str(text).split("\n") if v)))

    def finish(self, lengths: Mapping[str, np.ndarray]) -> SegmentColumns:
        """The collected columns, with the segment's field ``lengths`` (``segment_lengths``)."""
        title_keys = [german_sort_key(title or "") for title in self.titles]
        singles = {}
        for facet, raw in self.singles.items():
            values = sorted({v for v in raw if v is not None})
            code = {v: i for i, v in enumerate(values)}
            singles[facet] = (np.array([code[v] if v is not None else -1 for v in raw], dtype=np.int32), values)
        multis = {}
        for facet, rows in self.multis.items():
            values = sorted({v for row in rows for v in row})
            code = {v: i for i, v in enumerate(values)}
            flat = np.array([code[v] for row in rows for v in row], dtype=np.int32)
            multis[facet] = (flat, np.array([len(row) for row in rows], dtype=np.int32), values)
        return SegmentColumns(
            ids=self.ids,
            titles=self.titles,
            title_keys=title_keys,
            private=np.array(self.private, dtype=bool),
            year=np.array(self.year, dtype=np.int32),
            singles=singles,
            multis=multis,
            lengths=dict(lengths),
            places=PlaceColumns.collect(self.places),
            title_order=title_order(title_keys),
            groups=GroupCodes.of(self.groups),
        )


def segment_lengths(segment_reader) -> dict[str, np.ndarray]:  # noqa: ANN001 - a Whoosh SegmentReader
    """BM25 field lengths of every document of one Whoosh segment, as ``doc_field_length``
    reports them (0 for none), read column-wise from the segment's length columns (the
    per-document reader is private in Whoosh 2.7; ``doc_field_length`` per document and
    field is what this replaces). Raises OSError on I/O errors."""
    size = segment_reader.doc_count_all()
    perdoc = segment_reader._perdoc
    lengths = {}
    for name in TEXT_FIELDS:
        column = f"_{name}_len"
        codes = np.zeros(size, dtype=np.int64)
        if perdoc.has_column(column):
            codes[:] = np.fromiter(perdoc.column_reader(column, LENGTHS_COLUMN), dtype=np.int64, count=size)
        lengths[name] = np.where(codes > 0, _QUANTISED[codes], 0)
    return lengths


def columns_from_stored(segment_reader) -> SegmentColumns:  # noqa: ANN001 - a Whoosh SegmentReader
    """A segment's columns read from its stored fields (the slow way: every document is
    unpickled). Deleted documents are included (they are masked when loaded)."""
    size = segment_reader.doc_count_all()
    collector = ColumnCollector()
    stored = segment_reader.stored_fields
    for docnum in range(size):
        collector.add(stored(docnum))
    return collector.finish(segment_lengths(segment_reader))


def write_columns(generation: Path, segment_id: str, columns: SegmentColumns) -> None:
    """Write ``columns/<segment_id>.npz`` atomically. Raises OSError, and ValueError for
    columns without places (``PlaceColumns``: an engine that does not keep them)."""
    data = encode_columns(columns)
    directory = generation / COLUMNS_DIR
    directory.mkdir(exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".columns-")
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.replace(temporary, directory / f"{segment_id}.npz")


def encode_columns(columns: SegmentColumns) -> bytes:
    """The columns in the ``.npz`` format of a columns file (also what the PostgreSQL
    engine stores per chunk of documents, ``index.pg.columns``). Raises ValueError for
    columns without places."""
    if columns.places is None:
        raise ValueError("columns without places are not written")
    places = columns.places
    strings = {
        "place_names": places.names,
        "place_keys": places.keys,
        "ids": columns.ids,
        "titles": columns.titles,
        "title_keys": columns.title_keys,
        "singles": {facet: values for facet, (_, values) in columns.singles.items()},
        "multis": {facet: values for facet, (_, _, values) in columns.multis.items()},
        **({"group_table": columns.groups.table} if columns.groups is not None else {}),
    }
    arrays = {
        "format": np.array([COLUMNS_FORMAT], dtype=np.int32),
        "places.names": places.name_codes,
        "places.keys": places.key_codes,
        "places.lengths": places.lengths,
        "strings": np.frombuffer(json.dumps(strings, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
        "private": columns.private,
        "year": columns.year,
        **{f"single.{facet}": codes for facet, (codes, _) in columns.singles.items()},
        **{f"multi.{facet}.flat": flat for facet, (flat, _, _) in columns.multis.items()},
        **{f"multi.{facet}.lengths": rows for facet, (_, rows, _) in columns.multis.items()},
        **{f"length.{name}": values for name, values in columns.lengths.items()},
        **({"title_order": columns.title_order} if columns.title_order is not None else {}),
        **({"groups.codes": columns.groups.codes} if columns.groups is not None else {}),
    }
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def read_columns(generation: Path, segment_id: str) -> SegmentColumns | None:
    """The columns of a segment, or None when it has no readable file of the current
    format (``COLUMNS_FORMAT``). Raises nothing."""
    return decode_columns(generation / COLUMNS_DIR / f"{segment_id}.npz")


def decode_columns(source: Path | bytes | memoryview) -> SegmentColumns | None:
    """Columns from a columns file or its bytes (``encode_columns``), or None when they
    are unreadable or of another format (``COLUMNS_FORMAT``). Raises nothing."""
    try:
        with np.load(source if isinstance(source, Path) else io.BytesIO(source), allow_pickle=False) as data:
            if "format" not in data.files or data["format"].tolist() != [COLUMNS_FORMAT]:
                return None
            arrays = {key: data[key] for key in data.files}
        strings = json.loads(arrays["strings"].tobytes().decode("utf-8"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return None
    places = PlaceColumns(names=strings["place_names"], keys=strings["place_keys"],
                          name_codes=arrays["places.names"], key_codes=arrays["places.keys"],
                          lengths=arrays["places.lengths"])
    return SegmentColumns(
        ids=strings["ids"],
        titles=strings["titles"],
        title_keys=strings.get("title_keys") or [german_sort_key(t or "") for t in strings["titles"]],
        private=arrays["private"],
        year=arrays["year"],
        singles={f: (arrays[f"single.{f}"], strings["singles"][f]) for f in SINGLE_VALUED},
        multis={f: (arrays[f"multi.{f}.flat"], arrays[f"multi.{f}.lengths"], strings["multis"][f]) for f in MULTI},
        lengths={name: arrays[f"length.{name}"] for name in TEXT_FIELDS},
        places=places,
        title_order=arrays.get("title_order"),
        groups=_groups(arrays, strings),
    )


def _groups(arrays: Mapping[str, np.ndarray], strings: Mapping[str, object]) -> GroupCodes | None:
    """The task groups as written: an array and its table, or (written earlier on
    2026-12-08) lists of codes; None in a file written before groups were kept."""
    if "groups.codes" in arrays:
        return GroupCodes(list(strings["group_table"]), arrays["groups.codes"])  # type: ignore[call-overload]
    listed = strings.get("groups")
    return GroupCodes.of(listed) if isinstance(listed, list) else None


def load_columns(generation: Path, reader,  # noqa: ANN001 - an open Whoosh reader
                 kept: Mapping[str, SegmentColumns] | None = None) -> list[tuple[int, SegmentColumns, np.ndarray]]:
    """(document offset, columns, deleted mask) of every segment of an open Whoosh
    ``reader`` over ``generation``, reading each segment's file, or its stored fields
    when it has none (or one of an older format). ``kept``: columns read before from
    this same ``generation``, by segment id (``SegmentColumns.segment``): those of
    segments still there are used again with what was derived from them (a segment
    never changes; only its deleted mask is read anew). Raises OSError on I/O errors."""
    result = []
    if reader.doc_count_all() == 0:
        return result
    for segment_reader, offset in reader.leaf_readers():
        segment = segment_reader.segment()
        size = segment_reader.doc_count_all()
        segment_id = segment.segment_id()
        columns = (kept or {}).get(segment_id)
        if columns is None or len(columns) != size:
            columns = read_columns(generation, segment_id)
            if columns is None or len(columns) != size:
                columns = columns_from_stored(segment_reader)
            columns.segment = segment_id
        deleted = np.zeros(size, dtype=bool)
        gone = list(segment.deleted_docs() or ())
        if gone:
            deleted[np.array(gone, dtype=np.int64)] = True
        result.append((offset, columns, deleted))
    return result


def _current(path: Path) -> bool:
    """Is ``path`` a columns file of the current format? (Reads only its format.)"""
    try:
        with np.load(path, allow_pickle=False) as data:
            return "format" in data.files and data["format"].tolist() == [COLUMNS_FORMAT]
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return False


def check_columns(generation: Path) -> list[str]:
    """What is wrong with ``generation``'s columns files, one sentence per segment whose
    file is missing, unreadable, of an older format or of another document count (such a
    segment is read from its stored fields on every opening: slow, not wrong). Raises
    OSError."""
    problems = []
    ix = whoosh_index.open_dir(str(generation))
    try:
        with ix.reader() as reader:
            for segment_reader, _ in (reader.leaf_readers() if reader.doc_count_all() else ()):
                segment_id = segment_reader.segment().segment_id()
                columns = read_columns(generation, segment_id)
                if columns is None or len(columns) != segment_reader.doc_count_all():
                    problems.append(f"columns of segment {segment_id} are missing, unreadable or of an older format: "
                                    "the next `ikz index update` or `ikz index build` writes them")
    finally:
        ix.close()
    return problems


def refresh_columns(generation: Path) -> None:
    """Give every segment of the generation's index a columns file of the current format
    (from its stored fields; an older file is replaced) and remove the files of segments
    that are gone, after an update merged or added segments. Raises OSError."""
    ix = whoosh_index.open_dir(str(generation))
    try:
        with ix.reader() as reader:
            wanted = set()
            if reader.doc_count_all():
                for segment_reader, _ in reader.leaf_readers():
                    segment_id = segment_reader.segment().segment_id()
                    wanted.add(f"{segment_id}.npz")
                    if not _current(generation / COLUMNS_DIR / f"{segment_id}.npz"):
                        write_columns(generation, segment_id, columns_from_stored(segment_reader))
    finally:
        ix.close()
    directory = generation / COLUMNS_DIR
    if directory.is_dir():
        for path in directory.iterdir():
            if path.name not in wanted and path.suffix == ".npz":
                path.unlink(missing_ok=True)
