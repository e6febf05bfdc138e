"""Fixtures of the index tests."""

from __future__ import annotations

import time

import pytest


class StillClock:
    """``time.monotonic`` standing still until the test moves it on: a running service
    looks for a new index generation when its check is due (``search.core.CHECK_INTERVAL``),
    and the test, not the wall clock, says when that is."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture()
def clock(monkeypatch) -> StillClock:
    still = StillClock()
    monkeypatch.setattr(time, "monotonic", still)
    return still
