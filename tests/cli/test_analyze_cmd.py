"""`ikz analyze` through the CLI entry point."""

from __future__ import annotations

import io
import json

import pytest

from cli.main import main
from index.analysis import analyze


def run_json(capsys, *words):
    assert main(["analyze", "--json", *words]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_shape_and_order(capsys):
    data = run_json(capsys, "Abfallwirtschaftsverband", "und", "Müllabfuhr")
    assert [row["word"] for row in data] == ["Abfallwirtschaftsverband", "und", "Müllabfuhr"]
    assert all(set(row) == {"word", "parts", "stem", "terms"} for row in data)
    first, stop, third = data
    assert first["parts"] == ["Abfall", "wirtschafts", "verband"]  # the linking s on the left piece
    assert first["stem"] == first["terms"][0] == analyze("Abfallwirtschaftsverband")[0]
    assert {"abfall", "wirtschaft", "verband", "abfallwirtschaft"} <= set(first["terms"])
    assert stop == {"word": "und", "parts": ["und"], "stem": None, "terms": []}
    assert third["parts"] == ["Müll", "abfuhr"]


@pytest.mark.parametrize("word", ["Abfallwirtschaftsverband", "Muellabfuhr", "Straßenbau", "IT-Sicherheit",
                                  "Klimaschutzmanagerinnen", "Feuerwehr", "Soest", "e.V.", "588.250", "x"])
def test_parts_are_the_word_as_written(capsys, word):
    (row,) = run_json(capsys, word)
    assert "".join(row["parts"]) == word
    assert row["terms"] == list(dict.fromkeys(analyze(word)))


def test_the_issue_example(capsys):
    (row,) = run_json(capsys, "Antragssteller")
    assert row["parts"] == ["Antrags", "steller"] and {"antrag", "stell"} <= set(row["terms"])


def test_words_from_standard_input(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Rettungswache\n\n  Feuerwehr  \n"))
    data = run_json(capsys)
    assert [row["word"] for row in data] == ["Rettungswache", "Feuerwehr"]
    assert data[0]["parts"] == ["Rettungs", "wache"] and data[1]["parts"] == ["Feuerwehr"]


def test_text_output(capsys):
    assert main(["analyze", "Rettungswache", "und"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Rettungs|wache\tstem ") and "wach" in lines[0]
    assert lines[1].startswith("und\tstem –")
