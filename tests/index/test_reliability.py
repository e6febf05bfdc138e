"""Index lifecycle under stress: rebuilds during concurrent searches, builds killed at
random moments. Nothing may fail, nothing may be lost."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import threading
import time

from index.build import GENERATIONS, build_index, current_generation
from search.model import SearchRequest
from search.service import ProfileSearch
from tests.conftest import ROOT


def test_rebuilds_during_concurrent_searches_fail_no_request(tmp_path, search_profiles):
    build_index(search_profiles[:4], tmp_path)
    service = ProfileSearch(tmp_path)
    errors: list[BaseException] = []
    totals: list[int] = []  # every total seen, in order
    seen = threading.Condition()
    stop = threading.Event()

    def searcher() -> None:
        while not stop.is_set():
            try:
                result = service.search(SearchRequest.create("", per_page=100, staff=True))
                with seen:
                    totals.append(result.total)
                    seen.notify_all()
                service.search(SearchRequest.create("Abfall"))
            except BaseException as error:
                errors.append(error)

    threads = [threading.Thread(target=searcher) for _ in range(4)]
    for thread in threads:
        thread.start()
    for size in (8, 5, 8, 6):
        build_index(search_profiles[:size], tmp_path)
        with seen:  # until a search served the new generation (the service checks every 0.5 s)
            start = len(totals)
            assert seen.wait_for(lambda size=size, start=start: size in totals[start:] or errors,
                                 timeout=30), "switch not seen"
    stop.set()
    for thread in threads:
        thread.join()
    service.close()
    assert errors == []
    assert {8, 5, 6} <= set(totals) <= {4, 8, 5, 6}  # old and new generations served, nothing else


def test_builds_killed_at_random_moments_never_break_the_index(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted((ROOT / "corpus" / "profiles").glob("*.txt"))[:40]:
        shutil.copy(path, corpus)
    index = tmp_path / "index"
    command = [sys.executable, "-m", "cli", "index", "build", "--corpus", str(corpus), "--index", str(index)]
    started = time.time()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    duration = time.time() - started
    # when this build began to write its generation (the first file it made): the kills fall
    # from a little before that to the end, where a build can break something, rather than
    # into the interpreter's start, however fast or loaded this machine is
    writing = min(p.stat().st_mtime for p in current_generation(index).rglob("*")) - started
    expected = ProfileSearch(index).search(SearchRequest.create("", staff=True)).total
    assert expected == 40
    rng = random.Random(20261127)
    for _ in range(5):
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(max(0.1, writing - 0.5), duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        service = ProfileSearch(index)  # a fresh reader, as a restarted server would be
        assert service.search(SearchRequest.create("", staff=True)).total == expected
        assert service.search(SearchRequest.create("Abfall")).total > 0
        service.close()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)  # no manual clean-up needed
    assert done.returncode == 0, done.stderr
    live = current_generation(index)
    leftovers = [p for p in (index / GENERATIONS).iterdir() if p != live]
    assert len(leftovers) <= 1  # the live generation and at most its predecessor
    assert not [p for p in index.iterdir() if p.name.startswith(".current.")]
