"""The profile parser, quirk by quirk."""

from __future__ import annotations

import pytest

from corpus import ProfileParseError, parse_profile
from corpus.parser import paragraphs, parse_title
from tests.conftest import DATA


def profile_text(*, title="Gemeinsame Vergabestelle", participants="Lippstadt, Erwitte", **sections) -> str:
    """A minimal profile with the given sections (keyword → label as in the format)."""
    labels = {
        "stichworte": "Stichworte", "hauptverantwortlich": "Hauptverantwortlich",
        "sonstige": "Sonstige Beteiligte", "kurzprofil": "Kurzprofil", "anlass": "Anlass", "ziel": "Ziel",
        "umsetzung": "Umsetzung", "finanzierung": "Finanzierung", "rechtsform": "Rechtsform",
        "seit": "Zusammenarbeit seit", "kontakt": "Kontakt", "links": "Links",
    }
    parts = [title, "", participants, ""]
    if not sections:
        sections = {"stichworte": "Vergabe"}
    for key, value in sections.items():
        parts += [f"{labels[key]}:", "", value, ""]
    return "\n".join(parts)


def parse(text: str):
    return parse_profile(text, profile_id="p1", source="p1.txt")


# ---------------------------------------------------------------- title


@pytest.mark.parametrize(
    ("line", "title", "private", "remark"),
    [
        ("Modellprojekt Smart City", "Modellprojekt Smart City", False, None),
        ("Privat: Modellprojekt Smart City (lt. Mail 2021 03 08 nicht mehr aktuell)",
         "Modellprojekt Smart City", True, "lt. Mail 2021 03 08 nicht mehr aktuell"),
        ("Privat: Gemeinsamer Bauhof", "Gemeinsamer Bauhof", True, None),
        ("privat:Gemeinsamer Bauhof", "Gemeinsamer Bauhof", True, None),
        ("Gemeinsamer Bauhof (Kooperation beendet 2021)", "Gemeinsamer Bauhof", False, "Kooperation beendet 2021"),
        ("Gemeinsamer Bauhof (nicht mehr aktuell)", "Gemeinsamer Bauhof", False, "nicht mehr aktuell"),
        # a place name's own parenthesis is not a remark
        ("Abwasserkooperation Wetter (Ruhr)", "Abwasserkooperation Wetter (Ruhr)", False, None),
        ("Standesamt Halle (Westf.)", "Standesamt Halle (Westf.)", False, None),
        ("IT-Kooperation (KDN)", "IT-Kooperation (KDN)", False, None),
        ("Privat: Standesamt Halle (Westf.) (Angaben ungeprüft)", "Standesamt Halle (Westf.)", True,
         "Angaben ungeprüft"),
        ("  Breitband   im   Sauerland  ", "Breitband im Sauerland", False, None),
        # status words in a trailing parenthesis are remarks
        ("Gemeinsamer Bauhof (abgeschlossen)", "Gemeinsamer Bauhof", False, "abgeschlossen"),
        ("Gemeinsamer Bauhof (ausgelaufen)", "Gemeinsamer Bauhof", False, "ausgelaufen"),
        ("Gemeinsamer Bauhof (inaktiv)", "Gemeinsamer Bauhof", False, "inaktiv"),
        ("Gemeinsamer Bauhof (erledigt)", "Gemeinsamer Bauhof", False, "erledigt"),
        ("Gemeinsamer Bauhof (in Planung)", "Gemeinsamer Bauhof", False, "in Planung"),
        ("Gemeinsamer Bauhof (beendet)", "Gemeinsamer Bauhof", False, "beendet"),
        ("Gemeinsamer Bauhof (ruht)", "Gemeinsamer Bauhof", False, "ruht"),
        ("Gemeinsamer Bauhof (Abgeschlossen)", "Gemeinsamer Bauhof", False, "Abgeschlossen"),
        ("Privat: Gemeinsamer Bauhof (pausiert)", "Gemeinsamer Bauhof", True, "pausiert"),
        # names' own parentheses stay in the title
        ("Bauhofkooperation Werther und Halle (Westf.)", "Bauhofkooperation Werther und Halle (Westf.)", False, None),
        ("Schwimmbad Essen (Oldb.)", "Schwimmbad Essen (Oldb.)", False, None),
        ("Museumsverbund Halle (Saale)", "Museumsverbund Halle (Saale)", False, None),
        ("Tourismus Kempten (Allgäu)", "Tourismus Kempten (Allgäu)", False, None),
    ],
)
def test_title_line(line, title, private, remark):
    assert parse_title(line) == (title, private, remark)
    profile = parse(profile_text(title=line))
    assert (profile.title, profile.private, profile.remark) == (title, private, remark)


