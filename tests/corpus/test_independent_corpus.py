"""The three outside corpora written blind to the engine (tests/independent, measure-only, and
tests/dev and tests/dev2, for tuning): each parses, every lead is a real place with its Land, its stated
figures agree with the directory, and it holds no personal data."""

from __future__ import annotations

import pytest

from corpus import load_profiles
from tests.conftest import ROOT
from tests.corpus.corpus_checks import personal_data_problems

CORPORA = {"independent": 100, "dev": 75, "dev2": 60}  # directory under tests/ → at least this many profiles


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus_name(request):
    return request.param


@pytest.fixture(scope="module")
def loaded(gazetteer, corpus_name):
    return load_profiles([ROOT / "tests" / corpus_name / "profiles"], gazetteer)


def test_every_file_parses_and_names_a_known_lead_with_its_land(loaded, corpus_name):
    assert loaded.errors == []
    assert len(loaded.profiles) >= CORPORA[corpus_name]
    # a profile may name no lead (tests/dev2's e069 is title, participants and keywords only);
    # then its participants say where it lies
    assert [p.id for p in loaded.profiles if p.lead and not (p.lead_key and p.state)] == []
    assert [p.id for p in loaded.profiles if not p.lead and not any(p.participant_keys)] == []
    # a third or more outside North Rhine-Westphalia, some private
    assert sum(p.state != "Nordrhein-Westfalen" for p in loaded.profiles) >= len(loaded.profiles) / 3
    assert 0 < sum(p.private for p in loaded.profiles) < len(loaded.profiles) / 5


def test_stated_population_and_area_are_the_directorys(loaded, gazetteer):
    """Its authors wrote the Kurzprofil in several styles (so its form is not checked as
    the bundled corpus's is), but every figure stated is the lead's in the directory."""
    wrong = {}
    for profile in (p for p in loaded.profiles if p.lead_key):
        place = gazetteer.by_key[profile.lead_key]
        if profile.population is not None and profile.population != place.population:
            wrong[profile.id] = ("population", profile.population, place.population)
        elif profile.area_km2 is not None and abs(profile.area_km2 - (place.area_km2 or 0)) > 0.051:
            wrong[profile.id] = ("area", profile.area_km2, place.area_km2)
    assert wrong == {}


ALL_FILES = sorted(path for name in CORPORA for path in (ROOT / "tests" / name / "profiles").glob("*.txt"))


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.stem)
def test_no_personal_data(path):
    assert personal_data_problems(path.read_text(encoding="utf-8")) == []
