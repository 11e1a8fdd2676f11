"""What a name looks like in running text: capitalised tokens, the particles that join
them, the titles before people's names, and the capitalised words that are no names
(sentence-opening function words, months, days, first names alone, languages,
nationalities). Shared by the rules for places, people, organisations and sources."""

from __future__ import annotations

import re
from functools import lru_cache

from storydiff.facts.people import first_names

_UP = "A-ZÀ-ÖØ-ÞŁŚŻŹČŠŽ"
# A capitalised word. It starts only where a word can start (not inside a run of letters),
# so that a pattern that begins with it scans a long run once, not once per letter.
# Its length is bounded too (no name's word is longer), which keeps the scan linear where
# apostrophes split a run ("A'A'A'...").
_CAP_TOKEN = rf"(?<![\w&.])[{_UP}][\w’'&.]{{0,40}}(?:-[\w’'&]{{1,40}}){{0,4}}"
_CONNECT = r"(?:de|du|des|la|le|von|van|der|den|ten|ter|zu|da|di|del|of|the|y|l['’]|d['’])"
_STOP_NAMES = {
    "Von",
    "Vom",
    "Zum",
    "Zur",
    "Du",
    "Des",
    "De",
    "Aux",
    "Au",
    "Of",
    "Die",
    "Der",
    "Das",
    "Le",
    "La",
    "Les",
    "The",
    "Il",
    "El",
    "Ein",
    "Eine",
    "Un",
    "Une",
    "A",
    "An",
    "In",
    "Im",
    "Am",
    "Auf",
    "Mit",
    "Dank",
    "Seine",
    "Ses",
    "Sein",
    "Ihre",
    "Nous",
    "Wir",
    "We",
    "It",
    "Es",
    "Er",
    "Sie",
    "Elle",
    "On",
    "Man",
    "Dans",
    "Pour",
    "Avec",
    "Mais",
    "But",
    "And",
    "Und",
    # cue words of a credited source open sentences too ("Secondo Il Sole 24 Ore": the
    # Italian preposition, not the first name Secondo)
    "Secondo",
    "Selon",
    "Según",
    "Segundo",
    "Laut",
    "Volgens",
    "Gegenüber",
    "According",
}

_PERSON_TITLES = (
    r"Präsident(?:in)?|Kanzler(?:in)?|Minister(?:in)?|Premierminister(?:in)?|Staatssekretär(?:in)?"
    # German compound offices: "Bundespräsident", "Bundesgesundheitsminister"
    r"|[A-ZÄÖÜ][a-zäöüß]+(?:präsident|minister|kanzler|sekretär|bürgermeister)(?:in)?"
    r"|Bürgermeister(?:in)?|Herr|Frau|Dr\.|Prof\.|Chef(?:in)?|CEO|Gründer(?:in)?|Sprecher(?:in)?"
    r"|President|Prime Minister|Minister|Secretary|Mayor|Mr\.?|Mrs\.?|Ms\.?|Sir|Councillor"
    r"|Président(?:e)?|ministre|Premier ministre|maire|M\.|Mme|Mlle|PDG|porte-parole"
    r"|Presidente|Sr\.|Sra\.|Sig\.|Sig\.ra|alcalde|sindaco|burgemeester"
    r"|coach|head coach|manager|Trainer(?:in)?|allenatore|entraîneur|entrenador"
    r"|Pope|Papst|pape|Papa|papa"
    # Romance languages write titles in lower case: "le président Macron", "el presidente
    # Karzai", "il presidente Mattarella", "la chancelière Merkel", "el rey Felipe"
    r"|présidente?|presidente(?:ssa)?|ministro|ministra|primer ministro|primo ministro"
    r"|primeiro-ministro|chancelière|chancelier|canciller|cancelliera|cancelliere"
    r"|roi|reine|rey|reina|re|regina|rei|rainha"
    r"|sagte|sagt|erklärte|betonte|a déclaré|a dit|déclare|said|says|told|dijo|ha detto|zei"
)