@pytest.mark.parametrize("title", ["Status: Digitale Schule", "Hinweis: Neues Bürgerportal"])
def test_a_title_may_start_like_a_remark_label(title):
    assert parse(profile_text(title=title)).title == title


def test_leading_blank_lines_are_skipped():
    profile = parse("\n\n\n" + profile_text())
    assert profile.title == "Gemeinsame Vergabestelle"


# ---------------------------------------------------------------- participants


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("Dortmund, Herne, Schwerte, Witten", ["Dortmund", "Herne", "Schwerte", "Witten"]),
        ("Kreis Soest, Stadt Lippstadt und Gemeinde Anröchte", ["Kreis Soest", "Lippstadt", "Anröchte"]),
        ("Städte Hamm, Unna und Bergkamen", ["Hamm", "Unna", "Bergkamen"]),
        ("Stadt Halle (Westf.)\nStadt Werther (Westf.)\nGemeinde Steinhagen",
         ["Halle (Westf.)", "Werther (Westf.)", "Steinhagen"]),
        ("Wetter (Ruhr), Herdecke und Hagen", ["Wetter (Ruhr)", "Herdecke", "Hagen"]),
        ("Lohr a.Main, Gemünden a.Main", ["Lohr a.Main", "Gemünden a.Main"]),
        ("Kreis- und Hochschulstadt Meschede, Hochsauerlandkreis", ["Meschede", "Hochsauerlandkreis"]),
        ("Kreis- und Hochschulstadt Meschede und Stadt Arnsberg", ["Meschede", "Arnsberg"]),
        ("Hansestadt Attendorn; Kreisstadt Olpe", ["Attendorn", "Olpe"]),
        ("Landkreis Emsland sowie Stadt Lingen (Ems)", ["Landkreis Emsland", "Lingen (Ems)"]),
        ("Rhein-Sieg-Kreis, Bundesstadt Bonn", ["Rhein-Sieg-Kreis", "Bonn"]),
        ("Dortmund, Stadt; Herne, Stadt", ["Dortmund", "Herne"]),
        ("Freie und Hansestadt Hamburg und Kreis Pinneberg", ["Hamburg", "Kreis Pinneberg"]),
        ("Neustadt/ Westerwald, Fröndenberg/Ruhr", ["Neustadt/ Westerwald", "Fröndenberg/Ruhr"]),
        ("Mülheim an der Ruhr und Oberhausen", ["Mülheim an der Ruhr", "Oberhausen"]),
        ("Dortmund, Dortmund, Herne", ["Dortmund", "Herne"]),
        ("Stadt Lippstadt und\nGemeinde Anröchte", ["Lippstadt", "Anröchte"]),
        ("Stadt Lippstadt\nund Gemeinde Anröchte", ["Lippstadt", "Anröchte"]),
        ("Kreise Olpe und\nSiegen-Wittgenstein", ["Kreis Olpe", "Kreis Siegen-Wittgenstein"]),
        ("Städte Unna,\nHamm und Bergkamen", ["Unna", "Hamm", "Bergkamen"]),
        ("Soest, Kreis\nLippstadt, Stadt", ["Kreis Soest", "Lippstadt"]),
    ],
)
def test_participants_styles(block, expected):
    assert list(parse(profile_text(participants=block)).participants) == expected


def test_no_participants_block():
    text = "Titel ohne Beteiligte\n\nStichworte:\n\nIT\n"
    assert parse(text).participants == ()


# ---------------------------------------------------------------- sections


def test_empty_sections_and_missing_sections():
    profile = parse(profile_text(stichworte="IT", anlass="", ziel="Gemeinsam besser."))
    assert profile.sections == {"ziel": "Gemeinsam besser."}
    assert profile.legal_form is None and profile.year is None and profile.contact is None


def test_sections_out_of_order_and_value_on_label_line():
    text = "Titel\n\nA, B\n\nRechtsform: Zweckverband\nZiel:\n\nZiel zuerst.\n\nStichworte: Abwasser, Kläranlage\n"
    profile = parse(text)
    assert profile.legal_form == "Zweckverband"
    assert profile.sections["ziel"] == "Ziel zuerst."
    assert profile.keywords == ("Abwasser", "Kläranlage")


