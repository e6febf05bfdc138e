"""Where an index lives: a directory (Whoosh, the embedded default) or a named index in a
PostgreSQL database; and the writer operations for either.

``IndexTarget.from_settings`` reads the deployment's choice (``backend``, ``location``,
``database_url``); the CLI fills it from ``IKZ_BACKEND``, ``IKZ_INDEX`` and
``IKZ_DATABASE_URL``, the web app from its configuration. Without a location a Whoosh index
lives in ``index/`` under the data home (``index.home``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from corpus import Profile
from index.build import IndexError_, build_index
from index.home import data_home
from index.update import Drift, UpdateReport, check_index, remove_profiles, update_profiles

BACKENDS = ("whoosh", "postgres")
DEFAULT_NAME = "main"


class InvalidTarget(IndexError_):
    """The backend settings are incomplete or unknown."""


@dataclass(frozen=True)
class IndexTarget:
    """``backend`` ``whoosh``: ``location`` is the index directory; ``postgres``:
    ``location`` is the index name, ``database_url`` the primary's libpq URL and
    ``read_url`` where searches read (replicas; defaults to ``database_url``)."""

    backend: str
    location: str
    database_url: str | None = None
    read_url: str | None = None

    @classmethod
    def from_settings(cls, backend: str | None, location: str | Path | None, database_url: str | None = None,
                      read_url: str | None = None) -> IndexTarget:
        """A checked target; a Whoosh index without ``location`` is ``index/`` in the data home.
        Raises InvalidTarget (unknown backend, PostgreSQL without a URL), HomeUnavailable."""
        backend = (backend or "whoosh").strip().lower()
        if backend not in BACKENDS:
            raise InvalidTarget(f"unknown backend {backend!r}: use one of {', '.join(BACKENDS)}")
        if backend == "postgres":
            if not database_url:
                raise InvalidTarget("the postgres backend needs a database URL (IKZ_DATABASE_URL)")
            from index.pg.schema import check_name

            return cls(backend, check_name(str(location or DEFAULT_NAME)), database_url, read_url or database_url)
        return cls(backend, str(location or data_home() / "index"))

    @property
    def postgres(self) -> bool:
        return self.backend == "postgres"

    def describe(self) -> str:
        return f"PostgreSQL index {self.location!r}" if self.postgres else f"index {self.location}"

    def build(self, profiles: Iterable[Profile], progress: Callable[[int], None] | None = None) -> tuple[str, int]:
        """Build a new generation and switch to it: (generation, documents). Raises the
        backend's IndexError_ subclasses (IndexLocked, BuildFailed, DatabaseUnavailable …)."""
        if self.postgres:
            from index.pg.build import build_pg_index

            report = build_pg_index(profiles, str(self.database_url), self.location, progress=progress)
            return report.generation, report.documents
        built = build_index(profiles, Path(self.location), progress=progress)
        return str(built.generation), built.documents

    def update(self, profiles: Iterable[Profile]) -> UpdateReport:
        """Add or replace profiles in the live generation. Raises IndexError_ subclasses."""
        if self.postgres:
            from index.pg.update import update_pg_profiles

            return update_pg_profiles(str(self.database_url), self.location, profiles)
        return update_profiles(Path(self.location), profiles)

    def remove(self, ids: Iterable[str]) -> UpdateReport:
        """Remove profiles by id. Raises IndexError_ subclasses."""
        if self.postgres:
            from index.pg.update import remove_pg_profiles

            return remove_pg_profiles(str(self.database_url), self.location, ids)
        return remove_profiles(Path(self.location), ids)

    def check(self, profiles: Iterable[Profile]) -> Drift:
        """Compare the live generation with a corpus. Raises IndexError_ subclasses."""
        if self.postgres:
            from index.pg.update import check_pg_index

            return check_pg_index(str(self.database_url), self.location, profiles)
        return check_index(Path(self.location), profiles)
