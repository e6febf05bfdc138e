"""``search.spelling``: the edit distance and ``Vocabulary.closest`` ("Meinten Sie")."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.folding import fold, fold_letters
from index.spelling import SpellingCounts, spelling_words
from search.spelling import Vocabulary, allowed_distance, edit_distance, segments

LETTERS = "abcdefghijklmnopqrstuvwxyz"


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("abfall", "abfall", 0), ("abfal", "abfall", 1), ("abfll", "abfall", 1), ("abfxll", "abfall", 1),
        ("afball", "abfall", 1), ("bafall", "abfall", 1), ("abflal", "abfall", 1),
        ("retungsdienst", "rettungsdienst", 1),
        ("feuerwher", "feuerwehr", 1), ("fuerwehr", "feuerwehr", 1), ("abc", "cba", 2), ("", "abc", 3),
    ],
)
def test_edit_distance_table(a, b, distance):
    assert edit_distance(a, b, 3) == distance == edit_distance(b, a, 3)


def test_edit_distance_stops_at_the_limit():
    assert edit_distance("abfall", "zweckverband", 2) == 3
    assert edit_distance("abcdefgh", "hgfedcba", 2) == 3


@pytest.mark.parametrize(("word", "limit"), [
    ("abc", 0), ("abfa", 1), ("abfalls", 1), ("abfallen", 2), ("rettungsdienst", 2),
])
def test_allowed_distance(word, limit):
    assert allowed_distance(word) == limit


@pytest.mark.parametrize(
    ("vocabulary", "typed", "expected"),
    [
        # a word rejected for the first segment must still be compared for the others
        ([("rettungsdienst", 1)], "Retungsdienst", "rettungsdienst"),
        ([("rettungsdienst", 1)], "Rettungsdinst", "rettungsdienst"),
        ([("abfall", 3), ("abfalle", 9)], "Abfal", "abfall"),  # fewer edits beat more documents
        ([("abfall", 3), ("abfalls", 9)], "Abfallx", "abfalls"),  # equal distance: more documents
        ([("müll", 2)], "Mülk", "müll"),  # the written form, umlaut and all
        ([("abfall", 5)], "Abafll", "abfall"),  # a transposition across the cut
        ([("feuerwehr", 5)], "Feurewehr", "feuerwehr"),
        # a typo's letter pair read as an umlaut: compared as typed, too
        ([("steuer", 4), ("stuhl", 9)], "Stuer", "steuer"),
        ([("feuerwehr", 5)], "Fuerwehr", "feuerwehr"),
        ([("erhöhen", 2)], "Erhoen", "erhöhen"),
        ([("virtuelle", 2)], "Virtuele", "virtuelle"),
        ([("abfall", 1)], "Abfall", None),  # the word itself is no correction
        ([("abfall", 1)], "Abf", None),  # too short to correct
        ([("abfall", 1)], "Abfxyz", None),  # too far
        ([("a1b2", 1)], "a1b3", None),  # not a word
    ],
)
def test_closest_table(vocabulary, typed, expected):
    assert Vocabulary(vocabulary).closest(typed) == expected


def test_segments_cover_every_cut_transposition():
    assert segments("abcd", 1) == {("ab", 0), ("cd", 2), ("ac", 0), ("bd", 2)}
    assert {("ab", 0), ("cd", 2), ("efgh", 4), ("ac", 0), ("bd", 2), ("ce", 2), ("dfgh", 4)} <= segments("abcdefgh", 2)


def _edit(word: str, kind: str, position: int, letter: str) -> str:
    """One edit of ``word`` as ``edit_distance`` counts it."""
    position %= len(word) + (kind == "insert")
    if kind == "delete":
        return word[:position] + word[position + 1:]
    if kind == "insert":
        return word[:position] + letter + word[position:]
    if kind == "substitute":
        return word[:position] + letter + word[position + 1:]
    position = min(position, len(word) - 2)
    return word[:position] + word[position + 1] + word[position] + word[position + 2:]


_LENGTHS: dict[int, dict[int, list[str]]] = {}


def _by_length(vocabulary: Vocabulary) -> dict[int, list[str]]:
    if id(vocabulary) not in _LENGTHS:
        groups: dict[int, list[str]] = {}
        for key in vocabulary.keys:
            groups.setdefault(len(key), []).append(key)
        _LENGTHS[id(vocabulary)] = groups
    return _LENGTHS[id(vocabulary)]


def _distances(vocabulary: Vocabulary, typed: str) -> dict[str, int]:
    """Each vocabulary word other than ``typed`` itself within the allowed distance of
    ``typed`` (folded, or with its ``ae/oe/ue`` kept), with its smallest distance; found
    by comparing every word of about the right length."""
    found: dict[str, int] = {}
    for query in {fold(typed.lower()), fold_letters(typed.lower())}:
        limit = allowed_distance(query)
        if not limit or not query.isalpha():
            continue
        by_length = _by_length(vocabulary)
        for size in range(len(query) - limit, len(query) + limit + 1):
            for key in by_length.get(size, ()):
                distance = edit_distance(query, key, limit)
                if key != fold(typed.lower()) and distance <= limit:
                    found[key] = min(found.get(key, distance), distance)
    return found


@pytest.fixture(scope="module")
def public_vocabulary(bundled_profiles) -> Vocabulary:
    counts = SpellingCounts()
    for profile in bundled_profiles:
        counts.add(spelling_words(profile), profile.private)
    return Vocabulary(counts.public.items())


@pytest.fixture(scope="module")
def sample_vocabulary(public_vocabulary) -> Vocabulary:
    """3,000 public words (so that comparing every word stays quick), with their counts."""
    chosen = random.Random(7).sample(sorted(public_vocabulary.entries.values()), 3000)
    return Vocabulary(chosen)


def _check(vocabulary: Vocabulary, typed: str) -> None:
    distances = _distances(vocabulary, typed)
    found = vocabulary.closest(typed)
    if not distances:
        assert found is None, typed
    else:
        assert found is not None, typed
        assert distances.get(fold(found)) == min(distances.values()), (typed, found, distances)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_closest_finds_a_word_at_minimal_distance(sample_vocabulary, data):
    """Random single edits of random public words: closest() returns a word at minimal
    distance whenever one is within the allowed distance."""
    word = data.draw(st.sampled_from(sorted(sample_vocabulary.keys)))
    kind = data.draw(st.sampled_from(["delete", "insert", "substitute", "transpose"]))
    if len(word) < 2:
        return
    typed = _edit(word, kind, data.draw(st.integers(0, 40)), data.draw(st.sampled_from(LETTERS)))
    _check(sample_vocabulary, typed)


def test_every_one_deletion_typo_of_a_public_word_is_corrected(public_vocabulary):
    """The audit's sweep: 1,500 random one-deletion typos of public words (173 went
    uncorrected when a word rejected for one segment was never compared again, and 8
    more whose letter pairs fold like umlauts: erhoen, zusaen, luemburg …)."""
    chooser = random.Random(4)
    words = sorted(k for k in public_vocabulary.keys if len(k) >= 6 and k.isalpha())
    missed = []
    for word in chooser.sample(words, min(1500, len(words))):
        position = chooser.randrange(len(word))
        typed = word[:position] + word[position + 1:]
        if typed not in public_vocabulary.entries and public_vocabulary.closest(typed) is None:
            missed.append(typed)
    assert missed == [], missed


def test_a_vocabulary_built_on_the_one_before_answers_as_one_built_anew(public_vocabulary):
    """An update's vocabulary takes over the previous one's letter-pair index: words gone
    are never found, words new are, counts are the new ones; the previous one (still
    serving the generation before) answers as it did."""
    words = sorted(public_vocabulary.entries.values())
    rng = random.Random(14)
    before = Vocabulary(rng.sample(words, 2500))
    typed = [written[:-1] + "x" for written, _ in rng.sample(words, 300)] + [w[1:] for w, _ in words[:100]]
    answered = [sorted(before.nearest(word)) for word in typed]
    now = [(written, df + 1) for written, df in rng.sample(words, 2500)]  # some gone, some new, all recounted
    built_on = Vocabulary(now, before)
    anew = Vocabulary(now)
    assert built_on.entries == anew.entries
    for word in typed:
        assert built_on.closest(word) == anew.closest(word), word
        assert sorted(built_on.nearest(word)) == sorted(anew.nearest(word)), word
    assert [sorted(before.nearest(word)) for word in typed] == answered
