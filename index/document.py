"""Profile → the document the index stores (pure functions, no index).

``index.build`` (whole builds), ``index.parallel`` (its worker processes), ``index.update``
and the PostgreSQL rows (``index.pg.rows``) all turn profiles into documents here, so
that none of them needs another's module for it.
"""

from __future__ import annotations

import hashlib
import json

from corpus import Profile
from corpus.gazetteer import Gazetteer, load_gazetteer
from index.areas import assign_areas, field_counts
from index.groups import assign_groups
from index.spelling import spelling_words


def profile_digest(profile: Profile) -> str:
    """A fingerprint of everything a profile says (to find drift between corpus and index)."""
    return _digest(profile.to_dict())


def _digest(data: dict[str, object]) -> str:
    text = json.dumps(data | {"source": None}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# The facets that name where a cooperation is: every participant's and the lead's.
AREA_FACETS = ("district", "region", "state")


def place_values(profile: Profile, gazetteer: Gazetteer | None = None) -> dict[str, list[str]]:
    """Per facet of ``AREA_FACETS``: every Kreis, Regierungsbezirk and Land a cooperation
    lies in — the profile's own (the lead's, as stated or enriched) first, then those of
    each participant and of the lead as the gazetteer has them (``Profile.participant_keys``,
    ``lead_key``; a Kreis that takes part is in itself, a kreisfreie Stadt in no Kreis),
    each once; a participant that is a Gemeindeverband (no key) counts where the Verband
    lies. So ``district=Kreis Soest`` selects every cooperation in which someone in
    the Kreis (or the Kreis) takes part, not only those it leads. Raises OSError or
    ValueError when the shipped gazetteer cannot be read (only without ``gazetteer``)."""
    values: dict[str, dict[str, None]] = {facet: {} for facet in AREA_FACETS}
    for facet in AREA_FACETS:
        own = getattr(profile, facet)
        if own:
            values[facet][own] = None
    keys = [key for key in (profile.lead_key, *profile.participant_keys) if key]
    # (a profile not yet enriched has no keys at all: nothing is unresolved then)
    pairs = zip(profile.participants, profile.participant_keys, strict=False)
    unresolved = [name for name, key in pairs if key is None]
    if keys or unresolved:
        gazetteer = gazetteer or load_gazetteer()
        found = [gazetteer.by_key.get(key) for key in keys]
        # a participant that is a Gemeindeverband (Amt Südtondern) lies where the Verband lies
        found += [
            gazetteer.association(name, state=profile.state) or gazetteer.association(name) for name in unresolved
        ]
        for place in found:
            if place is None:
                continue
            for facet in AREA_FACETS:
                value = getattr(place, facet)
                if value:
                    values[facet][value] = None
    return {facet: list(found) for facet, found in values.items()}


def profile_to_document(profile: Profile) -> dict[str, object]:
    """The Whoosh document of one profile (pure). Its task areas (``index.areas``: primary,
    then secondary) are the multi-value facet ``area`` and, in the payload, ``area``
    (primary or None) and ``areas``, its task groups (``index.groups``) the payload's
    ``groups``; ``district``, ``region`` and ``state`` are multi-value
    facets of every participant's (``place_values``) while the payload keeps the lead's.
    Raises what ``index.areas.load_terms`` and ``index.groups.load_groups`` raise (a
    broken term table)."""
    places = [*profile.participants, *(p for p in [profile.lead] if p and p not in profile.participants)]
    places_text = "\n".join([*places, *profile.others, profile.district or "", profile.region or ""])
    texts = {
        "title": profile.title,
        "keywords": "\n".join(profile.keywords),
        "places": places_text,
        **{name: profile.sections.get(name, "") for name in ("ziel", "anlass", "umsetzung", "finanzierung")},
    }
    payload = profile.to_dict()
    digest = _digest(payload)
    payload.pop("sections")
    payload.pop("source", None)
    # derived, not said by the profile: outside the digest (a changed term table needs a rebuild)
    counts = field_counts(profile)  # analysed once for both tables
    areas = assign_areas(profile, counts=counts).areas
    where = place_values(profile)
    payload["area"] = areas[0] if areas else None
    payload["areas"] = list(areas)
    # the finer task groups (``index.groups``: primary, then secondary) for similar cooperations
    payload["groups"] = list(assign_groups(profile, counts=counts).groups)
    document: dict[str, object] = {
        "id": profile.id,
        **{name: value for name, value in texts.items() if value},
        "spell": " ".join(spelling_words(profile)),
        "area": "\n".join(areas),
        # every participant's Kreis, Regierungsbezirk and Land (the payload keeps the lead's)
        **{facet: "\n".join(found) for facet, found in where.items()},
        "keyword": "\n".join(profile.keywords),
        "lead": profile.lead or "",
        "participant": "\n".join(places),
        "legal_form": profile.legal_form or "",
        "private": profile.private,
        "payload": json.dumps(payload, ensure_ascii=False),
        "digest": digest,
    }
    if profile.year is not None:
        document["year"] = profile.year
    return {key: value for key, value in document.items() if value != ""}
