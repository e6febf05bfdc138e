"""The task notions similar cooperations combine besides the lexical more-like-this
(``search.similar``): the task areas two profiles share and the semantic closeness of what
the source says it does (its title and keywords) to each whole profile.

Each part is an array over all documents (numpy, no loop over documents), 0..1, so that
``search.similar`` can add them with one weight each.
"""

from __future__ import annotations

import numpy as np

from search.columns import MultiColumn

# A profile whose primary area is one of the source's areas, or which holds the source's
# primary area as its secondary one, shares the field a little less than one with the same
# primary area.
SECONDARY_SHARE = 0.75


def area_overlap(column: MultiColumn, doc: int) -> np.ndarray:
    """Per document, how much it shares ``doc``'s task areas (``index.areas``; ``column``
    the generation's area facet, each row primary first): 1 for the same primary area,
    ``SECONDARY_SHARE`` when only a secondary area meets the other profile's areas, 0
    otherwise (and everywhere when ``doc`` has no area). Raises IndexError for a ``doc``
    past the column."""
    overlap = np.zeros(column.size)
    start, length = int(column.starts[doc]), int(column.lengths[doc])
    if not length:
        return overlap
    codes = column.flat[start:start + length]
    overlap[column.mask(tuple(int(c) for c in codes))] = SECONDARY_SHARE
    overlap[column.first == codes[0]] = 1.0
    return overlap


def headline_text(fields: dict[str, str]) -> str:
    """What a profile says it does, in few words: its title and keywords (the text whose
    vector is compared with every profile's). Raises nothing."""
    return ". ".join(part for part in (fields.get("title") or "", fields.get("keywords") or "") if part.strip())


