"""Municipality pages: ``/municipalities`` (all that take part in visible cooperations, by
Land and Kreis), ``/municipalities/<key>`` and their JSON twin
``/api/v1/municipalities/{key}`` (registered in ``webui.api``), and the links from
participant and lead names to them (``municipality_url`` in every template)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Flask, render_template, url_for

from search.errors import SearchError
from search.municipalities import MunicipalityDirectory
from webui.service import is_staff, search_service
from webui.templating import N_

bp = Blueprint("municipalities", __name__)

KIND_LABELS = {"gemeinde": N_("Municipality"), "kreisfreie_stadt": N_("District-free city"), "kreis": N_("District")}


def directory() -> MunicipalityDirectory:
    """The municipality pages the requester may see. Raises IndexUnavailable."""
    return search_service().municipalities(staff=is_staff())


def municipality_payload(key: str) -> dict:
    """The page of ``key`` as JSON-ready data, with the URL of its HTML page. Raises
    InvalidRequest (malformed key, parameter ``key``), NotFound, IndexUnavailable."""
    data = directory().page(key).to_dict()
    data["url"] = url_for("municipalities.municipality_page", key=key, _external=True)
    return data


@bp.get("/municipalities")
def municipalities_page() -> str:
    """Every municipality and Kreis taking part in a visible cooperation, by Land and Kreis."""
    return render_template("municipalities.html", states=directory().listing())


@bp.get("/municipalities/<key>")
def municipality_page(key: str) -> str:
    """One municipality or Kreis: its cooperations, partners, topics, nearby and similar ones."""
    found = directory()
    page = found.page(key)
    return render_template("municipality.html", place=page, kind_labels=KIND_LABELS,
                           linked=lambda other: bool(found.count(other)))


def page_links() -> Callable[[str | None], str | None]:
    """A function giving the municipality page URL of a participant or lead name as the
    visible profiles write it (None where the key is unknown or ambiguous, or there is no
    index). The directory is looked up once per page, when first asked."""
    cache: dict[str, MunicipalityDirectory | None] = {}

    def link(name: str | None) -> str | None:
        if not name:
            return None
        if "directory" not in cache:
            try:
                cache["directory"] = directory()
            except SearchError:
                cache["directory"] = None
        found = cache["directory"]
        key = found.key_for(name) if found is not None else None
        return url_for("municipalities.municipality_page", key=key) if key else None

    return link


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)

    @app.context_processor
    def municipality_links() -> dict:
        return {"municipality_url": page_links()}
