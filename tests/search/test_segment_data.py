"""The near table and the municipality directory from the per-segment columns: the same
as from the stored payloads on the bundled corpus, stale columns files detected, and what
was derived from a segment kept across an update that did not touch it."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from index.build import build_index, current_generation
from index.columns import COLUMNS_DIR, check_columns, read_columns, refresh_columns
from index.update import update_profiles
from search import segment_data
from search.model import SearchRequest
from search.municipalities import MunicipalityDirectory
from search.near import NearTable, near_origin
from search.service import ProfileSearch, WhooshGeneration


def _payloads(generation: WhooshGeneration):
    def read(docs: list[int]) -> dict[int, dict]:
        return {doc: body[0] for doc, body in generation.bodies(docs)().items()}
    return read


@pytest.fixture()
def opened(bundled_index):
    generation = WhooshGeneration(current_generation(bundled_index))
    yield generation
    generation.close()


def test_columns_keep_every_documents_places_as_its_payload_says(opened):
    read = _payloads(opened)
    for offset, columns, _ in opened.segments:
        assert columns.places is not None
        rows = columns.places.rows()
        payloads = read(list(range(offset, offset + len(columns))))
        for doc, row in enumerate(rows):
            payload = payloads[offset + doc]
            assert row[0] == (payload["lead"], payload["lead_key"])
            assert [name for name, _ in row[1:]] == payload["participants"]
            assert [key for _, key in row[1:]] == payload["participant_keys"]


def test_the_near_table_from_columns_is_the_one_from_payloads(opened):
    read = _payloads(opened)
    live = np.flatnonzero(~np.concatenate([gone for _, _, gone in opened.segments]))
    payloads = read(live.tolist())
    by_payloads = NearTable.from_payloads(opened.size, payloads)
    by_columns = NearTable.from_parts(opened.size, [segment_data.near_pairs(offset, columns, gone, read)
                                                    for offset, columns, gone in opened.segments])
    assert len(by_columns.docs) == len(by_payloads.docs) > 300
    keys = sorted({key for p in payloads.values() for key in [p["lead_key"], *p["participant_keys"]] if key})
    origins = [*keys[::7], *sorted({key[:5] for key in keys})[::5]]
    for key in origins:
        origin = near_origin(key)
        assert by_columns.tiers(origin).tolist() == by_payloads.tiers(origin).tolist(), key


@pytest.mark.parametrize("staff", [False, True])
def test_the_directory_from_columns_is_the_one_from_payloads(opened, staff):
    read = _payloads(opened)
    visible = np.concatenate([~gone & (staff | ~columns.private) for _, columns, gone in opened.segments])
    by_payloads = MunicipalityDirectory(read(np.flatnonzero(visible).tolist()).values())
    chosen = [segment_data.records(offset, columns, gone, read)[doc]
              for offset, columns, gone in opened.segments
              for doc in np.flatnonzero(visible[offset:offset + len(columns)]).tolist()]
    by_columns = MunicipalityDirectory(chosen)
    assert by_columns.listed_keys() == by_payloads.listed_keys()
    assert by_columns.listing() == by_payloads.listing()
    for key in by_payloads.listed_keys():
        assert by_columns.page(key) == by_payloads.page(key), key
    names = {name for payload in read(np.flatnonzero(visible).tolist()).values()
             for name in [payload.get("lead"), *payload["participants"]] if name}
    assert {name: by_columns.key_for(name) for name in names} == {name: by_payloads.key_for(name) for name in names}


def test_an_older_columns_file_is_read_from_the_stored_fields_and_rewritten(tmp_path, bundled_profiles):
    build_index(bundled_profiles[:20], tmp_path / "ix")
    generation = current_generation(tmp_path / "ix")
    (path,) = (generation / COLUMNS_DIR).glob("*.npz")
    with np.load(path) as data:
        older = {key: data[key] for key in data.files if key != "format" and not key.startswith("places.")}
    np.savez(path, **older)  # as written before the places were kept
    assert read_columns(generation, path.stem) is None
    (problem,) = check_columns(generation)
    assert path.stem in problem and "older format" in problem
    opened = WhooshGeneration(generation)
    try:
        ((_, columns, _),) = opened.segments
        assert columns.places is not None and len(columns.places.lengths) == 20  # from the stored fields
        payload = json.loads(opened.searcher.stored_fields(0)["payload"])
        assert columns.places.rows()[0][0] == (payload["lead"], payload["lead_key"])
    finally:
        opened.close()
    refresh_columns(generation)
    assert check_columns(generation) == []
    rewritten = read_columns(generation, path.stem)
    assert rewritten is not None and rewritten.places is not None
    assert rewritten.places.rows() == columns.places.rows()


def test_an_update_keeps_what_was_derived_from_the_segments_it_did_not_touch(tmp_path, bundled_profiles):
    profiles = [p for p in bundled_profiles if p.lead_key][:40]
    build_index(profiles, tmp_path / "ix")
    service = ProfileSearch(tmp_path / "ix")
    try:
        near = SearchRequest.create("", near=profiles[0].lead_key, staff=True)
        before = service._current()
        service.search(near)
        service.municipalities(staff=True)
        (first,) = [columns for _, columns, _ in before.generation.segments]
        assert {"near", "records"} <= set(first.derived)
        update_profiles(tmp_path / "ix", [profiles[5]])  # a new segment; the old one loses a document
        service._checked = -math.inf  # look the live generation up now
        after = service._current()
        assert after.generation is not before.generation
        assert any(columns is first for _, columns, _ in after.generation.segments)
        # the old segment kept its place: its documents' numbers stand, their hit fields stay
        assert after.generation.continues
        shown = [doc for doc in range(len(first)) if before.hit_fields.get(doc) is not None]
        assert shown and all(after.hit_fields.get(doc) is not None for doc in shown)
        hits = {hit.id: hit.distance for hit in service.search(near).hits}
        assert hits[profiles[0].id] == 0 and profiles[5].id in hits
        directory = service.municipalities(staff=True)
        expected = MunicipalityDirectory(_payloads(after.generation)(
            np.flatnonzero(after.table.visible(True)).tolist()).values())
        assert directory.listed_keys() == expected.listed_keys()
        for key in expected.listed_keys():
            assert directory.page(key) == expected.page(key), key
    finally:
        service.close()


def test_each_segment_is_written_with_its_title_order(opened):
    for _, columns, _ in opened.segments:
        keys = columns.title_keys
        assert columns.title_order is not None
        assert columns.title_order.tolist() == sorted(range(len(keys)), key=keys.__getitem__)
