"""Search statistics for the operator: counting public searches (``webui.statstore`` says
what is kept) and the staff page ``/stats`` with a server-rendered bar chart and CSV.

Settings: ``STATS`` (``off`` turns counting off), ``STATS_DAYS`` (days kept, default 90),
``STATS_FILE`` (the SQLite file; default ``stats.sqlite3`` beside the index directory; with
``BACKEND=postgres`` the tables live in ``DATABASE_URL`` instead), ``STATS_FLUSH_SECONDS``.
"""

from __future__ import annotations

import atexit
import csv
import io
import sqlite3
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, redirect, render_template, url_for
from markupsafe import Markup, escape

from search.model import SearchRequest, SearchResult
from webui.i18n import local_date, number, translations
from webui.service import is_staff
from webui.statstore import THRESHOLD, PgStore, SqliteStore, StatsRecorder, StatsReport

bp = Blueprint("stats", __name__)
OFF = ("off", "false", "0", "no")


def default_stats_file(index: str | None) -> Path:
    """Beside the index directory (the same home), or ``var/stats.sqlite3``."""
    return Path(index).resolve().parent / "stats.sqlite3" if index else Path("var/stats.sqlite3")


def make_recorder(app: Flask) -> StatsRecorder | None:
    """The app's recorder, or None when ``STATS`` is off. Raises nothing: the store is
    first opened when a batch is written."""
    config = app.config
    if str(config.get("STATS", "on")).strip().lower() in OFF:
        return None
    if config["BACKEND"] == "postgres":
        store = PgStore(config["DATABASE_URL"])
    else:
        store = SqliteStore(Path(config.get("STATS_FILE") or default_stats_file(config.get("INDEX"))))
    return StatsRecorder(store, days=int(config.get("STATS_DAYS", 90)),
                         flush_seconds=float(config.get("STATS_FLUSH_SECONDS", 10)), log=app.logger.warning)


def record_search(search: SearchRequest, result: SearchResult) -> None:
    """Count a public search: first pages only (paging is not another search), not an
    empty one (the start page), never a signed-in staff member's. Raises nothing."""
    recorder: StatsRecorder | None = current_app.extensions.get("ikz_stats")
    if recorder is None or search.staff or is_staff() or search.page != 1:
        return
    facets = [name for name, _ in search.filters]
    facets += [name for name, low, high in search.ranges if low is not None or high is not None]
    if not search.query and not facets:
        return
    try:
        recorder.record(search.query, zero=result.total == 0, facets=facets)
    except Exception:
        current_app.logger.exception("search statistics: a search was not counted")


def bar_chart(report: StatsReport) -> Markup:
    """Searches per day as an SVG bar chart with a text alternative (the table below it
    has the numbers); one bar a day, zero-result searches as the darker lower part."""
    _ = translations().ugettext
    peak = max((day[1] for day in report.days), default=0) or 1
    width = 6
    bars = []
    for position, (day, searches, zero) in enumerate(report.days):
        if not searches:
            continue
        height, low = searches * 100 / peak, zero * 100 / peak
        label = escape(f"{local_date(day)}: {number(searches)}")
        bars.append(f'<g><title>{label}</title><rect class="all" x="{position * width}" y="{100 - height:.1f}" '
                    f'width="{width - 1}" height="{height:.1f}"/>'
                    + (f'<rect class="zero" x="{position * width}" y="{100 - low:.1f}" width="{width - 1}" '
                       f'height="{low:.1f}"/>' if zero else "") + "</g>")
    summary = escape(_("Searches per day, %(first)s to %(last)s: %(total)s in total, highest %(peak)s.")
                     % {"first": local_date(report.first), "last": local_date(report.last),
                        "total": number(report.searches), "peak": number(peak if report.searches else 0)})
    return Markup(f'<svg class="stats-chart" role="img" aria-label="{summary}" viewBox="0 0 '
                  f'{max(len(report.days), 1) * width} 100" preserveAspectRatio="none" focusable="false">'
                  f'{"".join(bars)}</svg>')


def _report() -> StatsReport | None:
    recorder: StatsRecorder | None = current_app.extensions.get("ikz_stats")
    if recorder is None:
        return None
    return recorder.report()


@bp.get("/stats")
def stats_page() -> Response:
    """The statistics page (signed-in staff; others are sent to the sign-in)."""
    if not is_staff():
        return redirect(url_for("auth.login"))
    try:
        report = _report()
        failed = False
    except (sqlite3.Error, OSError, ImportError) as error:
        current_app.logger.warning("search statistics cannot be read: %s", error)
        report, failed = None, True
    except Exception as error:  # psycopg.Error; psycopg is imported only with the postgres store
        if type(error).__module__.split(".")[0] != "psycopg":
            raise
        current_app.logger.warning("search statistics cannot be read: %s", error)
        report, failed = None, True
    response = Response(render_template("stats.html", report=report, failed=failed, threshold=THRESHOLD,
                                        days=int(current_app.config.get("STATS_DAYS", 90)),
                                        chart=bar_chart(report) if report else ""))
    response.headers["Cache-Control"] = "no-store"
    return response


def csv_rows(report: StatsReport) -> list[list[object]]:
    """The CSV's rows: one per day, per shown query (at least ``THRESHOLD`` searches) and per
    facet; ``kind`` first so that a spreadsheet can filter."""
    rows: list[list[object]] = [["kind", "key", "searches", "zero_results"]]
    rows += [["day", day, searches, zero] for day, searches, zero in report.days]
    rows += [["query", _cell(q.query), q.searches, q.zero] for q in report.top]
    rows += [["zero_result_query", _cell(q.query), q.searches, q.zero] for q in report.zero]
    rows += [["facet", name, searches, ""] for name, searches in report.facets]
    return rows


def _cell(text: str) -> str:
    """A query as a CSV cell that a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@bp.get("/stats.csv")
def stats_csv() -> Response:
    if not is_staff():
        return redirect(url_for("auth.login"))
    report = _report()
    if report is None:
        return redirect(url_for("stats.stats_page"))
    out = io.StringIO()
    csv.writer(out).writerows(csv_rows(report))
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="ikz-statistik-{report.last.isoformat()}.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    recorder = make_recorder(app)
    app.extensions["ikz_stats"] = recorder
    if recorder is not None and not app.testing:
        atexit.register(recorder.close)  # write the last batch when a worker stops
    app.register_blueprint(bp)

    @app.context_processor
    def stats_context() -> dict:
        return {"stats_on": recorder is not None, "stats_days": int(app.config.get("STATS_DAYS", 90)),
                "stats_threshold": THRESHOLD}
