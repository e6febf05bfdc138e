"""``ikz areas``: task areas and task groups of profiles with the terms that decided them."""

from __future__ import annotations

import json

from tests.cli.test_search_cmd import run

PROFILE = "039_wertstoffhofverbund-kreis-unna"


def test_areas_prints_the_groups_and_their_evidence(capsys):
    status, out, _ = run(capsys, "areas", "--terms", "2", PROFILE)
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == f"{PROFILE}: 11 Ver- und Entsorgung"
    groups = lines.index("  Aufgabengruppen: 11.22 Sperrmüll, 11.23 Wertstoffhöfe")
    assert [line.split()[0] for line in lines[groups + 1:groups + 3]] == ["11.22", "11.23"]


def test_areas_json_has_groups_with_evidence(capsys):
    status, out, _ = run(capsys, "areas", "--json", PROFILE)
    data = json.loads(out)[0]
    assert status == 0 and data["areas"] == ["11"] and data["groups"] == ["11.22", "11.23"]
    assert {e["group"] for e in data["group_evidence"]} >= {"11.22", "11.23"}
    assert data["group_evidence"][0].keys() == {"group", "term", "field", "count", "score"}
