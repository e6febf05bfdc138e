"""Updating single profiles in place, removing them, checking drift; the CLI commands."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from cli.main import main
from index.build import IndexLocked, build_index, write_lock
from index.update import check_index, remove_profiles, update_profiles
from search.core import CHECK_INTERVAL
from search.model import SearchRequest
from search.service import ProfileSearch
from tests.conftest import DATA


def test_update_and_remove_are_visible_to_a_running_service(tmp_path, search_profiles, clock):
    build_index(search_profiles, tmp_path)
    service = ProfileSearch(tmp_path)
    assert service.search(SearchRequest.create("Zauberwort")).total == 0
    changed = dataclasses.replace(search_profiles[0], title="Zauberwort Abfallverband")
    assert update_profiles(tmp_path, [changed]).updated == (changed.id,)
    assert service.search(SearchRequest.create("Zauberwort")).total == 0  # the check is not due yet
    clock.advance(CHECK_INTERVAL)
    assert service.search(SearchRequest.create("Zauberwort")).total == 1
    assert service.search(SearchRequest.create("", per_page=100)).total == 7  # replaced, not added
    report = remove_profiles(tmp_path, [changed.id, "nope"])
    assert report.removed == (changed.id,) and report.unknown == ("nope",)
    clock.advance(CHECK_INTERVAL)
    assert service.search(SearchRequest.create("", per_page=100)).total == 6
    service.close()


def test_check_reports_drift(tmp_path, search_profiles):
    build_index(search_profiles[:-1], tmp_path)
    assert check_index(tmp_path, search_profiles[:-1]).clean
    changed = [dataclasses.replace(search_profiles[0], title="Neu"), *search_profiles[1:]]
    drift = check_index(tmp_path, changed[2:])
    assert drift.missing == [search_profiles[-1].id]
    assert drift.extra == sorted(p.id for p in search_profiles[:2])
    assert check_index(tmp_path, changed[:1]).changed == [search_profiles[0].id]


def test_a_second_writer_gets_a_clear_error(tmp_path, search_profiles):
    build_index(search_profiles, tmp_path)
    with write_lock(tmp_path):
        with pytest.raises(IndexLocked, match="being written by PID"):
            update_profiles(tmp_path, search_profiles[:1])
        with pytest.raises(IndexLocked):
            remove_profiles(tmp_path, ["x"])


def test_cli_update_remove_check(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "search_profiles", corpus)
    index = tmp_path / "index"
    assert main(["index", "build", "--corpus", str(corpus), "--index", str(index)]) == 0
    assert main(["index", "check", "--corpus", str(corpus), "--index", str(index)]) == 0
    assert "index and corpus agree" in capsys.readouterr().err
    edited = corpus / "s02_vergabestelle-lippstadt.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Gemeinsame Vergabestelle", "Zentrale Vergabestelle"),
                      encoding="utf-8")
    assert main(["index", "check", "--corpus", str(corpus), "--index", str(index)]) == 1
    assert "changed since indexing: s02_vergabestelle-lippstadt" in capsys.readouterr().out
    assert main(["index", "update", str(edited), "--index", str(index)]) == 0
    assert main(["index", "check", "--corpus", str(corpus), "--index", str(index)]) == 0
    capsys.readouterr()
    assert main(["index", "remove", "s02_vergabestelle-lippstadt", "unknown-id", "--index", str(index)]) == 1
    assert "no profile 'unknown-id'" in capsys.readouterr().err
    assert main(["index", "check", "--corpus", str(corpus), "--index", str(index)]) == 1


def test_spelling_counts_follow_updates_and_removals(tmp_path, search_profiles):
    from index.build import current_generation
    from index.spelling import SpellingCounts

    build_index(search_profiles, tmp_path)
    counts = SpellingCounts.read(current_generation(tmp_path))
    assert counts.all["quxbarvertrag"] == 1 and "quxbarvertrag" not in counts.public  # private words stay private
    assert counts.public["abfall"] == 1 and counts.all["abfall"] == 2
    changed = dataclasses.replace(search_profiles[0], title="Zauberwortverband")
    update_profiles(tmp_path, [changed])
    counts = SpellingCounts.read(current_generation(tmp_path))
    assert counts.public["zauberwortverband"] == 1 and counts.public["abfallzweckverband"] == 0
    remove_profiles(tmp_path, [changed.id])
    counts = SpellingCounts.read(current_generation(tmp_path))
    assert "zauberwortverband" not in counts.public and counts.all["abfall"] == 1
