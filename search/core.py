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
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

import numpy as np

from corpus.model import TEXT_SECTIONS
from index.analysis import analyze, prepare_analysis
from index.glossary import default_glossary
from index.semantic import encode
from index.synonyms import default_lexicon
from search.cache import ResultCache
from search.correct import Corrector
from search.deadline import Deadline
from search.engine import Body, Generation, GenerationGone
from search.facets import FacetTable
from search.floor import relevance_floor
from search.matching import match_plan
from search.near import NearTable, near_origin, rank_near
from search.municipalities import MunicipalityDirectory
from search.model import (
    Hit,
    IndexUnavailable,
    NotFound,
    SearchRequest,
    SearchResult,
    SimilarHit,
    SimilarResult,
    hit_fields,
)
from search.language import read_query
from search.place_lift import PlaceLift, without_places
from search.place_names import place_names
from search.query import ParsedQuery, QueryBuilder, corrected_text, merge_plans, parse_user_query, topic_words
from search.scoring import Scorer
from search.shared import shared_between
from search.semantic import hybrid
from search.similar import rank_similar, source_terms, surely_common
from search.snippets import make_snippet
from search.suggest import Suggester

# No search may hold a worker longer than this (seconds).
SEARCH_TIME_LIMIT = 1.0
# A rebuilt or updated index becomes visible within this many seconds.
CHECK_INTERVAL = 0.5
# Documents whose hit fields are kept parsed per generation (about 0.5 KB each).
HIT_FIELDS_CACHE = 20_000
# A request whose generation was removed under it is run this often at most.
ATTEMPTS = 3
# Bodies read at once when the near table is built (``Served.near_table``).
NEAR_CHUNK = 2000
T = TypeVar("T")


class _Kept:
    """A thread-safe least-recently-used mapping of at most ``limit`` entries (0: keeps
    nothing)."""

    def __init__(self, limit: int, previous: _Kept | None = None) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        if previous is not None and limit:
            with previous._lock:
                self._entries.update(previous._entries)

    def get(self, key: Hashable) -> object | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: Hashable, value: object) -> None:
        if not self.limit:
            return
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.limit:
                self._entries.popitem(last=False)