def test_unknown_labels_are_kept():
    text = profile_text(ziel="Text.") + "\nBemerkungen:\n\nWird 2026 geprüft.\n\nweiter im Satz.\n"
    assert parse(text).extra_sections == {"Bemerkungen": "Wird 2026 geprüft. weiter im Satz."}


BASE = "Titel\n\nA, B\n\nStichworte:\n\nIT\n\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # remark labels start a section wherever they are, text on the same line or not
        ("Links:\n\nwww.example.org/a\nBemerkung: Text hier.\n",
         dict(links=("www.example.org/a",), extra={"Bemerkung": "Text hier."})),
        ("Ziel:\n\nGemeinsam besser.\n\nBemerkung:\nText hier.\n",
         dict(ziel="Gemeinsam besser.", extra={"Bemerkung": "Text hier."})),
        ("Ziel:\n\nGemeinsam besser.\nHinweise: Wird 2026 geprüft.\n",
         dict(ziel="Gemeinsam besser.", extra={"Hinweise": "Wird 2026 geprüft."})),
        # any other short capitalised label alone on the first line of a block
        ("Ziel:\n\nGemeinsam besser.\n\nWeitere Informationen:\nText hier.\n",
         dict(ziel="Gemeinsam besser.", extra={"Weitere Informationen": "Text hier."})),
        ("Ziel:\n\nGemeinsam besser.\n\nProjektpartner:\n\nIHK\n",
         dict(ziel="Gemeinsam besser.", extra={"Projektpartner": "IHK"})),
        # "Zusammenarbeit seit" with a date needs no colon
        ("Rechtsform:\n\nZweckverband\nZusammenarbeit seit 2019\n",
         dict(legal_form_raw="Zweckverband", year=2019)),
        ("Rechtsform: Zweckverband\nZusammenarbeit seit dem 01.07.2015\n",
         dict(legal_form_raw="Zweckverband", year=2015)),
        # a known label at the start of a line always starts its section, even inside prose
        ("Anlass:\n\nHohe Kosten.\nZiel: Kosten senken.\n", dict(anlass="Hohe Kosten.", ziel="Kosten senken.")),
        # prose stays prose: unknown "Word: text" lines, labels inside a block, sentences
        ("Finanzierung:\n\nVerbandsumlage: Werdohl 60 %, Neuenrade 40 %.\n",
         dict(finanzierung="Verbandsumlage: Werdohl 60 %, Neuenrade 40 %.")),
        ("Umsetzung:\n\nDrei Schritte.\nFolgende Maßnahmen:\nAusschreibung.\n",
         dict(umsetzung="Drei Schritte. Folgende Maßnahmen: Ausschreibung.")),
        ("Anlass:\n\nZusammenarbeit seit Jahren bewährt.\n", dict(anlass="Zusammenarbeit seit Jahren bewährt.")),
        ("Anlass:\n\nZusammenarbeit seit 2019 besteht zwischen den beiden Städten.\n",
         dict(anlass="Zusammenarbeit seit 2019 besteht zwischen den beiden Städten.", year=None)),
        ("Kontakt:\n\nStadt Erwitte\n\nTelefon:\n02943 000-0000\n",
         dict(contact="Stadt Erwitte\nTelefon:\n02943 000-0000")),
        ("Anlass:\n\nText.\n\nDie Partner vereinbaren:\n\nviel.\n",
         dict(anlass="Text.\n\nDie Partner vereinbaren: viel.")),
    ],
)
def test_where_sections_start(body, expected):
    profile = parse(BASE + body)
    actual = dict(
        links=profile.links, extra=dict(profile.extra_sections), legal_form_raw=profile.legal_form_raw,
        year=profile.year, contact=profile.contact,
        **{k: profile.sections.get(k) for k in ("anlass", "ziel", "umsetzung", "finanzierung")},
    )
    expected = {"extra": {}, **expected}
    assert {key: actual[key] for key in expected} == expected


def test_colon_lines_inside_sections_are_not_labels():
    text = profile_text(links="www.example.org/a\nSmart City Hellweg: 1. Sachstandsbericht")
    assert parse(text).links == ("www.example.org/a", "Smart City Hellweg: 1. Sachstandsbericht")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Ein Satz.", "Ein Satz."),
        ("Erster Absatz.\n\nZweiter Absatz.", "Erster Absatz.\n\nZweiter Absatz."),
        ("Die Bewerbung wurde im September 2020\n\nausgewählt. Danach ging es los.",
         "Die Bewerbung wurde im September 2020 ausgewählt. Danach ging es los."),
        ("Zeile eins\nZeile zwei.", "Zeile eins Zeile zwei."),
        ("Satz.\n\n\n\nNoch ein Satz.", "Satz.\n\nNoch ein Satz."),
    ],
)
def test_paragraphs(body, expected):
    assert parse(profile_text(anlass=body)).sections["anlass"] == expected
    assert paragraphs([]) == ""


