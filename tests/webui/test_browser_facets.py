"""Every facet value findable, in a real browser: a long facet's search field filters its
list live with JavaScript and, without, is a GET form to the facet's page listing every
value (issue 21 item 3); the page has no axe violations."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.webui.test_browser import browser, browser_index, page, page_without_js, server  # noqa: F401

FACET = "details.facet:has(input[name=prefix][id=facet-search-participant])"


def open_facet(tab) -> None:
    """Open the participant facet (it may start collapsed)."""
    tab.locator(FACET).evaluate("details => { details.open = true; }")


def shown_values(tab) -> list[str]:
    return tab.locator(f"{FACET} li:visible > a:first-child").evaluate_all(
        "els => els.map(e => [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim())")


def test_typing_filters_the_facet_live(page, server):  # noqa: F811
    page.goto(server)
    open_facet(page)
    before = shown_values(page)
    page.fill("#facet-search-participant", "lipp")
    expect(page.locator(f"{FACET} li:visible")).to_have_count(1)
    assert shown_values(page) == ["Lippstadt"] and len(before) > 1
    page.fill("#facet-search-participant", "")
    # every value is back (the "show more" part, opened while filtering, stays open)
    expect(page.locator(f"{FACET} li[hidden]")).to_have_count(0)
    assert set(before) <= set(shown_values(page))
    # Enter still opens the page of every value, narrowed by the prefix
    page.fill("#facet-search-participant", "lipp")
    page.press("#facet-search-participant", "Enter")
    page.wait_for_url("**/facets/participant?prefix=lipp")
    page.get_by_role("link", name="Lippstadt").click()
    page.wait_for_url("**/?participant=Lippstadt")
    assert page.locator("[data-profile-id]").count() >= 1


def test_without_javascript_the_field_is_a_form(page_without_js, server):  # noqa: F811
    tab = page_without_js
    tab.goto(f"{server}/?state=Nordrhein-Westfalen")
    expect(tab.locator(FACET)).to_have_attribute("open", "")  # among the facets open from the start
    tab.fill("#facet-search-participant", "erw")
    tab.press("#facet-search-participant", "Enter")
    tab.wait_for_url("**/facets/participant?state=Nordrhein-Westfalen&prefix=erw")
    expect(tab.get_by_role("link", name="Erwitte")).to_be_visible()
    tab.get_by_role("link", name="Zurück zur Suche").click()
    tab.wait_for_url("**/?state=Nordrhein-Westfalen")


@pytest.mark.parametrize("path", ["/facets/participant?q=Abfall", "/?q=Abfall&sort=newest"])
def test_no_axe_violations(page, server, path):  # noqa: F811
    page.goto(server + path)
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()
