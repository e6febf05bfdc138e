"""``ikz index build``: build a new index generation from a corpus and switch to it."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from cli.common import BUNDLED_CORPUS, add_index_option, fail, index_target
from corpus import load_gazetteer, load_profiles
from index.build import BuildFailed, IndexError_


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("index", help="Index verwalten", description="Manage the search index.")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    build = actions.add_parser("build", help="build the index from a corpus and switch to it")
    build.add_argument("--corpus", type=Path, default=BUNDLED_CORPUS, metavar="DIR",
                       help="profile directory (default: the bundled corpus)")
    build.add_argument("--strict", action="store_true", help="fail when any profile is skipped")
    add_index_option(build)
    build.set_defaults(run=run_build)

    update = actions.add_parser("update", help="add or replace profiles in the live index")
    update.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add_index_option(update)
    update.set_defaults(run=run_update)

    remove = actions.add_parser("remove", help="remove profiles from the live index")
    remove.add_argument("ids", nargs="+", metavar="ID")
    add_index_option(remove)
    remove.set_defaults(run=run_remove)

    check = actions.add_parser("check", help="compare the index with a corpus and report drift")
    check.add_argument("--corpus", type=Path, default=BUNDLED_CORPUS, metavar="DIR")
    add_index_option(check)
    check.set_defaults(run=run_check)


def run_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    loaded = load_profiles([args.corpus], load_gazetteer())
    for error in loaded.errors:
        print(str(error), file=sys.stderr)
    if args.strict and loaded.errors:
        return fail(f"{len(loaded.errors)} profiles could not be read (--strict): index not changed", 1)
    progress = _progress_bar(len(loaded.profiles)) if sys.stderr.isatty() else None
    try:
        generation, documents = index_target(args).build(loaded.profiles, progress=progress)
    except BuildFailed as error:
        return fail(f"build failed, index not changed: {error}", 1)
    except IndexError_ as error:
        return fail(str(error), 1)
    if progress is not None:
        sys.stderr.write("\n")
    print(
        f"indexed {documents} profiles, skipped {len(loaded.errors)}, "
        f"in {time.perf_counter() - started:.1f} s → {generation}",
        file=sys.stderr,
    )
    return 0


def _progress_bar(total: int):  # noqa: ANN202
    def show(count: int) -> None:
        if count == total or count % 50 == 0:
            width = 30
            filled = int(width * count / max(total, 1))
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {count}/{total} profiles")
            sys.stderr.flush()

    return show


def run_update(args: argparse.Namespace) -> int:
    loaded = load_profiles(args.files, load_gazetteer())
    for error in loaded.errors:
        print(str(error), file=sys.stderr)
    try:
        report = index_target(args).update(loaded.profiles) if loaded.profiles else None
    except IndexError_ as error:
        return fail(str(error), 1)
    print(f"updated {len(report.updated) if report else 0} profiles, failed {len(loaded.errors)}", file=sys.stderr)
    return 1 if loaded.errors else 0


def run_remove(args: argparse.Namespace) -> int:
    try:
        report = index_target(args).remove(args.ids)
    except IndexError_ as error:
        return fail(str(error), 1)
    for profile_id in report.unknown:
        print(f"ikz: no profile {profile_id!r} in the index", file=sys.stderr)
    print(f"removed {len(report.removed)} profiles", file=sys.stderr)
    return 1 if report.unknown else 0


def run_check(args: argparse.Namespace) -> int:
    loaded = load_profiles([args.corpus], load_gazetteer())
    try:
        drift = index_target(args).check(loaded.profiles)
    except IndexError_ as error:
        return fail(str(error), 1)
    for label, ids in (("missing from the index", drift.missing), ("not in the corpus", drift.extra),
                       ("changed since indexing", drift.changed)):
        for profile_id in ids:
            print(f"{label}: {profile_id}")
    for problem in drift.damaged:
        print(f"damaged: {problem}")
    for error in loaded.errors:
        print(str(error), file=sys.stderr)
    summary = "index and corpus agree" if drift.clean else (
        f"drift: {len(drift.missing)} missing, {len(drift.extra)} extra, {len(drift.changed)} changed"
        + (f", {len(drift.damaged)} damaged sidecar(s)" if drift.damaged else ""))
    print(summary, file=sys.stderr)
    return 0 if drift.clean and not loaded.errors else 1
