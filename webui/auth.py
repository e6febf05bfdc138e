"""Staff sign-in: login form with CSRF token and throttling, sessions that end, logout,
CSV export.

A staff session holds the account, its session generation (``webui.accounts``), when it
began and when it was last used. Each request checks them: logout, a password change,
``ikz staff remove``, ``STAFF_IDLE_TIMEOUT`` and ``STAFF_SESSION_LIFETIME`` end it, on
every worker. Every response to a signed-in request is ``Cache-Control: private, no-store``.
"""

from __future__ import annotations

import dataclasses
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from flask import (Blueprint, Flask, Response, abort, current_app, g, redirect, render_template, request, session,
                   url_for)

from search.model import MAX_PAGE, MAX_PER_PAGE
from webui.accounts import end_sessions, session_generation, verify
from webui.params import parse_search_args
from webui.csv_export import export_csv
from webui.service import is_staff, search_service
from webui.throttle import LoginThrottle

bp = Blueprint("auth", __name__)
EXPORT_LIMIT = 10_000
# The last use is written back into the cookie at most this often (seconds).
SEEN_RESOLUTION = 60


def _staff_file() -> Path:
    return Path(current_app.config["STAFF_FILE"])


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
def login() -> str | Response:
    throttle: LoginThrottle = current_app.extensions["ikz_login_failures"]
    error = None
    if request.method == "POST":
        check_csrf()
        name = request.form.get("name", "").strip()
        password = request.form.get("password", "")
        address = request.remote_addr or "?"
        wait = throttle.wait(name, address)
        if wait:
            response = Response(render_template("login.html", error="rate", csrf=csrf_token(), name=name), status=429)
            response.headers["Retry-After"] = str(wait)
            return response
        if verify(_staff_file(), name, password):
            generation = session_generation(_staff_file(), name)
            if generation is not None:  # not removed in the meantime
                throttle.succeeded(name)
                now = int(time.time())
                session.clear()  # a fresh session: no fixation
                session.update(staff=name, staff_generation=generation, staff_since=now, staff_seen=now)
                return redirect(url_for("pages.search_page"))
        throttle.failed(name, address)
        error = "credentials"
        # the name stays in the field (only the password is typed again)
        return render_template("login.html", error=error, csrf=csrf_token(), name=name)
    return render_template("login.html", error=error, csrf=csrf_token(), name="")


@bp.post("/logout")
def logout() -> Response:
    """End the session here and every other session of the account (its generation rises)."""
    check_csrf()
    name = session.get("staff")
    session.clear()
    if name:
        try:
            end_sessions(_staff_file(), name)
        except (OSError, ValueError):
            current_app.logger.exception("could not end the sessions of %r in %s", name, _staff_file())
    return redirect(url_for("pages.search_page"))


def check_staff_session() -> None:
    """Forget a staff session that has ended: its account is gone or its generation has
    moved on (logout, new password), it was idle longer than ``STAFF_IDLE_TIMEOUT`` or is
    older than ``STAFF_SESSION_LIFETIME`` (seconds). The request continues as public."""
    name = session.get("staff")
    if not name:
        return
    now = time.time()
    config = current_app.config
    try:
        current = session_generation(_staff_file(), name)
    except (OSError, ValueError):
        current_app.logger.exception("cannot read the staff file %s", _staff_file())
        current = None
    since, seen = session.get("staff_since"), session.get("staff_seen")
    if (current is None or session.get("staff_generation") != current
            or not isinstance(since, int) or not isinstance(seen, int)
            or now - seen > config["STAFF_IDLE_TIMEOUT"] or now - since > config["STAFF_SESSION_LIFETIME"]):
        session.clear()
        return
    if now - seen >= SEEN_RESOLUTION:
        session["staff_seen"] = int(now)


def private_responses(response: Response) -> Response:
    """A response to a signed-in request is for that person's browser only, never kept
    (static files are the same for everyone: ``webui.assets`` caches them)."""
    if session.get("staff") and request.endpoint != "static":
        response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/export.csv")
def export() -> Response:
    """The current result set as CSV (staff only, at most ``EXPORT_LIMIT`` rows)."""
    if not is_staff():
        abort(404)
    first = parse_search_args(request.args, staff=True)
    base = current_app.config["BASE_URL"].rstrip("/")
    profile_url = (base + url_for("pages.profile_page", profile_id="-") if base
                   else url_for("pages.profile_page", profile_id="-", _external=True))[:-1]
    service = search_service()

    def records() -> Iterator[dict]:
        page, written = 1, 0
        while written < EXPORT_LIMIT:
            result = service.search(dataclasses.replace(first, page=page, per_page=MAX_PER_PAGE))
            for hit in result.hits:
                yield {**dataclasses.asdict(hit), "contact": service.profile(hit.id, staff=True).get("contact"),
                       "url": profile_url + quote(hit.id, safe="")}
            written += len(result.hits)
            if not result.hits or written >= result.total or page >= MAX_PAGE:
                break
            page += 1

    # headers and yes/no in the language of the page the export was started from
    response = Response(export_csv(records(), g.ikz_lang), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="ikz-kooperationen.csv"'
    return response


def init_app(app: Flask) -> None:
    app.extensions["ikz_login_failures"] = LoginThrottle()
    app.register_blueprint(bp)
    app.before_request(check_staff_session)
    app.after_request(private_responses)

    @app.context_processor
    def staff_context() -> dict:
        return {"staff_name": session.get("staff"), "csrf_token": csrf_token}
