"""Umlaut folding: ``Müll``, ``Muell`` and ``Mull`` become one form, ``Straße`` and ``Strasse`` too.

A written-out umlaut (``ue`` for ``ü``) is folded, a genuine vowel sequence is not:
``Feuer``, ``Steuer``, ``neue``, ``Quelle``, ``aktuell`` and ``Bioenergie`` keep their letters.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_DIRECT = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "ẞ": "ss"})
# "ue" is not an umlaut after a, e or q (Bauer, Feuer, Quelle) nor in the Latin "-uell"
# words (aktuell, manuell, individuell, Duell); "oe" not after i or e (Bioenergie, Geoeinheit).
_UE_RE = re.compile(r"(?<![aeq])ue(?!ll)|(?<![aeqtndx])ue(?=ll)")
_OE_RE = re.compile(r"(?<![ie])oe")
_AE_RE = re.compile(r"(?<![i])ae")


@functools.lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Fold a lower-case word: umlauts and their ``ae/oe/ue`` spellings to the base
    vowel, ``ß`` to ``ss``, other diacritics removed. Raises nothing."""
    word = word.translate(_DIRECT)
    if not word.isascii():
        word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    if "e" in word:
        word = _UE_RE.sub("u", word)
        word = _OE_RE.sub("o", word)
        word = _AE_RE.sub("a", word)
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
