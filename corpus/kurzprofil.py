"""The Kurzprofil section: the lead's place, Kreis, Regierungsbezirk, Land, population and area."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.fields import MAX_AREA_KM2, parse_german_float, parse_german_int
from corpus.names import strip_generic


@dataclass(frozen=True)
class Kurzprofil:
    place: str | None = None
    district: str | None = None
    region: str | None = None
    state: str | None = None
    population: int | None = None
    population_date: str | None = None
    population_source: str | None = None
    area_km2: float | None = None


_REGION_RE = re.compile(r"^(?:Regierungsbezirk|Reg\.?\s*-?\s*Bez(?:irk)?\.?)\s*:?\s*(?P<v>.+)$", re.I)
_STATE_RE = re.compile(r"^(?:Bundesland|Land)\b\s*:?\s*(?P<v>.+)$", re.I)
_DISTRICT_FIELD_RE = re.compile(r"^(?:Kreis|Landkreis)\s*:\s*(?P<v>.+)$", re.I)
_POPULATION_RE = re.compile(r"^Einwohner(?:zahl)?\s*:?\s*(?P<v>[^(]*)(?:\((?P<paren>[^)]*)\)?)?", re.I)
_AREA_RE = re.compile(r"^Fläche\s*:?\s*(?P<v>.*)$", re.I)
_DISTRICT_NAME_RE = re.compile(r"^(?:Kreis|Landkreis|Städteregion|Region|Regionalverband)\s+\S|[\w-][kK]reis$")
_DATE_RE = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\b")


def parse_kurzprofil(lines: list[str]) -> Kurzprofil:
    """The lead's short profile: place, Kreis, Regierungsbezirk, Land, population
    (with date and source from the parenthesis) and area in km². Lines the parser
    does not recognise are ignored. Raises nothing."""
    values: dict[str, object] = {}
    for line in lines:
        if match := _REGION_RE.match(line):
            values.setdefault("region", match.group("v").strip())
        elif match := _STATE_RE.match(line):
            values.setdefault("state", match.group("v").strip())
        elif match := _POPULATION_RE.match(line):
            _population(match, values)
        elif match := _AREA_RE.match(line):
            area = parse_german_float(match.group("v"))
            if area is not None and re.search(r"\b(ha|Hektar)\b", match.group("v")):
                area /= 100
            if area is not None and area <= MAX_AREA_KM2:
                values.setdefault("area_km2", round(area, 2))
        elif match := _DISTRICT_FIELD_RE.match(line):
            values.setdefault("district", _district_name(match.group("v")))
        elif "place" not in values:
            values["place"] = strip_generic(line) or None
        elif _DISTRICT_NAME_RE.search(strip_generic(line)) and strip_generic(line) == " ".join(line.split()):
            values.setdefault("district", strip_generic(line))
    return Kurzprofil(**values)  # type: ignore[arg-type]


def _district_name(value: str) -> str:
    value = " ".join(value.split())
    return value if re.search(r"kreis|region", value, re.I) else f"Kreis {value}"


def _population(match: re.Match[str], values: dict[str, object]) -> None:
    population = parse_german_int(match.group("v"))
    if population is None:
        return
    values.setdefault("population", population)
    paren = match.group("paren")
    if paren:
        date = _DATE_RE.search(paren)
        if date:
            values.setdefault("population_date", re.sub(r"\s", "", date.group(0)))
        source = _DATE_RE.sub("", paren).strip(" ,;")
        if source:
            values.setdefault("population_source", source)
