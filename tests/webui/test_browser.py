"""The web UI in a real browser: Debian's Chromium driven by Playwright, against the app
served by waitress (a real WSGI server) on 127.0.0.1, with axe-core checks."""

from __future__ import annotations

import json
import re
import threading
import urllib.request
from pathlib import Path

import pytest
import waitress
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from tests.conftest import DATA
from webui import create_app
from webui.accounts import add_account

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PRIVATE = "s07_geheim-soest"


LONG_LINKS = "w01_geodaten-bielefeld"  # tests/webui/data: long links and words, like the bundled corpus


@pytest.fixture(scope="module")
def browser_index(tmp_path_factory, gazetteer):
    """tests/data/search_profiles plus tests/webui/data (a profile with long links)."""
    from corpus import load_profiles
    from index.build import build_index

    loaded = load_profiles([DATA / "search_profiles", Path(__file__).parent / "data"], gazetteer)
    assert not loaded.errors
    target = tmp_path_factory.mktemp("browser-index")
    build_index(loaded.profiles, target)
    return target


@pytest.fixture(scope="module")
def server(browser_index, tmp_path_factory):
    accounts = tmp_path_factory.mktemp("staff") / "staff.json"
    add_account(accounts, "amt.soest", "richtig-geheim-123")
    app = create_app({"INDEX": str(browser_index), "SECRET_KEY": "browser", "STAFF_FILE": str(accounts)})
    wsgi = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=wsgi.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{wsgi.effective_port}"
    wsgi.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(locale="de-DE")
    yield context.new_page()
    context.close()


@pytest.fixture()
def page_without_js(browser):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    yield context.new_page()
    context.close()


def hit_ids(page):
    return page.locator("[data-profile-id]").evaluate_all("els => els.map(e => e.dataset.profileId)")


def sign_in(page, server):
    page.goto(f"{server}/login")
    page.fill("#name", "amt.soest")
    page.fill("#password", "richtig-geheim-123")
    page.click("form.login-form button")
    expect(page.locator("text=Angemeldet als amt.soest")).to_be_visible()


def facet_counts(page, label: str) -> dict[str, int]:
    """Value → count of one facet group as shown (its summary is ``label``)."""
    group = page.locator("details.facet", has=page.locator(f"summary:text-is('{label}')"))
    items = group.locator("li a").evaluate_all("els => els.map(e => e.textContent)")
    matches = (re.search(r"[☐☑]\s*(.+?)\s*\((\d+)\)", t) for t in items)
    return {m.group(1).strip(): int(m.group(2)) for m in matches if m}


@pytest.mark.parametrize("fixture", ["page", "page_without_js"])
def test_search_and_toggle_a_facet(request, server, fixture):
    page = request.getfixturevalue(fixture)
    page.goto(server)
    page.fill("#q", "Abfall")
    page.click("form.search-form button[type=submit]")
    expect(page.locator("#result-count")).to_have_text("2 Kooperationen")
    keywords, regions = facet_counts(page, "Stichwort"), facet_counts(page, "Regierungsbezirk (beteiligt)")
    assert keywords == {"Abfall": 1, "Müllabfuhr": 1, "Wertstoffhof": 1}
    page.locator(".facets a", has_text="Landkreis Emsland").first.click()
    expect(page.locator("#result-count")).to_have_text("1 Kooperation")
    # the other facets count within the filter now
    assert facet_counts(page, "Stichwort") == {"Müllabfuhr": 1}
    assert facet_counts(page, "Regierungsbezirk (beteiligt)") != regions
    assert hit_ids(page) == ["s06_muellabfuhr-emsland"]
    expect(page.locator(".chips")).to_contain_text("Landkreis Emsland")
    page.locator(".chips a").first.click()  # remove the filter again
    expect(page.locator("#result-count")).to_have_text("2 Kooperationen")


