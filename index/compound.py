"""German compound splitting: ``abfallwirtschaftsverband`` → ``abfall``, ``wirtschaft``, ``verband``.

Dictionary plus hyphenation (after Koehn & Knight 2003): a word is split into known
words, preferably at its hyphenation points (pyphen's de_DE patterns; a cut elsewhere
costs ``OFF_HYPHEN_PENALTY``, so ``Friedhofs|gebühren`` beats ``…|gebe|uhren``), with
the linking elements ``-s-``, ``-es-``, ``-n-``, ``-en-``, ``-ens-`` and an elided ``-e``
(``Schul|verband`` from ``Schule``), when the geometric mean of the parts' frequencies
beats the frequency of the whole word. Lexicalised compounds (``Feuerwehr``,
``Landschaft``) therefore stay whole; suffixes and particles never stand as a part, and
place names (with their ``-er`` adjectives: ``Tecklenburger``) are never split.
Lexicalised compounds listed in ``compound_keep.txt`` (``Hochwasser``, ``Breitband``)
count as one common word. Besides the parts, groups of adjacent parts that are words
themselves are reported (``klimaschutz`` from ``Klimaschutzkonzept``).

Parts must be read from the letters as written, not from a lemma that only looks close:
- words are looked up in their umlaut spelling (``index.folding.umlaut_form``), where
  ``Ware`` is not ``wäre`` (``Soft|ware`` lost to the whole ``Software`` only once
  the folded ``ware`` stopped counting as the frequent ``wäre``);
- ``-er-`` is no linking element to strip: where it is one (``Kind|er|garten``) the
  plural it makes is a word of its own (``kinder``), and stripping it made ``Lager`` a
  ``Lage``, ``Wander|weg`` a ``Wand|weg``;
- the length limits hold for the letters as written: an elided ``-e`` is restored only
  on a segment long enough to be a part itself (``mal`` did become ``male``, ``not``
  ``note``).
Input is a lower-case word in any spelling; parts come back folded (``index.folding``).

Word frequencies: wordfreq 3.1.1 (CC BY-SA 4.0), see ``index/data/README.md``; plus the
project's own municipal vocabulary in ``index/data/compound_parts.txt``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyphen
from whoosh.lang.stopwords import stoplists

from index.folding import fold, umlaut_form

DATA = Path(__file__).resolve().parent / "data"
MIN_WORD = 6
MIN_PART = 4
MAX_PARTS = 4
# Linking elements, longest first: Verkehr|s|leitsystem, Person|en|verkehr, Name|ns|recht.
LINKS = ("ens", "es", "en", "s", "n", "e")
# Three-letter words that do occur as compound parts (in their umlaut spelling).
SHORT_PARTS = frozenset("amt bad bau bus hof rad rat see tal weg zug kur ort tag gas tor eis bio öko not ruf alt neu nah"
                        .split())
KEEP_SCORE = 6.0
OFF_HYPHEN_PENALTY = 0.6
# A word found only by its folded letters (typed ``Mull`` for ``Müll``) counts this much less.
FOLDED_PENALTY = 1.0
# Endings and particles that are never a part of their own (umlaut spelling).
NOT_PARTS = frozenset(umlaut_form(w) for w in stoplists["de"] if w not in SHORT_PARTS) | frozenset(
    """schaft schaften heit heiten keit keiten lich liche lichen licher liches isch ische ischen
    chen lein ling linge ungen nisse tion tionen ität ierung ierungen erung ismus isten ige igen iger iges igem eien
    durch unter über hinter wider wieder gegen nach voll fort nieder zusammen inner ausser
    heraus hinaus voraus herein hinein heran hinan vorbei zurück rück entgegen auseinander vorher nachher
    einer eines einem einen eine ende ender enden endes ente anten ation ationen""".split()
)
# Endings that are never the last part: feminine plurals (Ärzt|innen, Gesellschafter|innen).
NOT_FINAL = frozenset({"innen", "rinnen"})
# Feminine endings, split off before a word is split and given back to its last part.
FEMININE = ("innen", "in")


class CompoundSplitter:
    """Split lower-case words into their parts; ``()`` when a word is no compound.

    ``frequencies`` maps words in their umlaut spelling (``index.folding.umlaut_form``)
    to a Zipf frequency (1–8); ``protected`` words (place names) are never split, nor
    are their ``-er`` adjectives. Instances are immutable; ``split`` is cached.
    """

    def __init__(self, frequencies: dict[str, float], protected: Iterable[str] = (), keep: Iterable[str] = ()) -> None:
        self.frequencies = dict(frequencies)
        for word in keep:
            self.frequencies[word] = max(self.frequencies.get(word, 0.0), KEEP_SCORE)
        self.folded: dict[str, float] = {}
        for word, zipf in self.frequencies.items():
            key = fold(word)
            self.folded[key] = max(self.folded.get(key, 0.0), zipf)
        names = frozenset(protected)
        # compared folded: a place name or lexicalised compound stays whole however it is
        # spelled (Kindergärten, Moenchengladbach)
        self.protected = frozenset(fold(word) for word in (*names, *keep, *(a for n in names for a in _adjectives(n))))
        self.analysed = functools.lru_cache(maxsize=200_000)(self._analysed)
        self.split = functools.lru_cache(maxsize=200_000)(self._split)
        self.subwords = functools.lru_cache(maxsize=200_000)(self._subwords)

    def written(self, word: str) -> tuple[str, ...]:
        """The parts of a lower-case word in their umlaut spelling (``müll``, ``abfuhr``);
        ``()`` when it is no compound."""
        return tuple(form for form, _ in self.analysed(word))

    def segments(self, word: str) -> tuple[str, ...]:
        """The consecutive pieces of ``umlaut_form(word)`` the parts were read from,
        linking letters on the left piece (``antrags``, ``steller``): their concatenation
        is ``umlaut_form(word)``. ``()`` when the word is no compound."""
        return tuple(segment for _, segment in self.analysed(word))

    def _split(self, word: str) -> tuple[str, ...]:
        """The folded parts of a lower-case word in any spelling."""
        return tuple(fold(part) for part in self.written(word))

    def _subwords(self, word: str) -> tuple[str, ...]:
        """The folded parts of ``word`` and every run of adjacent parts that is itself a
        word (for ``klimaschutzkonzept``: klima, schutz, konzept, klimaschutz)."""
        parts = self.written(word)
        groups: list[str] = []
        for size in range(2, len(parts)):
            for start in range(len(parts) - size + 1):
                group = "".join(parts[start : start + size])
                if group in self.frequencies and fold(group) not in groups:
                    groups.append(fold(group))
        return tuple(fold(part) for part in parts) + tuple(groups)

    def _frequency(self, word: str) -> float | None:
        """Zipf frequency of a word in its umlaut spelling; a word known only by its
        folded letters (``mull`` for ``müll``) counts ``FOLDED_PENALTY`` less."""
        found = self.frequencies.get(word)
        if found is not None:
            return found
        folded = self.folded.get(fold(word))
        return None if folded is None else folded - FOLDED_PENALTY

    def _score(self, part: str, written: str | None = None) -> float | None:
        """The score of ``part`` read from the letters ``written`` (default: ``part``
        itself), or None where it cannot be a part: a particle or ending (also with an
        ``-e`` restored: rück → rücke), or letters too few for a part."""
        written = part if written is None else written
        if part in NOT_PARTS or written in NOT_PARTS or (len(written) < MIN_PART and written not in SHORT_PARTS):
            return None
        return self._frequency(part)

    def _left_forms(self, segment: str) -> list[tuple[str, float]]:
        """Dictionary forms a non-final segment may stand for, with their scores: itself,
        without a linking element (with an elided ``-e`` restored: Stelle|n), or with an
        elided ``-e`` restored (Schul → Schule)."""
        forms = []
        score = self._score(segment)
        if score is not None:
            forms.append((segment, score))
        for link in LINKS:
            if segment.endswith(link) and len(segment) > len(link):
                stem = segment[: -len(link)]
                for candidate in (stem, stem + "e") if link != "e" else (stem,):
                    score = self._score(candidate, stem)
                    if score is not None:
                        forms.append((candidate, score))
        score = self._score(segment + "e", segment)
        if score is not None:
            forms.append((segment + "e", score))
        return forms

    def _analysed(self, word: str) -> tuple[tuple[str, str], ...]:
        """(part in umlaut spelling, the letters it was read from) for each part of a
        lower-case word; the letters include linking elements (``rechnungs``)."""
        word = umlaut_form(word)
        if len(word) < MIN_WORD or not word.isalpha() or fold(word) in self.protected:
            return ()
        for ending in FEMININE:
            # the feminine ending belongs to the last part: Klimaschutz|manager|innen is
            # Klima|schutz|managerinnen (not …|mana|geri|nnen)
            if word.endswith(ending) and len(word) - len(ending) >= MIN_WORD:
                found = self.analysed(word[: -len(ending)])
                if found:
                    (form, segment) = found[-1]
                    return (*found[:-1], (form + ending, segment + ending))
        n = len(word)
        hyphen_points = set(_hyphenation_points(word))
        # best[k][i]: (sum of scores minus penalties, parts) for word[:i] in k non-final parts
        Parts = tuple[tuple[str, str], ...]
        best: list[dict[int, tuple[float, Parts]]] = [{0: (0.0, ())}]
        for k in range(1, MAX_PARTS):
            layer: dict[int, tuple[float, Parts]] = {}
            for start, (total, parts) in best[k - 1].items():
                for end in range(start + 3, n - 2):
                    penalty = 0.0 if end in hyphen_points else OFF_HYPHEN_PENALTY
                    for form, score in self._left_forms(word[start:end]):
                        candidate = (total + score - penalty, parts + ((form, word[start:end]),))
                        if end not in layer or candidate[0] > layer[end][0]:
                            layer[end] = candidate
            best.append(layer)
        whole = self._frequency(word) or 0.0
        chosen: tuple[float, Parts] = (whole, ())
        for k in range(1, MAX_PARTS):
            for start, (total, parts) in best[k].items():
                final = self._score(word[start:])
                if final is None or word[start:] in NOT_FINAL:
                    continue
                mean = (total + final) / (k + 1)
                if mean > chosen[0]:
                    chosen = (mean, parts + ((word[start:], word[start:]),))
        return chosen[1]


def _adjectives(name: str) -> tuple[str, ...]:
    """The ``-er`` adjectives of a place name: Tecklenburg → tecklenburger, Olpe → olper."""
    return (name + "r",) if name.endswith("e") else (name + "er",)


@functools.lru_cache(maxsize=200_000)
def _hyphenation_points(word: str) -> tuple[int, ...]:
    return tuple(_hyphenator().positions(word))


@functools.cache
def _hyphenator() -> pyphen.Pyphen:
    """pyphen's de_DE hyphenator. Parsing its 77,000 patterns takes 1–2 s, in every
    process that analyses text (servers, ``ikz index update``, build workers); the parsed
    patterns are therefore kept as JSON in the user's cache directory and read from
    there (0.1 s) while the pattern file is unchanged."""
    path = pyphen.LANGUAGES[pyphen.language_fallback("de_DE")]
    if path not in pyphen.hdcache:
        patterns = _cached_patterns(path)
        if patterns is not None:
            hyph = pyphen.HyphDict.__new__(pyphen.HyphDict)
            hyph.patterns, hyph.cache, hyph.maxlen = patterns, {}, max(map(len, patterns))
            pyphen.hdcache[path] = hyph
    return pyphen.Pyphen(lang="de_DE")


def _cache_path(name: str, sources: Iterable[Path]) -> Path:
    """Where data derived from ``sources`` is cached: the user's cache directory, under a
    name that changes whenever a source file changes (size or modification time)."""
    stamp = ";".join(f"{path.name}:{path.stat().st_size}:{path.stat().st_mtime_ns}" for path in sources)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "ikz-suche" / f"{name}-{hashlib.sha256(stamp.encode()).hexdigest()[:16]}.json"


def _read_cache(cache: Path) -> object | None:
    try:
        return json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_cache(cache: Path, data: object) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache.parent, prefix=".cache-")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, cache)
    except OSError:
        pass  # a read-only home: compute again next time


def _cached_patterns(path: Path) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """The parsed patterns of ``path`` from the cache, parsed and cached first if needed;
    None when they cannot be cached (pyphen then parses them itself)."""
    cache = _cache_path(path.stem, [path])
    data = _read_cache(cache)
    try:
        return {key: (start, tuple(values)) for key, (start, values) in data.items()}  # type: ignore[union-attr]
    except (AttributeError, TypeError, ValueError):
        pass
    patterns = pyphen.HyphDict(path).patterns
    if not all(all(type(v) is int for v in values) for _, values in patterns.values()):
        return patterns  # alternative spellings (not in de_DE) do not go into JSON
    _write_cache(cache, patterns)
    return patterns


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
    for word in _word_list("compound_parts.txt"):
        frequencies[word] = max(frequencies.get(word, 0.0), 4.5)
    for word in extra_words:
        frequencies.setdefault(umlaut_form(word.lower()), 3.0)
    return frequencies


def _word_list(name: str) -> list[str]:
    """The words of a data file (one a line, ``#`` comments) in their umlaut spelling;
    a line of several words gives each. Raises OSError if the file is missing."""
    words = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        words += [umlaut_form(w) for w in line.split("#")[0].lower().replace("-", " ").split() if w.isalpha()]
    return words


def lexicalised() -> frozenset[str]:
    """Lexicalised compounds from ``compound_keep.txt`` (umlaut spelling): never split, and a unit
    inside longer compounds. Raises OSError if the file is missing."""
    return frozenset(_word_list("compound_keep.txt"))


@functools.cache
def default_splitter() -> CompoundSplitter:
    """The splitter used by the analyzer: word list, municipal parts, and the names of
    all German municipalities and districts and of landscapes (``region_names.txt``) as
    protected words. Reading and folding
    those takes about a second, in every process that analyses text; the result is
    therefore cached as JSON like the hyphenation patterns (0.1 s to read)."""
    from corpus.gazetteer import DATA_FILE, load_gazetteer

    code = Path(__file__).resolve().parent
    sources = [DATA / "wordfreq_de.tsv", DATA / "compound_parts.txt", DATA / "compound_keep.txt",
               DATA / "region_names.txt", DATA_FILE, code / "compound.py", code / "folding.py"]  # and the code reading them
    cache = _cache_path("word-lists", sources)
    data = _read_cache(cache)
    if not (isinstance(data, dict) and {"frequencies", "protected", "keep"} <= data.keys()):
        names = set(_word_list("region_names.txt"))
        for place in load_gazetteer().places:
            for word in place.name.replace("-", " ").replace("/", " ").split():
                if word.isalpha():
                    names.add(umlaut_form(word.lower()))
        data = {"frequencies": load_frequencies(), "protected": sorted(names), "keep": sorted(lexicalised())}
        _write_cache(cache, data)
    return CompoundSplitter(data["frequencies"], protected=data["protected"], keep=data["keep"])


def load_word_lists() -> None:
    """Load everything splitting needs (word list, gazetteer names, hyphenation patterns:
    about a second), so that no later call pays for it. Raises OSError."""
    default_splitter()
    _hyphenator()
