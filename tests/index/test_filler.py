"""The domain filler words (index/data/filler_words.txt)."""

from __future__ import annotations

import pytest

from index.analysis import analyze
from index.filler import DATA_FILE, filler_terms, filler_words, parse_filler_words


def test_every_entry_gives_its_reason_or_inflects_the_one_before():
    previous = None
    for number, line in enumerate(DATA_FILE.read_text(encoding="utf-8").splitlines(), 1):
        entry, _, reason = line.partition("#")
        if not entry.strip():
            continue
        term = analyze(entry.strip(), split_compounds=False)
        assert reason.strip() or term == previous, f"line {number}: {entry.strip()} needs its reason"
        previous = term


def test_words_are_folded_and_terms_analyzed():
    assert {"gemeinsame", "interkommunal", "kooperation", "zusammenarbeit", "kommunen"} <= filler_words()
    assert {"gemeinsam", "interkommunal", "kooperation", "zusammenarbeit", "kommun"} <= filler_terms()


@pytest.mark.parametrize("searched", ["zweckverband", "arbeitsgemeinschaft", "anstalt", "vereinbarung", "verbund",
                                      "verwaltung"])
def test_legal_forms_and_task_words_are_not_filler(searched):
    assert searched not in filler_words()


def test_one_word_a_line():
    assert parse_filler_words("gemeinsam  # reason\n\n# comment\nKooperation\n") == {"gemeinsam", "kooperation"}
    with pytest.raises(ValueError, match="line 1"):
        parse_filler_words("zwei worte\n")
