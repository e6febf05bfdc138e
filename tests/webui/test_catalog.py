"""The compiled German catalogue (messages.mo, tracked and shipped in the wheel as it is:
nothing compiles it at build time) says what messages.po says."""

from __future__ import annotations

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.conftest import ROOT

CATALOG = ROOT / "webui" / "translations" / "de" / "LC_MESSAGES"


def translations(catalog) -> dict:
    """msgid → msgstr; a plural message as tuples (singular, plural) → (forms …)."""
    plain = lambda value: value if isinstance(value, str) else tuple(value)  # noqa: E731
    return {plain(message.id): plain(message.string) for message in catalog if message.id and message.string}


def test_the_compiled_catalogue_matches_its_source():
    with open(CATALOG / "messages.po", "rb") as po, open(CATALOG / "messages.mo", "rb") as mo:
        source, compiled = translations(read_po(po)), translations(read_mo(mo))
    assert len(source) > 100
    assert compiled == source, "run `python tools/translations_de.py` to recompile messages.mo"
