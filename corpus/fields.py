"""Values of single sections: keywords, Kurzprofil, start year, legal form, German numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.names import strip_generic

# ---------------------------------------------------------------- numbers

_SPACES = "\u00a0\u202f\u2009 "


def parse_german_int(text: str) -> int | None:
    """``588.250`` / ``588 250`` / ``588250`` / ``1,2 Mio.`` → int; None if no number."""
    text = text.strip()
    match = re.match(rf"(\d{{1,3}}(?:[.{_SPACES}]\d{{3}})+|\d+)(?:,(\d+))?\s*(Mio|Millionen)?", text)
    if not match:
        return None
    whole = int(re.sub(rf"[.{_SPACES}]", "", match.group(1)))
    if match.group(3):
        fraction = float("0." + match.group(2)) if match.group(2) else 0.0
        return round((whole + fraction) * 1_000_000)
    return whole


def parse_german_float(text: str) -> float | None:
    """``280,7`` → 280.7; ``1.328,6`` → 1328.6; ``1.328`` → 1328.0; None if no number."""
    match = re.match(rf"\d[\d.,{_SPACES}]*", text.strip())
    if not match:
        return None
    number = re.sub(rf"[{_SPACES}]", "", match.group(0)).rstrip(".,")
    if "," in number:
        number = number.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", number):
        number = number.replace(".", "")
    try:
        return float(number)
    except ValueError:
        return None


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
            if area is not None:
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
