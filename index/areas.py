"""Assign each profile its task areas (``corpus.areas``) from its text, and say why.

A curated table (``index/data/task_areas.txt``) gives each area weighted terms. A profile's
fields are analysed like indexed text (stems, umlaut folding, compound parts), every term
found adds ``term weight × field weight × (1 + ln occurrences)`` to its area, and the best
area is the primary one; the runner-up is the secondary one when it has at least
``SECONDARY_SHARE`` of the primary's score, evidence in the title or keywords and a score of
its own of at least ``SECONDARY_MIN``. A profile that states its areas
(``Aufgabenbereich: 11``) keeps them. ``assign_areas`` returns the decision with the terms
that made it (``ikz areas ID`` prints them).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from corpus import Profile
from corpus.areas import TASK_AREAS
from corpus.model import TEXT_SECTIONS
from index.postings import german_terms

TERMS_FILE = Path(__file__).parent / "data" / "task_areas.txt"
# How much a term found in each part of a profile counts.
FIELD_WEIGHTS = {
    "title": 3.0,
    "keywords": 3.0,
    "ziel": 1.5,
    "anlass": 1.0,
    "umsetzung": 1.0,
    "finanzierung": 0.3,
    "others": 0.5,
}
# A runner-up becomes the secondary area at this share of the primary's score …
SECONDARY_SHARE = 0.6
# … if it is named in the title or keywords and scores at least this much on its own.
SECONDARY_MIN = 12.0
_HEADLINE = ("title", "keywords")


class TermTableError(ValueError):
    """The term table cannot be read: names the file and line."""


@dataclass(frozen=True)
class Term:
    """One line of the table: ``words`` (stems) that must all occur in one field;
    ``whole``: the words must occur as words, not as parts of compounds."""

    area: str
    text: str
    words: tuple[str, ...]
    weight: float
    whole: bool


@dataclass(frozen=True)
class Evidence:
    """A term found in one field, ``count`` times, adding ``score`` to ``area``."""

    area: str
    term: str
    field: str
    count: int
    score: float


@dataclass(frozen=True)
class AreaAssignment:
    """``primary`` (a code, None when no term was found), ``secondary`` (or None),
    ``stated`` (the profile named them itself), the score per area and the evidence."""

    primary: str | None
    secondary: str | None
    stated: bool
    scores: dict[str, float]
    evidence: tuple[Evidence, ...]

    @property
    def areas(self) -> tuple[str, ...]:
        return tuple(code for code in (self.primary, self.secondary) if code)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of ``ikz areas --json``."""
        return {
            "area": self.primary,
            "areas": list(self.areas),
            "stated": self.stated,
            "scores": {code: round(score, 2) for code, score in sorted(self.scores.items(), key=lambda i: -i[1])},
            "evidence": [{"area": e.area, "term": e.term, "field": e.field, "count": e.count,
                          "score": round(e.score, 2)} for e in self.evidence],
        }


def _stems(text: str) -> list[tuple[str, bool]]:
    """(stem, is a whole word) for each token of ``text``: compound parts follow their
    word at the same position."""
    return german_terms(text)


@functools.cache
def load_terms(path: Path = TERMS_FILE) -> tuple[Term, ...]:
    """The term table. Raises TermTableError (unknown area, bad weight, term outside a
    section or with no word left after analysis) and OSError."""
    return parse_terms(path, lambda code: code in TASK_AREAS, "task area", "area")


def parse_terms(path: Path, known: Callable[[str], bool], kind: str, section: str) -> tuple[Term, ...]:
    """A term table in the format of ``index/data/task_areas.txt``: ``[CODE name]``
    sections, then one term a line. Each term's ``area`` is its section's code, which
    ``known`` must accept (``kind`` and ``section`` name them in messages). Raises
    TermTableError (unknown code, bad weight, term
    outside a section or with no word left after analysis) and OSError."""
    terms: list[Term] = []
    area: str | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            area = line.strip("[]").split()[0]
            if not known(area):
                raise TermTableError(f"{path}:{number}: unknown {kind} {area!r}")
            continue
        if area is None:
            raise TermTableError(f"{path}:{number}: term before the first [{section}] line")
        text, weight = line, 1.0
        head, _, last = line.rpartition(" ")
        if head and last.replace(".", "", 1).isdigit():
            text, weight = head, float(last)
        whole = text.startswith("=")
        text = text.lstrip("=")
        words = tuple(stem for stem, is_word in _stems(text) if is_word)
        if not words:
            raise TermTableError(f"{path}:{number}: {text!r} has no word the analyzer keeps")
        terms.append(Term(area, text, words, weight, whole))
    return tuple(terms)


