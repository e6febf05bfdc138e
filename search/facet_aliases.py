"""Place facet values as people write them: ``Lippe`` for ``Kreis Lippe``, ``Landkreis
Görlitz`` or ``Görlitz`` for ``Landkreis Görlitz``, ``Hochsauerland`` for
``Hochsauerlandkreis``, ``Freistaat Sachsen`` for ``Sachsen``, ``Regierungsbezirk
Detmold`` for ``Detmold``. A filter value that selects nothing as written (``facet_key``)
is compared by its *bare* key: the name without the designation of its administrative
level (GV100AD writes the designation apart from the name; profiles and people write it
or not)."""

from __future__ import annotations

import re

# the facets whose values name administrative areas (``index.document.place_values``)
PLACE_FACETS = frozenset({"district", "region", "state"})
# designations before the name in ``facet_key``'s spelling (casefolded, umlauts folded)
_PREFIXES = ("kreisfreie stadt ", "regierungsbezirk ", "regionalverband ", "stadteregion ", "stadtkreis ",
             "landkreis ", "freistaat ", "kreis ", "land ", "reg.-bez. ", "rb ", "lk ")
# ``Rhein-Sieg-Kreis``, ``Hochsauerlandkreis``: the designation at the end of the name
_SUFFIX = re.compile(r"(?<=[a-z])-?kreis$")


def bare_key(key: str) -> str:
    """``key`` (a ``facet_key``) without a designation before or at the end of the name;
    the key itself when nothing is left or there is none. Raises nothing."""
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix):]
            break
    bare = _SUFFIX.sub("", key)
    return bare if len(bare) >= 5 else key
