"""The search service on a small fixture index whose counts are checked by hand.

Public profiles: s01–s06 and s08; s07 is private and carries the canary word
"Quxbarvertrag", which must never reach the public.
"""

from __future__ import annotations

import itertools
import re

import pytest

from search.model import InvalidRequest, NotFound, SearchRequest
from tests.conftest import BACKENDS, _built, _open

PUBLIC = {"s01_abfallverband-soest", "s02_vergabestelle-lippstadt", "s03_personalabrechnung-bielefeld",
          "s04_buergerbus-werther", "s05_feuerwehrausbildung-kleve", "s06_muellabfuhr-emsland",
          "s08_aerztenetz-mettmann"}
PRIVATE = "s07_geheim-soest"


def search(service, query="", filters=None, **options):
    return service.search(SearchRequest.create(query, filters, **options))


def counts(result, facet):
    return {v.value: v.count for v in result.facets[facet]}


def test_empty_query_lists_every_public_profile(service):
    result = search(service, per_page=100)
    assert result.total == 7
    assert {h.id for h in result.hits} == PUBLIC


def test_facet_counts_checked_by_hand(service):
    result = search(service)
    assert counts(result, "region") == {"Arnsberg": 2, "Detmold": 2, "Düsseldorf": 2}
    assert counts(result, "state") == {"Nordrhein-Westfalen": 6, "Niedersachsen": 1}
    assert counts(result, "district") == {
        "Kreis Soest": 2, "Kreis Gütersloh": 2, "Kreis Kleve": 1, "Kreis Mettmann": 1, "Landkreis Emsland": 1}
    assert counts(result, "legal_form") == {
        "öffentlich-rechtliche Vereinbarung": 2, "Zweckverband": 1, "Kooperationsvertrag": 1,
        "eingetragener Verein": 1, "GmbH": 1}
    assert counts(result, "year") == {"1978": 1, "2001": 1, "2005": 1, "2010": 1, "2015": 1, "2019": 1}
    assert counts(result, "participant")["Lippstadt"] == 2 and counts(result, "participant")["Erwitte"] == 2
    assert counts(result, "keyword")["Abfall"] == 1
    assert [v.value for v in result.facets["year"]] == sorted(counts(result, "year"))


def test_staff_see_the_private_profile_in_counts(service):
    result = search(service, staff=True)
    assert result.total == 8
    assert counts(result, "region")["Arnsberg"] == 3
    assert counts(result, "keyword")["Abfall"] == 2 and counts(result, "participant")["Lippstadt"] == 3


def test_disjunctive_counts(service):
    result = search(service, "", {"region": ["Arnsberg"]})
    assert result.total == 2
    assert counts(result, "region") == {"Arnsberg": 2, "Detmold": 2, "Düsseldorf": 2}  # own filter ignored
    assert counts(result, "state") == {"Nordrhein-Westfalen": 2}
    assert next(v for v in result.facets["region"] if v.selected).value == "Arnsberg"


def test_or_within_and_across_facets(service):
    assert search(service, "", {"region": ["Arnsberg", "Detmold"]}).total == 4
    both = search(service, "", {"region": ["Arnsberg", "Detmold"], "legal_form": ["Zweckverband"]})
    assert [h.id for h in both.hits] == ["s01_abfallverband-soest"]
    # a selected value with no matches is still listed, with 0
    assert {v.value: (v.count, v.selected) for v in both.facets["region"]} == {
        "Arnsberg": (1, True), "Detmold": (0, True)}


@pytest.mark.parametrize("typed", ["Düsseldorf", "düsseldorf", "DUESSELDORF", "Duesseldorf", " düsseldorf "])
def test_filter_values_ignore_case_and_umlaut_spelling(service, typed):
    result = search(service, "", {"region": [typed]})
    assert result.total == 2
    assert [(v.value, v.selected) for v in result.facets["region"] if v.selected] == [("Düsseldorf", True)]


def test_a_private_value_is_not_shown_in_its_written_form_to_the_public(service):
    public = search(service, "", {"keyword": ["quxbarvertrag"]})
    assert public.total == 0 and [v.value for v in public.facets["keyword"] if v.selected] == ["quxbarvertrag"]
    staff = search(service, "", {"keyword": ["quxbarvertrag"]}, staff=True)
    assert staff.total == 1 and [v.value for v in staff.facets["keyword"] if v.selected] == ["Quxbarvertrag"]


def test_filter_masks_are_kept_per_generation(service):
    table = service._current().table
    request = SearchRequest.create("", {"region": ["detmold"]}, year_from=2000)
    first, second = table.filter_masks(request), table.filter_masks(SearchRequest.create("", {"region": ["Detmold"]},
                                                                                         year_from=2000))
    assert first["region"] is second["region"] and first["year"] is second["year"]
    assert not first["region"].flags.writeable


