"""Changes to the live index in place: update or remove single profiles, compare with a corpus.

Updates take the same write lock as builds (a second writer gets ``IndexLocked`` naming
the holder), write into the live generation with one commit, give new segments their
document columns (``index.columns``), and become visible to running servers on their
next check (at most half a second later).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from corpus import Profile
from index.build import current_generation, write_lock
from index.columns import check_columns, refresh_columns
from index.document import profile_digest, profile_to_document
from index.history import touch_history
from index.semantic import check_vectors, refresh_vectors
from index.sidecar import check_sidecars, refresh_sidecars
from index.spelling import SpellingCounts


@dataclass(frozen=True)
class UpdateReport:
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()


@contextmanager
def _live_writer(index_dir: Path) -> Iterator[tuple[object, SpellingCounts, dict[str, str | None]]]:
    """A Whoosh writer on the live generation and its spelling counts, under the write
    lock: committed (and the counts saved) when the block ends, cancelled on any error.
    Raises IndexLocked, IndexMissing, OSError."""
    with write_lock(index_dir):
        generation = current_generation(index_dir)
        ix = whoosh_index.open_dir(str(generation))
        spelling = SpellingCounts.read(generation)
        try:
            writer = ix.writer()
            changes: dict[str, str | None] = {}  # id → new digest, None: removed
            try:
                yield writer, spelling, changes
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
            spelling.write(generation)
        finally:
            ix.close()
        refresh_columns(generation)
        refresh_sidecars(generation)
        refresh_vectors(generation)
        if changes:
            touch_history(generation, changes)


def update_profiles(index_dir: Path, profiles: Iterable[Profile]) -> UpdateReport:
    """Add or replace ``profiles`` (by id) in the live generation.

    Raises IndexLocked (another writer), IndexMissing (no index), OSError.
    """
    ids = []
    with _live_writer(index_dir) as (writer, spelling, changes):
        for profile in {p.id: p for p in profiles}.values():  # one id once: the last one wins
            _discount(writer, profile.id, spelling)
            document = profile_to_document(profile)
            changes[profile.id] = str(document["digest"])
            writer.update_document(**document)
            spelling.add(document["spell"].split(), profile.private)
            ids.append(profile.id)
    return UpdateReport(updated=tuple(ids))


def _discount(writer, profile_id: str, spelling: SpellingCounts) -> bool:  # noqa: ANN001 - a Whoosh writer
    """Take an indexed profile's words out of the spelling counts; False if it is not indexed."""
    with writer.searcher() as searcher:
        fields = searcher.document(id=profile_id)
    if fields is None:
        return False
    spelling.add((fields.get("spell") or "").split(), bool(fields.get("private")), sign=-1)
    return True


def remove_profiles(index_dir: Path, ids: Iterable[str]) -> UpdateReport:
    """Remove profiles by id; ids not in the index are reported as unknown.

    Raises IndexLocked, IndexMissing, OSError.
    """
    removed, unknown = [], []
    with _live_writer(index_dir) as (writer, spelling, changes):
        for profile_id in ids:
            if _discount(writer, profile_id, spelling):
                writer.delete_by_term("id", profile_id)
                removed.append(profile_id)
                changes[profile_id] = None
            else:
                unknown.append(profile_id)
    return UpdateReport(removed=tuple(removed), unknown=tuple(unknown))


@dataclass
class Drift:
    """Differences between a corpus and the index."""

    missing: list[str] = field(default_factory=list)  # in the corpus, not in the index
    extra: list[str] = field(default_factory=list)  # in the index, not in the corpus
    changed: list[str] = field(default_factory=list)  # in both, but different
    damaged: list[str] = field(default_factory=list)  # derived data (sidecar postings) to rewrite

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.changed or self.damaged)

    @classmethod
    def between(cls, indexed: dict[str, str | None], profiles: Iterable[Profile]) -> Drift:
        """The drift between an index's ``{id: digest}`` and a corpus."""
        drift = cls()
        seen = set()
        for profile in profiles:
            seen.add(profile.id)
            if profile.id not in indexed:
                drift.missing.append(profile.id)
            elif indexed[profile.id] != profile_digest(profile):
                drift.changed.append(profile.id)
        drift.extra = sorted(set(indexed) - seen)
        return drift


def check_index(index_dir: Path, profiles: Iterable[Profile]) -> Drift:
    """Compare the live index with ``profiles``, and check its derived data: columns,
    sidecar postings, vectors (``Drift.damaged``). Raises IndexMissing, OSError."""
    generation = current_generation(index_dir)
    ix = whoosh_index.open_dir(str(generation))
    try:
        with ix.searcher() as searcher:
            indexed = {fields["id"]: fields.get("digest") for _, fields in searcher.reader().iter_docs()}
    finally:
        ix.close()
    drift = Drift.between(indexed, profiles)
    drift.damaged = check_columns(generation) + check_sidecars(generation) + check_vectors(generation)
    return drift
