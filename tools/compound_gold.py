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

CharSplit (``pip install compound-split``; a reference only, never a run-time dependency)
gives one best modifier|head split; a score ≤ 0 counts as "no split".

    python tools/compound_gold.py dev_1000.tsv test_500.tsv --lexicon train_50000.tsv [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.analysis import surface_parts

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
    return cuts_of(surface_parts(word))


def charsplit() -> Callable[[str], set[int]]:
    from compound_split import char_split

    def split(word: str) -> set[int]:
        best = char_split.split_compound(word)[0]
        score, _, head = best
        return {len(word) - len(head)} if score > 0 else set()
    return split


def measure(split: Callable[[str], set[int]], gold: dict[str, int], known: dict[str, int],
            simple: list[str]) -> dict[str, float]:
    main = exact = tp = fp = fn = 0
    for word, cut in gold.items():
        found, expected = split(word), full_splits(word, known)
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
    parser.add_argument("gold", nargs="+", type=Path, help="DECOW16-style compound files to measure on")
    parser.add_argument("--lexicon", nargs="*", type=Path, default=[],
                        help="further compound files that only tell which parts are compounds themselves")
    parser.add_argument("--no-charsplit", action="store_true")
    parser.add_argument("--json", type=Path, help="write the figures here as well")
    parser.add_argument("--misses", type=int, default=0, help="print this many words whose main split is missed")
    args = parser.parse_args(argv)
    gold = load(args.gold)
    known = {**load(args.lexicon), **gold}
    simple = simple_nouns(gold, known)
    results = {"ikz": measure(ours, gold, known, simple)}
    if not args.no_charsplit:
        results["charsplit"] = measure(charsplit(), gold, known, simple)
    for name, figures in results.items():
        print(f"{name:10} main split {figures['main_split_found']:.1%}  exact {figures['exact']:.1%}  "
              f"precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  "
              f"non-compounds split {figures['non_compounds_split']:.1%} "
              f"({figures['compounds']} compounds, {figures['non_compounds']} non-compounds)")
    if args.misses:
        missed = [(w, surface_parts(w)) for w, cut in gold.items() if cut not in ours(w)][: args.misses]
        for word, parts in missed:
            print(f"  missed {word[:gold[word]]}|{word[gold[word]:]}: {'|'.join(parts)}")
        wrong = [(w, surface_parts(w)) for w in simple if ours(w)][: args.misses]
        for word, parts in wrong:
            print(f"  split non-compound {word}: {'|'.join(parts)}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
