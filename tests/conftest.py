"""Shared fixtures. Each test process gets its own TMPDIR: Whoosh 2.7's in-memory
storage writes to a fixed temporary path, and parallel workers would collide."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

_PROCESS_TMP = tempfile.mkdtemp(prefix=f"ikz-test-{os.getpid()}-")
os.environ["TMPDIR"] = _PROCESS_TMP
tempfile.tempdir = _PROCESS_TMP

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_PROCESS_TMP, ignore_errors=True)


@pytest.fixture(scope="session")
def gazetteer():
    from corpus import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def fixture_profiles_dir() -> Path:
    return DATA / "profiles"


@pytest.fixture(scope="session")
def search_profiles(gazetteer):
    from corpus import load_profiles

    result = load_profiles([DATA / "search_profiles"], gazetteer)
    assert not result.errors
    return result.profiles


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, search_profiles):
    """One real on-disk index of tests/data/search_profiles for the whole session."""
    return _built(tmp_path_factory, search_profiles, "index")


def _built(tmp_path_factory, profiles, name: str) -> Path:
    """A real Whoosh index of ``profiles`` in a new session temporary directory."""
    from index.build import build_index

    target = tmp_path_factory.mktemp(name)
    build_index(profiles, target)
    return target


BACKENDS = ["whoosh", "postgres"]


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster for this test process (``tools/pg_cluster.py``).
    ``make test`` installs Debian's server packages when they are missing."""
    sys.path.insert(0, str(ROOT / "tools"))
    from pg_cluster import LocalCluster, available

    if not available():
        pytest.fail("PostgreSQL server binaries are missing: `make test` installs Debian's postgresql")
    cluster = LocalCluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_url(pg_cluster) -> str:
    return pg_cluster.url


@pytest.fixture(scope="session")
def pg_search_index(pg_url, search_profiles) -> str:
    """tests/data/search_profiles loaded into the test cluster as index ``search``."""
    from index.pg.build import build_pg_index

    build_pg_index(search_profiles, pg_url, "search")
    return "search"


def _open(backend: str, request, profiles, index_dir: Path, name: str):
    """A search service over ``profiles`` on ``backend`` (the Whoosh index already built
    at ``index_dir``; the PostgreSQL one loaded here as index ``name`` unless it is),
    closed when the fixture's scope ends."""
    if backend == "whoosh":
        from search.service import ProfileSearch

        search = ProfileSearch(index_dir)
    else:
        from index.pg.build import build_pg_index
        from search.pg.service import PgProfileSearch

        url = request.getfixturevalue("pg_url")
        if name == "search":
            request.getfixturevalue("pg_search_index")
        else:
            build_pg_index(profiles, url, name)
        search = PgProfileSearch(url, name)
    request.addfinalizer(search.close)
    search.warm_up()  # as `ikz serve` does: loading is not what the searches' time limit measures
    return search


@pytest.fixture(scope="session", params=BACKENDS)
def service(request, index_dir, search_profiles):
    """The search service over tests/data/search_profiles, once per backend."""
    return _open(request.param, request, search_profiles, index_dir, "search")


@pytest.fixture(scope="session")
def pg_app(pg_url, pg_search_index):
    """The web app over the PostgreSQL copy of tests/data/search_profiles."""
    from webui import create_app

    return create_app({"BACKEND": "postgres", "DATABASE_URL": pg_url, "INDEX": pg_search_index, "TESTING": True,
                       "SECRET_KEY": "test", "RATE_LIMIT": 0})  # shared, so without per-client state (see app)


@pytest.fixture(scope="session")
def bundled_profiles(gazetteer):
    from corpus import load_profiles

    return load_profiles([ROOT / "corpus" / "profiles"], gazetteer).profiles


@pytest.fixture(scope="session")
def bundled_index(tmp_path_factory, bundled_profiles) -> Path:
    return _built(tmp_path_factory, bundled_profiles, "bundled")


@pytest.fixture(scope="session", params=BACKENDS)
def bundled_service(request, bundled_index, bundled_profiles):
    """A real index of the bundled 300-profile corpus, once per backend."""
    return _open(request.param, request, bundled_profiles, bundled_index, "bundled")


@pytest.fixture(scope="session")
def app(index_dir):
    """The app most web tests share. It keeps no per-client state: its rate limit is off,
    and no test signs in on it (a test that needs either takes ``make_app``), so that
    what one test does cannot change what another sees."""
    from webui import create_app

    return create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "test", "RATE_LIMIT": 0})


@pytest.fixture()
def make_app(index_dir):
    """A fresh app of its own for a test that changes app state (rate limits, failed
    sign-ins): the test settings with ``overrides`` (flaskr's conftest, one app per test)."""
    from webui import create_app

    def make(**overrides):
        return create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "test", **overrides})

    return make


@pytest.fixture()
def client(app):
    return app.test_client()
