"""The Kurzprofil section: the lead's place, Kreis, Regierungsbezirk, Land, population and area."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.fields import MAX_AREA_KM2, parse_german_float, parse_german_int
from corpus.names import strip_generic


@dataclass(frozen=True)
class Kurzprofil:
    """What a Kurzprofil states; None where it says nothing (or nothing readable)."""

    place: str | None = None
    district: str | None = None
    region: str | None = None
    state: str | None = None
    population: int | None = None
    population_date: str | None = None
    population_source: str | None = None
    area_km2: float | None = None


_REGION_RE = re.compile(r"^(?:Regierungsbezirk|Reg\.?\s*-?\s*Bez(?:irk)?\.?)\s*:?\s*(?P<v>.+)$", re.I)
_STATE_RE = re.compile(r"^(?:Bundesland|Land|Freistaat)\b\s*:?\s*(?P<v>.+)$", re.I)
_STATE_PREFIX_RE = re.compile(r"^(?:Bundesland|Land)\s+", re.I)
_DISTRICT_FIELD_RE = re.compile(r"^(?P<label>Kreis|Landkreis)\s*:\s*(?P<v>.+)$", re.I)
_TRAILING_PAREN_RE = re.compile(r"\s*\((?P<inner>[^()]*)\)\s*$")
# "Einwohner", "Einwohnerzahl", "Einwohnerinnen und Einwohner", "Einwohner*innen", "EinwohnerInnen"
_POPULATION_RE = re.compile(
    r"^Einwohner(?:[*/:_]?innen(?:\s+und\s+Einwohner)?|zahl)?\s*:?\s*(?P<v>[^(]*)(?:\((?P<paren>[^)]*)\)?)?", re.I
)
_AREA_RE = re.compile(r"^Fläche\s*:?\s*(?P<v>.*)$", re.I)
# "ca. 588.000", "rd. 280 km²": an approximate figure is still the figure.
_APPROXIMATE_RE = re.compile(r"^(?:ca\.?|circa|rd\.?|rund|etwa|ungefähr|knapp|fast|über|mehr\s+als|gut|~)\s*", re.I)
# "Kreis Soest", "Hochsauerlandkreis", "Märkischer Kreis", "Eifelkreis Bitburg-Prüm", "Rhein-Kreis Neuss"
_DISTRICT_NAME_RE = re.compile(
    r"^(?:Kreis|Landkreis|Städteregion|Region|Regionalverband)\s+\S|[\w-][kK]reis$|^[\w-]+er\s+Kreis$"
    r"|^[\w-]+[kK]reis\s+[\w-]+$"
)
_MONTHS = {
    "jan": 1, "januar": 1, "feb": 2, "februar": 2, "mär": 3, "märz": 3, "maerz": 3, "mrz": 3, "apr": 4, "april": 4,
    "mai": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "okt": 10, "oktober": 10, "nov": 11, "november": 11, "dez": 12, "dezember": 12,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Dates in a population's parenthesis, most specific first: 31.12.2019, 31. Dezember 2019,
# Dezember 2019, 2019.
_DATE_PATTERNS = (
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})(?!\d)"),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\.\s*(?P<mn>{_MONTH})\.?\s+(?P<y>\d{{4}})(?!\d)", re.I),
    re.compile(rf"\b(?P<mn>{_MONTH})\.?\s+(?P<y>\d{{4}})(?!\d)", re.I),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?!\d)"),
)
# Words around a source that are not the source: "Stand: …", "Quelle: …", "lt. …"
_SOURCE_CUES_RE = re.compile(r"\b(?:Stand|Quelle|Quellen|lt\.|laut|nach|gem\.|gemäß)(?:\s*:)?", re.I)


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _fold(text: str) -> str:
    """Case, umlauts typed as ae/oe/ue, spaces and punctuation do not matter."""
    return re.sub(r"[^a-z0-9]", "", text.casefold().translate(_UMLAUTS))


_STATES = {
    "Baden-Württemberg": ("BW", "B-W", "BaWü", "Ba-Wü"),
    "Bayern": ("BY", "Bay", "Freistaat Bayern"),
    "Berlin": ("BE",),
    "Brandenburg": ("BB",),
    "Bremen": ("HB", "Freie Hansestadt Bremen"),
    "Hamburg": ("HH", "Freie und Hansestadt Hamburg"),
    "Hessen": ("HE",),
    "Mecklenburg-Vorpommern": ("MV", "M-V", "Meck-Pomm"),
    "Niedersachsen": ("NI", "NDS"),
    "Nordrhein-Westfalen": ("NW", "NRW"),
    "Rheinland-Pfalz": ("RP", "RLP"),
    "Saarland": ("SL",),
    "Sachsen": ("SN", "Freistaat Sachsen"),
    "Sachsen-Anhalt": ("ST", "LSA"),
    "Schleswig-Holstein": ("SH",),
    "Thüringen": ("TH", "Thür", "Freistaat Thüringen"),
}
# Folded spelling or abbreviation (ISO 3166-2 codes and the usual ones) → the Land's
# full name as the gazetteer writes it (a test checks both lists agree).
STATE_NAMES = {_fold(alias): name for name, aliases in _STATES.items() for alias in (name, *aliases)}
# The Regierungsbezirke of 2023 (Baden-Württemberg, Bayern, Hessen, Nordrhein-Westfalen).
REGION_NAMES = {
    _fold(name): name
    for name in (
        "Stuttgart", "Karlsruhe", "Freiburg", "Tübingen", "Oberbayern", "Niederbayern", "Oberpfalz", "Oberfranken",
        "Mittelfranken", "Unterfranken", "Schwaben", "Darmstadt", "Gießen", "Kassel", "Düsseldorf", "Köln",
        "Münster", "Detmold", "Arnsberg",
    )
}


def state_name(text: str) -> str:
    """``NRW``, ``Nds.``, ``Thueringen`` → the Land's full name; unknown text as written. Raises nothing."""
    text = " ".join(text.split())
    return STATE_NAMES.get(_fold(text), text)


