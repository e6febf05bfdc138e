"""Place names as profiles write them: generic prefixes and participant lists."""

from __future__ import annotations

import re

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
_SEPARATOR_RE = re.compile(r"(\(|\)|,|;|\s+und\s+|\s+sowie\s+|\s+&\s+)")
_GENERIC_WORDS = {p.casefold() for p in GENERIC_PREFIXES} | {"st", "gkst"}


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

    Accepts comma or semicolon lists, ``A, B und C``, ``Kreis X, Stadt Y und Gemeinde Z``,
    ``Städte A, B und C``; parentheses, slashes, hyphens and abbreviations stay inside a
    name (``Halle (Westf.)``, ``Lohr a.Main``), as does the "und" of designations such as
    ``Kreis- und Hochschulstadt``. Raises nothing.
    """
    names: list[str] = []
    district_word = None  # "Kreise A und B" → "Kreis A", "Kreis B"
    for part in _split_top_level(text):
        part = part.strip()
        group = _GROUP_RE.match(part)
        if group:
            word = group.group(0).strip().casefold()
            district_word = _GROUP_SINGULAR.get(word)
            part = part[group.end() :]
        if not part:
            continue
        if district_word and not re.search(r"kreis$|^(kreis|landkreis|samtgemeinde|verbandsgemeinde|amt)\b", part, re.I):
            part = f"{district_word} {part}"
        if part.casefold().strip(". ") in _GENERIC_WORDS or part.casefold() in _GROUP_WORDS:
            # the inverted form "Dortmund, Stadt" split at its comma
            continue
        name = strip_generic(part)
        if name:
            names.append(name)
    return names


def split_organisations(line: str) -> list[str]:
    """Split a line of other participants (associations, chambers, agencies).

    Semicolons and commas outside parentheses separate entries, except the commas of
    a name such as "Ministerium für Heimat, Kommunales, Bau und Digitalisierung": a
    short piece after a "für" that names no organisation of its own continues it.
    A line starting with a group word ("Samtgemeinden A, B und C") is a list of places.
    Raises nothing.
    """
    if _GROUP_RE.match(line.strip()):
        return split_names(line)
    pieces: list[str] = []
    for piece in _split_top_level(line, split_und=False):
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


def _continues_name(piece: str) -> bool:
    """A piece after "für" continues the name unless it starts like a name of its own."""
    first = piece.split()[0] if piece.split() else ""
    return "(" not in piece and len(piece.split()) <= 7 and not (
        _ORGANISATION_RE.search(first) or _ACRONYM_RE.search(first)
    )


def _split_top_level(text: str, split_und: bool = True) -> list[str]:
    """Split at commas, semicolons, "und", "sowie", "&" outside parentheses."""
    shielded = _PROTECTED_RE.sub(lambda m: m.group(0).replace(" ", "\0"), text)
    # "Kreis- und Hochschulstadt"-like designations not in the list: word- und Word
    shielded = _HYPHEN_UND_RE.sub(lambda m: m.group(1) + "\0und\0", shielded)
    parts, depth, current = [], 0, []
    tokens = _SEPARATOR_RE.split(shielded)
    for token in tokens:
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(depth - 1, 0)
        is_separator = token in (",", ";") or (
            split_und and token.strip() in ("und", "sowie", "&") and token != token.strip()
        )
        if is_separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(token)
    parts.append("".join(current))
    return [part.replace("\0", " ").strip() for part in parts if part.strip()]
