"""Held-out compound table written independently of the splitter (see docstring rules).

This table was written without looking at the splitter, its lexicon or its other
test tables. It is meant to measure the splitter, not to be tuned against.

Rules for the expected parts of HELDOUT_COMPOUNDS
-------------------------------------------------
* Keys are German compounds from municipal administration and public services
  (waste, water, schools, fire brigade, rescue, IT, finance, social services,
  transport, building, culture, sport, environment, tourism, health, council
  and elections), in everyday use in German town halls.
* The value is the sequence of the smallest FREE German words the compound is
  made of, in order, lower-case, separated by single spaces, each in its
  dictionary form (nominative singular for nouns): "Schulhof" -> "schule hof".
  Plural-only nouns keep their only form ("eltern", "ferien").
* Linking elements (-s-, -es-, -n-, -en-, -er-, -e-) are dropped and an elided
  final -e is restored: "Verkehrsplanung" -> "verkehr planung",
  "Kinderschutz" -> "kind schutz", "Hundesteuer" -> "hund steuer",
  "Mietspiegel" -> "miete spiegel".
* A part is kept whole when it is itself a lexicalised compound whose meaning is
  not the sum of its parts (Feuerwehr, Hochwasser, Wirtschaft, Landschaft,
  Haushalt, Krankenhaus, Kindergarten, Bürgermeister, Rathaus, Bahnhof,
  Friedhof, Volkshochschule, Lebensmittel, Unternehmen, Denkmal):
  "Feuerwehrmann" -> "feuerwehr mann", "Rathausturm" -> "rathaus turm".
* Prefixes/particles and derivational suffixes are never split off:
  -ung, -heit, -keit, -schaft, -lich, -er (agent nouns) are not parts, and
  words such as Abfall, Abwasser, Umwelt, Beirat, Einsatz, Vorsorge,
  Unterkunft, Ausländer, Niederschlag stay whole:
  "Ausländerbehörde" -> "ausländer behörde", "Wasserzähler" -> "wasser zähler".

HELDOUT_NON_COMPOUNDS
---------------------
Words that must come back unsplit: ordinary long words that are derivations
(prefix/particle + stem, or stem + derivational suffix), not compounds of free
words ("Genehmigung", "Mannschaft", "Vorschrift", "Mitarbeiter"), and German
place names that merely look like compounds ("Wuppertal", "Rosenheim",
"Salzgitter").
"""

