"""Cooperations near a municipality: administrative distance tiers from official keys.

A search with ``near=<key>`` gives every hit a ``distance`` tier relative to the place
with that gazetteer key (an 8-digit AGS of a Gemeinde or kreisfreie Stadt, or the
5-digit key of a Kreis):

- ``0`` the place takes part (as lead or participant; for a Kreis: the Kreis itself or
  one of its Gemeinden),
- ``1`` a participant lies in the same Kreis,
- ``2`` in the same Regierungsbezirk (in the same Land where the Land has none),
- ``3`` in the same Land,
- ``4`` elsewhere (or no participant's key is known).

A cooperation's tier is its nearest participant's. The tiers are administrative: the
AGS names Land (digits 1–2), Regierungsbezirk (3), Kreis (4–5) and Gemeinde (6–8), so a
neighbour across a Kreis or Land border counts as farther away than it is. No freely
licensed package ships municipality coordinates (checked on PyPI and Debian), so there
are no distances in kilometres.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from index.columns import PlaceColumns
from search.errors import InvalidRequest
from search.places import place as place_by_key
from search.places import places_named

# The tiers, nearest first.
TIERS = (0, 1, 2, 3, 4)
ELSEWHERE = 4
_KEY = re.compile(r"[0-9]{8}|[0-9]{5}")
_DIGITS = re.compile(r"[0-9]+")
# Ambiguous names: at most this many candidate keys are named in the error.
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class NearOrigin:
    """The place a search is near: its key, name, kind (``gemeinde`` or ``kreis``) and
    whether its Land has Regierungsbezirke."""

    key: str
    name: str
    kind: str
    has_region: bool

    def to_dict(self) -> dict[str, str | bool]:
        """The JSON shape of ``near`` in a search result (``regions``: whether its Land has
        Regierungsbezirke; without, tier 2 is the same Land)."""
        return {"key": self.key, "name": self.name, "kind": self.kind, "regions": self.has_region}


def near_origin(key: str) -> NearOrigin:
    """The place with gazetteer ``key`` (8 or 5 ASCII digits). Raises InvalidRequest
    naming ``near``: ``near_malformed`` for anything else, ``unknown_place`` for a key the
    gazetteer does not know."""
    if not _KEY.fullmatch(key):
        raise InvalidRequest("near_malformed", parameter="near", value=key)
    place = place_by_key(key)
    if place is None:
        raise InvalidRequest("unknown_place", parameter="near", value=key)
    name = (place.district or place.name) if place.kind == "kreis" else place.name  # "Kreis Soest", not "Soest"
    return NearOrigin(place.key, name, place.kind, place.region is not None)


def near_key(text: str) -> str:
    """The gazetteer key ``near=text`` asks for: ``text`` itself when it is digits (checked
    later by ``near_origin``), else the key of the one Gemeinde or Kreis of that name
    (``Dortmund`` → ``05913000``, ``Kreis Soest`` → ``05974``). Raises InvalidRequest
    naming ``near``: ``unknown_place`` for a name the gazetteer does not know,
    ``ambiguous_place`` (with some candidate keys) for one it knows several places of."""
    text = " ".join(text.split())
    if _DIGITS.fullmatch(text):
        return text
    places = places_named(text)
    if not places:
        raise InvalidRequest("unknown_place", parameter="near", value=text)
    if len(places) > 1:
        shown = ", ".join(f"{p.key} ({p.name}, {p.district or p.state})" for p in places[:MAX_CANDIDATES])
        raise InvalidRequest("ambiguous_place", parameter="near", value=text, candidates=shown)
    return places[0].key


def key_code(key: str) -> int:
    """An 8-digit number for a gazetteer key (a Kreis key padded with zeros), so that
    integer division by 1,000, 100,000 and 1,000,000 gives its Kreis, Regierungsbezirk and
    Land. Raises ValueError for a key that is not digits."""
    return int(key.ljust(8, "0"))


def tier_of(origin: NearOrigin, keys: Iterable[str | None]) -> int:
    """The tier of a cooperation whose lead and participants have gazetteer ``keys``
    (unknown ones None) relative to ``origin``. Raises nothing."""
    codes = np.array([key_code(k) for k in keys if k], dtype=np.int64)
    return int(_tiers(origin, codes).min()) if len(codes) else ELSEWHERE


def _tiers(origin: NearOrigin, codes: np.ndarray) -> np.ndarray:
    """The tier of every key code in ``codes`` relative to ``origin``."""
    here = key_code(origin.key)
    same_land = codes // 1_000_000 == here // 1_000_000
    same_region = (codes // 100_000 == here // 100_000) if origin.has_region else same_land
    same_kreis = codes // 1000 == here // 1000
    itself = same_kreis if origin.kind == "kreis" else codes == here
    return np.select([itself, same_kreis, same_region, same_land], [0, 1, 2, 3],
                     default=ELSEWHERE).astype(np.int8)


class NearTable:
    """The lead's and participants' gazetteer keys of every document of one generation,
    as flat arrays (document, key code), from which the tiers for any origin are one
    vectorised pass."""

    def __init__(self, size: int, keys: Mapping[int, Iterable[str | None]]) -> None:
        """``keys``: per document number, its lead's and participants' keys (None for an
        unresolved name); documents absent are elsewhere to every origin."""
        docs, codes = [], []
        for doc, doc_keys in keys.items():
            for key in dict.fromkeys(k for k in doc_keys if k and k.isascii() and k.isdigit()):
                docs.append(doc)
                codes.append(key_code(key))
        self.size = size
        self.docs = np.array(docs, dtype=np.int64)
        self.codes = np.array(codes, dtype=np.int64)

    @classmethod
    def from_payloads(cls, size: int, payloads: Mapping[int, Mapping]) -> NearTable:
        """The table of documents with stored payloads (``Profile.to_dict`` shape:
        ``lead_key``, ``participant_keys``). Raises nothing."""
        return cls(size, {doc: [payload.get("lead_key"), *(payload.get("participant_keys") or ())]
                          for doc, payload in payloads.items()})

    @classmethod
    def from_parts(cls, size: int, parts: Iterable[tuple[np.ndarray, np.ndarray]]) -> NearTable:
        """The table of (document numbers, key codes) pairs ``parts`` (as
        ``place_key_codes`` gives them per segment, offset to the generation's numbers).
        Raises nothing."""
        table = cls(size, {})
        parts = list(parts)
        if parts:
            table.docs = np.concatenate([docs for docs, _ in parts]).astype(np.int64)
            table.codes = np.concatenate([codes for _, codes in parts]).astype(np.int64)
        return table

    def tiers(self, origin: NearOrigin) -> np.ndarray:
        """Every document's tier relative to ``origin`` (``ELSEWHERE`` without keys)."""
        result = np.full(self.size, ELSEWHERE, dtype=np.int8)
        if len(self.docs):
            np.minimum.at(result, self.docs, _tiers(origin, self.codes))
        return result


def place_key_codes(places: PlaceColumns) -> tuple[np.ndarray, np.ndarray]:
    """(segment-local document numbers, key codes) of every distinct key among each
    document's lead and participants in one segment's ``places``, in a few vectorised
    passes (a Python call per distinct key, none per document); keys that are not ASCII
    digits are left out, as ``NearTable`` leaves them out. Raises nothing."""
    usable = [key.isascii() and key.isdigit() for key in places.keys]
    code_of = np.array([key_code(key) if ok else -1 for key, ok in zip(places.keys, usable, strict=True)] + [-1],
                       dtype=np.int64)  # the last entry: code -1 (no key)
    lengths = places.lengths.astype(np.int64)
    owner = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    codes = code_of[places.key_codes]
    known = codes >= 0
    # one pair per document and key: a key named twice in a profile counts once
    space = max(int(code_of.max()) + 1, 1)
    pairs = np.unique(owner[known] * space + codes[known])
    return pairs // space, pairs % space


def rank_near(tiers: np.ndarray, matching: np.ndarray, limit: int,
              rank: Callable[[np.ndarray, int], list[tuple[int, float]]]) -> list[tuple[int, float]]:
    """(docnum, score) of the first ``limit`` ``matching`` documents by tier, nearest
    first; within a tier in the order ``rank(mask, limit)`` gives (by score with a query,
    else newest first). Raises what ``rank`` raises."""
    chosen: list[tuple[int, float]] = []
    for tier in TIERS:
        if len(chosen) >= limit:
            break
        mask = matching & (tiers == tier)
        if mask.any():
            chosen += rank(mask, limit - len(chosen))
    return chosen
