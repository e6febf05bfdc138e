"""The word lists of compound splitting (``index.compound``), read from ``index/data``:
word frequencies (wordfreq), the Wiktionary nouns and names, the project's municipal parts,
lexicalised compounds kept whole, and the place and landscape names never split. Reading
and folding them takes about a second; the result is cached as JSON beside the
hyphenation patterns (0.1 s to read)."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path

from index.folding import umlaut_form
from index.hyphenation import cache_path, read_cache, write_cache

DATA = Path(__file__).resolve().parent / "data"
KEYS = frozenset({"frequencies", "protected", "keep", "nouns", "names", "listed"})


def load_frequencies(extra_words: Iterable[str] = ()) -> dict[str, float]:
    """Word in its umlaut spelling → Zipf frequency, from the frozen wordfreq list, the project's own
    compound parts (which count as common words) and ``extra_words`` (e.g. corpus
    vocabulary, given a modest frequency). Raises OSError if the data files are missing."""
    frequencies: dict[str, float] = {}
    for line in (DATA / "wordfreq_de.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, zipf = line.split("\t")
            key = umlaut_form(word.lower())
            frequencies[key] = max(frequencies.get(key, 0.0), int(zipf) / 10)
    for word in word_list("compound_parts.txt"):
        frequencies[word] = max(frequencies.get(word, 0.0), 4.5)
    for word in extra_words:
        frequencies.setdefault(umlaut_form(word.lower()), 3.0)
    return frequencies


def word_list(name: str) -> list[str]:
    """The words of a data file (one a line, ``#`` comments) in their umlaut spelling;
    a line of several words gives each. Raises OSError if the file is missing."""
    words = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        words += [umlaut_form(w) for w in line.split("#")[0].lower().replace("-", " ").split() if w.isalpha()]
    return words


def load_nouns() -> tuple[list[str], list[str]]:
    """(noun forms, proper names) of the Wiktionary noun list ``nouns_de.tsv.gz``, in their
    umlaut spelling. Raises OSError if the file is missing."""
    nouns, names = [], []
    with gzip.open(DATA / "nouns_de.tsv.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            word, kind = line.rstrip("\n").split("\t")
            (nouns if kind == "n" else names).append(umlaut_form(word))
    return nouns, names


def lexicalised() -> frozenset[str]:
    """Lexicalised compounds from ``compound_keep.txt`` (umlaut spelling): never split, and a unit
    inside longer compounds. Raises OSError if the file is missing."""
    return frozenset(word_list("compound_keep.txt"))


def word_list_data() -> dict[str, list[str] | dict[str, float]]:
    """What ``index.compound.default_splitter`` is built from: ``frequencies`` (word →
    Zipf), ``protected`` (names of all German municipalities and districts, the
    landscapes of ``region_names.txt`` and the countries of ``country_names.txt``),
    ``keep`` (lexicalised compounds), ``nouns`` and ``names`` (Wiktionary), ``listed``
    (municipal parts); read from the JSON cache when the
    data files and this code are unchanged. Raises OSError if a data file is missing."""
    from corpus.gazetteer import DATA_FILE, load_gazetteer

    code = Path(__file__).resolve().parent
    sources = [DATA / "wordfreq_de.tsv", DATA / "compound_parts.txt", DATA / "compound_keep.txt",
               DATA / "region_names.txt", DATA / "country_names.txt", DATA / "nouns_de.tsv.gz", DATA_FILE,
               code / "compound_data.py", code / "folding.py"]  # and the code reading them
    cache = cache_path("word-lists", sources)
    data = read_cache(cache)
    if not (isinstance(data, dict) and data.keys() >= KEYS):
        names = set(word_list("region_names.txt")) | set(word_list("country_names.txt"))
        for place in load_gazetteer().places:
            for word in place.name.replace("-", " ").replace("/", " ").split():
                if word.isalpha():
                    names.add(umlaut_form(word.lower()))
        nouns, proper = load_nouns()
        data = {"frequencies": load_frequencies(), "protected": sorted(names), "keep": sorted(lexicalised()),
                "nouns": nouns, "names": proper, "listed": sorted(word_list("compound_parts.txt"))}
        write_cache(cache, data)
    return data
