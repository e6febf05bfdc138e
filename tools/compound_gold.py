"""Compound splitting measured on outside gold, beside CharSplit on the same words.

Gold: compounds in the DECOW16 notation (``verbindung_+s_plan``, ``schule_-e_jahr``,
``wort_+=er_kette``, ``zeit_punkt``), one a line, first tab-separated column, e.g. the
DEKOR data sets (github.com/maxschmaltz/DEKOR, ``resources/datasets/*.tsv``, derived from
the DECOW16 compound database; CC BY-NC 4.0, therefore not committed here: pass the
files). Split points are letter offsets in the compound, linking letters counted with the
left part (``verbindungs|plan``). A compound's parts that are themselves compounds of the
data (``--lexicon`` files too) contribute their inner split points to the full gold.

Reported: main split found (the gold modifier|head offset is among the splitter's cuts),
exactly right (the cuts equal the full gold), split-point precision and recall against
the full gold, and "non-compounds split": heads and modifiers of the gold (≥ 5 letters)
that the data never lists as compounds, but that the splitter cuts.

GermaNet's compound list (``compound<TAB>modifier lemma(s)<TAB>head``, e.g.
``split_compounds_from_GermaNet18.0.txt`` of github.com/FelberMartin/kompositum; GermaNet's
licence forbids redistribution, so it is never committed) is read with ``--germanet``: words of
letters only, the main split where the head (as written, an inflected ending allowed) begins,
inner splits from the head's and the modifier's own entries. Its words are divided into two
halves by a hash of the word (``--half tune`` / ``held``: fixed, independent of order and
sample), ``--sample`` words of a half drawn with a fixed seed; its non-compounds are the
heads and modifiers of the list (nouns, ≥ 5 letters) that it never lists as compounds.

CharSplit (``pip install compound-split``; a reference only, never a run-time dependency)
gives one best modifier|head split; a score ≤ 0 counts as "no split" (``charsplit*``: its
best split whatever the score, which splits every word).

    python tools/compound_gold.py dev_1000.tsv test_500.tsv --lexicon train_50000.tsv [--json out.json]
    python tools/compound_gold.py --germanet split_compounds_from_GermaNet18.0.txt --half held
    python tools/compound_gold.py --wortliste wortliste --half held
    python tools/compound_gold.py --wikidata wikidata_grouped_de.tsv --half held --sample 0

Wikidata's German lexemes (CC0) that "combine" two lexemes (P5238) are read with
``--wikidata`` (the listing kept as ``tests/wikidata/wikidata_grouped_de.tsv`` of
github.com/karlb/wikdict-compound): the main split where the second lexeme begins.

The Trennmuster project's *wortliste* (MIT licence; ``=`` marks word joints, more ``=`` a
weaker bond, ``<``/``>`` prefixes and suffixes) is read with ``--wortliste``: its compounds'
joints are the gold split points, the weakest joint the main split, its nouns without joints
or prefixes the non-compounds; halves by the same hash of the word.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.analysis import surface_parts
from index.compound import load_word_lists
from index.folding import fold

# modifier, link, head: zeit_punkt, bund_+es_land, schule_-e_jahr, gast_+=e_buch, vater_+=_suche
ENTRY = re.compile(r"^(?P<mod>[a-zäöüß]+)_(?:(?P<op>\+=|\+|-)(?P<link>[a-zäöüß]*)_)?(?P<head>[a-zäöüß]+)$")
UMLAUT = {"au": "äu", "a": "ä", "o": "ö", "u": "ü"}


def parse_entry(entry: str) -> tuple[str, int] | None:
    """(compound, offset of the modifier|head split) of one two-part DECOW16 entry, or
    None for other shapes (three parts, infixes, expansions)."""
    match = ENTRY.match(entry.strip().lower())
    if match is None:
        return None
    modifier, op, link, head = match.group("mod", "op", "link", "head")
    if op == "-":
        if not modifier.endswith(link):
            return None
        modifier = modifier[: len(modifier) - len(link)]
    elif op == "+=":
        found = re.search(r"(au|a|o|u)(?!.*[aou])", modifier)
        if found is None:
            return None
        modifier = modifier[: found.start()] + UMLAUT[found.group(1)] + modifier[found.end():] + link
    elif op == "+":
        modifier += link
    return modifier + head, len(modifier)


def load(paths: Iterable[Path]) -> dict[str, int]:
    gold: dict[str, int] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            parsed = parse_entry(line.split("\t")[0]) if line.strip() else None
            if parsed:
                gold.setdefault(*parsed)
    return gold


def half_of(word: str) -> str:
    """``tune`` or ``held``: the fixed half of the gold a word belongs to."""
    return "tune" if hashlib.sha256(word.encode("utf-8")).digest()[0] % 2 == 0 else "held"


def load_germanet(path: Path) -> tuple[dict[str, int], dict[str, tuple[str, ...]], set[str]]:
    """GermaNet's compound list: (compound → offset of its main split, compound → its
    modifier lemmas, the nouns used as parts), all lower case; compounds of letters only
    whose head is found at their end (an inflected ending of up to three letters allowed:
    ``alltagsbedingungen`` with the head ``bedingung``)."""
    cuts: dict[str, int] = {}
    modifiers: dict[str, tuple[str, ...]] = {}
    parts: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) != 3:
            continue
        compound, modifier, head = (field.strip() for field in fields)
        for part in (head, *modifier.split("|")):
            if part[:1].isupper() and part.isalpha():
                parts.add(part.lower())
        word, head = compound.lower(), head.lower()
        if not word.isalpha() or not head.isalpha():
            continue
        at = word.rfind(head)
        if at > 0 and len(word) - at - len(head) <= 3:
            cuts.setdefault(word, at)
            modifiers.setdefault(word, tuple(m.lower().replace(" ", "") for m in modifier.split("|")))
    return cuts, modifiers, parts


def germanet_splits(word: str, cuts: dict[str, int], modifiers: dict[str, tuple[str, ...]],
                    depth: int = 0) -> set[int]:
    """All split points of a GermaNet compound: its main split, its head's inner splits,
    and those of its modifier where the word begins with the modifier's own modifier."""
    if word not in cuts or depth > 4:
        return set()
    cut = cuts[word]
    found = {cut} | {cut + inner for inner in germanet_splits(word[cut:], cuts, modifiers, depth + 1)}
    for lemma in modifiers.get(word, ()):
        inner = {c for c in germanet_splits(lemma, cuts, modifiers, depth + 1) if c < cut and word[:c] == lemma[:c]}
        if inner:
            found |= inner
            break
    return found


