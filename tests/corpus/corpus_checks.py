"""Checks of the bundled corpus that read the profile files as written.

The checks work on the raw text rather than on parsed and enriched profiles: enrichment
fills open values from the gazetteer, so comparing enriched values with the gazetteer
could never fail. Each check returns a list of problems (empty when all is well), so
that tests can run it on the corpus and on deliberately broken copies.
"""

from __future__ import annotations

import re

from corpus.gazetteer import POPULATION_DATE, Gazetteer, Place

# ---------------------------------------------------------------- Kurzprofil

# Statistical offices whose population figures for 31.12.2022 the GV100AD repeats.
STATISTICAL_OFFICES = {
    "Nordrhein-Westfalen": "IT.NRW",
    "Niedersachsen": "LSN",
    "Bayern": "LfStat",
    "Hessen": "HSL",
    "Baden-Württemberg": "StaLa BW",
    "Rheinland-Pfalz": "StaLa RLP",
    "Sachsen": "StaLa SN",
}
# Name-line designation of a Gemeinde by its GV100AD type code (60 Markt, 61 kreisfreie
# Stadt, 62 Stadtkreis, 63 Stadt, 64 Gemeinde, 67 große Kreisstadt).
DESIGNATIONS = {"60": ("Markt", "Gemeinde"), "61": ("Stadt",), "62": ("Stadt",), "63": ("Stadt",),
                "64": ("Gemeinde",), "67": ("Stadt",)}
_HEADING = re.compile(r"^[A-ZÄÖÜ][\wäöüß ]*:\s*$")
_NUMBER = r"\d{1,3}(?:\.\d{3})*|\d+"


