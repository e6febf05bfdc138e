"""`ikz --version`, and the CLI's default paths in the data home (``IKZ_HOME``)."""

from __future__ import annotations

import io
import json
import tomllib

import pytest

from cli.main import main
from tests.conftest import ROOT


def test_version_prints_the_package_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert exit_.value.code == 0 and capsys.readouterr().out == f"ikz {version}\n"


def test_staff_accounts_default_to_ikz_home(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("IKZ_HOME", str(tmp_path))
    monkeypatch.delenv("IKZ_STAFF_FILE", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("ein-langes-passwort\n"))
    assert main(["staff", "add", "--password-stdin", "amt.test"]) == 0
    assert list(json.loads((tmp_path / "staff.json").read_text(encoding="utf-8"))["users"]) == ["amt.test"]
    assert main(["staff", "list"]) == 0 and capsys.readouterr().out == "amt.test\n"


def test_search_without_an_index_names_the_path_in_ikz_home(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("IKZ_HOME", str(tmp_path))
    monkeypatch.delenv("IKZ_INDEX", raising=False)
    assert main(["search", "Abfall"]) == 2
    assert str(tmp_path / "index") in capsys.readouterr().err


@pytest.mark.parametrize("files", [(), ("queries.json", "heldout.json")])
def test_eval_names_the_judgments_option_when_judgments_are_missing(tmp_path, capsys, files):
    for name in files:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert main(["eval", "--judgments", str(tmp_path)]) == 2
    assert "--judgments DIR" in capsys.readouterr().err
