"""Static files under versioned URLs with a year's caching, and the favicon (issue 21 item 8)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

import webui
from tests.webui.test_staff import sign_in, staff_app
from webui.assets import content_version

__all__ = ["staff_app"]

STATIC = Path(webui.__file__).parent / "static"
LONG = "public, max-age=31536000, immutable"


def test_pages_link_static_files_by_content_hash(client):
    html = client.get("/?q=Abfall").text
    urls = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert {url.split("?")[0] for url in urls} >= {"/static/style.css", "/static/favicon.svg", "/static/suggest.js",
                                                    "/static/announce.js", "/static/page.js"}
    for url in urls:
        path, version = re.fullmatch(r"/static/([^?]+)\?v=([0-9a-f]{12})", url).groups()
        assert version == hashlib.sha256((STATIC / path).read_bytes()).hexdigest()[:12]


def test_a_versioned_request_is_cached_for_a_year_others_are_revalidated(client):
    url = re.search(r'href="(/static/style.css\?v=[0-9a-f]+)"', client.get("/").text).group(1)
    with client.get(url) as response:
        assert response.status_code == 200 and response.headers["Cache-Control"] == LONG
        assert response.data == (STATIC / "style.css").read_bytes()
    for other in ("/static/style.css", "/static/style.css?v=000000000000"):  # none, or an old version
        with client.get(other) as response:
            assert response.status_code == 200 and "immutable" not in response.headers.get("Cache-Control", "")
            assert "max-age=31536000" not in response.headers.get("Cache-Control", "")


def test_static_files_are_cached_for_signed_in_staff_too(staff_app):
    client = staff_app.test_client()
    sign_in(client)
    page = client.get("/")
    assert page.headers["Cache-Control"] == "private, no-store"
    url = re.search(r'src="(/static/page.js\?v=[0-9a-f]+)"', page.text).group(1)
    with client.get(url) as response:
        assert response.headers["Cache-Control"] == LONG


def test_favicon(client):
    html = client.get("/").text
    assert re.search(r'<link rel="icon" href="/static/favicon.svg\?v=[0-9a-f]+" type="image/svg\+xml">', html)
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200 and response.mimetype == "image/x-icon"
        assert response.data[:4] == b"\0\0\1\0"  # an ICO header
        assert "public" in response.headers["Cache-Control"]


@pytest.mark.parametrize("name", ["../__init__.py", "nothing.css", "", "/etc/passwd"])
def test_no_version_outside_the_static_folder_or_for_missing_files(name):
    assert content_version(str(STATIC), name) is None