# Words that start an office, never a name: a name ends before them.
_TITLE_WORDS = set(
    "premier prime president président présidente presidente präsident chancellor"
    " chancelier kanzler minister ministre ministro mayor maire sindaco alcalde ceo pdg".split()
)

# Languages that capitalise only names (and sentence starts): there a lone capitalised
# word inside a clause, or after an opening function word, is a name (``entities``,
# ``sentence_start``); German capitalises every noun.
NAME_CASE_LANGS = frozenset({"en", "fr", "es", "it", "pt", "nl"})

_NOT_LONE_NAMES = {
    *("état", "etat", "internet", "web", "i", "mr", "mrs", "ms"),
    *("dieu", "god", "dios", "dio", "deus", "gott"),  # "gracias a Dios", "Si Dios quiere"
}
# Bodies named by their common noun after an article ("the Commission", "die Kommission").
_BODIES = {
    "commission",
    "kommission",
    "comisión",
    "commissione",
    "parliament",
    "parlament",
    "parlement",
    "parlamento",
    "bundestag",
    "bundesrat",
    "senate",
    "senat",
    "sénat",
}

_NATIONALITY = (
    r"[a-zäöüéèàç]+(?:isch|ische|ischen|ischer|isches|aise|ais|aine|ain|ienne|ien|ano|ana"
    r"|ese|ish|an)"
    # Dutch: "de Nederlandse economie", "het Duitse bedrijf", "de Britse regering"
    r"|(?:nederland|duit|fran|brit|amerikaan|europe|spaan|italiaan|belgi|russi|chine"
    r"|japan|zweed|noor|deen|pool|oostenrijk|zwitser|portuge|grie|turk|oekraïen)s?e"
)


@lru_cache(maxsize=1)
def _language_names() -> frozenset[str]:
    """English names of languages from CLDR ("Chinese", "French", "Dutch"): in English
    they double as the capitalised nationality adjectives, which are no names."""
    import babel

    from storydiff.tables import cached

    def build() -> frozenset[str]:
        return frozenset(name.lower() for name in babel.Locale.parse("en").languages.values())

    return frozenset(cached("babel-languages", f"en babel {babel.__version__}", build))


def _stop_month_or_day(word: str, lang: str) -> bool:
    """A sentence-opening function word, or a month or day in ``lang``: capitalised, but
    never a name of anything ("in March" is no town, "Monday" no company)."""
    from storydiff.facts.dates import _names

    months, days = _names(lang)
    lowered = word.lower()
    return word in _STOP_NAMES or lowered in months or lowered in days


def _common_capitalised(word: str, lang: str) -> bool:
    """Whether a capitalised word is one that is capitalised without being an organisation:
    a sentence-opening function word, a month or day (in ``lang``), a first name, a
    language or nationality ("for European industry"), or a listed exception."""
    lowered = word.lower()
    return (
        _stop_month_or_day(word, lang)
        or bool(re.fullmatch(_NATIONALITY, lowered))
        or lowered in first_names()
        or lowered in _NOT_LONE_NAMES
        or lowered in _language_names()
    )


# Letters that the German, French, English, Spanish and Italian romanisations of one
# Cyrillic or Arabic name write apart ("Wasjunik" / "Vasyunik", "Selenskyj" / "Zelensky",
# "Chruschtschow" / "Khrouchtchev" / "Khrushchev"): folded to one spelling each, longest
# first, before the spellings are compared.
_ROMANISATIONS = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("kh", "h"),
    ("ch", "h"),
    ("sh", "h"),
    ("ou", "u"),
    ("ph", "f"),
    ("w", "v"),
    ("j", "y"),
    ("z", "s"),
    ("k", "c"),
    ("q", "c"),
)


def romanised(name: str) -> str:
    """A spelling of a folded name with the romanisation variants folded together."""
    for old, new in _ROMANISATIONS:
        name = name.replace(old, new)
    return re.sub(r"(.)\1", r"\1", name)  # doubled letters ("Assad" / "Asad")
