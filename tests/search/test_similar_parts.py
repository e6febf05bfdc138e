"""Similar cooperations by task (issue 16): the task areas two profiles share and the
semantic closeness of a source's title and keywords, on a small real index and on both
engines."""

from __future__ import annotations

import numpy as np
import pytest

from index.areas import assign_areas
from search.columns import MultiColumn
from search.similar_parts import area_overlap, headline_text


def _profile(profile_id: str, title: str, keywords: str, goal: str):
    from corpus import parse_profile

    text = (f"{title}\n\nKreis Unna, Stadt Kamen und Gemeinde Holzwickede\n\nStichworte:\n\n{keywords}\n\n"
            f"Hauptverantwortlich:\n\nKreis Unna\n\nZiel:\n\n{goal}\n")
    return parse_profile(text, profile_id=profile_id)


PROFILES = [
    ("a_friedhof", "Friedhofsverwaltung Unna", "Friedhof, Bestattung",
     "Die Friedhöfe der Städte werden gemeinsam verwaltet: Grabstätten, Bestattungen und Grabpflege."),
    ("b_bauhof", "Bauhof-Kooperation Kamen", "Bauhof, Grünflächenpflege",
     "Der Bauhof mäht die Grünflächen und repariert Spielplätze für beide Städte."),
    ("c_wertstoffhof", "Wertstoffhof Holzwickede", "Wertstoffhof, Recyclinghof",
     "Am Wertstoffhof geben die Bürger Sperrmüll, Elektroschrott und Altpapier ab."),
    ("d_abfall", "Abfallentsorgung Unna", "Müllabfuhr, Abfallwirtschaft",
     "Die Müllabfuhr holt Restmüll, Biomüll und Altpapier ab und betreibt die Deponie."),
    ("e_buecherei", "Stadtbücherei Kamen", "Bibliothek, Ausleihe",
     "Die Bücherei verleiht Bücher, Zeitschriften und E-Books an alle Leserinnen und Leser."),
    ("f_vhs", "Volkshochschule Unna", "Erwachsenenbildung, Weiterbildung",
     "Die Volkshochschule bietet Sprachkurse, Integrationskurse und Kurse zur Weiterbildung an."),
    ("g_privat", "Privat: Abfallkonzept Unna (Entwurf)", "Müllabfuhr, Abfallwirtschaft",
     "Die Müllabfuhr und die Abfallwirtschaft sollen gemeinsam ausgeschrieben werden."),
]


@pytest.fixture(scope="module")
def profiles():
    return [_profile(*row) for row in PROFILES]


@pytest.fixture(scope="module")
def index_path(tmp_path_factory, profiles):
    from index.build import build_index

    target = tmp_path_factory.mktemp("similar_parts") / "index"
    build_index(profiles, target)
    return target


@pytest.fixture(scope="module", params=["whoosh", "postgres"])
def service(request, index_path, profiles):
    if request.param == "whoosh":
        from search.service import ProfileSearch

        search = ProfileSearch(index_path)
    else:
        from index.pg.build import build_pg_index
        from search.pg.service import PgProfileSearch

        url = request.getfixturevalue("pg_url")
        build_pg_index(profiles, url, "similar_parts")
        search = PgProfileSearch(url, "similar_parts")
    search.warm_up()
    yield search
    search.close()


@pytest.fixture(scope="module")
def lexical(index_path):
    from search.service import ProfileSearch

    search = ProfileSearch(index_path, semantic=False)
    yield search
    search.close()


def _similar(service, profile_id: str, **options) -> list[str]:
    return [hit.id for hit in service.similar(profile_id, **options).similar]


def test_the_corpus_has_the_task_areas_the_tests_rely_on(profiles):
    areas = {p.id: assign_areas(p).primary for p in profiles}
    assert areas["c_wertstoffhof"] == areas["d_abfall"] == "11"
    assert areas["e_buecherei"] == areas["f_vhs"] == "04"
    assert areas["a_friedhof"] != "11" and areas["b_bauhof"] != "11"


def test_a_wertstoffhof_is_most_like_the_waste_cooperation_not_another_hof(service):
    found = service.similar("c_wertstoffhof").similar
    assert found[0].id == "d_abfall"
    # and clearly so: not a near tie with the profiles sharing only *hof*
    others = {hit.id: hit.score for hit in found[1:]}
    assert found[0].score > 1.2 * max(others.get("a_friedhof", 0), others.get("b_bauhof", 0))


def test_a_profile_of_the_same_field_is_listed_without_a_shared_word(service, lexical):
    """The library and the adult education centre share no topical word; their task
    area (04, culture) makes them neighbours, with the semantic layer on and off."""
    for search in (service, lexical):
        found = _similar(search, "e_buecherei")
        assert found[0] == "f_vhs"
        assert "a_friedhof" not in found[:1]


def test_a_private_profile_never_appears_in_a_public_list(service):
    for row in PROFILES[:-1]:
        assert "g_privat" not in _similar(service, row[0], limit=10)
    assert "g_privat" in _similar(service, "d_abfall", staff=True)


def test_both_engines_list_the_same_similar_cooperations(request, index_path, profiles):
    from index.pg.build import build_pg_index
    from search.pg.service import PgProfileSearch
    from search.service import ProfileSearch

    url = request.getfixturevalue("pg_url")
    build_pg_index(profiles, url, "similar_parity")
    pg, whoosh = PgProfileSearch(url, "similar_parity"), ProfileSearch(index_path)
    try:
        for row in PROFILES:
            for staff in (False, True):
                if row[0] == "g_privat" and not staff:
                    continue
                assert ([(h.id, h.score) for h in whoosh.similar(row[0], staff=staff).similar]
                        == [(h.id, h.score) for h in pg.similar(row[0], staff=staff).similar])
    finally:
        pg.close()
        whoosh.close()


def _column(rows: list[list[str]]) -> MultiColumn:
    values = sorted({v for row in rows for v in row})
    flat = np.array([values.index(v) for row in rows for v in row], dtype=np.int32)
    return MultiColumn(flat, np.array([len(row) for row in rows]), values)


def test_area_overlap_weighs_the_primary_area_above_a_secondary_one():
    import search.similar_parts as parts

    column = _column([["11", "13"], ["11"], ["13", "12"], ["12", "11"], ["04"], []])
    assert area_overlap(column, 0).tolist() == [1.0, 1.0, parts.SECONDARY_SHARE, parts.SECONDARY_SHARE, 0.0, 0.0]
    assert area_overlap(column, 1).tolist() == [1.0, 1.0, 0.0, parts.SECONDARY_SHARE, 0.0, 0.0]
    assert area_overlap(column, 5).tolist() == [0.0] * 6


def test_the_headline_is_title_and_keywords():
    assert headline_text({"title": "Wertstoffhof Unna", "keywords": "Abfall, Recycling", "ziel": "x"}) == \
        "Wertstoffhof Unna. Abfall, Recycling"
    assert headline_text({"title": "", "keywords": "  "}) == ""
