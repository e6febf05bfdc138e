"""``ikz`` — one command, one sub-command per task."""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Sequence
from importlib import metadata
from typing import NoReturn

from cli import analyze_cmd, areas_cmd, eval_cmd, index_cmd, parse_cmd, search_cmd, serve_cmd, staff_cmd
from index.build import IndexError_
from index.home import APP_NAME, checkout_root


class UsageError(Exception):
    """A command line argparse rejects (missing value, unknown option …)."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: invalid input is reported as ``ikz: message`` with
    exit status 2 like every other usage error, not with the multi-line usage text
    (``--help`` shows that). Sub-command parsers are of this class too."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("ikz").strip()
        raise UsageError(f"{command + ': ' if command else ''}{message} (ikz {command + ' ' if command else ''}--help)")


def version() -> str:
    """The package version: the checkout's pyproject.toml when run from one (its installed
    metadata may be older), else the installed distribution's metadata."""
    root = checkout_root()
    if root is not None:
        return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    return metadata.version(APP_NAME)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ikz", description="IKZ-Suche: Suche über interkommunale Zusammenarbeit")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parse_cmd.register(commands)
    areas_cmd.register(commands)
    index_cmd.register(commands)
    search_cmd.register(commands)
    eval_cmd.register(commands)
    serve_cmd.register(commands)
    staff_cmd.register(commands)
    analyze_cmd.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``ikz`` command; returns the exit status (0 ok, 1 some input failed, 2 usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as error:
        print(f"ikz: {error}", file=sys.stderr)
        return 2
    try:
        return int(args.run(args))
    except IndexError_ as error:  # bad backend settings, database down, index locked …
        print(f"ikz: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `ikz parse … | head`
        sys.stderr.close()
        return 0
