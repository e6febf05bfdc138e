"""The staff login hardened and the low findings of issue 22, one test (or more) each."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import re

import pytest
from werkzeug.security import generate_password_hash

from cli.main import main
from tests.webui.test_staff import PRIVATE, csrf, sign_in
from webui import create_app
from webui.accounts import DUMMY_HASH, add_account, end_sessions, remove_account, session_generation, verify
from webui.throttle import ADDRESS_FAILURES, FIRST_DELAY, FREE_FAILURES, MAX_DELAY, LoginThrottle

PASSWORD = "richtig-geheim-123"


@pytest.fixture()
def accounts(tmp_path):
    path = tmp_path / "staff.json"
    add_account(path, "amt.soest", PASSWORD)
    add_account(path, "amt.kleve", "anderes-geheimnis-456")
    return path


@pytest.fixture()
def staff_app(index_dir, accounts):
    return create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t", "STAFF_FILE": str(accounts)})


def _signed_in(client) -> bool:
    return client.get(f"/profiles/{PRIVATE}").status_code == 200


def _logout(client) -> None:
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text).group(1)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302


# ---------------------------------------------------------------- sessions that end


def test_a_cookie_replayed_after_logout_opens_nothing(staff_app):
    client = staff_app.test_client()
    sign_in(client)
    assert _signed_in(client) and client.get("/export.csv").status_code == 200
    stolen = client.get_cookie("session").value
    _logout(client)
    replay = staff_app.test_client()
    replay.set_cookie("session", stolen)
    assert not _signed_in(replay) and replay.get("/export.csv").status_code == 404
    assert replay.get(f"/api/v1/profiles/{PRIVATE}").status_code == 404


def test_logout_ends_the_accounts_other_sessions_too(staff_app):
    office, home = staff_app.test_client(), staff_app.test_client()
    sign_in(office)
    sign_in(home)
    _logout(office)
    assert not _signed_in(home)
    sign_in(home)  # and a new sign-in works again
    assert _signed_in(home)


@pytest.mark.parametrize("change", ["remove", "new password"])
def test_removing_an_account_or_changing_its_password_ends_its_sessions(staff_app, accounts, change, monkeypatch):
    client, other = staff_app.test_client(), staff_app.test_client()
    sign_in(client)
    other.post("/login", data={"name": "amt.kleve", "password": "anderes-geheimnis-456", "csrf_token": csrf(other)})
    if change == "remove":
        assert main(["staff", "--file", str(accounts), "remove", "amt.soest"]) == 0
    else:
        monkeypatch.setattr("sys.stdin", io.StringIO("ein-ganz-neues-passwort\n"))
        assert main(["staff", "--file", str(accounts), "add", "amt.soest", "--password-stdin"]) == 0
    assert not _signed_in(client) and client.get("/export.csv").status_code == 404
    assert _signed_in(other)  # another account's session goes on


def test_an_account_added_again_does_not_revive_old_sessions(accounts):
    seen = [session_generation(accounts, "amt.soest")]
    remove_account(accounts, "amt.soest")
    assert session_generation(accounts, "amt.soest") is None
    add_account(accounts, "amt.soest", PASSWORD)
    seen.append(session_generation(accounts, "amt.soest"))
    end_sessions(accounts, "amt.soest")
    seen.append(session_generation(accounts, "amt.soest"))
    assert seen == sorted(set(seen))  # each step a generation no session has held


@pytest.mark.parametrize(("idle", "age", "alive"), [
    (7 * 3600, 7 * 3600, True),
    (8 * 3600 + 5, 8 * 3600 + 5, False),  # idle past the default 8 hours
    (60, 24 * 3600 + 5, False),  # used a minute ago, but signed in more than 24 hours ago
])
def test_idle_and_old_sessions_end(staff_app, idle, age, alive):
    client = staff_app.test_client()
    sign_in(client)
    with client.session_transaction() as session:  # the browser kept a cookie this old
        session["staff_seen"] -= idle
        session["staff_since"] -= age
    assert _signed_in(client) is alive


def test_idle_timeout_is_configurable(index_dir, accounts):
    app = create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t", "STAFF_FILE": str(accounts),
                      "STAFF_IDLE_TIMEOUT": 600})
    client = app.test_client()
    sign_in(client)
    with client.session_transaction() as session:
        session["staff_seen"] -= 601
    assert not _signed_in(client)


def test_a_cookie_of_the_old_shape_is_not_a_session(staff_app):
    client = staff_app.test_client()
    with client.session_transaction() as session:
        session["staff"] = "amt.soest"  # what a cookie held before sessions could end
    assert not _signed_in(client)


# ---------------------------------------------------------------- no account probing


def _kdf_calls(monkeypatch, accounts, name: str) -> list[tuple]:
    """The scrypt derivations (cost parameters) ``verify`` runs for ``name``."""
    calls = []
    real = hashlib.scrypt

    def counted(password, *, salt, n, r, p, maxmem=0, dklen=64):
        calls.append((n, r, p, maxmem, dklen))
        return real(password, salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=dklen)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    assert not verify(accounts, name, "falsches-passwort")
    monkeypatch.setattr(hashlib, "scrypt", real)
    return calls


def test_unknown_and_known_names_cost_the_same_key_derivation(monkeypatch, accounts):
    known = _kdf_calls(monkeypatch, accounts, "amt.soest")
    unknown = _kdf_calls(monkeypatch, accounts, "niemand.hier")
    assert len(known) == 1 and known == unknown


def test_the_dummy_hash_has_werkzeugs_current_parameters(accounts):
    method = generate_password_hash("x").split("$")[0]
    assert DUMMY_HASH.split("$")[0] == method
    assert all(stored.split("$")[0] == method for stored in __import__("json").loads(
        accounts.read_text())["users"].values())


# ---------------------------------------------------------------- request size limits


class _Body(io.RawIOBase):
    """A request body that counts what is read of it."""

    def __init__(self, size: int) -> None:
        self.size, self.position, self.read_bytes = size, 0, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = 0) -> int:
        self.position = offset if whence == 0 else self.size + offset if whence == 2 else self.position + offset
        return self.position

    def readinto(self, buffer) -> int:
        count = max(0, min(len(buffer), self.size - self.position))
        buffer[:count] = (b"a=1&" * (count // 4 + 1))[:count]
        self.position += count
        self.read_bytes += count
        return count


def test_an_oversized_login_form_is_refused_before_it_is_read(staff_app):
    client = staff_app.test_client()
    token = csrf(client)
    body = _Body(8 * 1024 * 1024)  # 8 MB, about two million fields
    response = client.post("/login", input_stream=body, content_length=body.size,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413 and body.read_bytes == 0
    assert "zu groß" in response.text
    # and it did not count as a failed login: the right password still works at once
    assert client.post("/login", data={"name": "amt.soest", "password": PASSWORD, "csrf_token": token}
                       ).status_code == 302


def test_a_multipart_form_with_many_parts_is_refused(staff_app):
    client = staff_app.test_client()
    data = {f"field{i}": "x" for i in range(50)}
    response = client.post("/login", data=data, content_type="multipart/form-data")
    assert response.status_code == 413


# ---------------------------------------------------------------- lockout


def _attempt(client, name, password, address):
    return client.post("/login", data={"name": name, "password": password, "csrf_token": csrf(client)},
                       environ_base={"REMOTE_ADDR": address})


def test_failures_lock_one_account_not_the_office(staff_app):
    client = staff_app.test_client()
    for _ in range(FREE_FAILURES):
        assert _attempt(client, "amt.soest", "falsch", "10.0.0.1").status_code == 200
    refused = _attempt(client, "amt.soest", PASSWORD, "10.0.0.1")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) == FIRST_DELAY
    assert _attempt(client, "amt.kleve", "anderes-geheimnis-456", "10.0.0.1").status_code == 302


def test_an_address_with_very_many_failures_waits(staff_app):
    client = staff_app.test_client()
    for number in range(ADDRESS_FAILURES):
        assert _attempt(client, f"name{number}", "falsch", "10.0.0.2").status_code == 200
    assert _attempt(client, "amt.kleve", "anderes-geheimnis-456", "10.0.0.2").status_code == 429
    assert _attempt(client, "amt.kleve", "anderes-geheimnis-456", "10.0.0.3").status_code == 302


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_delays_grow_after_each_further_failure_and_a_success_resets_them():
    clock = _Clock()
    throttle = LoginThrottle(clock)
    delays = []
    for _ in range(FREE_FAILURES + 7):
        assert throttle.wait("amt.soest", "x") == 0
        throttle.failed("amt.soest", "x")
        delays.append(throttle.wait("amt.soest", "x"))
        clock.now += delays[-1]
    assert delays == [0] * (FREE_FAILURES - 1) + [30, 60, 120, 240, 480, 900, 900, 900]
    assert max(delays) == MAX_DELAY
    throttle.succeeded("amt.soest")
    throttle.failed("amt.soest", "x")
    assert throttle.wait("amt.soest", "x") == 0


def test_the_search_page_has_a_generous_rate_limit(index_dir):
    app = create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t", "PAGE_RATE_LIMIT": 3})
    client = app.test_client()
    assert [client.get("/?q=Abfall").status_code for _ in range(4)] == [200, 200, 200, 429]
    limited = client.get("/")
    assert int(limited.headers["Retry-After"]) > 0 and "Zu viele Anfragen" in limited.text
    assert client.get("/", environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 200  # another address
    from webui import DEFAULTS

    assert DEFAULTS["PAGE_RATE_LIMIT"] >= 600  # ten a second: no person reaches it


# ---------------------------------------------------------------- the low ones


@pytest.mark.parametrize("url", [
    "/api/v1/profiles/s01_abfallverband-soest/similar?limit=²",
    "/api/v1/profiles/s01_abfallverband-soest/similar?limit=٣",
    "/api/v1/search?page=٣",
    "/api/v1/search?per_page=¹⁰",
    "/?page=٢",
])
def test_numbers_are_ascii_digits_only(client, url):
    assert client.get(url).status_code == 400


@pytest.mark.parametrize(("base", "expected"), [("", "/api/v1"), ("https://ikz.example.org/", "https://ikz.example.org/api/v1")])
def test_openapi_server_url_never_comes_from_the_host_header(index_dir, base, expected):
    app = create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t", "BASE_URL": base})
    document = app.test_client().get("/api/v1/openapi.json", headers={"Host": "evil.example"}).json
    assert document["servers"] == [{"url": expected}]


def test_every_staff_response_is_private_and_not_stored(staff_app):
    client = staff_app.test_client()
    public = client.get("/?q=Abfall")
    assert "no-store" not in public.headers.get("Cache-Control", "")
    sign_in(client)
    for url in ["/?q=Quxbarvertrag", f"/profiles/{PRIVATE}", "/accessibility", f"/api/v1/profiles/{PRIVATE}",
                "/api/v1/search?q=Quxbar", "/export.csv?region=Arnsberg", "/nothing-here"]:
        assert client.get(url).headers["Cache-Control"] == "private, no-store", url


def test_csv_cells_that_look_like_formulas_are_escaped(tmp_path, search_profiles, accounts):
    from index.build import build_index

    first = search_profiles[0]
    tricky = dataclasses.replace(first, title="=HYPERLINK(\"http://evil\")", keywords=("@SUMME(A1)", "-2+3", "Abfall"))
    build_index([tricky, *search_profiles[1:]], tmp_path / "index")
    app = create_app({"INDEX": str(tmp_path / "index"), "TESTING": True, "SECRET_KEY": "t",
                      "STAFF_FILE": str(accounts)})
    client = app.test_client()
    sign_in(client)
    rows = list(csv.reader(io.StringIO(client.get("/export.csv").text.lstrip("\ufeff")), delimiter=";"))
    row = next(r for r in rows if r[0] == first.id)
    assert row[1] == "'=HYPERLINK(\"http://evil\")"
    assert row[10] == "'@SUMME(A1), -2+3, Abfall"  # keywords (contact, profile page and task areas follow)
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)


def test_the_session_cookie_is_secure_unless_switched_off(index_dir, accounts):
    for secure in (None, False):
        config = {"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t", "STAFF_FILE": str(accounts)}
        if secure is not None:
            config["SESSION_COOKIE_SECURE"] = secure
        client = create_app(config).test_client()
        cookie = sign_in(client).headers["Set-Cookie"]
        assert ("; Secure" in cookie) is (secure is None), cookie
