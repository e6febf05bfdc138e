"""The search page as people use it (issue 21 items 1, 6, 8) in Debian's Chromium, with the
fixtures of ``test_browser``: filters reachable on a 360 px phone, focus after filtering,
a reversed year range, the error page's way back, sorting on change, axe-core checks."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.webui.test_browser import browser, browser_index, hit_ids, page, page_without_js, server

__all__ = ["browser", "browser_index", "page", "page_without_js", "server"]

PHONE = {"width": 360, "height": 740}


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def phone(request, browser):
    context = browser.new_context(viewport=PHONE, locale="de-DE", java_script_enabled=request.param)
    page = context.new_page()
    page.javascript = request.param
    yield page
    context.close()


def in_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def in_view(page, selector: str) -> bool:
    return page.evaluate(f"""(() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect();
        return r.top < window.innerHeight && r.bottom > 0; }})()""")


def test_the_filter_control_is_on_the_first_phone_screen_and_leads_to_the_filters(phone, server):
    phone.goto(f"{server}/?q=Abfall")
    control = phone.locator(".filter-link a")
    expect(control).to_have_text("Filter (0)")
    assert in_first_screen(control)
    assert in_first_screen(phone.locator(".hit h3").first)  # results, not only form and controls
    assert not in_view(phone, "#facets-heading")
    control.click()
    assert phone.evaluate("location.hash") == "#filters"
    assert in_view(phone, "#facets-heading")
    # the facets people use most are open
    for label in ("Beteiligte Kommune", "Kreis (beteiligt)", "Stichwort"):
        expect(phone.locator("details.facet", has=phone.locator(f"summary:text-is('{label}')"))).to_have_attribute(
            "open", "")
    land = phone.locator("details.facet", has=phone.locator("summary:text-is('Land (beteiligt)')"))
    expect(land).not_to_have_attribute("open", "")
    # and from the filters back to the results
    phone.locator(".to-results a").click()
    assert phone.evaluate("location.hash") == "#results" and in_view(phone, ".hit")


@pytest.mark.parametrize("path", ["/?q=Abfal", "/?q=Abfal&district=Landkreis+Emsland&keyword=M%C3%BCllabfuhr",
                                  "/?q=Abfall&year_from=2025&year_to=1990"])
def test_correction_chips_and_notes_leave_results_on_the_first_phone_screen(browser, server, path):
    context = browser.new_context(viewport=PHONE, locale="de-DE")
    page = context.new_page()
    page.goto(server + path)
    assert in_first_screen(page.locator(".filter-link a")) and in_first_screen(page.locator(".hit h3").first)
    context.close()


def test_focus_stays_on_the_facet_just_changed(phone, server):
    phone.goto(f"{server}/?q=Abfall#filters")
    group = phone.locator("details", has=phone.locator("#facet-district"))
    group.locator("a", has_text="Landkreis Emsland").click()
    expect(phone.locator("#result-count")).to_have_text("1 Kooperation")
    expect(phone.locator(".filter-link a")).to_have_text("Filter (1)")
    assert phone.evaluate("location.hash") == "#facet-district"
    if phone.javascript:  # the link just chosen has the focus again (now selected)
        focused = phone.locator(":focus")
        expect(focused).to_have_class("selected")
    assert in_view(phone, "#facet-district")  # not the top of the page
    if not phone.javascript:  # the browser focuses the facet's heading
        expect(phone.locator(":focus")).to_have_id("facet-district")
    if phone.javascript:
        expect(focused).to_contain_text("Landkreis Emsland")
        assert focused.evaluate("e => e.closest('details').querySelector('summary').id") == "facet-district"
        phone.keyboard.press("Enter")  # and choosing it again removes the filter
        expect(phone.locator("#result-count")).to_have_text("2 Kooperationen")
        expect(phone.locator(":focus")).to_contain_text("Landkreis Emsland")


@pytest.mark.parametrize("fixture", ["page", "page_without_js"])
def test_a_reversed_year_range_is_swapped(request, server, fixture):
    page = request.getfixturevalue(fixture)
    page.goto(f"{server}/?q=Abfall")
    page.fill("#year_from", "2025")
    page.fill("#year_to", "1990")
    page.click(".year-form button")
    expect(page.locator(".problems .notice")).to_have_text(
        "Die Jahre standen in umgekehrter Reihenfolge und wurden getauscht: von 1990 bis 2025.")
    expect(page.locator("#year_from")).to_have_value("1990")
    expect(page.locator("#year_to")).to_have_value("2025")
    expect(page.locator("#result-count")).to_have_text("1 Kooperation")  # the one since 2001 (not 1978)
    assert hit_ids(page) == ["s06_muellabfuhr-emsland"]
    assert page.input_value("#q") == "Abfall"


@pytest.mark.parametrize("fixture", ["page", "page_without_js"])
def test_invalid_input_is_named_next_to_its_field(request, server, fixture):
    page = request.getfixturevalue(fixture)
    page.goto(f"{server}/?q=Abfall&region=Arnsberg&sort=beste")
    expect(page.locator("#sort-problem")).to_have_text(
        "„beste“ ist keine Sortierung; stattdessen nach Relevanz sortiert.")
    expect(page.locator("#sort")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".chips")).to_contain_text("Arnsberg")
    page.locator(".problems a[href='#sort']").click()
    assert page.evaluate("location.hash") == "#sort"


@pytest.mark.parametrize("fixture", ["page", "page_without_js"])
def test_the_error_page_leads_back_to_the_search(request, server, fixture):
    page = request.getfixturevalue(fixture)
    # a search with a parameter the page does not know (a hand-edited or outdated link)
    response = page.goto(f"{server}/?q=Abfall&region=Arnsberg&farbe=blau")
    assert response.status == 400
    page.get_by_role("link", name="Zurück zu Ihrer Suche").click()
    expect(page.locator("#result-count")).to_have_text("1 Kooperation")
    assert page.input_value("#q") == "Abfall" and "farbe" not in page.url
    # a link of this site to a page that does not exist (the Referer names the search)
    page.evaluate("""(() => { const a = document.createElement("a"); a.href = "/profiles/weg";
                    a.textContent = "weg"; document.querySelector("main").append(a); })()""") \
        if fixture == "page" else None
    if fixture == "page":
        page.locator("main a", has_text="weg").click()
        expect(page.locator("h1")).to_contain_text("gibt es nicht")
        page.get_by_role("link", name="Zurück zu Ihrer Suche").click()
        expect(page.locator("#result-count")).to_have_text("1 Kooperation")


def test_sorting_applies_on_change_with_javascript(page, server):
    page.goto(f"{server}/?q=Abfall")
    expect(page.locator(".sort-form button")).to_be_hidden()
    page.select_option("#sort", "title")
    page.wait_for_url(re.compile(r"sort=title"))
    expect(page.locator("#sort")).to_have_value("title")
    assert hit_ids(page) == sorted(hit_ids(page), key=lambda i: page.locator(
        f"[data-profile-id='{i}'] h3 a").text_content())


def test_sorting_without_javascript_has_its_button(page_without_js, server):
    page_without_js.goto(f"{server}/?q=Abfall")
    page_without_js.select_option("#sort", "title")
    page_without_js.click(".sort-form button")
    assert "sort=title" in page_without_js.url


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", [
    "/?q=Abfall", "/?q=Abfall&district=Landkreis+Emsland#facet-district", "/?q=Abfall&year_from=2025&year_to=1990",
    "/?q=Abfall&year_from=zwanzig&sort=x&page=0", "/?q=Abfall&farbe=blau",
    "/?lang=en&q=Abfall&sort=x&year_from=2025&year_to=1990", "/profiles/s01_abfallverband-soest?back=q%3DAbfall",
    "/profiles/w01_geodaten-bielefeld", "/profiles/s01_abfallverband-soest/similar?limit=2",
    "/profiles/s01_abfallverband-soest/similar?lang=en", "/nothing"])
def test_no_axe_violations_on_phone_and_desktop(browser, server, viewport, path):
    context = browser.new_context(viewport=viewport, locale="de-DE")
    page = context.new_page()
    page.goto(server + path)
    result = Axe().run(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert result.violations_count == 0, result.generate_report()
    assert width <= viewport["width"]


def test_contact_links_on_a_profile(page, server):
    page.goto(f"{server}/profiles/w01_geodaten-bielefeld")
    mail = page.locator("address a[href^='mailto:']")
    expect(mail).to_have_text("geodateninfrastruktur-umlandgemeinden@example.org")
    expect(mail).to_have_attribute("href", "mailto:geodateninfrastruktur-umlandgemeinden@example.org")


@pytest.mark.parametrize("fixture", ["page", "page_without_js"])
def test_more_similar_cooperations_and_back(request, server, fixture):
    page = request.getfixturevalue(fixture)
    page.goto(f"{server}/?q=Abfall")
    page.locator(".hit h3 a").first.click()
    expect(page.locator("#similar-heading")).to_be_visible()  # the profile page, not the search still
    shown = page.locator(".similar-hits > li").count()
    page.get_by_role("link", name="Weitere ähnliche Kooperationen").click()
    expect(page.locator("h1")).to_contain_text("Kooperationen ähnlich wie")
    expect(page.locator(".similar-hits > li").first).to_be_visible()
    assert page.locator(".similar-hits > li").count() >= shown > 0
    expect(page.locator(".similar-hits .meta").first).to_contain_text("seit")
    page.get_by_role("link", name="Zurück zur Suche").click()
    expect(page.locator("#result-count")).to_have_text("2 Kooperationen")


def test_a_failed_sign_in_keeps_the_name(page, server):
    page.goto(f"{server}/login")
    page.fill("#name", "amt.soest")
    page.fill("#password", "falsch-falsch")
    page.click("form.login-form button")
    expect(page.locator(".error")).to_have_text("Name oder Passwort ist falsch.")
    expect(page.locator("#name")).to_have_value("amt.soest")
    expect(page.locator("#password")).to_be_focused()
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()
