"""Helpers shared by the ``ikz`` sub-commands: default paths, output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import corpus

BUNDLED_CORPUS = Path(corpus.__file__).resolve().parent / "profiles"


def default_index() -> Path:
    """``$IKZ_INDEX`` or ``./var/index``."""
    return Path(os.environ.get("IKZ_INDEX") or "var/index")


def add_index_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index", type=Path, default=None, metavar="DIR",
                        help="index directory (default: $IKZ_INDEX or ./var/index)")


def index_dir(args: argparse.Namespace) -> Path:
    return args.index or default_index()


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def fail(message: str, status: int = 2) -> int:
    """Print a one-line error and return the exit status."""
    print(f"ikz: {message}", file=sys.stderr)
    return status
