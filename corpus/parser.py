"""Read the text format of the state portals' IKZ project databases into a ``Profile``.

The only module that knows the German section headings. Standard library only.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from corpus.areas import MAX_AREAS, parse_area_line
from corpus.fields import normalise_legal_form, parse_keywords, parse_start_year
from corpus.kurzprofil import parse_kurzprofil
from corpus.model import Profile, ProfileParseError
from corpus.names import split_names, split_organisations

# label as written (normalised to lower case, single spaces) → section key
LABELS = {
    "stichworte": "keywords",
    "stichwörter": "keywords",
    "schlagworte": "keywords",
    "hauptverantwortlich": "lead",
    "federführung": "lead",
    "sonstige beteiligte": "others",
    "kurzprofil": "kurzprofil",
    "anlass": "anlass",
    "ziel": "ziel",
    "ziele": "ziel",
    "umsetzung": "umsetzung",
    "finanzierung": "finanzierung",
    "rechtsform": "legal_form",
    "zusammenarbeit seit": "since",
    "kontakt": "contact",
    "links": "links",
    "link": "links",
    "aufgabenbereich": "area",
    "aufgabenbereiche": "area",
    "produktbereich": "area",
}
_KNOWN_LABEL_RE = re.compile(
    r"^\s*(?P<label>" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(LABELS, key=len, reverse=True))
    + r")\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Zusammenarbeit seit 2019" without its colon: only with a date or year and nothing more.
_SINCE_WITHOUT_COLON_RE = re.compile(
    r"^\s*(?P<label>Zusammenarbeit\s+seit)\s+(?P<rest>(?=[^\n]*\d{4}|[^\n]*\d{1,2}\.\d{1,2}\.\d{2})[^\n]{1,30})$",
    re.IGNORECASE,
)
# Labels of remarks: not sections the format defines, but labels wherever they appear.
REMARK_LABELS = ("Bemerkung", "Bemerkungen", "Anmerkung", "Anmerkungen", "Hinweis", "Hinweise", "Notiz", "Notizen",
                 "Sonstiges", "Status")
_REMARK_LABEL_RE = re.compile(r"^\s*(?P<label>" + "|".join(REMARK_LABELS) + r")\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
# Any other label: a short capitalised phrase and a colon, alone on its line.
_UNKNOWN_LABEL_RE = re.compile(r"^\s*(?P<label>[A-ZÄÖÜ][\wäöüÄÖÜß()/.\- ]{0,40}?)\s*:\s*$")
_LABEL_CONNECTORS = {"und", "für", "zur", "zum", "der", "des", "die", "das", "von", "im", "in", "am", "an", "mit"}
# Field names inside sections (Kurzprofil, Kontakt), never labels of their own.
_FIELD_NAMES = {
    "einwohner", "einwohnerzahl", "fläche", "regierungsbezirk", "kreis", "landkreis", "bundesland", "land",
    "telefon", "tel.", "tel", "fax", "e-mail", "mail", "internet", "web", "adresse", "anschrift",
    "ansprechpartner", "ansprechpartnerin", "stand", "quelle",
}
_PRIVATE_RE = re.compile(r"^\s*privat\s*:\s*", re.IGNORECASE)
_TRAILING_PAREN_RE = re.compile(r"\s*\((?P<inner>[^()]*)\)\s*$")
_REMARK_CUES = re.compile(
    r"\b(lt\.|laut|mail|e-mail|aktuell|veraltet|beendet|aufgelöst|ruht|stand|hinweis|rückfrage|"
    r"ungeprüft|geprüft|info|entwurf|eingestellt|überholt|nicht|abgeschlossen|ausgelaufen|inaktiv|erledigt|"
    r"in\s+planung|in\s+vorbereitung|in\s+gründung|geplant|pausiert|archiviert|abgebrochen|gestoppt|unklar|"
    r"ungeklärt|ausstehend)\b",
    re.IGNORECASE,
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
MAX_TITLE_LENGTH = 500
MAX_PARTICIPANT_LINES = 40


class _Line(NamedTuple):
    number: int
    text: str


def parse_profile(text: str, *, profile_id: str, source: str | None = None) -> Profile:
    """Parse one profile in the portal text format.

    ``source`` (a file name) is used in error messages and defaults to ``profile_id``.
    Raises ProfileParseError(source, line, message) when the text cannot be a profile:
    empty, binary (NUL characters), no title line, or no section label at all.
    """
    source = source or profile_id
    if "\x00" in text:
        raise ProfileParseError(source, text[: text.index("\x00")].count("\n") + 1, "binary content (NUL byte)")
    text = text.removeprefix("\ufeff")
    if _CONTROL_RE.search(text):
        text = _CONTROL_RE.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_Line(number, raw.rstrip()) for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1)]
    body = [line for line in lines if line.text.strip()]
    if not body:
        raise ProfileParseError(source, 1, "empty file: no title line")
    title_line = body[0]
    title_index = title_line.number - 1
    label = _label_at(lines, title_index)
    # "Hinweis: Neues Portal" reads as a title; a lone "Hinweis:" or "Ziel: …" does not
    if label is not None and not (label[0] == "extra" and label[2]):
        raise ProfileParseError(
            source, title_line.number, f"missing title: file starts with {title_line.text.strip()!r}"
        )
    title, private, remark = parse_title(title_line.text)
    if not title:
        raise ProfileParseError(source, title_line.number, "missing title: title line holds no title")
    if len(title) > MAX_TITLE_LENGTH:
        raise ProfileParseError(source, title_line.number, f"title line longer than {MAX_TITLE_LENGTH} characters")
    head, sections = _split_sections(lines[title_index + 1 :])
    if not sections:
        raise ProfileParseError(
            source, title_line.number, "no profile sections found (expected labels such as 'Stichworte:')"
        )
    return _build(profile_id, source, title, private, remark, head, sections)


def parse_title(line: str) -> tuple[str, bool, str | None]:
    """``Privat: Titel (lt. Mail … nicht mehr aktuell)`` → (title, private, remark).

    A trailing parenthesis counts as a remark only when it reads like one (a digit,
    three or more words, or a word such as "aktuell", "beendet", "lt."), so that
    ``Abwasser Wetter (Ruhr)`` keeps its place name. Raises nothing.
    """
    title = " ".join(line.split())
    private = False
    match = _PRIVATE_RE.match(title)
    if match:
        private = True
        title = title[match.end() :]
    remark = None
    match = _TRAILING_PAREN_RE.search(title)
    if match and _is_remark(match.group("inner")):
        remark = match.group("inner").strip() or None
        title = title[: match.start()]
    return title.strip(" -–:"), private, remark


def _is_remark(inner: str) -> bool:
    return bool(re.search(r"\d", inner)) or len(inner.split()) >= 3 or bool(_REMARK_CUES.search(inner))


def _label_at(lines: list[_Line], index: int) -> tuple[str, str, str] | None:
    """(key, label, rest) when line ``index`` starts a section, else None.

    The rule, in order:
    1. a known label and a colon at the start of a line (``Ziel: …``) always starts its
       section, wherever it is — also inside prose: the format's labels win;
    2. ``Zusammenarbeit seit`` with a short date or year needs no colon;
    3. a remark label (``Bemerkung:``, ``Hinweise:`` …, see ``REMARK_LABELS``) starts an
       extra section wherever it is, with its text on the same line or below;
    4. any other short capitalised label (1–3 words, each capitalised or a connector
       such as "für") alone on the first line of a block starts an extra section.
    A line ``Unknown Label: text`` is prose (``Verbandsumlage: Werdohl 60 %…``), as is a
    lone label inside a block (``Folgende Maßnahmen:`` before a list).
    """
    text = lines[index].text
    if ":" not in text:
        if "seit" in text and (match := _SINCE_WITHOUT_COLON_RE.match(text)):
            return "since", "Zusammenarbeit seit", match.group("rest").strip()
        return None
    if match := _KNOWN_LABEL_RE.match(text):
        label = " ".join(match.group("label").split())
        return LABELS[label.lower()], label, match.group("rest").strip()
    if match := _REMARK_LABEL_RE.match(text):
        return "extra", match.group("label"), match.group("rest").strip()
    match = _UNKNOWN_LABEL_RE.match(text)
    starts_block = index == 0 or not lines[index - 1].text.strip()
    if match and starts_block and _looks_like_label(label := " ".join(match.group("label").split())):
        return "extra", label, ""
    return None


def _looks_like_label(label: str) -> bool:
    words = label.split()
    return (
        1 <= len(words) <= 3
        and label.casefold() not in _FIELD_NAMES
        and all(word[:1].isupper() or word[:1].isdigit() or word in _LABEL_CONNECTORS for word in words)
    )


def _split_sections(lines: list[_Line]) -> tuple[list[_Line], list[tuple[str, str, list[_Line]]]]:
    """Lines before the first label, and (key, label, lines) per labelled section."""
    head: list[_Line] = []
    sections: list[tuple[str, str, list[_Line]]] = []
    for index, line in enumerate(lines):
        found = _label_at(lines, index)
        if found is not None:
            key, label, rest = found
            sections.append((key, label, [_Line(line.number, rest)] if rest else []))
        elif sections:
            sections[-1][2].append(line)
        else:
            head.append(line)
    return head, sections


def _blocks(lines: list[_Line]) -> list[list[str]]:
    """Runs of non-blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.text.strip():
            current.append(line.text.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def paragraphs(lines: list[_Line]) -> str:
    """Prose of a section: lines of a block joined; a block that starts with a
    lower-case word continues the previous paragraph (exports break sentences
    across blank lines). Paragraphs are separated by a blank line."""
    result: list[str] = []
    for block in _blocks(lines):
        text = " ".join(block)
        if result and text[:1].islower():
            result[-1] = f"{result[-1]} {text}"
        else:
            result.append(text)
    return "\n\n".join(result)


def _plain_lines(lines: list[_Line]) -> list[str]:
    return [line.text.strip() for line in lines if line.text.strip()]


def _build(
    profile_id: str,
    source: str,
    title: str,
    private: bool,
    remark: str | None,
    head: list[_Line],
    sections: list[tuple[str, str, list[_Line]]],
) -> Profile:
    participants: list[str] = []
    for line in _participant_lines(_plain_lines(head)[:MAX_PARTICIPANT_LINES]):
        participants.extend(name for name in split_names(line) if name not in participants)
    values: dict[str, list[_Line]] = {}
    extra: dict[str, str] = {}
    for key, label, section_lines in sections:
        if key == "extra":
            text = paragraphs(section_lines)
            extra[label] = f"{extra[label]}\n\n{text}".strip() if label in extra else text
        else:
            values.setdefault(key, []).extend(section_lines)
    get = lambda key: values.get(key, [])  # noqa: E731
    lead_names = split_names(" und ".join(_plain_lines(get("lead"))))
    kurz = parse_kurzprofil(_plain_lines(get("kurzprofil")))
    lead = lead_names[0] if lead_names else kurz.place
    legal_raw = " ".join(_plain_lines(get("legal_form"))) or None
    texts = {name: paragraphs(get(name)) for name in ("anlass", "ziel", "umsetzung", "finanzierung")}
    contact = "\n".join(_plain_lines(get("contact"))) or None
    return Profile(
        id=profile_id,
        title=title,
        private=private,
        remark=remark,
        participants=tuple(participants),
        lead=lead,
        others=tuple(_split_others(_plain_lines(get("others")))),
        keywords=tuple(parse_keywords(_plain_lines(get("keywords")))),
        region=kurz.region,
        district=kurz.district,
        state=kurz.state,
        population=kurz.population,
        population_date=kurz.population_date,
        population_source=kurz.population_source,
        area_km2=kurz.area_km2,
        year=parse_start_year(" ".join(_plain_lines(get("since")))),
        legal_form=normalise_legal_form(legal_raw),
        legal_form_raw=legal_raw,
        sections={name: text for name, text in texts.items() if text},
        extra_sections=dict(extra),
        contact=contact,
        links=tuple(_plain_lines(get("links"))),
        task_areas=_stated_areas(source, get("area")),
        source=source,
    )


def _stated_areas(source: str, lines: list[_Line]) -> tuple[str, ...]:
    """The codes of an ``Aufgabenbereich:`` section (see ``corpus.areas.parse_area_line``).
    Raises ProfileParseError naming the line that is not an area."""
    codes: list[str] = []
    for line in lines:
        if not line.text.strip():
            continue
        try:
            codes.extend(code for code in parse_area_line(line.text) if code not in codes)
        except ValueError as error:
            raise ProfileParseError(source, line.number, str(error)) from None
        if len(codes) > MAX_AREAS:
            raise ProfileParseError(source, line.number, f"at most {MAX_AREAS} task areas (primary and secondary)")
    return tuple(codes)


# A list broken across lines: "Stadt Lippstadt und" / "Gemeinde Anröchte".
_CONTINUED_RE = re.compile(r"(?:\s(?:und|u\.|sowie|&)|[,;/])$", re.IGNORECASE)
_CONTINUING_RE = re.compile(r"^(?:und|u\.|sowie|&)\s", re.IGNORECASE)


def _participant_lines(lines: list[str]) -> list[str]:
    """Lines of the participants block, a line ending in (or starting with) a conjunction or
    separator joined to its neighbour so that a list broken across lines is read as one."""
    joined: list[str] = []
    for line in lines:
        if joined and (_CONTINUED_RE.search(joined[-1]) or _CONTINUING_RE.match(line)):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _split_others(lines: list[str]) -> list[str]:
    """Other participants, one or more a line (see ``corpus.names.split_organisations``)."""
    names: list[str] = []
    for line in lines:
        for name in split_organisations(line):
            if name not in names:
                names.append(name)
    return names
