"""Compare stemmers on the relevance judgments: nltk Snowball (+ overrides, the default),
nltk Snowball without overrides, and PyStemmer's Snowball 3 German stemmer.

    pip install PyStemmer && python tools/compare_stemmers.py

Each variant runs `ikz eval --json` in a fresh process with the stemmer swapped in, so
index and queries use the same stemmer. PyStemmer is needed only here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RUNNER = """
import functools, sys, json
sys.path.insert(0, {root!r})
import index.stemming as stemming
variant = {variant!r}
if variant == "snowball-plain":
    from nltk.stem.snowball import GermanStemmer
    _s = GermanStemmer()
    stemming.stem = functools.lru_cache(maxsize=None)(lambda w: w if len(w) <= 3 or not w.isalpha() else _s.stem(w))
elif variant == "pystemmer":
    import Stemmer
    _s = Stemmer.Stemmer("german")
    stemming.stem = functools.lru_cache(maxsize=None)(lambda w: w if len(w) <= 3 or not w.isalpha() else _s.stemWord(w))
import index.analysis, search.query
index.analysis.stem = stemming.stem
search.query.stem = stemming.stem
from cli.main import main
sys.exit(main(["eval", "--json"]))
"""


def main() -> int:
    rows = []
    for variant in ("snowball+overrides", "snowball-plain", "pystemmer"):
        code = RUNNER.format(root=str(ROOT), variant=variant)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
        report = json.loads(done.stdout)
        rows.append((variant, report["ikz"]["all"], report["ikz_heldout"]["all"], report["similar"]))
    print("| stemmer | nDCG@10 judged | recall@10 judged | nDCG@10 held-out | recall@10 held-out | similar nDCG@5 |")
    print("|---|---|---|---|---|---|")
    for variant, judged, heldout, similar in rows:
        print(f"| {variant} | {judged['ndcg']:.3f} | {judged['recall']:.3f} | {heldout['ndcg']:.3f} | "
              f"{heldout['recall']:.3f} | {similar['ndcg']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