def region_name(text: str) -> str:
    """``Muenster`` → ``Münster``; unknown text (a dissolved Bezirk) as written. Raises nothing."""
    text = " ".join(text.split())
    return REGION_NAMES.get(_fold(text), text)


def parse_kurzprofil(lines: list[str]) -> Kurzprofil:
    """The lead's short profile: place, Kreis, Regierungsbezirk, Land, population
    (with date and source from the parenthesis) and area in km². Lines the parser
    does not recognise are ignored. Raises nothing."""
    values: dict[str, object] = {}
    for line in lines:
        if match := _REGION_RE.match(line):
            _region(match.group("v"), values)
        elif match := _STATE_RE.match(line):
            values.setdefault("state", state_name(match.group("v")))
        elif match := _POPULATION_RE.match(line):
            _population(match, values)
        elif match := _AREA_RE.match(line):
            area = parse_german_float(_APPROXIMATE_RE.sub("", match.group("v").strip()))
            if area is not None and re.search(r"\b(ha|Hektar)\b", match.group("v")):
                area /= 100
            if area is not None and area <= MAX_AREA_KM2:
                values.setdefault("area_km2", round(area, 2))
        elif match := _DISTRICT_FIELD_RE.match(line):
            values.setdefault("district", _district_name(match.group("label"), match.group("v")))
        elif _places_line(line, values):
            continue
        elif "place" not in values:
            values["place"] = strip_generic(line) or None
        elif _DISTRICT_NAME_RE.search(strip_generic(line)) and strip_generic(line) == " ".join(line.split()):
            values.setdefault("district", strip_generic(line))
    return Kurzprofil(**values)  # type: ignore[arg-type]


