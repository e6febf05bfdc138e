"""Snippets: escaped HTML, marks on analyzed matches, the best field and window."""

from __future__ import annotations

from search.snippets import SNIPPET_CHARS, make_snippet


def test_marks_analyzed_matches_and_escapes_everything():
    fields = {"ziel": 'Der Abfallwirtschaftsverband <script>alert("x")</script> & Co. sammelt Müll.'}
    snippet = make_snippet(fields, {"abfall", "mull"})
    assert "<mark>Abfallwirtschaftsverband</mark>" in snippet and "<mark>Müll</mark>" in snippet
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet and "&amp; Co." in snippet
    assert "&quot;x&quot;" in snippet


def test_field_with_most_marks_wins():
    fields = {"ziel": "Nichts hierzu.", "umsetzung": "Die Bücherei und die Bibliothek.", "anlass": "Eine Bibliothek."}
    assert make_snippet(fields, {"bibliothek", "bucherei"}).count("<mark>") == 2


def test_long_text_shows_the_window_around_the_matches():
    text = "Vorwort " * 60 + "Hier geht es um den Winterdienst der Gemeinden. " + "Nachwort " * 60
    snippet = make_snippet({"ziel": text}, {"winterdien"})
    assert "<mark>Winterdienst</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert len(snippet) <= SNIPPET_CHARS + 40


def test_without_matches_the_opening_is_shown_escaped():
    assert make_snippet({"anlass": "A < B"}, set()) == "A &lt; B"
    assert make_snippet({}, {"x"}) == ""


def test_every_occurrence_of_a_marked_word_is_marked():
    # each distinct word is analysed once (search.snippets._marks): its repeats are marked too,
    # a hyphenated or dotted word as one, and a word that only contains a marked one is not
    fields = {"ziel": "Feuerwehr hier, Feuerwehr-Haus dort; die Feuerwehr. Wehr und Feuerwehrhaus z.B. Feuerwehr"}
    snippet = make_snippet(fields, {"feuerwehr"})
    assert snippet.count("<mark>Feuerwehr</mark>") == 3
    assert "<mark>Feuerwehr-Haus</mark>" in snippet and "<mark>Feuerwehrhaus</mark>" in snippet
    assert "<mark>Wehr</mark>" not in snippet and "<mark>z.B</mark>" not in snippet
