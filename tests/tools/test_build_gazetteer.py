"""tools/build_gazetteer.py: GV100AD records to the shipped gazetteer.tsv."""

from __future__ import annotations

import sys

import pytest

from corpus.gazetteer import DATA_FILE, parse_gazetteer
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import build_gazetteer

GV100AD = ROOT.parent / "shared" / "data" / "GV100AD_301123.txt"


def record(kind: str, key: str, name: str, type_code: str = "", area_ha: int = 0, population: int = 0) -> str:
    """One fixed-width GV100AD line (column layout of ../shared/data/README.md)."""
    line = [" "] * 175
    def put(start: int, text: str) -> None:
        line[start:start + len(text)] = text
    put(0, kind + "20231130")
    put(10, key)
    put(22, name)
    put(122, type_code)
    if kind == "60":
        put(128, f"{area_ha:011d}")
        put(139, f"{population:011d}")
    return "".join(line)


def test_kreis_rows_carry_totals_with_unincorporated_areas(tmp_path):
    source = tmp_path / "GV100AD.txt"
    source.write_text("\n".join([
        record("10", "06", "Hessen"),
        record("20", "064", "Reg.-Bez. Kassel"),
        record("40", "06633", "Kassel", "44"),
        record("60", "06633001", "Ahnatal", "64", 1873, 8000),
        record("60", "06633020", "Gutsbezirk Reinhardswald, gemfr. Gebiet", "66", 18250, 0),
        record("60", "06633030", "Übungsplatz, gemfr. Bezirk", "65", 500, 12),
    ]) + "\n", encoding="utf-8")
    target = tmp_path / "gazetteer.tsv"
    assert build_gazetteer.convert(source, target) == 4
    gazetteer = parse_gazetteer(target.read_text(encoding="utf-8").splitlines())
    kreis = gazetteer.by_key["06633"]
    assert (kreis.area_km2, kreis.population) == (206.23, 8012)
    assert [p.name for p in gazetteer.places if p.kind == "gemeinde"] == ["Ahnatal"]
    assert gazetteer.resolve("Reinhardswald") is None and gazetteer.resolve("Übungsplatz") is None


@pytest.mark.skipif(not GV100AD.exists(), reason="the GV100AD source is not shipped with the package")
def test_shipped_gazetteer_is_the_tools_output(tmp_path):
    target = tmp_path / "gazetteer.tsv"
    build_gazetteer.convert(GV100AD, target)
    assert target.read_text(encoding="utf-8") == DATA_FILE.read_text(encoding="utf-8")
