"""Template helpers: translated labels, safe link URLs, query strings."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from flask import Flask
from flask_babel import lazy_gettext as _l


def safe_url(link: str) -> str | None:
    """An http(s) URL for a profile link, or None (no javascript:, data: or other schemes)."""
    link = link.strip()
    if link.startswith("www."):
        link = "https://" + link
    parts = urlsplit(link)
    if parts.scheme in ("http", "https") and parts.netloc and not any(c in link for c in '<>"\' '):
        return link
    return None


def urlencode_without_lang(args) -> str:  # noqa: ANN001 - a MultiDict
    return urlencode([(k, v) for k, v in args.items(multi=True) if k != "lang"])


def init_app(app: Flask) -> None:
    app.jinja_env.filters["safe_url"] = safe_url
    app.jinja_env.filters["urlencode_without_lang"] = urlencode_without_lang

    @app.context_processor
    def labels() -> dict:
        return {
            "facet_labels": {
                "region": _l("Government region"), "state": _l("State"), "district": _l("District"),
                "keyword": _l("Keyword"), "lead": _l("Lead municipality"), "participant": _l("Participant"),
                "legal_form": _l("Legal form"), "year_from": _l("since (from)"), "year_to": _l("since (to)"),
            },
            "sort_labels": {"relevance": _l("Relevance"), "newest": _l("Newest first"), "oldest": _l("Oldest first"),
                            "title": _l("Title A–Z")},
            "section_labels": {"anlass": _l("Occasion"), "ziel": _l("Goal"), "umsetzung": _l("Implementation"),
                               "finanzierung": _l("Funding")},
        }
