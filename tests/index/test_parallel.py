"""Builds with several worker processes give the index a serial build gives."""

from __future__ import annotations

import json

import pytest
from whoosh import index as whoosh_index

import index.parallel as parallel
from index.build import build_index, current_generation
from index.spelling import SPELLING_FILE
from search.model import SearchRequest
from search.service import ProfileSearch

REQUESTS = [
    SearchRequest.create("Abfall"),
    SearchRequest.create("Müll Entsorgung", sort="title"),
    SearchRequest.create("", {"region": ["Arnsberg"]}, staff=True),
    SearchRequest.create("Feuerwher"),
    SearchRequest.create('"gemeinsame Vergabestelle"', staff=True),
]


@pytest.fixture()
def forked_build(tmp_path, search_profiles, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PER_PROCESS", 1)
    build_index(search_profiles, tmp_path / "serial", procs=1)
    build_index(search_profiles, tmp_path / "forked", procs=2)
    return tmp_path / "serial", tmp_path / "forked"


def test_forked_build_writes_one_segment_per_worker_in_profile_order(forked_build, search_profiles):
    _serial, forked = forked_build
    ix = whoosh_index.open_dir(str(current_generation(forked)))
    try:
        assert len(ix._segments()) == 2
        with ix.searcher() as searcher:
            ids = [fields["id"] for _, fields in searcher.reader().iter_docs()]
    finally:
        ix.close()
    assert ids == [p.id for p in search_profiles]


def test_forked_build_finds_what_a_serial_build_finds(forked_build):
    serial, forked = (ProfileSearch(path) for path in forked_build)
    try:
        for request in REQUESTS:
            assert forked.search(request) == serial.search(request)
        for profile_id in serial.ids(staff=True):
            assert forked.similar(profile_id, staff=True) == serial.similar(profile_id, staff=True)
        assert forked.suggest("Ab") == serial.suggest("Ab")
    finally:
        serial.close()
        forked.close()
    spelling = [json.loads((current_generation(path) / SPELLING_FILE).read_text()) for path in forked_build]
    assert spelling[0] == spelling[1]


def test_a_failing_worker_fails_the_build_and_leaves_the_live_index(tmp_path, search_profiles, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PER_PROCESS", 1)
    live = build_index(search_profiles[:3], tmp_path, procs=1).generation

    def broken(profile):
        raise RuntimeError(f"cannot index {profile.id}")

    monkeypatch.setattr(parallel, "profile_to_document", broken)
    with pytest.raises(parallel.WorkerFailed, match="cannot index"):
        build_index(search_profiles, tmp_path, procs=2)
    assert current_generation(tmp_path) == live
    assert [p.name for p in (tmp_path / "generations").iterdir()] == [live.name]


def test_progress_reaches_the_number_of_profiles(tmp_path, search_profiles, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PER_PROCESS", 1)
    seen = []
    build_index(search_profiles, tmp_path, procs=2, progress=seen.append)
    assert seen[-1] == len(search_profiles) and seen == sorted(seen)
