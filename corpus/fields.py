"""Values of single sections: keywords, Kurzprofil, start year, legal form, German numbers."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from corpus.names import strip_generic

# ---------------------------------------------------------------- numbers

_SPACES = "\u00a0\u202f\u2009 "


# Plausibility caps: a number with more digits is not a population or an area (and
# int() of a string over 4,300 digits raises). Germany has 84 million people and
# 357,600 km² (35.8 million ha); anything larger is treated as absent.
MAX_INT_DIGITS = 9
MAX_FRACTION_DIGITS = 6
MAX_POPULATION = 100_000_000
MAX_AREA_KM2 = 400_000.0
_INT_RE = re.compile(rf"(\d{{1,3}}(?:[.{_SPACES}]\d{{3}})+|\d+)(?:,(\d+))?\s*(Mio|Millionen)?")


def parse_german_int(text: str) -> int | None:
    """``588.250`` / ``588 250`` / ``588250`` / ``1,2 Mio.`` → int; None if no number, more
    than ``MAX_INT_DIGITS`` digits or more than ``MAX_POPULATION``. Raises nothing."""
    match = _INT_RE.match(text.strip())
    if not match:
        return None
    digits = re.sub(rf"[.{_SPACES}]", "", match.group(1))
    fraction = match.group(2) or ""
    if len(digits) > MAX_INT_DIGITS or len(fraction) > MAX_FRACTION_DIGITS:
        return None
    value = int(digits)
    if match.group(3):
        value = round((value + (float("0." + fraction) if fraction else 0.0)) * 1_000_000)
    return value if value <= MAX_POPULATION else None


def parse_german_float(text: str) -> float | None:
    """``280,7`` → 280.7; ``1.328,6`` → 1328.6; ``1.328`` → 1328.0; None if no number, more
    than ``MAX_INT_DIGITS`` digits before or ``MAX_FRACTION_DIGITS`` after the decimal
    point. The result is always finite. Raises nothing."""
    match = re.match(rf"\d[\d.,{_SPACES}]*", text.strip())
    if not match:
        return None
    number = re.sub(rf"[{_SPACES}]", "", match.group(0)).rstrip(".,")
    if "," in number:
        number = number.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", number):
        number = number.replace(".", "")
    whole, _, fraction = number.partition(".")
    if len(whole) > MAX_INT_DIGITS or len(fraction) > MAX_FRACTION_DIGITS:
        return None
    try:
        value = float(number)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


# ---------------------------------------------------------------- keywords


def parse_keywords(lines: list[str]) -> list[str]:
    """Keywords separated by commas or semicolons, else one per line; a single line
    without separators is one keyword (``Digitalisierung smart city``). Duplicates
    (ignoring case) are dropped, order kept. Raises nothing."""
    joined = "\n".join(lines)
    if "," in joined or ";" in joined:
        parts = re.split(r"[,;\n]", joined)
    else:
        parts = lines
    keywords: list[str] = []
    seen: set[str] = set()
    for part in parts:
        keyword = " ".join(part.split()).strip(" .·•-–")
        if keyword and keyword.casefold() not in seen:
            seen.add(keyword.casefold())
            keywords.append(keyword)
    return keywords


# ---------------------------------------------------------------- Kurzprofil


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


# ---------------------------------------------------------------- start year

_YEAR_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_SHORT_DATE_RE = re.compile(r"(?<!\d)\d{1,2}\.\d{1,2}\.(\d{2})(?!\d)")


def parse_start_year(text: str) -> int | None:
    """``2019``, ``seit 2003``, ``01.01.2015``, ``Juli 2010``, ``1.1.98`` → the year;
    empty or yearless text → None. Raises nothing."""
    match = _YEAR_RE.search(text)
    if match:
        return int(match.group(1))
    match = _SHORT_DATE_RE.search(text)
    if match:
        short = int(match.group(1))
        return 2000 + short if short <= 30 else 1900 + short
    return None


# ---------------------------------------------------------------- legal form

# Checked in order: the first pattern found wins. "Kooperationsvereinbarung" contains
# "verein" and "Zweckvereinbarung" contains "zweck": the specific forms come first and
# "Verein" must be a whole word.
_LEGAL_FORM_PATTERNS = (
    ("Zweckverband", r"zweckverband|\bzv\b"),
    ("Kooperationsvertrag", r"kooperationsvertrag|kooperationsvereinbarung"),
    ("gemeinsames Kommunalunternehmen (AöR)",
     r"kommunalunternehmen|anstalt\s+des\s+öffentlichen\s+rechts|\baör\b|\baoer\b"),
    ("GmbH", r"gmbh"),
    ("öffentlich-rechtliche Vereinbarung",
     r"öffentlich[\s-]*rechtliche[rn]?\s+vereinbarung|zweckvereinbarung|delegierende|mandatierende|"
     r"verwaltungsvereinbarung|\bör[\s-]*vereinbarung|\böffrv\b"),
    ("eingetragener Verein", r"eingetragene[rn]?\s+verein|\be\.\s?v\b|\bverein\b"),
    ("Arbeitsgemeinschaft", r"arbeitsgemeinschaft|\barge\b"),
)


def normalise_legal_form(raw: str | None) -> str | None:
    """Map the written legal form to one of ``corpus.model.LEGAL_FORMS``;
    None when empty, ``sonstige`` when nothing matches. Raises nothing."""
    if raw is None or not raw.strip():
        return None
    text = raw.casefold()
    for name, pattern in _LEGAL_FORM_PATTERNS:
        if re.search(pattern, text):
            return name
    return "sonstige"
