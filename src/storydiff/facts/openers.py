"""A bare name that opens a sentence: a company when the sentence names it again by its
kind, or reports what only a company reports or runs."""

from __future__ import annotations

import re

from storydiff.facts.names import (
    _PERSON_TITLES,
    _STOP_NAMES,
    _TITLE_WORDS,
    _UP,
    _common_capitalised,
)
from storydiff.facts.people import first_names
from storydiff.facts.places import place_key

# "Mercadona abrirá 40 supermercados ..., según informó la empresa valenciana",
# "Heathrow handled ..., the airport said", "Bosch will ... streichen, teilte der
# Zulieferer mit". Sentence-initial capitals say nothing, so an unknown first word is
# only taken for a name when the sentence itself calls its subject a company, airline,
# airport or club. The other guards keep common nouns out ("Sales fell 3%, the company
# said"): in Romance languages a common noun opens a sentence with its article ("Les
# ventes"), so a bare capitalised subject there is a name; in English and German a list
# of business subjects and the suffixes of abstract and plural nouns rule them out.
_COMPANY_KINDS = (
    r"company|firm|group|carmaker|automaker|retailer|chain|airline|carrier|airport|supplier"
    r"|manufacturer|maker|chipmaker|drugmaker|insurer|lender|operator|club|brand"
    r"|start-?up|broadcaster|bank"
    r"|entreprise|société|groupe|enseigne|constructeur|distributeur|compagnie|équipementier"
    r"|fabricant|assureur|opérateur|marque|aéroport|transporteur|chaîne"
    r"|empresa|compañía|aerolínea|cadena|grupo|firma|fabricante|aseguradora|operadora"
    r"|marca|aeropuerto|società|azienda|gruppo|compagnia|catena|marchio|aeroporto"
)
_KIND_ANAPHOR = re.compile(
    rf"(?:\b(?:the|its)\s+(?:[\w-]+\s+){{0,2}}?|\b(?:l['’]|le\s+|la\s+|el\s+|il\s+|lo\s+))"
    rf"(?:{_COMPANY_KINDS})\b"
    # German: the article, perhaps an adjective, then a noun ending in a company kind
    r"|\b(?:der|die|das|dem|den)\s+(?:[a-zäöüß]+\s+)?(?:[A-ZÄÖÜ][a-zäöüß]*?)?(?:[Kk]onzern"
    r"|[Uu]nternehmen|[Zz]ulieferer|[Hh]ersteller|[Aa]utobauer|[Hh]ändler|[Kk]ette"
    r"|[Ff]luggesellschaft|Airline|[Bb]etreiber|[Vv]ersicherer|Flughafen|Verein|Discounter)\b"
)
# What a sentence-initial capitalised word followed by these is not: a subject name.
_NOT_AFTER_SUBJECT = {
    "of",
    "for",
    "in",
    "on",
    "at",
    "and",
    "or",
    "from",
    "to",
    "with",
    "by",
    "as",
    "de",
    "du",
    "des",
    "d",
    "et",
    "en",
    "à",
    "au",
    "pour",
    "y",
    "del",
    "di",
    "e",
    "von",
    "und",
    "im",
    "am",
    "für",
    "aus",
    "bei",
    "zu",
    "zum",
    "zur",
    "der",
    "die",
    "das",
}
_BUSINESS_SUBJECTS = {
    "sales",
    "revenue",
    "revenues",
    "profit",
    "profits",
    "earnings",
    "shares",
    "output",
    "production",
    "demand",
    "prices",
    "costs",
    "exports",
    "imports",
    "orders",
    "deliveries",
    "growth",
    "inflation",
    "unemployment",
    "turnover",
    "traffic",
    "bookings",
    "work",
    "talks",
    "business",
    "trading",
    "investors",
    "customers",
    "staff",
    "workers",
    "passengers",
    "margins",
    "debt",
    "spending",
    "investment",
    "income",
}
# What only a company reports or runs: a sentence whose opener reports these is about a
# company even where nothing calls it one ("Spotify reported its first annual profit",
# "Lavazza ha chiuso il 2024 con un fatturato di ...", "Vueling will cancel 200 flights").
# A person's surname opening a sentence rarely comes with them; a city's name only with
# results, since airports are named after cities ("Frankfurt handled 60 million passengers").
_RESULTS = re.compile(
    r"\b(?:profits?|revenues?|turnover|operating income|net income|earnings"
    r"|bénéfices?|chiffre d['’]affaires|résultat net|Gewinne?|Umsatz|Nettogewinn|Betriebsgewinn"
    r"|beneficios?|facturación|ingresos|utile|fatturato|ricavi|lucros?|receitas?|faturamento"
    r"|winst|omzet)\b"
)
_COMPANY_OBJECTS = re.compile(
    r"\b(?:flights|passengers|stock market listing|IPO|hypermarkets|supermarkets"
    r"|vols|passagers|hypermarchés|supermarchés|introduction en Bourse|Flüge|Passagiere"
    r"|Börsengang|Filialen|vuelos|pasajeros|salida a bolsa|supermercados|voli|passeggeri"
    r"|quotazione|supermercati|voos|passageiros|vluchten|passagiers|beursgang)\b"
)
_NOUN_SUFFIXES = {
    "en": ("tion", "sion", "ment", "ity", "ness", "ance", "ence", "ing", "ers", "ies"),
    "de": ("ung", "heit", "keit", "tion", "tät", "nis", "schaft", "en", "e", "er"),
}


