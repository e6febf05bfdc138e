"""``PgProfileSearch``: ``ProfileSearch``'s methods over an index in PostgreSQL.

Reads go through a connection pool (one per process, made after a fork) to the read URL,
which may name several hosts (``target_session_attrs=prefer-standby``,
``load_balance_hosts=random``: replicas first). The live generation is looked up at most
every ``CHECK_INTERVAL`` seconds; an update bumps the generation's version and the next
lookup reloads the per-worker state. Statements run under PostgreSQL's
``statement_timeout`` (``SEARCH_TIME_LIMIT``).
"""

from __future__ import annotations

import functools
import json
import math
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from index.analysis import analyze, prepare_analysis
from index.build import IndexMissing
from index.pg.rows import stored_texts
from index.pg.store import live_generation
from index.synonyms import default_lexicon
from search.cache import ResultCache
from search.matching import match_plan
from search.model import (
    IndexUnavailable,
    NotFound,
    SearchRequest,
    SearchResult,
    SearchTimeout,
    SimilarHit,
    SimilarResult,
)
from search.pg.generation import PgGeneration
from search.query import QueryBuilder, corrected_text, merge_plans, parse_user_query
from search import service as limits
from search.service import SEARCH_TIME_LIMIT, LiveGeneration
from search.similar import rank_similar, source_terms, surely_common

POOL_SIZE = 4
# An index generation is small and read constantly: its pages are in memory, so a lookup
# by key costs little more than a sequential read (PostgreSQL's default, 4, assumes disks).
RANDOM_PAGE_COST = 1.1


class _Retry(Exception):
    """The generation in use was dropped under a request: look up the live one again."""


