"""Derive corpus/data/gazetteer.tsv from the Destatis GV100AD directory.

Run once when a new GV100AD edition arrives:

    python tools/build_gazetteer.py ../shared/data/GV100AD_301123.txt

The output keeps only what IKZ-Suche needs (Länder, Regierungsbezirke, Kreise,
Gemeindeverbände and Gemeinden with key, name, type, area and population) in a compact, diff-friendly TSV
whose header carries the attribution the Datenlizenz Deutschland asks for.

GV100AD gives area and population only for records 60. A Kreis row carries the totals
of *all* records 60 of its Kreis, including the gemeindefreie Gebiete (type 65/66:
forests, lakes, military training areas such as the Gutsbezirk Reinhardswald in the
Landkreis Kassel or Lohheide in the Landkreis Celle), so that Kreis figures are the
official ones. The gemeindefreie Gebiete themselves get no row: they are not
municipalities and must never be taken for a participant's name.

Gemeindeverbände (records 50: Amt 51, Samtgemeinde 52, Verbandsgemeinde 53,
Verwaltungsgemeinschaft 54, Kirchspielslandgemeinde 55, Verwaltungsverband 56) get a row
with the sums of their member Gemeinden; records 50 of a verbandsfreie or erfüllende
Gemeinde (types 50, 58) are the Gemeinde itself and get none.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

LEVELS = {"10": "land", "20": "regbez", "40": "kreis", "50": "verband", "60": "gemeinde"}
ASSOCIATION_TYPES = {"51", "52", "53", "54", "55", "56"}
# Gemeinde type codes 65/66 are gemeindefreie Gebiete (forests, lakes): not municipalities,
# so they get no row of their own, but their area and population count in their Kreis's totals.
SKIPPED_GEMEINDE_TYPES = {"65", "66"}
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "corpus" / "data" / "gazetteer.tsv"


def convert(source: Path, target: Path) -> int:
    """Write the compact gazetteer; return the number of records written."""
    lines = source.read_text(encoding="utf-8").splitlines()
    stand = lines[0][2:10]
    stand_text = f"{stand[6:8]}.{stand[4:6]}.{stand[0:4]}"
    out = [
        "# Quelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys, "
        f"Stand {stand_text}",
        "# Lizenz: Datenlizenz Deutschland – Namensnennung – Version 2.0 (https://www.govdata.de/dl-de/by-2-0)",
        "# Abgeleitet mit tools/build_gazetteer.py aus GV100AD; Fläche in Hektar, Einwohner insgesamt;",
        "# Kreise: Summe aller Sätze 60 des Kreises einschließlich der gemeindefreien Gebiete (ohne eigene Zeile);",
        "# Gemeindeverbände (Satz 50, Typ 51–56): Summe ihrer Mitgliedsgemeinden.",
        "level\tkey\tname\ttype\tarea_ha\tpopulation\tpostcode",
    ]
    kreis_area, kreis_population = kreis_totals(lines)
    for line in lines:
        level = LEVELS.get(line[:2])
        if level is None:
            continue
        typ = line[122:124].strip()
        if level == "gemeinde" and typ in SKIPPED_GEMEINDE_TYPES:
            continue
        if level == "verband" and typ not in ASSOCIATION_TYPES:
            continue
        key = {
            "land": line[10:12],
            "regbez": line[10:13],
            "kreis": line[10:15],
            "verband": line[10:15] + line[18:22],
            "gemeinde": line[10:15] + line[15:18],
        }[level]
        name = " ".join(line[22:72].split())
        area = pop = postcode = ""
        if level == "gemeinde":
            area = str(int(line[128:139]))
            pop = str(int(line[139:150]))
            postcode = line[165:170].strip()
        elif level in ("kreis", "verband"):
            area = str(kreis_area.get(key, 0))
            pop = str(kreis_population.get(key, 0))
        out.append("\t".join([level, key, name, typ, area, pop, postcode]))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(out) + "\n", encoding="utf-8")
    return len(out) - 6


def kreis_totals(lines: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Area (ha) and population of every Kreis and every Gemeindeverband (keyed Kreis +
    Verband digits): the sums over all their records 60, for a Kreis gemeindefreie
    Gebiete included (GV100AD's records 40 and 50 carry no figures)."""
    area: dict[str, int] = {}
    population: dict[str, int] = {}
    for line in lines:
        if line[:2] == "60":
            for key in (line[10:15], line[10:15] + line[18:22]):
                area[key] = area.get(key, 0) + int(line[128:139])
                population[key] = population.get(key, 0) + int(line[139:150])
    return area, population


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    count = convert(args.source, args.out)
    print(f"{count} records written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
