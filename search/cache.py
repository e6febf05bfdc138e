"""A bounded cache of finished results for the live index generation.

Partner sites and the search page repeat the same requests (the first page of a topic,
a profile's similar cooperations). A result depends only on the index generation and
the normalised request, so it is kept under exactly that key:

- the key is the whole normalised request, and every request carries ``staff``: a
  result with private profiles is stored under a staff key and can never answer a
  public request;
- the cache belongs to one generation: switching to another (rebuild or update) empties
  it, and a result computed on a replaced generation is not stored.

Thread-safe. ``size`` 0 turns it off (the benchmarks' uncached figures).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable


class ResultCache:
    """Least-recently-used results of one generation at a time. No method raises."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._owner: object | None = None
        self.hits = 0
        self.misses = 0

    def switch(self, owner: object) -> None:
        """Serve ``owner`` (a generation) from now on; forget every earlier result."""
        with self._lock:
            self._owner = owner
            self._entries.clear()

    def get(self, owner: object, key: Hashable) -> object | None:
        """The result stored for ``key`` on ``owner``, or None."""
        if not self.size:
            return None
        with self._lock:
            if owner is not self._owner or key not in self._entries:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return self._entries[key]

    def put(self, owner: object, key: Hashable, value: object) -> None:
        """Store ``value`` unless ``owner`` is no longer the live generation."""
        if not self.size:
            return
        with self._lock:
            if owner is not self._owner:
                return
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
