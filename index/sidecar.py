"""Sidecar postings: per Whoosh segment, the arrays the scorer reads, memory-mapped.

Whoosh keeps a term's postings as pickled, delta-encoded blocks that its pure-Python
reader decodes one posting at a time (a common word took 200 ms at 10,000 profiles).
Beside each segment, ``sidecar/<segment id>/arrays.bin`` holds per text field

- ``terms``: the field's terms, sorted (fixed-width UTF-8 bytes),
- ``starts``: where each term's postings start (CSR offsets, one more than terms),
- ``docs``: segment-local document numbers, ascending per term,
- ``weights``: Whoosh's weights (term frequency × boost, float32 as Whoosh stores them),

one after another (8-byte aligned), and ``manifest.json``, written last, with the
segment's id and document count, each array's offset, type and length, and the file's
size and CRC-32. Opening maps the file once (nothing is read until a term is looked up);
a term's postings are then two slices, cold or warm, found by a binary search in C.
Deleted documents stay in the arrays (Whoosh keeps their postings too): whoever reads
them masks them, as the scorer does with the documents it counts.

The arrays are derived data: a segment without a complete sidecar (an index written
before this existed, an interrupted write) is detected by its missing or disagreeing
manifest, rebuilt by ``refresh_sidecars`` (every update runs it) and reported by
``check_sidecars`` (``ikz index check``); readers never use a partial sidecar: a small
segment's arrays (an update's, opened before its sidecar was written) are read from the
segment on open, a larger segment is refused (``SidecarMissing``) and the search service
then reads Whoosh's postings instead.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from pickle import loads

import numpy as np
from whoosh import index as whoosh_index

from index.schema import TEXT_FIELDS

SIDECAR_DIR = "sidecar"
MANIFEST = "manifest.json"
FORMAT = 2
PARTS = ("terms", "starts", "docs", "weights")
ARRAYS = "arrays.bin"
# Segments smaller than this without a sidecar are read into memory on open (milliseconds).
READ_BELOW = 2_000
_HEADER = 4  # Whoosh's postings header tag (b"\x00\x00\x00\x01" style magic)


class SidecarMissing(Exception):
    """A segment has no complete, matching sidecar (the message says what is wrong)."""


def segment_arrays(segment_reader) -> dict[str, dict[str, np.ndarray]]:  # noqa: ANN001 - a Whoosh SegmentReader
    """Per text field, the (terms, starts, docs, weights) arrays of one Whoosh segment, read
    block by block from its term index and postings file (Whoosh 2.7's W3 codec: inlined
    postings of rare terms, pickled blocks of delta-encoded ids and float32 weights for
    others). Deleted documents are included. Raises OSError on I/O errors."""
    terms_reader = segment_reader._terms
    postfile = terms_reader._postfile
    collected: dict[str, tuple[list[bytes], list[np.ndarray], list[np.ndarray]]] = {
        name: ([], [], []) for name in TEXT_FIELDS}
    for (fieldname, term), info in terms_reader.items():
        if fieldname not in collected:
            continue
        terms, docs, weights = collected[fieldname]
        terms.append(term)
        if info.is_inlined():
            ids, values, _ = info.inlined_postings()
            docs.append(np.asarray(ids, dtype=np.int32))
            weights.append(np.asarray(values, dtype=np.float32))
        else:
            offset, _ = info.extent()
            block_ids, block_weights = _read_blocks(postfile, offset)
            docs.append(block_ids)
            weights.append(block_weights)
    result = {}
    for name, (terms, docs, weights) in collected.items():
        counts = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
        starts = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(counts, out=starts[1:])
        width = max((len(t) for t in terms), default=1)
        result[name] = {
            "terms": np.array(terms, dtype=f"S{width}"),
            "starts": starts,
            "docs": np.concatenate(docs) if docs else np.zeros(0, dtype=np.int32),
            "weights": np.concatenate(weights) if weights else np.zeros(0, dtype=np.float32),
        }
    return result


def _read_blocks(postfile, offset: int) -> tuple[np.ndarray, np.ndarray]:  # noqa: ANN001 - a Whoosh StructFile
    """Document numbers and weights of one term's block postings (as ``W3LeafMatcher``
    reads them: length, pickled block info, pickled (ids, weights, values) data)."""
    ids_parts, weight_parts = [], []
    position = offset + _HEADER
    while True:
        postfile.seek(position)
        length = postfile.read_int()
        last = length < 0
        length = abs(length)
        info = postfile.read_pickle()
        count, compression = info[0], info[3]
        start = postfile.tell()
        data = postfile.get(start, position + 4 + length - start)
        if compression:
            data = zlib.decompress(data)
        deltas, weights, _ = loads(data)
        ids_parts.append(np.cumsum(np.asarray(deltas, dtype=np.int64)))
        if weights is None:
            weight_parts.append(np.ones(count, dtype=np.float32))
        elif isinstance(weights, float):
            weight_parts.append(np.full(count, weights, dtype=np.float32))
        else:
            weight_parts.append(np.asarray(weights, dtype=np.float32))
        if last:
            break
        position += 4 + length
    return np.concatenate(ids_parts).astype(np.int32), np.concatenate(weight_parts)


@contextmanager
def segment_directory(root: Path, segment_id: str) -> Iterator[Path]:
    """A new directory of one segment's derived files under ``root``: the caller writes
    into the yielded temporary directory (its manifest last); when the block ends without
    an error the directory replaces ``root/segment_id`` in one rename (a reader sees all of
    it or none), otherwise it is removed. Raises OSError."""
    root.mkdir(exist_ok=True)
    temporary = Path(tempfile.mkdtemp(dir=root, prefix=f".{segment_id}-"))
    try:
        yield temporary
        target = root / segment_id
        if target.exists():
            shutil.rmtree(target)
        os.replace(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def write_sidecar(generation: Path, segment_reader) -> None:  # noqa: ANN001 - a Whoosh SegmentReader
    """Write the sidecar of one segment of ``generation`` (``segment_directory``: the
    manifest last, then renamed into place). Raises OSError."""
    segment_id = segment_reader.segment().segment_id()
    arrays = segment_arrays(segment_reader)
    with segment_directory(generation / SIDECAR_DIR, segment_id) as temporary:
        layout = {}
        position = 0
        with open(temporary / ARRAYS, "wb") as handle:
            for name, parts in arrays.items():
                for part, array in parts.items():
                    padding = -position % 8
                    handle.write(b"\x00" * padding)
                    position += padding
                    data = np.ascontiguousarray(array).tobytes()
                    layout[f"{name}.{part}"] = {"offset": position, "dtype": array.dtype.str, "count": len(array)}
                    handle.write(data)
                    position += len(data)
        manifest = {"format": FORMAT, "segment": segment_id, "documents": segment_reader.doc_count_all(),
                    "arrays": layout, "file": _describe(temporary / ARRAYS)}
        (temporary / MANIFEST).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")


def _describe(path: Path) -> dict[str, int]:
    crc, size = 0, 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
    return {"size": size, "crc32": crc}


@dataclass(frozen=True)
class FieldPostings:
    """One field's memory-mapped arrays in one segment."""

    terms: np.ndarray
    starts: np.ndarray
    docs: np.ndarray
    weights: np.ndarray

    def lookup(self, term: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """(segment-local document numbers, weights) of ``term`` (slices of the mapped
        arrays, not copies), or None when the segment does not hold it."""
        terms = self.terms
        if not len(terms) or len(term) > terms.dtype.itemsize or term.endswith(b"\x00"):
            return None
        index = int(np.searchsorted(terms, term))
        if index == len(terms) or terms[index] != term:
            return None
        start, end = int(self.starts[index]), int(self.starts[index + 1])
        return self.docs[start:end], self.weights[start:end]

    def doc_frequency(self, term: bytes) -> int:
        """How many documents (deleted ones included) hold ``term``."""
        found = self.lookup(term)
        return 0 if found is None else len(found[0])


class SegmentSidecar:
    """The opened sidecar of one segment."""

    def __init__(self, directory: Path, segment_id: str, documents: int) -> None:
        """Map the arrays file. Raises SidecarMissing when the manifest is missing or
        names another segment, another document count, other arrays or another file size
        (the checksum is compared by ``verify``, which reads everything)."""
        manifest = _manifest(directory, segment_id, documents)
        self.directory = directory
        self.segment_id = segment_id
        self.documents = documents
        self.described: dict[str, int] = manifest["file"]
        self.fields: dict[str, FieldPostings] = {}
        try:
            # a read-only map: pages are shared with every process mapping the same file
            mapped = np.memmap(directory / ARRAYS, dtype=np.uint8, mode="r") if self.described["size"] else None
            for name in TEXT_FIELDS:
                parts = {}
                for part in PARTS:
                    entry = manifest["arrays"][f"{name}.{part}"]
                    dtype = np.dtype(entry["dtype"])
                    if not entry["count"]:
                        parts[part] = np.zeros(0, dtype=dtype)
                        continue
                    end = entry["offset"] + entry["count"] * dtype.itemsize
                    if mapped is None or end > len(mapped):
                        raise ValueError(f"{name}.{part} lies past the end of {ARRAYS}")
                    parts[part] = mapped[entry["offset"]:end].view(dtype)
                self.fields[name] = FieldPostings(**parts)
        except (OSError, ValueError, TypeError, KeyError) as error:
            raise SidecarMissing(f"sidecar of segment {segment_id} is unreadable: {error}") from None

    def lookup(self, name: str, term: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """See ``FieldPostings.lookup``."""
        return self.fields[name].lookup(term)

    def verify(self) -> None:
        """Compare the arrays file's CRC-32 with the manifest. Raises SidecarMissing."""
        if _describe(self.directory / ARRAYS) != self.described:
            raise SidecarMissing(f"sidecar of segment {self.segment_id}: {ARRAYS} does not match its manifest")


def read_manifest(directory: Path, segment_id: str, what: str, missing: type[Exception]) -> dict:
    """The manifest of one segment's derived files in ``directory`` (``what`` names them in
    messages: "sidecar postings", "semantic vectors"). Raises ``missing`` when it is
    absent or unreadable."""
    try:
        return json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise missing(f"segment {segment_id} has no {what}") from None
    except (OSError, ValueError) as error:
        raise missing(f"the manifest of segment {segment_id}'s {what} is unreadable: {error}") from None


def _manifest(directory: Path, segment_id: str, documents: int) -> dict:
    manifest = read_manifest(directory, segment_id, "sidecar postings", SidecarMissing)
    if manifest.get("format") != FORMAT or manifest.get("segment") != segment_id:
        raise SidecarMissing(f"sidecar of segment {segment_id} is of another format or segment")
    if manifest.get("documents") != documents:
        raise SidecarMissing(f"sidecar of segment {segment_id} holds {manifest.get('documents')} documents, "
                             f"the segment {documents}")
    expected = {f"{name}.{part}" for name in TEXT_FIELDS for part in PARTS}
    if set(manifest.get("arrays") or {}) != expected:
        raise SidecarMissing(f"sidecar of segment {segment_id} lists other arrays than expected")
    try:
        size = (directory / ARRAYS).stat().st_size
    except OSError:
        size = -1
    if size != (manifest.get("file") or {}).get("size"):
        raise SidecarMissing(f"sidecar of segment {segment_id}: {ARRAYS} is missing or of the wrong size")
    return manifest


def open_sidecar(generation: Path, segment_reader) -> SegmentSidecar:  # noqa: ANN001 - a Whoosh SegmentReader
    """The sidecar of one segment of ``generation``. Raises SidecarMissing."""
    segment_id = segment_reader.segment().segment_id()
    return SegmentSidecar(generation / SIDECAR_DIR / segment_id, segment_id, segment_reader.doc_count_all())


def _segments(reader) -> Iterator[tuple[object, int]]:  # noqa: ANN001 - a Whoosh reader
    if reader.doc_count_all() == 0:
        return iter(())
    return iter(reader.leaf_readers())


@contextmanager
def segment_readers(generation: Path) -> Iterator[list]:
    """The Whoosh segment readers of ``generation``'s index (none for an empty one), open
    for the ``with`` block; what per-segment derived data (sidecars, vectors) is written
    and checked by. Raises OSError."""
    ix = whoosh_index.open_dir(str(generation))
    try:
        with ix.reader() as reader:
            yield [segment_reader for segment_reader, _ in _segments(reader)]
    finally:
        ix.close()


def refresh_segments(generation: Path, directory: str, complete: Callable[[object], bool],
                     write: Callable[[object], None]) -> list[str]:
    """Give every segment of ``generation`` its derived data under ``generation/directory``
    (sidecars, vectors): ``write(segment_reader)`` for each segment where
    ``complete(segment_reader)`` is false, then remove the directories of segments that
    are gone (merged away). Returns the ids of the segments written. Raises what
    ``complete`` and ``write`` raise, OSError."""
    written, wanted = [], set()
    with segment_readers(generation) as segments:
        for segment_reader in segments:
            segment_id = segment_reader.segment().segment_id()
            wanted.add(segment_id)
            if not complete(segment_reader):
                write(segment_reader)
                written.append(segment_id)
    root = generation / directory
    if root.is_dir():
        for path in root.iterdir():
            if path.is_dir() and path.name not in wanted:
                shutil.rmtree(path, ignore_errors=True)
    return written


def refresh_sidecars(generation: Path, *, verify: bool = False) -> list[str]:
    """Give every segment of ``generation`` a complete sidecar (writing the missing or
    damaged ones) and remove those of segments that are gone; returns the ids of the
    segments written. Damage is found by the manifest, the document count and the file
    sizes; ``verify`` also compares checksums (reading every file). Raises OSError."""
    def complete(segment_reader) -> bool:  # noqa: ANN001 - a Whoosh SegmentReader
        try:
            sidecar = open_sidecar(generation, segment_reader)
            if verify:
                sidecar.verify()
        except SidecarMissing:
            return False
        return True

    return refresh_segments(generation, SIDECAR_DIR, complete, lambda reader: write_sidecar(generation, reader))


def check_sidecars(generation: Path) -> list[str]:
    """What is wrong with ``generation``'s sidecars, one sentence per damaged segment
    (empty: all complete, every checksum matching). Raises OSError."""
    problems = []
    with segment_readers(generation) as segments:
        for segment_reader in segments:
            try:
                open_sidecar(generation, segment_reader).verify()
            except SidecarMissing as error:
                problems.append(f"{error}: the next `ikz index update` or `ikz index build` writes it")
    return problems


class _InMemory:
    """The arrays of a small segment without a sidecar, read from the segment itself."""

    def __init__(self, segment_reader) -> None:  # noqa: ANN001 - a Whoosh SegmentReader
        self.fields = {name: FieldPostings(**parts) for name, parts in segment_arrays(segment_reader).items()}

    def lookup(self, name: str, term: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        return self.fields[name].lookup(term)


class SidecarPostings:
    """Raw postings of a whole index (all its segments, in document-number order) read
    from the segments' sidecars: ``postings(field, token)`` is the scorer's
    ``RawPostings``. Thread-safe (the arrays are read-only)."""

    def __init__(self, generation: Path, reader, *, read_below: int = READ_BELOW) -> None:  # noqa: ANN001
        """Open the sidecar of every segment the open Whoosh ``reader`` reads. A segment of
        fewer than ``read_below`` documents without a complete sidecar has its arrays read
        from the segment instead (a reader may open an update's commit before the update
        has written the new segment's sidecar). ``reader`` must not be used by another
        thread meanwhile. Raises SidecarMissing naming the first larger segment without a
        complete sidecar."""
        self.segments: list[tuple[int, SegmentSidecar | _InMemory]] = []
        for segment_reader, offset in _segments(reader):
            try:
                sidecar: SegmentSidecar | _InMemory = open_sidecar(generation, segment_reader)
            except SidecarMissing:
                if segment_reader.doc_count_all() >= read_below:
                    raise
                sidecar = _InMemory(segment_reader)
            self.segments.append((offset, sidecar))

    def __call__(self, name: str, token: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(document numbers as int64, weights as float64) of ``token`` in field ``name``,
        deleted documents included, or None when no segment holds it."""
        term = token.encode("utf-8")
        parts = [(offset, found) for offset, sidecar in self.segments
                 if (found := sidecar.lookup(name, term)) is not None]
        if not parts:
            return None
        ids = np.concatenate([docs.astype(np.int64) + offset for offset, (docs, _) in parts])
        weights = np.concatenate([w for _, (_, w) in parts]).astype(np.float64)
        return ids, weights

    def doc_frequency(self, token: str) -> int:
        """The highest number of documents (deleted ones included, as Whoosh counts them)
        holding ``token`` in one text field."""
        term = token.encode("utf-8")
        return max(sum(sidecar.fields[name].doc_frequency(term) for _, sidecar in self.segments)
                   for name in TEXT_FIELDS)


def sidecar_postings(generation: Path, reader) -> SidecarPostings | None:  # noqa: ANN001 - an open Whoosh reader
    """The generation's ``SidecarPostings``, or None (logged as a warning naming what is
    wrong) when a segment has no complete sidecar: the caller then reads Whoosh's own
    postings, slower but right. Raises nothing."""
    try:
        return SidecarPostings(generation, reader)
    except SidecarMissing as error:
        logging.getLogger(__name__).warning("%s: reading Whoosh's postings instead (slow); "
                                            "`ikz index check` reports it", error)
        return None
