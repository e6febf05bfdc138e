"""``ikz analyze``: what the index makes of words (parts, stem, terms), like Elasticsearch's
``_analyze``: the first thing to look at when a search matches or misses unexpectedly."""

from __future__ import annotations

import argparse
import sys

from cli.common import print_json
from index.analysis import WordAnalysis, analyze_word


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "analyze", help="Wörter wie der Index zerlegen", description=(
            "Show how the index analyses words: compound parts as written, the stem of the whole word "
            "and every term indexed for it. Words are read from standard input (one a line) when none are given."))
    parser.add_argument("words", nargs="*", metavar="WORD")
    parser.add_argument("--json", action="store_true",
                        help='print one JSON array of {"word", "parts", "stem", "terms"}')
    parser.set_defaults(run=run)


def format_text(result: WordAnalysis) -> str:
    """One readable line: ``Antrags|steller  stem antragstell  terms …``."""
    stem = result.stem if result.stem is not None else "– (stop word, not indexed)"
    return f"{'|'.join(result.parts) or result.word}\tstem {stem}\tterms {' '.join(result.terms) or '–'}"


def run(args: argparse.Namespace) -> int:
    words = args.words or [line.strip() for line in sys.stdin if line.strip()]
    results = [analyze_word(word) for word in words]
    if args.json:
        print_json([result.to_dict() for result in results])
    else:
        for result in results:
            print(format_text(result))
    return 0