class PgProfileSearch(LiveGeneration[PgGeneration]):
    """Search over index ``name`` in the database at ``url``. Thread-safe."""

    def __init__(self, url: str, name: str = "main", *, snippet_cache: int = 20_000, result_cache: int = 0,
                 pool_size: int = POOL_SIZE) -> None:
        """``snippet_cache``: snippets kept per generation; ``result_cache``: finished
        results kept for the live generation and version (0: off; ``search.cache``)."""
        super().__init__()
        self.url, self.name = url, name
        self.results = ResultCache(result_cache)
        self.snippet_cache = snippet_cache
        self.pool_size = pool_size
        self.lexicon = default_lexicon()
        self._pool_lock = threading.Lock()
        self._pool: ConnectionPool | None = None
        self._pool_pid = 0
        self._executor: ThreadPoolExecutor | None = None
        self._executor_pid = 0

    # ------------------------------------------------------------------ database

    def _connections(self) -> ConnectionPool:
        if self._pool is None or self._pool_pid != os.getpid():
            with self._pool_lock:
                if self._pool is None or self._pool_pid != os.getpid():
                    self._pool = ConnectionPool(
                        self.url, min_size=1, max_size=self.pool_size, open=True, timeout=5,
                        kwargs={"autocommit": True, "application_name": "ikz-search",
                                "options": f"-c statement_timeout={int(SEARCH_TIME_LIMIT * 1000)} "
                                           f"-c random_page_cost={RANDOM_PAGE_COST}"},
                    )
                    self._pool_pid = os.getpid()
        return self._pool

    def _background(self) -> ThreadPoolExecutor:
        """Threads for statements that overlap with work in the requesting thread (one set
        per process, made after a fork)."""
        if self._executor is None or self._executor_pid != os.getpid():
            with self._pool_lock:
                if self._executor is None or self._executor_pid != os.getpid():
                    self._executor = ThreadPoolExecutor(self.pool_size, thread_name_prefix="ikz-pg")
                    self._executor_pid = os.getpid()
        return self._executor

    def _query(self, sql: str, params: tuple | dict | None = None, *, binary: bool = False) -> list[tuple]:
        """Rows of one read-only statement (``binary``: results in PostgreSQL's binary
        format). Raises IndexUnavailable, SearchTimeout, _Retry."""
        try:
            with self._connections().connection() as conn, conn.cursor(binary=binary) as cursor:
                return cursor.execute(sql, params).fetchall()
        except psycopg.errors.QueryCanceled:
            raise SearchTimeout("timeout", parameter="q", seconds=SEARCH_TIME_LIMIT) from None
        except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
            self._checked = -math.inf
            raise _Retry from None
        except (psycopg.OperationalError, PoolTimeout) as error:
            raise IndexUnavailable("database_unavailable", detail=str(error).strip()) from None

    def _refresh(self, generation: PgGeneration | None, now: float) -> tuple[PgGeneration, bool]:
        """The live generation, reloaded when the pointer or version moved (only what
        changed, for a new version). Raises IndexUnavailable."""
        try:
            with self._connections().connection() as conn:
                schema, version = live_generation(conn, self.name)
        except IndexMissing as error:
            if generation is not None:
                return generation, False
            raise IndexUnavailable("index_missing", detail=str(error)) from None
        except (psycopg.OperationalError, PoolTimeout) as error:
            if generation is not None:
                return generation, False  # keep serving what we have
            raise IndexUnavailable("database_unavailable", detail=str(error).strip()) from None
        if generation is None or (generation.schema, generation.version) != (schema, version):
            generation = PgGeneration(schema, version, self._query, snippet_cache=self.snippet_cache,
                                      previous=generation)
            generation.vocabulary(False)  # part of opening: no search pays for it
            self.results.switch(generation)
        return generation, True

    def _retrying(self, run):  # noqa: ANN001, ANN202
        for attempt in range(3):
            try:
                return run(self._current())
            except _Retry:
                if attempt == 2:
                    raise IndexUnavailable("index_changed") from None
                self._checked = -math.inf  # look up the live generation and version now (then read what changed)
        raise AssertionError("unreachable")

    def warm_up(self) -> None:
        """Load the analyzer's word lists, the live generation and its public vocabulary and
        suggestions. Raises IndexUnavailable."""
        prepare_analysis()
        generation = self._current()
        generation.suggester(False)

    def close(self) -> None:
        with self._lock:
            if self._executor is not None and self._executor_pid == os.getpid():
                self._executor.shutdown(wait=True)
            if self._pool is not None and self._pool_pid == os.getpid():
                self._pool.close()
            self._pool = None
            self._executor = None
            self._generation = None

    # ------------------------------------------------------------------ search

    def search(self, request: SearchRequest) -> SearchResult:
        """Run one search. Raises InvalidRequest, IndexUnavailable, SearchTimeout."""
        parsed = parse_user_query(request.query)

        def run(generation: PgGeneration) -> SearchResult:
            key = ("search", request.staff, request)
            result = self.results.get(generation, key)
            if result is None:
                result = self._search(generation, request, parsed)
                self.results.put(generation, key, result)
            return result  # type: ignore[return-value]

        return self._retrying(run)

    def _search(self, generation: PgGeneration, request: SearchRequest, parsed) -> SearchResult:  # noqa: ANN001
        prepare_analysis()  # the analyzer's word lists load once per process, outside the time limit
        audiences = [False, True] if request.staff else [False]
        for staff in audiences:
            generation.vocabulary(staff)  # once per generation, likewise
        # one time limit (and one clock, which tests move) for both engines: search.service's
        deadline = limits.Deadline(limits.SEARCH_TIME_LIMIT)
        generation.postings.prefetch(t for text in (*parsed.words, *parsed.phrases, *parsed.excluded)
                                     for t in analyze(text))
        plans = [QueryBuilder(self.lexicon, generation.known[staff], generation.correct[staff]).build(parsed, deadline)
                 for staff in audiences]
        # staff also search as the public does, so that they find all the public finds
        plan = merge_plans(plans[1], plans[0]) if request.staff else plans[0]
        generation.postings.prefetch(plan.terms | {t for tokens in plan.excluded for t in tokens})
        matches = functools.lru_cache(maxsize=None)(generation.phrase_matches)  # one read per phrase
        scorers = [generation.scorers[staff] for staff in audiences]
        phrases = [lambda tokens, scorer=scorer: scorer.phrase_scores(tokens, matches(tokens)) for scorer in scorers]
        public = (plans[0], scorers[0], phrases[0]) if request.staff else None
        scores, base = match_plan(plan, scorers[-1], generation.visible(request.staff), generation.keywords.__getitem__,
                                  phrases[-1], deadline, public=public)
        table = generation.table
        masks = table.filter_masks(request)
        matching = base.copy()
        for mask in masks.values():
            matching &= mask
        start = (request.page - 1) * request.per_page
        ranked = table.rank(scores, matching, request, start + request.per_page)[start:]
        terms = frozenset(plan.terms)
        missing = generation.uncached([doc for doc, _ in ranked], terms)
        # the database reads those bodies while this thread counts the facets
        pending = self._background().submit(generation.bodies, missing) if missing else None
        facets = table.count(base, masks, request)
        bodies = pending.result() if pending is not None else {}
        hits = []
        for doc, score in ranked:
            deadline.check()  # an uncached snippet analyses every word of the document
            try:
                hits.append(generation.hit(doc, score, terms, bodies))
            except KeyError:
                raise _Retry from None  # removed by an update since this generation state was read
        return SearchResult(request=request, total=int(matching.sum()), hits=tuple(hits),
                            facets=facets,
                            corrected_query=corrected_text(request.query, plan.concepts), ignored=parsed.ignored)

    # ------------------------------------------------------------------ profiles

    def _document(self, generation: PgGeneration, profile_id: str, staff: bool) -> tuple[int, dict, dict]:
        doc = generation.docnum.get(profile_id)
        if doc is None or not generation.visible(staff)[doc]:
            raise NotFound("unknown_profile", parameter="id", profile=profile_id)
        rows = self._query(f"SELECT payload, texts FROM {generation.schema}.bodies WHERE doc = %s", (doc,))
        if not rows:
            raise _Retry
        return doc, json.loads(rows[0][0]), stored_texts(rows[0][1])

    def profile(self, profile_id: str, *, staff: bool = False) -> dict:
        """The full profile as a dict (``ikz parse --json`` shape). Raises NotFound (unknown
        id; for the public also a private one), IndexUnavailable."""
        def run(generation: PgGeneration) -> dict:
            _, data, texts = self._document(generation, profile_id, staff)
            data["sections"] = {name: texts.get(name) or None for name in ("anlass", "ziel", "umsetzung", "finanzierung")}
            return data
        return self._retrying(run)

    def similar(self, profile_id: str, *, limit: int = 5, staff: bool = False) -> SimilarResult:
        """Cooperations most like ``profile_id``, never itself, private ones only for
        staff. Raises NotFound, IndexUnavailable."""
        def run(generation: PgGeneration) -> SimilarResult:
            doc, _, texts = self._document(generation, profile_id, staff)
            scorer = generation.scorers[staff]
            tokens = list(source_terms(texts))
            tokens += [f[0] for t in tokens for f in self.lexicon.expansions(t) if len(f) == 1]
            # Words in more than MAX_DOC_SHARE of the visible profiles are left out anyway;
            # their posting arrays are the longest. Entry counts (read without the arrays)
            # rule out those with more entries than that share plus every document the
            # requester does not see; the rest are fetched in one round trip and counted.
            sizes = generation.posting_sizes(tokens)
            generation.postings.prefetch(t for t in tokens if 0 < sizes[t] and not surely_common(scorer, sizes[t]))
            ranked = rank_similar(texts, scorer, sizes.__getitem__, self.lexicon, doc, limit=limit)
            hits = tuple(SimilarHit(generation.ids[other], generation.titles[other], score, bool(generation.private[other]))
                         for other, score in ranked)
            return SimilarResult(profile_id, hits)
        return self._retrying(run)

    def suggest(self, text: str, *, limit: int = 8, staff: bool = False) -> list[dict[str, object]]:
        """Completions ``{text, kind}`` from visible profiles only. Raises IndexUnavailable."""
        return self._retrying(lambda generation: generation.suggester(staff).suggest(text, limit))

    def ids(self, *, staff: bool = False) -> list[str]:
        """Ids of all visible profiles."""
        generation = self._current()
        return [generation.ids[d] for d in np.flatnonzero(generation.visible(staff))]  # type: ignore[misc]
