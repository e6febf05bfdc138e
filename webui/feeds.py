"""Atom feeds of new cooperations: ``/feed.atom`` with the search page's parameters, the
newest matching public profiles first (``sort=added``: by the date they entered the index,
kept across rebuilds by ``index.history``), each with its keywords and task areas as
categories, and the dates themselves for the API and the sitemap."""

from __future__ import annotations

import dataclasses
import threading
import time
from urllib.parse import urlencode
from xml.sax.saxutils import escape, quoteattr

from flask import Blueprint, Flask, Response, current_app, g, request, url_for

from search.model import SearchRequest
from webui.i18n import translations
from webui.params import parse_search_args
from webui.present import value_label
from webui.service import search_service

bp = Blueprint("feeds", __name__)
ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_SIZE = 20
# the scheme of the task-area categories: the search page's task-area filter
AREA_SCHEME = "?area="
SUMMARY_CHARS = 400
RECHECK_SECONDS = 0.5


class ProfileDates:
    """The live generation's history table, read again only when it changed, looked up at
    most every ``RECHECK_SECONDS`` (as often as the search service looks for a new
    generation: Whoosh's look-up opens the generation's table of contents, which cost
    a search request about a tenth of its time when done on every call)."""

    def __init__(self, app: Flask) -> None:
        self.backend = app.config["BACKEND"]
        self.location = app.config.get("INDEX") or "var/index"
        self.url = app.config.get("DATABASE_READ_URL") or app.config.get("DATABASE_URL")
        self._lock = threading.Lock()
        self._key = ""
        self._table: dict[str, dict[str, str]] = {}
        self._checked = float("-inf")

    def table(self) -> dict[str, dict[str, str]]:
        """{id: {added, updated, digest}}; {} when the index keeps no dates yet. Raises
        the index layer's errors (IndexMissing, OSError, DatabaseUnavailable)."""
        if time.monotonic() - self._checked < RECHECK_SECONDS:
            return self._table
        if self.backend == "postgres":
            from index.pg.history import live_pg_history

            key, table = live_pg_history(str(self.url), self.location)
        else:
            from index.history import live_history

            key, table = live_history(self.location, self._key)  # None: unchanged, not read
        with self._lock:
            if key != self._key and table is not None:
                self._key, self._table = key, table
            self._checked = time.monotonic()
            return self._table


def profile_dates() -> dict[str, dict[str, str]]:
    return current_app.extensions["ikz_dates"].table()


def _newest_ids(search: SearchRequest) -> list[str]:
    """Ids of the ``FEED_SIZE`` public matches of ``search`` that entered the index last
    (``sort=added``; with a query, only matches above the relevance floor: ``search.floor``)."""
    result = search_service().search(dataclasses.replace(search, sort="added", page=1, per_page=FEED_SIZE,
                                                         staff=False, weaker=False))
    return [hit.id for hit in result.hits]


# parameters that change the order or the view, not which cooperations match: a feed is
# always newest first, so ``near`` (an order: ``search.near``) is left out too
NOT_IN_FEEDS = ("page", "per_page", "sort", "lang", "near", "all")


def feed_args() -> list[tuple[str, str]]:
    """The search parameters a feed keeps (those in ``NOT_IN_FEEDS`` left out); on the
    search page those it searched with (``webui.page_params``: swapped, invalid left out)."""
    args = g.get("ikz_search_args", request.args)
    return sorted((k, v) for k, v in args.items(multi=True) if k not in NOT_IN_FEEDS and v)


@bp.get("/feed.atom")
def feed() -> Response:
    """The newest public cooperations matching the search parameters as Atom 1.0. Raises
    InvalidRequest (400) for parameters the search page refuses."""
    search = parse_search_args(request.args, staff=False)  # feeds are public, also for staff
    dates = profile_dates()
    ids = [i for i in _newest_ids(search) if i in dates]  # undated profiles come last: none are listed
    service = search_service()
    profiles = [service.profile(i, staff=False) for i in ids]
    _ = translations().ugettext
    args = feed_args()
    query = "?" + urlencode(args) if args else ""
    self_url = url_for("feeds.feed", _external=True) + query
    title = _("IKZ search: new cooperations")
    if search.query or search.filters:
        title += " – " + ", ".join([search.query] * bool(search.query)
                                   + [v for _name, values in search.filters for v in values])
    updated = max((dates[p["id"]]["updated"] for p in profiles), default=None) or _now()
    author = current_app.config.get("OPERATOR_NAME") or "IKZ-Suche"
    parts = [f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="{ATOM_NS}" xml:lang="de">',
             f"<id>{escape(self_url)}</id>", f"<title>{escape(title)}</title>", f"<updated>{updated}</updated>",
             f'<link rel="self" type="application/atom+xml" href={quoteattr(self_url)}/>',
             f'<link rel="alternate" type="text/html"'
             f' href={quoteattr(url_for("pages.search_page", _external=True) + query)}/>',
             f"<author><name>{escape(author)}</name></author>", "<generator>IKZ-Suche</generator>"]
    parts += [_entry(profile, dates[profile["id"]]) for profile in profiles]
    parts.append("</feed>\n")
    response = Response("\n".join(parts), mimetype="application/atom+xml")
    response.cache_control.public = True
    response.cache_control.max_age = 300
    return response


def _entry(profile: dict, dates: dict[str, str]) -> str:
    url = url_for("pages.profile_page", profile_id=profile["id"], _external=True)
    sections = profile.get("sections") or {}
    summary = " ".join((sections.get("ziel") or sections.get("anlass") or "").split())
    if len(summary) > SUMMARY_CHARS:
        summary = summary[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
    participants = ", ".join(profile.get("participants") or [])
    categories = "".join(f"<category term={quoteattr(k)}/>" for k in profile.get("keywords") or [])
    search_url = url_for("pages.search_page", _external=True)
    categories += "".join(f"<category term={quoteattr(code)} scheme={quoteattr(search_url + AREA_SCHEME)}"
                          f" label={quoteattr(value_label('area', code, 'de'))}/>"
                          for code in profile.get("areas") or [])
    return (f"<entry><id>{escape(url)}</id><title>{escape(profile['title'])}</title>"
            f'<link rel="alternate" type="text/html" href={quoteattr(url)}/>'
            f"<published>{dates['added']}</published><updated>{dates['updated']}</updated>"
            + (f"<summary>{escape(summary)}</summary>" if summary else "")
            + (f"<content type=\"text\">{escape(participants)}</content>" if participants else "")
            + categories + "</entry>")


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def feed_url() -> str:
    """The feed of the current search page (relative)."""
    args = feed_args()
    return url_for("feeds.feed") + ("?" + urlencode(args) if args else "")


def init_app(app: Flask) -> None:
    app.extensions["ikz_dates"] = ProfileDates(app)
    app.register_blueprint(bp)

    @app.context_processor
    def feed_context() -> dict:
        return {"feed_url": feed_url}
