"""Assign each profile its task groups (``index/data/task_groups.txt``): a finer notion of
what a cooperation does than the 16 task areas (``index.areas``), for similar cooperations.

A group's code ``AA.FG`` names its product area ``AA``, its family ``AA.F`` (neighbouring
tasks of one field: payroll, training, recruitment and occupational health are family
``01.1`` Personal) and the group. The cue terms are matched like the area table's (stems,
umlaut folding, compound parts; ``index.areas.score_terms``): the best group is the primary
one, a runner-up with evidence in the title or keywords the secondary one
(``index.areas.runner_up``). ``ikz areas`` shows areas; ``assign_groups`` returns the
evidence for groups too.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from corpus import Profile
from corpus.areas import TASK_AREAS
from index.areas import (Evidence, FieldCounts, Term, by_first_word, field_counts, parse_terms, runner_up,
                         score_terms)

GROUPS_FILE = Path(__file__).parent / "data" / "task_groups.txt"
# A runner-up group is the secondary one at this share of the primary's score, with
# evidence in the title or keywords and at least this score (``index.areas.runner_up``).
SECONDARY_SHARE = 0.6
SECONDARY_MIN = 12.0
_CODE = re.compile(r"^(?P<area>\d\d)\.(?P<family>\d)\d$")
_SECTION = re.compile(r"^\[(?P<code>\S+)\s+(?P<german>[^|\]]+?)\s*\|\s*(?P<english>[^\]]+?)\s*\]$")


@dataclass(frozen=True)
class GroupAssignment:
    """``primary`` and ``secondary`` group codes (or None), the score per group and the
    evidence, best first."""

    primary: str | None
    secondary: str | None
    scores: dict[str, float]
    evidence: tuple[Evidence, ...]

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(code for code in (self.primary, self.secondary) if code)


def is_group_code(code: str) -> bool:
    """Is ``code`` of the form ``AA.FG`` with ``AA`` a task area? Raises nothing."""
    match = _CODE.match(code)
    return bool(match) and match.group("area") in TASK_AREAS


def family(code: str) -> str:
    """The family of a group code (``"01.11"`` → ``"01.1"``). Raises ValueError for a
    code that is not ``AA.FG``."""
    if not _CODE.match(code):
        raise ValueError(f"not a task group code: {code!r}")
    return code[:4]


@functools.cache
def group_names(path: Path = GROUPS_FILE) -> dict[str, tuple[str, str]]:
    """Code → (German name, English name) of every group, in the table's order. Raises
    OSError."""
    names = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _SECTION.match(line.strip()):
            names[match.group("code")] = (match.group("german"), match.group("english"))
    return names


def group_label(code: str, language: str = "de") -> str:
    """A group's name in ``language`` ("en" English, else German). Raises KeyError for an
    unknown code."""
    german, english = group_names()[code]
    return english if language == "en" else german


@functools.cache
def load_groups(path: Path = GROUPS_FILE) -> tuple[tuple[Term, ...], dict[str, tuple[int, ...]]]:
    """The cue terms of every group (each ``Term.area`` holds its group code) and their
    positions by first word. Raises ``index.areas.TermTableError`` (a code that is not
    ``AA.FG``, a bad weight, a term outside a section or with no word left) and OSError."""
    table = parse_terms(path, is_group_code, "task group", "group")
    return table, by_first_word(table)


def assign_groups(profile: Profile, *, counts: FieldCounts | None = None,
                  path: Path = GROUPS_FILE) -> GroupAssignment:
    """The task groups of ``profile`` with the evidence for them (``counts``: its
    ``index.areas.field_counts`` if already computed). Raises what ``load_groups``
    raises."""
    table, by_word = load_groups(path)
    scores, headline, evidence = score_terms(field_counts(profile) if counts is None else counts, table, by_word)
    primary, secondary = runner_up(scores, headline, SECONDARY_SHARE, SECONDARY_MIN)
    return GroupAssignment(primary, secondary, scores, tuple(evidence))
