"""``ikz index build``: build a new index generation from a corpus and switch to it."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from cli.common import BUNDLED_CORPUS, add_index_option, fail, index_dir
from corpus import load_gazetteer, load_profiles
from index.build import BuildFailed, IndexLocked, build_index


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("index", help="Index verwalten", description="Manage the search index.")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    build = actions.add_parser("build", help="build the index from a corpus and switch to it")
    build.add_argument("--corpus", type=Path, default=BUNDLED_CORPUS, metavar="DIR",
                       help="profile directory (default: the bundled corpus)")
    build.add_argument("--strict", action="store_true", help="fail when any profile is skipped")
    add_index_option(build)
    build.set_defaults(run=run_build)


def run_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    loaded = load_profiles([args.corpus], load_gazetteer())
    for error in loaded.errors:
        print(str(error), file=sys.stderr)
    if args.strict and loaded.errors:
        return fail(f"{len(loaded.errors)} profiles could not be read (--strict): index not changed", 1)
    progress = _progress_bar(len(loaded.profiles)) if sys.stderr.isatty() else None
    try:
        report = build_index(loaded.profiles, index_dir(args), progress=progress)
    except IndexLocked as error:
        return fail(str(error), 1)
    except BuildFailed as error:
        return fail(f"build failed, index not changed: {error}", 1)
    if progress is not None:
        sys.stderr.write("\n")
    print(
        f"indexed {report.documents} profiles, skipped {len(loaded.errors)}, "
        f"in {time.perf_counter() - started:.1f} s → {report.generation}",
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
