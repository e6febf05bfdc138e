"""Private profiles never shape what the public sees: every public answer of an index with
private profiles equals that of an index built without them (scores, order, corrections,
facets, snippets, similar lists), on both storage engines. BM25's statistics (document
count, average field lengths, document frequencies) come from the public profiles for
public searches and from all profiles for staff searches."""

from __future__ import annotations

import json

import pytest

from search.model import SearchRequest
from tests.conftest import BACKENDS, ROOT, _built, _open

QUERIES = ["", "Abfall", "Müll", "Abfallverband Soest", "Feuerwher", "Quxbarvertrg", "Soest", "Wertstoffhöfe",
           "wer macht gemeinsam Ausschreibungen", '"zentralen Vergabestelle"', "Müll -Biotonne", "Lohnbuchhaltung",
           "Nahverkehr", "Bücherei", "Lippstadt Erwitte", "Vergabe"]


@pytest.fixture(scope="module", autouse=True)
def _patient():
    """These tests compare answers, not speed: on a loaded machine a cold search of the
    bundled corpus may pass the one-second limit."""
    from search import core

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(core, "SEARCH_TIME_LIMIT", 30.0)  # read by every service made meanwhile
        yield


@pytest.fixture(scope="module", params=BACKENDS)
def both(request, tmp_path_factory, index_dir, search_profiles):
    """(service over all fixture profiles, service over the public ones only), per backend."""
    public = [p for p in search_profiles if not p.private]
    assert len(public) < len(search_profiles)
    with_private = _open(request.param, request, search_profiles, index_dir, "search")
    without = _open(request.param, request, public, _built(tmp_path_factory, public, "public-only"), "public_only")
    return with_private, without


@pytest.mark.parametrize("query", QUERIES)
def test_public_answers_do_not_depend_on_private_profiles(both, query):
    with_private, without = both
    for options in ({}, {"sort": "title"}, {"filters": {"region": ["Arnsberg"]}}):
        request = SearchRequest.create(query, per_page=100, **options)
        assert with_private.search(request) == without.search(request)


def test_public_similar_lists_do_not_depend_on_private_profiles(both):
    with_private, without = both
    for profile_id in without.ids():
        assert with_private.similar(profile_id, limit=10) == without.similar(profile_id, limit=10)


def test_staff_scores_count_the_private_profiles_too(both):
    with_private, _ = both
    public = with_private.search(SearchRequest.create("Abfall"))
    staff = with_private.search(SearchRequest.create("Abfall", staff=True))
    shared = {h.id: h.score for h in staff.hits if not h.private}
    assert any(shared[h.id] != h.score for h in public.hits if h.id in shared)


@pytest.fixture(scope="module", params=BACKENDS)
def bundled_both(request, tmp_path_factory, bundled_index, bundled_profiles):
    public = [p for p in bundled_profiles if not p.private]
    with_private = _open(request.param, request, bundled_profiles, bundled_index, "bundled")
    without = _open(request.param, request, public, _built(tmp_path_factory, public, "bundled-public"),
                    "bundled_public")
    return with_private, without


def test_judged_queries_rank_alike_without_the_private_profiles(bundled_both):
    """The audit's check on the bundled corpus: 15 of 130 judged queries changed their
    public top ten when the 30 private profiles were left out of the build."""
    with_private, without = bundled_both
    judged = [item["query"] for name in ("queries.json", "heldout.json")
              for item in json.loads((ROOT / "tests" / "relevance" / name).read_text(encoding="utf-8"))["queries"]]
    differing = [q for q in judged
                 if with_private.search(SearchRequest.create(q)) != without.search(SearchRequest.create(q))]
    assert differing == []
