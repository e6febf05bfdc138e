"""Sidecar postings: the same document numbers and weights as Whoosh's own postings, for
every term of every text field; damaged sidecars are found, refused and rebuilt."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index

from corpus import load_profiles
from index.build import build_index, current_generation
from index.schema import TEXT_FIELDS
from index.sidecar import (
    ARRAYS,
    MANIFEST,
    SIDECAR_DIR,
    SidecarMissing,
    SidecarPostings,
    check_sidecars,
    refresh_sidecars,
)
from index.update import check_index, remove_profiles, update_profiles
from search.model import SearchRequest
from search.service import ProfileSearch

BUNDLED = Path(__file__).resolve().parents[2] / "corpus" / "profiles"


@pytest.fixture(scope="module")
def bundled_profiles(gazetteer):
    loaded = load_profiles([BUNDLED], gazetteer)
    assert not loaded.errors and len(loaded.profiles) > 300
    return loaded.profiles


@pytest.fixture(scope="module")
def bundled_index(tmp_path_factory, bundled_profiles) -> Path:
    target = tmp_path_factory.mktemp("bundled")
    build_index(bundled_profiles, target, procs=1)
    return target


def _whoosh_postings(reader, name: str, term: bytes) -> tuple[list[int], list[float]]:
    matcher, ids, weights = reader.postings(name, term), [], []
    while matcher.is_active():  # the stored weights (items_as("weight") counts positions)
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def _assert_same_as_whoosh(generation: Path) -> int:
    """Compare every (field, term) of the index with its sidecar; returns the number of
    postings compared. Whoosh's postings skip deleted documents, the sidecar's keep them."""
    compared = 0
    ix = whoosh_index.open_dir(str(generation))
    try:
        with ix.reader() as reader:
            sidecar = SidecarPostings(generation, reader)
            deleted = {d for d in range(reader.doc_count_all()) if reader.is_deleted(d)}
            for name in TEXT_FIELDS:
                terms = list(reader.lexicon(name))
                for term in terms:
                    ids, weights = _whoosh_postings(reader, name, term)
                    found = sidecar(name, term.decode("utf-8"))
                    assert found is not None, (name, term)
                    docs, values = found
                    assert docs.dtype == np.int64 and values.dtype == np.float64
                    live = np.array([d not in deleted for d in docs.tolist()], dtype=bool)
                    assert docs[live].tolist() == ids, (name, term)
                    assert values[live].tolist() == weights, (name, term)
                    assert sidecar.doc_frequency(term.decode("utf-8")) >= reader.doc_frequency(name, term)
                    compared += len(ids)
            assert compared
            assert sidecar(TEXT_FIELDS[0], "zzzkeinwortzzz") is None
            assert sidecar(TEXT_FIELDS[0], "") is None
    finally:
        ix.close()
    return compared


def test_every_posting_of_the_bundled_corpus_matches_whoosh(bundled_index, bundled_profiles):
    generation = current_generation(bundled_index)
    compared = _assert_same_as_whoosh(generation)
    assert compared > 50 * len(bundled_profiles)
    ix = whoosh_index.open_dir(str(generation))
    try:
        with ix.reader() as reader:
            assert all(list(reader.lexicon(name)) for name in TEXT_FIELDS)  # every field compared
    finally:
        ix.close()
    assert check_sidecars(generation) == []


def test_a_forked_build_writes_one_sidecar_per_segment(tmp_path, bundled_profiles, monkeypatch):
    import index.parallel as parallel

    monkeypatch.setattr(parallel, "MIN_PER_PROCESS", 100)
    build_index(bundled_profiles, tmp_path, procs=2)
    generation = current_generation(tmp_path)
    assert len([p for p in (generation / SIDECAR_DIR).iterdir() if p.is_dir()]) == 2
    _assert_same_as_whoosh(generation)


def test_updates_and_removals_keep_the_sidecars_right(tmp_path, search_profiles):
    build_index(search_profiles, tmp_path)
    changed = search_profiles[0]
    update_profiles(tmp_path, [changed])
    remove_profiles(tmp_path, [search_profiles[1].id])
    generation = current_generation(tmp_path)
    with whoosh_index.open_dir(str(generation)).reader() as reader:
        assert reader.has_deletions()  # the removed profile's postings stay in its segment
    ix = whoosh_index.open_dir(str(generation))
    try:
        segments = {r.segment().segment_id() for r, _ in ix.reader().leaf_readers()}
    finally:
        ix.close()
    assert {p.name for p in (generation / SIDECAR_DIR).iterdir()} == segments
    _assert_same_as_whoosh(generation)
    assert check_sidecars(generation) == []


def _only_segment(generation: Path) -> Path:
    (directory,) = [p for p in (generation / SIDECAR_DIR).iterdir() if p.is_dir()]
    return directory


def _open(generation: Path) -> None:
    ix = whoosh_index.open_dir(str(generation))
    try:
        with ix.reader() as reader:
            SidecarPostings(generation, reader, read_below=0)
    finally:
        ix.close()


@pytest.mark.parametrize("damage", ["no manifest", "truncated", "other documents", "flipped byte", "gone"])
def test_a_damaged_sidecar_is_reported_refused_and_rebuilt(tmp_path, search_profiles, damage):
    build_index(search_profiles, tmp_path)
    generation = current_generation(tmp_path)
    directory = _only_segment(generation)
    search = ProfileSearch(tmp_path)
    try:
        expected = [h.id for h in search.search(SearchRequest.create("Abfall")).hits]
    finally:
        search.close()
    assert expected
    docs = directory / ARRAYS
    if damage == "no manifest":  # a write interrupted before its manifest
        (directory / MANIFEST).unlink()
    elif damage == "truncated":
        docs.write_bytes(docs.read_bytes()[:-4])
    elif damage == "other documents":  # a manifest of another state of the segment
        manifest = json.loads((directory / MANIFEST).read_text())
        manifest["documents"] += 1
        (directory / MANIFEST).write_text(json.dumps(manifest))
    elif damage == "flipped byte":  # same size: only the checksum tells
        data = bytearray(docs.read_bytes())
        data[-1] ^= 0xFF
        docs.write_bytes(bytes(data))
    else:  # an index written before sidecars existed
        shutil.rmtree(generation / SIDECAR_DIR)
    problems = check_sidecars(generation)
    assert len(problems) == 1 and directory.name in problems[0]
    assert not check_index(tmp_path, search_profiles).clean
    if damage != "flipped byte":  # opening compares sizes and counts, not checksums
        with pytest.raises(SidecarMissing, match=directory.name):
            _open(generation)
        # the search service reads the small segment itself (or Whoosh's postings): the same answers
        search = ProfileSearch(tmp_path)
        try:
            assert [h.id for h in search.search(SearchRequest.create("Abfall")).hits] == expected
        finally:
            search.close()
    else:
        assert refresh_sidecars(generation) == []  # the cheap check of every update cannot tell
    assert refresh_sidecars(generation, verify=True) == [directory.name]
    assert check_sidecars(generation) == []
    _assert_same_as_whoosh(generation)


def test_a_small_segment_whose_sidecar_is_not_written_yet_is_read_from_the_segment(tmp_path, search_profiles):
    """A server may open an update's commit before the update wrote the new sidecar."""
    build_index(search_profiles, tmp_path)
    update_profiles(tmp_path, [search_profiles[0]])
    generation = current_generation(tmp_path)
    for directory in (generation / SIDECAR_DIR).iterdir():
        shutil.rmtree(directory)
    ix = whoosh_index.open_dir(str(generation))
    try:
        with ix.reader() as reader, pytest.raises(SidecarMissing):
            SidecarPostings(generation, reader, read_below=len(search_profiles))
    finally:
        ix.close()
    _assert_same_as_whoosh(generation)  # read below the default size


def test_ikz_index_check_reports_a_missing_sidecar(tmp_path, search_profiles, capsys):
    from cli.main import main

    corpus = Path(__file__).resolve().parents[1] / "data" / "search_profiles"
    build_index(search_profiles, tmp_path)
    assert main(["index", "check", "--corpus", str(corpus), "--index", str(tmp_path)]) == 0
    shutil.rmtree(current_generation(tmp_path) / SIDECAR_DIR)
    capsys.readouterr()
    assert main(["index", "check", "--corpus", str(corpus), "--index", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "damaged: segment" in out and "has no sidecar postings" in out
    assert "1 damaged sidecar(s)" in err
