"""Deployment settings of the web app: default paths in the data home (``IKZ_HOME``), and
clients behind a reverse proxy."""

from __future__ import annotations

from webui import create_app


def test_secret_key_staff_file_and_instance_folder_live_in_ikz_home(index_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("IKZ_HOME", str(tmp_path))
    app = create_app({"INDEX": str(index_dir), "TESTING": True})
    assert app.instance_path == str(tmp_path / "instance")
    assert app.config["STAFF_FILE"] == str(tmp_path / "staff.json")
    assert app.config["SECRET_KEY"] == (tmp_path / "secret_key").read_text(encoding="ascii").strip()


def test_the_instance_config_is_read_from_ikz_home(index_dir, tmp_path, monkeypatch):
    (tmp_path / "instance").mkdir()
    (tmp_path / "instance" / "config.py").write_text('OPERATOR_NAME = "Amt für Tests"\n', encoding="utf-8")
    monkeypatch.setenv("IKZ_HOME", str(tmp_path))
    monkeypatch.setenv("IKZ_INDEX", str(index_dir))
    monkeypatch.setenv("IKZ_SECRET_KEY", "s" * 40)
    app = create_app()
    assert app.config["OPERATOR_NAME"] == "Amt für Tests"
    assert "Amt für Tests" in app.test_client().get("/imprint").text


def test_behind_a_trusted_proxy_the_rate_limit_counts_per_client(index_dir, tmp_path):
    config = {"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t", "RATE_LIMIT": 1}
    direct = create_app(config).test_client()
    proxied = create_app({**config, "TRUSTED_PROXIES": 1}).test_client()
    first, second = {"X-Forwarded-For": "192.0.2.1"}, {"X-Forwarded-For": "192.0.2.2"}
    assert [direct.get("/api/v1/suggest?q=ab", headers=h).status_code for h in (first, second)] == [200, 429]
    assert [proxied.get("/api/v1/suggest?q=ab", headers=h).status_code
            for h in (first, second, first)] == [200, 200, 429]
