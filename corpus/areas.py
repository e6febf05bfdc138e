"""Task areas (Aufgabenbereiche): the product areas of the municipal budget.

The 16 product areas (Produktbereiche) of North Rhine-Westphalia's municipal budget (NKF),
which every Land with double-entry municipal budgets knows in a similar form; 17
(Stiftungen) does not occur in cooperations. A profile may state its areas in an optional
section ``Aufgabenbereich: 11`` (see ``parse_area_line``); otherwise ``index.areas`` assigns
them from the text. Standard library only.
"""

from __future__ import annotations

import re

# code → (German name, English name)
TASK_AREAS: dict[str, tuple[str, str]] = {
    "01": ("Innere Verwaltung", "Internal administration"),
    "02": ("Sicherheit und Ordnung", "Public safety and order"),
    "03": ("Schulträgeraufgaben", "Schools (as school authority)"),
    "04": ("Kultur und Wissenschaft", "Culture and science"),
    "05": ("Soziale Leistungen", "Social services"),
    "06": ("Kinder-, Jugend- und Familienhilfe", "Children, youth and family services"),
    "07": ("Gesundheitsdienste", "Health services"),
    "08": ("Sportförderung", "Sport"),
    "09": ("Räumliche Planung und Entwicklung, Geoinformationen", "Spatial planning and development, geodata"),
    "10": ("Bauen und Wohnen", "Building and housing"),
    "11": ("Ver- und Entsorgung", "Utilities and waste"),
    "12": ("Verkehrsflächen und -anlagen, ÖPNV", "Roads, transport facilities and public transport"),
    "13": ("Natur- und Landschaftspflege", "Nature and landscape"),
    "14": ("Umweltschutz", "Environmental protection"),
    "15": ("Wirtschaft und Tourismus", "Economy and tourism"),
    "16": ("Allgemeine Finanzwirtschaft", "General finance"),
}
# A profile has one primary area and at most one secondary area.
MAX_AREAS = 2

_CODE_RE = re.compile(r"^(?P<code>\d{1,2})\b\s*[.:–-]?\s*(?P<name>.*?)[\s;,]*$")
# before each code (a number of one or two digits) a new item starts
_ITEM_START_RE = re.compile(r"[\s;,]*(?=(?<![\w-])\d{1,2}(?!\w))")


def _key(text: str) -> str:
    return re.sub(r"[^a-zäöüß]+", " ", text.lower()).strip()


_BY_NAME = {_key(german): code for code, (german, _) in TASK_AREAS.items()}


def area_label(code: str, language: str = "de") -> str:
    """``"11 Ver- und Entsorgung"`` (``language`` "en": the English name). Raises KeyError
    for an unknown code."""
    german, english = TASK_AREAS[code]
    return f"{code} {english if language == 'en' else german}"


def parse_area_line(text: str) -> tuple[str, ...]:
    """The area codes a profile states, in order, at most ``MAX_AREAS``: ``11``,
    ``11 Ver- und Entsorgung``, ``11, 14``, ``11; 14 Umweltschutz`` or a name alone
    (``Umweltschutz``). Raises ValueError naming what is not an area (unknown code or name,
    a name that contradicts its code, more than ``MAX_AREAS`` areas)."""
    text = re.sub(r"\bProduktbereich(?:e)?\b", " ", text, flags=re.IGNORECASE)
    if any(char.isdigit() for char in text):
        items = [item.strip() for item in _ITEM_START_RE.split(text)]
    elif _key(text) in _BY_NAME:
        items = [text]
    else:
        items = [item.strip() for item in re.split(r"[;,]", text)]
    codes: list[str] = []
    for item in items:
        if not item:
            continue
        match = _CODE_RE.match(item)
        if match:
            code = match.group("code").zfill(2)
            if code not in TASK_AREAS:
                raise ValueError(f"unknown task area {match.group('code')!r} (01–16)")
            name = _key(match.group("name"))
            if name and _BY_NAME.get(name, code) != code:
                raise ValueError(f"task area {code} is not {match.group('name').strip()!r}")
        else:
            code = _BY_NAME.get(_key(item), "")
            if not code:
                raise ValueError(f"unknown task area {item!r}")
        if code not in codes:
            codes.append(code)
    if len(codes) > MAX_AREAS:
        raise ValueError(f"at most {MAX_AREAS} task areas (primary and secondary), got {len(codes)}")
    return tuple(codes)
