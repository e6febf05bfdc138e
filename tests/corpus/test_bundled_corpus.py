"""The bundled sample corpus: complete, varied, consistent with the gazetteer, no personal data."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from corpus import LEGAL_FORMS, load_profiles
from tests.conftest import ROOT
from tests.corpus.corpus_checks import (
    TASK_FIELDS,
    kurzprofil_lines,
    kurzprofil_problems,
    personal_data_problems,
    task_field_problems,
)

PROFILES = ROOT / "corpus" / "profiles"
NRW_REGIONS = {"Arnsberg", "Detmold", "Düsseldorf", "Köln", "Münster"}

TASK_FIELD_FILE = ROOT / "tests" / "corpus" / "task_fields.json"


@pytest.fixture(scope="module")
def loaded(gazetteer):
    return load_profiles([PROFILES], gazetteer)


@pytest.fixture(scope="module")
def profiles(loaded):
    return loaded.profiles


def test_every_file_parses(loaded):
    assert [str(error) for error in loaded.errors] == []
    assert len(loaded.profiles) >= 300
    names = [path.name for path in PROFILES.glob("*.txt")]
    assert all(re.fullmatch(r"\d{3}_[a-z0-9]+(-[a-z0-9]+)*\.txt", name) for name in names), names


def test_geography(profiles, gazetteer):
    nrw = [p for p in profiles if p.state == "Nordrhein-Westfalen"]
    assert len(nrw) >= 220
    assert {p.region for p in nrw} == NRW_REGIONS
    nrw_districts = {p.lead_key[:5] for p in nrw if p.lead_key}
    assert len(nrw_districts) >= 35, sorted(nrw_districts)
    others = Counter(p.state for p in profiles if p.state != "Nordrhein-Westfalen")
    assert len(others) >= 8, others


def test_leads_and_participants_are_real_places(profiles):
    unresolved = [(p.id, p.lead) for p in profiles if not p.lead_key]
    assert unresolved == []
    unknown = [(p.id, name) for p in profiles
               for name, key in zip(p.participants, p.participant_keys, strict=True) if key is None]
    assert unknown == []


def test_kurzprofil_agrees_with_the_gazetteer(profiles, gazetteer):
    """Every value the Kurzprofil states, read from the file as written (name line, Kreis,
    Regierungsbezirk or Land, population with its date and source, area), matches the
    official directory entry of the profile's lead; see corpus_checks.kurzprofil_problems."""
    wrong, stated = {}, 0
    for profile in profiles:
        text = (PROFILES / f"{profile.id}.txt").read_text(encoding="utf-8")
        stated += bool(kurzprofil_lines(text))
        if problems := kurzprofil_problems(text, profile.lead_key, gazetteer):
            wrong[profile.id] = problems
    assert wrong == {}
    assert stated >= 0.9 * len(profiles)  # the check reads what is there: most profiles state one


def test_lead_is_a_participant(profiles):
    assert [p.id for p in profiles if p.lead_key not in p.participant_keys] == []


def test_task_fields(profiles):
    """Every profile is filed under one main task field (task_fields.json); every one of
    the 38 fields has at least five public profiles, and each filing is borne out by the
    profile's title or keywords; see corpus_checks.task_field_problems."""
    assigned = json.loads(TASK_FIELD_FILE.read_text(encoding="utf-8"))["profiles"]
    assert task_field_problems(assigned, profiles) == []
    assert set(assigned.values()) == set(TASK_FIELDS)


def test_variety(profiles):
    assert {p.legal_form for p in profiles} >= set(LEGAL_FORMS)
    assert any(p.legal_form is None for p in profiles)
    years = [p.year for p in profiles if p.year]
    assert min(years) <= 1970 and max(years) >= 2024 and all(1960 <= y <= 2026 for y in years)
    assert any(p.year is None for p in profiles)
    private = [p for p in profiles if p.private]
    assert 0.08 <= len(private) / len(profiles) <= 0.13
    assert all(p.remark for p in private)
    assert any(not p.sections.get("finanzierung") for p in profiles)
    assert any(len(p.participants) == 2 for p in profiles) and any(len(p.participants) >= 6 for p in profiles)


def test_written_styles_vary():
    texts = [path.read_text(encoding="utf-8") for path in PROFILES.glob("*.txt")]
    words = [len(text.split()) for text in texts]
    assert sum(450 <= n <= 900 for n in words) >= 5  # long profiles with detailed Umsetzung/Finanzierung
    assert sum(n <= 50 for n in words) >= 3  # title, participants, keywords and little else
    assert any(re.search(r"\d+,\d+ Mio\. €", t) for t in texts) and any(re.search(r"\d{3}\.000 Euro", t) for t in texts)
    since = [m.group(1) for t in texts if (m := re.search(r"Zusammenarbeit seit:\s*\n\s*\n?([^\n]*)", t))]
    assert any(re.fullmatch(r"\d{4}", s) for s in since)
    assert any(s.startswith("seit ") for s in since)
    assert any(re.fullmatch(r"\d{2}\.\d{2}\.\d{4}", s) for s in since)
    assert any(re.fullmatch(r"[A-ZÄÖÜ][a-zäöü]+ \d{4}", s) for s in since)
    assert any(re.search(r"^Städte ", t, re.M) for t in texts)
    assert any(re.search(r"\nEinwohner:\d", t) for t in texts)


@pytest.mark.parametrize("path", sorted(PROFILES.glob("*.txt")), ids=lambda p: p.stem)
def test_no_personal_data(path):
    """Only ``0… 000-0000`` phone numbers, only example.org addresses, links and host names,
    no titled person names; see corpus_checks.personal_data_problems."""
    assert personal_data_problems(path.read_text(encoding="utf-8")) == []
