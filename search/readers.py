"""Whoosh searchers of one index generation, never shared by two threads at once.

A Whoosh reader reads postings and stored fields through file objects that seek, then
read (``BufferFile``/``StructFile`` positions). Two threads on one reader move each
other's position between the seek and the read: the probe of issue 22 saw unpickling
errors, truncated zlib streams and, worst, answers with status 200 and wrong scores.
So each request borrows a searcher of its own from a pool that grows to the number of
threads reading at once; every searcher reads the same commit (the one the generation's
facet table was built from), and all are closed with the generation.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from whoosh.index import FileIndex
from whoosh.reading import IndexReader
from whoosh.searching import Searcher


def commit_opener(index: FileIndex, first: Searcher) -> Callable[[], Searcher]:
    """A function opening another searcher on the commit ``first`` reads, however many
    commits the index has gained since. Whoosh keeps the segment list in the searcher's
    TOC; ``FileIndex._reader`` is how Whoosh itself opens readers over a segment list.
    The returned function raises OSError when a later commit has deleted a segment file."""
    reader = first.reader()
    segments = [leaf.segment() for leaf, _ in reader.leaf_readers()]
    segments = [segment for segment in segments if segment is not None]
    schema, generation = reader.schema, reader.generation()

    def open_searcher() -> Searcher:
        return Searcher(FileIndex._reader(index.storage, schema, list(segments), generation), fromindex=index)

    return open_searcher


class SearcherPool:
    """Searchers lent to one thread at a time. A thread that already holds one gets the
    same one again (nested reads in one thread cannot interleave a seek and a read)."""

    def __init__(self, first: Searcher, open_searcher: Callable[[], Searcher]) -> None:
        """``first``: an open searcher, lent first; ``open_searcher()``: another on the
        same commit, opened when every searcher is lent out (raises OSError when it
        cannot be: the pool then stops growing and borrowers wait for a free one)."""
        self._open = open_searcher
        self._free: list[Searcher] = [first]
        self._all: list[Searcher] = [first]
        self._returned = threading.Condition()
        self._can_grow = True
        self._held = threading.local()

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """A searcher no other thread uses until the block ends. Raises nothing itself."""
        held = getattr(self._held, "searcher", None)
        if held is not None:
            yield held
            return
        searcher = self._take()
        self._held.searcher = searcher
        try:
            yield searcher
        finally:
            self._held.searcher = None
            with self._returned:
                self._free.append(searcher)
                self._returned.notify()

    @contextmanager
    def reader(self) -> Iterator[IndexReader]:
        """The reader of a borrowed searcher (see ``searcher``)."""
        with self.searcher() as searcher:
            yield searcher.reader()

    def _take(self) -> Searcher:
        with self._returned:
            if self._free:
                return self._free.pop()
            grow = self._can_grow
        if grow:
            try:
                searcher = self._open()
            except OSError:
                # an update merged segments away: share the searchers already open
                with self._returned:
                    self._can_grow = False
            else:
                with self._returned:
                    self._all.append(searcher)
                return searcher
        with self._returned:
            while not self._free:
                self._returned.wait()
            return self._free.pop()

    @property
    def size(self) -> int:
        """How many searchers are open."""
        with self._returned:
            return len(self._all)

    def close(self) -> None:
        """Close every searcher (requests still holding one have had ``RETIRE_AFTER``)."""
        with self._returned:
            for searcher in self._all:
                searcher.close()
            self._all.clear()
            self._free.clear()
