"""Municipality pages: what one Gemeinde, kreisfreie Stadt or Kreis does together with others.

A ``MunicipalityDirectory`` is built once per index generation and audience (public or
staff) from the stored payloads of the profiles that audience may see: each payload
carries the official keys of its lead (``lead_key``) and participants
(``participant_keys``), resolved against the gazetteer when the profile was read. Names,
kinds, Kreis, Regierungsbezirk, Land and figures come from the gazetteer through
``search.places``. Engine-neutral: it needs only the payloads (``SearchService``
hands them over), so Whoosh and PostgreSQL give the same pages.

A private profile is never part of the public directory: it neither counts nor appears,
and the written names of its participants are not used to link names.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

import numpy as np

from index.folding import german_sort_key
from search.errors import InvalidRequest, NotFound
from search.facets import facet_key
from search.places import OfficialFigures, official_figures, place

KEY_PATTERN = re.compile(r"\d{5}(?:\d{3})?")
# Municipalities listed under "Kommunen mit ähnlichen Kooperationen".
SIMILAR_LIMIT = 10
# Weight of a cooperation's primary and secondary task area and of each keyword in a
# municipality's profile of activity (``MunicipalityDirectory.similar``).
PRIMARY_AREA_WEIGHT = 1.0
SECONDARY_AREA_WEIGHT = 0.5
KEYWORD_WEIGHT = 1.0
# Features explaining a similar municipality ("gemeinsam: …").
SHARED_SHOWN = 3


@dataclass(frozen=True)
class Cooperation:
    """A cooperation as a municipality page lists it."""

    id: str
    title: str
    year: int | None
    legal_form: str | None
    lead: str | None
    private: bool


@dataclass(frozen=True)
class Member:
    """A municipality (or Kreis) with the number of cooperations that counted for it:
    a partner (cooperations shared) or one of a Kreis's municipalities (cooperations it
    takes part in). ``linked``: it has a page with visible cooperations."""

    key: str
    name: str
    count: int


@dataclass(frozen=True)
class SimilarMunicipality:
    """A municipality whose cooperations are like the source's; ``shared``: what they have
    in common, most telling first (``area:NN`` for a task area, else a keyword as written)."""

    key: str
    name: str
    score: float
    shared: tuple[str, ...]


@dataclass(frozen=True)
class Municipality:
    """A municipality page. ``kind``: ``gemeinde``, ``kreisfreie_stadt`` or ``kreis``;
    ``district_key``: its Kreis's 5-digit key (a kreisfreie Stadt's own one)."""

    key: str
    name: str
    kind: str
    district: str | None
    district_key: str
    region: str | None
    state: str
    figures: OfficialFigures | None
    leads: tuple[Cooperation, ...]
    participates: tuple[Cooperation, ...]
    partners: tuple[Member, ...]
    areas: tuple[tuple[str, int], ...]
    keywords: tuple[tuple[str, int], ...]
    nearby: tuple[Cooperation, ...]
    members: tuple[Member, ...]
    member_cooperations: tuple[Cooperation, ...]
    similar: tuple[SimilarMunicipality, ...]

    def to_dict(self) -> dict:
        """The JSON shape of ``/api/v1/municipalities/{key}``."""
        data = asdict(self)
        figures = data.pop("figures")
        data["population"] = figures["population"] if figures else None
        data["area_km2"] = figures["area_km2"] if figures else None
        data["figures_date"] = figures["date"] if figures else None
        data["attribution"] = figures["attribution"] if figures else None
        data["areas"] = [{"area": code, "count": count} for code, count in self.areas]
        data["keywords"] = [{"keyword": word, "count": count} for word, count in self.keywords]
        data["similar"] = [{**s, "shared": list(s["shared"])} for s in data["similar"]]
        return data


@dataclass(frozen=True)
class Listed:
    """A municipality in the list of all that take part in visible cooperations."""

    key: str
    name: str
    kind: str
    count: int


@dataclass(frozen=True)
class DistrictGroup:
    """The listed municipalities of one Kreis (a kreisfreie Stadt is a group of its own)."""

    key: str
    name: str
    municipalities: tuple[Listed, ...]


@dataclass(frozen=True)
class StateGroup:
    state: str
    districts: tuple[DistrictGroup, ...]


def check_key(key: str) -> str:
    """``key`` if it has the form of an official key: 8 digits (Gemeinde, kreisfreie
    Stadt) or 5 (Kreis). Raises InvalidRequest naming the parameter ``key`` otherwise."""
    if not (key.isascii() and KEY_PATTERN.fullmatch(key)):
        raise InvalidRequest("malformed_municipality_key", parameter="key", value=key[:20])
    return key


def _kind(key: str) -> str:
    found = place(key)
    if found is None:
        raise NotFound("unknown_municipality", parameter="key", key=key)
    if found.kind == "kreis":
        return "kreis"
    return "kreisfreie_stadt" if found.district is None else "gemeinde"


def display_name(key: str) -> str:
    """A place's name as pages show it: ``Lippstadt``, ``Kreis Soest``; the key itself for
    one the gazetteer does not know. Raises nothing."""
    found = place(key)
    if found is None:
        return key
    return (found.district or found.name) if found.kind == "kreis" else found.name


class Record:
    """What the directory keeps of one cooperation, made from its stored payload (or a
    record of the same shape, ``search.segment_data``); immutable once made, so one
    record serves every directory built with it. Raises KeyError for a payload without
    id or title."""

    __slots__ = ("cooperation", "features", "keys", "labels", "lead_key", "names")

    def __init__(self, payload: dict) -> None:
        self.cooperation = Cooperation(payload["id"], payload["title"], payload.get("year"),
                                       payload.get("legal_form"), payload.get("lead"), bool(payload.get("private")))
        self.lead_key = payload.get("lead_key")
        self.keys = tuple(dict.fromkeys(k for k in payload.get("participant_keys") or () if k))
        if self.lead_key and self.lead_key not in self.keys:
            self.keys = (self.lead_key, *self.keys)
        areas = list(payload.get("areas") or ())
        self.features: dict[str, float] = {}
        self.labels: dict[str, str] = {}
        for position, code in enumerate(areas):
            weight = PRIMARY_AREA_WEIGHT if position == 0 else SECONDARY_AREA_WEIGHT
            self.features[f"area:{code}"] = max(self.features.get(f"area:{code}", 0.0), weight)
            self.labels[f"area:{code}"] = f"area:{code}"
        for word in payload.get("keywords") or ():
            feature = "keyword:" + facet_key(word)
            self.features[feature] = KEYWORD_WEIGHT
            self.labels.setdefault(feature, word)
        # (name as written, key) of the participants and the lead, for linking names
        pairs = zip(payload.get("participants") or (), payload.get("participant_keys") or (), strict=False)
        self.names = tuple((name, key) for name, key in [*pairs, (payload.get("lead"), payload.get("lead_key"))]
                           if name and key)


def _sorted(cooperations: Iterable[Cooperation]) -> tuple[Cooperation, ...]:
    """Newest first, no year last, then by title."""
    return tuple(sorted(cooperations, key=lambda c: (-(c.year or -10_000), german_sort_key(c.title), c.id)))


class _SimilarityIndex:
    """The municipalities' bags of features as arrays, for scoring all of them at once."""

    def __init__(self, keys: list[str], vector: Callable[[str], dict[str, float]]) -> None:
        self.keys = keys
        self.position = {key: number for number, key in enumerate(keys)}
        self.vectors = [vector(key) for key in keys]
        self.norms = np.array([math.sqrt(sum(v * v for v in bag.values())) for bag in self.vectors])
        holders: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for number, bag in enumerate(self.vectors):
            for feature, weight in bag.items():
                holders[feature][0].append(number)
                holders[feature][1].append(weight)
        self.postings = {feature: (np.array(numbers, dtype=np.int64), np.array(weights))
                         for feature, (numbers, weights) in holders.items()}
        by_name = sorted(range(len(keys)), key=lambda n: (german_sort_key(display_name(keys[n])), keys[n]))
        self.name_rank = np.empty(len(keys), dtype=np.int64)
        self.name_rank[by_name] = np.arange(len(keys))


