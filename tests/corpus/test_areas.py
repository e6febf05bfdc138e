"""The task-area table and the optional ``Aufgabenbereich:`` section."""

from __future__ import annotations

import pytest

from corpus import ProfileParseError, parse_profile
from corpus.areas import TASK_AREAS, area_label, parse_area_line

BASE = "Gemeinsamer Bauhof\n\nStadt A und Gemeinde B\n\nStichworte:\n\nBauhof\n"


def test_sixteen_areas_numbered_01_to_16_with_two_languages():
    assert list(TASK_AREAS) == [f"{n:02d}" for n in range(1, 17)]
    assert area_label("11") == "11 Ver- und Entsorgung"
    assert area_label("11", "en") == "11 Utilities and waste"


@pytest.mark.parametrize(("line", "codes"), [
    ("11", ("11",)),
    ("11 Ver- und Entsorgung", ("11",)),
    ("Produktbereich 12", ("12",)),
    ("11, 14", ("11", "14")),
    ("11; 14 Umweltschutz", ("11", "14")),
    ("Umweltschutz", ("14",)),
    ("2", ("02",)),
    ("11, 11", ("11",)),
])
def test_area_lines(line, codes):
    assert parse_area_line(line) == codes


@pytest.mark.parametrize(("line", "message"), [
    ("17", "unknown task area '17'"),
    ("Stiftungen", "unknown task area 'Stiftungen'"),
    ("11 Umweltschutz", "task area 11 is not 'Umweltschutz'"),
    ("01, 02, 03", "at most 2 task areas"),
])
def test_bad_area_lines_say_what_is_wrong(line, message):
    with pytest.raises(ValueError, match=message):
        parse_area_line(line)


def test_a_profile_may_state_its_areas():
    profile = parse_profile(BASE + "\nAufgabenbereich:\n\n12 Verkehrsflächen und -anlagen, ÖPNV\n13\n", profile_id="p")
    assert profile.task_areas == ("12", "13")
    assert parse_profile(BASE, profile_id="p").task_areas == ()
    assert parse_profile(BASE + "Aufgabenbereich: 12\n", profile_id="p").task_areas == ("12",)


def test_a_bad_area_names_file_and_line():
    with pytest.raises(ProfileParseError) as caught:
        parse_profile(BASE + "\nAufgabenbereich:\n\n99\n", profile_id="p", source="p.txt")
    assert str(caught.value) == "p.txt:11: unknown task area '99' (01–16)"
