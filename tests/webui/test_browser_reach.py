"""Browser tests of issue 19's pages (statistics, widget) in Debian's Chromium, with the
fixtures of ``test_browser``: the app under waitress, axe-core checks."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.webui.test_browser import browser, browser_index, page, server, sign_in  # noqa: F401 - fixtures

__all__ = ["browser", "browser_index", "page", "server"]


def test_statistics_page_for_staff_is_accessible(page, server):  # noqa: F811
    for _ in range(3):
        page.goto(f"{server}/?q=Abfall&region=Arnsberg")
    sign_in(page, server)
    page.goto(f"{server}/stats")
    expect(page.locator("h1")).to_have_text("Suchstatistik")
    expect(page.locator("svg.stats-chart")).to_have_attribute("role", "img")
    expect(page.locator("th[scope=row]", has_text="abfall")).to_be_visible()
    page.locator("details summary").first.click()  # the table behind the chart
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()