class MunicipalityDirectory:
    """Municipality pages over the cooperations one audience may see. Immutable once
    built, except for a cache of similar lists; thread-safe."""

    def __init__(self, payloads: Iterable[dict | Record]) -> None:
        """``payloads``: the stored payloads (``Profile.to_dict`` shape) of every profile
        the audience may see, or their ``Record`` made before. Raises KeyError for a
        payload without id or title."""
        self._records = sorted((p if isinstance(p, Record) else Record(p) for p in payloads),
                               key=lambda r: r.cooperation.id)
        self._by_key: dict[str, list[int]] = defaultdict(list)  # key → records it takes part in
        self._in_district: dict[str, list[int]] = defaultdict(list)  # Kreis key → records with a participant there
        self._labels: dict[str, str] = {}  # feature → as first written
        for number, record in enumerate(self._records):
            for key in record.keys:
                self._by_key[key].append(number)
            for district in dict.fromkeys(key[:5] for key in record.keys):
                self._in_district[district].append(number)
            for feature, label in record.labels.items():
                self._labels.setdefault(feature, label)
        written: dict[str, set[str]] = defaultdict(set)
        for record in self._records:
            for name, key in record.names:
                written[name].add(key)
        # a name as profiles write it → its key, where every visible profile means the same place
        self._name_keys = {name: next(iter(keys)) for name, keys in written.items() if len(keys) == 1}
        # feature → municipalities having it, and its weight log(1 + M / m)
        self._holders: dict[str, set[str]] = defaultdict(set)
        for key, numbers in self._by_key.items():
            for number in numbers:
                for feature in self._records[number].features:
                    self._holders[feature].add(key)
        self._idf = {feature: math.log(1 + len(self._by_key) / len(keys)) for feature, keys in self._holders.items()}
        self._similar: dict[tuple[str, int], tuple[SimilarMunicipality, ...]] = {}
        self._index: _SimilarityIndex | None = None

    # ------------------------------------------------------------------ look-ups

    def key_for(self, name: str) -> str | None:
        """The key of a participant or lead name as the visible profiles write it, or None
        when unknown or when they mean different places by it. Raises nothing."""
        return self._name_keys.get(name)

    def listed_keys(self) -> list[str]:
        """Every key taking part in at least one visible cooperation, in key order."""
        return sorted(self._by_key)

    def cooperation_ids(self, key: str) -> list[str]:
        """The ids of the visible cooperations ``key`` takes part in (none: empty)."""
        return [self._records[n].cooperation.id for n in self._by_key.get(key, ())]

    def count(self, key: str) -> int:
        """The number of visible cooperations ``key`` takes part in (leading included)."""
        return len(self._by_key.get(key, ()))

    # ------------------------------------------------------------------ pages

    def page(self, key: str, *, similar: int = SIMILAR_LIMIT) -> Municipality:
        """The page of the place with official key ``key``. Raises InvalidRequest for a
        malformed key, NotFound for one the gazetteer does not know (a known place
        without visible cooperations has a page with empty lists)."""
        check_key(key)
        kind = _kind(key)
        found = place(key)
        assert found is not None  # _kind raised otherwise
        own = self._by_key.get(key, [])
        records = [self._records[n] for n in own]
        leads = [r.cooperation for r in records if r.lead_key == key]
        participates = [r.cooperation for r in records if r.lead_key != key]
        partners: Counter[str] = Counter()
        areas: Counter[str] = Counter()
        keywords: Counter[str] = Counter()
        for record in records:
            partners.update(k for k in record.keys if k != key)
            for feature in record.labels:
                if feature.startswith("area:"):
                    areas[feature[5:]] += 1
                else:
                    keywords[feature] += 1
        district = key[:5]
        mine = set(own)
        nearby = [self._records[n].cooperation for n in self._in_district.get(district, ()) if n not in mine]
        members: list[Member] = []
        member_cooperations: list[Cooperation] = []
        if kind == "kreis":
            counts = {k: len(numbers) for k, numbers in self._by_key.items() if len(k) == 8 and k[:5] == key}
            members = [Member(k, display_name(k), c) for k, c in counts.items()]
            numbers = {n for k in counts for n in self._by_key[k]}
            member_cooperations = [self._records[n].cooperation for n in sorted(numbers)]
            nearby = []  # a Kreis's own district: its municipalities' cooperations are listed above
        return Municipality(
            key=key, name=display_name(key), kind=kind, district=found.district if kind == "gemeinde" else None,
            district_key=district, region=found.region, state=found.state, figures=official_figures(key),
            leads=_sorted(leads), participates=_sorted(participates),
            partners=self._members(partners), areas=tuple(sorted(areas.items(), key=lambda i: (-i[1], i[0]))),
            keywords=tuple((self._label(f), c) for f, c in sorted(
                keywords.items(), key=lambda i: (-i[1], german_sort_key(self._label(i[0]))))),
            nearby=_sorted(nearby),
            members=tuple(sorted(members, key=lambda m: (-m.count, german_sort_key(m.name), m.key))),
            member_cooperations=_sorted(member_cooperations),
            similar=self.similar(key, similar) if similar else (),
        )

    @staticmethod
    def _members(counts: Counter[str]) -> tuple[Member, ...]:
        members = [Member(key, display_name(key), count) for key, count in counts.items()]
        return tuple(sorted(members, key=lambda m: (-m.count, german_sort_key(m.name), m.key)))

    def listing(self) -> tuple[StateGroup, ...]:
        """Every municipality and Kreis taking part in at least one visible cooperation, by
        Land and Kreis (a kreisfreie Stadt forms its own group), each with its number of
        cooperations; Länder, Kreise and names in German alphabetical order. Keys the
        gazetteer does not know are left out. Raises nothing."""
        groups: dict[str, dict[str, list[Listed]]] = defaultdict(lambda: defaultdict(list))
        for key, numbers in self._by_key.items():
            found = place(key)
            if found is None:
                continue
            groups[found.state][key[:5]].append(Listed(key, display_name(key), _kind(key), len(numbers)))
        result = []
        for state in sorted(groups, key=german_sort_key):
            districts = [DistrictGroup(district, display_name(district),
                                       tuple(sorted(listed, key=lambda m: (m.kind != "kreis", german_sort_key(m.name),
                                                                           m.key))))
                         for district, listed in groups[state].items()]
            districts.sort(key=lambda d: (german_sort_key(d.name), d.key))
            result.append(StateGroup(state, tuple(districts)))
        return tuple(result)

    # ------------------------------------------------------------------ similar municipalities

    def _vector(self, key: str, exclude: frozenset[int] = frozenset()) -> dict[str, float]:
        """A municipality's activity: per feature (task area, keyword) the summed weight over
        its cooperations but ``exclude``, times the feature's inverse municipality frequency."""
        vector: dict[str, float] = defaultdict(float)
        for number in self._by_key.get(key, ()):
            if number not in exclude:
                for feature, weight in self._records[number].features.items():
                    vector[feature] += weight * self._idf[feature]
        return vector

    def similar(self, key: str, limit: int = SIMILAR_LIMIT) -> tuple[SimilarMunicipality, ...]:
        """"Kommunen mit ähnlichen Kooperationen": the ``limit`` municipalities whose
        cooperations are most like ``key``'s, never itself.

        Each municipality is a weighted bag of what its visible cooperations are about:
        every cooperation adds its primary task area (weight 1.0), its secondary one (0.5)
        and each keyword (1.0, compared case- and umlaut-insensitively), and each feature
        is weighed by log(1 + M / m), M municipalities in all and m of them having it, so
        that a common task area counts less than a rare keyword. The score is the cosine
        of the source's bag and the candidate's bag built from the cooperations the
        candidate does *not* share with the source: partners in the same cooperations
        are not similar merely for being partners, which keeps the list one of possible
        new partners. Ties by name. Raises InvalidRequest for a malformed key, NotFound
        for an unknown one."""
        check_key(key)
        _kind(key)
        cached = self._similar.get((key, limit))
        if cached is not None:
            return cached
        index = self._similarity_index()
        position = index.position.get(key)
        result: tuple[SimilarMunicipality, ...] = ()
        if position is not None and index.vectors[position]:
            source = index.vectors[position]
            scores = np.zeros(len(index.keys))
            for feature, weight in source.items():
                holders, weights = index.postings[feature]
                scores[holders] += weight * weights
            norms = index.norms.copy()
            # partners: their bags without the cooperations they share with the source
            mine = frozenset(self._by_key[key])
            partners = {k for n in mine for k in self._records[n].keys} - {key}
            for partner in partners:
                vector = self._vector(partner, mine)
                scores[index.position[partner]] = sum(weight * vector.get(f, 0.0) for f, weight in source.items())
                norms[index.position[partner]] = math.sqrt(sum(v * v for v in vector.values()))
            scores[position] = 0.0
            source_norm = math.sqrt(sum(v * v for v in source.values()))
            with np.errstate(divide="ignore", invalid="ignore"):
                cosine = np.where(norms > 0, scores / (source_norm * norms), 0.0)
            candidates = np.flatnonzero(cosine > 0)
            rounded = np.round(cosine[candidates], 4)
            chosen = candidates[np.lexsort((index.name_rank[candidates], -rounded))[:limit]]
            found = []
            for other_position in chosen:
                other = index.keys[other_position]
                vector = self._vector(other, mine)
                common = {f: source[f] * vector[f] for f in source if vector.get(f)}
                shared = sorted(common, key=lambda f: (-common[f], f))[:SHARED_SHOWN]
                found.append(SimilarMunicipality(other, display_name(other), round(float(cosine[other_position]), 4),
                                                 tuple(self._label(f) for f in shared)))
            result = tuple(found)
        self._similar[(key, limit)] = result
        return result

    def _similarity_index(self) -> _SimilarityIndex:
        """Every listed municipality's bag, its norm and per feature the bags holding it
        (built on first use: the lists and pages need none of it)."""
        if self._index is None:
            self._index = _SimilarityIndex(self.listed_keys(), self._vector)
        return self._index

    def _label(self, feature: str) -> str:
        """A feature as shown: ``area:NN`` for a task area, a keyword as first written."""
        return self._labels.get(feature, feature)
