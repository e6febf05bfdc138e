"""Complete a parsed profile with official municipality data."""

from __future__ import annotations

import dataclasses
import re

from corpus.gazetteer import POPULATION_DATE, POPULATION_SOURCE, Gazetteer, Place
from corpus.model import Profile


def enrich_profile(profile: Profile, gazetteer: Gazetteer) -> Profile:
    """Fill what the profile leaves open from the gazetteer.

    A stated Kreis is written as the gazetteer writes it (``Kreis Emsland`` →
    ``Landkreis Emsland``; unknown names stay as written). The lead is resolved with the
    profile's own Kreis, Regierungsbezirk and Land as context; its ``region``,
    ``district`` and ``state`` are filled when the profile does not state them, as are
    population and area (source ``Destatis``). Stated values are never overwritten,
    and a lead they contradict is left unresolved (see ``Gazetteer.resolve``).
    A lead that is a Gemeindeverband (no key of its own) gives only Kreis,
    Regierungsbezirk and Land. Participants are resolved near the lead: its Kreis, then Regierungsbezirk, then Land
    (the stated ones while the lead is unresolved; see ``Gazetteer.resolve_near``);
    unknown or ambiguous names keep a ``None`` key. Raises nothing.
    """
    if profile.district is not None and (district := gazetteer.district_name(profile.district)):
        profile = dataclasses.replace(profile, district=district)
    lead = None
    if profile.lead:
        name, where = split_where(profile.lead, gazetteer)
        district = profile.district or where
        lead = gazetteer.resolve(name, region=profile.region, district=district, state=profile.state)
    if lead is None and profile.lead:
        # a Gemeindeverband (Amt Südtondern, Verbandsgemeinde Bitburger Land) has no key of
        # its own, but says where the cooperation lies
        lead = gazetteer.association(profile.lead, district=profile.district, state=profile.state)
    changes: dict[str, object] = {}
    if lead is not None and lead.kind == "verband":
        for attr in ("district", "region", "state"):
            if getattr(profile, attr) is None and getattr(lead, attr) is not None:
                changes[attr] = getattr(lead, attr)
    elif lead is not None:
        changes["lead_key"] = lead.key
        stated_district = profile.district is not None
        for attr in ("region", "state"):
            if getattr(profile, attr) is None and getattr(lead, attr) is not None:
                changes[attr] = getattr(lead, attr)
        if not stated_district and lead.district is not None:
            changes["district"] = lead.district
        if profile.population is None and lead.population:
            changes.update(
                population=lead.population, population_date=POPULATION_DATE, population_source=POPULATION_SOURCE
            )
        if profile.area_km2 is None and lead.area_km2:
            changes["area_km2"] = lead.area_km2
    context = _context(lead, profile)
    changes["participant_keys"] = tuple(
        place.key if (place := _participant(name, gazetteer, context)) else None for name in profile.participants
    )
    return dataclasses.replace(profile, **changes)


# "Xanten (Kreis Wesel)", "Rees (beide Kreis Kleve)", "Bottrop (kreisfrei)": where a place
# lies, written in parentheses after it (unlike "Halle (Saale)", part of the name)
_WHERE_RE = re.compile(
    r"^(?P<name>.+?)\s*\((?:(?:beide|alle|jeweils|beide\s+im|alle\s+im|im|aus\s+dem)\s+)?(?P<where>[^()]+)\)$",
    re.IGNORECASE,
)
_KREISFREI_RE = re.compile(r"^(?:kreisfrei|kreisfreie\s+Stadt|Stadtkreis)$", re.IGNORECASE)
KREISFREI = "kreisfrei"


def split_where(name: str, gazetteer: Gazetteer) -> tuple[str, str | None]:
    """A place name and the Kreis written in parentheses after it: ``Xanten (Kreis Wesel)``
    → (``Xanten``, ``Kreis Wesel``); ``Bottrop (kreisfrei)`` → (``Bottrop``, ``kreisfrei``);
    a parenthesis that names no Kreis stays part of the name (``Halle (Saale)``,
    ``Lauterbach (Hessen)``): (name, None). Raises nothing."""
    match = _WHERE_RE.match(name.strip())
    if match is None:
        return name, None
    for piece in match.group("where").split(","):
        piece = " ".join(piece.split())
        if _KREISFREI_RE.match(piece):
            return match.group("name"), KREISFREI
        if district := gazetteer.district_name(piece):
            return match.group("name"), district
    return name, None


def _participant(name: str, gazetteer: Gazetteer, context: dict[str, str | None]) -> Place | None:
    name, where = split_where(name, gazetteer)
    if where == KREISFREI:
        return gazetteer.resolve_near(name, **context)
    if where is not None:
        return gazetteer.resolve(name, district=where)
    return gazetteer.resolve_near(name, **context)


def _context(lead: Place | None, profile: Profile) -> dict[str, str | None]:
    if lead is not None:
        return {"district": lead.district, "region": lead.region, "state": lead.state}
    return {"district": profile.district, "region": profile.region, "state": profile.state}
