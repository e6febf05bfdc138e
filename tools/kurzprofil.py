"""Print the Kurzprofil block for a place, with figures from the gazetteer.

    python tools/kurzprofil.py "Lippstadt"
    python tools/kurzprofil.py "Neustadt" --district "Landkreis Coburg"
    python tools/kurzprofil.py --list-district "Kreis Soest"

A helper for writing corpus profiles whose figures agree with the official directory.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.gazetteer import POPULATION_DATE, Place, load_gazetteer

STAT_OFFICE = {"Nordrhein-Westfalen": "IT.NRW", "Bayern": "LfStat", "Niedersachsen": "LSN"}


def german_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def german_float(value: float) -> str:
    return f"{value:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")


def block(place: Place) -> str:
    prefix = "Stadt " if place.kind == "gemeinde" and place.type_code in {"61", "62", "63", "67"} else (
        "Gemeinde " if place.kind == "gemeinde" else "")
    name = place.district if place.kind == "kreis" else place.name
    lines = [prefix + name]
    if place.kind == "gemeinde" and place.district:
        lines.append(place.district)
    lines.append(f"Regierungsbezirk {place.region}" if place.region else f"Land {place.state}")
    source = STAT_OFFICE.get(place.state, "Destatis")
    lines.append(f"Einwohner: {german_int(place.population or 0)} ({POPULATION_DATE}, {source})")
    lines.append(f"Fläche: {german_float(place.area_km2 or 0)} km²")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", nargs="?")
    parser.add_argument("--district")
    parser.add_argument("--region")
    parser.add_argument("--state")
    parser.add_argument("--list-district", help="list the Gemeinden of a Kreis")
    args = parser.parse_args()
    gazetteer = load_gazetteer()
    if args.list_district:
        kreis = gazetteer.resolve(args.list_district)
        if kreis is None:
            print("unknown district", file=sys.stderr)
            return 1
        for place in gazetteer.places:
            if place.kind == "gemeinde" and place.key.startswith(kreis.key[:5]):
                print(f"{place.name}\t{place.population}\t{place.area_km2}")
        return 0
    place = gazetteer.resolve(args.name, district=args.district, region=args.region, state=args.state)
    if place is None:
        for candidate in gazetteer.candidates(args.name):
            print(f"candidate: {candidate.name} ({candidate.district or 'kreisfrei'}, {candidate.state})",
                  file=sys.stderr)
        print("not found or ambiguous: add --district/--region/--state", file=sys.stderr)
        return 1
    print(block(place))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
