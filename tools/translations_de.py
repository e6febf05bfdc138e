"""German UI texts (msgid → msgstr). `python tools/translations_de.py` regenerates
webui/translations/de/LC_MESSAGES/messages.po from the extracted template and compiles it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
# where the UI texts are: the web layer, and the error messages' English texts (by code)
SOURCES = ("webui", "search/errors.py")
GERMAN = {
    "The request contains an invalid parameter.": "Die Anfrage enthält einen ungültigen Parameter.",
    "This page or cooperation does not exist (or is not public).":
        "Diese Seite oder Kooperation gibt es nicht (oder sie ist nicht öffentlich).",
    "This method is not allowed here.": "Diese Methode ist hier nicht erlaubt.",
    "Too many requests. Please wait a moment.": "Zu viele Anfragen. Bitte warten Sie einen Moment.",
    "The search is not available right now. Please try again shortly.":
        "Die Suche ist gerade nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.",
    "Something went wrong on our side. Please try again later.":
        "Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es später noch einmal.",
    "Government region": "Regierungsbezirk",
    "State": "Land",
    "District": "Kreis",
    "Government region (participating)": "Regierungsbezirk (beteiligt)",
    "State (participating)": "Land (beteiligt)",
    "District (participating)": "Kreis (beteiligt)",
    "Search %(facet)s": "%(facet)s durchsuchen",
    "Find a value": "Wert suchen",
    "Find": "Finden",
    "Show all": "alle anzeigen",
    "All values": "Alle Werte",
    "Recently added first": "Zuletzt aufgenommen zuerst",
    "Weaker matches too": "Auch schwächere Treffer",
    "Profile page": "Profilseite",
    ("%(count)s value", "%(count)s values"): ("%(count)s Wert", "%(count)s Werte"),
    ("%(count)s weaker match is not listed in this order.", "%(count)s weaker matches are not listed in this order."):
        ("%(count)s schwächerer Treffer ist in dieser Sortierung nicht aufgeführt.",
         "%(count)s schwächere Treffer sind in dieser Sortierung nicht aufgeführt."),
    ("Show %(count)s weaker match", "Show %(count)s weaker matches"):
        ("%(count)s schwächeren Treffer anzeigen", "%(count)s schwächere Treffer anzeigen"),
    "Keyword": "Stichwort",
    "Lead municipality": "Federführende Kommune",
    "Participant": "Beteiligte Kommune",
    "Legal form": "Rechtsform",
    "Task area": "Aufgabenbereich",
    "Browse by task area": "Nach Aufgabenbereich suchen",
    "since (from)": "seit (ab)",
    "since (to)": "seit (bis)",
    "Relevance": "Relevanz",
    "Newest first": "Neueste zuerst",
    "Oldest first": "Älteste zuerst",
    "Title A–Z": "Titel A–Z",
    "Occasion": "Anlass",
    "Goal": "Ziel",
    "Implementation": "Umsetzung",
    "Funding": "Finanzierung",
    "Accessibility statement": "Erklärung zur Barrierefreiheit",
    "This website aims to be accessible according to BITV 2.0 and WCAG 2.1 level AA. Pages are checked automatically "
    "with axe-core in a real browser and by keyboard.":
        "Diese Website soll nach BITV 2.0 und WCAG 2.1 Stufe AA barrierefrei sein. Die Seiten werden automatisch mit "
        "axe-core in einem echten Browser und mit der Tastatur geprüft.",
    "Known limitations": "Bekannte Einschränkungen",
    "Texts of the cooperation profiles come from the participating municipalities and are shown as written; they are "
    "not available in easy language.":
        "Die Texte der Kooperationsprofile stammen von den beteiligten Kommunen und werden unverändert gezeigt; sie "
        "liegen nicht in Leichter Sprache vor.",
    "Feedback and contact": "Feedback und Kontakt",
    "If you notice a barrier, please write to us:": "Wenn Ihnen eine Barriere auffällt, schreiben Sie uns bitte:",
    "Enforcement procedure": "Durchsetzungsverfahren",
    "To be completed by the operator: the responsible enforcement or arbitration body of your federal state.":
        "Vom Betreiber zu ergänzen: die zuständige Durchsetzungs- oder Schlichtungsstelle Ihres Landes.",
    "API": "API",
    "JSON API": "JSON-API",
    "Other websites can use the search. All endpoints answer GET requests with JSON and allow cross-origin requests.":
        "Andere Websites können die Suche nutzen. Alle Endpunkte beantworten GET-Anfragen mit JSON und erlauben "
        "Aufrufe von anderen Domains.",
    "search with facets": "Suche mit Facetten",
    "one cooperation": "eine Kooperation",
    "similar cooperations": "ähnliche Kooperationen",
    "suggestions for a search box": "Vorschläge für ein Suchfeld",
    "Filters: region, state, district, keyword, lead, participant, legal_form (repeatable), year_from, year_to; sort: "
    "relevance, newest, oldest, title.":
        "Filter: region, state, district, keyword, lead, participant, legal_form (wiederholbar), year_from, year_to; "
        "Sortierung: relevance, newest, oldest, title.",
    "Example: show results on your website": "Beispiel: Ergebnisse auf Ihrer Website zeigen",
    "IKZ search": "IKZ-Suche",
    "Inter-municipal cooperation": "Interkommunale Zusammenarbeit",
    "Skip to content": "Zum Inhalt springen",
    "Service": "Service",
    "Easy language": "Leichte Sprache",
    "Legal": "Rechtliches",
    "Imprint": "Impressum",
    "Privacy": "Datenschutz",
    "Municipal figures: %(source)s, as of %(date)s, %(licence)s.":
        "Gemeindedaten: %(source)s, Stand %(date)s, %(licence)s.",
    "Towns and districts often work together.": "Städte, Gemeinden und Kreise arbeiten oft zusammen.",
    "For example, they run a fire station together. Or a library.":
        "Zum Beispiel haben sie zusammen eine Feuer-Wache. Oder eine Bücherei.",
    "This website shows such work together.": "Diese Internet-Seite zeigt diese Zusammen-Arbeit.",
    "How to search": "So suchen Sie",
    "Write a word in the search box. For example: Bus.": "Schreiben Sie ein Wort in das Such-Feld. Zum Beispiel: Bus.",
    "Then press the button Search.": "Dann drücken Sie auf den Knopf Suchen.",
    "You see a list. Click on a title. Then you read more.":
        "Sie sehen eine Liste. Klicken Sie auf einen Titel. Dann lesen Sie mehr.",
    "You can also choose a town or a topic. This is called a filter. Then the list is shorter.":
        "Sie können auch eine Stadt oder ein Thema wählen. Das heißt Filter. Dann ist die Liste kürzer.",
    "Error": "Fehler",
    "Please check the input “%(name)s”.": "Bitte prüfen Sie die Eingabe „%(name)s“.",
    "Error code": "Fehlercode",
    "To the search": "Zur Suche",
    # the search page without dead ends, filters on phones (issue 21)
    "Back to your search": "Zurück zu Ihrer Suche",
    "The years were in reverse order and have been swapped: from %(low)s to %(high)s.":
        "Die Jahre standen in umgekehrter Reihenfolge und wurden getauscht: von %(low)s bis %(high)s.",
    "Some of the input could not be used and was left out:":
        "Einige Eingaben konnten nicht verwendet werden und wurden weggelassen:",
    "“%(value)s” is not a sort order; sorted by relevance instead.":
        "„%(value)s“ ist keine Sortierung; stattdessen nach Relevanz sortiert.",
    "“%(value)s” is not a page number; showing the first page.":
        "„%(value)s“ ist keine Seitenzahl; die erste Seite wird gezeigt.",
    "“%(value)s” hits per page are not possible; showing %(count)s.":
        "„%(value)s“ Treffer je Seite sind nicht möglich; gezeigt werden %(count)s.",
    "“%(value)s” is not a four-digit year; this bound was left out.":
        "„%(value)s“ ist keine vierstellige Jahreszahl; diese Grenze wurde weggelassen.",
    ("Show the %(count)s cooperation", "Show the %(count)s cooperations"):
        ("Die %(count)s Kooperation zeigen", "Die %(count)s Kooperationen zeigen"),
    "Filters (%(count)s)": "Filter (%(count)s)",
    "More similar cooperations": "Weitere ähnliche Kooperationen",
    "Back to the cooperation": "Zurück zur Kooperation",
    "Cooperations similar to %(title)s": "Kooperationen ähnlich wie %(title)s",
    "Show more": "Mehr anzeigen",
    "Placeholder: the operator of this website must fill in the legal notice (name, address, representative, contact, "
    "supervisory authority) before publication.":
        "Platzhalter: Der Betreiber dieser Website muss das Impressum (Name, Anschrift, Vertretung, Kontakt, "
        "Aufsichtsbehörde) vor der Veröffentlichung ausfüllen.",
    "Placeholder: the operator of this website must fill in the privacy notice before publication.":
        "Platzhalter: Der Betreiber dieser Website muss die Datenschutzerklärung vor der Veröffentlichung ausfüllen.",
    "This website sets no tracking cookies and loads nothing from other servers. A cookie stores your language choice; "
    "signed-in staff get a session cookie.":
        "Diese Website setzt keine Tracking-Cookies und lädt nichts von anderen Servern. Ein Cookie speichert Ihre "
        "Sprachwahl; angemeldete Mitarbeitende erhalten ein Sitzungs-Cookie.",
    "Back to the search": "Zurück zur Suche",
    "not public": "nicht öffentlich",
    "Participants": "Beteiligte",
    "Lead": "Federführung",
    "inhabitants": "Einwohner",
    "Other participants": "Sonstige Beteiligte",
    "Region": "Region",
    "Keywords": "Stichworte",
    "Cooperating since": "Zusammenarbeit seit",
    "Contact": "Kontakt",
    "Links": "Links",
    "Similar cooperations": "Ähnliche Kooperationen",
    "No similar cooperation found.": "Keine ähnliche Kooperation gefunden.",
    "More cooperations of %(place)s": "Weitere Kooperationen von %(place)s",
    "No further cooperation listed.": "Keine weitere Kooperation verzeichnet.",
    "Search": "Suchen",
    "Find inter-municipal cooperations": "Interkommunale Kooperationen finden",
    "Search term": "Suchbegriff",
    "For example: %(examples)s": "Zum Beispiel: %(examples)s",
    "Did you mean": "Meinten Sie",
    "Results include it.": "Die Ergebnisse berücksichtigen es.",
    "Filter": "Filtern",
    "(selected, remove filter)": "(ausgewählt, Filter entfernen)",
    "from": "von",
    "to": "bis",
    "Apply": "Anwenden",
    "Results": "Ergebnisse",
    "Active filters": "Aktive Filter",
    "remove": "entfernen",
    ("%(count)s cooperation", "%(count)s cooperations"): ("%(count)s Kooperation", "%(count)s Kooperationen"),
    "Sort by": "Sortieren nach",
    "Sort": "Sortieren",
    "since": "seit",
    "Pages": "Seiten",
    "Previous": "Zurück",
    "Next": "Weiter",
    "No cooperation found": "Keine Kooperation gefunden",
    "Remove a filter:": "Einen Filter entfernen:",
    "Try a more general word, for example %(general)s instead of %(special)s.":
        "Versuchen Sie ein allgemeineres Wort, zum Beispiel %(general)s statt %(special)s.",
    "Removing a single filter does not help.": "Einen einzelnen Filter zu entfernen hilft nicht.",
    "Remove all filters": "Alle Filter entfernen",
    "Search instead for:": "Stattdessen suchen nach:",
    "Related keywords:": "Verwandte Stichwörter:",
    "Staff sign-in": "Anmeldung für Mitarbeitende",
    "Signed-in municipal staff also see cooperations that are not public.":
        "Angemeldete Mitarbeitende der Kommunen sehen auch nicht öffentliche Kooperationen.",
    "Name or password is wrong.": "Name oder Passwort ist falsch.",
    "Too many failed attempts. Please wait a few minutes.": "Zu viele Fehlversuche. Bitte warten Sie einige Minuten.",
    "Name": "Name",
    "Password": "Passwort",
    "Sign in": "Anmelden",
    "Signed in as %(name)s": "Angemeldet als %(name)s",
    "Sign out": "Abmelden",
    "Export as CSV": "Als CSV exportieren",
    "According to the profile:": "Laut Profil:",
    "Show %(count)s more": "%(count)s weitere anzeigen",
    "Example code": "Beispielcode",
    "Skip to the results": "Zu den Ergebnissen",
    "parameter %(parameter)r is not valid UTF-8": "Parameter %(parameter)r ist kein gültiges UTF-8",
    "unknown parameter %(parameter)r": "unbekannter Parameter %(parameter)r",
    "parameter %(parameter)r given more than once": "Parameter %(parameter)r mehr als einmal angegeben",
    "parameter %(parameter)r given more than %(limit)s times":
        "Parameter %(parameter)r mehr als %(limit)s-mal angegeben",
    "parameter %(parameter)r contains control characters": "Parameter %(parameter)r enthält Steuerzeichen",
    "parameter %(parameter)r is longer than %(limit)s characters":
        "Parameter %(parameter)r ist länger als %(limit)s Zeichen",
    "parameter %(parameter)r must be a whole number": "Parameter %(parameter)r muss eine ganze Zahl sein",
    "%(value)r is not a whole number": "%(value)r ist keine ganze Zahl",
    "%(parameter)s must be a whole number from %(low)s to %(high)s":
        "%(parameter)s muss eine ganze Zahl von %(low)s bis %(high)s sein",
    "query longer than %(limit)s characters": "der Suchtext ist länger als %(limit)s Zeichen",
    "unknown sort %(value)r; use one of %(choices)s": "unbekannte Sortierung %(value)r; erlaubt sind %(choices)s",
    "%(parameter)s must be between %(low)s and %(high)s": "%(parameter)s muss zwischen %(low)s und %(high)s liegen",
    "%(parameter)s must be a four-digit year": "%(parameter)s muss eine vierstellige Jahreszahl sein",
    "unknown filter %(parameter)r": "unbekannter Filter %(parameter)r",
    # near=<key> (search.near) and similar, explained (search.shared)
    "%(parameter)s must be an 8-digit municipality key or a 5-digit Kreis key, not %(value)r":
        "%(parameter)s muss ein achtstelliger Gemeindeschlüssel oder ein fünfstelliger Kreisschlüssel sein, "
        "nicht %(value)r",
    "%(parameter)s: no municipality or Kreis %(value)r is known":
        "%(parameter)s: keine Kommune und kein Kreis %(value)r bekannt",
    "%(parameter)s: %(value)r names several places; give the key of one: %(candidates)s":
        "%(parameter)s: %(value)r bezeichnet mehrere Orte; bitte den Schlüssel eines davon angeben: %(candidates)s",
    "%(parameter)s=near needs the parameter near": "%(parameter)s=near braucht den Parameter near",
    "Nearest first": "Nächste zuerst",
    "Who nearby?": "Wer in der Nähe?",
    "“Who nearby?” searches a topic near %(place)s, the nearest cooperations first.":
        "„Wer in der Nähe?“ sucht ein Thema in der Nähe von %(place)s, die nächsten Kooperationen zuerst.",
    "takes part": "nimmt teil",
    "same district": "gleicher Kreis",
    "same government region": "gleicher Regierungsbezirk",
    "same state": "gleiches Land",
    "farther away": "weiter entfernt",
    "Near": "In der Nähe von",
    "Near (municipality or district)": "In der Nähe von (Kommune oder Kreis)",
    "A municipality or district, by name or official key (%(examples)s): each hit shows how near it is.":
        "Eine Kommune oder ein Kreis, mit Namen oder amtlichem Schlüssel (%(examples)s): jeder Treffer zeigt, "
        "wie nah er ist.",
    "unknown facet %(value)r; use one of %(choices)s": "unbekannter Filter %(value)r; erlaubt sind %(choices)s",
    "no profile %(profile)r": "keine Kooperation %(profile)r",
    "search took longer than %(seconds)g s": "die Suche dauerte länger als %(seconds)g s",
    # the details are the lower layers' English (paths, driver messages): not for German readers
    "the index is not available: %(detail)s": "der Suchindex ist gerade nicht verfügbar",
    "database unavailable: %(detail)s": "die Datenbank ist gerade nicht erreichbar",
    "more than %(limit)s requests a minute": "mehr als %(limit)s Anfragen pro Minute",
    "a parameter name is not valid UTF-8": "ein Parametername ist kein gültiges UTF-8",
    "parameter 'lang' must be 'de' or 'en'": "Parameter 'lang' muss 'de' oder 'en' sein",
    "%(parameter)s is after %(other)s": "%(parameter)s liegt nach %(other)s",
    "the index changed during the request; try again":
        "der Index hat sich während der Anfrage geändert; bitte erneut versuchen",
    "Page": "Seite",
    "Hits per page": "Treffer pro Seite",
    "Language": "Sprache",
    "Cooperation": "Kooperation",
    "Details:": "Details:",
    "to the last page": "zur letzten Seite",
    "Page %(page)s does not exist – %(link)s": "Seite %(page)s gibt es nicht – %(link)s",
    "ID": "ID",
    "Title": "Titel",
    "yes": "ja",
    "Status of compliance": "Stand der Vereinbarkeit mit den Anforderungen",
    "This website is partially compliant with the requirements of BITV 2.0, because of the limitations listed below.":
        "Diese Website ist wegen der unten genannten Einschränkungen teilweise mit den Anforderungen der BITV 2.0 "
        "vereinbar.",
    "To be confirmed by the operator after an own review of the site as it is published.":
        "Vom Betreiber nach eigener Prüfung der veröffentlichten Website zu bestätigen.",
    "Preparation of this statement": "Erstellung dieser Erklärung",
    "Date of this statement: %(date)s. It is based on a self-assessment with automatic checks (axe-core) and keyboard "
    "tests.":
        "Stand dieser Erklärung: %(date)s. Sie beruht auf einer Selbstbewertung mit automatischen Prüfungen (axe-core) "
        "und Tastaturtests.",
    "Date of this statement: to be filled in by the operator (setting IKZ_ACCESSIBILITY_STATEMENT_DATE, for example "
    "2026-11-27), and reviewed at least once a year.":
        "Stand dieser Erklärung: vom Betreiber einzutragen (Einstellung IKZ_ACCESSIBILITY_STATEMENT_DATE, zum Beispiel "
        "2026-11-27) und mindestens einmal im Jahr zu überprüfen.",
    "The parameters and answers are described in the %(link)s.": "Parameter und Antworten beschreibt das %(link)s.",
    "OpenAPI 3.1 document": "OpenAPI-3.1-Dokument",
    # issue 19 (reach): sitemap, OpenSearch, statistics, widget, feeds
    "Search profiles of inter-municipal cooperation": "Profile interkommunaler Zusammenarbeit durchsuchen",
    "unknown format %(value)r; use one of %(choices)s": "unbekanntes Format %(value)r; erlaubt sind %(choices)s",
    "Search statistics": "Suchstatistik",
    "Statistics": "Statistik",
    "Public searches of the last %(days)s days, counted without personal data (see the privacy page). Searches by "
    "signed-in staff are not counted. A search term is shown only once it was searched at least %(n)s times.":
        "Öffentliche Suchen der letzten %(days)s Tage, gezählt ohne personenbezogene Daten (siehe Datenschutz). Suchen "
        "angemeldeter Mitarbeiterinnen und Mitarbeiter werden nicht gezählt. Ein Suchbegriff erscheint erst, wenn er "
        "mindestens %(n)s-mal gesucht wurde.",
    "The statistics cannot be read right now. Searching is not affected.":
        "Die Statistik kann gerade nicht gelesen werden. Die Suche ist davon nicht betroffen.",
    "Counting is switched off (setting IKZ_STATS=off).": "Die Zählung ist ausgeschaltet (Einstellung IKZ_STATS=off).",
    "Download as CSV": "Als CSV herunterladen",
    "Searches per day": "Suchen pro Tag",
    "Light: all searches; dark: searches without results.": "Hell: alle Suchen; dunkel: Suchen ohne Ergebnis.",
    "Searches per day as a table": "Suchen pro Tag als Tabelle",
    "Day": "Tag",
    "Searches": "Suchen",
    "without results": "ohne Ergebnis",
    "No searches yet.": "Noch keine Suchen.",
    "Most frequent search terms": "Häufigste Suchbegriffe",
    "No search term was searched often enough yet.": "Noch kein Suchbegriff wurde oft genug gesucht.",
    "Search terms without results": "Suchbegriffe ohne Ergebnis",
    "These are the searches to answer with synonyms or new profiles.":
        "Diese Suchen lassen sich mit Synonymen oder neuen Profilen beantworten.",
    "None.": "Keine.",
    "Filters used": "Genutzte Filter",
    "Search filter": "Suchfilter",
    "Searches per day, %(first)s to %(last)s: %(total)s in total, highest %(peak)s.":
        "Suchen pro Tag, %(first)s bis %(last)s: %(total)s insgesamt, höchstens %(peak)s.",
    "To find out which cooperations people look for and do not find, this website counts searches without any personal "
    "data: no IP address, no cookie, no browser details, no time of day, nothing that relates searches to each other "
    "or to a person.":
        "Um zu erfahren, welche Kooperationen gesucht und nicht gefunden werden, zählt diese Website Suchen ohne jede "
        "personenbezogenen Daten: keine IP-Adresse, kein Cookie, keine Browserangaben, keine Uhrzeit, nichts, was "
        "Suchen miteinander oder mit einer Person verbindet.",
    "Kept per day: the number of searches, the number of searches without results, how often each filter (such as "
    "district or keyword) was used, and per search term the same two numbers. A search term is stored in lower case "
    "with its spaces tidied; a term longer than 100 characters, with an e-mail address or with a number other than a "
    "year (a telephone number, a house number, a postcode) is counted but not stored. Searches by signed-in staff are "
    "not counted.":
        "Gespeichert wird pro Tag: die Zahl der Suchen, die Zahl der Suchen ohne Ergebnis, wie oft jeder Filter (etwa "
        "Kreis oder Stichwort) genutzt wurde, und je Suchbegriff dieselben zwei Zahlen. Ein Suchbegriff wird "
        "kleingeschrieben und mit bereinigten Leerzeichen gespeichert; ein Begriff mit mehr als 100 Zeichen, mit einer "
        "E-Mail-Adresse oder mit einer Zahl, die keine Jahreszahl ist (Telefonnummer, Hausnummer, Postleitzahl), wird "
        "gezählt, aber nicht gespeichert. Suchen angemeldeter Mitarbeiterinnen und Mitarbeiter werden nicht gezählt.",
    "The counts are kept for %(days)s days and then deleted. Only signed-in staff of the operator can see them, and a "
    "search term only once it was searched at least %(n)s times.":
        "Die Zahlen werden %(days)s Tage aufbewahrt und dann gelöscht. Nur angemeldete Mitarbeiterinnen und "
        "Mitarbeiter des Betreibers sehen sie, und einen Suchbegriff erst, wenn er mindestens %(n)s-mal gesucht wurde.",
    "This website does not count searches.": "Diese Website zählt keine Suchen.",
    "Search inter-municipal cooperations": "Interkommunale Kooperationen suchen",
    "opens in a new tab": "öffnet in einem neuen Tab",
    "All results on IKZ search": "Alle Ergebnisse in der IKZ-Suche",
    "Widget for your website": "Einbinden in Ihre Website",
    "Show cooperations on your own website, for example those of your district. Any search parameter above can be "
    "given; the lists are public and link to the full profiles.":
        "Zeigen Sie Kooperationen auf Ihrer eigenen Website, zum Beispiel die Ihres Kreises. Jeder der Suchparameter "
        "oben kann angegeben werden; die Listen sind öffentlich und verlinken die vollständigen Profile.",
    "As a frame (works without JavaScript)": "Als Rahmen (funktioniert ohne JavaScript)",
    "Code for a frame": "Code für einen Rahmen",
    "As a list in your page (JavaScript)": "Als Liste in Ihrer Seite (JavaScript)",
    "The script fills every element with data-ikz-search from the API; the link inside stays as the fallback without "
    "JavaScript.":
        "Das Skript füllt jedes Element mit data-ikz-search aus der API; der Link darin bleibt als Ausweichlösung ohne "
        "JavaScript.",
    "Code for a list": "Code für eine Liste",
    "Preview": "Vorschau",
    "Preview of the frame": "Vorschau des Rahmens",
    "IKZ search: new cooperations": "IKZ-Suche: neue Kooperationen",
    "New cooperations as a feed": "Neue Kooperationen als Feed",
    "Subscribe as a feed": "Als Feed abonnieren",
    "Cooperations in %(place)s": "Kooperationen in %(place)s",
    "no": "nein",
    "Word analysis": "Wortanalyse",
    "How the index splits and stems words: a search matches a profile when they share a term.":
        "Wie der Index Wörter zerlegt und auf ihren Stamm bringt: Eine Suche findet ein Profil, wenn beide einen Term "
        "teilen.",
    "Words": "Wörter",
    "Analyse": "Analysieren",
    "Word": "Wort",
    "Parts": "Teile",
    "Stem": "Stamm",
    "Indexed terms": "Indexierte Terme",
    "stop word, not indexed": "Stoppwort, nicht indexiert",
    "The request is too large.": "Die Anfrage ist zu groß.",
    # municipality pages (issue 17)
    "%(parameter)s must be an official key: 8 digits for a municipality, 5 for a district":
        "%(parameter)s muss ein amtlicher Schlüssel sein: 8 Ziffern für eine Gemeinde, 5 für einen Kreis",
    "no municipality or district with key %(key)r": "keine Gemeinde und kein Kreis mit dem Schlüssel %(key)r",
    "Municipality": "Gemeinde",
    "District-free city": "Kreisfreie Stadt",
    "Municipality page": "Seite der Kommune",
    "Municipality pages:": "Seiten der Kommunen:",
    "Municipalities": "Kommunen",
    "All municipalities": "Alle Kommunen",
    "Municipalities and their cooperations": "Kommunen und ihre Kooperationen",
    "Every municipality and district taking part in at least one cooperation, by state and district, with the number "
    "of its cooperations.":
        "Alle Gemeinden, Städte und Kreise, die an mindestens einer Kooperation beteiligt sind, nach Land und Kreis, "
        "mit der Zahl ihrer Kooperationen.",
    "States": "Länder",
    "Kind": "Art",
    "Official key": "Amtlicher Schlüssel",
    "Population and area": "Einwohner und Fläche",
    "Cooperations it leads": "Federführend in",
    "Cooperations it takes part in": "Beteiligt an",
    "None listed.": "Keine verzeichnet.",
    "Municipalities of the district taking part": "Beteiligte Gemeinden des Kreises",
    "Cooperations of its municipalities": "Kooperationen seiner Gemeinden",
    "Partners": "Partner",
    "Active in": "Aktiv in",
    "More cooperations in the same district (%(district)s)": "Weitere Kooperationen im selben Kreis (%(district)s)",
    "Municipalities with similar cooperations": "Kommunen mit ähnlichen Kooperationen",
    "in common:": "gemeinsam:",
    "No similar municipality found.": "Keine Kommune mit ähnlichen Kooperationen gefunden.",
    "since %(year)s": "seit %(year)s",
    "a municipality or district by official key: its cooperations, partners and topics":
        "eine Gemeinde oder ein Kreis nach amtlichem Schlüssel: Kooperationen, Partner und Themen",
}


def main() -> int:
    pot = ROOT / "var" / "messages.pot"
    pot.parent.mkdir(exist_ok=True)
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "webui/babel.cfg", "-k", "_l",
                    "-k", "lazy_gettext", "-o", str(pot), *SOURCES], cwd=ROOT, check=True, capture_output=True)
    with open(pot, "rb") as handle:
        catalog = read_po(handle, locale="de")
    missing = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else tuple(message.id)
        if key not in GERMAN:
            missing.append(key)
            continue
        message.string = GERMAN[key]
    target = ROOT / "webui" / "translations" / "de" / "LC_MESSAGES"
    with open(target / "messages.po", "wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False)
    with open(target / "messages.mo", "wb") as handle:
        write_mo(handle, catalog)
    if missing:
        print("missing German translations:", *missing, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
