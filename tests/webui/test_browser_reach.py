"""Browser tests of issue 19's pages (statistics, widget) in Debian's Chromium, with the
fixtures of ``test_browser``: the app under waitress, axe-core checks."""

from __future__ import annotations

import http.server
import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.webui.test_browser import browser, browser_index, page, server, sign_in

__all__ = ["browser", "browser_index", "page", "server"]


def test_statistics_page_for_staff_is_accessible(page, server):
    for _ in range(3):
        page.goto(f"{server}/?q=Abfall&region=Arnsberg")
    sign_in(page, server)
    page.goto(f"{server}/stats")
    expect(page.locator("h1")).to_have_text("Suchstatistik")
    expect(page.locator("svg.stats-chart")).to_have_attribute("role", "img")
    # other tests of the session may count into the same file: at least these three
    expect(page.locator("th[scope=row]", has_text="abfall").first).to_be_visible()
    page.locator("details summary").first.click()  # the table behind the chart
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()


@pytest.fixture()
def other_site(server):
    """A page of another origin (another port on 127.0.0.1) that embeds the widget both
    ways, and also tries to frame the search page, which must be refused."""
    html = f"""<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Kreis</title></head><body>
<h1>Kooperationen im Kreis</h1>
<iframe id="widget" title="IKZ" src="{server}/embed?district=Kreis%20Soest"></iframe>
<iframe id="forbidden" title="Suche" src="{server}/?q=Abfall"></iframe>
<div data-ikz-search data-district="Kreis Soest" data-per-page="3">
  <a href="{server}/?district=Kreis%20Soest">Alle Kooperationen im Kreis Soest</a></div>
<script src="{server}/static/embed.js"></script>
</body></html>""".encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args) -> None:
            pass

    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{site.server_address[1]}/"
    site.shutdown()
    site.server_close()


def test_another_origin_embeds_the_frame_and_the_script_but_no_other_page(page, server, other_site):
    assert other_site.split(":")[2] != server.split(":")[2]  # really another origin
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(other_site)
    widget = page.frame_locator("#widget")
    expect(widget.locator("[data-profile-id]").first).to_be_visible()
    assert widget.locator("a[target=_blank]").first.get_attribute("href").startswith(server + "/profiles/")
    listed = page.locator("[data-ikz-search] ul.ikz-results li a")
    expect(listed.first).to_be_visible()
    assert listed.count() >= 1 and listed.first.get_attribute("href").startswith(server + "/profiles/")
    expect(page.locator("[data-ikz-search] > a")).to_be_visible()  # the fallback link stays
    # the search page refuses to be framed here: no search form inside, and Chromium says why
    expect(page.locator("#widget")).to_be_visible()
    assert page.frame_locator("#forbidden").locator("#q").count() == 0
    refused = [line for line in console if "frame-ancestors" in line and "blocked" in line]
    assert len(refused) == 1 and f"Framing '{server}/'" in refused[0], console


def test_the_script_widget_falls_back_to_its_link_without_javascript(browser, server, other_site):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    page.goto(other_site)
    expect(page.locator("[data-ikz-search] > a")).to_have_text("Alle Kooperationen im Kreis Soest")
    assert page.locator("ul.ikz-results").count() == 0
    # the frame works without JavaScript
    expect(page.frame_locator("#widget").locator("[data-profile-id]").first).to_be_visible()
    context.close()


def test_embed_page_is_accessible_in_both_languages(page, server):
    for lang in ("de", "en"):
        page.goto(f"{server}/embed?district=Kreis%20Soest&lang={lang}")
        result = Axe().run(page)
        assert result.violations_count == 0, result.generate_report()
