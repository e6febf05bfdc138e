"""``ikz parse``: read profile files and print them, as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpus import Profile, load_gazetteer, load_profiles
from corpus.model import TEXT_SECTIONS
from index.areas import assign_areas

# The keys of `ikz parse --json`, in order.
JSON_KEYS = (
    "id", "title", "private", "remark", "participants", "lead", "others", "keywords",
    "region", "district", "state", "population", "population_date", "area_km2",
    "year", "legal_form", "legal_form_raw", "sections", "contact", "links",
)


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("parse", help="Profile lesen und ausgeben",
                                 description="Read profile files and print them.")
    parser.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR")
    parser.add_argument("--json", action="store_true", help="print one JSON array")
    parser.set_defaults(run=run)


def profile_json(profile: Profile) -> dict:
    """The documented JSON object of one profile (plus population_source, extra sections,
    official keys and task areas)."""
    data = profile.to_dict()
    result = {key: data[key] for key in JSON_KEYS}
    result["sections"] = {name: profile.sections.get(name) for name in TEXT_SECTIONS}
    result["population_source"] = profile.population_source
    result["extra_sections"] = dict(profile.extra_sections)
    result["lead_key"] = profile.lead_key
    result["participant_keys"] = list(profile.participant_keys)
    # the task areas as the index assigns them (stated in the profile or from its text)
    areas = assign_areas(profile)
    result["area"], result["areas"] = areas.primary, list(areas.areas)
    return result


def run(args: argparse.Namespace) -> int:
    result = load_profiles(args.paths, load_gazetteer())
    for error in result.errors:
        print(str(error), file=sys.stderr)
    if args.json:
        # allow_nan=False: Infinity/NaN are not JSON; the parser never yields them, and
        # if it ever did, failing loudly beats printing what no JSON reader accepts.
        json.dump([profile_json(p) for p in result.profiles], sys.stdout, ensure_ascii=False, indent=2,
                  allow_nan=False)
        sys.stdout.write("\n")
    else:
        for profile in result.profiles:
            flag = " [privat]" if profile.private else ""
            print(f"{profile.id}: {profile.title}{flag} — {profile.lead or '?'}, {profile.year or '–'}, "
                  f"{profile.legal_form or '–'}")
    print(f"{len(result.profiles)} profiles read, {len(result.errors)} failed", file=sys.stderr)
    return 1 if result.errors else 0
