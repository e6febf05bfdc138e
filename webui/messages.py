"""Error messages in the reader's language, and parameters under the names people know.

The layers below raise English messages with values in them (``page must be between 1 and
1000``); this table recognises each one and gives its translated form, so that the API
answers in German with ``lang=de`` and the error page in the page's language. A test
collects every message raised in ``search`` and ``webui`` and checks that it is recognised
here; an unrecognised one falls back to the status's general message.
"""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

_NAME = r"(?P<name>'[^']*'|\"[^\"]*\")"
_PATTERNS = [
    (rf"unknown parameter {_NAME}", _l("unknown parameter %(name)s")),
    (rf"parameter {_NAME} given more than once", _l("parameter %(name)s given more than once")),
    (rf"parameter {_NAME} given more than (?P<n>\d+) times", _l("parameter %(name)s given more than %(n)s times")),
    (r"a parameter name is not valid UTF-8", _l("a parameter name is not valid UTF-8")),
    (rf"parameter {_NAME} is not valid UTF-8", _l("parameter %(name)s is not valid UTF-8")),
    (rf"parameter {_NAME} contains control characters", _l("parameter %(name)s contains control characters")),
    (rf"parameter {_NAME} is longer than (?P<n>\d+) characters",
     _l("parameter %(name)s is longer than %(n)s characters")),
    (rf"parameter {_NAME} must be a whole number", _l("parameter %(name)s must be a whole number")),
    (r"parameter 'lang' must be 'de' or 'en'", _l("parameter 'lang' must be 'de' or 'en'")),
    (r"query longer than (?P<n>\d+) characters", _l("the search text is longer than %(n)s characters")),
    (rf"unknown sort {_NAME}; use one of (?P<choices>.+)", _l("unknown sort %(name)s; use one of %(choices)s")),
    (r"(?P<name>\w+) must be between (?P<low>\d+) and (?P<high>\d+)",
     _l("%(name)s must be between %(low)s and %(high)s")),
    (r"(?P<name>\w+) must be a whole number from (?P<low>\d+) to (?P<high>\d+)",
     _l("%(name)s must be a whole number from %(low)s to %(high)s")),
    (r"(?P<name>\w+) must be a four-digit year", _l("%(name)s must be a four-digit year")),
    (r"\w+ is after \w+", _l("year_from is after year_to")),  # the year range: the only range facet
    (rf"unknown filter {_NAME}", _l("unknown filter %(name)s")),
    (rf"no profile {_NAME}", _l("no cooperation %(name)s")),
    (r"search took longer than (?P<seconds>[\d.]+) s", _l("the search took longer than %(seconds)s s")),
    (r"more than (?P<n>\d+) requests a minute", _l("more than %(n)s requests a minute")),
    (r"the index changed during the request; try again", _l("the index changed during the request; try again")),
]
_COMPILED = [(re.compile(pattern), text) for pattern, text in _PATTERNS]


def translate_message(message: str) -> str | None:
    """``message`` in the request's language (its msgid's translation with the values put
    back); None when the table does not know the message."""
    for pattern, text in _COMPILED:
        found = pattern.fullmatch(message)
        if found:
            return str(text) % found.groupdict()
    return None


def parameter_labels() -> dict[str, str]:
    """What people call a request parameter on the search page (its URL name in brackets)."""
    labels = {
        "q": _l("Search term"), "page": _l("Page"), "per_page": _l("Hits per page"), "sort": _l("Sort by"),
        "lang": _l("Language"), "year_from": _l("since (from)"), "year_to": _l("since (to)"),
        "area": _l("Task area"), "region": _l("Government region"), "state": _l("State"),
        "district": _l("District"), "keyword": _l("Keyword"), "lead": _l("Lead municipality"), "participant": _l("Participant"),
        "legal_form": _l("Legal form"), "id": _l("Cooperation"),
    }
    return {name: f"{label} ({name})" for name, label in labels.items()}
