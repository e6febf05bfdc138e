"""Staff accounts, sign-in with CSRF and rate limit, private profiles, CSV export."""

from __future__ import annotations

import csv
import io
import re

import pytest

from cli.main import main
from webui import create_app
from webui.accounts import AccountError, add_account, load_accounts, remove_account, verify

PRIVATE = "s07_geheim-soest"


@pytest.fixture()
def staff_app(index_dir, tmp_path):
    accounts = tmp_path / "staff.json"
    add_account(accounts, "amt.soest", "richtig-geheim-123")
    return create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t", "STAFF_FILE": str(accounts)})


def csrf(client, path="/login"):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def sign_in(client, password="richtig-geheim-123"):
    return client.post("/login", data={"name": "amt.soest", "password": password, "csrf_token": csrf(client)})


def test_accounts_file(tmp_path):
    path = tmp_path / "s.json"
    add_account(path, "a.b", "0123456789")
    assert verify(path, "a.b", "0123456789") and not verify(path, "a.b", "falsch-falsch") and not verify(path, "x", "y")
    assert load_accounts(path)["a.b"].startswith(("scrypt:", "pbkdf2:"))  # a hash, never the password
    assert (path.stat().st_mode & 0o777) == 0o600
    with pytest.raises(AccountError):
        add_account(path, "a", "0123456789")
    with pytest.raises(AccountError):
        add_account(path, "kurz.pw", "123")
    remove_account(path, "a.b")
    with pytest.raises(AccountError):
        remove_account(path, "a.b")


def test_cli_staff(tmp_path, monkeypatch, capsys):
    path = tmp_path / "staff.json"
    monkeypatch.setattr("sys.stdin", io.StringIO("ein-langes-passwort\n"))
    assert main(["staff", "--file", str(path), "add", "kim", "--password-stdin"]) == 0
    assert main(["staff", "--file", str(path), "list"]) == 0 and capsys.readouterr().out == "kim\n"
    assert main(["staff", "--file", str(path), "remove", "kim"]) == 0
    assert main(["staff", "--file", str(path), "remove", "kim"]) == 2


def test_sign_in_shows_private_profiles(staff_app):
    client = staff_app.test_client()
    assert PRIVATE not in client.get("/?q=Soest").text
    response = sign_in(client)
    assert response.status_code == 302
    html = client.get("/?q=Quxbarvertrag").text
    assert f'data-profile-id="{PRIVATE}"' in html and "nicht öffentlich" in html and "Angemeldet als amt.soest" in html
    profile = client.get(f"/profiles/{PRIVATE}").text
    assert "lt. Mail 2022 01 01 nicht mehr aktuell" in profile
    assert client.get(f"/api/v1/profiles/{PRIVATE}").json["private"] is True
    assert client.get("/api/v1/search?q=Quxbar").headers["Cache-Control"].startswith(("private", "max-age=0"))


def test_session_cookie_flags_and_fresh_session(staff_app):
    client = staff_app.test_client()
    before = csrf(client)
    response = client.post("/login", data={"name": "amt.soest", "password": "richtig-geheim-123", "csrf_token": before})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert csrf(client, "/") != before  # the old session (and its token) is gone


def test_wrong_password_and_missing_csrf(staff_app):
    client = staff_app.test_client()
    assert "Name oder Passwort ist falsch" in sign_in(client, "falsch").text
    assert client.post("/login", data={"name": "amt.soest", "password": "richtig-geheim-123"}).status_code == 400
    assert client.post("/logout").status_code == 400


def test_login_rate_limit(staff_app):
    client = staff_app.test_client()
    for _ in range(5):
        assert sign_in(client, "falsch").status_code == 200
    blocked = sign_in(client)
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0


def test_logout(staff_app):
    client = staff_app.test_client()
    sign_in(client)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text).group(1)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert PRIVATE not in client.get("/?q=Quxbarvertrag").text


def test_csv_export_is_for_staff_only(staff_app):
    client = staff_app.test_client()
    assert client.get("/export.csv").status_code == 404
    sign_in(client)
    response = client.get("/export.csv?region=Arnsberg")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["id", "title", "private"]
    assert {row[0] for row in rows[1:]} == {"s01_abfallverband-soest", "s02_vergabestelle-lippstadt", PRIVATE}
