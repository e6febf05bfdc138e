"""Added/updated dates per profile, kept across rebuilds and updates, in both engines."""

from __future__ import annotations

import dataclasses

import pytest

from index.build import build_index, current_generation
from index.history import carry, live_history, read_history, write_history
from index.update import remove_profiles, update_profiles

OLD = "2020-01-01T00:00:00Z"


def test_carry_keeps_unchanged_dates_and_stamps_changes():
    previous = {"a": {"added": OLD, "updated": OLD, "digest": "1"},
                "b": {"added": OLD, "updated": OLD, "digest": "2"},
                "gone": {"added": OLD, "updated": OLD, "digest": "3"}}
    now = "2026-12-07T12:00:00Z"
    table = carry(previous, [("a", "1"), ("b", "changed"), ("new", "4")], now)
    assert table == {"a": {"added": OLD, "updated": OLD, "digest": "1"},
                     "b": {"added": OLD, "updated": now, "digest": "changed"},
                     "new": {"added": now, "updated": now, "digest": "4"}}


def _age(index_dir) -> None:
    """Pretend every profile of the live generation was indexed long ago."""
    generation = current_generation(index_dir)
    write_history(generation, {i: {**e, "added": OLD, "updated": OLD} for i, e in read_history(generation).items()})


def _changed(profile):
    return dataclasses.replace(profile, title=profile.title + " (neu gefasst)")


def test_whoosh_rebuilds_and_updates_keep_the_dates(tmp_path, search_profiles):
    index_dir = tmp_path / "index"
    build_index(search_profiles, index_dir)
    _, first = live_history(index_dir)
    assert set(first) == {p.id for p in search_profiles}
    assert all(e["added"] == e["updated"] and e["added"].endswith("Z") for e in first.values())
    _age(index_dir)
    same, changed, *rest = search_profiles
    build_index([same, _changed(changed), *rest[:-1]], index_dir)  # one changed, one dropped
    _, table = live_history(index_dir)
    assert table[same.id] == {"added": OLD, "updated": OLD, "digest": first[same.id]["digest"]}
    assert table[changed.id]["added"] == OLD and table[changed.id]["updated"] > OLD
    assert rest[-1].id not in table
    # updates: an unchanged text keeps its dates, a new profile gets both
    _age(index_dir)
    update_profiles(index_dir, [same, rest[-1]])
    key, table = live_history(index_dir)
    assert table[same.id]["updated"] == OLD and table[rest[-1].id]["added"] > OLD
    update_profiles(index_dir, [_changed(same)])
    remove_profiles(index_dir, [rest[0].id])
    later, table = live_history(index_dir)
    assert table[same.id]["added"] == OLD and table[same.id]["updated"] > OLD
    assert rest[0].id not in table and later != key
    assert live_history(index_dir, later) == (later, None)  # unchanged: not read again


def test_postgresql_rebuilds_and_updates_keep_the_dates(pg_url, search_profiles):
    import psycopg

    from index.pg.build import build_pg_index
    from index.pg.history import live_pg_history
    from index.pg.update import remove_pg_profiles, update_pg_profiles

    def age():
        with psycopg.connect(pg_url, autocommit=True) as conn:
            schema = live_pg_history(pg_url, "dates")[0].split(":")[0]
            conn.execute(f"UPDATE {schema}.history SET added = %s, updated = %s", (OLD, OLD))

    build_pg_index(search_profiles, pg_url, "dates")
    _, first = live_pg_history(pg_url, "dates")
    assert set(first) == {p.id for p in search_profiles}
    age()
    same, changed, *rest = search_profiles
    build_pg_index([same, _changed(changed), *rest[:-1]], pg_url, "dates")
    _, table = live_pg_history(pg_url, "dates")
    assert table[same.id] == {"added": OLD, "updated": OLD, "digest": first[same.id]["digest"]}
    assert table[changed.id]["added"] == OLD and table[changed.id]["updated"] > OLD
    assert rest[-1].id not in table
    age()
    update_pg_profiles(pg_url, "dates", [same, rest[-1]])
    _, table = live_pg_history(pg_url, "dates")
    assert table[same.id]["updated"] == OLD and table[rest[-1].id]["added"] > OLD
    update_pg_profiles(pg_url, "dates", [_changed(same)])
    remove_pg_profiles(pg_url, "dates", [rest[0].id])
    _, table = live_pg_history(pg_url, "dates")
    assert table[same.id]["added"] == OLD and table[same.id]["updated"] > OLD and rest[0].id not in table


@pytest.mark.parametrize("engine", ["whoosh", "postgres"])
def test_both_engines_agree_on_which_profiles_have_dates(engine, request, index_dir, search_profiles):
    if engine == "whoosh":
        _, table = live_history(index_dir)
    else:
        from index.pg.history import live_pg_history

        _, table = live_pg_history(request.getfixturevalue("pg_url"), request.getfixturevalue("pg_search_index"))
    assert set(table) == {p.id for p in search_profiles}
