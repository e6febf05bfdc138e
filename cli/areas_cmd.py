"""``ikz areas``: the task areas and task groups of profiles and the terms that decided
them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.common import BUNDLED_CORPUS, fail, print_json
from corpus import load_profiles
from corpus.areas import area_label
from index.areas import assign_areas, field_counts
from index.groups import assign_groups, group_label


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "areas", help="Aufgabenbereiche von Profilen und warum",
        description="Print the task areas (NKF product areas 01–16) and the finer task groups assigned to "
                    "profiles and the terms that decided them. Profiles are named by id (looked up in --corpus) "
                    "or as files.")
    parser.add_argument("profiles", nargs="+", metavar="ID_OR_FILE")
    parser.add_argument("--corpus", type=Path, default=BUNDLED_CORPUS, help="where ids are looked up "
                        "(default: the bundled corpus)")
    parser.add_argument("--json", action="store_true", help="print one JSON array")
    parser.add_argument("--terms", type=int, default=8, metavar="N", help="evidence lines per profile (text)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    paths = [Path(name) for name in args.profiles if Path(name).is_file()]
    ids = [name for name in args.profiles if not Path(name).is_file()]
    loaded = load_profiles(paths) if paths else None
    profiles = list(loaded.profiles) if loaded else []
    errors = [str(error) for error in loaded.errors] if loaded else []
    if ids:
        wanted = dict.fromkeys(ids)
        found = {p.id: p for p in load_profiles([args.corpus / f"{profile_id}.txt" for profile_id in wanted
                                                 if (args.corpus / f"{profile_id}.txt").is_file()]).profiles}
        for profile_id in wanted:
            if profile_id in found:
                profiles.append(found[profile_id])
            else:
                errors.append(f"{profile_id}: no such profile in {args.corpus}")
    for error in errors:
        print(f"ikz: areas: {error}", file=sys.stderr)
    if not profiles:
        return fail("areas: no profile found", 1) if errors else 1
    decisions = []
    for profile in profiles:
        counts = field_counts(profile)
        decisions.append((profile, assign_areas(profile, counts=counts), assign_groups(profile, counts=counts)))
    if args.json:
        print_json([{"id": profile.id, **decision.to_dict(), "groups": list(groups.groups),
                     "group_evidence": [{"group": e.area, "term": e.term, "field": e.field, "count": e.count,
                                         "score": round(e.score, 2)} for e in groups.evidence]}
                    for profile, decision, groups in decisions])
    else:
        for profile, decision, groups in decisions:
            named = ", ".join(area_label(code) for code in decision.areas) or "–"
            how = " (im Profil angegeben)" if decision.stated else ""
            print(f"{profile.id}: {named}{how}")
            for item in decision.evidence[:args.terms]:
                print(f"  {item.area}  {item.score:5.1f}  {item.term} ({item.field}, {item.count}×)")
            print(f"  Aufgabengruppen: {', '.join(f'{c} {group_label(c)}' for c in groups.groups) or '–'}")
            for item in groups.evidence[:args.terms]:
                print(f"  {item.area}  {item.score:5.1f}  {item.term} ({item.field}, {item.count}×)")
    return 1 if errors else 0
