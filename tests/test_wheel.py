"""The product as an operator installs it: an sdist and a wheel built from the tracked files of
the working tree, the wheel installed into a fresh virtual environment outside the source tree,
and ``ikz`` run from an empty folder (issue 13).

One test, so that the wheel is built once per run, also under pytest-xdist. Most of its time
goes to ``ikz index build`` and ``ikz eval`` over the bundled corpus (the eval runs while the
server is tested).
Offline and fast by design:
- the sdist and the wheel are built by calling setuptools' PEP 517 hooks in a subprocess with
  the setuptools of the test environment (no build isolation, nothing downloaded), the wheel
  from the unpacked sdist as ``python -m build`` does;
- the wheel is installed with ``pip --python … install --no-deps --no-index`` into a venv
  created without pip, and that venv sees the already installed dependencies through a
  ``.pth`` line naming this environment's site-packages. A plain path line does not run the
  ``.pth`` files found there, so the editable install of the checkout stays invisible; the
  test checks that every package is imported from the new venv.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import sysconfig
import tarfile
import time
import tomllib
import zipfile
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("cli", "corpus", "index", "search", "webui")
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# few hits: a cold search analyses each hit for its snippet, and a search has one second
QUERY = "Deichschau"


def tracked_files() -> list[str]:
    """What a clean clone holds (with the working tree's contents): git's tracked files, or,
    in an unpacked sdist without git, every file but caches and build output."""
    if (ROOT / ".git").exists():
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True,
                                text=True).stdout.split("\0")
        return sorted(path for path in listed if path and (ROOT / path).is_file())
    skipped = {".venv", "var", "build", "dist", "__pycache__", ".pytest_cache", ".hypothesis"}
    return sorted(str(path.relative_to(ROOT)) for path in ROOT.rglob("*") if path.is_file()
                  and not skipped.intersection(path.relative_to(ROOT).parts)
                  and not any(part.endswith(".egg-info") for part in path.relative_to(ROOT).parts))


def run(command: list[str], cwd: Path, env: dict[str, str], expect: int = 0, stdin: str | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, env=env, input=stdin, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == expect, f"{command}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def build_hook(hook: str, source: Path, out: Path, env: dict[str, str]) -> Path:
    """Run setuptools' PEP 517 ``build_sdist`` or ``build_wheel`` in ``source``."""
    out.mkdir()
    code = f"import sys; from setuptools import build_meta; print(build_meta.{hook}(sys.argv[1]))"
    name = run([sys.executable, "-c", code, str(out)], cwd=source, env=env).stdout.strip().splitlines()[-1]
    return out / name


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str, body: str | None = None, cookie: str = "") -> tuple[int, dict[str, str], bytes]:
    """GET, or POST a form when ``body`` is given: (status, headers, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Connection": "close", "Cookie": cookie}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request("GET" if body is None else "POST", path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def wait_for_server(server: subprocess.Popen, port: int, log: Path) -> None:
    """Until the server accepts connections (gunicorn binds before its workers load the app;
    a request made then waits for a worker). Fails when the server exits."""
    deadline = time.monotonic() + 120
    while True:
        assert server.poll() is None, f"ikz serve exited with {server.returncode}:\n{log.read_text(encoding='utf-8')}"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert time.monotonic() < deadline, "ikz serve did not listen within two minutes"
            time.sleep(0.1)


def test_the_wheel_installs_indexes_searches_and_serves_from_an_empty_folder(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("IKZ_") and key != "PYTHONPATH"}
    files = tracked_files()

    # 1. an sdist from a copy of the tracked files: it holds every one of them
    source = tmp_path / "source"
    for path in files:
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        (source / path).write_bytes((ROOT / path).read_bytes())
    sdist = build_hook("build_sdist", source, tmp_path / "sdist", env)
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        in_sdist = {name.removeprefix(top + "/") for name in archive.getnames()}
        archive.extractall(tmp_path / "unpacked", filter="data")
    assert [path for path in files if path not in in_sdist] == []

    # 2. the wheel from the unpacked sdist: every tracked non-Python file of a package, the
    # licence files, and nothing outside the packages
    wheel = build_hook("build_wheel", tmp_path / "unpacked" / top, tmp_path / "dist", env)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"ikz_suche-{PROJECT['version']}.dist-info/METADATA").decode()
    package_data = [path for path in files if path.split("/")[0] in PACKAGES and not path.endswith(".py")]
    assert "webui/translations/de/LC_MESSAGES/messages.mo" in package_data
    assert [path for path in package_data if path not in names] == []
    info = f"ikz_suche-{PROJECT['version']}.dist-info"
    assert {name.split("/")[0] for name in names} == {*PACKAGES, info}
    assert {f"{info}/licenses/LICENSE", f"{info}/licenses/NOTICE"} <= names
    assert "License-Expression: MIT" in metadata and "License-File: NOTICE" in metadata

    # 3. a fresh venv outside the source tree; the dependencies of this environment by a .pth line
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path, env=env)
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
         "--no-cache-dir", str(wheel)], cwd=tmp_path, env=env)
    purelib = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                       cwd=tmp_path, env=env).stdout.strip())
    (purelib / "ikz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    script = f"import {', '.join(PACKAGES)}; print({', '.join(f'{p}.__file__' for p in PACKAGES)})"
    located = run([str(python), "-c", script], cwd=tmp_path, env=env).stdout
    assert located.count(str(purelib)) == len(PACKAGES) and str(ROOT) not in located, located

    # 4. from an empty folder, everything in the data home IKZ_HOME
    ikz = str(venv / "bin" / "ikz")
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    env_home = {**env, "IKZ_HOME": str(home)}
    assert run([ikz, "--version"], cwd=work, env=env).stdout.strip() == f"ikz {PROJECT['version']}"
    built = run([ikz, "index", "build"], cwd=work, env=env_home)
    assert f"indexed {len(list((ROOT / 'corpus' / 'profiles').glob('*.txt')))} profiles, skipped 0" in built.stderr
    assert (home / "index" / "current").exists()
    found = json.loads(run([ikz, "search", "--json", QUERY], cwd=work, env=env_home).stdout)
    assert found["total"] > 0 and found["hits"][0]["snippet"]
    run([ikz, "staff", "add", "--password-stdin", "amt.wheel"], cwd=work, env=env_home, stdin="ein-langes-passwort\n")
    assert run([ikz, "staff", "list"], cwd=work, env=env_home).stdout.split() == ["amt.wheel"]
    assert "amt.wheel" in json.loads((home / "staff.json").read_text(encoding="utf-8"))["users"]
    # without IKZ_HOME an installed ikz uses the platform's data directory
    elsewhere = {**env, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    missing = run([ikz, "search", QUERY], cwd=work, env=elsewhere, expect=2)
    assert str(tmp_path / "xdg" / "ikz-suche" / "index") in missing.stderr
    # … and says what to set when there is none (a system user without a home directory)
    homeless = {key: value for key, value in env.items() if key != "XDG_DATA_HOME"} | {"HOME": str(tmp_path / "nobody")}
    refused = run([ikz, "serve", "--index", str(home / "index")], cwd=work, env=homeless, expect=1)
    assert "set IKZ_HOME" in refused.stderr
    # the judgments are test data, not in the wheel: the error names the option
    assert "--judgments" in run([ikz, "eval"], cwd=work, env=env_home, expect=2).stderr
    # with the first three items of each judgment file: what is tested here is that eval runs
    # from the wheel; the full judgments are `make eval`'s
    judgments = tmp_path / "judgments"
    judgments.mkdir()
    for name, key in (("queries.json", "queries"), ("heldout.json", "queries"), ("similar.json", "similar")):
        data = json.loads((ROOT / "tests" / "relevance" / name).read_text(encoding="utf-8"))
        (judgments / name).write_text(json.dumps({key: data[key][:3]}), encoding="utf-8")
    evaluation = subprocess.Popen([ikz, "eval", "--json", "--judgments", str(judgments)], cwd=work,
                                  env=env_home, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # 5. ikz serve: German and English pages, the stylesheet, the JSON API, the instance config
        (home / "instance").mkdir()
        (home / "instance" / "config.py").write_text('OPERATOR_NAME = "Zweckverband Wheel-Test"\n', encoding="utf-8")
        port = free_port()
        log = tmp_path / "serve.log"
        with log.open("w", encoding="utf-8") as output:
            server = subprocess.Popen([ikz, "serve", "--port", str(port), "--workers", "1", "--threads", "2"], cwd=work,
                                      env=env_home, stdout=output, stderr=subprocess.STDOUT)
        try:
            wait_for_server(server, port, log)
            status, headers, german = fetch(port, f"/?q={QUERY}")
            assert (status, headers["content-type"].split(";")[0]) == (200, "text/html")
            assert '<html lang="de">' in german.decode() and ">Suchen</button>" in german.decode()
            status, _, english = fetch(port, f"/?q={QUERY}&lang=en")
            assert status == 200 and '<html lang="en">' in english.decode()
            assert ">Search</button>" in english.decode() and ">Suchen</button>" not in english.decode()
            status, headers, css = fetch(port, "/static/style.css")
            assert (status, headers["content-type"].split(";")[0]) == (200, "text/css")
            assert css == (ROOT / "webui/static/style.css").read_bytes()
            status, headers, api = fetch(port, f"/api/v1/search?q={QUERY}")
            assert (status, headers["content-type"].split(";")[0]) == (200, "application/json")
            assert [hit["id"] for hit in json.loads(api)["hits"]] == [hit["id"] for hit in found["hits"]]
            status, _, imprint = fetch(port, "/imprint")
            assert status == 200 and "Zweckverband Wheel-Test" in imprint.decode()
            # the account added above signs in: the server reads staff.json in IKZ_HOME
            _, headers, form = fetch(port, "/login")
            cookie = headers["set-cookie"].split(";")[0]
            token = re.search(r'name="csrf_token" value="([^"]+)"', form.decode()).group(1)
            status, headers, _ = fetch(port, "/login", cookie=cookie,
                                       body=f"name=amt.wheel&password=ein-langes-passwort&csrf_token={token}")
            assert status == 302
            _, _, page = fetch(port, "/", cookie=headers["set-cookie"].split(";")[0])
            assert "Angemeldet als amt.wheel" in page.decode()
        finally:
            server.terminate()
            server.wait(timeout=30)
        assert (home / "secret_key").stat().st_mode & 0o777 == 0o600
        assert sorted(path.name for path in work.iterdir()) == []  # nothing written to the working directory

        out, err = evaluation.communicate(timeout=300)
    finally:
        if evaluation.returncode is None:  # a failure above: stop it and close its pipes
            evaluation.kill()
            evaluation.communicate()
    assert evaluation.returncode == 0, err
    report = json.loads(out)
    assert [report[key]["all"]["queries"] for key in ("ikz", "ikz_heldout")] == [3, 3]
    assert report["ikz"]["all"]["private_leaks"] == 0
    assert report["similar"]["sources"] == 3
