"""Generic prefixes and participant lists."""

from __future__ import annotations

import pytest

from corpus.names import split_names, split_organisations, strip_generic


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
        ("Städte und Gemeinden Lemgo, Blomberg und Lage", ["Lemgo", "Blomberg", "Lage"]),
        ("Stadt", []),
        ("", []),
        # the directory's inverted style "X, Kreis"
        ("Soest, Kreis und Lippstadt, Stadt", ["Kreis Soest", "Lippstadt"]),
        ("Emsland, Landkreis; Lingen (Ems), Stadt", ["Landkreis Emsland", "Lingen (Ems)"]),
        # one name for the town and its Kreis
        ("Stadt und Kreis Soest", ["Soest", "Kreis Soest"]),
        ("Kreis und Stadt Soest", ["Kreis Soest", "Soest"]),
        ("Stadt und Landkreis Osnabrück", ["Osnabrück", "Landkreis Osnabrück"]),
        # a spaced slash separates; a slash inside a name (and bilingual names) does not
        ("Gemeinde Hille / Stadt Minden", ["Hille", "Minden"]),
        ("Hille / Minden / Petershagen", ["Hille", "Minden", "Petershagen"]),
        ("Neustadt/ Westerwald, Fröndenberg/Ruhr", ["Neustadt/ Westerwald", "Fröndenberg/Ruhr"]),
        ("Stadt Bautzen / Budyšin, Kamenz / Kamjenc", ["Bautzen / Budyšin", "Kamenz / Kamjenc"]),
        ("Bautzen / Kamenz", ["Bautzen", "Kamenz"]),
        # "u." is "und"
        ("Herne u. Witten", ["Herne", "Witten"]),
        # role remarks are not part of the name
        ("Dortmund (federführend), Herne", ["Dortmund", "Herne"]),
        ("Stadt Dortmund (Sitz der Geschäftsstelle) und Herne (koordinierend)", ["Dortmund", "Herne"]),
        ("Halle (Westf.) (federführend), Wetter (Ruhr)", ["Halle (Westf.)", "Wetter (Ruhr)"]),
        ("Kreis Soest (Federführung)", ["Kreis Soest"]),
        # a list broken across lines leaves a dangling "und"
        ("Stadt Lippstadt und", ["Lippstadt"]),
        ("und Gemeinde Anröchte", ["Anröchte"]),
    ],
)
def test_split_names(line, expected):
    assert split_names(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Ministerium für Heimat, Kommunales, Bau und Digitalisierung",
         ["Ministerium für Heimat, Kommunales, Bau und Digitalisierung"]),
        ("Ministerium für Wirtschaft, Industrie, Klimaschutz und Energie des Landes NRW, Bezirksregierung Köln",
         ["Ministerium für Wirtschaft, Industrie, Klimaschutz und Energie des Landes NRW", "Bezirksregierung Köln"]),
        ("Industrie- und Handelskammer, Handwerkskammer, Agentur für Arbeit",
         ["Industrie- und Handelskammer", "Handwerkskammer", "Agentur für Arbeit"]),
        ("Agentur für Arbeit, Handwerkskammer", ["Agentur für Arbeit", "Handwerkskammer"]),
        ("Agentur für Arbeit, IHK Siegen", ["Agentur für Arbeit", "IHK Siegen"]),
        ("Hilfsorganisationen (DRK, JUH, MHD, ASB) als Einheitenträger",
         ["Hilfsorganisationen (DRK, JUH, MHD, ASB) als Einheitenträger"]),
        ("Kreis Düren (Schulentwicklungsplanung, Schülerbeförderung)",
         ["Kreis Düren (Schulentwicklungsplanung, Schülerbeförderung)"]),
        ("Samtgemeinden Schüttorf, Neuenhaus und Uelsen",
         ["Samtgemeinde Schüttorf", "Samtgemeinde Neuenhaus", "Samtgemeinde Uelsen"]),
        ("Verkehrsverbund Rhein-Ruhr; Kreishandwerkerschaft", ["Verkehrsverbund Rhein-Ruhr", "Kreishandwerkerschaft"]),
        ("Bezirksregierung Düsseldorf, IHK Niederrhein, Stadtwerke Kleve GmbH",
         ["Bezirksregierung Düsseldorf", "IHK Niederrhein", "Stadtwerke Kleve GmbH"]),
        ("Gemeinde Wenden", ["Wenden"]),
        ("Städte und Gemeinden des Rhein-Sieg-Kreises als Standortkommunen; Leitstellen von Stadt und Kreis",
         ["Städte und Gemeinden des Rhein-Sieg-Kreises als Standortkommunen", "Leitstellen von Stadt und Kreis"]),
    ],
)
def test_split_organisations(line, expected):
    assert split_organisations(line) == expected


def test_names_with_a_spaced_slash_in_the_directory_stay_whole(gazetteer):
    """Bilingual official names ("Bautzen / Budyšin") are one place, not two."""
    names = [p.name for p in gazetteer.places if " / " in p.name]
    assert len(names) > 40
    for name in names:
        assert split_names(name) == [name]
        assert split_names(f"Stadt {name} / Gemeinde Hille") == [name, "Hille"]
        assert gazetteer.resolve(name) is not None
