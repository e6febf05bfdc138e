"""The search service of an app, kept in ``app.extensions`` (never a module global)."""

from __future__ import annotations

from flask import Flask, current_app, session

from search.service import ProfileSearch


def init_service(app: Flask) -> None:
    app.extensions["ikz_search"] = ProfileSearch(app.config["INDEX"], snippet_cache=int(app.config["SNIPPET_CACHE"]))


def search_service() -> ProfileSearch:
    return current_app.extensions["ikz_search"]


def is_staff() -> bool:
    """Whether the current request comes from signed-in staff."""
    return bool(session.get("staff"))