def test_repeated_filter_values_count_once(service):
    request = SearchRequest.create("", {"region": ["Detmold", "Detmold"]})
    assert request.filters == (("region", ("Detmold",)),)
    assert service.search(request).total == 2


def test_year_range_is_inclusive_and_drops_profiles_without_year(service):
    result = search(service, year_from=2005, year_to=2015, per_page=100)
    assert {h.id for h in result.hits} == {
        "s02_vergabestelle-lippstadt", "s04_buergerbus-werther", "s05_feuerwehrausbildung-kleve"}
    assert counts(result, "year")["1978"] == 1  # the year facet ignores its own range
    assert {v.value for v in result.facets["year"] if v.selected} == {"2005", "2010", "2015"}
    open_ended = search(service, year_from=2015)
    assert {v.value for v in open_ended.facets["year"] if v.selected} == {"2015", "2019"}
    assert not any(v.selected for v in search(service).facets["year"])


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ["s01_abfallverband-soest", "s08_aerztenetz-mettmann", "s04_buergerbus-werther",
                   "s05_feuerwehrausbildung-kleve", "s02_vergabestelle-lippstadt", "s06_muellabfuhr-emsland",
                   "s03_personalabrechnung-bielefeld"]),
        ("newest", ["s03_personalabrechnung-bielefeld", "s02_vergabestelle-lippstadt", "s05_feuerwehrausbildung-kleve",
                    "s04_buergerbus-werther", "s06_muellabfuhr-emsland", "s01_abfallverband-soest",
                    "s08_aerztenetz-mettmann"]),
        ("oldest", ["s01_abfallverband-soest", "s06_muellabfuhr-emsland", "s04_buergerbus-werther",
                    "s05_feuerwehrausbildung-kleve", "s02_vergabestelle-lippstadt", "s03_personalabrechnung-bielefeld",
                    "s08_aerztenetz-mettmann"]),
    ],
)
def test_sorting(service, sort, expected):
    assert [h.id for h in search(service, sort=sort, per_page=100).hits] == expected


def test_pagination(service):
    pages = [search(service, sort="title", page=n, per_page=3) for n in (1, 2, 3)]
    assert [len(p.hits) for p in pages] == [3, 3, 1]
    assert len({h.id for p in pages for h in p.hits}) == 7
    assert search(service, page=4, per_page=3).hits == ()  # past the end: empty, not clamped


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Abfall", "s01_abfallverband-soest"),
        ("Muell", "s06_muellabfuhr-emsland"),
        ("Wertstoffhöfe", "s01_abfallverband-soest"),
        ("Lohnbuchhaltung", "s03_personalabrechnung-bielefeld"),  # synonym only
        ("Nahverkehr", "s04_buergerbus-werther"),
        ("Bücherei", "s08_aerztenetz-mettmann"),
        ("Feuerwher", "s05_feuerwehrausbildung-kleve"),  # typo
        ("wer macht gemeinsam Ausschreibungen", "s02_vergabestelle-lippstadt"),
    ],
)
def test_queries_find_the_right_profile_first(service, query, first):
    assert search(service, query).hits[0].id == first


def test_typo_is_corrected_and_reported(service):
    result = search(service, "Feuerwher")
    assert result.corrected_query == "Feuerwehr"
    assert search(service, "Feuerwehr").corrected_query is None


@pytest.mark.parametrize(
    ("typed", "corrected", "first"),
    [
        ("Abfal", "Abfall", "s01_abfallverband-soest"),  # a word written only inside compounds
        ("Vergabstelle", "Vergabestelle", "s02_vergabestelle-lippstadt"),
        ("Personalabrechnug", "Personalabrechnung", "s03_personalabrechnung-bielefeld"),
    ],
)
def test_typos_of_words_and_of_compound_parts_are_corrected(service, typed, corrected, first):
    result = search(service, typed)
    assert (result.corrected_query, result.hits[0].id) == (corrected, first)


def test_phrases_and_exclusions(service):
    assert {h.id for h in search(service, '"zentralen Vergabestelle"').hits} == {"s02_vergabestelle-lippstadt"}
    assert search(service, '"Vergabestelle zentralen"').total == 0
    with_müll = {h.id for h in search(service, "Müll").hits}
    without = {h.id for h in search(service, "Müll -Biotonne").hits}
    assert "s06_muellabfuhr-emsland" in with_müll and "s06_muellabfuhr-emsland" not in without


def test_free_text_never_raises_syntax_errors(service):
    for text in ['"unbalanced', "AND OR NOT", "(((", "-", '""', "*?~^", "a:b", "---abfall"]:
        search(service, text)


def test_snippets_are_highlighted(service):
    hit = search(service, "Ausschreibungen").hits[0]
    assert "<mark>Ausschreibungen</mark>" in hit.snippet


MARKUP_PROFILE = """Vergabeplattform <b>Klick</b> Lippstadt

Lippstadt, Erwitte

Stichworte:

Vergabe

Hauptverantwortlich:

Stadt Lippstadt

Ziel:

Die Plattform <script>alert("x")</script> & "Vergabeportal" <img src=x onerror=alert(1)> für Angebote.
"""


