"""Hypothesis: no text crashes the parser with anything but ProfileParseError."""

from __future__ import annotations

import contextlib
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus import ProfileParseError, enrich_profile, parse_profile
from corpus.files import decode_profile_bytes
from corpus.names import split_names

LABELS = ["Stichworte:", "Hauptverantwortlich:", "Sonstige Beteiligte:", "Kurzprofil:", "Anlass:", "Ziel:",
          "Umsetzung:", "Finanzierung:", "Rechtsform:", "Zusammenarbeit seit:", "Kontakt:", "Links:", "Privat:",
          "Einwohner:", "Fläche:", "Regierungsbezirk", "Stadt", "Kreis", "und", "(", ")", ",", ";", "\n", "\n\n",
          "\r", "\x00", "\ufeff", "1.234,5", "km²", "Bemerkung:"]
profile_like = st.lists(st.one_of(st.sampled_from(LABELS), st.text(max_size=30)), max_size=40).map("".join)


def _parse_or_refuse(text: str) -> None:
    try:
        profile = parse_profile(text, profile_id="x")
    except ProfileParseError as error:
        assert error.line >= 1 and error.source == "x"
    else:
        assert profile.title and profile.title == profile.title.strip()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text(text):
    _parse_or_refuse(text)


@settings(max_examples=300, deadline=None)
@given(profile_like)
def test_profile_like_text(text):
    _parse_or_refuse(text)


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_arbitrary_bytes(data):
    with contextlib.suppress(ProfileParseError):
        _parse_or_refuse(decode_profile_bytes(data, "x"))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_split_names_never_yields_empty_names(text):
    assert all(name.strip() for name in split_names(text))


# Long digit runs after the Kurzprofil's figures (int() refuses more than 4,300 digits;
# float() turns 400 nines into inf, which is not JSON).
digit_run = st.builds(
    lambda length, digit, grouped: (digit * length) if not grouped else ".".join([digit * 3] * max(length // 3, 1)),
    st.integers(min_value=1, max_value=6000), st.sampled_from("0159"), st.booleans(),
)
figure_suffix = st.sampled_from(
    ["", ",5", ",5 Mio", " Mio.", " km²", ",7 km²", " ha", " Hektar", " (31.12.2019, IT.NRW)"])


def _kurzprofil(label: str, prefix: str, number: str, suffix: str, area_first: bool) -> str:
    lines = [f"{label} {prefix}{number}{suffix}", f"Fläche: {prefix}{number}{suffix}"]
    if area_first:
        lines.reverse()
    return "Titel\n\nUnna\n\nKurzprofil:\n\nStadt Unna\n" + "\n".join(lines) + "\n"


kurzprofil_with_long_numbers = st.builds(
    _kurzprofil, st.sampled_from(["Einwohner:", "Einwohner", "Einwohnerzahl:", "Fläche:"]),
    st.sampled_from(["", "ca. ", "rd. "]), digit_run, figure_suffix, st.booleans(),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kurzprofil_with_long_numbers)
def test_long_digit_runs_parse_enrich_and_serialise(gazetteer, text):
    profile = enrich_profile(parse_profile(text, profile_id="x"), gazetteer)
    json.dumps(profile.to_dict(), allow_nan=False)  # no inf, no NaN
    assert profile.population is None or 0 <= profile.population <= 100_000_000
    assert profile.area_km2 is None or 0 <= profile.area_km2 <= 400_000
