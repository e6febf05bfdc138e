"""Staff find at least everything the public finds, for any query: whether a word is
"known" (and so which compound parts, corrections and feedback terms it brings) depends
on the profiles a requester sees, and a compound only a private profile holds once gave
staff 1 hit where the public had 47."""

from __future__ import annotations

import json

import pytest

from search.model import SearchRequest
from tests.conftest import ROOT
from tests.index.compound_heldout import HELDOUT_COMPOUNDS
from tests.index.compound_table import COMPOUNDS

JUDGED = [item["query"] for name in ("queries.json", "heldout.json")
          for item in json.loads((ROOT / "tests" / "relevance" / name).read_text(encoding="utf-8"))["queries"]]
QUERIES = sorted({*JUDGED, *COMPOUNDS, *HELDOUT_COMPOUNDS, "Logistikzentrum", "Lagersoftware",
                  "Katastrophenschutzlogistik", "Logistikzentrum Feuerwehr", '"Logistikzentrum" Lager',
                  "Lager -Logistikzentrum"})


@pytest.fixture()
def patient(bundled_service):
    """Hundreds of cold searches: on a loaded machine one may pass the one-second limit."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bundled_service, "time_limit", 30.0)
        yield bundled_service


def found(service, query: str, staff: bool) -> set[str]:
    """The ids of every profile that matches ``query`` (all pages)."""
    ids: set[str] = set()
    page = 1
    while True:
        result = service.search(SearchRequest.create(query, page=page, per_page=100, staff=staff))
        ids |= {h.id for h in result.hits}
        if len(ids) >= result.total or not result.hits:
            assert len(ids) == result.total
            return ids
        page += 1


def test_staff_find_everything_the_public_finds(patient):
    missing = {}
    for query in QUERIES:
        lost = found(patient, query, False) - found(patient, query, True)
        if lost:
            missing[query] = sorted(lost)
    assert missing == {}


def test_a_compound_only_a_private_profile_holds_still_brings_its_parts_for_staff(patient):
    public = found(patient, "Logistikzentrum", False)
    staff = found(patient, "Logistikzentrum", True)
    assert len(public) > 10 and public < staff
    first = patient.search(SearchRequest.create("Logistikzentrum", staff=True)).hits[0]
    assert first.private  # the whole word, in the private profile, still ranks first
