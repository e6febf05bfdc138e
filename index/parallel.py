"""Writing a new index generation, on one core or on several.

Whoosh writes one segment per writer: every posting of a build goes through one
process, first into the writer's sorting pool, then into the segment's files. A build
with ``procs`` > 1 forks that many worker processes; each writes the documents of one
contiguous slice of the profiles into a segment of its own (analysis, stored fields,
postings), and the parent lists the segments in slice order in the index's table of
contents. Document numbers therefore follow the order of the profiles exactly as in a
serial build, and the index finds the same documents with the same scores (document
frequencies and field lengths are summed over segments). This is what Whoosh's own
``MpWriter(multisegment=True)`` does, except that it hands out batches to whichever
worker is free, which would make document numbers (and so the order of equal scores)
differ from build to build.

Workers are forked, so they share the parent's loaded word lists and profiles without
pickling them; only their segment descriptions and spelling counts come back. Each
segment's document columns (``index.columns``), sidecar postings (``index.sidecar``) and,
with the semantic layer on, its vectors (``index.semantic``) are written by its worker, so
the encoding (the bulk of a first build's time) runs on every core. A worker writes
exactly the files ``refresh_vectors`` would write for its segment afterwards (same rows,
same batches, so the same bits); the parent's ``refresh_vectors`` then finds them present.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from corpus import Profile
from index.areas import load_terms
from index.groups import load_groups
from index.columns import ColumnCollector, refresh_columns, segment_lengths, write_columns
from index.compound import default_splitter
from index.document import profile_to_document
from index.postings import BuildCodec
from index.schema import build_schema
from index.semantic import encode, known_vectors, semantic_enabled, write_segment_vectors
from index.sidecar import refresh_sidecars, write_sidecar
from index.spelling import SpellingCounts

# Below this many profiles per worker, forking costs more than it saves.
MIN_PER_PROCESS = 1_000
# Workers report progress every this many profiles.
PROGRESS_STEP = 100


class WorkerFailed(Exception):
    """A build worker process failed; carries its traceback as text."""


def default_procs() -> int:
    """Processes a build uses by default: the cores this process may run on, at most 4."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def write_generation(
    profiles: Iterable[Profile],
    target: Path,
    *,
    procs: int,
    limitmb: int,
    progress: Callable[[int], None] | None = None,
    previous: Path | None = None,
) -> tuple[int, SpellingCounts]:
    """Write ``profiles`` as a new Whoosh index into the empty directory ``target``, with
    up to ``procs`` processes; returns the number of documents and the spelling counts
    (not yet written). With several processes and the semantic layer on, the workers also
    write their segments' vectors, reusing those of ``previous`` (the generation the build
    replaces) by profile digest; a serial build leaves them to ``refresh_vectors``.
    Raises WorkerFailed when a worker fails (also when the encoder is not installed),
    OSError on I/O errors."""
    ix = whoosh_index.create_in(str(target), build_schema())
    try:
        if procs > 1 and "fork" in multiprocessing.get_all_start_methods():
            profiles = profiles if isinstance(profiles, Sequence) else list(profiles)
            procs = min(procs, len(profiles) // MIN_PER_PROCESS)
        else:
            procs = 1
        writer = ix.writer(limitmb=limitmb, codec=BuildCodec())
        if procs <= 1:
            return _write_serial(ix, target, writer, profiles, profile_to_document, progress)
        try:
            segments, spelling = _write_forked(  # type: ignore[arg-type]
                ix, target, profiles, procs, limitmb, progress, previous)
        except BaseException:
            writer.cancel()
            raise
        # as whoosh.multiproc.MpWriter does with multisegment=True
        writer._close_segment()
        writer._commit_toc(segments)
        writer._finish()
        return len(profiles), spelling  # type: ignore[arg-type]
    finally:
        ix.close()


def _write_serial(ix, target, writer, profiles, to_document, progress) -> tuple[int, SpellingCounts]:  # noqa: ANN001
    spelling = SpellingCounts()
    collector = ColumnCollector()
    count = 0
    try:
        for profile in profiles:
            document = to_document(profile)
            writer.add_document(**document)
            spelling.add(document["spell"].split(), profile.private)
            collector.add(document, profile)
            count += 1
            if progress is not None:
                progress(count)
        writer.commit(optimize=True)
    except BaseException:
        writer.cancel()
        raise
    if count:
        segments = ix._segments()
        if len(segments) == 1:  # always, for a new index committed with optimize=True
            _write_segment_columns(ix, target, segments[0], collector)
        else:
            refresh_columns(target)
            refresh_sidecars(target)
    return count, spelling


def _write_segment_columns(ix, target: Path, segment, collector: ColumnCollector,  # noqa: ANN001
                           known: dict | None = None) -> None:
    """The columns file and the sidecar postings of a segment just written, and its
    vectors unless ``known`` (digest → vector of the replaced generation) is None."""
    reader = SegmentReader(ix.storage, ix.schema, segment)
    try:
        write_columns(target, segment.segment_id(), collector.finish(segment_lengths(reader)))
        write_sidecar(target, reader)
        if known is not None:
            write_segment_vectors(target, reader, known)
    finally:
        reader.close()


def _write_forked(ix, target: Path, profiles: Sequence[Profile], procs: int, limitmb: int, progress,  # noqa: ANN001, ANN202
                  previous: Path | None):
    # load the word lists, hyphenation patterns and task-area terms once, before forking:
    # the workers share them
    default_splitter().subwords("abfallwirtschaftsverband")
    load_terms()
    load_groups()
    known = known_vectors([previous]) if semantic_enabled() else None
    if known is not None and not known:
        # a first build encodes every profile: the model (150 MB) is loaded once and its
        # pages shared by the workers; a rebuild leaves it to a worker that has to encode
        encode.load()
    context = multiprocessing.get_context("fork")
    done = context.Value("i", 0)
    bounds = [len(profiles) * k // procs for k in range(procs + 1)]
    workers = []
    for k in range(procs):
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=_worker,
            args=(ix, target, profiles, bounds[k], bounds[k + 1], max(limitmb // procs, 32), sender, done, known),
            daemon=True,
        )
        process.start()
        sender.close()
        workers.append((process, receiver))
    try:
        results = []
        for process, receiver in workers:
            while not receiver.poll(0.2):
                if progress is not None:
                    progress(done.value)
                if not process.is_alive() and not receiver.poll(0):
                    raise WorkerFailed(f"build worker {process.pid} exited with status {process.exitcode}")
            status, *payload = receiver.recv()
            if status != "ok":
                raise WorkerFailed(payload[0])
            results.append(payload)
            process.join()
        if progress is not None:
            progress(len(profiles))
    finally:
        for process, receiver in workers:
            receiver.close()
            if process.is_alive():
                process.kill()
                process.join()
    spelling = SpellingCounts()
    for _, public, everyone in results:
        spelling.public.update(public)
        spelling.all.update(everyone)
    return [segment for segment, _, _ in results], spelling


def _worker(ix, target, profiles, start, end, limitmb, sender, done, known) -> None:  # noqa: ANN001 - runs in a forked child
    try:
        writer = SegmentWriter(ix, _lk=False, limitmb=limitmb, codec=BuildCodec())
        spelling = SpellingCounts()
        collector = ColumnCollector()
        for number in range(start, end):
            profile = profiles[number]
            document = profile_to_document(profile)
            writer.add_document(**document)
            spelling.add(document["spell"].split(), profile.private)
            collector.add(document, profile)
            if (number - start) % PROGRESS_STEP == PROGRESS_STEP - 1:
                with done.get_lock():
                    done.value += PROGRESS_STEP
        segment = writer._finalize_segment()  # as whoosh.multiproc.SubWriterTask does
        _write_segment_columns(ix, target, segment, collector, known)
        sender.send(("ok", segment, dict(spelling.public), dict(spelling.all)))
    except BaseException:
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()
        os._exit(0)  # no atexit handlers or finalizers of the parent's objects
