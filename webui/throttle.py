"""Limits that protect staff accounts without locking out an office.

Failed logins are counted per account and per client address. An account gets
``FREE_FAILURES`` tries, then waits ``FIRST_DELAY`` seconds after each further failure,
twice as long each time up to ``MAX_DELAY``; a correct password resets it. An address may
fail ``ADDRESS_FAILURES`` times in ``ADDRESS_WINDOW`` seconds (a town hall behind one
address is many people): one person guessing at one account does not keep the others
out. Counts live in one process (like the API's rate limit); with several workers an
attacker gets each worker's allowance, still a handful of guesses an hour.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from flask import Flask, Response, request

from webui.api import RateLimiter
from webui.errors import error_response

FREE_FAILURES = 5
FIRST_DELAY = 30.0
MAX_DELAY = 900.0
ADDRESS_FAILURES = 100
ADDRESS_WINDOW = 600.0
# Entries kept before the ones that no longer hold anyone back are dropped.
MAX_ENTRIES = 100_000


class LoginThrottle:
    """Failed logins per account (growing delays) and per address (a high ceiling)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._accounts: dict[str, tuple[int, float]] = {}  # name → (failures, blocked until)
        self._addresses: dict[str, deque[float]] = {}

    def wait(self, account: str, address: str) -> int:
        """Whole seconds until ``account`` may be tried from ``address`` (0: now)."""
        now = self._clock()
        with self._lock:
            _, until = self._accounts.get(account, (0, now))
            seconds = until - now
            recent = self._recent(address, now)
            if len(recent) >= ADDRESS_FAILURES:
                seconds = max(seconds, recent[0] + ADDRESS_WINDOW - now)
        return max(0, int(seconds + 0.999))

    def failed(self, account: str, address: str) -> None:
        """Count a failed login (unknown names count like known ones)."""
        now = self._clock()
        with self._lock:
            if len(self._accounts) + len(self._addresses) > MAX_ENTRIES:
                self._prune(now)
            failures = self._accounts.get(account, (0, now))[0] + 1
            delay = 0.0 if failures < FREE_FAILURES else min(FIRST_DELAY * 2 ** (failures - FREE_FAILURES), MAX_DELAY)
            self._accounts[account] = (failures, now + delay)
            self._recent(address, now).append(now)

    def succeeded(self, account: str) -> None:
        """A correct password: the account starts afresh."""
        with self._lock:
            self._accounts.pop(account, None)

    def _recent(self, address: str, now: float) -> deque[float]:
        recent = self._addresses.setdefault(address, deque())
        while recent and now - recent[0] >= ADDRESS_WINDOW:
            recent.popleft()
        return recent

    def _prune(self, now: float) -> None:
        """Forget accounts no longer delayed and addresses with no recent failure; an
        account's count restarts then (after at least ``MAX_DELAY`` in a flood)."""
        self._accounts = {name: (n, until) for name, (n, until) in self._accounts.items() if until > now}
        self._addresses = {key: recent for key in list(self._addresses)
                           if (recent := self._recent(key, now))}


def init_app(app: Flask) -> None:
    """The search page's rate limit: ``PAGE_RATE_LIMIT`` requests a minute per address (0:
    off), generous enough that a person never meets it; a script scraping the HTML page
    meets it like the API's ``RATE_LIMIT``."""
    limiter = RateLimiter()

    @app.before_request
    def limit_search_page() -> Response | None:
        limit = app.config["PAGE_RATE_LIMIT"]
        if not limit or request.endpoint != "pages.search_page":
            return None
        wait = limiter.hit(request.remote_addr or "?", limit)
        if not wait:
            return None
        response = error_response(429, code="rate_limited", values={"limit": limit})
        response.headers["Retry-After"] = str(wait)
        return response
