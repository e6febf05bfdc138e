"""Flask web UI and JSON API over the search service.

``create_app(config=None)``: built-in defaults, then the instance folder's ``config.py``,
then ``IKZ_``-prefixed environment variables; or, for tests, the given mapping on top of
the defaults only. Only this package reads configuration. The instance folder, the secret key
file, the staff file and the Whoosh index default to ``instance/``, ``secret_key``,
``staff.json`` and ``index/`` in the data home (``IKZ_HOME``, see ``index.home``).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

from index.home import data_home
from webui import (
    analyze_view,
    api,
    assets,
    auth,
    embed,
    errors,
    facet_pages,
    feeds,
    i18n,
    municipalities,
    params,
    security,
    seo,
    stats,
    templating,
    throttle,
    views,
)
from webui.service import init_service

DEFAULTS: dict[str, Any] = {
    # Storage engine: "whoosh" (INDEX is a directory) or "postgres" (INDEX is the index
    # name; DATABASE_URL the primary, DATABASE_READ_URL the replicas searches read from).
    "BACKEND": "whoosh",
    "INDEX": None,
    "DATABASE_URL": None,
    "DATABASE_READ_URL": None,
    "SECRET_KEY": None,
    # Without SECRET_KEY: a key generated once into this file (mode 0600) and shared by every
    # worker and restart, so that sessions and CSRF tokens hold across them (None:
    # secret_key in the data home).
    "SECRET_KEY_FILE": None,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # Sent over HTTPS only; for a local server on plain http set IKZ_SESSION_COOKIE_SECURE=false
    # (`make run` does), or staff cannot sign in.
    "SESSION_COOKIE_SECURE": True,
    # A staff session ends after this many seconds unused, and this many after sign-in.
    "STAFF_IDLE_TIMEOUT": 8 * 3600,
    "STAFF_SESSION_LIFETIME": 24 * 3600,
    # Request bodies: a login form is well under 1 KB. Larger ones are refused (413)
    # before they are read.
    "MAX_CONTENT_LENGTH": 16 * 1024,
    "MAX_FORM_MEMORY_SIZE": 16 * 1024,
    "MAX_FORM_PARTS": 20,
    # The public URL of the site (e.g. https://ikz.example.org); the OpenAPI document's
    # server. Empty: a relative server URL (never one made from the request's Host header).
    "BASE_URL": "",
    "OPERATOR_NAME": "",
    "FEEDBACK_EMAIL": "barrierefreiheit@example.org",
    # when the operator made or last reviewed the accessibility statement (ISO date)
    "ACCESSIBILITY_STATEMENT_DATE": "",
    "API_CACHE_SECONDS": 60,
    "STAFF_FILE": None,  # None: staff.json in the data home
    "RATE_LIMIT": 600,
    # Reverse proxies in front that set X-Forwarded-For/-Proto/-Host (0: none). Behind one,
    # set 1: the rate limits then count per client, not per proxy.
    "TRUSTED_PROXIES": 0,
    # requests a minute per address on the HTML search page (0: off)
    "PAGE_RATE_LIMIT": 600,
    "SNIPPET_CACHE": 20_000,
    # finished results kept per worker for the live index (search.cache; up to ~50 KB each
    # at 10,000 profiles); 0: off
    "RESULT_CACHE": 500,
}


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """The WSGI application. A missing index is reported per request (503) so that the
    server can start before the first build finishes. Raises HomeUnavailable when no data
    home can be found (set IKZ_HOME), OSError or ValueError for an unusable secret key file."""
    home = data_home()
    app = Flask(__name__, instance_path=str((home / "instance").absolute()), instance_relative_config=True)
    app.config.from_mapping(DEFAULTS)
    if config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("IKZ")
    else:
        app.config.from_mapping(config)
    app.config["STAFF_FILE"] = app.config["STAFF_FILE"] or str(home / "staff.json")
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = persistent_secret(Path(app.config["SECRET_KEY_FILE"] or home / "secret_key"))
    if proxies := int(app.config["TRUSTED_PROXIES"]):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)  # type: ignore[method-assign]
    i18n.init_app(app)
    assets.init_app(app)
    templating.init_app(app)
    init_service(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    facet_pages.init_app(app)
    feeds.init_app(app)
    municipalities.init_app(app)
    seo.init_app(app)
    stats.init_app(app)
    embed.init_app(app)  # before security: its after_request must run after the headers are set
    app.extensions["ikz_rate"] = api.RateLimiter()
    auth.init_app(app)
    analyze_view.init_app(app)
    throttle.init_app(app)
    errors.init_app(app)
    security.init_app(app)

    @app.before_request
    def reject_invalid_utf8() -> None:
        params.check_utf8(request.query_string)
    return app


def persistent_secret(path: Path) -> str:
    """The secret key kept in ``path``, generated (mode 0600) when the file is missing.

    Workers of one server start together: a new key is written completely to a temporary
    file and then hard-linked to ``path``, which fails when another process linked its key
    first; every process then reads the one key that won. Raises ValueError when the file
    holds fewer than 32 characters, OSError when it cannot be read or created.
    """
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret-")  # mode 0600
        try:
            with os.fdopen(handle, "w", encoding="ascii") as file:
                file.write(secrets.token_hex(32) + "\n")
                file.flush()
                os.fsync(file.fileno())
            with contextlib.suppress(FileExistsError):  # another worker was first: use its key
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
        key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise ValueError(f"{path}: a secret key needs at least 32 characters; delete the file to generate one")
    return key
