"""`ikz index build`, `ikz search` and `ikz similar` through the CLI."""

from __future__ import annotations

import json
import re

import pytest

from cli.main import main
from tests.conftest import DATA

HIT_KEYS = {"id", "title", "score", "lead", "participants", "region", "state", "district", "year", "legal_form",
            "keywords", "private", "snippet", "area", "areas", "distance"}


def run(capsys, *argv):
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


def test_index_build_reports_a_summary(tmp_path, capsys):
    status, _, err = run(capsys, "index", "build", "--corpus", str(DATA / "search_profiles"), "--index", str(tmp_path))
    assert status == 0 and "indexed 8 profiles, skipped 0" in err


def test_index_build_skips_broken_files_and_strict_refuses(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Titel\n\nUnna\n\nStichworte:\n\nIT\n", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\x00\x01")
    status, _, err = run(capsys, "index", "build", "--corpus", str(corpus), "--index", str(tmp_path / "ix"))
    assert status == 0 and "bad.txt:1: binary" in err and "indexed 1 profiles, skipped 1" in err
    status, _, err = run(capsys, "index", "build", "--strict", "--corpus", str(corpus),
                         "--index", str(tmp_path / "ix2"))
    assert status == 1 and "--strict" in err and not (tmp_path / "ix2" / "current").exists()


def test_search_json_shape(index_dir, capsys):
    status, out, _ = run(capsys, "search", "--index", str(index_dir), "--json", "Abfall")
    data = json.loads(out)
    assert status == 0
    assert set(data) == {"query", "near", "corrected_query", "total", "weaker", "page", "per_page", "hits", "facets"}
    assert data["query"] == "Abfall" and data["total"] == 2 and data["page"] == 1 and data["per_page"] == 10
    assert set(data["hits"][0]) == HIT_KEYS
    assert set(data["facets"]) == {"area", "region", "state", "district", "keyword", "lead", "participant",
                                   "legal_form", "year"}
    assert set(data["facets"]["region"][0]) == {"value", "count", "selected"}


def test_search_filters_and_staff(index_dir, capsys):
    _, out, _ = run(capsys, "search", "--index", str(index_dir), "--json", "--region", "Arnsberg", "--region",
                    "Detmold", "--legal-form", "Zweckverband", "--staff")
    assert {h["id"] for h in json.loads(out)["hits"]} == {"s01_abfallverband-soest", "s07_geheim-soest"}
    _, out, _ = run(capsys, "search", "--index", str(index_dir), "--json", "--year-from", "2010", "--sort", "oldest")
    assert [h["year"] for h in json.loads(out)["hits"]] == [2010, 2015, 2019]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--sort", "best"], "sort"),
        (["--page", "0"], "page"),
        (["--year-from", "2020", "--year-to", "2000"], "year_from"),
    ],
)
def test_invalid_input_exits_2_with_one_line(index_dir, capsys, argv, message):
    status, out, err = run(capsys, "search", "--index", str(index_dir), *argv)
    assert status == 2 and out == "" and err.startswith("ikz: ") and message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search", "--region"], "search: argument --region: expected one argument"),
        (["search", "--colour", "blau"], "unrecognized arguments: --colour"),  # "blau" is the query
        (["similar"], "similar: the following arguments are required: id"),
        (["nonsense"], "invalid choice: 'nonsense'"),
    ],
)
def test_argument_errors_exit_2_with_one_line(capsys, argv, message):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == "" and err.startswith("ikz: ") and message in err and err.count("\n") == 1


@pytest.mark.parametrize("option", ["--year-from", "--year-to", "--page", "--per-page"])
def test_numbers_that_are_not_numbers_exit_2_with_one_line(index_dir, capsys, option):
    status, out, err = run(capsys, "search", "--index", str(index_dir), option, "zwanzig")
    assert status == 2 and out == "" and err.count("\n") == 1 and "not a whole number" in err


def test_similar(index_dir, capsys):
    status, out, _ = run(capsys, "similar", "--index", str(index_dir), "--json", "s01_abfallverband-soest")
    data = json.loads(out)
    assert status == 0 and data["id"] == "s01_abfallverband-soest"
    assert data["similar"] and set(data["similar"][0]) == {"id", "title", "score", "private", "shared"}
    assert set(data["similar"][0]["shared"]) == {"keywords", "groups", "areas", "municipalities"}
    assert not any(h["private"] for h in data["similar"])
    status, _, err = run(capsys, "similar", "--index", str(index_dir), "s07_geheim-soest")
    assert status == 2 and "no profile" in err
    status, _, err = run(capsys, "similar", "--index", str(index_dir), "unknown")
    assert status == 2


def test_long_free_text_is_searched_not_rejected(index_dir, capsys):
    words = [f"Wort{n}" for n in range(40)]
    status, out, _ = run(capsys, "search", "--index", str(index_dir), "Abfall", *words)
    assert status == 0 and "Nicht gesucht (mehr als 32 Begriffe): Wort31 Wort32" in out
    status, out, _ = run(capsys, "search", "--index", str(index_dir), "--json", "Abfall", *words)
    assert status == 0 and json.loads(out)["total"] >= 1


