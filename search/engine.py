"""What a storage engine implements: one index generation's storage, nothing more.

The search core (``search.core.SearchService``) owns everything else: query plans,
ranking, facets, snippets, spelling corrections, caching, deadlines and the split between
public and staff requests. An engine hands it, per generation, the narrow per-document
columns, raw posting arrays, stored texts and payloads, phrase matches and the spelling
vocabulary (``Generation``), and says how to find the live generation (``SearchService._live``).
The Whoosh engine is ``search.service``, the PostgreSQL one ``search.pg``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

import numpy as np

from index.columns import SegmentColumns
from index.semantic import DocumentVectors
from search.deadline import Deadline

# (document numbers, term frequencies) of one token in one field
Postings = tuple[np.ndarray, np.ndarray]
# a document's stored payload (``Profile.to_dict`` shape) and its stored texts by field name
Body = tuple[dict, dict[str, str]]


class GenerationGone(Exception):
    """The generation a request was reading was removed under it (a rebuild dropped it,
    an update removed a document it still counted): the core looks up the live one
    and runs the request again."""


class Generation(Protocol):
    """One index generation as an engine stores it. Document numbers run from 0 to
    ``size - 1`` and always stand for the same document within a generation.

    Reads raise IndexUnavailable, SearchTimeout or GenerationGone; nothing else."""

    size: int
    # (first document number, columns, deleted mask) per segment (``index.columns``)
    segments: list[tuple[int, SegmentColumns, np.ndarray]]
    # per text field, every document's length as the index keeps it
    lengths: dict[str, np.ndarray]
    # True when document numbers of the generation served before this one still stand
    # for the same documents (an update that only appended): per-document caches stay
    continues: bool
    # the profile vectors of the semantic layer (``index.semantic``), None when it is off or
    # the generation has none of the current recipe (searches are then lexical only)
    vectors: DocumentVectors | None

    def postings(self, name: str, token: str) -> Postings | None:
        """The postings of ``token`` in field ``name`` in any document (removed ones and
        numbers past ``size`` included: the scorers drop them), or None."""

    def prefetch(self, tokens: Iterable[str]) -> None:
        """A hint: the postings of ``tokens`` in every field are read next (one round trip
        to a database instead of one per token). May do nothing."""

    def posting_bounds(self, tokens: list[str]) -> dict[str, int]:
        """Per token, at least the number of documents holding it in one field, counted
        without reading the postings themselves."""

    def phrase_matches(self, tokens: tuple[str, ...], deadline: Deadline) -> dict[str, np.ndarray]:
        """Per text field, the live documents (numbers below ``size``) where ``tokens``
        occur as an exact phrase."""

    def bodies(self, docs: list[int]) -> Callable[[], dict[int, Body]]:
        """Start reading the bodies of ``docs``; the function returned waits for them
        (an engine may read while the core counts facets). A document removed since the
        generation was read is absent from the answer."""

    def payloads(self, docs: list[int]) -> dict[int, dict]:
        """The stored payloads of ``docs``, read now, without the texts (what the per-segment
        data of a segment without a places column is made of, ``search.segment_data``). A
        document removed since the generation was read is absent from the answer."""

    def keyword_text(self, doc: int) -> str:
        """A document's keyword field as indexed (feedback reads it for the top hits)."""

    def added(self) -> dict[str, str]:
        """Per profile id, when it first entered the index (UTC ISO 8601 seconds, as
        ``index.history`` keeps it); {} for a generation without dates (``sort=added``
        then orders by year)."""

    def spelling(self, staff: bool) -> Iterable[tuple[str, int]]:
        """(written word, count) over the documents public requests (or staff) may see."""

    def close(self) -> None:
        """Release what the generation holds open (called once no request uses it)."""
