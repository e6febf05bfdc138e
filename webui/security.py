"""Security headers for every response: a strict Content-Security-Policy (no inline
scripts or styles anywhere), no MIME sniffing, a restrained referrer, framing only by
the site itself. The API stays usable from other sites through CORS."""

from __future__ import annotations

from flask import Flask, Response, request

PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'self'")
API_CSP = "default-src 'none'; frame-ancestors 'none'"


def init_app(app: Flask) -> None:
    @app.after_request
    def security_headers(response: Response) -> Response:
        api = request.path.startswith("/api/v1/")
        response.headers.setdefault("Content-Security-Policy", API_CSP if api else PAGE_CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if not api:
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response
