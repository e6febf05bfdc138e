"""Seeded generator of realistic synthetic IKZ profiles for benchmarks.

    python tools/synth_corpus.py --count 10000 --out var/synth/10000 [--seed 7]

Real municipality names, Kreise and figures from the gazetteer (about 70 % in NRW),
38 task fields with German administrative vocabulary (compounds included), skewed
topics, legal forms and start years, 10 % private, every facet field filled. Text is
assembled from sentence templates, so it reads plausibly but is not meant for people.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.gazetteer import POPULATION_DATE, load_gazetteer

TOPICS = {
    "Abfallwirtschaft": "Abfallentsorgung Wertstoffhof Müllabfuhr Biotonne Sperrmüll Abfallberatung Kompostierung",
    "Abwasser": "Abwasserbeseitigung Kläranlage Kanalnetz Kanalinspektion Niederschlagswasser Klärschlamm",
    "Wasserversorgung": "Trinkwasser Wasserwerk Wasserbeschaffung Hochbehälter Leitungsnetz Notverbund",
    "IT": "Rechenzentrum IT-Sicherheit Serverbetrieb Fachverfahren Netzwerk Informationstechnik",
    "E-Government": "Onlinezugangsgesetz OZG Bürgerportal Onlinedienste Digitalisierung Servicekonto",
    "Feuerwehr": "Feuerwehr Leitstelle Einsatzzentrale Atemschutzwerkstatt Feuerwehrausbildung Brandschutz",
    "Rettungsdienst": "Rettungsdienst Rettungswache Notarzt Telenotarzt Krankentransport Notfallrettung",
    "Standesamt": "Standesamt Eheschließung Personenstandswesen Standesamtsbezirk Urkunden",
    "Bauhof": "Bauhof Betriebshof Winterdienst Grünpflege Maschinenpool Straßenunterhaltung",
    "Vergabe": "Vergabestelle Ausschreibung Beschaffung Rahmenvertrag Vergaberecht Einkaufsgemeinschaft",
    "Rechnungsprüfung": "Rechnungsprüfung Prüfungsamt Jahresabschluss Prüfbericht örtliche Prüfung",
    "Personalabrechnung": "Personalabrechnung Bezügeabrechnung Lohnbuchhaltung Entgeltabrechnung Reisekosten",
    "Vollstreckung": "Vollstreckung Stadtkasse Forderungsmanagement Außendienst Mahnwesen",
    "Datenschutz": "Datenschutz Datenschutzbeauftragter Informationssicherheit DSGVO Schulungen",
    "Tourismus": "Tourismus Fremdenverkehr Wanderwege Radtourismus Gästeinformation Ferienregion",
    "Wirtschaftsförderung": "Wirtschaftsförderung Standortmarketing Gründungsberatung Fachkräftesicherung",
    "Gewerbegebiet": "Gewerbegebiet Industriegebiet Gewerbeflächen Erschließung Gewerbesteuerteilung",
    "Breitband": "Breitband Glasfaserausbau Mobilfunk Gigabit Förderprogramm Netzbetreiber",
    "Schule": "Schulverband Schulträger Grundschule Schulentwicklungsplanung Schülerbeförderung",
    "Volkshochschule": "Volkshochschule VHS Erwachsenenbildung Integrationskurse Weiterbildung",
    "Musikschule": "Musikschule Musikunterricht Instrumentalunterricht Ensemble Musikpädagogik",
    "Bibliothek": "Bibliothek Bücherei Onleihe Medienverbund Leseförderung",
    "Kita": "Kindertagesstätte Kita Kindertagespflege Jugendhilfe Platzvergabe Fachberatung",
    "Ordnungsamt": "Ordnungsdienst Geschwindigkeitsüberwachung Blitzer Parkraumüberwachung Verkehrssicherheit",
    "Klimaschutz": "Klimaschutz Klimaschutzkonzept Klimaanpassung Energieberatung Treibhausgasbilanz",
    "Energie": "Windenergie Windpark Photovoltaik Wärmeplanung Bürgerenergie Nahwärme",
    "Radverkehr": "Radverkehr Radweg Radschnellweg Pendlerroute Fahrradabstellanlagen",
    "ÖPNV": "ÖPNV Nahverkehr Bürgerbus Rufbus Haltestellen Fahrplan",
    "Bäder": "Hallenbad Freibad Schwimmunterricht Bäderbetrieb Schulschwimmen",
    "Friedhof": "Friedhof Friedhofsverwaltung Bestattung Grabstätten Friedhofsgebühren",
    "Gesundheit": "Gesundheitsversorgung Hausarzt Pflegeberatung Pflegestützpunkt Gesundheitsregion",
    "Integration": "Integration Zuwanderung Sprachmittler Integrationszentrum Anerkennungsberatung",
    "Katastrophenschutz": "Katastrophenschutz Krisenstab Sirenen Notstrom Bevölkerungsschutz",
    "Smart City": "Smart City Datenplattform Sensoren LoRaWAN Digitalisierung Verkehrsleitsystem",
    "Archiv": "Archiv Kreisarchiv Archivpflege Digitalisierung Notfallverbund",
    "Veterinärwesen": "Veterinäramt Tierseuchenbekämpfung Lebensmittelüberwachung Tierschutz",
    "Bauaufsicht": "Bauaufsicht Baugenehmigung Bauantrag Bauordnung digitale Bauakte",
    "Hochwasserschutz": "Hochwasserschutz Starkregenvorsorge Deich Rückhaltebecken Gewässerunterhaltung",
}
LEGAL = [("öffentlich-rechtliche Vereinbarung", 30), ("Kooperationsvertrag", 20), ("Zweckverband", 12),
         ("Zweckvereinbarung", 8), ("GmbH", 8), ("Arbeitsgemeinschaft", 7), ("e.V.", 6),
         ("Anstalt des öffentlichen Rechts (AöR)", 5), ("Absichtserklärung", 4)]
OPENINGS = [
    "Die beteiligten Kommunen bündeln ihre Aufgaben im Bereich {a}, um Kosten zu sparen und Personal zu sichern.",
    "Steigende Anforderungen an {a} und {b} waren für kleine Verwaltungen allein kaum noch zu bewältigen.",
    "Nach einer gemeinsamen Organisationsuntersuchung zu {a} beschlossen die Räte eine engere Zusammenarbeit.",
]
GOALS = [
    "Ziel ist eine verlässliche {a} mit einheitlichen Standards für rund {n} Einwohnerinnen und Einwohner.",
    "Gemeinsam sollen {a} und {b} wirtschaftlicher organisiert und Vertretungen sichergestellt werden.",
    "Die Kooperation soll Fachwissen zu {b} bündeln und die Bürgerinnen und Bürger schneller bedienen.",
]
STEPS = [
    "{lead} übernimmt die Federführung; die Partner erstatten die Kosten nach Einwohnerzahl.",
    "Ein gemeinsames Team mit {m} Beschäftigten arbeitet seit dem Start an {a} und {c}.",
    "Die Umsetzung erfolgte in drei Stufen, zuletzt mit einer gemeinsamen Software für {c}.",
]


def _weighted(rng: random.Random, items: list[tuple[str, int]]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def generate(count: int, seed: int, out: Path) -> None:
    """Write ``count`` profiles ``000001_synth.txt`` … into ``out`` (deterministic for a seed)."""
    rng = random.Random(seed)
    gazetteer = load_gazetteer()
    by_district: dict[str, list] = {}
    for place in gazetteer.places:
        if place.kind == "gemeinde":
            by_district.setdefault(place.key[:5], []).append(place)
    nrw = [k for k in by_district if k.startswith("05")]
    others = [k for k in by_district if not k.startswith("05")]
    topic_names = list(TOPICS)
    topic_weights = [1 / (rank + 1) ** 0.6 for rank in range(len(topic_names))]
    out.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        district = rng.choice(nrw if rng.random() < 0.7 else others)
        towns = by_district[district]
        if len(towns) < 3:  # a kreisfreie Stadt cooperates with towns of its region
            towns = towns + [p for k, v in by_district.items() if k[:3] == district[:3] and k != district
                             for p in v[:3]]
        partners = [towns[0], *rng.sample(towns[1:], k=min(len(towns) - 1, rng.randint(1, 5)))]
        rng.shuffle(partners)
        lead = partners[0]
        topic = rng.choices(topic_names, weights=topic_weights)[0]
        words = TOPICS[topic].split()
        a, b, c = rng.sample(words, 3)
        keywords = rng.sample(words, k=rng.randint(2, min(5, len(words))))
        private = rng.random() < 0.1
        title = rng.choice([f"Gemeinsame {a} {lead.name}",
                            f"Interkommunale Kooperation {a} {lead.district or lead.name}",
                            f"{a} und {b} im Verbund {lead.name}"])
        if private:
            title = f"Privat: {title} (lt. Mail {rng.randint(2018, 2025)} nicht mehr aktuell)"
        year = rng.choice([f"{rng.randint(1960, 2026)}", f"seit {rng.randint(1990, 2026)}",
                           f"01.01.{rng.randint(2000, 2026)}", ""])
        fill = {"a": a, "b": b, "c": c, "lead": lead.name, "n": f"{rng.randint(5, 400) * 1000:,}".replace(",", "."),
                "m": rng.randint(2, 40)}
        region = f"Regierungsbezirk {lead.region}" if lead.region else f"Land {lead.state}"
        text = "\n".join([
            title, "", ", ".join(p.name for p in partners), "", "Stichworte:", "", ", ".join(keywords), "",
            "Hauptverantwortlich:", "", lead.name, "", "Kurzprofil:", "", f"Stadt {lead.name}", lead.district or "",
            region, f"Einwohner: {lead.population:,}".replace(",", ".") + f" ({POPULATION_DATE}, Destatis)",
            f"Fläche: {lead.area_km2:.1f} km²".replace(".", ","), "",
            "Anlass:", "", rng.choice(OPENINGS).format(**fill), "", "Ziel:", "", rng.choice(GOALS).format(**fill), "",
            "Umsetzung:", "", " ".join(s.format(**fill) for s in rng.sample(STEPS, 2)), "",
            "Rechtsform:", "", _weighted(rng, LEGAL), "", "Zusammenarbeit seit:", "", year, "",
            "Kontakt:", "", f"Stadt {lead.name}", "info@example.org", "",
        ])
        (out / f"{number:06d}_synth.txt").write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.count, args.seed, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