def _fields(profile: Profile) -> dict[str, str]:
    texts = {"title": profile.title, "keywords": ", ".join(profile.keywords), "others": ", ".join(profile.others)}
    texts.update({name: profile.sections.get(name, "") for name in TEXT_SECTIONS})
    return texts


def _counts(text: str) -> tuple[dict[str, int], dict[str, int]]:
    """Occurrences of each stem as a word and as a word or part."""
    words: dict[str, int] = {}
    anywhere: dict[str, int] = {}
    for stem, is_word in _stems(text):
        anywhere[stem] = anywhere.get(stem, 0) + 1
        if is_word:
            words[stem] = words.get(stem, 0) + 1
    return words, anywhere


@functools.cache
def _default_index() -> tuple[tuple[Term, ...], dict[str, tuple[int, ...]]]:
    table = load_terms()
    return table, by_first_word(table)


def by_first_word(table: tuple[Term, ...]) -> dict[str, tuple[int, ...]]:
    """Positions in ``table`` of the terms, by their first word: a field need only try
    the terms whose first word it holds (a term matches only if all its words occur)."""
    index: dict[str, list[int]] = {}
    for position, term in enumerate(table):
        index.setdefault(term.words[0], []).append(position)
    return {word: tuple(positions) for word, positions in index.items()}


# per field of a profile: (occurrences of each stem as a word, as a word or part)
FieldCounts = dict[str, tuple[dict[str, int], dict[str, int]]]


def field_counts(profile: Profile) -> FieldCounts:
    """The stems of each field of ``profile`` that a term table is matched against
    (compute once, score against several tables). Raises nothing."""
    return {name: _counts(text) for name, text in _fields(profile).items() if text}


def score_terms(counts: FieldCounts, table: tuple[Term, ...], by_word: dict[str, tuple[int, ...]]
                ) -> tuple[dict[str, float], set[str], list[Evidence]]:
    """Per code of ``table``, the score of the profile whose ``field_counts`` are
    ``counts``; the codes with evidence in the title or keywords; the evidence, best
    first. ``by_word``: ``table``'s positions by first word. Raises nothing."""
    scores: dict[str, float] = {}
    headline: set[str] = set()
    evidence: list[Evidence] = []
    for name, (words, anywhere) in counts.items():
        # the table's order, as if every term were tried: ties keep their order
        candidates = sorted({position for word in by_word.keys() & anywhere.keys() for position in by_word[word]})
        for term in (table[position] for position in candidates):
            found = words if term.whole else anywhere
            count = min(found.get(word, 0) for word in term.words)
            if not count:
                continue
            score = term.weight * FIELD_WEIGHTS[name] * (1 + math.log(count))
            scores[term.area] = scores.get(term.area, 0.0) + score
            evidence.append(Evidence(term.area, term.text, name, count, score))
            if name in _HEADLINE:
                headline.add(term.area)
    evidence.sort(key=lambda e: -e.score)
    return scores, headline, evidence


def runner_up(scores: dict[str, float], headline: set[str], share: float | None = None,
              minimum: float | None = None) -> tuple[str | None, str | None]:
    """The best code and the runner-up when it counts as a second one (``share`` of the
    best score, default ``SECONDARY_SHARE``; evidence in the title or keywords; at least
    ``minimum``, default ``SECONDARY_MIN``); ties go to the lower code. Raises nothing."""
    share = SECONDARY_SHARE if share is None else share
    minimum = SECONDARY_MIN if minimum is None else minimum
    ranked = sorted(scores, key=lambda code: (-scores[code], code))
    primary = ranked[0] if ranked else None
    secondary = None
    if len(ranked) > 1:
        second = ranked[1]
        if scores[second] >= share * scores[ranked[0]] and second in headline and scores[second] >= minimum:
            secondary = second
    return primary, secondary


def assign_areas(profile: Profile, terms: Iterable[Term] | None = None, *,
                 counts: FieldCounts | None = None) -> AreaAssignment:
    """The task areas of ``profile`` with the evidence for them. Stated areas win; the
    scores and evidence are computed either way. ``counts``: the profile's
    ``field_counts`` if already computed. Raises what ``load_terms`` raises."""
    if terms is None:
        table, by_word = _default_index()
    else:
        table = tuple(terms)
        by_word = by_first_word(table)
    scores, headline, evidence = score_terms(field_counts(profile) if counts is None else counts, table, by_word)
    if profile.task_areas:
        primary = profile.task_areas[0]
        secondary = profile.task_areas[1] if len(profile.task_areas) > 1 else None
        return AreaAssignment(primary, secondary, True, scores, tuple(evidence))
    primary, secondary = runner_up(scores, headline)
    return AreaAssignment(primary, secondary, False, scores, tuple(evidence))
