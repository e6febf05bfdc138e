"""Per-segment document columns: written with the index, kept right by updates."""

from __future__ import annotations

import dataclasses
import shutil

import numpy as np
import pytest
from whoosh import index as whoosh_index

import index.parallel as parallel
from index.build import build_index, current_generation
from index.columns import COLUMNS_DIR, columns_from_stored, load_columns, read_columns
from index.update import remove_profiles, update_profiles
from search.model import SearchRequest
from search.service import ProfileSearch

REQUESTS = [
    SearchRequest.create("Abfall"),
    SearchRequest.create("", {"region": ["Arnsberg"]}, staff=True),
    SearchRequest.create("Zauberwort", staff=True, sort="title"),
    SearchRequest.create("", sort="newest", per_page=100),
]


def _same(a, b) -> None:
    assert a.ids == b.ids and a.titles == b.titles
    assert np.array_equal(a.private, b.private) and np.array_equal(a.year, b.year)
    for facet, (codes, values) in a.singles.items():
        other_codes, other_values = b.singles[facet]
        assert [values[c] if c >= 0 else None for c in codes] == [
            other_values[c] if c >= 0 else None for c in other_codes
        ]
    for facet, (flat, lengths, values) in a.multis.items():
        other_flat, other_lengths, other_values = b.multis[facet]
        assert np.array_equal(lengths, other_lengths)
        assert [values[c] for c in flat] == [other_values[c] for c in other_flat]
    for name, lengths in a.lengths.items():
        assert np.array_equal(lengths, b.lengths[name]), name


def _segments(generation):
    ix = whoosh_index.open_dir(str(generation))
    reader = ix.reader()
    return ix, reader, [(sr.segment().segment_id(), sr) for sr, _ in reader.leaf_readers()]


@pytest.mark.parametrize("procs", [1, 2])
def test_build_writes_the_columns_stored_fields_would_give(tmp_path, search_profiles, monkeypatch, procs):
    monkeypatch.setattr(parallel, "MIN_PER_PROCESS", 1)
    generation = build_index(search_profiles, tmp_path, procs=procs).generation
    ix, reader, segments = _segments(generation)
    try:
        assert len(segments) == procs
        for segment_id, segment_reader in segments:
            written = read_columns(generation, segment_id)
            assert written is not None
            _same(written, columns_from_stored(segment_reader))
        # lengths equal what Whoosh reports document by document
        offset_columns = load_columns(generation, reader)
        lengths = np.concatenate([c.lengths["ziel"] for _, c, _ in offset_columns])
        assert lengths.tolist() == [reader.doc_field_length(n, "ziel", 0) or 0 for n in range(reader.doc_count_all())]
    finally:
        reader.close()
        ix.close()


def test_updates_give_new_segments_columns_and_remove_stale_ones(tmp_path, search_profiles):
    generation = build_index(search_profiles, tmp_path, procs=1).generation
    changed = dataclasses.replace(search_profiles[0], title="Zauberwort Abfallverband", region="Detmold")
    update_profiles(tmp_path, [changed])
    remove_profiles(tmp_path, [search_profiles[1].id])
    update_profiles(tmp_path, [dataclasses.replace(changed, title="Zauberwort Verband")])
    ix, reader, segments = _segments(generation)
    try:
        files = sorted(p.name for p in (generation / COLUMNS_DIR).iterdir())
        assert files == sorted(f"{segment_id}.npz" for segment_id, _ in segments)
    finally:
        reader.close()
        ix.close()
    service = ProfileSearch(tmp_path)
    try:
        result = service.search(SearchRequest.create("Zauberwort", staff=True))
        assert [hit.title for hit in result.hits] == ["Zauberwort Verband"]
        # the stated Regierungsbezirk, and the lead's and participants' (index.document.place_values)
        assert ("Detmold", 1) in [(v.value, v.count) for v in result.facets["region"]]
        assert search_profiles[1].id not in service.ids(staff=True)
    finally:
        service.close()


def test_a_generation_without_columns_files_searches_the_same(tmp_path, search_profiles):
    build_index(search_profiles, tmp_path / "a", procs=1)
    generation = build_index(search_profiles, tmp_path / "b", procs=1).generation
    update_profiles(tmp_path / "b", [dataclasses.replace(search_profiles[2], title="Zauberwort Stadt")])
    update_profiles(tmp_path / "a", [dataclasses.replace(search_profiles[2], title="Zauberwort Stadt")])
    shutil.rmtree(generation / COLUMNS_DIR)  # as an index written before the columns existed
    with_files, without = ProfileSearch(tmp_path / "a"), ProfileSearch(tmp_path / "b")
    try:
        for request in REQUESTS:
            assert without.search(request) == with_files.search(request)
        assert without.similar(search_profiles[0].id) == with_files.similar(search_profiles[0].id)
    finally:
        with_files.close()
        without.close()
    assert current_generation(tmp_path / "b") == generation


def test_task_groups_are_kept_as_an_array_and_read_back_alike():
    from index.columns import _groups
    from index.group_codes import GroupCodes

    groups = GroupCodes.of([["01.11", "01.14"], [], ["02.1", "01.11", "09.9"]])
    assert groups.rows() == [["01.11", "01.14"], [], ["02.1", "01.11"]]  # two kept a document
    assert groups.renumbered({"01.14": 5, "02.1": 7}).tolist() == [[-1, 5], [-1, -1], [7, -1]]
    written = {"groups.codes": groups.codes}
    assert _groups(written, {"group_table": groups.table}) == groups
    # lists of codes, as files written earlier on 2026-12-08 hold them, read the same
    assert _groups({}, {"groups": groups.rows()}) == groups
    assert _groups({}, {}) is None