def test_staff_similar_marks_private_profiles(index_dir, capsys):
    _, out, _ = run(capsys, "similar", "--index", str(index_dir), "--json", "--staff", "s01_abfallverband-soest")
    flags = {h["id"]: h["private"] for h in json.loads(out)["similar"]}
    assert flags["s07_geheim-soest"] is True and sum(flags.values()) == 1
    _, out, _ = run(capsys, "similar", "--index", str(index_dir), "--staff", "s01_abfallverband-soest")
    marked = [line for line in out.splitlines() if "[nicht öffentlich]" in line]
    assert len(marked) == 1 and "(s07_geheim-soest)" in marked[0]


def test_missing_index_is_reported(tmp_path, capsys):
    status, _, err = run(capsys, "search", "--index", str(tmp_path / "none"), "Abfall")
    assert status == 2 and "no index" in err


def test_index_build_on_a_corpus_of_broken_files(tmp_path, capsys):
    """Every good profile is indexed, every bad file reported as FILE:LINE: message,
    the summary counts the skipped ones, --strict changes nothing."""
    import os
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "search_profiles", corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (corpus / "huge.txt").write_bytes(b"Titel\n\nStichworte:\n\n" + b"x" * (50 * 1024 * 1024))
    (corpus / "cp1252.txt").write_bytes("Müllabfuhr Süd\n\nUnna\n\nStichworte:\n\nMüll\n".encode("cp1252"))
    (corpus / "notitle.txt").write_text("Stichworte:\n\nIT\n", encoding="utf-8")
    (corpus / "x.txt").mkdir()
    os.symlink(corpus, corpus / "loop")
    (corpus / "sub").mkdir()
    shutil.copy(corpus / "s01_abfallverband-soest.txt", corpus / "sub" / "s01_abfallverband-soest.txt")
    index = tmp_path / "index"
    status, _, err = run(capsys, "index", "build", "--corpus", str(corpus), "--index", str(index))
    assert status == 0
    assert "indexed 9 profiles, skipped 5" in err  # 8 + cp1252; empty, binary, huge, no title, duplicate
    for name, message in [("empty.txt", "empty"), ("binary.txt", "binary"), ("huge.txt", "larger than"),
                          ("notitle.txt", "missing title"), ("s01_abfallverband-soest.txt", "duplicate profile id")]:
        assert re.search(rf"{re.escape(name)}:\d+: .*{message}", err), (name, err)
    status, _, err = run(capsys, "index", "build", "--strict", "--corpus", str(corpus), "--index", str(index))
    assert status == 1 and "--strict" in err


def test_a_fresh_process_answers_its_first_search(index_dir):
    """Loading the analyzer's word lists is not part of a search's time limit."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run([sys.executable, "-m", "cli", "search", "--index", str(index_dir), "Abfallwirtschaft"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Kooperationen" in done.stdout


def test_search_near_a_place(index_dir, capsys):
    status, out, _ = run(capsys, "search", "--index", str(index_dir), "--json", "--near", "Lippstadt",
                         "--sort", "near", "Abfall")
    data = json.loads(out)
    assert status == 0 and data["near"]["key"] == "05974028"
    assert [h["distance"] for h in data["hits"]] == [0, 4]
    status, out, _ = run(capsys, "search", "--index", str(index_dir), "--near", "05974028", "--sort", "near", "Abfall")
    assert status == 0 and "in der Nähe von Lippstadt (05974028)" in out
    assert re.search(r"1\. Abfallzweckverband Kreis Soest .*\[Stufe 0\]", out)


@pytest.mark.parametrize(("near", "message"), [("0597402", "near must be an 8-digit municipality key"),
                                               ("Neustadt", "names several places"),
                                               ("Gibtsnichtstadt", "no municipality or Kreis")])
def test_search_near_refuses_what_names_no_place(index_dir, capsys, near, message):
    status, _, err = run(capsys, "search", "--index", str(index_dir), "--near", near, "Abfall")
    assert status == 2 and message in err and len(err.strip().splitlines()) == 1


def test_similar_says_what_it_shares(index_dir, capsys):
    status, out, _ = run(capsys, "similar", "--index", str(index_dir), "--limit", "10", "s01_abfallverband-soest")
    assert status == 0
    lines = out.splitlines()
    emsland = next(i for i, line in enumerate(lines) if "(s06_muellabfuhr-emsland)" in line)
    # the task group and the task area both are assigned
    assert lines[emsland + 1].strip() == "gemeinsam: Abfallentsorgung und Müllabfuhr, Ver- und Entsorgung"


def test_an_out_of_range_option_is_named_once(index_dir, capsys):
    status, _, err = run(capsys, "search", "--index", str(index_dir), "--per-page", "0", "Abfall")
    assert status == 2 and err.count("per_page") == 1 and "between 1 and 100" in err
