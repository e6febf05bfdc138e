"""Freeze the German names of the world's countries and territories into index/data/.

    python tools/freeze_countries.py

The names are CLDR's (the Unicode Common Locale Data Repository: © Unicode, Inc., Unicode
License v3), as Babel ships them (a dependency of Flask-Babel, needed here only, never by
the analysis at run time). Country names are never split into compound parts: Thailand is
no thai + land, Finnland no finne + land, Suriname no suri + name. One name a line, as
written in German; names of several words or with other characters than letters are left
out (the splitter sees one word at a time). CLDR's licence is copied beside the list
(``LICENSE.unicode``), as it asks.
"""

from __future__ import annotations

import shutil
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "index" / "data" / "country_names.txt"
# CLDR's pseudo-territories: the European Union, the euro area, the United Nations, "unknown".
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ"}


def main() -> int:
    import babel
    from babel import Locale, __version__

    territories = Locale("de").territories
    names = sorted({name for code, name in territories.items()
                    if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES and name.isalpha()})
    header = (f"# German names of countries and territories, from CLDR as shipped with Babel {__version__}\n"
              "# (© Unicode, Inc., Unicode License v3); written by tools/freeze_countries.py. Never split.\n")
    OUT.write_text(header + "".join(f"{name}\n" for name in names), encoding="utf-8")
    shutil.copyfile(Path(babel.__file__).parent / "locale-data" / "LICENSE.unicode", OUT.parent / "LICENSE.unicode")
    print(f"{len(names)} names written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
