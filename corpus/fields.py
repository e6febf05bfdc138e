"""Values of single sections: keywords, start year, legal form, German numbers."""

from __future__ import annotations

import math
import re

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
    without separators is one keyword (``Digitalisierung smart city``). Separators inside
    parentheses belong to the keyword (``Breitband (Glasfaser, 5G)``). Duplicates
    (ignoring case) are dropped, order kept. Raises nothing."""
    keywords: list[str] = []
    seen: set[str] = set()
    for part in (part for line in lines for part in _split_outside_parentheses(line)):
        keyword = " ".join(part.split()).strip(" .·•-–")
        if keyword and keyword.casefold() not in seen:
            seen.add(keyword.casefold())
            keywords.append(keyword)
    return keywords


def _split_outside_parentheses(line: str) -> list[str]:
    """``A, B (c, d); E`` → ``A``, ``B (c, d)``, ``E``; a parenthesis left open ends with its line."""
    if "(" not in line:
        return re.split(r"[,;]", line)
    parts, current, depth = [], [], 0
    for char in line:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        if char in ",;" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


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

# Checked in order within one part of the text: the first pattern found wins. The text is
# folded first (ä → ae, ö → oe, ü → ue, ß → ss) so that "oeffentlich" and "öffentlich" are
# one spelling. "Kooperationsvereinbarung" contains "verein" and "Zweckvereinbarung"
# contains "zweck": the specific forms come first, and a Verein is a word ending in
# "verein" (Verein, Trägerverein, Förderverein), never "Vereinbarung" or "Vereinigung".
_LEGAL_FORM_PATTERNS = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("Zweckverband", r"zweckverband|\bzv\b"),
        ("Kooperationsvertrag", r"kooperations[\s-]*(?:vertr|vereinbarung)"),
        ("gemeinsames Kommunalunternehmen (AöR)",
         r"kommunalunternehmen|anstalt\s+(?:des\s+)?oeffentlichen\s+rechts|\baoer\b|\bgku\b|kommunale\s+anstalt|\bgka\b"),
        ("GmbH", r"gmbh|gesellschaft\s+mit\s+beschraenkter\s+haftung"),
        ("öffentlich-rechtliche Vereinbarung",
         r"oeffentl(?:ich)?\.?[\s-]*rechtl(?:iche[rn]?\b|\.)?\s*vereinbarung|zweckvereinbarung|delegierende|"
         r"mandatierende|verwaltungsvereinbarung|\boer[\s-]*vereinbarung|\boeffrv\b"),
        ("eingetragener Verein", r"eingetragene[rn]?\s+verein|\be\.\s?v\b|verein(?:e|s)?\b"),
        ("Arbeitsgemeinschaft", r"arbeitsgemeinschaft|\barge\b"),
    )
)
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# A form that is only planned does not describe the cooperation yet.
_PLANNED_RE = re.compile(
    r"geplant|\bin\s+(?:gruendung|vorbereitung|planung)|angestrebt|vorgesehen|beabsichtigt|kuenftig|perspektivisch"
)
# Parts of a written legal form: separated by ";", "," or a spaced dash; a parenthesis is
# a part of its own.
_PART_RE = re.compile(r"(\([^()]*\)?)|[;,]|\s[-–]\s")


def normalise_legal_form(raw: str | None) -> str | None:
    """Map the written legal form to one of ``corpus.model.LEGAL_FORMS``;
    None when empty, ``sonstige`` when nothing matches.

    The first part naming a current form wins: ``Öffentlich-rechtliche Vereinbarung;
    Zweckverband geplant`` is an öffentlich-rechtliche Vereinbarung. Parts marked as
    planned ("geplant", "in Gründung", also in a parenthesis after the form) count only
    when nothing else is named. Raises nothing.
    """
    if raw is None or not raw.strip():
        return None
    parts: list[tuple[str, bool]] = []
    for piece in _PART_RE.split(raw.casefold().translate(_FOLD)):
        if not piece or not piece.strip(" ()"):
            continue
        planned = bool(_PLANNED_RE.search(piece))
        if piece.startswith("(") and planned and _form_in(piece) is None and parts:
            parts[-1] = (parts[-1][0], True)  # "Zweckverband (in Gründung)"
        parts.append((piece, planned))
    current = [text for text, planned in parts if not planned]
    for text in current + [text for text, _ in parts]:
        if form := _form_in(text):
            return form
    return "sonstige"


def _form_in(text: str) -> str | None:
    for name, pattern in _LEGAL_FORM_PATTERNS:
        if pattern.search(text):
            return name
    return None
