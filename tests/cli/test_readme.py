"""The README's command summary names exactly the options argparse has, for every command."""

from __future__ import annotations

import argparse
import re

from cli.main import build_parser
from tests.conftest import ROOT


def summary_lines() -> list[list[str]]:
    """The ``ikz`` lines of the README's "Command line" block as words (continuation lines
    joined, comments dropped)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Command line\n\n```sh\n(.*?)```", text, re.S).group(1)
    commands: list[list[str]] = []
    for line in block.splitlines():
        words = line.split("#", 1)[0].split()
        if line.startswith(".venv/bin/ikz"):
            commands.append(words[1:])
        elif line.startswith(" ") and commands:
            commands[-1] += words
    return commands


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return next((dict(action.choices) for action in parser._actions
                 if isinstance(action, argparse._SubParsersAction)), {})


def options(parser: argparse.ArgumentParser) -> set[str]:
    return {option for action in parser._actions for option in action.option_strings
            if option.startswith("--") and option != "--help"}


def documented(words: list[str]) -> tuple[tuple[str, ...], set[str]]:
    """(the sub-command path, the options) of one summary line. A sub-command is a bare word
    the parser reached so far knows; words in [brackets] are never sub-commands."""
    parser, path, depth = build_parser(), [], 0
    for word in words:
        if depth == 0 and word in subcommands(parser):
            parser = subcommands(parser)[word]
            path.append(word)
        depth += word.count("[") - word.count("]")
    return tuple(path), {word.strip("[]").split("=")[0] for word in words if word.strip("[").startswith("--")}


def leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = (), inherited: frozenset[str] = frozenset()):
    """(path, options along the path) of every command that runs: the leaves of the tree
    (``ikz staff --file FILE add``: ``--file`` belongs to ``staff``, which its actions
    inherit). The root's own option (``--version``) is not inherited."""
    own = inherited | options(parser)
    children = subcommands(parser)
    if not children:
        yield path, set(own)
    for name, child in children.items():
        yield from leaves(child, (*path, name), own if path else frozenset())


def test_every_command_is_summarised_with_exactly_its_options():
    real = dict(leaves(build_parser()))
    real[()] = options(build_parser())  # `ikz --version`
    summary = [documented(words) for words in summary_lines()]
    for path, flags in summary:
        assert path in real, f"README: ikz {' '.join(path)} is not a complete command"
        assert flags == real[path], f"README: ikz {' '.join(path)}: {sorted(flags)} != {sorted(real[path])}"
    assert sorted(set(real) - {path for path, _ in summary}) == []
