"""Searchers lent to one thread at a time (``search.readers``)."""

from __future__ import annotations

import dataclasses
import threading

from whoosh import index as whoosh_index

from index.build import build_index, current_generation
from index.update import remove_profiles, update_profiles
from search.readers import SearcherPool, commit_opener


def _pool(path):
    index = whoosh_index.open_dir(str(current_generation(path)))
    first = index.searcher()
    return index, first, SearcherPool(first, commit_opener(index, first))


def test_two_threads_never_hold_the_same_searcher(tmp_path, search_profiles):
    build_index(search_profiles, tmp_path)
    index, first, pool = _pool(tmp_path)
    lent = threading.Event()
    done = threading.Event()
    seen = []

    def other() -> None:
        with pool.searcher() as searcher:
            seen.append(searcher)
            lent.set()
            done.wait()

    thread = threading.Thread(target=other)
    thread.start()
    lent.wait()
    with pool.searcher() as mine:
        assert mine is not seen[0]
        with pool.searcher() as again, pool.reader() as reader:
            assert again is mine and reader is mine.reader()  # nested reads in one thread: the same one
    done.set()
    thread.join()
    assert pool.size == 2
    pool.close()
    assert first.is_closed and seen[0].is_closed
    index.close()


def test_searchers_opened_later_read_the_commit_of_the_first(tmp_path, search_profiles):
    build_index(search_profiles, tmp_path)
    index, first, pool = _pool(tmp_path)
    before = first.doc_count()
    update_profiles(tmp_path, [dataclasses.replace(search_profiles[0], title="Zauberwort Abfallverband")])
    remove_profiles(tmp_path, [search_profiles[1].id])
    assert not first.up_to_date()
    with pool.searcher() as borrowed:
        assert borrowed is first
        with pool.searcher():  # the same thread: still the first
            pass
        results = []
        thread = threading.Thread(target=lambda: results.append(_read_in_other_thread(pool)))
        thread.start()
        thread.join(timeout=60)  # it must not wait for the first: a hang fails here
        assert not thread.is_alive()
    other, count, found = results[0]
    assert other is not first and count == before and found == 0  # not the later commit's document
    pool.close()
    index.close()


def _read_in_other_thread(pool: SearcherPool):
    with pool.searcher() as searcher:
        return searcher, searcher.doc_count(), searcher.reader().doc_frequency("title", "zauberwort")


def test_when_no_searcher_can_be_opened_borrowers_wait_for_a_free_one(tmp_path, search_profiles):
    """An update that merged segments away leaves no files to open another searcher on:
    the pool stops growing and lends the open ones in turn."""
    build_index(search_profiles, tmp_path)
    index = whoosh_index.open_dir(str(current_generation(tmp_path)))
    first = index.searcher()

    def cannot_open():
        raise FileNotFoundError("segment merged away")

    pool = SearcherPool(first, cannot_open)
    events = []
    holding = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with pool.searcher():
            holding.set()
            release.wait()
            events.append("returned")

    def borrower() -> None:
        with pool.searcher() as searcher:
            events.append(("borrowed", searcher is first))

    first_thread = threading.Thread(target=holder)
    first_thread.start()
    holding.wait()
    second_thread = threading.Thread(target=borrower)
    second_thread.start()
    release.set()
    first_thread.join()
    second_thread.join()
    assert events == ["returned", ("borrowed", True)] and pool.size == 1
    pool.close()
    index.close()