def kurzprofil_lines(text: str) -> list[str] | None:
    """The non-blank lines of the ``Kurzprofil:`` section as written; None without one."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.strip() == "Kurzprofil:":
            block = []
            for following in lines[index + 1:]:
                if _HEADING.match(following.strip()):
                    break
                if following.strip():
                    block.append(following.strip())
            return block
    return None


def kurzprofil_problems(text: str, lead_key: str | None, gazetteer: Gazetteer) -> list[str]:
    """Every value the Kurzprofil states that disagrees with the gazetteer entry of the
    profile's lead (``lead_key``): the name line (must name the lead with the right
    designation), Kreis, Regierungsbezirk or Land, population (exactly the figure of
    31.12.2022, with that date and Destatis or the Land's statistical office as source)
    and area (within the rounding of one decimal). Lines it cannot read are problems too."""
    lines = kurzprofil_lines(text)
    if not lines:
        return []
    place = gazetteer.by_key.get(lead_key or "")
    if place is None:
        return [f"lead {lead_key!r} is not in the gazetteer"]
    problems: list[str] = []
    stated: dict[str, str] = {}
    for line in lines[1:]:
        kind = _line_kind(line)
        if kind in stated:
            problems.append(f"{kind} stated twice: {line!r}")
        stated[kind] = line
    problems += _name_problems(lines[0], place, stated, gazetteer)
    for kind, line in stated.items():
        problems += CHECKS[kind](line, place)
    if place.region is not None and "region" not in stated:
        problems.append(f"no Regierungsbezirk line (lead is in Regierungsbezirk {place.region})")
    if place.region is None and "state" not in stated and "region" not in stated:
        problems.append(f"neither Regierungsbezirk nor Land stated (lead is in {place.state})")
    return problems


def _line_kind(line: str) -> str:
    if line.startswith("Regierungsbezirk"):
        return "region"
    if re.match(r"(Bundes)?[Ll]and\b", line):
        return "state"
    if re.match(r"Einwohner", line):
        return "population"
    if line.startswith("Fläche"):
        return "area"
    return "district"


def _name_problems(line: str, place: Place, stated: dict[str, str], gazetteer: Gazetteer) -> list[str]:
    context = {"district": stated.get("district"), "region": _value(stated.get("region")),
               "state": _value(stated.get("state"))}
    resolved = gazetteer.resolve(line, **context)
    if resolved is None or resolved.key != place.key:
        return [f"name line {line!r} does not resolve to the lead {place.name} ({place.key})"]
    if place.kind == "kreis":
        return [] if line == place.district else [f"name line {line!r}: the Kreis is {place.district!r}"]
    written = [d for d in DESIGNATIONS.get(place.type_code, ()) if line == f"{d} {place.name}"]
    return [] if written else [f"name line {line!r}: expected {DESIGNATIONS.get(place.type_code)} {place.name}"]


def _value(line: str | None) -> str | None:
    return line.split(None, 1)[1].strip() if line and " " in line else None


def _district_problems(line: str, place: Place) -> list[str]:
    if place.kind == "kreis" or place.district is None:
        return [f"Kreis line {line!r}, but the lead is {'a Kreis' if place.kind == 'kreis' else 'kreisfrei'}"]
    return [] if line == place.district else [f"Kreis {line!r}, official {place.district!r}"]


def _region_problems(line: str, place: Place) -> list[str]:
    match = re.fullmatch(r"Regierungsbezirk (.+)", line)
    if not match or match.group(1) != place.region:
        return [f"{line!r}, official Regierungsbezirk {place.region!r}"]
    return []


def _state_problems(line: str, place: Place) -> list[str]:
    match = re.fullmatch(r"(?:Bundes)?[Ll]and:? (.+)", line)
    if not match or match.group(1) != place.state:
        return [f"{line!r}, official Land {place.state!r}"]
    return []


def _population_problems(line: str, place: Place) -> list[str]:
    match = re.fullmatch(rf"Einwohner: ?({_NUMBER}) \((\d\d\.\d\d\.\d{{4}}), ([^)]+)\)", line)
    if not match:
        return [f"population line {line!r} not in the form 'Einwohner: 12.345 (31.12.2022, Quelle)'"]
    number, date, source = int(match.group(1).replace(".", "")), match.group(2), match.group(3)
    problems = []
    if date != POPULATION_DATE:
        problems.append(f"population date {date}: the gazetteer's figures are of {POPULATION_DATE}")
    if number != place.population:
        problems.append(f"population {number:,}, official {place.population:,} ({POPULATION_DATE})")
    if source not in {"Destatis", STATISTICAL_OFFICES.get(place.state)}:
        problems.append(f"population source {source!r} is not Destatis or the statistical office of {place.state}")
    return problems


def _area_problems(line: str, place: Place) -> list[str]:
    match = re.fullmatch(rf"Fläche: ?({_NUMBER})(?:,(\d+))? km²", line)
    if not match:
        return [f"area line {line!r} not in the form 'Fläche: 1.234,5 km²'"]
    area = float(match.group(1).replace(".", "") + "." + (match.group(2) or "0"))
    decimals = len(match.group(2) or "")
    if abs(area - place.area_km2) > 0.5 * 10**-decimals + 1e-9:
        return [f"area {area} km², official {place.area_km2} km²"]
    return []


CHECKS = {"district": _district_problems, "region": _region_problems, "state": _state_problems,
          "population": _population_problems, "area": _area_problems}


# ---------------------------------------------------------------- personal data

ALLOWED_PHONE = re.compile(r"0\d{2,5} 000-0000")
# Phone numbers as Germans write them: +49 / 0049 / (0…) / 0… followed by digits, spaces,
# slashes, dashes and brackets, or any number after Tel./Telefon/Fax/Mobil/Durchwahl.
_PHONE = re.compile(
    r"(?:\+|\b00)49[\s()/\d-]*\d"
    r"|\(\s*0[\d\s]*\d\s*\)[\s/\d-]*\d"
    r"|(?<![\d.,])0\d{2,5}(?:[\s/-]|\)\s?)*\d[\d\s/-]*\d"
    r"|(?:\b(?:Tel|Telefon|Fax|Telefax|Mobil|Handy|Durchwahl)\b\.?:?\s*)[+(\d][\d\s()/+-]*\d",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^(?:Tel|Telefon|Fax|Telefax|Mobil|Handy|Durchwahl)\b\.?:?\s*", re.IGNORECASE)
EMAIL = re.compile(r"[\w.%+-]+@[\w.-]+\.[A-Za-z]{2,}")
# Anything that looks like a host name under a common top-level domain, in any case.
_TLDS = ("de|com|net|org|eu|info|biz|io|nrw|ruhr|koeln|cologne|berlin|hamburg|bayern|saarland|online|app|"
         "gov|edu|at|ch|nl|be|lu|fr|dk|pl|cz|email|digital|site|website|click|link")
DOMAIN = re.compile(rf"(?<![\w.@-])(?:https?://)?(?:[\w-]+\.)+(?:{_TLDS})(?![\w-])", re.IGNORECASE)
URL = re.compile(r"(?:https?://|www\.)[^\s)]+", re.IGNORECASE)
# Names of NRW authorities that are written like host names but are not.
NOT_DOMAINS = {"IT.NRW", "Straßen.NRW"}
PERSON = re.compile(r"\b(?:Herrn?|Frau|Dr\.|Prof\.)\s+(?:(?:Dr\.|Prof\.)\s+)*[A-ZÄÖÜ][a-zäöüß]+")


def personal_data_problems(text: str) -> list[str]:
    """Phone numbers other than the ``02941 000-0000`` pattern, e-mail addresses, links
    and host names outside ``example.org``, and people named with a title
    (``Frau Petra Schulze``, ``Dr. Meier``) anywhere in a profile."""
    problems = []
    for line in text.splitlines():
        for match in _PHONE.finditer(line):
            number = _LABEL.sub("", match.group(0)).strip()
            if sum(ch.isdigit() for ch in number) >= 6 and not ALLOWED_PHONE.fullmatch(number):
                problems.append(f"phone number {number!r} in {line!r}")
    problems += [f"e-mail {e!r}" for e in EMAIL.findall(text) if not e.lower().endswith("@example.org")]
    problems += [f"link {u!r}" for u in URL.findall(text)
                 if not re.match(r"(https?://)?(www\.)?example\.org(/|$)", u, re.IGNORECASE)]
    for match in DOMAIN.finditer(text):
        host = re.sub(r"^https?://", "", match.group(0), flags=re.IGNORECASE)
        if host not in NOT_DOMAINS and not re.fullmatch(r"(?:[\w-]+\.)*example\.org", host, re.IGNORECASE):
            problems.append(f"host name {host!r}")
    problems += [f"person {m.group(0)!r}" for m in PERSON.finditer(text)]
    return problems


# ---------------------------------------------------------------- task fields

# The 38 task fields of the corpus brief → a tight pattern (case-insensitive) that a
# profile's title or keywords must match when the profile is filed under the field.
# Tight means: whole words or unmistakable stems, so that "IT" does not match
# Wasserversorgung ("server"), Energie not Geschwindigkeit ("wind"), Schule not Musik- or
# Volkshochschule, Pflege not Grünpflege, Vergabe not Platzvergabe, Kasse not Kassel.
TASK_FIELDS = {
    "Abfallwirtschaft": r"abfall|müll|wertstoff|recyclinghof|kompost",
    "Abwasser": r"abwasser|kläranlage|\bkanal|klärschlamm|schmutzwasser",
    "Wasserversorgung": r"wasserversorgung|trinkwasser|wasserbeschaffung|wasserwerk|wasserverbund",
    "IT/Rechenzentrum": r"rechenzentr|\bit\b|\bit-|datenverarbeitung",
    "E-Government/OZG": (r"e-government|\bozg\b|onlinezugang|online-?dienst|digitale verwaltung"
                         r"|bürgerportal|serviceportal"),
    "Feuerwehr/Leitstelle": r"feuerwehr|leitstelle|einsatzzentrale|waldbrand",
    "Rettungsdienst": r"rettungsdienst|notarzt|rettungswache",
    "Standesamt": r"standesamt|personenstand",
    "Bauhof/Betriebshof": r"bauhof|betriebshof|betriebshöfe|winterdienst|streusalz",
    "Vergabestelle": r"vergabestelle|\bvergabe\b|\be-?vergabe|vergaberecht|submission",
    "Rechnungsprüfung": r"rechnungsprüfung|prüfungsamt",
    "Personalabrechnung": r"personalabrechnung|lohnbuchhaltung|bezügeabrechnung|entgeltabrechnung",
    "Kasse/Vollstreckung": r"\bkasse\b|stadtkasse|gemeindekasse|kassengemeinschaft|kassenleitung|vollstreckung",
    "Datenschutz": r"datenschutz",
    "Tourismus": r"tourismus|fremdenverkehr|touristik|ferienregion",
    "Wirtschaftsförderung": r"wirtschaftsförderung|standortmarketing|ansiedlung|fachkräfte(allianz|sicherung)",
    "Gewerbegebiet": r"gewerbegebiet|industriegebiet|industriepark|gewerbefläche",
    "Breitband": r"breitband|glasfaser|gigabit",
    "Schule/Schulverband": (r"(?<![a-zäöüß])schul(e\b|verband|zweckverband|träger)"
                            r"|förderschule|sekundarschule|gastschul"),
    "Volkshochschule": r"volkshochschule|\bvhs\b|erwachsenenbildung",
    "Musikschule": r"musikschule",
    "Bibliothek": r"bibliothek|bücherei|onleihe",
    "Jugendhilfe/Kita": r"jugendhilfe|\bkita|kindertages|adoption|kinderbetreuung",
    "Ordnungsamt/Verkehrsüberwachung": (r"ordnungsamt|ordnungsdienst|verkehrsüberwachung"
                                        r"|geschwindigkeitsüberwachung|blitzer"),
    "Klimaschutz": r"klimaschutz|klimaanpassung|wärmeplanung",
    "Energie/Windkraft": r"windkraft|windenergie|\benergie\b|energiegesellschaft|energieunternehmen|photovoltaik",
    "Radverkehr": r"radverkehr|radweg|radpendler|radschnell|pendlerradroute",
    "ÖPNV/Bürgerbus": r"öpnv|nahverkehr|bürgerbus|busverkehr|rufbus|schnellbus|on-demand",
    "Bäder": r"bäder|hallenbad|freibad|schwimmbad",
    "Friedhof": r"friedhof|bestattung",
    "Gesundheit/Pflege": r"gesundheit|\bpflege\b|pflegeberatung|heimaufsicht|hausarzt",
    "Integration": r"integration(?!skurs)|zuwanderung|anerkennung|sprachmittl",
    "Katastrophenschutz": r"katastrophenschutz|bevölkerungsschutz|sirene",
    "Smart City/Digitalisierung": r"smart (city|region)|digitalisierungsnetzwerk|datenplattform|digitaler zwilling|"
                                  r"open data|sensor|lorawan",
    "Archiv": r"archiv",
    "Veterinärwesen": r"veterinär|tierseuche|tierschutz|schweinepest",
    "Bauaufsicht": r"bauaufsicht|baugenehmigung|bauantrag",
    "Hochwasserschutz": r"hochwasser|starkregen|deich",
}


def task_field_problems(assigned: dict[str, str], profiles, *, minimum: int = 5) -> list[str]:
    """Problems of a profile id → task field mapping over ``profiles`` (parsed profiles):
    profiles without a field or ids without a profile, unknown fields, fields with fewer
    than ``minimum`` public profiles, and profiles whose title and keywords do not bear
    out their field (its pattern in TASK_FIELDS)."""
    by_id = {p.id: p for p in profiles}
    problems = [f"{pid}: no task field" for pid in sorted(set(by_id) - set(assigned))]
    problems += [f"{pid}: no such profile" for pid in sorted(set(assigned) - set(by_id))]
    for pid, field in sorted(assigned.items()):
        profile = by_id.get(pid)
        if field not in TASK_FIELDS:
            problems.append(f"{pid}: unknown task field {field!r}")
        elif profile is not None:
            text = " | ".join([profile.title, *profile.keywords])
            if not re.search(TASK_FIELDS[field], text, re.IGNORECASE):
                problems.append(f"{pid}: title and keywords do not say {field}: {text!r}")
    for field in TASK_FIELDS:
        public = [pid for pid, f in assigned.items() if f == field and pid in by_id and not by_id[pid].private]
        if len(public) < minimum:
            problems.append(f"{field}: {len(public)} public profiles, fewer than {minimum}")
    return problems
