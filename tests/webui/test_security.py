"""Security sweeps: the private canary on every public route, hostile profile content."""

from __future__ import annotations

import pytest

from corpus import parse_profile
from index.build import build_index
from webui import create_app

PRIVATE = "s07_geheim-soest"
CANARY = "Quxbar"


def public_urls(app):
    """Every GET route of the app, with ids and queries that would reveal the canary."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        if "profile_id" in rule.arguments:
            for profile_id in (PRIVATE, "s01_abfallverband-soest"):
                urls.append(rule.build({"profile_id": profile_id}, append_unknown=False)[1])
        elif "key" in rule.arguments:  # municipality pages: one only the private profile names, its Kreis, another
            urls += [rule.build({"key": key}, append_unknown=False)[1] for key in ("05974040", "05974", "05974028")]
        elif "page" in rule.arguments:
            urls += [f"/{page}" for page in ("accessibility", "imprint", "privacy", "easy-language")]
        else:
            urls.append(rule.rule)
    extra = ["/?q=Soest", "/?keyword=Abfall", "/api/v1/search?q=Soest&per_page=100", "/api/v1/suggest?q=Qu",
             "/api/v1/suggest?q=Soest", "/municipalities?lang=en",
             "/api/v1/search?participant=Soest", "/export.csv", "/?q=Abfal", "/api/v1/nothing"]
    return urls + extra


@pytest.mark.parametrize("backend", ["whoosh", "postgres"])
def test_the_canary_appears_on_no_public_route(request, backend):
    app = request.getfixturevalue("app" if backend == "whoosh" else "pg_app")
    client = app.test_client()
    urls = public_urls(app)
    assert "/api/v1/search" in urls and "/api/v1/openapi.json" in urls and "/health" in urls
    assert "/municipalities/05974040" in urls and "/api/v1/municipalities/05974040" in urls
    for url in urls:
        response = client.get(url)
        text = response.get_data(as_text=True)
        assert CANARY not in text, url
        if PRIVATE in url:  # asked for by id: the same 404 as an unknown id, nothing more
            assert response.status_code == 404 and text.count(PRIVATE) <= 1, url
        else:
            assert PRIVATE not in text, url
        assert response.status_code < 500, url


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    text = ("<script>alert('titel')</script> Abfall \"onmouseover=\"x\n\nUnna\n\nStichworte:\n\n"
            "<img src=x onerror=alert(1)>, Abfall\n\n"
            "Ziel:\n\nDer <b>Ziel</b>-Text & mehr \"<script>alert('ziel')</script>\n\nLinks:\n\n"
            "javascript:alert('link')\nhttps://example.org/ok\nhttps://example.org/\"><script>x</script>\n")
    profile = parse_profile(text, profile_id="hostile")
    target = tmp_path_factory.mktemp("hostile")
    build_index([profile], target)
    return create_app({"INDEX": str(target), "TESTING": True, "SECRET_KEY": "x"}).test_client()


@pytest.mark.parametrize("url", ["/?q=Abfall", "/profiles/hostile", "/?keyword=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E",
                                 "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/api"])
def test_hostile_content_is_escaped(hostile_client, url):
    html = hostile_client.get(url).get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Ziel</b>" not in html
    assert 'href="javascript:' not in html and "onerror=alert(1)>" not in html


def test_only_safe_links_are_rendered(hostile_client):
    html = hostile_client.get("/profiles/hostile").get_data(as_text=True)
    assert '<a href="https://example.org/ok" rel="noopener noreferrer">' in html
    assert "javascript:alert(&#39;link&#39;)" in html  # shown as text, not linked
    assert 'href="https://example.org/&#34;' not in html and 'href="https://example.org/"><script>' not in html


def test_invalid_utf8_is_a_400(client):
    response = client.get("/api/v1/search?q=%ff%fe")
    assert response.status_code == 400 and response.json["error"]["parameter"] == "q"
    assert client.get("/?q=%ff").status_code == 400


def test_results_cached_for_staff_never_reach_the_public(index_dir, tmp_path):
    """Staff fill the result cache with every URL first; the public sweep finds nothing."""
    import re

    from webui.accounts import add_account

    accounts = tmp_path / "staff.json"
    add_account(accounts, "amt.soest", "richtig-geheim-123")
    app = create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t", "STAFF_FILE": str(accounts),
                      "RESULT_CACHE": 1000})
    staff = app.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', staff.get("/login").text).group(1)
    staff.post("/login", data={"name": "amt.soest", "password": "richtig-geheim-123", "csrf_token": token})
    by_canary = ["/?q=Quxbarvertrag", "/api/v1/search?q=Quxbarvertrag"]  # the query itself is echoed
    urls = [*public_urls(app), "/api/v1/search?per_page=100"]
    assert staff.get("/api/v1/search?q=Quxbarvertrag").json["total"] == 1
    for url in urls + by_canary:
        staff.get(url)
    assert app.extensions["ikz_search"].results.misses > 10  # the staff pass filled the cache
    public = app.test_client()
    for url in urls:
        text = public.get(url).get_data(as_text=True)
        assert CANARY not in text and (PRIVATE not in text or PRIVATE in url), url
    for url in by_canary:
        assert PRIVATE not in public.get(url).get_data(as_text=True), url
    assert public.get("/api/v1/search?q=Quxbarvertrag").json["total"] == 0