@pytest.fixture(scope="module", params=BACKENDS)
def markup_service(request, tmp_path_factory, search_profiles, gazetteer):
    """A live service over the fixture profiles plus one whose text is full of markup."""
    from corpus import load_profiles

    folder = tmp_path_factory.mktemp("markup-corpus")
    (folder / "s09_markup.txt").write_text(MARKUP_PROFILE, encoding="utf-8")
    profiles = [*search_profiles, *load_profiles([folder], gazetteer).profiles]
    return _open(request.param, request, profiles, _built(tmp_path_factory, profiles, "markup"), "markup")


def test_snippets_are_escaped_and_highlighted(markup_service):
    hit = search(markup_service, "Vergabeportal").hits[0]
    assert hit.id == "s09_markup"
    assert "<mark>Vergabeportal</mark>" in hit.snippet
    # no markup of the text survives: only our <mark> tags are tags
    assert re.sub(r"</?mark>", "", hit.snippet).count("<") == 0
    assert "&lt;script&gt;" in hit.snippet and "&amp;" in hit.snippet and "&quot;" in hit.snippet
    title = search(markup_service, "Klick").hits[0]
    assert title.id == "s09_markup" and "<b>" not in title.snippet


def test_private_profile_never_reaches_the_public(service):
    for query in ["Quxbarvertrag", "Quxbar", "Quxbarverfahren", "Soest Abfall", ""]:
        result = search(service, query, per_page=100)
        assert PRIVATE not in {h.id for h in result.hits}
        for values in result.facets.values():
            assert "Quxbarvertrag" not in {v.value for v in values}
    assert search(service, "Quxbarvertrag").total == 0
    assert search(service, "Quxbarvertrg").corrected_query is None  # the word exists only in private
    staff = search(service, "Quxbarvertrg", staff=True)
    assert staff.corrected_query == "Quxbarvertrag" and staff.hits[0].id == PRIVATE and staff.hits[0].private
    assert service.profile(PRIVATE, staff=True)["remark"] == "lt. Mail 2022 01 01 nicht mehr aktuell"


def test_similar_never_lists_itself_or_private_profiles_for_the_public(service):
    public = service.similar("s01_abfallverband-soest")
    ids = [h.id for h in public.similar]
    assert "s01_abfallverband-soest" not in ids and PRIVATE not in ids
    assert ids[0] == "s06_muellabfuhr-emsland"
    staff = service.similar("s01_abfallverband-soest", staff=True)
    assert PRIVATE in [h.id for h in staff.similar]


def test_profiles(service):
    profile = service.profile("s02_vergabestelle-lippstadt")
    assert profile["title"] == "Gemeinsame Vergabestelle Lippstadt und Erwitte"
    assert profile["sections"]["ziel"].startswith("Ausschreibungen")
    with pytest.raises(NotFound):
        service.profile(PRIVATE)
    with pytest.raises(NotFound):
        service.profile("nope")
    with pytest.raises(NotFound):
        service.similar(PRIVATE)
    assert service.profile(PRIVATE, staff=True)["private"] is True


@pytest.mark.parametrize(
    ("options", "parameter"),
    [
        ({"sort": "best"}, "sort"), ({"page": 0}, "page"), ({"per_page": 101}, "per_page"),
        ({"year_from": 2020, "year_to": 2010}, "year_from"), ({"year_to": 99}, "year_to"),
        ({"query": "x" * 501}, "q"),
    ],
)
def test_invalid_requests_name_the_parameter(service, options, parameter):
    options = dict(options)  # parametrized values are shared between backends
    query = options.pop("query", "")
    with pytest.raises(InvalidRequest) as caught:
        service.search(SearchRequest.create(query, **options))
    assert caught.value.parameter == parameter and caught.value.status == 400


def test_long_free_text_is_searched_for_its_first_terms(service):
    text = "Abfall " + " ".join(f"Wort{n}" for n in range(40))  # under 500 characters
    result = search(service, text)
    assert result.hits[0].id == "s01_abfallverband-soest"
    assert result.ignored == tuple(f"Wort{n}" for n in range(31, 40))


def test_unknown_filter_is_invalid():
    with pytest.raises(InvalidRequest) as caught:
        SearchRequest.create("", {"colour": ["blau"]})
    assert caught.value.parameter == "colour"


def test_a_search_past_its_time_limit_is_stopped(service, monkeypatch):
    from search.model import SearchTimeout

    ticks = itertools.count(0.0, 10 * service.time_limit)  # every reading of the clock: past the limit
    monkeypatch.setattr(service, "clock", lambda: next(ticks))
    with pytest.raises(SearchTimeout) as caught:
        search(service, "Abfall Müll")
    assert caught.value.status == 503
    monkeypatch.undo()
    assert search(service, "Abfall Müll").total > 0

