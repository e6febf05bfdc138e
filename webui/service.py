"""The search service of an app, kept in ``app.extensions`` (never a module global)."""

from __future__ import annotations

from flask import Flask, current_app, session

from index.target import IndexTarget
from search.backend import SearchService, open_search
from search.model import IndexUnavailable


def init_service(app: Flask) -> None:
    """Open the search service; when an index exists, load it now rather than in the
    first request (which would otherwise run into the search time limit)."""
    target = IndexTarget.from_settings(app.config["BACKEND"], app.config["INDEX"], app.config["DATABASE_URL"],
                                       app.config["DATABASE_READ_URL"])
    service = open_search(target, snippet_cache=int(app.config["SNIPPET_CACHE"]),
                          result_cache=int(app.config["RESULT_CACHE"]))
    if app.config.get("WARM_UP", True):
        try:
            service.warm_up()
        except IndexUnavailable:
            app.logger.warning("no %s yet: searches answer 503 until one is built", target.describe())
    app.extensions["ikz_search"] = service


def search_service() -> SearchService:
    return current_app.extensions["ikz_search"]


def is_staff() -> bool:
    """Whether the current request comes from signed-in staff."""
    return bool(session.get("staff"))
