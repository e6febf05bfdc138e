"""Freeze a German word-frequency list for compound splitting into index/data/.

    pip install wordfreq==3.1.1 && python tools/freeze_wordlist.py

wordfreq is needed only here, never at run time. The output lists lower-case
alphabetic words of three letters or more, and the shorter compound parts the splitter
accepts (``Öl``: ``index.compound_words.SHORT_PARTS``), with a Zipf frequency of at least
--min-zipf, one `word<TAB>zipf×10` per line, under the data licence of wordfreq
(CC BY-SA 4.0), see index/data/README.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "index" / "data" / "wordfreq_de.tsv"


def main() -> int:
    import wordfreq

    sys.path.insert(0, str(ROOT))
    from index.compound_words import SHORT_PARTS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-zipf", type=float, default=2.5)
    args = parser.parse_args()
    lines = [
        "# German word frequencies (Zipf scale × 10) from wordfreq 3.1.1 by Robyn Speer et al.,",
        "# https://github.com/rspeer/wordfreq - data licensed CC BY-SA 4.0; derived by tools/freeze_wordlist.py",
    ]
    for word in wordfreq.top_n_list("de", 500_000):
        if not re.fullmatch(r"[a-zäöüß]{3,24}", word) and word not in SHORT_PARTS:
            continue
        zipf = wordfreq.zipf_frequency(word, "de")
        if zipf < args.min_zipf:
            break
        lines.append(f"{word}\t{round(zipf * 10)}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 2} words written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
