"""Index builds: documents, generations, the atomic switch, the write lock."""

from __future__ import annotations

import json
import os

import pytest

from index.build import (
    CURRENT,
    GENERATIONS,
    IndexLocked,
    IndexMissing,
    build_index,
    current_generation,
    profile_to_document,
    write_lock,
)
from search.core import CHECK_INTERVAL
from search.model import SearchRequest
from search.service import ProfileSearch


def test_profile_to_document(search_profiles):
    profile = next(p for p in search_profiles if p.id == "s07_geheim-soest")
    document = profile_to_document(profile)
    assert document["id"] == profile.id and document["private"] is True
    assert "quxbarvertrag" in document["spell"].split()
    assert document["keyword"] == "Abfall\nQuxbarvertrag"
    assert document["participant"] == "Soest\nLippstadt"
    assert "contact" not in document and "links" not in document  # not searchable
    payload = json.loads(document["payload"])
    assert payload["remark"] == "lt. Mail 2022 01 01 nicht mehr aktuell" and "sections" not in payload
    assert document["district"] == "Kreis Soest" and document["region"] == "Arnsberg" and document["year"] == 2020


def test_rebuild_switches_generations_and_keeps_one_old(tmp_path, search_profiles):
    first = build_index(search_profiles[:3], tmp_path)
    second = build_index(search_profiles, tmp_path)
    third = build_index(search_profiles[:5], tmp_path)
    assert current_generation(tmp_path) == third.generation
    assert (tmp_path / CURRENT).is_symlink()
    remaining = sorted(p.name for p in (tmp_path / GENERATIONS).iterdir())
    assert remaining == sorted([second.generation.name, third.generation.name])
    assert not first.generation.exists()


def test_a_failed_build_leaves_the_live_index_untouched(tmp_path, search_profiles):
    build_index(search_profiles, tmp_path)
    live = current_generation(tmp_path)

    def broken():
        yield from search_profiles[:2]
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        build_index(broken(), tmp_path)
    assert current_generation(tmp_path) == live
    assert [p.name for p in (tmp_path / GENERATIONS).iterdir()] == [live.name]
    service = ProfileSearch(tmp_path)
    assert service.search(SearchRequest.create("", per_page=100)).total == 7


def test_running_service_picks_up_a_rebuild(tmp_path, search_profiles, clock):
    build_index(search_profiles[:2], tmp_path)
    service = ProfileSearch(tmp_path)
    everything = SearchRequest.create("", staff=True)
    assert service.search(everything).total == 2
    build_index(search_profiles, tmp_path)
    clock.advance(CHECK_INTERVAL / 2)
    assert service.search(everything).total == 2  # the check is not due yet
    clock.advance(CHECK_INTERVAL / 2)
    assert service.search(everything).total == 8  # due: the rebuild is seen at once
    service.close()


def test_missing_index(tmp_path):
    with pytest.raises(IndexMissing):
        current_generation(tmp_path)
    from search.model import IndexUnavailable

    with pytest.raises(IndexUnavailable):
        ProfileSearch(tmp_path / "nothing").search(SearchRequest.create(""))


def test_second_writer_is_refused_with_the_holders_pid(tmp_path, search_profiles):
    with write_lock(tmp_path), pytest.raises(IndexLocked, match=f"being written by PID {os.getpid()}"):
        build_index(search_profiles, tmp_path)
    build_index(search_profiles, tmp_path)  # the lock is released afterwards