def germanet_gold(path: Path, half: str, sample: int,
                  seed: int) -> tuple[dict[str, int], dict[str, set[int]], list[str]]:
    """(compounds → main split, compounds → all split points, non-compounds) of one half of
    GermaNet's list (``all`` for both), ``sample`` of each drawn with ``seed`` (0: all)."""
    cuts, modifiers, parts = load_germanet(path)
    words = sorted(w for w in cuts if half == "all" or half_of(w) == half)
    simple = sorted(w for w in parts if len(w) >= 5 and w not in cuts and (half == "all" or half_of(w) == half))
    return _drawn(words, simple, sample, seed, cuts, modifiers)


JOINT = re.compile(r"=+")


def parse_wortliste_line(line: str) -> tuple[str, dict[int, int]] | None:
    """(word in lower case, letter offset → strength) of one entry of the Trennmuster
    *wortliste* (``Wort;Wort=fu-ge`` or ``Wort;-2-;trad;reformed``, ``#`` comments): the
    reformed spelling's word joints, a longer run of ``=`` marking a weaker bond (the main
    split). None for lines without a usable hyphenated form and for entries with special
    or uncategorised marks (``[``, ``{``, ``/``, ``·``) that hide the letters."""
    fields = line.split("#")[0].strip().split(";")
    if len(fields) < 2:
        return None
    marked = fields[1] if fields[1] != "-2-" else (fields[3] if len(fields) > 3 else "")
    if not marked or (marked.startswith("-") and marked.endswith("-")) or any(c in marked for c in "[{/·"):
        return None
    joints: dict[int, int] = {}
    letters = 0
    for piece in re.split(r"(=+|[<>.-]+)", marked):
        if JOINT.fullmatch(piece):
            joints[letters] = len(piece)
        elif piece and not re.fullmatch(r"[<>.-]+", piece):
            letters += len(piece)
    word = re.sub(r"[=<>.-]", "", marked)
    if word.lower() != fields[0].lower() or not word.isalpha():
        return None
    return word.lower(), joints


