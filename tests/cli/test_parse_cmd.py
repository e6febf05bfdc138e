"""`ikz parse` through the CLI entry point."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from cli.main import main
from cli.parse_cmd import JSON_KEYS
from tests.conftest import DATA, ROOT

EXPECTED_KEYS = {
    "id", "title", "private", "remark", "participants", "lead", "others", "keywords", "region", "district",
    "state", "population", "population_date", "area_km2", "year", "legal_form", "legal_form_raw", "sections",
    "contact", "links",
}


def test_json_shape(capsys):
    assert main(["parse", "--json", str(DATA / "profiles")]) == 0
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert [p["id"] for p in data] == [
        "001_digitalstrategie-hellweg", "002_abfallzweckverband-soest", "003_standesamt-halle"]
    assert set(data[0]) >= EXPECTED_KEYS and set(JSON_KEYS) == EXPECTED_KEYS
    assert set(data[0]["sections"]) == {"anlass", "ziel", "umsetzung", "finanzierung"}
    first = data[0]
    assert first["participants"] == ["Lippstadt", "Soest", "Erwitte", "Geseke"]
    assert (first["region"], first["state"], first["district"]) == ("Arnsberg", "Nordrhein-Westfalen", "Kreis Soest")
    assert isinstance(first["year"], int) and isinstance(first["area_km2"], float)
    assert first["population"] == 68890 and first["private"] is True
    assert "3 profiles read, 0 failed" in out.err


def test_errors_go_to_stderr_and_others_are_still_printed(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Titel\n\nUnna\n\nStichworte:\n\nIT\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("\n\n\nZiel:\n\nnichts\n", encoding="utf-8")
    assert main(["parse", "--json", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert [p["id"] for p in json.loads(out.out)] == ["good"]
    assert f"{tmp_path / 'bad.txt'}:4: missing title" in out.err


def _refuse_constant(name):
    raise ValueError(f"not JSON: {name}")


def test_json_is_strict_even_for_absurd_figures(tmp_path, capsys):
    """`Infinity`/`NaN` are not JSON: an absurd area or population is absent, never inf."""
    (tmp_path / "big.txt").write_text(
        "Titel\n\nUnna\n\nKurzprofil:\n\nStadt Unna\nEinwohner: " + "9" * 5000 + "\nFläche: " + "9" * 400 + " km²\n",
        encoding="utf-8",
    )
    assert main(["parse", "--json", str(tmp_path)]) == 0
    (profile,) = json.loads(capsys.readouterr().out, parse_constant=_refuse_constant)
    assert profile["lead"] == "Unna" and profile["population_source"] == "Destatis"  # filled from the gazetteer


def test_missing_file_and_a_file_given_twice(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Titel\n\nUnna\n\nStichworte:\n\nIT\n", encoding="utf-8")
    assert main(["parse", str(tmp_path), str(tmp_path / "good.txt"), str(tmp_path / "nope.txt")]) == 1
    out = capsys.readouterr()
    assert out.err.splitlines() == [f"{tmp_path / 'nope.txt'}: no such file or directory", "1 profiles read, 1 failed"]
    assert "good" in out.out


def test_plain_output(capsys):
    assert main(["parse", str(DATA / "profiles" / "002_abfallzweckverband-soest.txt")]) == 0
    assert "002_abfallzweckverband-soest: Abfallwirtschaftsverband Kreis Soest — Kreis Soest, 1978, Zweckverband" in (
        capsys.readouterr().out
    )


def test_console_script_runs_as_a_process():
    done = subprocess.run(
        [sys.executable, "-m", "cli", "parse", "--json", str(DATA / "profiles" / "003_standesamt-halle.txt")],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["extra_sections"] == {"Bemerkungen": "Die Vereinbarung wird 2026 überprüft."}


def test_usage_error_exit_status():
    done = subprocess.run([sys.executable, "-m", "cli", "parse"], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 2 and "FILE_OR_DIR" in done.stderr


def test_readme_names_every_key_of_the_json(capsys):
    """The README's `ikz parse --json` paragraph lists every key the command prints."""
    assert main(["parse", "--json", str(DATA / "profiles" / "003_standesamt-halle.txt")]) == 0
    (printed,) = json.loads(capsys.readouterr().out)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("`ikz parse --json` prints") :].split("\n\n")[0]
    documented = set(re.findall(r"[a-z_0-9]+", paragraph))
    assert set(printed) - documented == set()