class Served:
    """What the core keeps for one generation: the facet table (visibility, ids, titles,
    facet values, sort orders), a scorer and a corrector per audience, suggesters, and
    the hits' fields and snippets (kept across generations that ``continue`` the one
    before: their document numbers stand for the same documents)."""

    def __init__(self, generation: Generation, previous: Served | None, snippet_cache: int) -> None:
        self.generation = generation
        self.table = FacetTable(generation.size, generation.segments, added=generation.added)
        # public searches weigh words by the public profiles only, staff searches by all
        self.scorers = {staff: Scorer(generation.size, generation.lengths, self.table.visible(staff),
                                      generation.postings) for staff in (False, True)}
        self.correctors = {staff: Corrector(self.scorers[staff], functools.partial(generation.spelling, staff))
                           for staff in (False, True)}
        carried = previous if previous is not None and generation.continues else None
        self.hit_fields = _Kept(HIT_FIELDS_CACHE, carried.hit_fields if carried else None)
        # snippets depend only on the document and the query terms
        self.snippets = _Kept(snippet_cache, carried.snippets if carried else None)
        self._suggesters: dict[bool, Suggester] = {}
        self._near: NearTable | None = None
        # an update that only appended documents: the keys read before stay valid
        self._near_before = carried._near if carried else None
        self._municipalities: dict[bool, MunicipalityDirectory] = {}
        self.places = PlaceLift(self.table, place_names().gazetteer)
        self._building: set[bool] = set()  # directories being built in the background
        self._building_lock = threading.Lock()
        # profile vectors (``index.semantic``), None when the semantic layer is off or unavailable
        self.vectors = generation.vectors

    def near_table(self) -> NearTable:
        """The lead's and participants' keys of every live document (``search.near``),
        read from their payloads once per generation (the first search with ``near``
        waits for it, outside its time limit; after an update that only appended, just
        the new documents'). Raises GenerationGone."""
        if self._near is None:
            before = self._near_before
            live = np.flatnonzero(self.table.live[before.size if before else 0:]) + (before.size if before else 0)
            payloads = {}
            for start in range(0, len(live), NEAR_CHUNK):
                chunk = live[start:start + NEAR_CHUNK].tolist()
                payloads.update({doc: body[0] for doc, body in self.bodies(chunk).items()})
            size = self.generation.size
            self._near = (before.extended(size, payloads) if before
                          else NearTable.from_payloads(size, payloads))
            self._near_before = None
        return self._near

    def suggester(self, staff: bool) -> Suggester:
        """Completions from the visible profiles' keywords, places and titles (built once)."""
        if staff not in self._suggesters:
            self._suggesters[staff] = Suggester.from_table(self.table, staff)
        return self._suggesters[staff]

    def municipalities(self, staff: bool, *, wait: bool = True) -> MunicipalityDirectory | None:
        """The municipality pages over the visible profiles' payloads (built once; reads
        every visible body: seconds at 10,000 profiles). ``wait=False``: None until it is
        built, building it in a background thread meanwhile (for links and suggestions,
        which must not wait). Raises GenerationGone when a body was removed meanwhile."""
        directory = self._municipalities.get(staff)
        if directory is not None or wait:
            return directory if directory is not None else self._build_municipalities(staff)
        with self._building_lock:
            if staff not in self._building:
                self._building.add(staff)
                threading.Thread(target=self._build_quietly, args=(staff,), daemon=True,
                                 name="ikz-municipalities").start()
        return None

    def _build_municipalities(self, staff: bool) -> MunicipalityDirectory:
        docs = [int(d) for d in np.flatnonzero(self.table.visible(staff))]
        bodies = self.bodies(docs) if docs else {}
        # the first one built is kept (a background build and a waiting request may race)
        return self._municipalities.setdefault(staff, MunicipalityDirectory(bodies[d][0] for d in docs))

    def _build_quietly(self, staff: bool) -> None:
        try:
            self._build_municipalities(staff)
        except Exception:  # any read error of a generation replaced or closed meanwhile: the next ask retries
            with self._building_lock:
                self._building.discard(staff)

    def doc(self, profile_id: str, staff: bool) -> int:
        """The document number of a profile the requester may see. Raises NotFound."""
        doc = self.table.docnum.get(profile_id)
        if doc is None or not self.table.visible(staff)[doc]:
            raise NotFound("unknown_profile", parameter="id", profile=profile_id)
        return doc

    def bodies(self, docs: list[int]) -> dict[int, Body]:
        """The bodies of ``docs``, read now. Raises GenerationGone when one was removed."""
        found = self.generation.bodies(docs)()
        if len(found) < len(set(docs)):
            raise GenerationGone
        return found


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
        tokens = list(source_terms(texts))
        tokens += [f[0] for t in tokens for f in self.lexicon.expansions(t) if len(f) == 1]
        # Words in more than MAX_DOC_SHARE of the visible profiles are left out anyway; their
        # posting arrays are the longest. Bounds (counted without reading the arrays) rule
        # out those with more entries than that share plus every document the requester
        # does not see; the rest are read at once.
        bounds = generation.posting_bounds(tokens)
        generation.prefetch(t for t in tokens if bounds[t] > 0 and not surely_common(scorer, bounds[t]))
        primary = table.fields["area"].first  # type: ignore[union-attr]
        alike = (primary == primary[doc]) if primary[doc] >= 0 else None
        vectors = served.vectors
        similarity = None if vectors is None else vectors.similarities(vectors.row(doc))
        ranked = rank_similar(texts, scorer, bounds.__getitem__, self.lexicon, doc, limit=limit, alike=alike,
                              similarity=similarity)
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