def test_contact_and_links_keep_their_lines():
    profile = parse(profile_text(kontakt="Stadt Erwitte\nKämmerei\n02943 000-0000",
                                 links="www.example.org/x\n\nwww.example.org/y"))
    assert profile.contact == "Stadt Erwitte\nKämmerei\n02943 000-0000"
    assert profile.links == ("www.example.org/x", "www.example.org/y")


# ---------------------------------------------------------------- lead


def test_lead_from_hauptverantwortlich():
    profile = parse(profile_text(hauptverantwortlich="Stadt Erwitte", kurzprofil="Stadt Lippstadt"))
    assert profile.lead == "Erwitte"


def test_lead_falls_back_to_kurzprofil_place_then_none():
    assert parse(profile_text(kurzprofil="Stadt Lippstadt\nRegierungsbezirk Arnsberg")).lead == "Lippstadt"
    assert parse(profile_text(hauptverantwortlich="", kurzprofil="")).lead is None


def test_other_participants():
    profile = parse(profile_text(sonstige="Verkehrsverbund Rhein-Ruhr; Kreishandwerkerschaft\n"
                                          "Ministerium für Heimat, Kommunales, Bau und Digitalisierung"))
    assert profile.others == (
        "Verkehrsverbund Rhein-Ruhr", "Kreishandwerkerschaft",
        "Ministerium für Heimat, Kommunales, Bau und Digitalisierung",
    )


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", 1, "empty"),
        ("\n\n   \n", 1, "empty"),
        ("\n\nStichworte:\n\nIT\n", 3, "missing title"),
        ("Privat: (nicht mehr aktuell)\n\nStichworte:\n\nIT\n", 1, "missing title"),
        ("Nur ein Titel\nund etwas Text\n", 1, "no profile sections"),
        ("Titel\n\x00\x01\x02", 2, "binary"),
        ("x" * 600 + "\n\nStichworte:\n\nIT\n", 1, "longer than"),
    ],
)
def test_what_is_not_a_profile_raises_with_file_and_line(text, line, fragment):
    with pytest.raises(ProfileParseError) as caught:
        parse(text)
    assert caught.value.source == "p1.txt"
    assert caught.value.line == line
    assert fragment in caught.value.message
    assert str(caught.value).startswith(f"p1.txt:{line}: ")


def test_windows_line_endings_and_bom():
    text = "\ufeff" + profile_text(ziel="Ein Ziel.").replace("\n", "\r\n")
    profile = parse(text)
    assert profile.title == "Gemeinsame Vergabestelle" and profile.sections["ziel"] == "Ein Ziel."


# ---------------------------------------------------------------- the seed's quirks, in our own fixture


def test_fixture_with_the_seed_quirks():
    path = DATA / "profiles" / "001_digitalstrategie-hellweg.txt"
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith("\n\n") and not raw.endswith("\n")  # the quirks are really in the fixture
    profile = parse_profile(raw, profile_id=path.stem)
    assert profile.id == "001_digitalstrategie-hellweg"
    assert profile.private and profile.remark == "lt. Mail 2022 11 04 nicht mehr aktuell"
    assert profile.title == "Gemeinsame Digitalstrategie Hellweg"
    assert profile.participants == ("Lippstadt", "Soest", "Erwitte", "Geseke")
    assert profile.keywords == ("Digitalisierung kommunale zukunft",)
    assert profile.lead == "Lippstadt" and profile.others == ()
    assert (profile.region, profile.population, profile.population_date, profile.population_source) == (
        "Arnsberg", 68890, "31.12.2022", "IT.NRW")
    assert profile.area_km2 == 113.7
    assert profile.year == 2021
    assert profile.legal_form == "öffentlich-rechtliche Vereinbarung"
    assert profile.legal_form_raw == "Öffentlich-rechtliche Vereinbarung"
    assert "im März 2022 vorgestellt und von allen Räten" in profile.sections["umsetzung"]
    assert profile.sections["anlass"].count("\n\n") == 1
    assert "sonstige" not in profile.sections and profile.links[-1].startswith("Strategie Hellweg digital:")
