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
# Plural group words: "Städte A, B und C" → A, B, C.
GROUP_PREFIXES = ("Städte", "Staedte", "Gemeinden", "Kommunen", "Hansestädte", "Kreise", "Landkreise")
# District words keep their form and are never stripped.
_PREFIX_RE = re.compile(
    r"^(?:" + "|".join(re.escape(p) for p in GENERIC_PREFIXES) + r")\s+(?=\S)", re.IGNORECASE
)
_SUFFIX_RE = re.compile(
    r",\s*(?:" + "|".join(re.escape(p) for p in GENERIC_PREFIXES) + r"|St|GKSt|M)\s*$", re.IGNORECASE
)
_GROUP_RE = re.compile(r"^(?:" + "|".join(GROUP_PREFIXES) + r")\s+", re.IGNORECASE)
# Names that contain "und" themselves and must never be split there.
PROTECTED_UND = (
    "Freie und Hansestadt", "Kreis- und Hochschulstadt", "Kreis- und Universitätsstadt",
    "Hanse- und Universitätsstadt", "Universitäts- und Hansestadt", "Berg- und Universitätsstadt",
    "Dom- und Kaiserstadt", "Sport- und Freizeitgemeinde",
)
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
            district_word = {"kreise": "Kreis", "landkreise": "Landkreis"}.get(word)
            part = part[group.end() :]
        if not part:
            continue
        if district_word and not re.search(r"kreis$|^(kreis|landkreis)\b", part, re.IGNORECASE):
            part = f"{district_word} {part}"
        if part.casefold().strip(". ") in _GENERIC_WORDS:
            # the inverted form "Dortmund, Stadt" split at its comma
            continue
        name = strip_generic(part)
        if name:
            names.append(name)
    return names


def _split_top_level(text: str) -> list[str]:
    """Split at commas, semicolons, "und", "sowie", "&" outside parentheses."""
    shielded = text
    for phrase in PROTECTED_UND:
        shielded = re.sub(re.escape(phrase), lambda m: m.group(0).replace(" ", "\0"), shielded, flags=re.I)
    # "Kreis- und Hochschulstadt"-like designations not in the list: word- und Word
    shielded = re.sub(r"(\w-) und ", lambda m: m.group(1) + "\0und\0", shielded)
    parts, depth, current = [], 0, []
    tokens = re.split(r"(\(|\)|,|;|\s+und\s+|\s+sowie\s+|\s+&\s+)", shielded)
    for token in tokens:
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(depth - 1, 0)
        is_separator = token in (",", ";") or token.strip() in ("und", "sowie", "&") and token != token.strip()
        if is_separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(token)
    parts.append("".join(current))
    return [part.replace("\0", " ").strip() for part in parts if part.strip()]
