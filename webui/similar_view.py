"""The similar cooperations of a profile as people read them: with place (lead and Kreis)
and year, a longer list behind "more", and a CSV export for staff."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

from flask import g
from flask_babel import gettext as _

from search.backend import SearchService
from webui.present import value_label

# the profile page lists this many; "more" leads to a page with SIMILAR_PAGE, then MAX_SIMILAR
SIMILAR_SHOWN = 5
SIMILAR_PAGE = 20
# Spreadsheet programs run a cell that starts with one of these as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def similar_entries(service: SearchService, profile_id: str, *, limit: int, staff: bool,
                    profile_url: str) -> list[dict]:
    """The cooperations most like ``profile_id`` (``service.similar``), each as its profile's
    fields (``service.profile``: ``lead``, ``district``, ``year`` …) plus ``score``,
    ``shared`` (what it has in common with ``profile_id``) and ``url`` (``profile_url``
    followed by the id). Raises NotFound for an unknown (or, for the public, private) id,
    IndexUnavailable."""
    result = service.similar(profile_id, limit=limit, staff=staff)
    entries = []
    for hit in result.similar:
        entries.append({**service.profile(hit.id, staff=staff), "score": hit.score, "private": hit.private,
                        "shared": hit.shared, "url": profile_url + quote(hit.id, safe="")})
    return entries


def _cell(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def similar_csv(entries: list[dict]) -> str:
    """The entries as CSV (``;``, a BOM for spreadsheet programs) with the search export's
    columns where they apply, headers and yes/no in the page's language, and the profile's
    URL. Cells that a spreadsheet would run as a formula start with ``'``. Raises nothing."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("ID"), _("Title"), _("not public"), _("Lead"), _("District"), _("Participants"),
                     _("Government region"), _("State"), _("Cooperating since"), _("Legal form"), _("Keywords"),
                     _("Task area"), _("Profile URL")])
    yes, no = _("yes"), _("no")
    language = g.get("ikz_lang", "de")
    for entry in entries:
        writer.writerow([_cell(cell) for cell in (
            entry["id"], entry["title"], yes if entry.get("private") else no, entry.get("lead") or "",
            entry.get("district") or "", ", ".join(entry.get("participants") or ()), entry.get("region") or "",
            entry.get("state") or "", entry.get("year") or "", entry.get("legal_form") or "",
            ", ".join(entry.get("keywords") or ()),
            "; ".join(value_label("area", code, language) for code in entry.get("areas") or ()), entry["url"])])
    return "\ufeff" + out.getvalue()
