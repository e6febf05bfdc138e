"""Index builds: profile → document, a new generation directory, an atomic switch.

Layout of an index directory ``DIR``::

    DIR/current -> generations/20261127T112233-1234   (symlink, replaced atomically)
    DIR/generations/<name>/                           (one complete Whoosh index each)
    DIR/write.lock                                    (held while a build or update runs)

A build writes a new generation, verifies it (document count, a probe query) and only
then points ``current`` at it with ``os.replace``; readers keep the old generation open
until they notice the switch. A failed or killed build leaves ``current`` untouched; its
half-written directory is removed by the next build.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.query import Every

from corpus import Profile
from index.document import profile_digest, profile_to_document
from index.history import record_history
from index.parallel import default_procs, write_generation
from index.semantic import refresh_vectors

__all__ = ["profile_digest", "profile_to_document"]  # defined in index.document, long imported from here

CURRENT = "current"
GENERATIONS = "generations"
LOCK = "write.lock"
KEEP_GENERATIONS = 2


class IndexError_(Exception):  # noqa: N801 - the underscore keeps it apart from the builtin IndexError
    """Base of index-layer errors."""


class IndexLocked(IndexError_):
    """Another process is writing the index."""


class IndexMissing(IndexError_):
    """No complete index generation exists at the given directory."""


class BuildFailed(IndexError_):
    """A new generation failed verification; the live index was left unchanged."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    generation: Path
    documents: int
    seconds: float


@contextmanager
def write_lock(index_dir: Path) -> Iterator[None]:
    """Hold the index's write lock. Raises IndexLocked naming the holder's PID."""
    index_dir.mkdir(parents=True, exist_ok=True)
    path = index_dir / LOCK
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise IndexLocked(f"index {index_dir} is being written by PID {holder}") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def current_generation(index_dir: Path) -> Path:
    """The live generation's directory. Raises IndexMissing when there is none."""
    link = index_dir / CURRENT
    try:
        target = link.resolve(strict=True)
    except (FileNotFoundError, RuntimeError):
        raise IndexMissing(f"no index at {index_dir}: run `ikz index build`") from None
    if not whoosh_index.exists_in(str(target)):
        raise IndexMissing(f"index generation {target} is incomplete")
    return target


def build_index(
    profiles: Iterable[Profile],
    index_dir: Path,
    *,
    progress: Callable[[int], None] | None = None,
    limitmb: int = 256,
    procs: int | None = None,
) -> BuildReport:
    """Write all ``profiles`` into a new generation and switch ``index_dir`` to it.

    ``procs``: worker processes (default: the available cores, see ``index.parallel``;
    small corpora are always written by one). Raises IndexLocked when another writer
    holds the lock, BuildFailed when the new generation does not verify (the live index
    is then unchanged), WorkerFailed when a worker process fails, OSError on I/O errors.
    """
    started = time.perf_counter()
    index_dir = Path(index_dir)
    with write_lock(index_dir):
        generations = index_dir / GENERATIONS
        generations.mkdir(parents=True, exist_ok=True)
        _remove_stale_generations(index_dir)
        now = time.time_ns()  # one clock reading: names sort in build order
        name = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now // 10**9)) + f"-{now % 10**9:09d}-{os.getpid()}"
        target = generations / name
        target.mkdir()
        try:
            live = _live_or_none(index_dir)
            count = _write(profiles, target, progress, limitmb, default_procs() if procs is None else procs, live)
            _verify(target, count)
            refresh_vectors(target, live)
            record_history(target, _live_or_none(index_dir))
            _switch(index_dir, target)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        _remove_stale_generations(index_dir)
    return BuildReport(target, count, time.perf_counter() - started)


def _live_or_none(index_dir: Path) -> Path | None:
    try:
        return current_generation(index_dir)
    except IndexMissing:
        return None


def _write(
    profiles: Iterable[Profile], target: Path, progress: Callable[[int], None] | None, limitmb: int, procs: int,
    live: Path | None,
) -> int:
    count, spelling = write_generation(profiles, target, procs=procs, limitmb=limitmb, progress=progress,
                                       previous=live)
    spelling.write(target)
    return count


def _verify(target: Path, expected: int) -> None:
    ix = whoosh_index.open_dir(str(target))
    try:
        with ix.searcher() as searcher:
            if searcher.doc_count() != expected:
                raise BuildFailed(f"new index holds {searcher.doc_count()} documents, expected {expected}")
            if expected and len(searcher.search(Every(), limit=1)) == 0:
                raise BuildFailed("probe query on the new index found nothing")
    finally:
        ix.close()


def _switch(index_dir: Path, target: Path) -> None:
    """Point ``current`` at ``target`` atomically (a new symlink renamed over the old)."""
    temporary = index_dir / f".{CURRENT}.{os.getpid()}"
    temporary.unlink(missing_ok=True)
    os.symlink(Path(GENERATIONS) / target.name, temporary)
    os.replace(temporary, index_dir / CURRENT)
    directory = os.open(index_dir, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _remove_stale_generations(index_dir: Path) -> None:
    """Keep the live generation and the one before it; remove older and unfinished ones,
    and temporary links a killed build left behind."""
    for stale_link in index_dir.glob(f".{CURRENT}.*"):
        stale_link.unlink(missing_ok=True)
    generations = index_dir / GENERATIONS
    try:
        live = current_generation(index_dir).name
    except IndexMissing:
        live = None
    finished = sorted((p for p in generations.iterdir() if p.is_dir()), key=lambda p: p.name)
    keep = {live} if live else set()
    older = [p.name for p in finished if live and p.name < live]
    keep.update(older[-(KEEP_GENERATIONS - 1) :] if KEEP_GENERATIONS > 1 else [])
    for path in finished:
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
