"""Helpers shared by the ``ikz`` sub-commands: default paths, output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import corpus
from index.target import BACKENDS, IndexTarget

BUNDLED_CORPUS = Path(corpus.__file__).resolve().parent / "profiles"


def add_index_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index", default=None, metavar="DIR|NAME",
                        help="index directory; with the postgres backend the index name in the database "
                             "(default: $IKZ_INDEX, else index/ in $IKZ_HOME, or main)")
    parser.add_argument("--backend", choices=BACKENDS, default=None,
                        help="storage engine (default: $IKZ_BACKEND, else whoosh); postgres reads "
                             "$IKZ_DATABASE_URL and, for searches, $IKZ_DATABASE_READ_URL")


def index_target(args: argparse.Namespace) -> IndexTarget:
    """The index the command works on, from its options and ``IKZ_`` variables.
    Raises InvalidTarget."""
    return IndexTarget.from_settings(
        args.backend or os.environ.get("IKZ_BACKEND"), args.index or os.environ.get("IKZ_INDEX"),
        os.environ.get("IKZ_DATABASE_URL"), os.environ.get("IKZ_DATABASE_READ_URL"),
    )


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def fail(message: str, status: int = 2) -> int:
    """Print a one-line error and return the exit status."""
    print(f"ikz: {message}", file=sys.stderr)
    return status
