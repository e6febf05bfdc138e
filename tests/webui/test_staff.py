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


def test_a_failed_sign_in_keeps_the_name(staff_app):
    client = staff_app.test_client()
    html = sign_in(client, "falsch").text
    assert 'id="name" name="name" autocomplete="username" value="amt.soest"' in html
    assert 'autocomplete="current-password" required autofocus' in html  # the password is typed again
    assert 'value="richtig' not in html and 'value="falsch"' not in html
    odd = client.post("/login", data={"name": '"><b>x', "password": "y", "csrf_token": csrf(client)}).text
    assert 'value="&#34;&gt;&lt;b&gt;x"' in odd
    assert 'value=""' in client.get("/login").text


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
    assert rows[0][:3] == ["ID", "Titel", "nicht öffentlich"]
    assert {row[0] for row in rows[1:]} == {"s01_abfallverband-soest", "s02_vergabestelle-lippstadt", PRIVATE}
    assert {row[2] for row in rows[1:]} == {"ja", "nein"}
    english = list(csv.reader(io.StringIO(client.get("/export.csv?region=Arnsberg&lang=en").text.lstrip("\ufeff")),
                              delimiter=";"))
    assert english[0][:3] == ["ID", "Title", "not public"] and {row[2] for row in english[1:]} == {"yes", "no"}


def test_csv_export_has_kreis_land_contact_page_and_task_area(tmp_path, search_profiles):
    import dataclasses

    from index.build import build_index

    # one profile with a contact (the fixtures have none), written over two lines
    profiles = [dataclasses.replace(search_profiles[0], contact="Amt für Abfall\nTel. 02921 30-0"),
                *search_profiles[1:]]
    build_index(profiles, tmp_path / "index")
    accounts = tmp_path / "staff.json"
    add_account(accounts, "amt.soest", "richtig-geheim-123")
    client = create_app({"INDEX": str(tmp_path / "index"), "TESTING": True, "SECRET_KEY": "t",
                         "STAFF_FILE": str(accounts)}).test_client()
    search_profiles = profiles
    sign_in(client)
    rows = list(csv.reader(io.StringIO(client.get("/export.csv?region=Arnsberg&lang=en").text.lstrip("\ufeff")),
                           delimiter=";"))
    header = rows[0]
    for column in ("District", "State", "Contact", "Profile page", "Task area"):
        assert column in header
    by_id = {p.id: p for p in search_profiles}
    for row in rows[1:]:
        cells, profile = dict(zip(header, row, strict=True)), by_id[row[0]]
        assert cells["District"] == (profile.district or "") and cells["State"] == (profile.state or "")
        assert cells["Contact"] == " ".join((profile.contact or "").split())
        assert cells["Profile page"] == f"http://localhost/profiles/{profile.id}"
        assert client.get(cells["Profile page"]).status_code == 200
    assert "Amt für Abfall Tel. 02921 30-0" in [dict(zip(header, row, strict=True))["Contact"] for row in rows[1:]]


def test_apps_without_a_configured_secret_share_one_generated_key(index_dir, tmp_path):
    """Two workers started without IKZ_SECRET_KEY accept each other's sessions: the key is
    generated once into SECRET_KEY_FILE (mode 0600) and read by both."""
    accounts = tmp_path / "staff.json"
    add_account(accounts, "amt.soest", "richtig-geheim-123")
    secret = tmp_path / "var" / "secret_key"
    config = {"INDEX": str(index_dir), "TESTING": True, "STAFF_FILE": str(accounts), "SECRET_KEY_FILE": str(secret)}
    first, second = create_app(dict(config)), create_app(dict(config))
    client = first.test_client()
    assert sign_in(client).status_code == 302
    other = second.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    assert "Angemeldet als amt.soest" in other.get("/").text
    assert (secret.stat().st_mode & 0o777) == 0o600
    assert create_app(dict(config)).secret_key == first.secret_key  # and after a restart


def test_a_second_app_reads_the_key_the_first_wrote(tmp_path):
    from webui import persistent_secret

    path = tmp_path / "secret_key"
    assert persistent_secret(path) == persistent_secret(path) and len(persistent_secret(path)) >= 32
    path.write_text("short\n")
    with pytest.raises(ValueError, match="secret_key"):
        persistent_secret(path)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_logins_work_across_the_workers_of_ikz_serve(index_dir, tmp_path):
    """A real `ikz serve --workers 2` without IKZ_SECRET_KEY: every login of a series made on
    fresh connections (so the two workers share them) keeps its session and CSRF token."""
    import http.client
    import os
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    accounts = tmp_path / "staff.json"
    add_account(accounts, "amt.soest", "richtig-geheim-123")
    port = _free_port()
    environment = {k: v for k, v in os.environ.items() if k != "IKZ_SECRET_KEY"}
    environment.update(IKZ_STAFF_FILE=str(accounts), IKZ_SECRET_KEY_FILE=str(tmp_path / "secret_key"),
                       PYTHONPATH=str(ROOT))
    server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--index", str(index_dir), "--port", str(port),
                               "--workers", "2", "--threads", "1"], cwd=tmp_path, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def request(method, path, body=None, cookie=None):  # a new connection per request
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        headers = {"Connection": "close"}
        if cookie:
            headers["Cookie"] = cookie
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:  # closed also when the server is not up yet (refused): no socket left to the warnings
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheader("Set-Cookie") or "", response.read().decode()
        finally:
            connection.close()

    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                request("GET", "/health")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        statuses = []
        for _ in range(12):
            _, set_cookie, html = request("GET", "/login")
            cookie = set_cookie.split(";")[0]
            token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
            status, set_cookie, _ = request("POST", "/login", cookie=cookie,
                                            body=f"name=amt.soest&password=richtig-geheim-123&csrf_token={token}")
            signed_in = "Angemeldet als amt.soest" in request("GET", "/", cookie=set_cookie.split(";")[0])[2]
            statuses.append((status, signed_in))
        assert statuses == [(302, True)] * 12
    finally:
        server.terminate()
        server.wait(timeout=20)
