"""English pages: English interface, German corpus text marked ``lang="de"`` (WCAG 3.1.2),
dates in the reader's language."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po

from tests.conftest import ROOT

# msgids are the English texts; these few are spelled the same in German
SAME_IN_BOTH = {"API", "Service", "Name", "Region", "Links", "Details:", "ID"}
# words of the German interface that an English page must not show outside lang="de" text
GERMAN_UI = ["Regierungsbezirk", "Land", "Kreis", "Stichwort", "Rechtsform", "Einwohner", "Beteiligte", "Kooperation",
             "Suche", "seit", "nicht öffentlich", "Zurück", "Ähnliche", "Weitere", "Filter entfernen", "Seite",
             "Stand", "Zusammenarbeit", "Anlass", "Ziel", "Umsetzung", "Finanzierung", "Kontakt", "Sortieren",
             "Ergebnis", "Inhalt"]
GERMAN_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b")
ENGLISH_URLS = ["/?lang=en", "/?lang=en&q=Abfall&region=Arnsberg&state=Nordrhein-Westfalen",
                "/?lang=en&q=Feuerwehr&region=Detmold", "/?lang=en&q=gibtesnicht",
                "/profiles/s01_abfallverband-soest?lang=en", "/profiles/s02_vergabestelle-lippstadt?lang=en",
                "/accessibility?lang=en", "/easy-language?lang=en", "/login?lang=en", "/api?lang=en",
                "/nothing?lang=en", "/?page=0&lang=en"]


class _Texts(HTMLParser):
    """(language, text) of every text node of a page's body: the nearest lang attribute."""

    VOID = frozenset({"br", "img", "input", "link", "meta", "hr", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        tags = [tag for tag, _ in self.stack]
        if data.strip() and "body" in tags and not {"script", "style"} & set(tags):
            lang = next((lang for _, lang in reversed(self.stack) if lang), "?")
            self.texts.append((lang, " ".join(data.split())))


def texts(html: str) -> list[tuple[str, str]]:
    parser = _Texts()
    parser.feed(html)
    return parser.texts


def test_every_message_id_is_english():
    """The English texts are the message ids: one that equals its German translation is a
    German word in the English interface (as "Regierungsbezirk" and "Land" were)."""
    with open(ROOT / "webui" / "translations" / "de" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        german = read_po(handle)
    same = {m.id for m in german if m.id and m.string == m.id}
    assert same <= SAME_IN_BOTH


@pytest.mark.parametrize("url", ENGLISH_URLS)
def test_english_pages_show_no_german_interface_words(client, url):
    html = client.get(url).text
    assert '<html lang="en">' in html
    english = " | ".join(text for lang, text in texts(html) if lang == "en")
    found = [word for word in GERMAN_UI if re.search(rf"\b{word}\b", english)]
    assert found == [], english
    assert not GERMAN_DATE.search(english)


def test_profile_text_is_marked_german_on_english_pages(client):
    nodes = texts(client.get("/profiles/s02_vergabestelle-lippstadt?lang=en").text)
    language = {text: lang for lang, text in nodes}
    for german in ["Gemeinsame Vergabestelle Lippstadt und Erwitte", "Vergabe", "Beschaffung", "Erwitte",
                   "öffentlich-rechtliche Vereinbarung",
                   "Ausschreibungen werden von einer zentralen Vergabestelle für beide Städte bearbeitet."]:
        assert language.get(german) == "de", german
    assert language["Participants"] == language["Keywords"] == "en"


def test_results_are_marked_german_on_english_pages(client):
    html = client.get("/?lang=en&q=Abfall").text
    nodes = texts(html)
    assert ("de", "Abfallzweckverband Kreis Soest") in nodes  # a title
    assert ("de", "Kreis Soest") in nodes  # a facet value
    snippet = re.search(r'<p class="snippet"([^>]*)>', html)
    assert snippet and 'lang="de"' in snippet.group(1)


def test_german_pages_need_no_extra_marking(client):
    assert 'lang="de"' not in client.get("/?q=Abfall").text.split("<body>", 1)[1]


@pytest.mark.parametrize(("lang", "population", "directory"), [("de", "31.12.2022", "30.11.2023"),
                                                                ("en", "Dec 31, 2022", "Nov 30, 2023")])
def test_dates_in_the_readers_language(client, lang, population, directory):
    html = client.get(f"/profiles/s02_vergabestelle-lippstadt?lang={lang}").text
    assert population in html and directory in html
