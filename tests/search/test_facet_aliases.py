"""Place facet values as people write them (search.facet_aliases)."""

import pytest

from search.facet_aliases import bare_key
from search.facets import facet_key
from search.model import SearchRequest


@pytest.mark.parametrize(("written", "bare"), [
    ("Kreis Lippe", "lippe"), ("Landkreis Görlitz", "gorlitz"), ("Rhein-Sieg-Kreis", "rhein-sieg"),
    ("Hochsauerlandkreis", "hochsauerland"), ("Freistaat Sachsen", "sachsen"),
    ("Regierungsbezirk Detmold", "detmold"), ("Städteregion Aachen", "aachen"), ("Lippe", "lippe"),
    # nothing but the designation, or too little left: the key itself
    ("Kreis", "kreis"), ("Landkreis", "landkreis"), ("Oberkreis", "oberkreis"),
])
def test_bare_keys(written, bare):
    assert bare_key(facet_key(written)) == bare


def test_a_kreis_is_selected_without_its_designation(bundled_service):
    kreis = next(v.value for v in bundled_service.search(SearchRequest.create("")).facets["district"]
                 if v.value.startswith("Kreis "))
    written = bundled_service.search(SearchRequest.create("", {"district": [kreis]}))
    for typed in (kreis.removeprefix("Kreis "), "Landkreis " + kreis.removeprefix("Kreis ").upper()):
        bare = bundled_service.search(SearchRequest.create("", {"district": [typed]}))
        assert bare.total == written.total > 0
        assert [v.value for v in bare.facets["district"] if v.selected] == [kreis]  # shown as written


def test_a_value_selecting_nothing_stays_as_typed(bundled_service):
    result = bundled_service.search(SearchRequest.create("", {"district": ["Nirgendwo"]}))
    assert result.total == 0 and [v.value for v in result.facets["district"] if v.selected] == ["Nirgendwo"]