_AUXILIARIES = set(
    "will would has had have is was are were can could may might must should plans expects"
    " wants said says made won lost cut sold bought built took set hit posted reported".split()
)


def _verb_like(word: str) -> bool:
    """Whether an English word after a sentence's first word reads as its verb: the
    company openers in question report ("reported", "posted"), plan ("will", "expects")
    or act ("cut", "made"); adjectives and quantifiers ("Heavy snow", "More than") do not."""
    w = word.lower().strip(",.;:")
    return w in _AUXILIARIES or w.endswith("ed")


# Verbs of a company's statement, after its kind ("..., the Danish drugmaker said") or,
# in German, French, Spanish and Italian, before it ("teilte der Pharmakonzern mit").
_REPORTS_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?(?:said|says|added|announced|mit)\b")
_REPORTS_BEFORE = re.compile(
    r"(?:teilte|sagte|erklärte|meldete|indiqué|annoncé|précisé|informó|anunció|comunicato"
    r"|annunciato)\s+(?:\w+\s+)?$"
)


def _two_word_opener(sentence: str) -> tuple[int, int] | None:
    """A two-word name opening a sentence that ends by reporting what its kind said
    ("Novo Nordisk will build ..., the Danish drugmaker said"): a person would be "the
    chief executive", so even a name led by a first name is the company's here, if the
    sentence has the figures of a company's deed."""
    m = re.match(rf"([{_UP}][\w’'&-]+\s+[{_UP}][\w’'&-]+)\s+([a-zäöüéèàç]\S*)", sentence)
    if not m or m.group(1).split()[0] in _STOP_NAMES or place_key(m.group(1)):
        return None
    words = m.group(1).split()
    first = words[0]
    if any(w.lower() in _TITLE_WORDS or re.fullmatch(_PERSON_TITLES, w) for w in words):
        return None  # "Präsident Macron"
    if first.lower() in first_names() and not re.search(r"\d", sentence):
        return None  # a person's visit reported by the company: no figures, no deal
    for kind in _KIND_ANAPHOR.finditer(sentence, m.end(1)):
        if _REPORTS_AFTER.match(sentence, kind.end()) or _REPORTS_BEFORE.search(
            sentence, 0, kind.start()
        ):
            return m.start(1), m.end(1)
    return None


def _opener_named_by_kind(sentence: str, lang: str | None) -> tuple[int, int] | None:
    """The span of a sentence-opening name that a later phrase calls a company, airline,
    airport or club (see above), or None."""
    if two := _two_word_opener(sentence):
        return two
    m = re.match(rf"(?:(?:Die|Der|Das|La|Le|El|Il|L['’])\s*)?([{_UP}][\w’'&-]+)\s+(\S+)", sentence)
    if not m:
        return None
    rest = sentence[m.end(1) :]
    results = _RESULTS.search(rest)
    named_by_kind = _KIND_ANAPHOR.search(rest)
    if not (named_by_kind or results or _COMPANY_OBJECTS.search(rest)):
        return None
    word, following = m.group(1), m.group(2)
    if not named_by_kind and lang == "en" and not _verb_like(following):
        return None  # "Heavy snow closed ... passengers", "More than 300 flights"
    lowered = word.lower()
    place = place_key(word)
    if (
        len(word) < 3
        or not following[:1].islower()
        or following.lower().strip(",.;:") in _NOT_AFTER_SUBJECT
        or re.fullmatch(_COMPANY_KINDS, following.lower())  # "Energy group RWE": a kind
        # a city that reports a profit is a company named like it (Santander, Orange)
        or (place and not (results and place.startswith("city:")))
        or lowered in _BUSINESS_SUBJECTS
        or _common_capitalised(word, lang or "en")
    ):
        return None
    if lang in _NOUN_SUFFIXES and lowered.endswith(_NOUN_SUFFIXES[lang]):
        return None
    if lang == "en" and lowered.endswith("s") and not lowered.endswith("ss"):
        return None  # a plural: "Airlines cancelled ..."
    return m.start(1), m.end(1)
