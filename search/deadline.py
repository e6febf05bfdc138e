"""The time limit of one search, checked inside the expensive steps.

A search checks its ``Deadline`` between query words, between alternatives of a word,
between phrases, exclusions and snippets, and inside phrase matching itself (the Whoosh
engine's ``search.phrase.TimedPhrase``; PostgreSQL's ``statement_timeout`` is set to the
same limit).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from search.model import SearchTimeout


class Deadline:
    """A point in time after which a search gives up.

    ``clock`` (seconds, monotonic) is replaceable so that tests can let time pass
    without waiting.
    """

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self.at = clock() + seconds

    def check(self) -> None:
        """Raise SearchTimeout (parameter ``q``) once the deadline has passed."""
        if self.clock() > self.at:
            raise SearchTimeout("timeout", parameter="q", seconds=self.seconds)
