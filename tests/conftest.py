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
