"""What the search core keeps per index generation (``Served``): the facet table, a
scorer and a corrector per audience, suggesters, hit fields and snippets, the near table,
the municipality directory, the place lift and the semantic vectors. ``search.core``
creates one per generation it serves.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Hashable

import numpy as np

from search.correct import Corrector
from search.engine import Body, Generation, GenerationGone
from search.facets import FacetTable
from search.model import NotFound
from search.municipalities import MunicipalityDirectory
from search.near import NearTable
from search.place_lift import PlaceLift
from search.place_names import place_names
from search import segment_data
from search.scoring import Scorer
from search.suggest import Suggester
from search.task_groups import generation_groups, segment_groups

# Documents whose hit fields are kept parsed per generation (about 0.5 KB each).
HIT_FIELDS_CACHE = 20_000


class _Kept:
    """A thread-safe least-recently-used mapping of at most ``limit`` entries (0: keeps
    nothing)."""

    def __init__(self, limit: int, previous: _Kept | None = None) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        if previous is not None and limit:
            with previous._lock:
                self._entries.update(previous._entries)

    def get(self, key: Hashable) -> object | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: Hashable, value: object) -> None:
        if not self.limit:
            return
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.limit:
                self._entries.popitem(last=False)


class Served:
    """What the core keeps for one generation: the facet table (visibility, ids, titles,
    facet values, sort orders), a scorer and a corrector per audience, suggesters, and
    the hits' fields and snippets (kept across generations that ``continue`` the one
    before: their document numbers stand for the same documents)."""

    def __init__(self, generation: Generation, previous: Served | None, snippet_cache: int) -> None:
        self.generation = generation
        self.table = FacetTable(generation.size, generation.segments, added=generation.added)
        # public searches weigh words by the public profiles only, staff searches by all
        self.scorers = {staff: Scorer(generation.size, generation.lengths, self.table.visible(staff),
                                      generation.postings) for staff in (False, True)}
        # the vocabularies are built on the previous generation's (an update changes few words)
        self.correctors = {staff: Corrector(self.scorers[staff], functools.partial(generation.spelling, staff),
                                            previous=previous.correctors[staff] if previous is not None else None)
                           for staff in (False, True)}
        carried = previous if previous is not None and generation.continues else None
        self.hit_fields = _Kept(HIT_FIELDS_CACHE, carried.hit_fields if carried else None)
        # snippets depend only on the document and the query terms
        self.snippets = _Kept(snippet_cache, carried.snippets if carried else None)
        self._suggesters: dict[bool, Suggester] = {}
        self._near: NearTable | None = None
        self._municipalities: dict[bool, MunicipalityDirectory] = {}
        self.places = PlaceLift(self.table, place_names().gazetteer)
        self._building: set[bool] = set()  # directories being built in the background
        self._building_lock = threading.Lock()
        # profile vectors (``index.semantic``), None when the semantic layer is off or unavailable
        self.vectors = generation.vectors
        self._groups: np.ndarray | None = None

    def near_table(self) -> NearTable:
        """The lead's and participants' keys of every live document (``search.near``),
        from each segment's places column (``search.segment_data``: kept per segment, so
        after an update only new segments are read; a segment without one reads its
        payloads). Built once per generation, outside any search's time limit. Raises
        GenerationGone."""
        if self._near is None:
            self._near = NearTable.from_parts(self.generation.size, [
                segment_data.near_pairs(offset, columns, gone, self._payloads)
                for offset, columns, gone in self.generation.segments])
        return self._near

    def task_groups(self) -> np.ndarray:
        """Every document's (primary, secondary) task group numbers (``search.task_groups``:
        read per segment from the payloads once and kept with its columns). Built once
        per generation. Raises GenerationGone."""
        if self._groups is None:
            self._groups = generation_groups(self.generation.size, [
                (offset, segment_groups(offset, columns, gone, self._payloads))
                for offset, columns, gone in self.generation.segments])
        return self._groups

    def suggester(self, staff: bool) -> Suggester:
        """Completions from the visible profiles' keywords, places and titles (built once)."""
        if staff not in self._suggesters:
            self._suggesters[staff] = Suggester.from_table(self.table, staff)
        return self._suggesters[staff]

    def municipalities(self, staff: bool, *, wait: bool = True) -> MunicipalityDirectory | None:
        """The municipality pages over the visible profiles (built once per generation
        from per-segment records, ``search.segment_data``: from the columns, without
        reading a payload where the engine keeps places). ``wait=False``: None until it is
        built, building it in a background thread meanwhile (for links and suggestions,
        which must not wait). Raises GenerationGone when a body was removed meanwhile."""
        directory = self._municipalities.get(staff)
        if directory is not None or wait:
            return directory if directory is not None else self._build_municipalities(staff)
        with self._building_lock:
            if staff not in self._building:
                self._building.add(staff)
                threading.Thread(target=self._build_quietly, args=(staff,), daemon=True,
                                 name="ikz-municipalities").start()
        return None

    def _build_municipalities(self, staff: bool) -> MunicipalityDirectory:
        visible = self.table.visible(staff)
        chosen = []
        for offset, columns, gone in self.generation.segments:
            found = segment_data.directory_records(offset, columns, gone, self._payloads)
            chosen.extend(found[doc] for doc in np.flatnonzero(visible[offset:offset + len(columns)]).tolist())
        # the first one built is kept (a background build and a waiting request may race)
        return self._municipalities.setdefault(staff, MunicipalityDirectory(chosen))

    def _payloads(self, docs: list[int]) -> dict[int, dict]:
        found = self.generation.payloads(docs)
        if len(found) < len(set(docs)):
            raise GenerationGone
        return found

    def _build_quietly(self, staff: bool) -> None:
        try:
            self._build_municipalities(staff)
        except Exception:  # any read error of a generation replaced or closed meanwhile: the next ask retries
            with self._building_lock:
                self._building.discard(staff)

    def doc(self, profile_id: str, staff: bool) -> int:
        """The document number of a profile the requester may see. Raises NotFound."""
        doc = self.table.docnum.get(profile_id)
        if doc is None or not self.table.visible(staff)[doc]:
            raise NotFound("unknown_profile", parameter="id", profile=profile_id)
        return doc

    def bodies(self, docs: list[int]) -> dict[int, Body]:
        """The bodies of ``docs``, read now. Raises GenerationGone when one was removed."""
        found = self.generation.bodies(docs)()
        if len(found) < len(set(docs)):
            raise GenerationGone
        return found
