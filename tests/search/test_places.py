"""Official figures of a place, through the search layer (``search.places``)."""

from __future__ import annotations

from corpus.gazetteer import ATTRIBUTION, POPULATION_DATE, load_gazetteer
from search.places import official_figures


def test_a_known_place_has_its_directory_figures():
    place = next(p for p in load_gazetteer().by_key.values() if p.population)
    figures = official_figures(place.key)
    assert figures is not None
    assert (figures.population, figures.area_km2) == (place.population, place.area_km2)
    assert (figures.date, figures.source, figures.attribution) == (POPULATION_DATE, "Destatis", ATTRIBUTION)


def test_no_figures_without_a_known_key():
    assert official_figures(None) is None
    assert official_figures("") is None
    assert official_figures("99999999") is None
