"""The staff page ``/analyze?q=…``: how the index analyses the words of a query (compound
parts, stem, indexed terms), so that an operator can see why something matched. Signed-in
staff only; everyone else gets 404, like the CSV export."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from index.analysis import analyze_word
from webui.service import is_staff

bp = Blueprint("analyze", __name__)

# A query longer than this is cut: the page explains words, it is no bulk tool (`ikz analyze` is).
MAX_WORDS = 50


@bp.get("/analyze")
def analyze_page() -> str:
    if not is_staff():
        abort(404)
    query = request.args.get("q", "")[:2000]
    words = [word.strip(".,;:!?()[]{}\"'„“”‚‘’«»") for word in query.split()]
    results = [analyze_word(word).to_dict() for word in words if word][:MAX_WORDS]
    return render_template("analyze.html", q=query, results=results)


def init_app(app) -> None:  # noqa: ANN001
    app.register_blueprint(bp)
