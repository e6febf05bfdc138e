"""Hypothesis: no text crashes the parser with anything but ProfileParseError."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import ProfileParseError, parse_profile
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
    try:
        _parse_or_refuse(decode_profile_bytes(data, "x"))
    except ProfileParseError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_split_names_never_yields_empty_names(text):
    assert all(name.strip() for name in split_names(text))
