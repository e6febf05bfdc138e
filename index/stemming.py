"""Stemming: nltk's German Snowball stemmer with a small override table.

nltk implements the original German Snowball algorithm, which strips ``-em`` and so
splits singular and plural of words such as ``System`` (``verkehrsleitsystem`` →
``verkehrsleitsyst``, ``verkehrsleitsysteme`` → ``verkehrsleitsystem``) and Latin
plurals (``Zentrum``/``Zentren``, ``Thema``/``Themen``, ``Konto``/``Konten``). Overrides map
such endings to one stem; a test checks that singular and plural of common administrative
nouns meet. An ending catches every word that ends in it, so an ending must not be the end
of unrelated words: ``daten`` was, and split ``Kandidat``/``Kandidaten``, ``Mandat``/
``Mandaten``, ``Soldat``/``Soldaten`` (Snowball alone stems ``daten`` and ``Geodaten``
consistently).
"""

from __future__ import annotations

import functools

from nltk.stem.snowball import GermanStemmer

# word ending → stem ending, longest endings first; applied to folded lower-case words.
STEM_OVERRIDES: dict[str, str] = {
    "systemen": "system", "systeme": "system", "systems": "system", "system": "system",
    "problemen": "problem", "probleme": "problem", "problems": "problem", "problem": "problem",
    "programmen": "programm", "programme": "programm", "programms": "programm", "programm": "programm",
    "zentren": "zentrum", "zentrums": "zentrum", "zentrum": "zentrum",
    "museen": "museum", "museums": "museum", "museum": "museum",
    "gymnasien": "gymnasium", "gymnasiums": "gymnasium", "gymnasium": "gymnasium",
    "gremien": "gremium", "gremiums": "gremium", "gremium": "gremium",
    "ministerien": "ministerium", "ministeriums": "ministerium", "ministerium": "ministerium",
    "kriterien": "kriterium", "kriteriums": "kriterium", "kriterium": "kriterium",
    "studien": "studium", "studiums": "studium", "studium": "studium",
    "themen": "thema", "themas": "thema", "thema": "thema",
    "konten": "konto", "kontos": "konto", "konto": "konto",
    "firmen": "firma", "firmas": "firma", "firma": "firma",
    "risiken": "risiko", "risikos": "risiko", "risiko": "risiko",
    "praxen": "praxis", "praxis": "praxis",
    "materialien": "material", "materials": "material", "material": "material",
    "prinzipien": "prinzip", "prinzips": "prinzip", "prinzip": "prinzip",
    "stadte": "stadt", "stadten": "stadt",
    "kommunen": "kommun", "kommune": "kommun",
    "kitas": "kita", "kita": "kita", "busse": "bus", "bussen": "bus", "busses": "bus",
    # Buße folds to busse: fines keep their ss, not the bus plurals' ending above
    "einbussen": "einbuss", "einbusse": "einbuss", "geldbussen": "geldbuss", "geldbusse": "geldbuss",
}
_ENDINGS = sorted(STEM_OVERRIDES, key=len, reverse=True)


@functools.cache
def _snowball() -> GermanStemmer:
    return GermanStemmer()


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem a folded lower-case German word. Words of three letters or fewer and
    words with digits are returned unchanged. Raises nothing."""
    if len(word) <= 3 or not word.isalpha():
        return word
    # feminine forms meet the masculine: Einwohnerinnen, Bürgerin → einwohner, burger
    if word.endswith("erinnen"):
        word = word[:-5]
    elif word.endswith("erin"):
        word = word[:-2]
    for ending in _ENDINGS:
        if word.endswith(ending):
            return word[: len(word) - len(ending)] + STEM_OVERRIDES[ending]
    return _snowball().stem(word)
