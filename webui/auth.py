"""Staff sign-in: login form with CSRF token and rate limit, logout, CSV export."""

from __future__ import annotations

import csv
import dataclasses
import io
import secrets
import threading
import time
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from search.model import MAX_PAGE, MAX_PER_PAGE
from webui.accounts import verify
from webui.params import parse_search_args
from webui.present import value_label
from webui.service import is_staff, search_service

bp = Blueprint("auth", __name__)
MAX_FAILURES = 5
WINDOW_SECONDS = 600
EXPORT_LIMIT = 10_000


class _Failures:
    """Failed logins per client address in a sliding window (one process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, list[float]] = {}

    def blocked(self, key: str) -> int:
        """Seconds until the next attempt is allowed (0: allowed)."""
        now = time.monotonic()
        with self._lock:
            recent = [t for t in self._seen.get(key, []) if now - t < WINDOW_SECONDS]
            self._seen[key] = recent
            return int(WINDOW_SECONDS - (now - recent[0])) + 1 if len(recent) >= MAX_FAILURES else 0

    def add(self, key: str) -> None:
        with self._lock:
            self._seen.setdefault(key, []).append(time.monotonic())


def csrf_token() -> str:
    """The session's CSRF token (created on first use)."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def check_csrf() -> None:
    token = request.form.get("csrf_token", "")
    if not token or not secrets.compare_digest(token, session.get("csrf", "")):
        abort(400, description="invalid or missing CSRF token")


@bp.route("/login", methods=["GET", "POST"])
def login():
    failures: _Failures = current_app.extensions["ikz_login_failures"]
    error = None
    if request.method == "POST":
        check_csrf()
        key = request.remote_addr or "?"
        wait = failures.blocked(key)
        if wait:
            response = Response(render_template("login.html", error="rate", csrf=csrf_token()), status=429)
            response.headers["Retry-After"] = str(wait)
            return response
        name = request.form.get("name", "").strip()
        password = request.form.get("password", "")
        if verify(Path(current_app.config["STAFF_FILE"]), name, password):
            session.clear()  # a fresh session: no fixation
            session["staff"] = name
            return redirect(url_for("pages.search_page"))
        failures.add(key)
        error = "credentials"
    return render_template("login.html", error=error, csrf=csrf_token())


@bp.post("/logout")
def logout():
    check_csrf()
    session.clear()
    return redirect(url_for("pages.search_page"))


@bp.get("/export.csv")
def export():
    """The current result set as CSV (staff only, at most ``EXPORT_LIMIT`` rows)."""
    if not is_staff():
        abort(404)
    first = parse_search_args(request.args, staff=True)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    # headers and yes/no in the language of the page the export was started from
    writer.writerow([_("ID"), _("Title"), _("not public"), _("Lead"), _("Participants"), _("Government region"),
                     _("State"), _("Cooperating since"), _("Legal form"), _("Keywords"), _("Task area")])
    yes, no = _("yes"), _("no")
    page, written = 1, 0
    while written < EXPORT_LIMIT:
        result = search_service().search(dataclasses.replace(first, page=page, per_page=MAX_PER_PAGE))
        for hit in result.hits:
            writer.writerow([hit.id, hit.title, yes if hit.private else no, hit.lead or "",
                             ", ".join(hit.participants), hit.region or "", hit.state or "", hit.year or "",
                             hit.legal_form or "", ", ".join(hit.keywords),
                             "; ".join(value_label("area", code, g.ikz_lang) for code in hit.areas)])
        written += len(result.hits)
        if not result.hits or written >= result.total or page >= MAX_PAGE:
            break
        page += 1
    response = Response("\ufeff" + out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="ikz-kooperationen.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app) -> None:  # noqa: ANN001
    app.extensions["ikz_login_failures"] = _Failures()
    app.register_blueprint(bp)

    @app.context_processor
    def staff_context() -> dict:
        return {"staff_name": session.get("staff"), "csrf_token": csrf_token}
