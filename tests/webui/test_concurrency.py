"""Right answers under concurrency (issue 22): a real ``ikz serve`` (gunicorn, 2 workers ×
4 threads) over an index built just before, flooded with uncached searches and similar
lists while two processes keep the CPU busy; every answer must equal the same request
answered alone by a fresh app in this process.

Before searches read through searchers of their own (``search.readers``), a run of this
test saw dozens of 500s (unpickling errors, bad block tags) and answers with other scores.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEARCHES = 160
SIMILAR = 80
PARALLEL = 16

# The server: gunicorn as `ikz serve` runs it. Two settings make a race show in seconds
# instead of hours, without changing what is computed: threads switch every 10 µs (the
# default is 5 ms, so a thread is rarely preempted between a seek and a read), and the
# search time limit is raised so that a loaded machine answers every request (a 503 for a
# slow search would be no answer to compare).
LAUNCHER = """
import sys
sys.setswitchinterval(1e-5)
import search.core
assert hasattr(search.core, "SEARCH_TIME_LIMIT")
search.core.SEARCH_TIME_LIMIT = 120.0  # read by every service made from here on
from cli.main import main
sys.exit(main(["serve", "--index", sys.argv[1], "--port", sys.argv[2], "--workers", "2", "--threads", "4"]))
"""
HOG = "while True: pass"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, object]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")[:300]


def _requests(profiles) -> list[str]:
    """Distinct public searches of 4–25 corpus words (every one misses every cache) and
    similar lists, in a fixed order."""
    rng = random.Random(22)
    words = sorted({w for p in profiles for w in (p.title + " " + " ".join(p.keywords)).split()
                    if w.isalpha() and len(w) > 3})
    paths = [f"/api/v1/search?{urlencode({'q': ' '.join(rng.sample(words, rng.randint(4, 25))), 'per_page': 20})}"
             for _ in range(SEARCHES)]
    ids = [p.id for p in profiles if not p.private]
    paths += [f"/api/v1/profiles/{i}/similar?limit=10" for i in rng.sample(ids, SIMILAR)]
    rng.shuffle(paths)
    return paths


@pytest.fixture(scope="module")
def fresh_index(tmp_path_factory, bundled_profiles) -> Path:
    from index.build import build_index

    target = tmp_path_factory.mktemp("concurrency")
    build_index(bundled_profiles, target)
    return target


@pytest.fixture(scope="module")
def server(fresh_index, tmp_path_factory):
    """``ikz serve`` on a free port, results cache and rate limit off; the URL."""
    port = _free_port()
    env = {**os.environ, "IKZ_RESULT_CACHE": "0", "IKZ_RATE_LIMIT": "0", "IKZ_SNIPPET_CACHE": "0",
           "IKZ_SECRET_KEY": "concurrency-test-" + "k" * 32,
           "IKZ_STAFF_FILE": str(tmp_path_factory.mktemp("staff") / "staff.json")}
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(fresh_index), str(port)], cwd=ROOT,
                                   env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # up to a minute for gunicorn and both workers' warm-up
            if process.poll() is not None:
                pytest.fail(f"ikz serve ended: {log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(url + "/health", timeout=5):
                    break
            except OSError:
                process_wait(process, 0.1)
        else:
            pytest.fail("ikz serve did not answer /health within a minute")
        yield url
    finally:
        process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown (TERM waits for keep-alive clients)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()  # its workers notice their parent is gone and exit
            process.wait()


def process_wait(process: subprocess.Popen, seconds: float) -> None:
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=seconds)


def test_parallel_uncached_answers_equal_the_answers_given_alone(server, fresh_index, bundled_profiles, monkeypatch):
    import search.core
    from webui import create_app

    paths = _requests(bundled_profiles)
    hogs = [subprocess.Popen([sys.executable, "-c", HOG]) for _ in range(2)]
    try:
        with ThreadPoolExecutor(PARALLEL) as pool:
            answers = list(pool.map(lambda path: _get(server + path), paths))
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    # the answers alone, one at a time, with the server's raised time limit (on a loaded
    # machine a search of 25 words can take longer than a second; it is no answer then)
    monkeypatch.setattr(search.core, "SEARCH_TIME_LIMIT", 120.0)
    alone = create_app({"INDEX": str(fresh_index), "TESTING": True, "SECRET_KEY": "test", "RESULT_CACHE": 0,
                        "RATE_LIMIT": 0, "SNIPPET_CACHE": 0}).test_client()
    expected = []
    for path in paths:
        response = alone.get(path)
        assert response.status_code == 200, path
        expected.append(response.json)
    failed = [(path, status, body) for path, (status, body) in zip(paths, answers, strict=True) if status != 200]
    different = [path for path, (status, body), want in zip(paths, answers, expected, strict=True)
                 if status == 200 and body != want]
    assert not failed and not different, (f"of {len(paths)} requests {len(failed)} failed, first {failed[:2]}; "
                                           f"{len(different)} differ from the answer alone, first {different[:2]}")
