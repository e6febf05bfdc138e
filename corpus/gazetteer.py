"""The official municipality directory: names, keys, districts, regions, figures.

Data: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys,
Stand 30.11.2023, Datenlizenz Deutschland – Namensnennung – Version 2.0; derived into
``corpus/data/gazetteer.tsv`` by ``tools/build_gazetteer.py``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from corpus.names import ASSOCIATION_PREFIXES, strip_generic

DATA_FILE = Path(__file__).resolve().parent / "data" / "gazetteer.tsv"
ATTRIBUTION = (
    "Quelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem "
    "GV-ISys, Stand 30.11.2023; Datenlizenz Deutschland – Namensnennung – Version 2.0"
)
# Population figures of GV100AD 30.11.2023 are those of 31.12.2022.
POPULATION_DATE = "31.12.2022"
POPULATION_SOURCE = "Destatis"

KREISFREI_TYPES = {"41", "42"}
# Words that mark a district name; a plain "Soest" is the town, "Kreis Soest" the district.
_DISTRICT_WORDS = ("kreis", "region", "regionalverband", "städteregion", "staedteregion")
# Abbreviations in official names and their spelled-out forms map to one key token.
_KEY_TOKENS = {
    "am": "a", "an": "a", "a": "a", "der": "d", "d": "d", "in": "i", "im": "i", "i": "i",
    "bei": "b", "b": "b", "westfalen": "westf", "st": "sankt",
}
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Normalise a place name for matching.

    Case, umlauts typed as ``ae/oe/ue``, punctuation, spacing and the usual
    abbreviations (``a.Main`` / ``am Main``, ``a.d.`` / ``an der``) do not matter.
    """
    text = unicodedata.normalize("NFC", name).casefold().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    tokens = re.findall(r"[a-z0-9]+", text)
    return " ".join(_KEY_TOKENS.get(token, token) for token in tokens)


def district_key(name: str) -> str:
    """Key of a Kreis as written: ``Kreis Coburg`` and ``Landkreis Coburg`` are one Kreis
    (no Land has both), ``Hochsauerlandkreis`` and ``Region Hannover`` keep their words."""
    key = name_key(name)
    for word in ("kreis ", "landkreis "):
        if key.startswith(word):
            return key[len(word) :]
    return key


def display_name(official: str) -> str:
    """``Dortmund, Stadt`` → ``Dortmund``; ``Lohr a.Main, St`` → ``Lohr a.Main``."""
    return official.split(", ")[0].strip()


@dataclass(frozen=True)
class Place:
    """A Gemeinde or a Kreis of the official directory.

    ``district`` is the Kreis as commonly written (``Kreis Soest``) and ``None`` for a
    kreisfreie Stadt; ``region`` the Regierungsbezirk's plain name or ``None`` where the
    Land has none; ``kind`` is ``"gemeinde"`` or ``"kreis"`` (``"verband"`` for a
    Gemeindeverband, see :meth:`Gazetteer.association`).
    """

    key: str
    name: str
    official_name: str
    kind: str
    type_code: str
    state: str
    region: str | None
    district: str | None
    population: int | None
    area_km2: float | None
    postcode: str | None = None


def _district_display(name: str, type_code: str) -> str | None:
    if type_code in KREISFREI_TYPES:
        return None
    lowered = name.casefold()
    if any(word in lowered for word in _DISTRICT_WORDS):
        return name
    return ("Kreis " if type_code == "43" else "Landkreis ") + name


def _region_display(name: str) -> str | None:
    # Niedersachsen's "Statistische Region" and the "früher:" Bezirke are no longer
    # Regierungsbezirke; such Länder have none.
    if name.startswith(("früher:", "Statistische Region")):
        return None
    return name.removeprefix("Reg.-Bez.").strip()


