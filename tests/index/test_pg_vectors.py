"""The semantic layer's vectors as a PostgreSQL worker reads them (``index.pg.vectors``):
fetched while the columns are read, the new ones only after an update, never those of
documents the worker does not know yet."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from index.pg import vectors
from index.pg.build import build_pg_index
from index.pg.store import connect, live_generation
from index.pg.update import update_pg_profiles
from index.pg.vectors import read_pg_vectors
from search.core import CHECK_INTERVAL
from search.pg.service import PgProfileSearch


@pytest.fixture()
def name(request):
    """A fresh index name per test (all tests share one cluster)."""
    return "v_" + request.node.name.lower().replace("[", "_").replace("]", "").replace("-", "_")[:25]


def _stored(url: str, name: str) -> dict[int, np.ndarray]:
    with connect(url) as conn:
        schema, _ = live_generation(conn, name)
        rows = conn.execute(f"SELECT doc, vector FROM {schema}.vectors").fetchall()
    return {doc: np.frombuffer(vector, dtype=np.float32) for doc, vector in rows}


@pytest.mark.parametrize("batch", [8192, 3])  # 3: several statements
def test_a_worker_holds_the_stored_vectors_before_and_after_an_update(pg_url, name, search_profiles, clock,
                                                                     monkeypatch, batch):
    monkeypatch.setattr(vectors, "FETCH_BATCH", batch)
    build_pg_index(search_profiles, pg_url, name)
    service = PgProfileSearch(pg_url, name)
    for step in range(2):
        generation = service._current().generation
        stored = _stored(pg_url, name)
        live = np.flatnonzero(generation.live).tolist()
        assert generation.vectors is not None and sorted(stored) == live
        for doc in live:
            assert np.array_equal(generation.vectors.row(doc), stored[doc])
        if step == 0:
            changed = dataclasses.replace(search_profiles[1], title="Kranich Verband", keywords=("Kranich",))
            update_pg_profiles(pg_url, name, [changed])
            clock.advance(CHECK_INTERVAL)
    assert len(generation.vectors.parts) == 2  # the first read, then the new document's row
    service.close()


def test_rows_of_documents_past_the_generation_are_left_out(pg_url, name, search_profiles):
    build_pg_index(search_profiles, pg_url, name)
    stored = _stored(pg_url, name)
    size = len(search_profiles) - 2  # as a worker that read the generation before two documents came
    service = PgProfileSearch(pg_url, name)
    generation = service._current().generation
    with connect(pg_url) as conn:
        schema, _ = live_generation(conn, name)
    vectors = read_pg_vectors(generation._query, schema, size, np.ones(size, dtype=bool),
                              fetched=lambda: [(doc, vector.tobytes()) for doc, vector in stored.items()])
    assert vectors is not None and vectors.size == size
    assert all(np.array_equal(vectors.row(doc), stored[doc]) for doc in range(size))
    service.close()
