"""Freeze a German noun list for compound splitting into index/data/.

    pip install german-nouns==1.2.5 && python tools/freeze_nouns.py

german-nouns (Gregor Weichbrodt, compiled from the German Wiktionary) is needed only
here, never at run time. The output lists lower-case word forms, one ``word<TAB>kind`` a
line: ``n`` for a form of a common noun (Steller, Fliese, Öffner, Tür), ``p`` for a word
the list knows only as a first name or surname (Alex, Ingo), which is never a compound
part. Place names are left out: they are parts (Sauerland|kreis). Licence of the data:
CC BY-SA 4.0, and so of this derived file.
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "index" / "data" / "nouns_de.tsv.gz"
# Personal names are never compound parts; place names are (Sauerland|kreis, Rhein|brücke),
# so those rows are neither nouns nor names here.
NAMES = {"Vorname", "Nachname"}
SKIP = {"Toponym", "Eigenname", "Straßenname", "Abkürzung", "Affix", "Suffix", "Präfix", "Gebundenes Lexem",
        "Buchstabe", "Symbol", "Wortverbindung", "Redewendung", "Geflügeltes Wort", "Grußformel"}
# Counting nouns (Blatt, Paar, Stück, Dutzend) are nouns too (Blatt|feder, Begriffs|paar); the
# list marks them "Zahlklassifikator" beside "Substantiv".
FIRST_FORM_COLUMN = 7  # lemma, pos, genus, genus 1-4, then the case forms


def main() -> int:
    from german_nouns.config import CSV_FILE_PATH

    nouns: set[str] = set()
    names: set[str] = set()
    with open(CSV_FILE_PATH, encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows)
        for row in rows:
            kinds = set(row[1].split(","))
            if kinds & SKIP or not row[0].isalpha():
                continue
            forms = {row[0], *(form for form in row[FIRST_FORM_COLUMN:] if form.isalpha())}
            target = names if kinds & NAMES else nouns
            target.update(form.lower() for form in forms if len(form) >= 2)
    lines = [f"{word}\tn" for word in sorted(nouns)] + [f"{word}\tp" for word in sorted(names - nouns)]
    header = ("# German noun forms (n) and proper names (p) from german-nouns 1.2.5 by Gregor Weichbrodt, compiled "
              "from the German Wiktionary - CC BY-SA 4.0; derived by tools/freeze_nouns.py\n")
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:
        raw.write((header + "\n".join(lines) + "\n").encode("utf-8"))
    print(f"{len(nouns)} noun forms, {len(names - nouns)} names written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
