"""Each document's task groups (``index.groups``) as a small integer array, the form the
columns file keeps them in: decoding 100,000 lists of strings from JSON cost about a
tenth of a second on every opening, an array costs nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

# a profile has a primary and at most one secondary group (``index.groups.assign_groups``)
GROUPS_KEPT = 2


@dataclass(frozen=True, eq=False)
class GroupCodes:
    """``codes[doc]``: the document's (primary, secondary) group as a row number of
    ``table`` (group codes such as ``01.11``), -1 for none."""

    table: list[str]
    codes: np.ndarray

    @classmethod
    def of(cls, groups: Sequence[Sequence[str]]) -> GroupCodes:
        """From each document's list of group codes (more than two: the first two).
        Raises nothing."""
        table = sorted({code for row in groups for code in row[:GROUPS_KEPT]})
        number = {code: i for i, code in enumerate(table)}
        codes = np.full((len(groups), GROUPS_KEPT), -1, dtype=np.int16)
        for doc, row in enumerate(groups):
            for position, code in enumerate(row[:GROUPS_KEPT]):
                codes[doc, position] = number[code]
        return cls(table, codes)

    def rows(self) -> list[list[str]]:
        """Each document's group codes as a list. Raises nothing."""
        return [[self.table[i] for i in row if i >= 0] for row in self.codes.tolist()]

    def renumbered(self, numbers: Mapping[str, int]) -> np.ndarray:
        """The codes as ``numbers`` counts the groups (a code it lacks: -1). Raises nothing."""
        mapping = np.array([numbers.get(code, -1) for code in self.table] + [-1], dtype=np.int16)
        return mapping[self.codes]  # -1 indexes the appended -1

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, GroupCodes) and self.table == other.table
                and np.array_equal(self.codes, other.codes))

    __hash__ = None  # type: ignore[assignment]