def _places_line(line: str, values: dict[str, object]) -> bool:
    """A line of administrative units after the place, as other Länder's exports write
    it: ``Kreis Nordfriesland, Schleswig-Holstein``, ``Wartburgkreis, Freistaat Thüringen``,
    ``Landkreis Kassel, Regierungsbezirk Kassel, Hessen``, ``Saale-Orla-Kreis (Thüringen)``
    or a Land alone, also as the Kurzprofil's first line (then it names no place). Read only when
    every comma-separated piece is a Kreis, a Regierungsbezirk or a Land, and at least one
    a Land or Regierungsbezirk (a Kreis alone is the caller's case); returns whether it was."""
    found: dict[str, str] = {}
    pieces = [" ".join(piece.split()) for piece in line.split(",")]
    if (paren := _TRAILING_PAREN_RE.search(pieces[-1])) and paren.start():
        # "Saale-Orla-Kreis (Thüringen)": the Land in parentheses is one more piece
        pieces[-1:] = [pieces[-1][: paren.start()], paren.group("inner").strip()]
    for piece in pieces:
        if match := _REGION_RE.match(piece):
            found.setdefault("region", region_name(match.group("v")))
        elif (state := state_name(_STATE_PREFIX_RE.sub("", piece))) in STATE_NAMES.values():
            found.setdefault("state", state)
        elif _DISTRICT_NAME_RE.search(piece) and strip_generic(piece) == piece:
            found.setdefault("district", piece)
        else:
            return False
    if not found.keys() & {"state", "region"}:
        return False
    for key, value in found.items():
        values.setdefault(key, value)
    return True


def _district_name(label: str, value: str) -> str:
    """``Landkreis: Emsland`` → ``Landkreis Emsland`` (enrichment then writes it as the gazetteer does)."""
    value = " ".join(value.split())
    return value if re.search(r"kreis|region", value, re.I) else f"{label.capitalize()} {value}"


def _region(value: str, values: dict[str, object]) -> None:
    """``Arnsberg (NRW)`` → region ``Arnsberg``, and the Land when the parenthesis names one."""
    paren = _TRAILING_PAREN_RE.search(value)
    if paren:
        value = value[: paren.start()]
        state = state_name(paren.group("inner"))
        if state in STATE_NAMES.values():
            values.setdefault("state", state)
    if value.strip():
        values.setdefault("region", region_name(value))


def _population(match: re.Match[str], values: dict[str, object]) -> None:
    population = parse_german_int(_APPROXIMATE_RE.sub("", match.group("v").strip()))
    if population is None:
        return
    values.setdefault("population", population)
    paren = match.group("paren")
    if paren:
        date, source = population_date_and_source(paren)
        if date:
            values.setdefault("population_date", date)
        if source:
            values.setdefault("population_source", source)


def population_date_and_source(text: str) -> tuple[str | None, str | None]:
    """The parenthesis after a population: ``Stand 31.12.2019, Quelle: IT.NRW`` →
    (``31.12.2019``, ``IT.NRW``). Dates become ``DD.MM.YYYY``, ``MM.YYYY`` or ``YYYY``;
    the source is what is left without the date and the words ``Stand``/``Quelle``/``lt.``.
    Raises nothing."""
    date = None
    for pattern in _DATE_PATTERNS:
        found = pattern.search(text)
        if found:
            date = _date_text(found)
            text = text[: found.start()] + " " + text[found.end() :]
            break
    source = _SOURCE_CUES_RE.sub(" ", text)
    source = " ".join(source.split()).strip(" ,;:/-–")
    return date, source or None


def _date_text(found: re.Match[str]) -> str:
    parts = found.groupdict()
    month = parts.get("m") or (_MONTHS[parts["mn"].casefold()] if parts.get("mn") else None)
    if parts.get("d"):
        return f"{int(parts['d']):02d}.{int(month):02d}.{parts['y']}"
    if month:
        return f"{int(month):02d}.{parts['y']}"
    return parts["y"]
