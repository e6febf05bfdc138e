"""The word sets of compound splitting (``index.compound``): linking elements, the short
words and particles that are parts, and the endings, prefixes, function words and names
that never are. All in their umlaut spelling (``index.folding.umlaut_form``)."""

from __future__ import annotations

from whoosh.lang.stopwords import stoplists

from index.folding import umlaut_form

# Linking elements, longest first: Verkehr|s|leitsystem, Person|en|verkehr, Name|ns|recht.
LINKS = ("ens", "es", "en", "s", "n", "e")
# Words of two or three letters that do occur as compound parts (in their umlaut spelling).
SHORT_PARTS = frozenset([
    "amt", "bad", "bau", "bus", "hof", "rad", "rat", "see", "tal", "weg", "zug", "kur", "ort", "tag", "gas", "tor",
    "eis", "bio", "öko", "not", "ruf", "alt", "neu", "nah", "tür", "öl", "ski", "tee", "art", "duo", "zoo"
])
# Nouns of three letters that are parts where they are whole syllables (cut at hyphenation
# points: Uhr|werk, Ton|scherbe, Wal|fleisch, but not the ``ton`` of Kar|ton): the common
# concrete nouns among the three-letter nouns of the Wiktionary list. Left out on purpose:
# those that are also suffixes, adjectives, numbers or word pieces (bar, gut, mal, tat, elf,
# all, los, gen, dis, mus, ger, kar, pas, eck).
SHORT_NOUNS = frozenset([
    "uhr", "tod", "typ", "job", "ehe", "arm", "ton", "ost", "süd", "mut", "ohr", "hut", "wut", "dom", "akt",
    "klo", "hit", "kuh", "bär", "abo", "axt", "eid", "ast", "lok", "reh", "hai", "wal", "kot", "heu", "zeh",
    "erz", "aal", "alm", "app", "fan", "box", "pop", "rap", "sex", "uni", "lkw", "pol", "kai", "ära", "jod",
])
# Particles that are modifiers, never heads: Hinter|grund, Zwischen|bericht, Vor|stand, Selbst|hilfe.
MODIFIER_PARTICLES = frozenset(["hinter", "zwischen", "vor", "selbst"])
# Particles that are the first part of a compound only where the rest is no verb or verbal
# noun (Vor|woche, Nach|gespräch, Über|konsum, Nicht|raucher; not Nach|zahlung: nachzahlen).
PARTICLE_PREFIXES = frozenset(["vor", "nach", "über", "unter", "mit", "nicht", "rück", "voll", "wieder"])
# Suffixes that derive a noun from a verb (True: the stem is a verb's) or an adjective;
# such a noun of a common word is no compound (Verbind|er, Leist|ende, Angehörig|keit).
DERIVATION_SUFFIXES = (("ungen", True), ("ung", True), ("ern", True), ("er", True), ("enden", True), ("ender", True),
                       ("endes", True), ("endem", True), ("ende", True), ("keit", False), ("heit", False))
# An ``-s`` after these endings is always a linking element (Gesundheit|s|amt, not …|samt).
LINKING_S_AFTER = ("ung", "heit", "keit", "schaft", "tion", "sion", "tät", "ling", "tum")
# Endings, particles, function words, interjections, names and abbreviations that are
# never a part of their own (umlaut spelling); the proper names of the noun list come on top.
NOT_PARTS = frozenset(umlaut_form(w) for w in stoplists["de"]
                      if w not in SHORT_PARTS and w not in MODIFIER_PARTICLES) | frozenset(
    [
        "schaft", "schaften", "heit", "heiten", "keit", "keiten", "lich", "liche", "lichen", "licher", "liches",
        "isch", "ische", "ischen", "chen", "lein", "ling", "linge", "ungen", "nisse", "tion", "tionen", "ität",
        "ierung", "ierungen", "erung", "ismus", "isten", "ige", "igen", "iger", "iges", "igem", "eien", "durch",
        "unter", "über", "wider", "wieder", "gegen", "nach", "voll", "fort", "nieder", "zusammen", "inner",
        "ausser", "heraus", "hinaus", "voraus", "herein", "hinein", "heran", "hinan", "vorbei", "zurück", "rück",
        "entgegen", "auseinander", "vorher", "nachher", "einer", "eines", "einem", "einen", "eine", "ender",
        "endes", "ente", "anten", "ation", "ationen", "nein", "eher", "immer", "aufm", "vorst", "verw", "schw",
        "stan", "erin", "alex", "gest", "komm", "para",
        # verbal prefixes (Ent|ladung reads ``ent`` as the stem of "enten") and confixes
        "ent", "ver", "zer", "trans", "inter", "multi", "ultra", "semi", "tele",
        # prefixes that are no free words in compounds (Vize|präsident, Super|held,
        # Anti|biotikum, Miss|trauen are derivations)
        "anti", "vize", "super", "miss",
        "doch", "noch", "schon", "sehr", "dann", "wann", "denn", "nie", "nun", "nur",
        "bald", "fast", "ganz", "gar", "kaum", "halt", "eben", "gern", "sonst", "oft", "ach", "oh", "na", "nee",
        "jein"
    ]
)
# Endings that are never the last part: feminine plurals (Ärzt|innen, Gesellschafter|innen),
# adjectives in -los (Arbeits|lose is arbeitslos), confix heads (Kardio|gramm, Techno|loge).
NOT_FINAL = frozenset({"innen", "rinnen", "lose", "losen", "loser", "gramm", "gramme", "grafie", "graphie", "loge",
                       "logen", "logie"}) | MODIFIER_PARTICLES
# Feminine endings, split off before a word is split and given back to its last part.
FEMININE = ("innen", "in")
