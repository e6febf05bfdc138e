"""The engine-neutral search service: one implementation of search, similar cooperations,
profiles and suggestions over whatever storage engine holds the index.

An engine (``search.engine``) stores a generation and says which generation is live;
this module does the rest, the same for every engine:

- the live generation, looked up at most every ``CHECK_INTERVAL`` seconds, and a request
  run again on the live one when its generation was removed under it (``GenerationGone``);
- per generation (``Served``): the facet table, the public and staff scorers, spelling
  correctors, suggesters and the hit-field and snippet caches;
- per request: the query plans for public and staff, ranking, filters, facet counts,
  hits with snippets, all under one deadline (``time_limit`` and ``clock`` passed in),
  and finished results kept in a ``ResultCache``.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from corpus.model import TEXT_SECTIONS
from index.analysis import analyze, prepare_analysis
from index.glossary import default_glossary
from index.semantic import encode
from index.synonyms import default_lexicon
from search.cache import ResultCache
from search.deadline import Deadline
from search.engine import Body, Generation, GenerationGone
from search.floor import relevance_floor
from search.matching import match_plan
from search.near import near_origin, rank_near
from search.municipalities import MunicipalityDirectory
from search.model import (
    Hit,
    IndexUnavailable,
    SearchRequest,
    SearchResult,
    SimilarHit,
    SimilarResult,
    hit_fields,
)
from search.language import read_query
from search.place_lift import without_places
from search.place_names import place_names
from search.query import ParsedQuery, QueryBuilder, corrected_text, merge_plans, parse_user_query, topic_words
from search.shared import shared_between
from search.semantic import hybrid, query_vector
from search.similar import rank_similar, source_terms, surely_common
from search.similar_parts import area_overlap, headline_text
from search.snippets import make_snippet
from search.task_groups import group_overlap
from search.served import Served

# No search may hold a worker longer than this (seconds).
SEARCH_TIME_LIMIT = 1.0
# A rebuilt or updated index becomes visible within this many seconds.
CHECK_INTERVAL = 0.5
# A request whose generation was removed under it is run this often at most.
ATTEMPTS = 3
T = TypeVar("T")


class SearchService(ABC):
    """Search, similar cooperations, profiles and suggestions over one index, whichever
    engine stores it; an engine's service subclasses this and implements ``_live``.
    Thread-safe. Every result is plain data (``search.model``)."""

    # a replaced generation is closed this long after the switch (requests still using it finish)
    retire_after = 60.0

    def __init__(self, *, snippet_cache: int = 20_000, result_cache: int = 0, time_limit: float | None = None,
                 clock: Callable[[], float] = time.monotonic, semantic: bool = True) -> None:
        """``snippet_cache``: snippets kept per generation; ``result_cache``: finished
        search and similar results kept for the live generation (``search.cache``: staff
        and public apart), 0 turns either off; ``time_limit``: seconds a search may take
        (``SEARCH_TIME_LIMIT`` by default), measured on ``clock``; ``semantic``: False
        ranks lexically only although the index has profile vectors (``ikz eval``
        compares both; ``IKZ_SEMANTIC=off`` switches the layer off everywhere)."""
        self.snippet_cache = snippet_cache
        self.results = ResultCache(result_cache)
        self.time_limit = SEARCH_TIME_LIMIT if time_limit is None else time_limit
        self.clock = clock
        self.semantic = semantic
        self.lexicon = default_lexicon()
        self._lock = threading.Lock()
        self._served: Served | None = None
        # -inf, not 0.0: time.monotonic() may be smaller than CHECK_INTERVAL on a machine
        # that booted moments ago, and a generation never looked up must be looked up
        self._checked = -math.inf
        self._retired: list[tuple[float, Generation]] = []

    # ------------------------------------------------------------------ the live generation

    @abstractmethod
    def _live(self, previous: Generation | None) -> Generation:
        """The live generation: ``previous`` (the one served so far) if it is still live
        and unchanged, else a newly opened one (which may build on ``previous``). Raises
        IndexUnavailable when there is none or it cannot be read."""

    def _current(self) -> Served:
        """What is served now, looked up again when the check is due. Raises
        IndexUnavailable when no generation was ever served and none can be opened."""
        now = time.monotonic()
        served = self._served
        if served is not None and now - self._checked < CHECK_INTERVAL:
            return served
        with self._lock:
            served, checked = self._refresh(self._served, now)
            self._served = served
            if checked:
                self._checked = now
            return served

    def _refresh(self, served: Served | None, now: float) -> tuple[Served, bool]:
        """(what to serve from now on, whether the live generation was looked up; if not,
        the next call tries again)."""
        if served is None:
            # the analyzer's word lists and hyphenation patterns take a second or two to
            # load: before any search's clock starts, not inside its time limit
            prepare_analysis()
        try:
            generation = self._live(served.generation if served is not None else None)
        except IndexUnavailable:
            if served is not None:
                return served, False  # keep serving what we have
            raise
        if served is None or generation is not served.generation:
            fresh = Served(generation, served, self.snippet_cache)
            if not self.semantic:
                fresh.vectors = None
            # part of opening: no search pays for the public vocabulary (0.2 s at 10,000 profiles)
            fresh.correctors[False].vocabulary  # noqa: B018
            if fresh.vectors is not None:
                encode.load()  # once per process (seconds): no query's time limit pays for it
            self.results.switch(fresh)
            if served is not None:
                self._retire(served.generation, now)
            served = fresh
        return served, True

    def _retire(self, generation: Generation, now: float) -> None:
        """Close replaced generations once no request can still be using them."""
        self._retired.append((now, generation))
        while self._retired and now - self._retired[0][0] >= self.retire_after:
            self._retired.pop(0)[1].close()

    def _retrying(self, run: Callable[[Served], T]) -> T:
        """``run`` on what is served, again on the live generation when the one it read
        was removed under it. Raises IndexUnavailable after ``ATTEMPTS`` such tries."""
        for attempt in range(ATTEMPTS):
            try:
                return run(self._current())
            except GenerationGone:
                if attempt == ATTEMPTS - 1:
                    raise IndexUnavailable("index_changed") from None
                self._checked = -math.inf  # look up the live generation now (then read what changed)
        raise AssertionError("unreachable")

    def warm_up(self) -> None:
        """Load everything the first search would otherwise load: the analyzer's word
        lists, the English glossary, the live generation, its spelling vocabularies, the
        public suggestions and the places of its place facets. Raises IndexUnavailable."""
        prepare_analysis()
        default_glossary()
        served = self._current()
        for corrector in served.correctors.values():
            corrector.vocabulary  # noqa: B018 - built on first use
        served.suggester(False)
        served.places.prepare()

    def close(self) -> None:
        """Close every generation this service opened."""
        with self._lock:
            for _, generation in self._retired:
                generation.close()
            self._retired.clear()
            if self._served is not None:
                self._served.generation.close()
                self._served = None
            self._checked = -math.inf

    # ------------------------------------------------------------------ search

    def search(self, request: SearchRequest) -> SearchResult:
        """Run one search. Raises InvalidRequest (bad query), IndexUnavailable, SearchTimeout
        (past the time limit; checked inside every step that grows with the query or the
        page: query words, phrase matching, exclusions, snippets)."""
        parsed = parse_user_query(request.query)

        def run(served: Served) -> SearchResult:
            key = ("search", request.staff, request)
            result = self.results.get(served, key)
            if result is None:
                result = self._search(served, request, parsed)
                self.results.put(served, key, result)
            return result  # type: ignore[return-value]

        return self._retrying(run)

    def _search(self, served: Served, request: SearchRequest, parsed: ParsedQuery) -> SearchResult:
        generation, table = served.generation, served.table
        prepare_analysis()  # the analyzer's word lists load once per process, outside the time limit
        audiences = [False, True] if request.staff else [False]
        correctors = [served.correctors[staff] for staff in audiences]
        for corrector in correctors:
            # built once per generation: after a rebuild, the first search waits for it
            # rather than running out of time
            corrector.vocabulary  # noqa: B018
        origin = near_origin(request.near) if request.near else None
        tiers = served.near_table().tiers(origin) if origin else None  # before the clock starts: read once
        deadline = Deadline(self.time_limit, self.clock)
        generation.prefetch(t for text in (*parsed.words, *parsed.phrases, *parsed.excluded) for t in analyze(text))
        # English words and glossary phrases, read once (with the public vocabulary) for both plans
        words = self.lexicon.numbered(topic_words(parsed))  # SGB 2 → SGB-II
        reading = read_query(words, served.correctors[False].vocabulary.__contains__)
        plans = [QueryBuilder(self.lexicon, c.known, c.correct).build(parsed, deadline, reading) for c in correctors]
        # staff also search as the public does, so that they find all the public finds
        plan = merge_plans(plans[1], plans[0]) if request.staff else plans[0]
        generation.prefetch(plan.terms | {t for tokens in plan.excluded for t in tokens})
        # one read per phrase, shared by both audiences' scorers
        matches = functools.lru_cache(maxsize=None)(lambda tokens: generation.phrase_matches(tokens, deadline))
        scorers = [served.scorers[staff] for staff in audiences]
        phrases = [lambda tokens, scorer=scorer: scorer.phrase_scores(tokens, matches(tokens)) for scorer in scorers]
        public = (plans[0], scorers[0], phrases[0]) if request.staff else None
        scores, base = match_plan(plan, scorers[-1], table.visible(request.staff), generation.keyword_text,
                                  phrases[-1], deadline, public=public)
        if scores is not None and served.vectors is not None:
            kept = np.ones(generation.size, dtype=bool)
            for tokens in plan.excluded:
                kept &= ~scorers[-1].mask(tokens)
            allowed = [table.visible(staff) & kept for staff in audiences]
            # the meaning of what is asked; where (a place named) is the lift's below
            topic = dataclasses.replace(parsed, words=without_places(parsed.words, place_names()))
            scores, base = hybrid(served.vectors, topic, scores, base, allowed)
        if scores is not None:  # a place named in the query lifts its cooperations
            scores = served.places.lift(scores, parsed.words, place_names())
        masks = table.filter_masks(request)
        matching = base.copy()
        for mask in masks.values():
            matching &= mask
        base, matching, weaker = relevance_floor(scores, base, matching, request)
        start = (request.page - 1) * request.per_page
        if request.sort == "near" and tiers is not None:
            relevance = dataclasses.replace(request, sort="relevance")
            ranked = rank_near(tiers, matching, start + request.per_page,
                               lambda mask, limit: table.rank(scores, mask, relevance, limit))[start:]
        else:
            ranked = table.rank(scores, matching, request, start + request.per_page)[start:]
        terms = frozenset(plan.terms)
        missing = [doc for doc, _ in ranked
                   if served.hit_fields.get(doc) is None or served.snippets.get((doc, terms)) is None]
        # an engine may read those bodies while this thread counts the facets
        pending = generation.bodies(missing) if missing else dict
        facets = table.count(base, masks, request)
        bodies = pending()
        hits = []
        for doc, score in ranked:
            deadline.check()  # an uncached snippet analyses every word of the document
            hits.append(self._hit(served, doc, score, terms, bodies,
                                  distance=int(tiers[doc]) if tiers is not None else None))
        return SearchResult(request=request, total=int(matching.sum()), hits=tuple(hits), facets=facets,
                            corrected_query=corrected_text(request.query, plan.concepts), ignored=parsed.ignored,
                            near=origin, weaker=weaker)

    @staticmethod
    def _hit(served: Served, doc: int, score: float, terms: frozenset[str], bodies: dict[int, Body],
             distance: int | None = None) -> Hit:
        """The hit of ``doc``: fields and snippet as kept, or from its body, then kept. A
        document number always stands for the same profile, so both stay valid for the
        generation. Raises GenerationGone when the body is needed and gone."""
        fields = served.hit_fields.get(doc)
        snippet = served.snippets.get((doc, terms))
        if fields is None or snippet is None:
            if doc not in bodies:  # kept when the page was ranked, dropped since
                bodies.update(served.bodies([doc]))
            payload, texts = bodies[doc]
            if fields is None:
                fields = hit_fields(payload)
                served.hit_fields.put(doc, fields)
            if snippet is None:
                snippet = make_snippet(texts, set(terms))
                served.snippets.put((doc, terms), snippet)
        return Hit(**fields, score=round(score, 4), snippet=snippet, distance=distance)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ profiles

    def profile(self, profile_id: str, *, staff: bool = False) -> dict:
        """The full profile as a dict (``ikz parse --json`` shape) with its ``sections``.
        Raises NotFound for an unknown id and, for the public, for a private profile;
        IndexUnavailable."""
        def run(served: Served) -> dict:
            doc = served.doc(profile_id, staff)
            payload, texts = served.bodies([doc])[doc]
            data = dict(payload)
            data["sections"] = {name: texts.get(name) or None for name in TEXT_SECTIONS}
            return data

        return self._retrying(run)

    def similar(self, profile_id: str, *, limit: int = 5, staff: bool = False) -> SimilarResult:
        """Cooperations most like ``profile_id``, never itself, private ones only for
        staff. Raises NotFound (unknown or, for the public, private id), IndexUnavailable."""
        def run(served: Served) -> SimilarResult:
            doc = served.doc(profile_id, staff)
            key = ("similar", staff, doc, limit)
            result = self.results.get(served, key)
            if result is None:
                result = SimilarResult(profile_id, self._similar(served, doc, limit, staff))
                self.results.put(served, key, result)
            return result  # type: ignore[return-value]

        return self._retrying(run)

    def _similar(self, served: Served, doc: int, limit: int, staff: bool) -> tuple[SimilarHit, ...]:
        generation, table, scorer = served.generation, served.table, served.scorers[staff]
        source, texts = served.bodies([doc])[doc]
        weights = source_terms(texts)
        tokens = list(weights)
        tokens += [f[0] for t in tokens for f in self.lexicon.expansions(t) if len(f) == 1]
        # Words in more than MAX_DOC_SHARE of the visible profiles are left out anyway; their
        # posting arrays are the longest. Bounds (counted without reading the arrays) rule
        # out those with more entries than that share plus every document the requester
        # does not see; the rest are read at once.
        bounds = generation.posting_bounds(tokens)
        generation.prefetch(t for t in tokens if bounds[t] > 0 and not surely_common(scorer, bounds[t]))
        areas = area_overlap(table.fields["area"], doc)  # type: ignore[arg-type]
        groups = group_overlap(served.task_groups(), doc)
        vectors = served.vectors
        similarity = headline = None
        if vectors is not None:
            similarity = vectors.similarities(vectors.row(doc))
            if text := headline_text(texts):
                headline = vectors.similarities(query_vector(text))
        ranked = rank_similar(texts, scorer, bounds.__getitem__, self.lexicon, doc, limit=limit, areas=areas,
                              groups=groups, similarity=similarity, headline=headline, weights=weights)
        others = served.bodies([other for other, _ in ranked]) if ranked else {}
        return tuple(SimilarHit(table.ids[other], table.titles[other], score, bool(table.private[other]),  # type: ignore[arg-type]
                                shared_between(source, others[other][0]))
                     for other, score in ranked)

    def suggest(self, text: str, *, limit: int = 8, staff: bool = False) -> list[dict[str, object]]:
        """Completions ``{text, kind}`` (kind: keyword, place, title) from visible profiles
        only; a place whose official key is known also has ``key`` (its municipality
        page). Raises IndexUnavailable."""
        def run(served: Served) -> list[dict[str, object]]:
            found = served.suggester(staff).suggest(text, limit)
            directory = served.municipalities(staff, wait=False) if any(
                item["kind"] == "place" for item in found) else None
            if directory is not None:  # not yet built: no keys this time rather than a wait
                for item in found:
                    if item["kind"] == "place" and (key := directory.key_for(str(item["text"]))):
                        item["key"] = key
            return found

        return self._retrying(run)

    def municipalities(self, *, staff: bool = False, wait: bool = True) -> MunicipalityDirectory | None:
        """The municipality pages (``search.municipalities``) over the profiles the
        requester may see; ``wait=False``: None while they are being built (in the
        background). Raises IndexUnavailable."""
        return self._retrying(lambda served: served.municipalities(staff, wait=wait))

    def ids(self, *, staff: bool = False) -> list[str]:
        """Ids of all visible profiles (for checks and exports). Raises IndexUnavailable."""
        def run(served: Served) -> list[str]:
            table = served.table
            return [table.ids[n] for n in np.flatnonzero(table.visible(staff))]  # type: ignore[misc]

        return self._retrying(run)
