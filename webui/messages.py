"""Error messages in the reader's language, and parameters under the names people know.

An error carries a stable code and its values (``search.errors``); its English text is the
code's entry in ``search.errors.MESSAGES`` and its German text that entry's translation
in the catalogue (``webui/translations``). Nothing here reads an English sentence back.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext

from search.errors import MESSAGES, render
from webui.templating import LABELS, N_


def error_message(code: str, parameter: str | None, values: Mapping[str, object], *, translate: bool) -> str:
    """The message of error ``code`` with ``parameter`` and ``values`` put in: in the
    request's language with ``translate`` (needs a request), else in English. Raises
    KeyError for an unknown code or a value its message needs and was not given."""
    template = MESSAGES[code]
    return render(code, parameter, dict(values), gettext(template) if translate else template)


# request parameters other than the facets (whose labels are the facets' own: webui.templating)
CONTROL_LABELS = {"q": N_("Search term"), "page": N_("Page"), "per_page": N_("Hits per page"), "sort": N_("Sort by"),
                  "near": N_("Near"),
                  "lang": N_("Language"), "id": N_("Cooperation"), "all": N_("Weaker matches too"),
                  "prefix": N_("Find a value")}


def parameter_labels() -> dict[str, str]:
    """What people call a request parameter on the search page (its URL name in brackets),
    in the request's language."""
    labels = {**LABELS["facet_labels"], **CONTROL_LABELS}
    return {name: f"{gettext(label)} ({name})" for name, label in labels.items()}
