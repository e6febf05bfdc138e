"""Official figures of a place, for the pages that show a profile or a municipality: the
web layer reads places through here, never the gazetteer itself."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.gazetteer import ATTRIBUTION, POPULATION_DATE, Place, load_gazetteer

SOURCE = "Destatis"


@dataclass(frozen=True)
class OfficialFigures:
    """Population and area of a place from the official municipality directory, with its
    date, source and the attribution its licence asks for."""

    population: int
    area_km2: float | None
    date: str = POPULATION_DATE
    source: str = SOURCE
    attribution: str = ATTRIBUTION


def official_figures(key: str | None) -> OfficialFigures | None:
    """The figures of the place with gazetteer key ``key`` (a profile's ``lead_key``), or
    None for no key, an unknown one or a place without a population. Raises nothing."""
    place = load_gazetteer().by_key.get(key or "")
    if place is None or not place.population:
        return None
    return OfficialFigures(place.population, place.area_km2)


def place(key: str | None) -> Place | None:
    """The gazetteer's Gemeinde or Kreis with official key ``key``, or None for no key or
    an unknown one. Raises nothing."""
    return load_gazetteer().by_key.get(key or "")
