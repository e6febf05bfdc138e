"""Stemming: current Snowball German on top of nltk's ``GermanStemmer``, plus a short
override table.

nltk implements the original German Snowball algorithm; Snowball has since revised it
(``-et`` verb forms, ``-ln`` datives such as ``Fördermitteln``, ``-erin``/``-erinnen``,
``-em`` after ``syst``). ``snowball`` applies those revisions around nltk; on Snowball's
own test vocabulary (snowball-data ``german/voc.txt``, 35,033 words) its stems of the
folded words equal Snowball's output for 99.9 % (the rest are foldings the project
chooses: ``aktuell`` keeps its ``ue``, ``café`` loses its accent).

Overrides are for the few plurals Snowball cannot join with their singular, each with a
test in ``tests/index/test_stemming.py``:

- ``ENDING_OVERRIDES``: Latin and Greek plurals in ``-en``/``-ien`` (Zentrum/Zentren,
  Thema/Themen, Gymnasium/Gymnasien, Risiko/Risiken) and ``-s`` plurals after a vowel
  (Kita/Kitas), and Problem (``-em`` is removed, except after ``syst``). An ending catches
  every word that ends in it, so no ending may also end unrelated words: ``daten`` did
  (Kandidat/Kandidaten), and ``studien`` → ``studium`` joined Machbarkeitsstudien with
  the Studium and parted it from the Machbarkeitsstudie: Snowball alone joins Studie and
  Studien.
- ``WORD_OVERRIDES``: whole words only. Busse (plural of Bus): once ``ß`` is folded, Buße
  is spelled the same, so only the word itself is joined with Bus, never an ending
  (Geldbuße, Kontraventionsbuße stay apart from Bus); compounds such as Bürgerbusse meet
  Bürgerbus through their part ``busse``.
"""

from __future__ import annotations

import functools

from nltk.stem.snowball import GermanStemmer

# word ending → stem ending, applied to folded lower-case words (longest ending first).
ENDING_OVERRIDES: dict[str, str] = {
    "problemen": "problem", "probleme": "problem", "problems": "problem", "problem": "problem",
    "zentren": "zentrum", "zentrums": "zentrum", "zentrum": "zentrum",
    "museen": "museum", "museums": "museum", "museum": "museum",
    "gymnasien": "gymnasium", "gymnasiums": "gymnasium", "gymnasium": "gymnasium",
    "gremien": "gremium", "gremiums": "gremium", "gremium": "gremium",
    "ministerien": "ministerium", "ministeriums": "ministerium", "ministerium": "ministerium",
    "kriterien": "kriterium", "kriteriums": "kriterium", "kriterium": "kriterium",
    "themen": "thema", "themas": "thema", "thema": "thema",
    "konten": "konto", "kontos": "konto", "konto": "konto",
    "firmen": "firma", "firmas": "firma", "firma": "firma",
    "risiken": "risiko", "risikos": "risiko", "risiko": "risiko",
    "praxen": "praxis", "praxis": "praxis",
    "materialien": "material", "materials": "material", "material": "material",
    "prinzipien": "prinzip", "prinzips": "prinzip", "prinzip": "prinzip",
    "kitas": "kita", "kita": "kita",
}
# whole word → stem
WORD_OVERRIDES: dict[str, str] = {"busse": "bus", "bussen": "bus", "busses": "bus"}
_ENDINGS = sorted(ENDING_OVERRIDES, key=len, reverse=True)


@functools.cache
def _snowball() -> GermanStemmer:
    return GermanStemmer()


_VOWELS = frozenset("aeiouyäöü")
# Letters after which the revised algorithm removes a verb ending ``-et`` (``u`` only
# between vowels, where Snowball reads it as a consonant), and the word ends it keeps it
# on: Plan|et, Tick|et, Intern|et, untergeordn|et, Vertr|et-er.
_ET_ENDING = frozenset("dfgklmnrstz")
_ET_KEEP = ("geordn", "intern", "plan", "tick", "tr")
_STEP1_ENDINGS = frozenset({"", "em", "ern", "er", "e", "en", "es", "s"})
_STEP3_ENDINGS = ("end", "ung", "ig", "ik", "isch", "lich", "heit", "keit")


def _r1(word: str) -> int:
    """Snowball's R1: the offset after the first consonant that follows a vowel (``u``
    and ``y`` between vowels count as consonants), at least 3."""
    for i in range(1, len(word)):
        ch, before = word[i], word[i - 1]
        between = ch in "uy" and 0 < i < len(word) - 1 and word[i + 1] in _VOWELS and before in _VOWELS
        if (ch not in _VOWELS or between) and before in _VOWELS:
            return max(i + 1, 3)
    return len(word)


def snowball(word: str) -> str:
    """Current Snowball German (snowballstem.org, revised since the original algorithm
    that nltk implements) for a folded lower-case word: nltk's ``GermanStemmer`` with the
    revisions applied around it. Raises nothing.

    - ``-erin``/``-erinnen`` go like ``-er`` when they lie in R1 (Lehrerin → lehr; not
      gerinnen, hierin, whose ``erin`` starts before R1);
    - ``-ln``/``-lns`` become ``-l`` (Fördermitteln, Artikeln → …mittel, artikel);
    - ``-em`` stays after ``syst`` (System, Verkehrsleitsystem);
    - ``-et`` goes in step 2 after ``d f g k l m n r s t z`` (and ``u`` between vowels),
      not after ``geordn``, ``intern``, ``plan``, ``tick``, ``tr`` (verwendet → verwend,
      gegründet → gegrund; Planet, Ticket, Internet stay).
    nltk never removes ``-et``: where its result is the word less a step-1 ending and ends
    in ``-et``, that is the ``-et`` step 2 now removes."""
    if word.endswith("system"):
        return word  # no step removes anything else from -system
    start = _r1(word)
    for ending in ("erinnen", "erin"):
        if word.endswith(ending):
            if len(word) - len(ending) >= start:
                word = word[: -len(ending)] + "er"
            break
    else:
        for ending in ("lns", "ln"):
            if word.endswith(ending) and len(word) - len(ending) >= start:
                return _snowball().stem(word[: -len(ending)] + "l")  # nltk removes nothing after -l
    result = _snowball().stem(word)
    # the -et of step 2: only where nltk's result is the word less a step-1 ending (step 3
    # of nltk may uncover an -et too: theoret|isch, which keeps it)
    if (result.endswith("et") and len(result) - 2 >= start and len(result) > 2
            and word.startswith(result) and word[len(result):] in _STEP1_ENDINGS):
        before = result[-3]
        vowel_u = before == "u" and len(result) > 3 and result[-4] in _VOWELS
        if (before in _ET_ENDING or vowel_u) and not result[:-2].endswith(_ET_KEEP):
            result = result[:-2]
            if result.endswith(_STEP3_ENDINGS):
                # step 3 of the shortened word: nltk's own, on a form its steps 1-2 leave alone
                result = _snowball().stem(result)
    return result


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem a folded lower-case German word. Words of three letters or fewer and
    words with digits are returned unchanged. Raises nothing."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word in WORD_OVERRIDES:
        return WORD_OVERRIDES[word]
    for ending in _ENDINGS:
        if word.endswith(ending):
            return word[: len(word) - len(ending)] + ENDING_OVERRIDES[ending]
    return snowball(word)
