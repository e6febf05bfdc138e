"""Generic prefixes and participant lists."""

from __future__ import annotations

import pytest

from corpus.names import split_names, strip_generic


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Stadt Lippstadt", "Lippstadt"),
        ("Lippstadt, Stadt", "Lippstadt"),
        ("Gemeinde Anröchte", "Anröchte"),
        ("Hansestadt Attendorn", "Attendorn"),
        ("Kreisstadt Olpe", "Olpe"),
        ("Kreis- und Hochschulstadt Meschede", "Meschede"),
        ("Große Kreisstadt Freising", "Freising"),
        ("Freie und Hansestadt Hamburg", "Hamburg"),
        ("Bundesstadt Bonn", "Bonn"),
        ("Kreis Soest", "Kreis Soest"),
        ("Landkreis Emsland", "Landkreis Emsland"),
        ("Hochsauerlandkreis", "Hochsauerlandkreis"),
        ("Rhein-Sieg-Kreis", "Rhein-Sieg-Kreis"),
        ("Stadtlohn", "Stadtlohn"),  # a prefix only as a whole word
        ("Markt Indersdorf", "Indersdorf"),
        ("Lohr a.Main, St", "Lohr a.Main"),
        ("Stadt", "Stadt"),
        ("  Stadt   Unna  ", "Unna"),
    ],
)
def test_strip_generic(name, expected):
    assert strip_generic(name) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Städte A-Stadt, B und C", ["A-Stadt", "B", "C"]),
        ("Gemeinden Wenden und Drolshagen", ["Wenden", "Drolshagen"]),
        ("Kreise Olpe und Siegen-Wittgenstein", ["Kreis Olpe", "Kreis Siegen-Wittgenstein"]),
        ("Landkreise Emsland und Grafschaft Bentheim", ["Landkreis Emsland", "Landkreis Grafschaft Bentheim"]),
        ("Kreise Unna, Hochsauerlandkreis", ["Kreis Unna", "Hochsauerlandkreis"]),
        ("Städte Unna und Hamm, Kreis Soest", ["Unna", "Hamm", "Kreis Soest"]),
        ("Halle (Westf., Kreis Gütersloh) und Werther", ["Halle (Westf., Kreis Gütersloh)", "Werther"]),
        ("Industrie- und Handelskammer Siegen", ["Industrie- und Handelskammer Siegen"]),
        ("Burbach & Neunkirchen", ["Burbach", "Neunkirchen"]),
        ("Stadt", []),
        ("", []),
    ],
)
def test_split_names(line, expected):
    assert split_names(line) == expected
