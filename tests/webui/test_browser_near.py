"""Browser tests of issue 17's "in der Nähe von …" field and the explained similar list in
Debian's Chromium, with the fixtures of ``test_browser``: the app under waitress, axe-core."""

from __future__ import annotations

import json
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from corpus.areas import TASK_AREAS
from index.groups import group_label
from tests.webui.test_browser import browser, browser_index, hit_ids, page, page_without_js, server

__all__ = ["browser", "browser_index", "page", "page_without_js", "server"]


@pytest.mark.parametrize("fixture", ["page", "page_without_js"])
def test_search_near_a_municipality_and_sort_by_distance(request, server, fixture):
    page = request.getfixturevalue(fixture)
    page.goto(server)
    page.fill("#q", "Abfall")
    page.fill("#near", "Meppen")  # typed, not picked: a name the gazetteer knows one place of
    page.locator(".search-form button[type=submit]").click()
    expect(page.locator("#result-count")).to_have_text("2 Kooperationen")
    expect(page.locator(".chips")).to_contain_text("In der Nähe von: Meppen")
    # relevance keeps its order; each hit says how near it is
    tiers = {"s06_muellabfuhr-emsland": "nimmt teil", "s01_abfallverband-soest": "weiter entfernt"}
    relevance = hit_ids(page)
    assert sorted(relevance) == sorted(tiers)
    expect(page.locator(".hit .distance")).to_have_text([tiers[i] for i in relevance])
    page.select_option("#sort", "near")
    if fixture == "page_without_js":
        page.locator(".sort-form button").click()
    else:  # with JavaScript the sort applies on change (the button is hidden)
        page.wait_for_url("**sort=near**")
    expect(page.locator(".hit .distance")).to_have_text(["nimmt teil", "weiter entfernt"])
    assert hit_ids(page) == ["s06_muellabfuhr-emsland", "s01_abfallverband-soest"]
    assert page.input_value("#near") == "Meppen"
    page.locator(".chips a", has_text="Meppen").click()  # removing near drops sort=near too
    expect(page.locator(".hit .distance")).to_have_count(0)
    assert page.input_value("#near") == "" and page.input_value("#q") == "Abfall"
    assert hit_ids(page) == relevance


def test_the_near_field_suggests_places_by_key(page, server):
    page.goto(server)
    page.fill("#near", "Lipp")
    expect(page.locator("#near-places option").first).to_be_attached()
    options = page.locator("#near-places option").evaluate_all("els => els.map(e => [e.value, e.label])")
    assert ["05974028", "Lippstadt"] in options  # by official key, labelled with the name
    page.locator("#near").fill("05974028")  # as picking it does
    page.locator(".search-form button[type=submit]").click()
    expect(page.locator(".chips")).to_contain_text("In der Nähe von: Lippstadt")
    # the search box's own suggestions stay apart
    assert page.locator("#suggestions option").count() == 0


def test_similar_cooperations_say_what_they_share(page, server):
    with urllib.request.urlopen(f"{server}/api/v1/profiles/s01_abfallverband-soest/similar") as response:
        similar = json.load(response)["similar"]
    assert any(any(hit["shared"].values()) for hit in similar)
    page.goto(f"{server}/profiles/s01_abfallverband-soest")
    for hit in similar:
        shared = hit["shared"]
        words = [*shared["keywords"], *(group_label(g) for g in shared["groups"]),
                 *(TASK_AREAS[a][0] for a in shared["areas"]),
                 *(m["name"] for m in shared["municipalities"])]
        item = page.locator(f".related li[data-profile-id='{hit['id']}'] .shared")
        if words:
            expect(item).to_have_text("gemeinsam: " + ", ".join(words))
        else:
            expect(item).to_have_count(0)


@pytest.mark.parametrize("path", ["/?q=Abfall&near=Lippstadt&sort=near", "/?near=05974&sort=near&lang=en",
                                  "/profiles/s01_abfallverband-soest",
                                  "/profiles/s01_abfallverband-soest?lang=en"])
def test_no_axe_violations_and_fits_a_360px_phone(browser, server, path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE")
    page = context.new_page()
    page.goto(server + path)
    if page.locator("#near").count():  # with the suggestions the script puts into the page
        page.fill("#near", "Lipp")
        expect(page.locator("#near-places option").first).to_be_attached()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()
    context.close()