@pytest.mark.parametrize("fixture", ["page", "page_without_js"])
def test_start_from_a_task_area_and_toggle_another(request, server, fixture):
    page = request.getfixturevalue(fixture)
    page.goto(server)
    grid = page.get_by_role("navigation", name="Nach Aufgabenbereich suchen")
    expect(grid.get_by_role("listitem")).to_have_count(16)
    expect(grid.get_by_role("link")).to_have_count(7)  # areas with public cooperations only (16 is private)
    grid.get_by_role("link", name=re.compile(r"^11 Ver- und Entsorgung 2 Kooperationen$")).click()
    expect(page.locator("#result-count")).to_have_text("2 Kooperationen")
    assert page.url.endswith("/?area=11") and page.locator(".area-grid").count() == 0
    assert sorted(hit_ids(page)) == ["s01_abfallverband-soest", "s06_muellabfuhr-emsland"]
    areas = facet_counts(page, "Aufgabenbereich")
    assert areas["11 Ver- und Entsorgung"] == 2 and areas["07 Gesundheitsdienste"] == 1
    assert "16 Allgemeine Finanzwirtschaft" not in areas
    page.locator(".facets a", has_text="07 Gesundheitsdienste").click()  # OR within the facet
    expect(page.locator("#result-count")).to_have_text("3 Kooperationen")
    expect(page.locator(".chips")).to_contain_text("Aufgabenbereich: 07 Gesundheitsdienste")
    page.locator(".facets a.selected", has_text="11 Ver- und Entsorgung").click()
    expect(page.locator("#result-count")).to_have_text("1 Kooperation")
    assert hit_ids(page) == ["s08_aerztenetz-mettmann"]


@pytest.mark.parametrize("fixture", ["page", "page_without_js"])
def test_year_range(request, server, fixture):
    page = request.getfixturevalue(fixture)
    page.goto(server)
    page.fill("#year_from", "2005")
    page.fill("#year_to", "2015")
    page.click(".year-form button")
    expect(page.locator("#result-count")).to_have_text("3 Kooperationen")
    assert "year_from=2005" in page.url


@pytest.mark.parametrize("fixture", ["page", "page_without_js"])
def test_language_switch(request, server, fixture):
    page = request.getfixturevalue(fixture)
    page.goto(f"{server}/?q=Abfall")
    page.click("text=English")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#result-count")).to_have_text("2 cooperations")
    page.goto(server)  # the choice is remembered
    expect(page.locator("h1")).to_have_text("Find inter-municipal cooperations")


@pytest.mark.parametrize("fixture", ["page", "page_without_js"])
def test_profile_page_with_similar_cooperations(request, server, fixture):
    page = request.getfixturevalue(fixture)
    page.goto(f"{server}/?q=Abfall")
    page.locator(".hit h3 a").first.click()
    expect(page.locator("h1")).to_have_text("Abfallzweckverband Kreis Soest")
    expect(page.locator("#similar-heading")).to_have_text("Ähnliche Kooperationen")
    assert page.locator(".related [data-profile-id]").count() >= 1
    similar = page.locator(".related [data-profile-id] a").first
    title = similar.text_content()
    similar.click()
    expect(page.locator("h1")).to_have_text(title)
    page.locator(".back a").click()  # back to the search the first profile was opened from
    expect(page.locator("#result-count")).to_have_text("2 Kooperationen")
    assert page.input_value("#q") == "Abfall"


@pytest.mark.parametrize("fixture", ["page", "page_without_js"])
def test_staff_see_a_private_profile_the_public_cannot_reach(request, browser, server, fixture):
    page = request.getfixturevalue(fixture)
    response = page.goto(f"{server}/profiles/{PRIVATE}")
    assert response.status == 404
    sign_in(page, server)
    page.goto(f"{server}/?q=Quxbarvertrag")
    assert hit_ids(page) == [PRIVATE]
    expect(page.locator(".badge.private").first).to_have_text("nicht öffentlich")
    assert page.goto(f"{server}/profiles/{PRIVATE}").status == 200
    public = browser.new_context().new_page()
    assert public.goto(f"{server}/profiles/{PRIVATE}").status == 404
    public.context.close()


