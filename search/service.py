"""The search service over one index directory: search, similar cooperations, profiles.

``ProfileSearch(index_dir)`` opens the live generation lazily and reopens it when the
``current`` link moves (a rebuild) or the index gains a commit (an update); facet arrays
are built once per opened generation. Every result is plain data (``search.model``).
"""

from __future__ import annotations

import functools
import json
import math
import os
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

import numpy as np
from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from index.analysis import prepare_analysis
from index.build import CURRENT, IndexMissing, current_generation
from index.columns import load_columns
from index.schema import TEXT_FIELDS
from index.sidecar import sidecar_postings
from index.spelling import SpellingCounts
from index.synonyms import default_lexicon
from search.cache import ResultCache
from search.correct import Corrector
from search.deadline import Deadline
from search.facets import FacetTable
from search.matching import match_plan
from search.model import (
    Hit,
    IndexUnavailable,
    NotFound,
    SearchRequest,
    SearchResult,
    SimilarResult,
    hit_fields,
)
from search.query import QueryBuilder, corrected_text, merge_plans, parse_user_query
from search.readers import SearcherPool, commit_opener
from search.scoring import Scorer, whoosh_postings
from search.similar import max_doc_frequency, similar_to
from search.snippets import make_snippet
from search.suggest import Suggester

# No search may hold a worker longer than this (seconds).
SEARCH_TIME_LIMIT = 1.0
# A rebuilt or updated index becomes visible within this many seconds.
CHECK_INTERVAL = 0.5
G = TypeVar("G")
# Documents whose hit fields are kept parsed per generation (about 0.5 KB each).
HIT_FIELDS_CACHE = 20_000
# A replaced generation is closed this long after the switch (requests still using it finish).
RETIRE_AFTER = 60.0


class _Generation:
    """An open searcher with its facet table and vocabulary helpers."""

    def __init__(self, path: Path, snippet_cache: int = 20_000) -> None:
        self.path = path
        self.index = whoosh_index.open_dir(str(path))
        # for opening and freshness checks only: requests borrow from ``searchers``
        self.searcher: Searcher = self.index.searcher()
        self.searchers = SearcherPool(self.searcher, commit_opener(self.index, self.searcher))
        reader = self.searcher.reader()
        segments = load_columns(path, reader)
        self.table = FacetTable(reader.doc_count_all(), segments)
        lengths = {
            name: np.concatenate([np.where(gone, 0, columns.lengths[name]) for _, columns, gone in segments])
            if segments else np.zeros(0)
            for name in TEXT_FIELDS
        }
        # public searches weigh words by the public profiles only, staff searches by all
        raw = sidecar_postings(path, reader) or whoosh_postings(self.searchers.reader)
        self._raw = raw
        self.scorers = {staff: Scorer(reader.doc_count_all(), lengths, self.table.visible(staff), raw)
                        for staff in (False, True)}
        counts = functools.cache(lambda: SpellingCounts.read(path))
        self.public = Corrector(self.scorers[False], staff=False, counts=counts)
        self.staff = Corrector(self.scorers[True], staff=True, counts=counts)
        self._suggesters: dict[bool, Suggester] = {}
        # snippets depend only on the document and the query terms: cache them
        self.snippet = functools.lru_cache(maxsize=snippet_cache)(self._snippet)

    @functools.cached_property
    def keyword_text(self) -> Callable[[int], str]:
        """A document's keyword field (cached: feedback reads it for the top hits of every query)."""
        return functools.lru_cache(maxsize=HIT_FIELDS_CACHE)(
            lambda docnum: self.stored_fields(docnum).get("keywords") or "")

    def stored_fields(self, docnum: int) -> dict:
        """A document's stored fields, read through a searcher of this thread's own."""
        with self.searchers.searcher() as searcher:
            return searcher.stored_fields(docnum)

    def _snippet(self, docnum: int, terms: frozenset[str]) -> str:
        return make_snippet(self.stored_fields(docnum), set(terms))

    @functools.cached_property
    def doc_frequency(self) -> Callable[[str], int]:
        """Highest document frequency of a token over the text fields in all documents
        (cached; an upper bound for similarity's term selection)."""
        return getattr(self._raw, "doc_frequency", None) or max_doc_frequency(self.searchers.reader)

    @functools.cached_property
    def hit_fields(self) -> Callable[[int], dict[str, object]]:
        """A document's ``Hit`` fields but score and snippet, cached (parsing the stored
        payload was a fifth of an API search). Callers must not change the dict."""
        return functools.lru_cache(maxsize=HIT_FIELDS_CACHE)(self._hit_fields)

    def _hit_fields(self, docnum: int) -> dict[str, object]:
        return hit_fields(json.loads(self.stored_fields(docnum)["payload"]))

    def suggester(self, staff: bool) -> Suggester:
        if staff not in self._suggesters:
            self._suggesters[staff] = Suggester.from_table(self.table, staff)
        return self._suggesters[staff]

    def phrase(self, scorer: Scorer, tokens: tuple[str, ...], deadline: Deadline) -> np.ndarray | None:
        """``Scorer.phrase`` through a searcher of this thread's own. Raises SearchTimeout."""
        with self.searchers.searcher() as searcher:
            return scorer.phrase(searcher, tokens, deadline)

    def close(self) -> None:
        self.searchers.close()
        self.index.close()


