"""Staff accounts: a JSON file of names and password hashes (werkzeug, scrypt)."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

NAME_RE = re.compile(r"^[A-Za-z0-9._@-]{2,64}$")
MIN_PASSWORD = 10


class AccountError(ValueError):
    """A bad account name or password, or an unknown account."""


def load_accounts(path: Path) -> dict[str, str]:
    """Name → password hash; empty when the file does not exist. Raises ValueError when
    the file is not a valid accounts file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    users = data.get("users") if isinstance(data, dict) else None
    if not isinstance(users, dict) or not all(isinstance(v, str) for v in users.values()):
        raise ValueError(f"{path}: not an accounts file")
    return users


def _save(path: Path, users: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".staff-")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump({"users": users}, file, indent=2, sort_keys=True)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def add_account(path: Path, name: str, password: str) -> None:
    """Add or replace an account. Raises AccountError for a bad name or a short password."""
    if not NAME_RE.match(name):
        raise AccountError("name: 2–64 letters, digits or . _ @ -")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password: at least {MIN_PASSWORD} characters")
    users = load_accounts(path)
    users[name] = generate_password_hash(password)
    _save(path, users)


def remove_account(path: Path, name: str) -> None:
    """Remove an account. Raises AccountError when it does not exist."""
    users = load_accounts(path)
    if name not in users:
        raise AccountError(f"no account {name!r}")
    del users[name]
    _save(path, users)


def verify(path: Path, name: str, password: str) -> bool:
    """Whether ``name`` exists and ``password`` matches (constant work for unknown names)."""
    users = load_accounts(path)
    stored = users.get(name) or generate_password_hash("not a password")
    return check_password_hash(stored, password) and name in users
