"""The curated synonym lexicon: its format, each group family and the file's hygiene."""

from __future__ import annotations

import pytest

from index.analysis import analyze
from index.synonyms import DATA_FILE, default_lexicon, parse_lexicon


def key(word):
    """The lexicon key of a query word as the query builder computes it: the last analyzed
    token (a hyphenated "SGB-II" is searched as its joined form sgbii)."""
    return analyze(word, split_compounds=False)[-1]


def form(member):
    return tuple(analyze(member, split_compounds=False))


def read_sections():
    """{section name: [(line number, [members])]} from the ``# == name ==`` headers."""
    sections, current = {}, None
    for number, line in enumerate(DATA_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# == ") and line.rstrip().endswith(" =="):
            current = line.strip("# =\n ")  # noqa: B005 - a set of characters is meant: "#", "=" and blanks
            sections[current] = []
            continue
        line = line.split("#")[0].strip()
        if line:
            assert current is not None, f"line {number} comes before the first section"
            sections[current].append((number, [member.strip() for member in line.split(",")]))
    return sections


SECTIONS = read_sections()


def groups_of(section):
    return pytest.mark.parametrize(
        ("number", "members"), SECTIONS[section], ids=[members[0] for _, members in SECTIONS[section]]
    )


def test_the_file_has_exactly_the_documented_sections():
    assert list(SECTIONS) == ["abbreviations", "everyday", "topics"]


def test_lexicon_size():
    assert len(SECTIONS["abbreviations"]) >= 120
    assert len(SECTIONS["everyday"]) >= 100
    assert len(default_lexicon()) == sum(len(groups) for groups in SECTIONS.values())


@groups_of("abbreviations")
def test_every_abbreviation_expands_to_its_long_form(number, members):
    abbreviation, long_form = members[0], members[1]
    assert len(form(abbreviation)) == 1, f"line {number}: the abbreviation must be one query word"
    expansions = default_lexicon().expansions(key(abbreviation))
    assert form(long_form) in expansions
    assert all(form(member) in expansions for member in members[1:])


@groups_of("everyday")
def test_every_everyday_word_links_both_ways_with_the_official_term(number, members):
    everyday, official = members[0], members[1]
    lexicon = default_lexicon()
    assert len(form(everyday)) == 1, f"line {number}: the everyday word must be one query word"
    assert form(official) in lexicon.expansions(key(everyday))
    # every one-word member leads back to the everyday word; a multi-word member is only
    # reached (the lexicon looks up single query words)
    for member in members[1:]:
        if len(form(member)) == 1:
            assert (key(everyday),) in lexicon.expansions(key(member)), member


@pytest.mark.parametrize(
    ("typed", "long_form"),
    [
        ("BuT", "Bildung und Teilhabe"), ("KdU", "Kosten der Unterkunft"),
        ("SGB-II", "Grundsicherung für Arbeitsuchende"), ("SGBXII", "Sozialhilfe"), ("SGB", "Sozialgesetzbuch"),
        ("RPA", "Rechnungsprüfungsamt"), ("IuK", "Informations- und Kommunikationstechnik"),
        ("OGS", "Offene Ganztagsschule"), ("UVG", "Unterhaltsvorschuss"), ("EGovG", "E-Government-Gesetz"),
        ("OZG", "Onlinezugangsgesetz"), ("ÖPNV", "öffentlicher Personennahverkehr"),
        ("OePNV", "Nahverkehr"), ("SPNV", "Schienenpersonennahverkehr"), ("AöR", "Anstalt des öffentlichen Rechts"),
        ("AoeR", "Anstalt öffentlichen Rechts"), ("VHS", "Volkshochschule"), ("ÖGD", "Gesundheitsamt"),
        ("KAG", "Kommunalabgabengesetz"), ("BauGB", "Baugesetzbuch"), ("GIS", "Geoinformationssystem"),
        ("ALKIS", "Liegenschaftskataster"), ("GkG", "Gesetz über kommunale Gemeinschaftsarbeit"),
        ("ZV", "Zweckverband"), ("NKF", "Doppik"), ("B-Plan", "Bebauungsplan"), ("KiBiz", "Kinderbildungsgesetz"),
    ],
)
def test_abbreviations_named_in_the_issue_reach_their_long_form(typed, long_form):
    assert form(long_form) in default_lexicon().expansions(key(typed))


@pytest.mark.parametrize(
    ("everyday", "official"),
    [
        ("Sperrmüll", "Sperrgutabfuhr"), ("Schwimmbad", "Bäderbetrieb"), ("Müllabfuhr", "Abfallentsorgung"),
        ("Kita", "Kindertageseinrichtung"), ("Bücherei", "Bibliothek"), ("Tagesmutter", "Kindertagespflege"),
        ("Knöllchen", "Verwarnungsgeld"), ("Recyclinghof", "Wertstoffhof"), ("Beerdigung", "Bestattung"),
        ("Heiraten", "Eheschließung"), ("Schlagloch", "Straßenunterhaltung"), ("Nachhilfe", "Lernförderung"),
    ],
)
def test_everyday_words_named_in_the_issue_link_both_ways(everyday, official):
    lexicon = default_lexicon()
    assert (key(official),) in lexicon.expansions(key(everyday))
    assert (key(everyday),) in lexicon.expansions(key(official))


def test_jobcenter_reaches_the_official_multi_word_term():
    assert form("Grundsicherung für Arbeitsuchende") in default_lexicon().expansions(key("Jobcenter"))


@pytest.mark.parametrize(
    ("word", "synonym"),
    [
        ("ÖPNV", "Nahverkehr"), ("Müll", "Abfall"), ("Kita", "Kindertagesstätte"), ("VHS", "Volkshochschule"),
        ("VHS", "Erwachsenenbildung"), ("Bücherei", "Bibliothek"), ("Leitstelle", "Einsatzzentrale"),
        ("Bauhof", "Betriebshof"), ("Personalabrechnung", "Lohnbuchhaltung"),
        ("Personalabrechnung", "Bezügeabrechnung"),
        ("Tourismus", "Fremdenverkehr"), ("Breitband", "Glasfaser"), ("IT", "Informationstechnik"),
        ("Blitzer", "Geschwindigkeitsüberwachung"), ("OZG", "Onlinezugangsgesetz"),
    ],
)
def test_groups_required_by_the_design(word, synonym):
    assert (key(synonym),) in default_lexicon().expansions(key(word))
    assert (key(word),) in default_lexicon().expansions(key(synonym))


# Abbreviations left out on purpose: each also reads as an ordinary word or another common
# abbreviation in these texts, so expanding it would pull in unrelated profiles.
AMBIGUOUS = {
    "ag": "Aktiengesellschaft, Arbeitsgemeinschaft, Amtsgericht",
    "ast": "Anrufsammeltaxi, but also the word Ast (tree care)",
    "ba": "Bundesagentur für Arbeit, Bachelor",
    "ff": "freiwillige Feuerwehr, but also 'folgende' in §§ 23 ff.",
    "go": "Gemeindeordnung, but also the English word",
    "kv": "Kassenärztliche Vereinigung, Kreisverwaltung, Kreisverband",
    "lag": "lokale Aktionsgruppe, but also a form of liegen",
    "stgb": "Städte- und Gemeindebund, but also the Strafgesetzbuch",
    "vg": "Verbandsgemeinde, Verwaltungsgericht",
    "ikz": "interkommunale Zusammenarbeit: every profile is one, so its words are filler",
}


@pytest.mark.parametrize("abbreviation", sorted(AMBIGUOUS))
def test_ambiguous_abbreviations_stay_out(abbreviation):
    assert default_lexicon().expansions(key(abbreviation)) == []


def test_no_member_is_empty_or_repeated_within_its_group():
    for section, groups in SECTIONS.items():
        for number, members in groups:
            forms = [form(member) for member in members]
            assert all(forms), f"{section} line {number}: a member analyzes to nothing"
            assert len(set(forms)) == len(forms), f"{section} line {number}: two members analyze alike"
            assert len(members) >= 2, f"{section} line {number}: a group needs two members"


def test_no_group_repeats_or_is_contained_in_another():
    groups = [(number, frozenset(map(form, members))) for g in SECTIONS.values() for number, members in g]
    for number, forms in groups:
        for other, other_forms in groups:
            if other != number:
                assert not forms <= other_forms, f"line {number} adds nothing to line {other}"


@pytest.mark.parametrize("section", ["abbreviations", "everyday"])
def test_a_head_word_leads_only_one_group_of_its_family(section):
    """Two lines starting with the same abbreviation would give it two contradicting long
    forms; merge them into one group instead."""
    heads = [key(members[0]) for _, members in SECTIONS[section]]
    assert len(heads) == len(set(heads))


def test_spellings_of_a_word_find_the_same_group():
    lexicon = default_lexicon()
    assert lexicon.expansions(key("Muell")) == lexicon.expansions(key("Müll"))
    assert lexicon.expansions(key("Bäder")) == lexicon.expansions(key("Bad"))
    assert lexicon.expansions(key("OEPNV")) == lexicon.expansions(key("ÖPNV"))


def test_multi_word_members_and_format():
    lexicon = parse_lexicon("# comment\nöpnv, öffentlicher nahverkehr\n\n")
    assert len(lexicon) == 1
    assert lexicon.expansions("opnv") == [("offent", "nahverkehr")]
    assert lexicon.expansions("unbekannt") == []


@pytest.mark.parametrize("joined", ["sgbii", "sgb2"])
def test_a_numbered_member_is_found_by_its_joined_forms(joined):
    """``sgb ii`` in a group: SGBII/SGB-II (sgbii) and SGB2/SGB-2 (sgb2) find the group and
    each other; SGB XII stays apart."""
    expansions = default_lexicon().expansions(joined)
    assert form("Grundsicherung für Arbeitsuchende") in expansions and form("SGB II") in expansions
    assert ({("sgbii",), ("sgb2",)} - {(joined,)}) <= set(expansions)
    assert ("sgbxii",) not in expansions and ("sgb12",) not in expansions


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["SGB", "II"], ["SGB-II"]), (["SGB", "2"], ["SGB-II"]), (["SGB-2"], ["SGB-II"]), (["SGB2"], ["SGB-II"]),
        (["sgb", "12", "Kosten"], ["sgb-XII", "Kosten"]), (["Hartz", "4"], ["Hartz-IV"]),
        (["SGB-II"], ["SGB-II"]), (["SGBII"], ["SGBII"]),
        # not joined: a numeral the lexicon does not know after that word, or no numeral
        (["Seite", "2"], ["Seite", "2"]), (["B2"], ["B2"]), (["SGB", "13"], ["SGB", "13"]), (["SGB"], ["SGB"]),
        (["2", "SGB"], ["2", "SGB"]),
    ],
)
def test_numbered_abbreviations_are_joined_into_one_query_word(words, expected):
    assert default_lexicon().numbered(words) == expected