class Gazetteer:
    """Look-ups over all German Gemeinden and Kreise.

    Build it with :func:`load_gazetteer`; it is immutable once built.
    """

    def __init__(self, places: list[Place], associations: Iterable[Place] = ()) -> None:
        self.places = tuple(places)
        # Gemeindeverbände (Amt, Samtgemeinde, Verbandsgemeinde, …): not places of their
        # own (no keys in profiles), only where a lead that names one lies
        self._associations: dict[str, list[Place]] = defaultdict(list)
        for association in associations:
            self._associations[_association_key(association.name)].append(association)
        self.by_key = {place.key: place for place in places}
        self._exact: dict[str, list[Place]] = defaultdict(list)
        self._alias: dict[str, list[Place]] = defaultdict(list)
        districts: dict[str, set[str]] = defaultdict(set)
        for place in places:
            if place.kind == "kreis":
                if place.district is not None:
                    districts[district_key(place.district)].add(place.district)
                    # "Kreis Soest", also written "Landkreis Soest"
                    for spelling in {place.district, f"Kreis {place.name}", f"Landkreis {place.name}"}:
                        self._exact[name_key(spelling)].append(place)
                continue
            self._exact[name_key(place.name)].append(place)
            self._exact[name_key(place.official_name)].append(place)
            for alias in _aliases(place.name):
                self._alias[name_key(alias)].append(place)

        # the Kreise, Regierungsbezirke and Länder the directory knows (other context is ignored)
        self._known = {
            attr: {_context_key(attr, getattr(place, attr)) for place in places if getattr(place, attr)}
            for attr in ("district", "region", "state")
        }
        # a Kreis as written → the gazetteer's spelling, when only one Kreis is meant
        self._district_names = {key: next(iter(names)) for key, names in districts.items() if len(names) == 1}

    def __len__(self) -> int:
        return len(self.places)

    def district_name(self, name: str) -> str | None:
        """The gazetteer's spelling of a Kreis as a profile writes it (``Kreis Emsland`` →
        ``Landkreis Emsland``, ``Kreis Coburg`` → ``Landkreis Coburg``), None if unknown. Raises nothing."""
        return self._district_names.get(district_key(name))

    def candidates(self, name: str) -> list[Place]:
        """All places a name may mean: exact spellings first, then looser aliases.

        Generic prefixes and suffixes (``Stadt Dortmund``, ``Dortmund, Stadt``) are ignored.
        """
        key = _match_key(name)
        return _unique(self._exact.get(key, []) + self._alias.get(key, []))

    def resolve(
        self,
        name: str,
        *,
        region: str | None = None,
        district: str | None = None,
        state: str | None = None,
    ) -> Place | None:
        """The one place ``name`` denotes, given what the profile states about it.

        The stated Kreis, Regierungsbezirk and Land are facts: only places in all of them
        count, exact spellings and looser aliases alike (``Rhede`` in ``Landkreis Emsland``
        is ``Rhede (Ems)``, not the exact ``Rhede`` in Kreis Borken); when none is in
        them, ``None`` rather than a place the profile contradicts. A stated value the
        gazetteer does not know (``Regierungsbezirk Weser-Ems``, dissolved 2004) says
        nothing and is ignored. Among the places left, an exact spelling wins over
        aliases (``Halle`` before ``Halle (Westf.)``); several of one kind (there are many
        Neustadts) are not guessed: ``None``. Raises nothing.
        """
        return self._resolve(_match_key(name), district, region, state, strict=True)

    def resolve_near(
        self,
        name: str,
        *,
        region: str | None = None,
        district: str | None = None,
        state: str | None = None,
    ) -> Place | None:
        """The one place ``name`` denotes, preferring places near the given context (a
        participant near its lead: cooperations cross Kreis and Land borders).

        Places in the context's Kreis are preferred, then in its Regierungsbezirk, then in
        its Land (``Werther`` next to Halle (Westf.) is ``Werther (Westf.)``, ``Essen``
        next to Cloppenburg is ``Essen (Oldenburg)``); the first of these that holds any
        candidate decides, and several there are not guessed (``None``). When none is
        near, the name is resolved as without context. Raises nothing.
        """
        return self._resolve(_match_key(name), district, region, state, strict=False)

    def association(
        self, name: str, *, district: str | None = None, state: str | None = None
    ) -> Place | None:
        """The one Gemeindeverband ``name`` denotes (``Amt Südtondern``, ``Verbandsgemeinde
        Bitburger Land``, ``VG Saale-Rennsteig``; kind ``"verband"``), within the stated
        Kreis and Land; None when there is none or several. Its ``district``, ``region`` and
        ``state`` say where a lead that is a Verband lies. Raises nothing."""
        found = self._associations.get(_association_key(name), [])
        for attr, wanted in (("district", district), ("state", state)):
            if wanted and (wanted_key := _context_key(attr, wanted)) in self._known[attr]:
                found = [place for place in found if _context_key(attr, getattr(place, attr)) == wanted_key]
        return found[0] if len(found) == 1 else None

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - the gazetteer lives as long as the process
    def _resolve(
        self, key: str, district: str | None, region: str | None, state: str | None, *, strict: bool
    ) -> Place | None:
        exact = _unique(self._exact.get(key, []))
        alias = [place for place in _unique(self._alias.get(key, [])) if place not in exact]
        context = [
            (attr, wanted_key)
            for attr, wanted in (("district", district), ("region", region), ("state", state))
            if wanted and (wanted_key := _context_key(attr, wanted)) in self._known[attr]
        ]
        if strict and context:
            fitting = [p for p in exact + alias if all(_context_key(a, getattr(p, a)) == k for a, k in context)]
            return _pick(exact, alias, fitting)
        for attr, wanted_key in context:  # Kreis, then Regierungsbezirk, then Land
            near = [p for p in exact + alias if _context_key(attr, getattr(p, attr)) == wanted_key]
            if near:
                return _pick(exact, alias, near)
        return _pick(exact, alias, exact + alias)


def _pick(exact: list[Place], alias: list[Place], allowed: list[Place]) -> Place | None:
    """The one allowed exact spelling, else the one allowed alias, else None (do not guess)."""
    exact = [place for place in exact if place in allowed]
    alias = [place for place in alias if place in allowed]
    if len(exact) == 1:
        return exact[0]
    if not exact and len(alias) == 1:
        return alias[0]
    return None


