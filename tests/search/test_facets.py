"""``search.facets.FacetTable``: ordering, facet counts and visibility checked against
plain Python over a random table (ties, missing years, deleted documents)."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest

from index.columns import ColumnCollector, SegmentColumns
from index.folding import german_sort_key
from index.schema import TEXT_FIELDS
from search.facets import FacetTable, title_rank
from search.model import SearchRequest

SIZE = 400


@pytest.fixture(scope="module")
def table() -> FacetTable:
    rng = random.Random(5)
    collector = ColumnCollector()
    for n in range(SIZE):
        collector.add({
            "id": f"p{n}",
            "title": rng.choice(["Abfall", "Bauhof", "Musikschule", "Zweckverband Wasser"]) + f" {rng.randint(1, 40)}",
            "private": rng.random() < 0.2,
            "year": rng.choice([None, 1990, 2005, 2005, 2020]),
            "region": rng.choice(["Arnsberg", "Detmold", ""]),
            "state": "Nordrhein-Westfalen",
            "keyword": "\n".join(rng.sample(["Abfall", "Bauhof", "IT", "Kita", "Wasser"], rng.randint(0, 3))),
            "participant": "\n".join(rng.sample([f"Ort {i}" for i in range(30)], rng.randint(1, 6))),
        })
    columns = collector.finish({name: np.zeros(SIZE) for name in TEXT_FIELDS})
    deleted = np.array([n % 37 == 0 for n in range(SIZE)])
    return FacetTable(SIZE, [(0, columns, deleted)])


def _reference_order(table: FacetTable, docs: list[int], sort: str) -> list[int]:
    def year_key(doc: int) -> int:
        year = int(table.year[doc])
        return 10_000 if year < 0 else (year if sort == "oldest" else -year)

    if sort == "title":
        return sorted(docs, key=lambda d: table.title_rank[d])
    return sorted(docs, key=lambda d: (year_key(d), table.title_rank[d]))


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest", "title"])
@pytest.mark.parametrize("limit", [1, 10, 95, 1000])
def test_rank_without_scores_matches_a_full_sort(table, sort, limit):
    rng = np.random.default_rng(limit)
    matching = table.visible(False) & (rng.random(SIZE) < 0.5)
    docs = np.flatnonzero(matching).tolist()
    expected = _reference_order(table, docs, "newest" if sort == "relevance" else sort)[:limit]
    ranked = table.rank(None, matching, SearchRequest.create("", sort=sort), limit)
    assert [doc for doc, _ in ranked] == expected


@pytest.mark.parametrize("limit", [1, 5, 10, 60, 1000])
def test_rank_by_score_keeps_ties_in_document_order(table, limit):
    rng = np.random.default_rng(limit)
    scores = rng.choice([0.5, 1.0, 1.0, 2.0, 3.5], size=SIZE)  # many ties, also at the cut
    matching = table.visible(True).copy()
    docs = np.flatnonzero(matching).tolist()
    expected = sorted(docs, key=lambda d: (-scores[d], d))[:limit]
    ranked = table.rank(scores, matching, SearchRequest.create("Abfall"), limit)
    assert [doc for doc, _ in ranked] == expected
    assert [score for _, score in ranked] == [scores[d] for d in expected]


@pytest.mark.parametrize("share", [0.02, 0.3, 1.0])  # the sparse (rows) and the dense (owners) way
def test_multi_valued_counts(table, share):
    rng = np.random.default_rng(int(share * 100))
    mask = table.visible(False) & (rng.random(SIZE) < share)
    for facet in ("keyword", "participant"):
        column = table.fields[facet]
        expected = Counter()
        ends = np.cumsum(column.lengths)
        for doc in np.flatnonzero(mask):
            expected.update(column.values[c] for c in column.flat[ends[doc] - column.lengths[doc]:ends[doc]])
        counts = column.counts(mask)
        assert {column.values[c]: int(n) for c, n in enumerate(counts) if n} == dict(expected)


def test_counts_of_everything_visible_are_kept_and_equal_fresh_ones(table):
    request = SearchRequest.create("")
    for staff in (False, True):
        visible = table.visible(staff)
        first = table.count(visible, {}, request)
        assert table.count(visible, {}, request) is first  # computed once
        assert table.count(visible.copy(), {}, request) == first  # another array: counted afresh
    filtered = SearchRequest.create("", {"region": ["Arnsberg"]})
    masks = table.filter_masks(filtered)
    assert table.count(table.visible(False), masks, filtered) != table.count(table.visible(False), {}, request)


def test_visible_masks_are_shared_and_read_only(table):
    assert table.visible(False) is table.visible(False)
    assert not (table.visible(False) & table.private).any()
    assert not table.visible(True)[0]  # deleted
    with pytest.raises(ValueError):
        table.visible(False)[1] = True


@pytest.mark.parametrize("listed", [3, 7, 50])  # 3 and 7: fewer than a quarter of the 30 places
def test_facet_values_are_the_most_frequent_then_alphabetical(table, monkeypatch, listed):
    import search.facet_types

    monkeypatch.setattr(search.facet_types, "MAX_FACET_VALUES", listed)
    request = SearchRequest.create("")
    visible = table.visible(True).copy()  # a copy: counted afresh, not the kept counts
    column = table.fields["participant"]
    counts = column.counts(visible)
    expected = sorted((c for c in range(len(counts)) if counts[c]), key=lambda c: (-counts[c], c))[:listed]
    found = table.count(visible, {}, request)["participant"]
    assert [(v.value, v.count) for v in found] == [(column.values[c], int(counts[c])) for c in expected]


@pytest.mark.parametrize("sizes", [(7,), (40, 3), (3, 40, 0, 12), (25, 25, 1)])
def test_the_title_rank_merged_from_segments_is_a_stable_sort_of_all_titles(sizes):
    """Ties across segments (equal sort keys) go by document number, as one stable sort."""
    rng = random.Random(sum(sizes))
    segments, offset, keys = [], 0, []
    for size in sizes:
        titles = [rng.choice(["abfall", "Abfall", "bauhof", "Ärzte", "aerzte", "", "zweck"]) + rng.choice(["", " 1"])
                  for _ in range(size)]
        columns = SegmentColumns(ids=[f"p{offset + n}" for n in range(size)], titles=titles,
                                 title_keys=[german_sort_key(t) for t in titles], private=np.zeros(size, dtype=bool),
                                 year=np.zeros(size, dtype=np.int32), singles={}, multis={}, lengths={})
        segments.append((offset, columns, np.zeros(size, dtype=bool)))
        keys.extend(columns.title_keys)
        offset += size
    expected = np.empty(offset, dtype=np.int64)
    expected[sorted(range(offset), key=keys.__getitem__)] = np.arange(offset)
    assert title_rank(offset, segments).tolist() == expected.tolist()
    assert title_rank(offset, segments).tolist() == expected.tolist()  # again, from the kept per-segment orders
