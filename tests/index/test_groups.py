"""Task groups (``index.groups``): the finer task notion of similar cooperations, assigned
from real-looking profile words."""

from __future__ import annotations

import pytest

from corpus import Profile
from corpus.areas import TASK_AREAS
from index.areas import TermTableError, assign_areas
from index.groups import assign_groups, family, group_label, group_names, is_group_code, load_groups


def _group(title: str, *keywords: str, goal: str = "") -> str | None:
    sections = {"ziel": goal} if goal else {}
    return assign_groups(Profile(id="x", title=title, keywords=keywords, sections=sections)).primary


@pytest.mark.parametrize(("title", "keywords", "expected"), [
    ("Gemeinsame Bezügestelle", ("Entgeltabrechnung", "Beihilfe"), "01.11"),
    ("Betriebsärztlicher Dienst im Verbund", ("Betriebsarzt", "Arbeitssicherheit"), "01.14"),
    ("IT-Sicherheit für drei Gemeinden", ("Informationssicherheitsbeauftragter", "ISMS"), "01.23"),
    ("Wertstoffhof Nord", ("Recyclinghof", "Altglas"), "11.23"),
    ("Gemeinsame Friedhofsverwaltung", ("Bestattung", "Grabstätten"), "11.41"),
    ("Bauhof-Kooperation", ("Baubetriebshof", "Mäharbeiten"), "12.11"),
    ("Sperrmüll auf Abruf", ("Sperrgutabfuhr",), "11.22"),
    ("Regionalleitstelle", ("Notruf 112", "Rettungsdienst"), "02.33"),
    ("Sirenennetz für den Kreis", ("Warnung der Bevölkerung",), "02.34"),
    ("Bußgeldstelle ruhender Verkehr", ("Knöllchen", "Verwarnungsgeld"), "02.12"),
    ("Offene Ganztagsschule", ("OGS", "Übermittagsbetreuung"), "03.14"),
    ("Schulsozialarbeit an Grundschulen", ("Jugendsozialarbeit",), "06.14"),
    ("Kita-Portal", ("Betreuungsplatz", "Kindertagespflege"), "06.11"),
    ("Jobcenter Außenstelle", ("SGB II", "Bürgergeld"), "05.11"),
    ("Hallenbad und Freibad", ("Schwimmunterricht",), "08.11"),
    ("Kommunale Wärmeplanung im Konvoi", ("Wärmeplan",), "14.12"),
    ("Glasfaser für den ländlichen Raum", ("Breitbandausbau", "Mobilfunk"), "15.31"),
    ("Gemeinsame Vollstreckungsstelle", ("Vollziehungsbeamte", "Mahnwesen"), "16.12"),
])
def test_real_looking_words_land_in_their_group(title, keywords, expected):
    assert _group(title, *keywords) == expected


def test_payroll_occupational_health_and_it_security_are_different_groups():
    payroll = _group("Gemeinsame Bezügeabrechnung", "Lohnabrechnung")
    doctor = _group("Gemeinsamer Betriebsarzt", "Arbeitsmedizin")
    security = _group("Gemeinsame IT-Sicherheit", "Informationssicherheit")
    assert len({payroll, doctor, security}) == 3
    # payroll and the company doctor are neighbouring tasks of personnel; IT security is not
    assert family(payroll) == family(doctor) != family(security)


def test_the_yards_are_not_alike_for_their_hof():
    """Wertstoffhof, Friedhof and Bauhof share the part *hof*, not a task."""
    groups = [_group("Wertstoffhof im Verbund"), _group("Friedhof im Verbund"), _group("Bauhof im Verbund")]
    assert None not in groups and len(set(groups)) == 3
    assert len({family(g) for g in groups}) == 3


def test_a_decision_names_its_evidence_and_a_profile_without_cue_words_has_no_group():
    decision = assign_groups(Profile(id="x", title="Gemeinsame Friedhofsverwaltung", keywords=("Bestattung",)))
    assert decision.groups == ("11.41",) and decision.evidence[0].area == "11.41"
    assert sum(e.score for e in decision.evidence if e.area == "11.41") == pytest.approx(decision.scores["11.41"])
    assert assign_groups(Profile(id="y", title="Lorem ipsum")).groups == ()


def test_the_table_is_hierarchical_and_every_group_has_cue_words():
    names = group_names()
    table, _ = load_groups()
    assert 60 <= len(names) <= 120
    assert all(is_group_code(code) for code in names)
    assert {t.area for t in table} == set(names)
    assert {code[:2] for code in names} == set(TASK_AREAS)  # every product area has groups
    per_group = {code: sum(t.area == code for t in table) for code in names}
    assert min(per_group.values()) >= 5
    seen = [(t.area, t.words) for t in table]
    assert len(seen) == len(set(seen))


def test_every_group_has_a_german_and_an_english_name():
    for code, (german, english) in group_names().items():
        assert german and english and german != english, code
    assert group_label("11.41") == "Friedhöfe und Bestattung" and group_label("11.41", "en") == "Cemeteries and burials"
    with pytest.raises(KeyError):
        group_label("17.11")


def test_family_and_code_checks():
    assert family("01.11") == "01.1"
    assert is_group_code("16.13") and not is_group_code("17.11") and not is_group_code("01.1")
    with pytest.raises(ValueError, match="not a task group code"):
        family("01")


def test_bundled_profiles_all_get_a_group_mostly_within_their_area(bundled_profiles):
    """Groups and areas are assigned from separate tables; a profile's group should mostly
    lie in its area (the rest are tasks the product plan files elsewhere, such as
    watercourses under 11 rather than 13)."""
    total = agreeing = 0
    for profile in bundled_profiles:
        groups = assign_groups(profile).groups
        assert groups, profile.id
        total += 1
        agreeing += groups[0][:2] in assign_areas(profile).areas
    assert agreeing / total >= 0.8


@pytest.mark.parametrize(("text", "message"), [
    ("Abfall 3\n", ":1: term before the first [group] line"),
    ("[11 Ver- und Entsorgung]\nAbfall\n", ":1: unknown task group '11'"),
    ("[17.11 Stiftungen]\nStiftung\n", ":1: unknown task group '17.11'"),
])
def test_a_bad_group_table_is_reported_with_file_and_line(tmp_path, text, message):
    path = tmp_path / "groups.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TermTableError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_groups(path)
