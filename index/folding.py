"""Umlaut folding: ``Müll``, ``Muell`` and ``Mull`` become one form, ``Straße`` and ``Strasse`` too.

A written-out umlaut (``ue`` for ``ü``) is folded, a genuine vowel sequence is not:
``Feuer``, ``Steuer``, ``neue``, ``Quelle``, ``aktuell`` and ``Bioenergie`` keep their letters.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_DIRECT = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "ẞ": "ss"})
# Umlauts written as umlauts are marked while the ``ae/oe/ue`` patterns run, so that the
# ``e`` after one is not read as a second umlaut spelling (``europäern`` stays
# ``europaern``, not ``europarn``); the marks are control characters no word contains.
_MARKS = {"ä": "\x01", "ö": "\x02", "ü": "\x03"}
_MARK = str.maketrans({**_MARKS, "ß": "ss", "ẞ": "ss"})
_UNMARK = str.maketrans({mark: vowel.translate(_DIRECT) for vowel, mark in _MARKS.items()})
# "ue" is not an umlaut after a, e or q (Bauer, Feuer, Quelle; Bäuerin) nor in the Latin
# "-uell" words (aktuell, manuell, individuell, Duell); "oe" not after i or e (Bioenergie,
# Geoeinheit).
_UE_RE = re.compile(r"(?<![aeq\x01])ue(?!ll)|(?<![aeqtndx\x01])ue(?=ll)")
_OE_RE = re.compile(r"(?<![ie])oe")
_AE_RE = re.compile(r"(?<![i])ae")


@functools.lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Fold a lower-case word: umlauts and their ``ae/oe/ue`` spellings to the base
    vowel, ``ß`` to ``ss``, other diacritics removed. Raises nothing."""
    word = word.translate(_MARK)
    if not word.isascii():
        word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    if "e" in word:
        word = _UE_RE.sub("u", word)
        word = _OE_RE.sub("o", word)
        word = _AE_RE.sub("a", word)
    return word.translate(_UNMARK)


_UMLAUT_OF = {"u": "ü", "o": "ö", "a": "ä"}


@functools.lru_cache(maxsize=200_000)
def umlaut_form(word: str) -> str:
    """A lower-case word in German spelling with its umlauts: ``ae/oe/ue`` read as
    ``ä/ö/ü`` exactly where ``fold`` reads them so (``muellabfuhr`` → ``müllabfuhr``,
    ``steuer`` stays), ``ß`` → ``ss``, other diacritics removed; so that
    ``fold(umlaut_form(w)) == fold(w)``. Word lists are looked up in this form, where
    ``wäre`` and ``Ware`` or ``Bürger`` and ``Burger`` are still apart. Raises nothing."""
    word = word.replace("ß", "ss").replace("ẞ", "ss")
    if not word.isascii():
        word = "".join(ch if ch in "äöü" else "".join(c for c in unicodedata.normalize("NFKD", ch)
                                                    if not unicodedata.combining(c)) for ch in word)
    if "e" not in word:
        return word
    base = word.translate(_MARK)  # what fold's patterns see; the same length as ``word``
    for pattern in (_UE_RE, _OE_RE, _AE_RE):
        pieces, marked, last = [], [], 0
        for match in pattern.finditer(base):
            vowel = _UMLAUT_OF[match.group(0)[0]]
            pieces += [word[last:match.start()], vowel]
            marked += [base[last:match.start()], _MARKS[vowel]]
            last = match.end()
        if last:
            word = "".join([*pieces, word[last:]])
            base = "".join([*marked, base[last:]])
    return word


def fold_letters(word: str) -> str:
    """Fold only the letters of a lower-case word (``ä`` → ``a``, ``ß`` → ``ss``, other
    diacritics removed), not the ``ae/oe/ue`` spellings: ``stuer`` stays ``stuer`` where
    ``fold`` reads it as ``stür``. Raises nothing."""
    word = word.translate(_DIRECT)
    if not word.isascii():
        word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    return word


_SORT_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "Ä": "a", "Ö": "o", "Ü": "u"})


def german_sort_key(text: str) -> str:
    """Sort key in German dictionary order: ``Ä`` with ``A``, case ignored (compare by
    code point, e.g. ``COLLATE "C"`` in SQL). Raises nothing."""
    return text.translate(_SORT_FOLD).casefold()


def german_order(text: str) -> tuple[str, str]:
    """``german_sort_key`` with ties (``Rhein-Sieg-Kreis``/``Rhein-sieg-Kreis``) broken
    by code point, so that every engine lists equal-looking values the same way."""
    return german_sort_key(text), text
