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


def test_gemeindeverband_rows_carry_their_members_totals(tmp_path):
    def member(key: str, verband: str, name: str, area: int, population: int) -> str:
        line = record("60", key, name, "64", area, population)
        return line[:18] + verband + line[22:]

    def verband(kreis: str, digits: str, name: str, type_code: str) -> str:
        line = record("50", kreis, name, type_code)
        return line[:18] + digits + line[22:]

    source = tmp_path / "GV100AD.txt"
    source.write_text("\n".join([
        record("10", "01", "Schleswig-Holstein"),
        record("40", "01054", "Nordfriesland", "43"),
        verband("01054", "5489", "Südtondern", "51"),
        verband("01054", "0056", "Husum, Stadt", "50"),  # a verbandsfreie Gemeinde: no row
        member("01054076", "5489", "Leck", 100, 7000),
        member("01054100", "5489", "Niebüll", 300, 10000),
        member("01054056", "0056", "Husum, Stadt", 2500, 23000),
    ]) + "\n", encoding="utf-8")
    target = tmp_path / "gazetteer.tsv"
    assert build_gazetteer.convert(source, target) == 6
    gazetteer = parse_gazetteer(target.read_text(encoding="utf-8").splitlines())
    amt = gazetteer.association("Amt Südtondern")
    assert (amt.key, amt.kind, amt.population, amt.area_km2, amt.district) == (
        "010545489", "verband", 17000, 4.0, "Kreis Nordfriesland")
    # not a place of its own: names of Gemeinden resolve as before
    assert gazetteer.resolve("Südtondern") is None and gazetteer.resolve("Husum").key == "01054056"
    assert all(place.kind != "verband" for place in gazetteer.places)
