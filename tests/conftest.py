"""Shared fixtures. Each test process gets its own TMPDIR: Whoosh 2.7's in-memory
storage writes to a fixed temporary path, and parallel workers would collide."""

from __future__ import annotations

import os
import shutil
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
    from index.build import build_index

    target = tmp_path_factory.mktemp("index")
    build_index(search_profiles, target)
    return target


@pytest.fixture(scope="session")
def service(index_dir):
    from search.service import ProfileSearch

    search = ProfileSearch(index_dir)
    yield search
    search.close()


@pytest.fixture(scope="session")
def bundled_service(tmp_path_factory, gazetteer):
    """A real index of the bundled 300-profile corpus (built once per session)."""
    from corpus import load_profiles
    from index.build import build_index
    from search.service import ProfileSearch

    target = tmp_path_factory.mktemp("bundled")
    build_index(load_profiles([ROOT / "corpus" / "profiles"], gazetteer).profiles, target)
    search = ProfileSearch(target)
    yield search
    search.close()


@pytest.fixture(scope="session")
def app(index_dir):
    from webui import create_app

    return create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "test"})


@pytest.fixture()
def client(app):
    return app.test_client()
