"""The cooperation profile as the rest of the system sees it."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

# The normalised legal forms, in display order.
LEGAL_FORMS = (
    "öffentlich-rechtliche Vereinbarung",
    "Zweckverband",
    "gemeinsames Kommunalunternehmen (AöR)",
    "GmbH",
    "eingetragener Verein",
    "Arbeitsgemeinschaft",
    "Kooperationsvertrag",
    "sonstige",
)
# Text sections, by their key in ``Profile.sections``.
TEXT_SECTIONS = ("anlass", "ziel", "umsetzung", "finanzierung")


class ProfileParseError(ValueError):
    """A file that cannot be read as a profile; names the file and the line."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Profile:
    """One cooperation profile, parsed and (optionally) enriched from the gazetteer.

    ``participants`` are place names without generic prefixes; ``lead`` is the
    Hauptverantwortlich, else the first place of the Kurzprofil, else ``None``.
    ``region`` (Regierungsbezirk), ``district`` (Kreis, ``None`` for a kreisfreie
    Stadt) and ``state`` describe the lead. ``sections`` holds the text sections
    keyed ``anlass``, ``ziel``, ``umsetzung``, ``finanzierung``; sections with
    labels the parser does not know are kept in ``extra_sections``.
    """

    id: str
    title: str
    private: bool = False
    remark: str | None = None
    participants: tuple[str, ...] = ()
    lead: str | None = None
    others: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    region: str | None = None
    district: str | None = None
    state: str | None = None
    population: int | None = None
    population_date: str | None = None
    population_source: str | None = None
    area_km2: float | None = None
    year: int | None = None
    legal_form: str | None = None
    legal_form_raw: str | None = None
    sections: dict[str, str] = field(default_factory=dict, hash=False)
    extra_sections: dict[str, str] = field(default_factory=dict, hash=False)
    contact: str | None = None
    links: tuple[str, ...] = ()
    lead_key: str | None = None
    participant_keys: tuple[str | None, ...] = ()
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``ikz parse --json`` (lists, not tuples). A fresh dict with
        fresh lists and dicts; built field by field (``dataclasses.asdict`` deep-copies
        every string and took a third of a build's document preparation)."""
        data: dict[str, Any] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, dict):
                value = dict(value)
            data[item.name] = value
        return data