def _context_key(attr: str, value: str | None) -> str | None:
    if value is None:
        return None
    return district_key(value) if attr == "district" else name_key(value)


def _match_key(name: str) -> str:
    """Key of a name as written in a profile: generic and association designations dropped."""
    name = strip_generic(name)
    for prefix in ASSOCIATION_PREFIXES:
        if name.startswith(prefix + " "):
            name = name[len(prefix) + 1 :]
    return name_key(name)


# How a Gemeindeverband is written before its name, besides ASSOCIATION_PREFIXES.
_ASSOCIATION_WORDS_RE = re.compile(
    r"^(?:Kirchspielslandgemeinde|Gemeindeverwaltungsverband|Verwaltungsverband|GVV|VGem|VG|"
    r"VVG\s+der\s+(?:Stadt|Gemeinde))\s+",
    re.IGNORECASE,
)


def _association_key(name: str) -> str:
    """``Verbandsgemeinde Bitburger Land``, ``VG Bitburger Land`` → one key."""
    name = strip_generic(name)
    for prefix in ASSOCIATION_PREFIXES:
        if name.startswith(prefix + " "):
            name = name[len(prefix) + 1 :]
    return name_key(_ASSOCIATION_WORDS_RE.sub("", name))


def _aliases(name: str) -> list[str]:
    """Looser spellings: ``Halle (Westf.)`` → ``Halle``; ``Bautzen / Budyšin`` → ``Bautzen``."""
    aliases = []
    base = name.split("/")[0].strip()
    if base != name:
        aliases.append(base)
    stripped = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if stripped != name:
        aliases.append(stripped)
    # "Neustadt b.Coburg", "Neustadt a.d.Waldnaab", "Frankfurt am Main" → "Neustadt", "Frankfurt"
    match = re.match(r"^(.+?)\s*\b(?:a|b|i|an|am|bei|im|in|ob|vor)(?:\.|\s)", stripped)
    if match and match.group(1).strip() and match.group(1).strip() != stripped:
        aliases.append(match.group(1).strip())
    return aliases


def _unique(places: list[Place]) -> list[Place]:
    seen: dict[str, Place] = {}
    for place in places:
        seen.setdefault(place.key, place)
    return list(seen.values())


def parse_gazetteer(lines: list[str]) -> Gazetteer:
    """Build a gazetteer from the lines of ``gazetteer.tsv``.

    Raises ValueError naming the line when a record is malformed.
    """
    states: dict[str, str] = {}
    regions: dict[str, str | None] = {}
    districts: dict[str, tuple[str, str]] = {}
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line or line.startswith(("#", "level\t")):
            continue
        fields = line.split("\t")
        if len(fields) != 7:
            raise ValueError(f"gazetteer line {number}: expected 7 fields, got {len(fields)}")
        level, key, name, type_code = fields[:4]
        if level == "land":
            states[key] = name
        elif level == "regbez":
            regions[key] = _region_display(name)
        elif level == "kreis":
            districts[key] = (name, type_code)
        rows.append(fields)
    places: list[Place] = []
    associations: list[Place] = []
    for level, key, name, type_code, area_ha, population, postcode in rows:
        if level not in ("kreis", "gemeinde", "verband"):
            continue
        kreis_name, kreis_type = districts[key[:5]]
        area = int(area_ha) / 100 if area_ha else None
        (associations if level == "verband" else places).append(
            Place(
                key=key,
                name=display_name(name),
                official_name=name,
                kind=level,
                type_code=type_code,
                state=states[key[:2]],
                region=regions.get(key[:3]),
                district=_district_display(display_name(kreis_name), kreis_type),
                population=int(population) if population else None,
                area_km2=round(area, 2) if area is not None else None,
                postcode=postcode or None,
            )
        )
    _add_district_totals(places)
    return Gazetteer(places, associations)


def _add_district_totals(places: list[Place]) -> None:
    """Give each Kreis without figures of its own the sum of its Gemeinden's population
    and area.

    ``tools/build_gazetteer.py`` writes every Kreis's official totals, which include the
    gemeindefreie Gebiete (forests, lakes, training areas) that have no row of their own;
    summing the Gemeinden would leave them out. The sum is only a fallback for Kreis rows
    without figures.
    """
    population: dict[str, int] = defaultdict(int)
    area: dict[str, float] = defaultdict(float)
    for place in places:
        if place.kind == "gemeinde":
            population[place.key[:5]] += place.population or 0
            area[place.key[:5]] += place.area_km2 or 0.0
    for index, place in enumerate(places):
        if place.kind == "kreis" and place.population is None and place.area_km2 is None:
            places[index] = Place(
                **{**place.__dict__, "population": population[place.key], "area_km2": round(area[place.key], 2)}
            )


@functools.cache
def load_gazetteer(path: Path = DATA_FILE) -> Gazetteer:
    """Load (once per process) the gazetteer shipped with the package.

    Raises OSError when the file cannot be read, ValueError when it is malformed.
    """
    return parse_gazetteer(path.read_text(encoding="utf-8").splitlines())