def wortliste_gold(path: Path, half: str, sample: int,
                   seed: int) -> tuple[dict[str, int], dict[str, set[int]], list[str]]:
    """(compounds → main split, compounds → all word joints, non-compounds) of one half of
    the *wortliste* (``all`` for both), ``sample`` compounds and half as many
    non-compounds drawn with ``seed`` (0: all). A compound's main split is its weakest
    joint when exactly one joint is weakest; non-compounds are capitalised entries (nouns)
    of ≥ 5 letters without joints or prefix marks."""
    compounds: dict[str, dict[int, int]] = {}
    simple: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        parsed = parse_wortliste_line(line)
        if parsed is None or (half != "all" and half_of(parsed[0]) != half):
            continue
        word, joints = parsed
        if joints:
            weakest = max(joints.values())
            if sum(strength == weakest for strength in joints.values()) == 1:
                compounds[word] = joints
        elif line[:1].isupper() and "<" not in line.split(";")[1] and len(word) >= 5:
            simple.add(word)
    words, plain = sorted(compounds), sorted(simple)
    rng = random.Random(seed)
    if sample and len(words) > sample:
        words = sorted(rng.sample(words, sample))
    if sample and len(plain) > sample // 2:
        plain = sorted(rng.sample(plain, sample // 2))
    main = {w: max(compounds[w], key=compounds[w].__getitem__) for w in words}
    return main, {w: set(compounds[w]) for w in words}, plain


LINKING = frozenset({"s", "es", "n", "en", "e", "er", "ens", "ns", "nen"})


def _align(word: str, lemmas: list[str]) -> list[int] | None:
    """Where each lemma begins in ``word`` (all lower case), or None when one cannot be
    found in order: a lemma may lose up to three final letters (``baden`` in ``badehaus``,
    ``kirsche`` in ``kirschsaft``), the first must begin the word, the last end it but for
    an inflected ending of up to three letters."""
    starts: list[int] = []
    for i, lemma in enumerate(lemmas):
        if i == 0:
            if fold(word[:3]) != fold(lemma[:3]):
                return None
            starts.append(0)
            continue
        earliest = starts[-1] + max(2, len(lemmas[i - 1]) - 3)
        for size in range(len(lemma), min(len(lemma), max(3, len(lemma) - 3)) - 1, -1):
            at = word.find(lemma[:size], earliest)
            if at > 0:
                starts.append(at)
                break
        else:
            return None
    if len(word) - starts[-1] - len(lemmas[-1]) > 3:
        return None
    return starts


def load_wikidata(path: Path) -> tuple[dict[str, int], dict[str, tuple[str, ...]], set[str], set[str]]:
    """Wikidata's German compound lexemes (``word<TAB>lemma<TAB>lemma…``, the lexemes a
    lexeme "combines", P5238, in their order; e.g. ``tests/wikidata/wikidata_grouped_de.tsv``
    of github.com/karlb/wikdict-compound): (noun of two lexemes → offset where the second
    begins, → its modifier lemma, the capitalised lemmas used as parts of compounds, every
    word the data analyses). Linking elements (``s``, ``en`` …) are counted with the left part; nouns
    with a lower-case last lemma (derivations: ``Sänger|in``), a lower-case first lemma of
    up to three letters (prefixes and particles: ``be|Nutzung``, ``ab|Art``), only one
    lexeme, or lemmas not found in order in the word are skipped."""
    cuts: dict[str, int] = {}
    modifiers: dict[str, tuple[str, ...]] = {}
    parts: set[str] = set()
    analysed: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word, *lemmas = line.split("\t")
        analysed.add(word.lower())
        lexical = [lemma for i, lemma in enumerate(lemmas)
                   if not (lemma in LINKING and 0 < i < len(lemmas) - 1) and lemma.isalpha()]
        if len(lexical) < 2 or lexical[-1][:1].islower():
            continue  # one lexeme, or a derivation: its base is no simple noun's witness
        parts |= {lemma.lower() for lemma in lexical if lemma[:1].isupper()}
        if len(lexical) > 2 or not word[:1].isupper() or not word.isalpha() or (
                lexical[0][:1].islower() and len(lexical[0]) <= 3):
            continue
        starts = _align(word.lower(), [lemma.lower() for lemma in lexical])
        if starts is not None:
            cuts.setdefault(word.lower(), starts[1])
            modifiers.setdefault(word.lower(), (lexical[0].lower(),))
    return cuts, modifiers, parts, analysed


def wikidata_gold(path: Path, half: str, sample: int,
                  seed: int) -> tuple[dict[str, int], dict[str, set[int]], list[str]]:
    """(compounds → main split, compounds → all split points, non-compounds) of one half of
    Wikidata's compounds (``all`` for both), ``sample`` compounds and half as many
    non-compounds drawn with ``seed`` (0: all). Inner split points come from the parts' own
    entries as with GermaNet; non-compounds are the capitalised lemmas used as parts of
    compounds (≥ 5 letters) that the data does not analyse at all."""
    cuts, modifiers, parts, analysed = load_wikidata(path)
    words = sorted(w for w in cuts if half == "all" or half_of(w) == half)
    simple = sorted(w for w in parts if len(w) >= 5 and w.isalpha() and w not in analysed
                    and (half == "all" or half_of(w) == half))
    return _drawn(words, simple, sample, seed, cuts, modifiers)


def _drawn(words: list[str], simple: list[str], sample: int, seed: int, cuts: dict[str, int],
           modifiers: dict[str, tuple[str, ...]]) -> tuple[dict[str, int], dict[str, set[int]], list[str]]:
    """``sample`` compounds and half as many non-compounds drawn with ``seed`` (0: all), with
    their main and full split points."""
    rng = random.Random(seed)
    if sample and len(words) > sample:
        words = sorted(rng.sample(words, sample))
    if sample and len(simple) > sample // 2:
        simple = sorted(rng.sample(simple, sample // 2))
    return ({w: cuts[w] for w in words}, {w: germanet_splits(w, cuts, modifiers) for w in words}, simple)


def full_splits(word: str, known: dict[str, int], offset: int = 0, depth: int = 0) -> set[int]:
    """All split points of ``word``: its own and those of its parts known as compounds."""
    if word not in known or depth > 4:
        return set()
    cut = known[word]
    left, right = word[:cut], word[cut:]
    inner = full_splits(right, known, offset + cut, depth + 1)
    # the left part may carry a linking element: try it as it is and without s/es/n/en/e
    for trim in ("", "s", "es", "n", "en", "e", "er", "ns"):
        if left.endswith(trim) and (left[: len(left) - len(trim)] if trim else left) in known:
            inner |= full_splits(left[: len(left) - len(trim)] if trim else left, known, offset, depth + 1)
            break
    return {offset + cut} | inner


def cuts_of(parts: Iterable[str]) -> set[int]:
    cuts, at = set(), 0
    for part in list(parts)[:-1]:
        at += len(part)
        cuts.add(at)
    return cuts


def ours(word: str) -> set[int]:
    """The split points of the project's splitter."""
    return cuts_of(surface_parts(word))


def charsplit(any_score: bool = False) -> Callable[[str], set[int]]:
    """CharSplit's best modifier|head split; with ``any_score`` also when its score is ≤ 0."""
    from compound_split import char_split

    def split(word: str) -> set[int]:
        best = char_split.split_compound(word)[0]
        score, _, head = best
        return {len(word) - len(head)} if (score > 0 or any_score) and 0 < len(head) < len(word) else set()
    return split


def measure(split: Callable[[str], set[int]], gold: dict[str, int], known: dict[str, int],
            simple: list[str], full: dict[str, set[int]] | None = None) -> dict[str, float]:
    """The figures of ``split`` on ``gold`` (word → main split), the full split points
    taken from ``full`` or else from ``known`` compounds, and on the ``simple`` nouns."""
    main = exact = tp = fp = fn = 0
    for word, cut in gold.items():
        found = split(word)
        expected = full[word] if full is not None else full_splits(word, known)
        main += cut in found
        exact += found == expected
        tp += len(found & expected)
        fp += len(found - expected)
        fn += len(expected - found)
    split_simple = sum(bool(split(word)) for word in simple)
    return {"compounds": len(gold), "main_split_found": main / len(gold), "exact": exact / len(gold),
            "precision": tp / (tp + fp) if tp + fp else 0.0, "recall": tp / (tp + fn) if tp + fn else 0.0,
            "non_compounds": len(simple), "non_compounds_split": split_simple / len(simple) if simple else 0.0}


def simple_nouns(gold: dict[str, int], known: dict[str, int]) -> list[str]:
    """Heads (and link-free modifiers) of the gold that the data never lists as compounds."""
    words = set()
    for word, cut in gold.items():
        words.add(word[cut:])
    return sorted(w for w in words if len(w) >= 5 and w not in known)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", type=Path, help="DECOW16-style compound files to measure on")
    parser.add_argument("--germanet", type=Path, help="GermaNet's compound list (compound, modifiers, head)")
    parser.add_argument("--wortliste", type=Path, help="the Trennmuster wortliste (word;hyphenated form …)")
    parser.add_argument("--wikidata", type=Path, help="Wikidata's compound lexemes (word, its lemmas)")
    parser.add_argument("--half", choices=("tune", "held", "all"), default="held",
                        help="half of GermaNet's list, the wortliste or Wikidata's compounds")
    parser.add_argument("--sample", type=int, default=2000, help="GermaNet compounds drawn (0: all)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--lexicon", nargs="*", type=Path, default=[],
                        help="further compound files that only tell which parts are compounds themselves")
    parser.add_argument("--no-charsplit", action="store_true")
    parser.add_argument("--json", type=Path, help="write the figures here as well")
    parser.add_argument("--misses", type=int, default=0, help="print this many words whose main split is missed")
    args = parser.parse_args(argv)
    full: dict[str, set[int]] | None = None
    source = args.germanet or args.wortliste or args.wikidata
    if source:
        read = germanet_gold if args.germanet else wortliste_gold if args.wortliste else wikidata_gold
        gold, full, simple = read(source, args.half, args.sample, args.seed)
        known = gold
    else:
        gold = load(args.gold)
        known = {**load(args.lexicon), **gold}
        simple = simple_nouns(gold, known)
    load_word_lists()
    started = time.process_time()
    results = {"ikz": measure(ours, gold, known, simple, full)}
    elapsed = time.process_time() - started
    if not args.no_charsplit:
        results["charsplit"] = measure(charsplit(), gold, known, simple, full)
        results["charsplit*"] = measure(charsplit(any_score=True), gold, known, simple, full)
    for name, figures in results.items():
        print(f"{name:10} main split {figures['main_split_found']:.1%}  exact {figures['exact']:.1%}  "
              f"precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  "
              f"non-compounds split {figures['non_compounds_split']:.1%} "
              f"({figures['compounds']} compounds, {figures['non_compounds']} non-compounds)")
    print(f"ikz: {elapsed / (len(gold) + len(simple)) * 1e6:.0f} µs CPU a word (first analysis, word lists loaded)")
    if args.misses:
        missed = [(w, surface_parts(w)) for w, cut in gold.items() if cut not in ours(w)][: args.misses]
        for word, parts in missed:
            print(f"  missed {word[:gold[word]]}|{word[gold[word]:]}: {'|'.join(parts)}")
        extra = [(w, surface_parts(w)) for w in gold
                 if ours(w) - (full[w] if full is not None else full_splits(w, known))][: args.misses]
        for word, parts in extra:
            print(f"  wrong cut {word}: {'|'.join(parts)}")
        wrong = [(w, surface_parts(w)) for w in simple if ours(w)][: args.misses]
        for word, parts in wrong:
            print(f"  split non-compound {word}: {'|'.join(parts)}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
