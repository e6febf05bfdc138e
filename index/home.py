"""The data home: the one directory from which every default path of an installation derives
(the index ``index/``, the secret key ``secret_key``, the staff accounts ``staff.json`` and the
Flask instance folder ``instance/`` with its ``config.py``).

``IKZ_HOME`` when it is set; otherwise ``var/`` in the source checkout the packages are
imported from (so ``make run`` keeps using ``./var``); otherwise, for an installed wheel, the
platform's per-user data directory (``$XDG_DATA_HOME/ikz-suche`` or
``~/.local/share/ikz-suche`` on Linux). Nothing here creates a directory: the writers do.
"""

from __future__ import annotations

import functools
import os
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path

from index.build import IndexError_

APP_NAME = "ikz-suche"
HOME_VARIABLE = "IKZ_HOME"


class HomeUnavailable(IndexError_):
    """No data home can be derived: ``IKZ_HOME`` is unset, the packages are installed (no
    checkout) and the platform's data directory cannot be found."""


@functools.cache
def checkout_root() -> Path | None:
    """The source checkout (or unpacked sdist) the packages are imported from, or None when
    they are installed (a wheel in site-packages). Raises nothing."""
    root = Path(__file__).resolve().parent.parent
    try:
        project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return root if project.get("project", {}).get("name") == APP_NAME else None


def data_home(environ: Mapping[str, str] = os.environ) -> Path:
    """The directory every default path derives from (see the module docstring).

    Raises HomeUnavailable, naming ``IKZ_HOME``, when an installed program finds no
    platform data directory (no home directory, e.g. a system user without one).
    """
    if environ.get(HOME_VARIABLE):
        return Path(environ[HOME_VARIABLE]).expanduser()
    root = checkout_root()
    if root is not None:
        return root / "var"
    return _platform_home(environ)


def _platform_home(environ: Mapping[str, str]) -> Path:
    if sys.platform == "win32":
        if environ.get("LOCALAPPDATA"):
            return Path(environ["LOCALAPPDATA"]) / APP_NAME
        raise HomeUnavailable(f"no data directory for an installed ikz: set {HOME_VARIABLE} (LOCALAPPDATA is unset)")
    xdg = environ.get("XDG_DATA_HOME", "")
    if sys.platform != "darwin" and os.path.isabs(xdg):  # a relative value is ignored (XDG spec)
        return Path(xdg) / APP_NAME
    try:
        user_home = Path(environ["HOME"]) if environ.get("HOME") else Path.home()
    except (KeyError, RuntimeError):  # no HOME and no password entry
        user_home = None
    if user_home is None or not user_home.is_dir():
        raise HomeUnavailable(f"no data directory for an installed ikz: set {HOME_VARIABLE} to the directory "
                              f"for its index, secret key and staff accounts (the home directory "
                              f"{user_home or '(unknown)'} does not exist)")
    if sys.platform == "darwin":
        return user_home / "Library" / "Application Support" / APP_NAME
    return user_home / ".local" / "share" / APP_NAME