HELDOUT_COMPOUNDS = {
    # --- Abfall / waste ---------------------------------------------------
    "Abfallberatung": "abfall beratung",
    "Abfallkalender": "abfall kalender",
    "Abfallgebühr": "abfall gebühr",
    "Restmülltonne": "rest müll tonne",
    "Papiertonne": "papier tonne",
    "Altpapier": "alt papier",
    "Altglascontainer": "alt glas container",
    "Müllverbrennungsanlage": "müll verbrennung anlage",
    # --- Wasser / water -----------------------------------------------------
    "Wasserwerk": "wasser werk",
    "Wasserzähler": "wasser zähler",
    "Regenwasser": "regen wasser",
    "Niederschlagswasser": "niederschlag wasser",
    "Abwasserabgabe": "abwasser abgabe",
    "Kanalnetz": "kanal netz",
    "Wasserschutzgebiet": "wasser schutz gebiet",
    "Hochwassergefahr": "hochwasser gefahr",
    # --- Schule / schools ---------------------------------------------------
    "Schulhof": "schule hof",
    "Schulleitung": "schule leitung",
    "Schulträger": "schule träger",
    "Schülerbeförderung": "schüler beförderung",
    "Schulgebäude": "schule gebäude",
    "Schulentwicklungsplan": "schule entwicklung plan",
    "Klassenzimmer": "klasse zimmer",
    "Volkshochschulkurs": "volkshochschule kurs",
    # --- Feuerwehr / fire brigade -------------------------------------------
    "Feuerwehrmann": "feuerwehr mann",
    "Feuerwehreinsatz": "feuerwehr einsatz",
    "Jugendfeuerwehr": "jugend feuerwehr",
    "Berufsfeuerwehr": "beruf feuerwehr",
    "Brandschutz": "brand schutz",
    "Rauchmelder": "rauch melder",
    "Atemschutz": "atem schutz",
    "Hydrantenprüfung": "hydrant prüfung",
    # --- Rettung / rescue, civil protection ---------------------------------
    "Notruf": "not ruf",
    "Notarzt": "not arzt",
    "Notaufnahme": "not aufnahme",
    "Rettungswagen": "rettung wagen",
    "Katastrophenschutz": "katastrophe schutz",
    # --- IT -----------------------------------------------------------------
    "Serverraum": "server raum",
    "Bürgerportal": "bürger portal",
    "Informationstechnik": "information technik",
    "Softwarelizenz": "software lizenz",
    "Ratsinformationssystem": "rat information system",
    # --- Finanzen / finance -------------------------------------------------
    "Steuerbescheid": "steuer bescheid",
    "Grundsteuer": "grund steuer",
    "Gewerbesteuer": "gewerbe steuer",
    "Hundesteuer": "hund steuer",
    "Vergnügungssteuer": "vergnügung steuer",
    "Haushaltsplan": "haushalt plan",
    "Haushaltssatzung": "haushalt satzung",
    "Stadtkasse": "stadt kasse",
    "Jahresabschluss": "jahr abschluss",
    "Rechnungsprüfung": "rechnung prüfung",
    "Gebührenbescheid": "gebühr bescheid",
    # --- Soziales / social services -----------------------------------------
    "Sozialamt": "sozial amt",
    "Sozialhilfe": "sozial hilfe",
    "Jugendhilfe": "jugend hilfe",
    "Seniorenbeirat": "senior beirat",
    "Pflegeheim": "pflege heim",
    "Ausländerbehörde": "ausländer behörde",
    "Integrationsrat": "integration rat",
    "Flüchtlingsunterkunft": "flüchtling unterkunft",
    "Kinderschutz": "kind schutz",
    "Familienzentrum": "familie zentrum",
    "Elternbeitrag": "eltern beitrag",
    "Schuldnerberatung": "schuldner beratung",
    "Erziehungsberatung": "erziehung beratung",
    "Kindergartenplatz": "kindergarten platz",
    # --- Verkehr / transport ------------------------------------------------
    "Busbahnhof": "bus bahnhof",
    "Radweg": "rad weg",
    "Radwegenetz": "rad weg netz",
    "Verkehrsplanung": "verkehr planung",
    "Verkehrsberuhigung": "verkehr beruhigung",
    "Straßenverkehrsamt": "straße verkehr amt",
    "Zulassungsstelle": "zulassung stelle",
    # --- Bauen / building, planning ---------------------------------------
    "Bauamt": "bau amt",
    "Bauantrag": "bau antrag",
    "Baugenehmigung": "bau genehmigung",
    "Bebauungsplan": "bebauung plan",
    "Flächennutzungsplan": "fläche nutzung plan",
    "Stadtplanung": "stadt planung",
    "Stadtentwicklung": "stadt entwicklung",
    "Straßenreinigung": "straße reinigung",
    "Straßenbeleuchtung": "straße beleuchtung",
    "Brückensanierung": "brücke sanierung",
    "Bauhof": "bau hof",
    "Mietspiegel": "miete spiegel",
    "Denkmalschutz": "denkmal schutz",
    # --- Kultur / culture ---------------------------------------------------
    "Kulturamt": "kultur amt",
    "Heimatmuseum": "heimat museum",
    "Wochenmarkt": "woche markt",
    "Marktplatz": "markt platz",
    "Bürgerhaus": "bürger haus",
    "Dorfgemeinschaftshaus": "dorf gemeinschaft haus",
    # --- Sport --------------------------------------------------------------
    "Sportplatz": "sport platz",
    "Sportstätte": "sport stätte",
    "Eissporthalle": "eis sport halle",
    # --- Umwelt, Energie / environment, energy ------------------------------
    "Umweltamt": "umwelt amt",
    "Naturschutzgebiet": "natur schutz gebiet",
    "Landschaftsschutzgebiet": "landschaft schutz gebiet",
    "Lärmschutz": "lärm schutz",
    "Baumschutzsatzung": "baum schutz satzung",
    "Grünfläche": "grün fläche",
    "Energieversorgung": "energie versorgung",
    "Photovoltaikanlage": "photovoltaik anlage",
    # --- Tourismus / tourism ------------------------------------------------
    "Tourismusbüro": "tourismus büro",
    "Stadtführung": "stadt führung",
    "Ferienwohnung": "ferien wohnung",
    # --- Gesundheit / health ------------------------------------------------
    "Amtsarzt": "amt arzt",
    "Gesundheitsvorsorge": "gesundheit vorsorge",
    "Krankenhausplanung": "krankenhaus planung",
    "Lebensmittelkontrolle": "lebensmittel kontrolle",
    # --- Rat, Wahlen, allgemeine Verwaltung / council, elections, admin ------
    "Bürgerversammlung": "bürger versammlung",
    "Bürgermeisterwahl": "bürgermeister wahl",
    "Ratssitzung": "rat sitzung",
    "Gemeinderat": "gemeinde rat",
    "Rathausturm": "rathaus turm",
    "Friedhofsverwaltung": "friedhof verwaltung",
    "Briefwahl": "brief wahl",
    "Kommunalwahl": "kommunal wahl",
    "Wahlbezirk": "wahl bezirk",
    "Ortsteil": "ort teil",
    "Landesregierung": "land regierung",
    "Kreisverwaltung": "kreis verwaltung",
    "Amtsblatt": "amt blatt",
    "Personalrat": "personal rat",
    "Ordnungsbehörde": "ordnung behörde",
    "Vollstreckungsbehörde": "vollstreckung behörde",
    "Fundbüro": "fund büro",
    "Wirtschaftsförderung": "wirtschaft förderung",
    "Unternehmensberatung": "unternehmen beratung",
}

HELDOUT_NON_COMPOUNDS = [
    # derivations (prefix/particle + stem, stem + derivational suffix)
    "Genehmigung",
    "Sanierung",
    "Versammlung",
    "Zuständigkeit",
    "Verordnung",
    "Beschaffung",
    "Genossenschaft",
    "Mannschaft",
    "Nachbarschaft",
    "Überwachung",
    "Einrichtung",
    "Bescheinigung",
    "Öffentlichkeit",
    "Sicherheit",
    "Nachhaltigkeit",
    "Angelegenheit",
    "Vorschrift",
    "Unterricht",
    "Wissenschaft",
    "Herausforderung",
    "Mitarbeiter",
    "Aufenthalt",
    # place names that look like compounds
    "Gütersloh",
    "Herzogenrath",
    "Königswinter",
    "Bergheim",
    "Wuppertal",
    "Ibbenbüren",
    "Hückelhoven",
    "Mülheim",
    "Oberhausen",
    "Rheinbach",
    "Steinheim",
    "Wermelskirchen",
    "Lüdenscheid",
    "Iserlohn",
    "Remscheid",
    "Sprockhövel",
    "Rosenheim",
    "Freiburg",
    "Hildesheim",
    "Wolfsburg",
    "Salzgitter",
    "Osnabrück",
    "Saarbrücken",
]
