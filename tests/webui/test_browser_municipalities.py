"""Municipality pages in a real browser (Debian's Chromium via Playwright): axe-core clean,
no wider than a 360 px phone, reached from the search box's suggestions."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.webui.test_browser import browser, browser_index, page, server  # noqa: F401 - fixtures used below

PATHS = ["/municipalities", "/municipalities/05974", "/municipalities/05974028", "/municipalities/05974040",
         "/municipalities/05974028?lang=en", "/municipalities/05913000", "/municipalities/abc"]


@pytest.mark.parametrize("path", PATHS)
def test_no_axe_violations(page, server, path):  # noqa: F811
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(server + path)
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()
    assert not [line for line in console if "Content Security Policy" in line], console


def test_no_wider_than_a_360px_phone(browser, server):  # noqa: F811
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE")
    phone = context.new_page()
    wide = {}
    for path in [*PATHS, "/?q=Abfall", "/profiles/s01_abfallverband-soest"]:
        phone.goto(server + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[path] = width
    assert wide == {}
    context.close()


def test_a_suggested_municipality_leads_to_its_page(page, server):  # noqa: F811
    page.goto(f"{server}/")
    page.fill("#q", "Lipp")
    link = page.locator("#place-links a", has_text="Lippstadt")
    expect(link).to_be_visible()
    expect(page.locator("#place-links")).to_contain_text("Seiten der Kommunen:")
    assert Axe().run(page).violations_count == 0
    link.click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Lippstadt")
    page.locator(".related a", has_text="Bielefeld").or_(page.locator(".related a").first).first.click()
    page.wait_for_load_state()
    assert "/municipalities/" in page.url


def test_from_a_profile_to_the_municipality_and_back_to_a_cooperation(page, server):  # noqa: F811
    page.goto(f"{server}/profiles/s02_vergabestelle-lippstadt")
    page.locator("a.place-page[href='/municipalities/05974016']").first.click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Erwitte")
    page.locator("a", has_text="Gemeinsame Vergabestelle Lippstadt und Erwitte").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/profiles/s02_vergabestelle-lippstadt")
