"""Error messages in the reader's language, and parameters under the names people know.

An error carries a stable code and its values (``search.errors``); its English text is the
code's entry in ``search.errors.MESSAGES`` and its German text that entry's translation
in the catalogue (``webui/translations``). Nothing here reads an English sentence back.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from search.errors import MESSAGES, render


def error_message(code: str, parameter: str | None, values: Mapping[str, object], *, translate: bool) -> str:
    """The message of error ``code`` with ``parameter`` and ``values`` put in: in the
    request's language with ``translate`` (needs a request), else in English. Raises
    KeyError for an unknown code or a value its message needs and was not given."""
    template = MESSAGES[code]
    return render(code, parameter, dict(values), gettext(template) if translate else template)


def parameter_labels() -> dict[str, str]:
    """What people call a request parameter on the search page (its URL name in brackets)."""
    labels = {
        "q": _l("Search term"), "page": _l("Page"), "per_page": _l("Hits per page"), "sort": _l("Sort by"),
        "lang": _l("Language"), "year_from": _l("since (from)"), "year_to": _l("since (to)"),
        "region": _l("Government region"), "state": _l("State"), "district": _l("District"),
        "keyword": _l("Keyword"), "lead": _l("Lead municipality"), "participant": _l("Participant"),
        "legal_form": _l("Legal form"), "id": _l("Cooperation"),
    }
    return {name: f"{label} ({name})" for name, label in labels.items()}
