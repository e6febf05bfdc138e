"""The web app's default paths derive from the data home (``IKZ_HOME``)."""

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
