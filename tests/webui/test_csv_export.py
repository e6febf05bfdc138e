"""The staff CSV exports' shared columns (webui.csv_export)."""

import csv
import io

from flask import Flask
from flask_babel import Babel

from webui.csv_export import export_csv


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_a_record_becomes_one_row_under_the_header():
    app = Flask(__name__)
    Babel(app)
    record = {"id": "p1", "title": "=Abfall", "private": True, "lead": "Soest", "participants": ("Soest", "Werl"),
              "district": "Soest", "year": 2019, "keywords": ["Abfall", "Wertstoffhof"],
              "contact": "Amt  für\nAbfall", "url": "https://example.org/profiles/p1", "areas": ()}
    with app.test_request_context():
        header, row = _rows(export_csv([record], "de"))
    cells = dict(zip(header, row, strict=True))
    assert cells["ID"] == "p1" and cells["Title"] == "'=Abfall"  # no formula; no catalogue here: English
    assert cells["not public"] == "yes" and cells["Participants"] == "Soest, Werl"
    assert cells["Cooperating since"] == "2019" and cells["Keywords"] == "Abfall, Wertstoffhof"
    assert cells["Contact"] == "Amt für Abfall" and cells["Profile page"] == record["url"]
    assert cells["Government region"] == "" and cells["Task area"] == ""
