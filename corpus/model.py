"""The cooperation profile as the rest of the system sees it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, NoReturn

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
    """A file that cannot be read as a profile; names the file and the line.

    ``str()`` is ``FILE:LINE: message``; for a file that could not be read at all
    (missing, not a regular file) there is no line: ``line`` is None and ``str()`` is
    ``FILE: message``.
    """

    def __init__(self, source: str, line: int | None, message: str) -> None:
        super().__init__(f"{source}: {message}" if line is None else f"{source}:{line}: {message}")
        self.source = source
        self.line = line
        self.message = message


class FrozenDict(dict):  # type: ignore[type-arg]
    """A dict that refuses changes: a frozen Profile's section mappings.

    A dict subclass rather than ``types.MappingProxyType``: it pickles (profiles travel
    to and from worker processes), ``json`` writes it as an object and code reading
    ``profile.sections.get(...)`` is unchanged. Its changing methods raise TypeError.
    """

    __slots__ = ()

    def _read_only(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("profile sections are read-only")

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __reduce__(self) -> tuple[type[FrozenDict], tuple[dict[str, str]]]:
        # pickle would otherwise rebuild it item by item through __setitem__
        return (FrozenDict, (dict(self),))

    def __copy__(self) -> FrozenDict:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> FrozenDict:
        return self  # immutable, and its values are strings


@dataclass(frozen=True)
class Profile:
    """One cooperation profile, parsed and (optionally) enriched from the gazetteer.

    ``participants`` are place names without generic prefixes; ``lead`` is the
    Hauptverantwortlich, else the first place of the Kurzprofil, else ``None``.
    ``region`` (Regierungsbezirk), ``district`` (Kreis, ``None`` for a kreisfreie
    Stadt) and ``state`` describe the lead. ``sections`` holds the text sections
    keyed ``anlass``, ``ziel``, ``umsetzung``, ``finanzierung``; sections with
    labels the parser does not know are kept in ``extra_sections``. Both are read-only
    mappings (``FrozenDict``: changing one raises TypeError); a dict given is copied.
    ``task_areas`` are the area codes an ``Aufgabenbereich:`` section states (primary
    first; ``corpus.areas``), empty when the profile states none.
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
    sections: Mapping[str, str] = field(default_factory=FrozenDict, hash=False)
    extra_sections: Mapping[str, str] = field(default_factory=FrozenDict, hash=False)
    contact: str | None = None
    links: tuple[str, ...] = ()
    lead_key: str | None = None
    participant_keys: tuple[str | None, ...] = ()
    task_areas: tuple[str, ...] = ()
    source: str | None = None

    def __post_init__(self) -> None:
        for name in ("sections", "extra_sections"):
            value = getattr(self, name)
            if type(value) is not FrozenDict:
                object.__setattr__(self, name, FrozenDict(value))

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