class LiveGeneration(ABC, Generic[G]):
    """What both storage engines' services share: the generation they serve, looked up
    again (``_refresh``) at most every ``CHECK_INTERVAL`` seconds, one thread at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation: G | None = None
        # -inf, not 0.0: time.monotonic() may be smaller than CHECK_INTERVAL on a machine
        # that booted moments ago, and a generation never looked up must be looked up
        self._checked = -math.inf

    def _current(self) -> G:
        """The generation to serve, refreshed when the check is due. Raises what
        ``_refresh`` raises (IndexUnavailable)."""
        now = time.monotonic()
        generation = self._generation
        if generation is not None and now - self._checked < CHECK_INTERVAL:
            return generation
        with self._lock:
            generation, checked = self._refresh(self._generation, now)
            self._generation = generation
            if checked:
                self._checked = now
            return generation

    @abstractmethod
    def _refresh(self, generation: G | None, now: float) -> tuple[G, bool]:
        """(the generation to serve from now on, whether the live one was looked up; if
        not, the next call tries again). ``generation``: the one served so far. Each
        storage engine's service says how (``ProfileSearch``, ``PgProfileSearch``)."""


class ProfileSearch(LiveGeneration[_Generation]):
    """Search over the index at ``index_dir`` (see ``index.build`` for its layout).

    Thread-safe: a lock guards reopening; each search reads through a Whoosh searcher
    no other thread uses meanwhile (``search.readers``).
    """

    def __init__(self, index_dir: Path | str, *, snippet_cache: int = 20_000, result_cache: int = 0) -> None:
        """``snippet_cache``: snippets kept per generation; ``result_cache``: finished
        search and similar results kept for the live generation (``search.cache``:
        staff and public apart). 0 turns either off."""
        super().__init__()
        self.index_dir = Path(index_dir)
        self.snippet_cache = snippet_cache
        self.results = ResultCache(result_cache)
        self._retired: list[tuple[float, _Generation]] = []
        self.lexicon = default_lexicon()

    # ------------------------------------------------------------------ lifecycle

    def _refresh(self, generation: _Generation | None, now: float) -> tuple[_Generation, bool]:
        """The open generation, reopened if the index changed. Raises IndexUnavailable
        when there is no index."""
        if generation is None:
            # the analyzer's word lists and hyphenation patterns take a second or two to
            # load: before any search's clock starts, not inside its time limit
            prepare_analysis()
        try:
            path = current_generation(self.index_dir) if generation is None else self._live_path(generation)
        except IndexMissing as error:
            if generation is not None:
                return generation, False  # keep serving what we have
            raise IndexUnavailable(str(error)) from None
        if generation is None or generation.path != path or not generation.searcher.up_to_date():
            fresh = _Generation(path, self.snippet_cache)
            self.results.switch(fresh)
            self._retire(generation, now)
            generation = fresh
        return generation, True

    def _live_path(self, generation: _Generation) -> Path:
        """The live generation's path; only a moved ``current`` link is verified in full."""
        link = self.index_dir / CURRENT
        try:
            target = (self.index_dir / os.readlink(link)).resolve()
        except OSError:
            raise IndexMissing(f"no index at {self.index_dir}") from None
        return generation.path if target == generation.path else current_generation(self.index_dir)

    def _retire(self, generation: _Generation | None, now: float) -> None:
        """Close replaced generations once no request can still be using them."""
        if generation is not None:
            self._retired.append((now, generation))
        while self._retired and now - self._retired[0][0] > RETIRE_AFTER:
            self._retired.pop(0)[1].close()

    def warm_up(self) -> None:
        """Load everything the first search would otherwise load: the word lists of the
        analyzer, the live generation, its spelling vocabularies and the public
        suggestions. Raises IndexUnavailable when there is no index."""
        prepare_analysis()
        generation = self._current()
        for corrector in (generation.public, generation.staff):
            corrector.vocabulary  # noqa: B018 - built on first use
        generation.suggester(False)

    def close(self) -> None:
        with self._lock:
            for _, generation in self._retired:
                generation.close()
            self._retired.clear()
            if self._generation is not None:
                self._generation.close()
                self._generation = None

    # ------------------------------------------------------------------ search

    def search(self, request: SearchRequest) -> SearchResult:
        """Run one search. Raises InvalidRequest (bad query), IndexUnavailable, SearchTimeout
        (past ``SEARCH_TIME_LIMIT``; checked inside every step that grows with the query or
        the page: query words, phrase matching, exclusions, snippets)."""
        generation = self._current()
        key = ("search", request.staff, request)
        result = self.results.get(generation, key)
        if result is None:
            result = self._search(generation, request)
            self.results.put(generation, key, result)
        return result  # type: ignore[return-value]

    def _search(self, generation: _Generation, request: SearchRequest) -> SearchResult:
        table = generation.table
        prepare_analysis()  # the analyzer's word lists load once per process, outside the time limit
        parsed = parse_user_query(request.query)
        correctors = [generation.public, generation.staff] if request.staff else [generation.public]
        for corrector in correctors:
            # built once per generation (0.2 s at 10,000 profiles): after a rebuild, the first
            # search waits for it rather than running out of time
            corrector.vocabulary  # noqa: B018
        deadline = Deadline(SEARCH_TIME_LIMIT)
        plans = [QueryBuilder(self.lexicon, c.known, c.correct).build(parsed, deadline) for c in correctors]
        scorers = [generation.scorers[c.staff] for c in correctors]
        phrases = [lambda tokens, scorer=scorer: generation.phrase(scorer, tokens, deadline) for scorer in scorers]
        # staff also search as the public does, so that they find all the public finds
        plan = merge_plans(plans[1], plans[0]) if request.staff else plans[0]
        public = (plans[0], scorers[0], phrases[0]) if request.staff else None
        scores, base = match_plan(plan, scorers[-1], table.visible(request.staff), generation.keyword_text,
                                  phrases[-1], deadline, public=public)
        masks = table.filter_masks(request)
        matching = base.copy()
        for mask in masks.values():
            matching &= mask
        total = int(matching.sum())
        start = (request.page - 1) * request.per_page
        ranked = table.rank(scores, matching, request, start + request.per_page)
        terms = frozenset(plan.terms)
        hits = tuple(self._hit(generation, docnum, score, terms, deadline) for docnum, score in ranked[start:])
        return SearchResult(
            request=request,
            total=total,
            hits=hits,
            facets=table.count(base, masks, request),
            corrected_query=corrected_text(request.query, plan.concepts),
            ignored=parsed.ignored,
        )

    def _hit(self, generation: _Generation, docnum: int, score: float, terms: frozenset[str],
             deadline: Deadline) -> Hit:
        deadline.check()  # an uncached snippet analyses every word of the document
        return Hit(**generation.hit_fields(docnum), score=round(score, 4), snippet=generation.snippet(docnum, terms))

    # ------------------------------------------------------------------ profiles

    def profile(self, profile_id: str, *, staff: bool = False) -> dict:
        """The full profile as a dict (``ikz parse --json`` shape). Raises NotFound for
        an unknown id and, for the public, for a private profile; IndexUnavailable."""
        generation = self._current()
        docnum = generation.table.docnum.get(profile_id)
        if docnum is None or not generation.table.visible(staff)[docnum]:
            raise NotFound(f"no profile {profile_id!r}", parameter="id")
        fields = generation.stored_fields(docnum)
        data = json.loads(fields["payload"])
        data["sections"] = {name: fields.get(name) or None for name in ("anlass", "ziel", "umsetzung", "finanzierung")}
        return data

    def similar(self, profile_id: str, *, limit: int = 5, staff: bool = False) -> SimilarResult:
        """Cooperations most like ``profile_id``, never itself, private ones only for
        staff. Raises NotFound (unknown or, for the public, private id), IndexUnavailable."""
        generation = self._current()
        table = generation.table
        docnum = table.docnum.get(profile_id)
        if docnum is None or not table.visible(staff)[docnum]:
            raise NotFound(f"no profile {profile_id!r}", parameter="id")
        key = ("similar", staff, docnum, limit)
        result = self.results.get(generation, key)
        if result is None:
            with generation.searchers.searcher() as searcher:
                hits = similar_to(searcher, generation.scorers[staff], self.lexicon, docnum, limit=limit,
                                  upper=generation.doc_frequency)
            result = SimilarResult(profile_id, tuple(hits))
            self.results.put(generation, key, result)
        return result  # type: ignore[return-value]

    def suggest(self, text: str, *, limit: int = 8, staff: bool = False) -> list[dict[str, object]]:
        """Completions ``{text, kind}`` (kind: keyword, place, title) from visible profiles
        only. Raises IndexUnavailable."""
        return self._current().suggester(staff).suggest(text, limit)

    def ids(self, *, staff: bool = False) -> list[str]:
        """Ids of all visible profiles (for checks and exports)."""
        table = self._current().table
        visible = table.visible(staff)
        return [table.ids[n] for n in np.flatnonzero(visible)]  # type: ignore[misc]
