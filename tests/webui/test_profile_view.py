"""The profile page's contact links and legal form (issue 21 item 8), on contact blocks as
the parser hands them over."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.corpus.test_parser import parse, profile_text
from webui.profile_view import contact_html, legal_form_text


def links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', html)


@pytest.mark.parametrize(("written", "expected"), [
    # a number on its own line, an address
    ("Stadt Lippstadt\nLange Straße 14\n59555 Lippstadt\n02941 000-0000\nstadtkasse@example.org",
     [("tel:029410000000", "02941 000-0000"), ("mailto:stadtkasse@example.org", "stadtkasse@example.org")]),
    # the label on the line before (the parser keeps it on its own line)
    ("Stadt Erwitte\n\nTelefon:\n02943 000-0000\n", [("tel:029430000000", "02943 000-0000")]),
    # inline labels; a fax number is not called
    ("Stadt Kleve\nTel. 02821 000-0000, Fax 02821 000-0001\nE-Mail: abfall-kleve@example.org",
     [("tel:028210000000", "02821 000-0000"), ("mailto:abfall-kleve@example.org", "abfall-kleve@example.org")]),
    ("Stadt Kleve\nFax:\n02821 000-0001\nTelefon:\n02821 000-0000", [("tel:028210000000", "02821 000-0000")]),
    # other ways of writing a number
    ("Kreis Kleve\n+49 2821 000000", [("tel:+492821000000", "+49 2821 000000")]),
    ("Kreis Kleve\nTelefon (0 28 21) 00 00 00", [("tel:02821000000", "(0 28 21) 00 00 00")]),
    ("Kreis Kleve\n02821/000000", [("tel:02821000000", "02821/000000")]),
    # postcodes, a Postfach and figures are not numbers to call
    ("Stadt Dresden\nPostfach 10 00 00\n01067 Dresden\nRaum 1.203, Haus 2", []),
])
def test_phone_numbers_and_addresses_become_links(written, expected):
    contact = parse(profile_text(kontakt=written)).contact
    html = contact_html(contact)
    assert links(html) == expected
    # the text reads as written: one line each, nothing lost
    assert unescape(re.sub(r"<(?!br>)[^>]+>", "", html)).split("<br>") == contact.split("\n")


def test_contact_text_is_escaped():
    html = contact_html('Amt <script>alert(1)</script>\n"x"@example.org')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert contact_html(None) == "" and contact_html("") == ""


@pytest.mark.parametrize(("form", "raw", "shown"), [
    # the cause of "GmbH (GmbH (kommunale Gesellschaft))": the written form repeats the normalised one
    ("GmbH", "GmbH (kommunale Gesellschaft)", "GmbH (kommunale Gesellschaft)"),
    ("öffentlich-rechtliche Vereinbarung", "öffentlich-rechtliche Vereinbarung (delegierend)",
     "öffentlich-rechtliche Vereinbarung (delegierend)"),
    ("gemeinsames Kommunalunternehmen (AöR)", "gemeinsames Kommunalunternehmen",
     "gemeinsames Kommunalunternehmen (AöR)"),
    ("Zweckverband", "Zweckverband", "Zweckverband"),
    ("Zweckverband", "zweckverband", "Zweckverband"),
    ("Zweckverband", None, "Zweckverband"),
    ("öffentlich-rechtliche Vereinbarung", "Zweckvereinbarung",
     "öffentlich-rechtliche Vereinbarung (Zweckvereinbarung)"),
    ("sonstige", "Letter of Intent", "sonstige (Letter of Intent)"),
    (None, None, ""),
])
def test_the_legal_form_is_named_once(form, raw, shown):
    assert legal_form_text(form, raw) == shown


def test_the_profile_page_links_the_contact_and_names_the_legal_form_once(app):
    from corpus.model import LEGAL_FORMS

    client = app.test_client()
    html = client.get("/profiles/s06_muellabfuhr-emsland").text
    legal = re.search(r"<dt>Rechtsform</dt><dd>([^<]+)</dd>", html)
    assert legal and sum(legal.group(1).count(form) for form in LEGAL_FORMS) == 1
