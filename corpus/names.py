"""Place names as profiles write them: generic prefixes and participant lists."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import NamedTuple

# Generic designations in front of a place name, longest first so that
# "Kreis- und Hochschulstadt Meschede" is not read as the district "Kreis …".
GENERIC_PREFIXES = tuple(
    sorted(
        {
            "Stadt", "Gemeinde", "Hansestadt", "Kreisstadt", "Kreis- und Hochschulstadt",
            "Kreis- und Universitätsstadt", "Große Kreisstadt", "Große kreisangehörige Stadt",
            "Mittlere kreisangehörige Stadt", "Kreisangehörige Stadt", "Kreisangehörige Gemeinde",
            "Kreisfreie Stadt", "Freie und Hansestadt", "Freie Hansestadt", "Hanse- und Universitätsstadt",
            "Universitäts- und Hansestadt", "Universitätsstadt", "Hochschulstadt", "Landeshauptstadt",
            "Bundesstadt", "Wissenschaftsstadt", "Klingenstadt", "Stadt der FernUniversität",
            "Bergstadt", "Berg- und Universitätsstadt", "Dom- und Kaiserstadt", "Sport- und Freizeitgemeinde",
            "Marktgemeinde", "Markt", "Ortsgemeinde", "Flecken", "Kommune", "Kurort", "Heilbad",
        },
        key=len,
        reverse=True,
    )
)
# Plural group words: "Städte A, B und C" → A, B, C; "Kreise A und B" → Kreis A, Kreis B.
GROUP_PREFIXES = (
    "Städte", "Staedte", "Gemeinden", "Kommunen", "Hansestädte", "Kreise", "Landkreise",
    "Samtgemeinden", "Verbandsgemeinden", "Verbandsgemeinde", "Ämter", "Verwaltungsgemeinschaften",
)
_GROUP_SINGULAR = {
    "kreise": "Kreis", "landkreise": "Landkreis", "samtgemeinden": "Samtgemeinde",
    "verbandsgemeinden": "Verbandsgemeinde", "ämter": "Amt", "verwaltungsgemeinschaften": "Verwaltungsgemeinschaft",
}
# Designations of Gemeindeverbände: kept in names, ignored when matching the gazetteer.
ASSOCIATION_PREFIXES = ("Samtgemeinde", "Verbandsgemeinde", "Verwaltungsgemeinschaft", "Amt")
# District words keep their form and are never stripped.
_PREFIX_RE = re.compile(
    r"^(?:" + "|".join(re.escape(p) for p in GENERIC_PREFIXES) + r")\s+(?=\S)", re.IGNORECASE
)
_SUFFIX_RE = re.compile(
    r",\s*(?:" + "|".join(re.escape(p) for p in GENERIC_PREFIXES) + r"|St|GKSt|M)\s*$", re.IGNORECASE
)
_GROUP_WORDS = {word.casefold() for word in GROUP_PREFIXES}
_GROUP_RE = re.compile(r"^(?:" + "|".join(GROUP_PREFIXES) + r")\s+", re.IGNORECASE)
# Names that contain "und" themselves and must never be split there.
PROTECTED_UND = (
    "Freie und Hansestadt", "Kreis- und Hochschulstadt", "Kreis- und Universitätsstadt",
    "Hanse- und Universitätsstadt", "Universitäts- und Hansestadt", "Berg- und Universitätsstadt",
    "Dom- und Kaiserstadt", "Sport- und Freizeitgemeinde",
)
_PROTECTED_RE = re.compile("|".join(re.escape(phrase) for phrase in PROTECTED_UND), re.IGNORECASE)
_HYPHEN_UND_RE = re.compile(r"(\w-) und ")
_SEPARATOR_RE = re.compile(r"(\(|\)|,|;|\s+und\s+|\s+u\.\s+|\s+sowie\s+|\s+&\s+|\s+/\s+)")
_CONJUNCTIONS = {"und": "und", "u.": "und", "sowie": "und", "&": "und"}
_DANGLING_RE = re.compile(r"^\s*(?:und|u\.|sowie|&)\s+|\s+(?:und|u\.|sowie|&)\s*$", re.IGNORECASE)
_GENERIC_WORDS = {p.casefold() for p in GENERIC_PREFIXES} | {"st", "gkst"}
_DISTRICT_WORDS = {"kreis": "Kreis", "landkreis": "Landkreis"}
_DISTRICT_RE = re.compile(r"^(?:Kreis|Landkreis)\s+(?=\S)|kreis$", re.IGNORECASE)
# A participant's role in parentheses, not part of its name: "Dortmund (federführend)".
_ROLE_RE = re.compile(
    r"\s*\([^()]*\b(?:federführend|federf|federführung|sitz|sitzgemeinde|koordinierend|koordination|koordinator|"
    r"koordinatorin|lead|hauptverantwortlich|antragsteller|antragstellerin|geschäftsstelle|träger|trägerin)\b[^()]*\)",
    re.IGNORECASE,
)
# Official names written with a spaced slash (German / Sorbian, German / Low German).
_GAZETTEER_FILE = Path(__file__).resolve().parent / "data" / "gazetteer.tsv"


def strip_generic(name: str) -> str:
    """Drop generic designations: ``Stadt Lippstadt`` and ``Lippstadt, Stadt`` → ``Lippstadt``.

    Districts keep their form (``Kreis Soest``, ``Landkreis Emsland``). Raises nothing.
    """
    name = " ".join(name.split()).strip(" ,;")
    previous = None
    while previous != name:
        previous = name
        name = _SUFFIX_RE.sub("", name)
        stripped = _PREFIX_RE.sub("", name)
        if stripped:
            name = stripped
    return name


def split_names(text: str) -> list[str]:
    """Split one line of place names into names without generic prefixes.

    Accepts comma, semicolon, "und"/"u."/"sowie"/"&" and spaced-slash lists, ``A, B und C``,
    ``Kreis X, Stadt Y und Gemeinde Z``, ``Städte A, B und C``, the directory's inverted
    ``Soest, Kreis`` (→ ``Kreis Soest``), ``Stadt und Kreis Soest`` (→ ``Soest``,
    ``Kreis Soest``); parentheses, unspaced slashes, hyphens and abbreviations stay inside
    a name (``Halle (Westf.)``, ``Fröndenberg/Ruhr``, ``Lohr a.Main``), as do the "und" of
    designations such as ``Kreis- und Hochschulstadt`` and the slash of official bilingual
    names (``Bautzen / Budyšin``). Role remarks (``Dortmund (federführend)``) are dropped,
    as is a conjunction left dangling by a line break. Raises nothing.
    """
    pieces = _join_bilingual(_split_top_level(_DANGLING_RE.sub("", text), split_slash=True))
    names: list[str] = []
    district_word = None  # "Kreise A und B" → "Kreis A", "Kreis B"
    for index, (separator, part) in enumerate(pieces):
        part = _ROLE_RE.sub("", part).strip()
        following = pieces[index + 1] if index + 1 < len(pieces) else None
        joined_by_und = following is not None and following.separator == "und"
        group = _GROUP_RE.match(part)
        if group:
            word = group.group(0).strip().casefold()
            district_word = _GROUP_SINGULAR.get(word)
            part = part[group.end() :]
        if not part:
            continue
        bare = part.casefold().strip(". ")
        if bare in _DISTRICT_WORDS:
            if joined_by_und and _PREFIX_RE.match(following.text):  # "Kreis und Stadt Soest"
                names.append(f"{_DISTRICT_WORDS[bare]} {strip_generic(following.text)}")
            elif separator == "," and names and not _DISTRICT_RE.search(names[-1]):  # "Soest, Kreis"
                names[-1] = f"{_DISTRICT_WORDS[bare]} {names[-1]}"
            continue
        if bare in _GENERIC_WORDS or bare in _GROUP_WORDS:
            # "Stadt und Kreis Soest": the town as well; "Dortmund, Stadt": nothing more
            if joined_by_und and re.match(r"^(?:Kreis|Landkreis)\s+\S", following.text, re.IGNORECASE):
                names.append(strip_generic(following.text.split(None, 1)[1]))
            continue
        if district_word and not re.search(
            r"kreis$|^(kreis|landkreis|samtgemeinde|verbandsgemeinde|amt)\b", part, re.I
        ):
            part = f"{district_word} {part}"
        name = strip_generic(part)
        if name:
            names.append(name)
    return names


def split_organisations(line: str) -> list[str]:
    """Split a line of other participants (associations, chambers, agencies).

    Semicolons and commas outside parentheses separate entries, except the commas of
    a name such as "Ministerium für Heimat, Kommunales, Bau und Digitalisierung": a
    short piece after a "für" that names no organisation of its own continues it.
    A line starting with a group word ("Samtgemeinden A, B und C") is a list of places,
    unless it describes them ("Städte und Gemeinden des Kreises als Standortkommunen").
    Raises nothing.
    """
    if _GROUP_RE.match(line.strip()) and not _DESCRIPTIVE_RE.search(re.sub(r"\([^()]*\)", "", line)):
        return split_names(line)
    pieces: list[str] = []
    for _, piece in _split_top_level(line, split_und=False):
        if pieces and " für " in f" {pieces[-1]} " and _continues_name(piece):
            pieces[-1] = f"{pieces[-1]}, {piece}"
        else:
            pieces.append(piece)
    return [name for name in (strip_generic(piece) for piece in pieces) if name]


_ORGANISATION_RE = re.compile(
    r"(kammer|verband|verbände|amt|ämter|agentur|ministerium|regierung|verein|gesellschaft|gmbh|e\.\s?v\.|\bag\b|"
    r"kasse|bund|stelle|zentrum|werk|werke|dienst|behörde|hilfe|schaft|institut|hochschule|universität|stiftung|"
    r"bahn|netz|kreis|stadt|gemeinde)",
    re.IGNORECASE,
)
_ACRONYM_RE = re.compile(r"[A-ZÄÖÜ]{2,}")
# Words of a description, never of a list of place names.
_DESCRIPTIVE_RE = re.compile(r"\b(?:des|als|von|für|mit|aus|zur|zum|dem|den)\b", re.IGNORECASE)


def _continues_name(piece: str) -> bool:
    """A piece after "für" continues the name unless it starts like a name of its own."""
    first = piece.split()[0] if piece.split() else ""
    return "(" not in piece and len(piece.split()) <= 7 and not (
        _ORGANISATION_RE.search(first) or _ACRONYM_RE.search(first)
    )


class _Piece(NamedTuple):
    separator: str  # before the piece: "", ",", ";", "und" (also "u.", "sowie", "&") or "/"
    text: str


def _split_top_level(text: str, split_und: bool = True, split_slash: bool = False) -> list[_Piece]:
    """Split at commas, semicolons, "und", "u.", "sowie", "&" (and spaced slashes) outside parentheses."""
    shielded = _PROTECTED_RE.sub(lambda m: m.group(0).replace(" ", "\0"), text)
    # "Kreis- und Hochschulstadt"-like designations not in the list: word- und Word
    shielded = _HYPHEN_UND_RE.sub(lambda m: m.group(1) + "\0und\0", shielded)
    pieces: list[_Piece] = []
    depth, current, separator = 0, [], ""
    for token in _SEPARATOR_RE.split(shielded):
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(depth - 1, 0)
        word = token.strip().casefold()
        spaced = token != token.strip()
        is_separator = token in (",", ";") or (spaced and (
            (split_und and word in _CONJUNCTIONS) or (split_slash and word == "/")
        ))
        if is_separator and depth == 0:
            pieces.append(_Piece(separator, "".join(current)))
            separator = _CONJUNCTIONS.get(word, word)
            current = []
        else:
            current.append(token)
    pieces.append(_Piece(separator, "".join(current)))
    return [_Piece(sep, part.replace("\0", " ").strip()) for sep, part in pieces if part.strip()]


def _join_bilingual(pieces: list[_Piece]) -> list[_Piece]:
    """Put official names with a spaced slash back together: ``Bautzen`` / ``Budyšin``."""
    if not any(piece.separator == "/" for piece in pieces):
        return pieces
    joined: list[_Piece] = []
    for piece in pieces:
        if piece.separator == "/" and joined:
            whole = f"{strip_generic(joined[-1].text)} / {strip_generic(piece.text)}"
            if _slash_key(whole) in _bilingual_names():
                joined[-1] = _Piece(joined[-1].separator, whole)
                continue
        joined.append(piece)
    return joined


def _slash_key(name: str) -> str:
    return " ".join(re.sub(r",\s*(?:Stadt|St)\b", "", name).casefold().replace("/", " / ").split())


@functools.cache
def _bilingual_names() -> frozenset[str]:
    """Keys of the directory's names written with a spaced slash, read once when first needed
    (names.py cannot use the gazetteer, which depends on it). Empty if the file is missing."""
    try:
        lines = _GAZETTEER_FILE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(
        _slash_key(fields[2]) for line in lines if " / " in line and len(fields := line.split("\t")) > 2
    )
