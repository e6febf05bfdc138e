"""BM25 over posting arrays read from PostgreSQL, with the Whoosh backend's arithmetic.

``PgScorer`` inherits every scoring rule of ``search.scoring.Scorer`` (clauses,
alternatives, concepts, coordination); only where postings come from differs. A query's
postings are fetched in one round trip (``prefetch``) and cached per generation.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

import numpy as np

from index.schema import TEXT_FIELDS
from search.scoring import B, K1, Scorer

Fetch = Callable[[list[str]], list[tuple[str, int, np.ndarray, np.ndarray]]]


class PgScorer(Scorer):
    """``lengths``: per text field, every document's field length (Whoosh's stored
    approximation); ``live``: which document numbers exist; ``fetch(tokens)`` returns
    the posting rows ``(term, field code, docs, tfs)`` of those tokens."""

    def __init__(self, lengths: dict[str, np.ndarray], live: np.ndarray, fetch: Fetch, *, cache: int = 50_000) -> None:
        self.size = len(live)
        self.live = live
        self.doc_count = max(int(live.sum()), 1)
        self.norms = {}
        for name in TEXT_FIELDS:
            average = lengths[name][live].sum() / self.doc_count or 1.0
            self.norms[name] = K1 * (1 - B + B * lengths[name] / average)
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
            name = TEXT_FIELDS[field]
            found[(name, term)] = self._clause_scores(name, np.asarray(docs, dtype=np.int64), np.asarray(tfs, dtype=np.float64))
        with self._lock:
            for token in missing:
                for name in TEXT_FIELDS:
                    self._cache[(name, token)] = found.get((name, token))
            while len(self._cache) > self._limit:
                self._cache.popitem(last=False)

    def _clause_scores(self, name: str, ids: np.ndarray, tf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # Only documents of this generation state count: entries of removed documents stay
        # in the arrays until the next build (``index.pg.update``), and an update committed
        # after this state was read adds documents it does not know yet (the next check, at
        # most CHECK_INTERVAL later, reloads). So frequencies are those of a fresh build.
        keep = ids < self.size
        keep[keep] = self.live[ids[keep]]
        if not keep.all():
            ids, tf = ids[keep], tf[keep]
        df = len(ids)
        idf = math.log(1 + (self.doc_count - df + 0.5) / (df + 0.5))
        return ids, idf * tf * (K1 + 1) / (tf + self.norms[name][ids])

    def postings(self, name: str, token: str) -> tuple[np.ndarray, np.ndarray] | None:  # type: ignore[override]
        """(docnums, BM25 clause scores) of ``token`` in field ``name``, or None."""
        key = (name, token)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        self.prefetch([token])
        with self._lock:
            return self._cache.get(key)

    def doc_frequency(self, token: str) -> int:
        """The largest number of documents holding ``token`` in one field."""
        return max((len(found[0]) for name in TEXT_FIELDS if (found := self.postings(name, token)) is not None), default=0)
