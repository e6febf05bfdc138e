"""What the profile page shows beyond the profile's own fields: the contact block with
links, the legal form named once.

Contact: phone numbers as ``tel:`` links, e-mail addresses as ``mailto:`` links, everything
else as escaped text, one line per line. The parser keeps the contact text as written
(``corpus.parser``): a number on a line of its own, after ``Telefon:`` on the line before, or
inline (``Tel. 02941 000-0000, Fax …``). A German phone number starts with ``0`` or ``+``;
postcodes (``59555 Lippstadt``) and ``Postfach 10 00 00`` do not match, and a number after
``Fax`` is not linked (a fax is not called).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# ``+49 2821 851234``, ``02941 000-0000``, ``(02821) 85-1234``, ``0 28 21 / 85 12 34``
_PHONE = r"(?:\+\d{1,3}|\(\s*0[\d\s]*\)|0\s?\d)[\d\s()/-]{4,}\d"
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
_TOKEN = re.compile(rf"(?P<email>{_EMAIL})|(?<![\w@.-])(?P<phone>{_PHONE})(?![\w@])")
_FAX = re.compile(r"\bfax\b|telefax", re.IGNORECASE)
_FAX_LABEL = re.compile(r"\s*(?:tele)?fax\s*:?\s*", re.IGNORECASE)  # "Fax:" alone, the number below


def _line(text: str, *, fax: bool) -> str:
    """One line with its links; ``fax``: the line before is a fax label."""
    parts, start = [], 0
    for match in _TOKEN.finditer(text):
        before = text[start:match.start()]
        parts.append(str(escape(before)))
        value = match.group()
        if match.group("email"):
            parts.append(f'<a href="mailto:{escape(value)}">{escape(value)}</a>')
        elif _FAX.search(before) or (fax and start == 0 and not before.strip()):
            parts.append(str(escape(value)))
        else:
            parts.append(f'<a href="tel:{re.sub(r"[^0-9+]", "", value)}">{escape(value)}</a>')
        start = match.end()
    parts.append(str(escape(text[start:])))
    return "".join(parts)


def contact_html(text: str | None) -> Markup:
    """``text`` (a profile's contact block) as HTML lines joined by ``<br>``, with ``tel:``
    and ``mailto:`` links. Raises nothing; None or "" give empty markup."""
    lines = (text or "").split("\n") if text else []
    return Markup("<br>".join(_line(line, fax=i > 0 and bool(_FAX_LABEL.fullmatch(lines[i - 1])))
                              for i, line in enumerate(lines)))


def legal_form_text(form: str | None, raw: str | None) -> str:
    """How the profile page names the legal form: the normalised ``form`` with the form as
    written (``raw``) in brackets when that says more, each only once. The written form
    often starts with the normalised one (``GmbH (kommunale Gesellschaft)``), which
    "form (raw)" printed twice; it then stands alone, and so does the normalised form
    when it contains the written one (``gemeinsames Kommunalunternehmen (AöR)`` for
    ``gemeinsames Kommunalunternehmen``). Raises nothing; "" without a form."""
    if not form:
        return raw or ""
    if not raw or raw.casefold() in form.casefold():
        return form
    if form.casefold() in raw.casefold():
        return raw
    return f"{form} ({raw})"
