"""The data home every default path derives from (``index.home``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from index import home
from index.home import HomeUnavailable, checkout_root, data_home
from index.target import IndexTarget
from tests.conftest import ROOT


def test_a_checkout_is_recognised_by_its_pyproject():
    assert checkout_root() == ROOT


def test_ikz_home_wins(tmp_path):
    assert data_home({"IKZ_HOME": str(tmp_path), "XDG_DATA_HOME": "/elsewhere"}) == tmp_path


def test_ikz_home_may_start_with_a_tilde(tmp_path):
    assert data_home({"IKZ_HOME": "~/ikz", "HOME": str(tmp_path)}) == Path("~/ikz").expanduser()


def test_a_checkout_keeps_its_var_directory(tmp_path):
    assert data_home({"HOME": str(tmp_path), "IKZ_HOME": ""}) == ROOT / "var"


@pytest.fixture
def installed(monkeypatch):
    """As in a wheel: the packages are not imported from a checkout."""
    monkeypatch.setattr(home, "checkout_root", lambda: None)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG layout is the Linux and BSD one")
@pytest.mark.parametrize(("xdg", "expected"), [("{tmp}/xdg", "{tmp}/xdg/ikz-suche"),
                                               ("", "{tmp}/.local/share/ikz-suche"),
                                               ("relative/xdg", "{tmp}/.local/share/ikz-suche")])
def test_an_installed_program_uses_the_platform_data_directory(installed, tmp_path, xdg, expected):
    environ = {"HOME": str(tmp_path), "XDG_DATA_HOME": xdg.format(tmp=tmp_path)}
    assert data_home(environ) == Path(expected.format(tmp=tmp_path))


def test_without_a_home_directory_the_error_names_ikz_home(installed, tmp_path):
    with pytest.raises(HomeUnavailable, match="set IKZ_HOME"):
        data_home({"HOME": str(tmp_path / "missing")})


def test_a_whoosh_index_defaults_to_index_in_the_home(monkeypatch, tmp_path):
    monkeypatch.setenv("IKZ_HOME", str(tmp_path))
    assert IndexTarget.from_settings("whoosh", None).location == str(tmp_path / "index")
    assert IndexTarget.from_settings("whoosh", "elsewhere").location == "elsewhere"
