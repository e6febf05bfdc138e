"""The Whoosh storage engine: ``ProfileSearch(index_dir)``, the search core over an
index directory (``index.build``'s layout).

Only storage lives here (``WhooshGeneration``: postings, stored fields, phrase matching,
the spelling counts written with the index) and how the live generation is found: the
``current`` link, looked up again when it moves (a rebuild) or the index gains a commit
(an update). Everything else is ``search.core``. Every read goes through a Whoosh
searcher no other thread uses meanwhile (``search.readers``: Whoosh readers seek, then
read, so threads sharing one corrupt each other's reads).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from index.build import CURRENT, IndexMissing, current_generation
from index.columns import SegmentColumns, load_columns
from index.history import read_history
from index.schema import TEXT_FIELDS
from index.semantic import whoosh_vectors
from index.sidecar import sidecar_postings
from index.spelling import SpellingCounts
from search.core import SearchService
from search.served import HIT_FIELDS_CACHE
from search.deadline import Deadline
from search.engine import Body, Postings
from search.model import IndexUnavailable
from search.phrase import TimedPhrase
from search.readers import SearcherPool, commit_opener

# (field, token) posting lists kept per generation as arrays
POSTINGS_CACHE = 50_000


def _prefix(before: list[tuple[int, SegmentColumns, np.ndarray]],
            after: list[tuple[int, SegmentColumns, np.ndarray]]) -> bool:
    """Are the segments ``before`` the first of ``after``, at the same offsets?"""
    return len(before) <= len(after) and all(
        offset == new_offset and columns.segment and columns.segment == new.segment
        for (offset, columns, _), (new_offset, new, _) in zip(before, after, strict=False))


class WhooshGeneration:
    """One opened Whoosh index generation (``search.engine.Generation``)."""


    def __init__(self, path: Path, previous: WhooshGeneration | None = None) -> None:
        """Open the generation at ``path``; ``previous``: one opened before at the same
        path, whose columns of segments still there (and what was derived from them)
        are used again. Raises OSError or Whoosh's errors when it cannot be read."""
        self.path = path
        self.index = whoosh_index.open_dir(str(path))
        # for opening and freshness checks only: reads borrow from ``searchers``
        self.searcher: Searcher = self.index.searcher()
        self.searchers = SearcherPool(self.searcher, commit_opener(self.index, self.searcher))
        reader = self.searcher.reader()
        self.size = reader.doc_count_all()
        kept = {columns.segment: columns for _, columns, _ in previous.segments} if previous is not None else None
        same = previous is not None and previous.path == path
        self.segments = load_columns(path, reader, kept if same else None)
        # an update that kept every segment where it was (a commit that merged none, only
        # added and deleted): document numbers still stand for the same documents
        self.continues = same and _prefix(previous.segments, self.segments)  # type: ignore[union-attr]
        self.lengths = {
            name: np.concatenate([np.where(gone, 0, columns.lengths[name]) for _, columns, gone in self.segments])
            if self.segments else np.zeros(0)
            for name in TEXT_FIELDS
        }
        self.vectors = whoosh_vectors(path, reader)
        self._sidecar = sidecar_postings(path, reader)  # None: no complete sidecar, read Whoosh's postings
        self.postings = functools.lru_cache(maxsize=POSTINGS_CACHE)(self._sidecar or self._postings)
        self.keyword_text = functools.lru_cache(maxsize=HIT_FIELDS_CACHE)(self._keyword_text)
        self._bound = functools.lru_cache(maxsize=100_000)(self._doc_frequency)
        self._counts = functools.cache(lambda: SpellingCounts.read(path))

    def added(self) -> dict[str, str]:
        """Per id, when the profile entered the index (``history.json``; {} when unreadable)."""
        try:
            return {i: entry["added"] for i, entry in read_history(self.path).items() if entry.get("added")}
        except (OSError, ValueError, TypeError, AttributeError):  # a damaged table: no dates, not a failed search
            return {}

    def up_to_date(self) -> bool:
        """Has the index gained no commit since this generation was opened?"""
        return self.searcher.up_to_date()

    def _postings(self, name: str, token: str) -> Postings | None:
        """Raw postings read from a reader of this thread's own (each list once per generation)."""
        with self.searchers.reader() as reader:
            if reader.doc_frequency(name, token) == 0:
                return None
            # the stored weights (term frequency × token boost: compound parts weigh less),
            # as the sidecar holds them; ``items_as("weight")`` would count positions instead
            matcher, items = reader.postings(name, token), []
            while matcher.is_active():
                items.append((matcher.id(), matcher.weight()))
                matcher.next()
        ids = np.fromiter((i for i, _ in items), dtype=np.int64, count=len(items))
        tf = np.fromiter((w for _, w in items), dtype=np.float64, count=len(items))
        return ids, tf

    def prefetch(self, tokens: Iterable[str]) -> None:
        """Nothing to do: postings are read from local files when first asked for."""

    def _doc_frequency(self, token: str) -> int:
        if self._sidecar is not None:
            return self._sidecar.doc_frequency(token)
        with self.searchers.reader() as reader:
            return max(reader.doc_frequency(name, token) for name in TEXT_FIELDS)

    def posting_bounds(self, tokens: list[str]) -> dict[str, int]:
        """Per token, its highest document frequency over the text fields in all
        documents (one term-index lookup per field; cached)."""
        return {token: self._bound(token) for token in tokens}

    def phrase_matches(self, tokens: tuple[str, ...], deadline: Deadline) -> dict[str, np.ndarray]:
        """Per text field, the documents where the phrase occurs (Whoosh's phrase
        matching). Raises SearchTimeout once ``deadline`` has passed, also in the middle
        of matching."""
        matches = {}
        with self.searchers.searcher() as searcher:
            for name in TEXT_FIELDS:
                docs = list(searcher.docs_for_query(TimedPhrase(name, list(tokens), deadline=deadline)))
                if docs:
                    matches[name] = np.array(docs, dtype=np.int64)
        return matches

    def bodies(self, docs: list[int]) -> Callable[[], dict[int, Body]]:
        """Payloads and stored texts, read from the stored fields when the answer is asked for."""
        def read() -> dict[int, Body]:
            found = {}
            with self.searchers.searcher() as searcher:
                for doc in docs:
                    stored = searcher.stored_fields(doc)
                    found[doc] = (json.loads(stored["payload"]), stored)
            return found
        return read

    def payloads(self, docs: list[int]) -> dict[int, dict]:
        """The payloads of documents by number (read from the stored fields)."""
        return {doc: body[0] for doc, body in self.bodies(docs)().items()}

    def _keyword_text(self, doc: int) -> str:
        with self.searchers.searcher() as searcher:
            return searcher.stored_fields(doc).get("keywords") or ""

    def spelling(self, staff: bool) -> Iterable[tuple[str, int]]:
        """The spelling counts written with the index."""
        counts = self._counts()
        return (counts.all if staff else counts.public).items()

    def close(self) -> None:
        self.searchers.close()
        self.index.close()


