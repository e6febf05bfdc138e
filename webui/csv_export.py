"""CSV exports for staff — a search's result set (``/export.csv``) and a profile's similar
list (``/profiles/<id>/similar.csv``) — with one set of columns, headers and yes/no in the
page's language, ``;`` as separator and a BOM for spreadsheet programs."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping

from flask_babel import gettext as _

from webui.present import value_label

# Spreadsheet programs run a cell that starts with one of these as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a ``'``."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _header() -> list[str]:
    # the lead's Kreis, Regierungsbezirk and Land; the contact from the full profile
    return [_("ID"), _("Title"), _("not public"), _("Lead"), _("Participants"), _("Government region"),
            _("District"), _("State"), _("Cooperating since"), _("Legal form"), _("Keywords"),
            _("Contact"), _("Profile page"), _("Task area")]


def _row(record: Mapping, language: str, yes: str, no: str) -> list[str]:
    cells = (record["id"], record["title"], yes if record.get("private") else no, record.get("lead") or "",
             ", ".join(record.get("participants") or ()), record.get("region") or "",
             record.get("district") or "", record.get("state") or "", record.get("year") or "",
             record.get("legal_form") or "", ", ".join(record.get("keywords") or ()),
             " ".join((record.get("contact") or "").split()), record["url"],
             "; ".join(value_label("area", code, language) for code in record.get("areas") or ()))
    return [spreadsheet_safe(str(cell)) for cell in cells]


def export_csv(records: Iterable[Mapping], language: str) -> str:
    """``records`` (mappings with a profile's fields — ``id``, ``title``, ``private``,
    ``lead``, ``participants``, ``region``, ``district``, ``state``, ``year``,
    ``legal_form``, ``keywords``, ``contact``, ``areas`` — and its page's ``url``) as CSV
    text with the header row. Raises KeyError for a record without id, title or url."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(_header())
    yes, no = _("yes"), _("no")
    for record in records:
        writer.writerow(_row(record, language, yes, no))
    return "\ufeff" + out.getvalue()
