"""Posting arrays read from PostgreSQL for ``search.scoring.Scorer``.

Both audiences' scorers (public statistics, staff statistics) score with the Whoosh
backend's arithmetic; only where postings come from differs. A query's postings are
fetched in one round trip (``prefetch``) and kept per generation, once for both scorers.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

import numpy as np

from index.schema import TEXT_FIELDS

Fetch = Callable[[list[str]], list[tuple[str, int, np.ndarray, np.ndarray]]]


class PgPostings:
    """Raw postings ``(docs, tfs)`` per (field, token); ``fetch(tokens)`` returns the
    posting rows ``(term, field code, docs, tfs)`` of those tokens. Removed documents'
    entries stay in the arrays until the next build (``index.pg.update``) and an update
    committed after a generation state was read adds documents it does not know: the
    scorers drop both (``Scorer`` counts only its documents), so frequencies are those
    of a fresh build. Thread-safe."""

    def __init__(self, fetch: Fetch, *, cache: int = 50_000) -> None:
        self._fetch = fetch
        self._limit = cache
        self._cache: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray] | None] = OrderedDict()
        self._lock = threading.Lock()

    def prefetch(self, tokens: Iterable[str]) -> None:
        """Load the postings of ``tokens`` in all fields with one query. Raises psycopg errors."""
        with self._lock:
            missing = sorted({t for t in tokens if (TEXT_FIELDS[0], t) not in self._cache})
        if not missing:
            return
        found: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        for term, field, docs, tfs in self._fetch(missing):
            found[(TEXT_FIELDS[field], term)] = (np.asarray(docs, dtype=np.int64), np.asarray(tfs, dtype=np.float64))
        with self._lock:
            for token in missing:
                for name in TEXT_FIELDS:
                    self._cache[(name, token)] = found.get((name, token))
            while len(self._cache) > self._limit:
                self._cache.popitem(last=False)

    def __call__(self, name: str, token: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(docnums, term frequencies) of ``token`` in field ``name``, or None. Raises
        psycopg errors (when not prefetched)."""
        key = (name, token)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        self.prefetch([token])
        with self._lock:
            return self._cache.get(key)
