"""Static files under versioned URLs, cached for a year; the favicon.

``url_for("static", filename=…)`` adds ``v=`` with a hash of the file's content
(``/static/style.css?v=3f2a…``). A request whose ``v`` is the current file's hash is
answered with ``Cache-Control: public, max-age=31536000, immutable``: a changed file has a
new URL, so browsers never revalidate the three files of every page. A request without
``v``, or with an old one (a page cached before an upgrade), gets the file with Flask's
default (revalidated) caching. A reverse proxy may serve ``/static/`` itself with the same
rule (docs/deployment.md).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from flask import Flask, Response, current_app, request

YEAR = 365 * 24 * 3600
# the favicon's own URL (browsers ask for it unasked) is cached for a day
FAVICON_MAX_AGE = 24 * 3600


@functools.lru_cache(maxsize=256)
def _hash(path: str, mtime_ns: int, size: int) -> str:
    """The content hash of ``path`` as it was at ``mtime_ns``/``size`` (a changed file is
    hashed again: its key differs)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def content_version(static_folder: str, filename: str) -> str | None:
    """A short hash of the content of static file ``filename``; None when there is no
    such file (or it lies outside ``static_folder``). Raises nothing."""
    folder = Path(static_folder).resolve()
    path = (folder / filename).resolve()
    if not path.is_relative_to(folder):
        return None
    try:
        stat = path.stat()
        return _hash(str(path), stat.st_mtime_ns, stat.st_size) if path.is_file() else None
    except OSError:
        return None


def init_app(app: Flask) -> None:
    @app.url_defaults
    def versioned_static(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values and app.static_folder:
            version = content_version(app.static_folder, values["filename"])
            if version:
                values["v"] = version

    @app.after_request
    def cache_versioned_static(response: Response) -> Response:
        if request.endpoint != "static" or response.status_code not in (200, 304) or not app.static_folder:
            return response
        version = request.args.get("v")
        if version and version == content_version(app.static_folder, (request.view_args or {}).get("filename", "")):
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
        return response

    @app.get("/favicon.ico")
    def favicon() -> Response:
        # 5 KB, read whole: no file handle left to the WSGI server
        response = Response(Path(current_app.static_folder or "", "favicon.ico").read_bytes(), mimetype="image/x-icon")
        response.cache_control.public = True
        response.cache_control.max_age = FAVICON_MAX_AGE
        return response