class ProfileSearch(SearchService):
    """Search over the index at ``index_dir`` (see ``index.build`` for its layout).

    Thread-safe: a lock guards reopening; each search reads through a Whoosh searcher
    no other thread uses meanwhile (``search.readers``).
    """

    def __init__(self, index_dir: Path | str, **options: object) -> None:
        """``options``: those of ``SearchService`` (caches, time limit, clock)."""
        super().__init__(**options)  # type: ignore[arg-type]
        self.index_dir = Path(index_dir)

    def _live(self, previous: WhooshGeneration | None) -> WhooshGeneration:  # type: ignore[override]
        """The open generation, reopened if the ``current`` link moved or the index gained
        a commit. Raises IndexUnavailable when there is no index."""
        try:
            path = current_generation(self.index_dir) if previous is None else self._live_path(previous)
        except IndexMissing as error:
            raise IndexUnavailable("index_missing", detail=str(error)) from None
        if previous is not None and previous.path == path and previous.up_to_date():
            return previous
        return WhooshGeneration(path, previous)

    def _live_path(self, generation: WhooshGeneration) -> Path:
        """The live generation's path; only a moved ``current`` link is verified in full."""
        link = self.index_dir / CURRENT
        try:
            target = (self.index_dir / os.readlink(link)).resolve()
        except OSError:
            raise IndexMissing(f"no index at {self.index_dir}") from None
        return generation.path if target == generation.path else current_generation(self.index_dir)
