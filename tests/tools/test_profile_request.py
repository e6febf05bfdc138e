"""tools/profile_request.py on the test index: every stage is timed, and the timers go away."""

from __future__ import annotations

import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import profile_request

import search.core as core
from search.service import ProfileSearch


def test_every_stage_is_timed_and_the_originals_are_put_back(index_dir):
    originals = {(owner, name): owner.__dict__[name] for owner, name, _ in profile_request.STAGES}
    service = ProfileSearch(index_dir)
    try:
        totals, per_request = profile_request.profile(service, ["Abfall", "Feuerwehr Ausbildung", "Bibliothek"])
    finally:
        service.close()
    assert len(totals) == len(per_request) == 3
    timed = {stage for request in per_request for stage in request}
    # every stage ran (a search with words encodes it, counts facets and shows hits)
    assert timed == {stage for _, _, stage in profile_request.STAGES}
    assert all(request["total (_search)"] >= request["match_plan"] for request in per_request)
    assert {(owner, name): owner.__dict__[name] for owner, name, _ in profile_request.STAGES} == originals
    assert isinstance(core.SearchService.__dict__["_hit"], staticmethod)
    assert "| match_plan |" in profile_request.report(totals, per_request, slowest=2)
