"""The PostgreSQL index: atomic builds, generations, the write lock, updates seen by a
running service (also through a streaming replica), drift, the CLI."""

from __future__ import annotations

import dataclasses
import os
import time
import types

import psycopg
import pytest

from cli.main import main
from index.build import BuildFailed, IndexLocked, IndexMissing
from index.pg.build import build_pg_index, drop_pg_index
from index.pg.schema import InvalidIndexName
from index.pg.store import DatabaseUnavailable, connect, generations, live_generation, write_lock
from index.pg.update import check_pg_index, remove_pg_profiles, update_pg_profiles
from search.model import IndexUnavailable, SearchRequest
from search.pg.service import PgProfileSearch
from search.core import CHECK_INTERVAL


def wait_for(predicate, seconds: float) -> None:
    """Wait until ``predicate()`` holds: for a replica, whose replay is another server's
    doing and has no event to wait on here. Fails after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "the replica did not catch up in time"
        time.sleep(0.05)


@pytest.fixture()
def name(request):
    """A fresh index name per test (all tests share one cluster)."""
    return "t_" + request.node.name.lower().replace("[", "_").replace("]", "").replace("-", "_")[:25]


def total(service, query="", staff=False):
    return service.search(SearchRequest.create(query, per_page=100, staff=staff)).total


def test_builds_switch_atomically_and_keep_one_previous_generation(pg_url, name, search_profiles):
    first = build_pg_index(search_profiles, pg_url, name)
    service = PgProfileSearch(pg_url, name)
    assert total(service) == 7 and total(service, staff=True) == 8
    second = build_pg_index(search_profiles[:3], pg_url, name)
    third = build_pg_index(search_profiles, pg_url, name)
    with connect(pg_url) as conn:
        assert live_generation(conn, name) == (third.generation, 0)
        assert generations(conn, name) == [second.generation, third.generation]  # the first one is dropped
    assert first.generation < second.generation < third.generation
    drop_pg_index(pg_url, name)
    service.close()


def test_a_failed_build_leaves_the_live_generation_and_nothing_else(pg_url, name, search_profiles):
    build_pg_index(search_profiles, pg_url, name)
    service = PgProfileSearch(pg_url, name)
    assert total(service) == 7

    def broken():
        yield from search_profiles[:2]
        raise RuntimeError("export broke off")

    with pytest.raises(RuntimeError):
        build_pg_index(broken(), pg_url, name)
    with connect(pg_url) as conn:
        assert len(generations(conn, name)) == 1
    assert total(service) == 7
    missing = PgProfileSearch(pg_url, "never_built")
    with pytest.raises(IndexUnavailable, match="run `ikz index build`"):
        missing.search(SearchRequest.create("Abfall"))
    missing.close()
    drop_pg_index(pg_url, name)
    service.close()


def test_verification_failure_is_a_build_failure(pg_url, name, search_profiles, monkeypatch):
    import index.pg.build as pg_build

    monkeypatch.setattr(pg_build, "_verify", lambda conn, schema, expected: (_ for _ in ()).throw(BuildFailed("probe")))
    with pytest.raises(BuildFailed):
        build_pg_index(search_profiles, pg_url, name)
    with connect(pg_url) as conn:
        assert generations(conn, name) == []


def test_update_and_remove_are_visible_to_a_running_service(pg_url, name, search_profiles, clock):
    build_pg_index(search_profiles, pg_url, name)
    service = PgProfileSearch(pg_url, name)
    assert total(service, "Zauberwort") == 0
    changed = dataclasses.replace(search_profiles[0], title="Zauberwort Abfallverband", keywords=("Zauberei",))
    assert update_pg_profiles(pg_url, name, [changed]).updated == (changed.id,)
    assert total(service, "Zauberwort") == 0  # the check is not due yet
    clock.advance(CHECK_INTERVAL)
    assert total(service, "Zauberwort") == 1
    assert total(service) == 7  # replaced, not added
    facets = service.search(SearchRequest.create("")).facets["keyword"]
    assert ("Zauberei", 1) in {(v.value, v.count) for v in facets}
    assert service.suggest("Zaub")[0]["text"] in {"Zauberei", "Zauberwort Abfallverband"}
    report = remove_pg_profiles(pg_url, name, [changed.id, "nope"])
    assert report.removed == (changed.id,) and report.unknown == ("nope",)
    clock.advance(CHECK_INTERVAL)
    assert total(service) == 6
    assert total(service, "Zauberwort") == 0 and total(service, "Abfall") >= 1
    drift = check_pg_index(pg_url, name, search_profiles)
    assert drift.missing == [changed.id] and not drift.changed and not drift.extra
    service.close()


def test_a_second_writer_gets_a_clear_error(pg_url, name, search_profiles):
    build_pg_index(search_profiles, pg_url, name)
    with connect(pg_url, writer=True) as holder, write_lock(holder, name):
        with pytest.raises(IndexLocked, match=f"being written by PID {os.getpid()}"):
            update_pg_profiles(pg_url, name, search_profiles[:1])
        with pytest.raises(IndexLocked):
            build_pg_index(search_profiles, pg_url, name)
    assert update_pg_profiles(pg_url, name, search_profiles[:1]).updated  # free again


def test_bad_settings_are_clear_errors(pg_url):
    with pytest.raises(InvalidIndexName):
        build_pg_index([], pg_url, "Bad-Name")
    with pytest.raises(DatabaseUnavailable, match="cannot connect"):
        build_pg_index([], "postgresql://postgres@127.0.0.1:1/postgres", "main")
    unreachable = PgProfileSearch("postgresql://postgres@127.0.0.1:1/postgres")
    with pytest.raises(IndexUnavailable):
        unreachable.search(SearchRequest.create("Abfall"))
    unreachable.close()


def test_cli_on_postgres(pg_url, name, tmp_path, monkeypatch, capsys, fixture_profiles_dir):
    from tests.conftest import DATA

    monkeypatch.setenv("IKZ_BACKEND", "postgres")
    monkeypatch.setenv("IKZ_DATABASE_URL", pg_url)
    assert main(["index", "build", "--corpus", str(DATA / "search_profiles"), "--index", name]) == 0
    assert "indexed 8 profiles" in capsys.readouterr().err
    assert main(["search", "--index", name, "--json", "Abfall"]) == 0
    assert '"total": ' in capsys.readouterr().out
    assert main(["index", "check", "--corpus", str(DATA / "search_profiles"), "--index", name]) == 0
    assert main(["index", "remove", "--index", name, "s01_abfallverband-soest"]) == 0
    assert main(["index", "check", "--corpus", str(DATA / "search_profiles"), "--index", name]) == 1
    assert "missing from the index: s01_abfallverband-soest" in capsys.readouterr().out
    monkeypatch.delenv("IKZ_DATABASE_URL")
    assert main(["search", "--index", name, "Abfall"]) == 1
    assert "IKZ_DATABASE_URL" in capsys.readouterr().err


def test_a_replica_answers_identically_and_follows_updates(pg_cluster, search_profiles):
    replica = pg_cluster.replica()
    try:
        name = "replicated"
        build_pg_index(search_profiles, pg_cluster.url, name)
        hosts = f"127.0.0.1:{replica.port},127.0.0.1:{pg_cluster.port}"
        read_url = f"postgresql://postgres@{hosts}/postgres?target_session_attrs=prefer-standby&load_balance_hosts=random"
        primary_service = PgProfileSearch(pg_cluster.url, name)
        replica_service = PgProfileSearch(read_url, name)
        wait_for(lambda: _has_index(replica.url, name), seconds=10)
        with psycopg.connect(read_url) as conn:
            assert conn.execute("SELECT pg_is_in_recovery()").fetchone()[0]  # reads go to the standby
        for query in ("Abfall", "Feuerwher", "", "Müll -Soest"):
            request = SearchRequest.create(query, per_page=100)
            assert replica_service.search(request) == primary_service.search(request)
        changed = dataclasses.replace(search_profiles[1], title="Replikationstest Vergabestelle")
        update_pg_profiles(pg_cluster.url, name, [changed])
        wait_for(lambda: total(replica_service, "Replikationstest") == 1, seconds=10)
        batch = [dataclasses.replace(p, title=f"Stapeltest {p.title}") for p in search_profiles]
        update_pg_profiles(pg_cluster.url, name, batch)  # every row rewritten: replay must keep up
        wait_for(lambda: total(replica_service, "Stapeltest", staff=True) == len(batch), seconds=10)
        primary_service.close()
        replica_service.close()
    finally:
        replica.stop()


def _has_index(url, name):
    try:
        with connect(url) as conn:
            live_generation(conn, name)
        return True
    except IndexMissing:
        return False


def test_a_batch_update_equals_a_fresh_build(pg_url, name, search_profiles):
    build_pg_index(search_profiles[:2], pg_url, name)
    updated = update_pg_profiles(pg_url, name, search_profiles)  # 2 replaced, 6 added, one transaction
    assert set(updated.updated) == {p.id for p in search_profiles}
    build_pg_index(search_profiles, pg_url, "t_fresh")
    batch, fresh = PgProfileSearch(pg_url, name), PgProfileSearch(pg_url, "t_fresh")
    for query in ("", "Abfall", "Feuerwher", "Soest"):
        for staff in (False, True):
            request = SearchRequest.create(query, per_page=100, staff=staff)
            a, b = batch.search(request), fresh.search(request)
            assert a.total == b.total and a.facets == b.facets
            # the replaced documents' old posting entries stay, but count nowhere
            assert {h.id: pytest.approx(h.score, rel=1e-9) for h in a.hits} == {h.id: h.score for h in b.hits}
    assert batch.suggest("ab") == fresh.suggest("ab")
    batch.close()
    fresh.close()


def test_a_reader_whose_generation_was_dropped_retries_on_the_live_one(pg_url, name, search_profiles, monkeypatch):
    import search.core

    build_pg_index(search_profiles, pg_url, name)
    service = PgProfileSearch(pg_url, name)
    assert total(service, "Abfall") > 0
    monkeypatch.setattr(search.core, "CHECK_INTERVAL", 3600.0)  # the reader keeps its generation
    # ... on a clock that reads less than CHECK_INTERVAL, as on a machine booted moments ago
    # (a forced look-up once marked itself with 0.0 and was then taken for a recent one)
    monkeypatch.setattr(search.core, "time", types.SimpleNamespace(monotonic=lambda: 5.0))
    build_pg_index(search_profiles[:3], pg_url, name)
    build_pg_index(search_profiles[:4], pg_url, name)  # the reader's generation is dropped now
    fresh = PgProfileSearch(pg_url, name)
    assert total(service, "Feuerwehr", staff=True) == total(fresh, "Feuerwehr", staff=True)
    assert total(service, staff=True) == 4  # answered from the live generation
    service.close()
    fresh.close()


def _generation_contents(url: str, name: str) -> dict[str, list[tuple]]:
    with connect(url) as conn:
        schema, _ = live_generation(conn, name)
        return {
            "docs": conn.execute(f"SELECT * FROM {schema}.docs ORDER BY doc").fetchall(),
            "bodies": conn.execute(f"SELECT doc, payload, texts, spell, digest, tsv::text FROM {schema}.bodies "
                                   "ORDER BY doc").fetchall(),
            "postings": conn.execute(f"SELECT * FROM {schema}.postings ORDER BY term, field").fetchall(),
            "facet_values": conn.execute(f"SELECT * FROM {schema}.facet_values ORDER BY facet, code").fetchall(),
            "spelling": conn.execute(f"SELECT * FROM {schema}.spelling ORDER BY word").fetchall(),
        }


def test_build_workers_write_what_one_process_writes(pg_url, name, search_profiles, monkeypatch):
    import index.pg.build as pg_build

    awkward = dataclasses.replace(
        search_profiles[0], id="awkward", title="Abfall\\Wertstoff\tHof \"Nord\" 'Süd'",
        keywords=("Müll\\Abfall", "Tab\there", "{1,2}", "\\N"),
    )
    profiles = [*search_profiles, awkward]
    monkeypatch.setattr(pg_build, "CHUNK", 3)  # several chunks, shared by two workers
    build_pg_index(profiles, pg_url, name, processes=2)
    build_pg_index(profiles, pg_url, "t_one_process", processes=1)
    parallel, single = _generation_contents(pg_url, name), _generation_contents(pg_url, "t_one_process")
    assert parallel == single
    assert len(parallel["docs"]) == 9 and max(len(docs) for _, _, docs, _ in parallel["postings"]) > 3
    service = PgProfileSearch(pg_url, name)
    profile = service.profile("awkward", staff=True)
    assert profile["title"] == awkward.title and profile["keywords"] == list(awkward.keywords)
    assert service.search(SearchRequest.create('"Wertstoff Hof"', staff=True)).hits[0].id == "awkward"
    service.close()
    drop_pg_index(pg_url, "t_one_process")


def _answers(service: PgProfileSearch) -> list:
    requests = [SearchRequest.create(q, filters, per_page=100, staff=staff, sort=sort)
                for q, filters in (("", {}), ("Abfall", {}), ("Pelikan", {}), ("", {"region": ["Arnsberg"]}),
                                   ("Feuerwher", {}), ('"Abfall Verband"', {}))
                for staff in (False, True) for sort in ("relevance", "title")]
    return [service.search(r) for r in requests] + [service.similar(i, staff=True) for i in service.ids(staff=True)]


@pytest.mark.parametrize("store", ["columns", "rows 16", "rows 2"])  # rows 2: the third change reads everything again
def test_a_running_service_reads_only_what_changed_and_ends_where_a_fresh_one_starts(pg_url, name, search_profiles,
                                                                                   monkeypatch, store, clock):
    from index.pg import update
    from search.pg import generation

    build_pg_index(search_profiles, pg_url, name)
    if store != "columns":  # a generation without the store, updated by a program that does not know it
        monkeypatch.setattr(generation, "MAX_SEGMENTS", int(store.split()[1]))
        monkeypatch.setattr(update, "refresh_after_update", lambda *args: None)
        with connect(pg_url, autocommit=True) as conn:
            schema, _ = live_generation(conn, name)
            conn.execute(f"DROP TABLE {schema}.doc_columns, {schema}.doc_columns_state")
    running = PgProfileSearch(pg_url, name)
    first = running._current().generation
    for step, marker in enumerate(("Kranich", "Pelikan", "Flamingo")):
        changed = dataclasses.replace(search_profiles[step], title=f"{marker} Abfallverband",
                                      keywords=(f"Zauberei {marker}",), private=step == 1)
        update_pg_profiles(pg_url, name, [changed])
        if step == 2:
            remove_pg_profiles(pg_url, name, [search_profiles[5].id])
        clock.advance(CHECK_INTERVAL)
        assert total(running, marker, staff=True) == 1
    assert total(running, staff=True) == len(search_profiles) - 1  # the removal too
    current = running._current().generation
    assert current.schema == first.schema
    fresh = PgProfileSearch(pg_url, name)
    if store == "columns":
        # the build's chunk, then one per update that added rows, read once: what the core
        # derived from the first stays with it
        size = len(search_profiles)
        assert [offset for offset, _, _ in current.segments] == [0, size, size + 1, size + 2]
        assert current.segments[0][1] is first.segments[0][1]
        assert [offset for offset, _, _ in fresh._current().generation.segments] == [0, size, size + 1, size + 2]
    else:
        assert len(current.segments) == 4 if store == "rows 16" else len(current.segments) <= 2
        assert len(fresh._current().generation.segments) == 1
    assert _answers(running) == _answers(fresh)
    assert running.suggest("zaub", staff=True) == fresh.suggest("zaub", staff=True)
    assert running.suggest("zaub") == fresh.suggest("zaub")
    running.close()
    fresh.close()


def test_a_page_already_shown_reads_no_bodies_again(pg_search_index, pg_url):
    service = PgProfileSearch(pg_url, pg_search_index)
    request = SearchRequest.create("Abfall", per_page=3)
    first = service.search(request)
    generation = service._current().generation
    statements = []
    original = generation._query
    generation._query = lambda sql, params=None, **options: statements.append(sql) or original(sql, params, **options)
    try:
        assert service.search(request) == first
        assert not [sql for sql in statements if "bodies" in sql]  # fields and snippets kept
        assert service.search(SearchRequest.create("Abfall Soest", per_page=3)).hits
        assert len([sql for sql in statements if "bodies" in sql]) == 1  # other terms: snippets read once
    finally:
        generation._query = original
    service.close()