def _tab_until(page, condition: str, limit: int, what: str) -> None:
    """Press Tab until the JavaScript ``condition`` holds for the focused element."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return
    pytest.fail(f"no {what} reachable by keyboard")


def test_keyboard_only(page, server):
    page.goto(f"{server}/?q=Abfall")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link").first).to_be_focused()
    # tab to the first facet link and toggle it, then to a result and open it
    _tab_until(page, "document.activeElement.closest('.facets') !== null && document.activeElement.tagName === 'A'",
               40, "facet link")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".chips")).to_be_visible()
    _tab_until(page, "document.activeElement.closest('.hit') !== null", 80, "result")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/profiles/"))


STATIC_PATHS = ["/accessibility", "/imprint", "/privacy", "/easy-language", "/api", "/login"]


def public_profile_ids(server) -> list[str]:
    with urllib.request.urlopen(f"{server}/api/v1/search?per_page=100") as response:
        data = json.load(response)
    assert data["total"] == len(data["hits"])
    return [hit["id"] for hit in data["hits"]]


def test_usable_on_a_360px_phone(browser, server):
    """No page is wider than a 360 px phone: search pages, every static page and every
    public profile of the index (one with long links among them)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE")
    page = context.new_page()
    ids = public_profile_ids(server)
    assert LONG_LINKS in ids
    paths = ["/", "/?q=Abfall", "/?q=gibtesnicht", "/?page=50", "/?lang=en&q=Abfall", "/nothing", *STATIC_PATHS,
             *(f"/profiles/{profile_id}" for profile_id in ids)]
    wide = {}
    for path in paths:
        page.goto(server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[path] = width
    assert wide == {}
    context.close()


def test_results_come_first_on_a_phone(browser, server):
    """At 360 × 740 the first hit starts within the first screen and a half, and a skip
    link leads to the results (the facets follow them on narrow screens)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE")
    page = context.new_page()
    page.goto(f"{server}/?q=Abfall")
    top = page.locator(".hit").first.evaluate("e => e.getBoundingClientRect().top + window.scrollY")
    assert top < 740 * 1.5
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Zu den Ergebnissen")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#results"
    context.close()


def announced(page) -> list[str]:
    """What the page's status regions announced, read once announce.js has filled its
    region (its one change to it, made a moment after the page has loaded)."""
    expect(page.locator("p.visually-hidden[role=status]")).not_to_be_empty()
    return page.evaluate("window.announced")


def test_result_count_is_announced_after_each_load(page, server):
    """Screen readers announce a live region's changes, not what a page loads with: after
    every load (filters are links) the count is put into an empty status region."""
    page.add_init_script("""
        window.announced = [];
        document.addEventListener("DOMContentLoaded", () => new MutationObserver(records => records.forEach(r => {
            const region = (r.target.nodeType === 1 ? r.target : r.target.parentElement).closest('[role=status]');
            if (region && region.textContent.trim()) window.announced.push(region.textContent.trim());
        })).observe(document, {subtree: true, childList: true, characterData: true}));
    """)  # changes after the page has loaded: what the page itself brings is not announced
    page.goto(f"{server}/?q=Abfall")
    assert announced(page) == ["2 Kooperationen"]
    expect(page.locator("#result-count")).to_have_text("2 Kooperationen")  # still shown as before
    assert page.locator("[role=status]").count() == 1
    page.locator(".facets a", has_text="Landkreis Emsland").first.click()
    page.wait_for_load_state()
    assert announced(page) == ["1 Kooperation"]


def test_prints_cleanly(page, server):
    page.goto(f"{server}/?q=Abfall")
    page.emulate_media(media="print")
    assert not page.locator(".facets").is_visible() and not page.locator(".search-form").is_visible()
    assert page.locator(".hit").first.is_visible()
    assert page.pdf()[:4] == b"%PDF"


def test_no_external_resources(page, server):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{server}/?q=Abfall")
    page.goto(f"{server}/profiles/s01_abfallverband-soest")
    assert requested and all(url.startswith(server) for url in requested)


@pytest.mark.parametrize(
    "path",
    ["/", "/?q=Abfall", "/?q=Abfall&region=Arnsberg&year_from=1970", "/?q=gibtesnicht",
     "/?q=Feuerwehr&region=Detmold", "/?page=50", "/profiles/s01_abfallverband-soest", f"/profiles/{LONG_LINKS}",
     "/login", "/nothing", "/?page=0", "/accessibility", "/imprint", "/privacy", "/easy-language", "/api",
     "/?lang=en&q=Abfall", "/?lang=en", "/?area=11&area=07"],
)
def test_no_axe_violations_and_no_csp_violations(page, server, path):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(server + path)
    if page.locator("#q").count():  # with the suggestions the script puts into the page
        page.fill("#q", "ab")
        expect(page.locator("#suggestions option").first).to_be_attached()
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()
    assert not [line for line in console if "Content Security Policy" in line], console


def test_no_axe_violations_for_signed_in_staff(page, server):
    sign_in(page, server)
    page.goto(f"{server}/profiles/{PRIVATE}")
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()
