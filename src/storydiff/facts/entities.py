"""Finding people, organisations and places in a sentence.

No statistical NER model for German, French and English installs offline from PyPI
(spaCy's models are not on the index), so entities are found by rules over capitalised
spans, backed by real data; each kind of name has its own module for its data and key:

* **places** (``places.py``): the gazetteer; a German genitive ("Frankreichs") is
  reduced to its base;
* **people** (``people.py``): a title ("Präsident", "M.", "Mme", "CEO", "sagte") or a
  known first name before capitalised words; the key is the folded surname; a bare
  surname already seen as a person is a person again;
* **organisations** (``organizations.py``): a listed company's name, a capitalised span
  with an organisation word ("AI", "KI", "Bank", "Kommission", "Inc", "GmbH" ...), a
  CamelCase name ("OpenAI", "DeepMind"), an acronym ("AFP", "EU"), a name after an
  organisation noun ("die Organisation Simplon", "la start-up H"), a role it plays
  ("Ryanair-Chef"), a kind and a place ("Universität Wien"), a club, a name after a
  Romance article (``articles.py``), or a bare opener that the sentence calls a company
  or that reports a company's results (``openers.py``); products named like companies are
  left out (``products.py``).

What a name looks like, and which capitalised words are none, is shared with the source
rules in ``names.py``.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from storydiff.facts.articles import _ARTICLE_NAME_LANGS, _NAME_GOES_ON, _names_after_article
from storydiff.facts.base import Found, fold
from storydiff.facts.bodies import body_pattern
from storydiff.facts.german_nouns import (
    FUSED_ARTICLES,
    any_noun,
    common_noun,
    everyday_noun,
    noun_in_context,
    noun_not_person,
)
from storydiff.facts.names import (
    _BODIES,
    _CAP_TOKEN,
    _CONNECT,
    _NATIONALITY,
    _NOT_LONE_NAMES,
    _PERSON_TITLES,
    _STOP_NAMES,
    _TITLE_WORDS,
    _UP,
    NAME_CASE_LANGS,
    _common_capitalised,
    _language_names,
    _stop_month_or_day,
)
from storydiff.facts.numbers import ALL_SCALES
from storydiff.facts.openers import _opener_named_by_kind
from storydiff.facts.organizations import (
    club_key,
    known_organization,
    org_key,
)
from storydiff.facts.people import first_names, person_key
from storydiff.facts.places import (
    _DIRECTIONS,
    _PLACE_NAME_WORDS,
    national_capital,
    place_key,
    town_key,
)
from storydiff.facts.products import _MAKERS, _product
from storydiff.facts.sentence_start import function_words
from storydiff.facts.times import TIME_ZONES

_SPAN = re.compile(
    rf"(?<![\w-])(?:{_CAP_TOKEN})(?:\s+(?:{_CONNECT}\s+){{0,2}}{_CAP_TOKEN}|\s*(?:l['’]|d['’]){_CAP_TOKEN})*"
)

_SPEECH_VERBS = {
    "sagte",
    "sagt",
    "erklärte",
    "betonte",
    "a",
    "déclare",
    "said",
    "says",
    "told",
    "dijo",
    "ha",
    "zei",
}
# After these a first name opens no person: an article or preposition ("de Ville
# Lumière"), in German also a preposition fused with an article ("bis ans Ende der Welt").
_ARTICLES_BEFORE_NAME = frozenset("en la le der die das dem den du des".split())
# words that join a title's words, never a person's name ("Way of Life", "Hero of the USSR")
_TITLE_CONNECTOR = re.compile(r"\s(?:of|the)\s")
# Particles that open a surname when written with a capital ("Della Longa", "Di Maio").
_SURNAME_PARTICLES = {"della", "di", "de", "da", "del", "dos", "das", "van", "von", "dal"}
_PARTICLES = r"(?:von|van|der|den|de|des|del|della|di|da|dos|du|la|le|zu|ter|ten)"
_TITLE_PERSON = re.compile(
    # after a space, or a prefix of time joined by a hyphen ("Ex-President", "then-Prime
    # Minister", "Vize-Kanzler"); not after a country's or a party's ("US-Präsident",
    # "SPD-Chef"), where German clauses that end on their verb run a name on into nouns
    # ("der US-Präsident Biden Truppen ... schicken")
    r"(?:(?<=[\s'’])|^|(?<=\b[Ee]x-)|(?<=\b[Tt]hen-)|(?<=\b[Vv]ice-)|(?<=\b[Vv]ize-))"
    rf"(?:{_PERSON_TITLES})\s+"
    # a compound role before the name: "sagte Rotkreuz-Sprecher Tommaso Della Longa"
    r"(?:[\w-]+-(?:CEO|Chef|Chefin|Sprecher|Sprecherin|Gründer|Gründerin)\s+|der\s+|die\s+|le\s+|la\s+)?"
    rf"(?P<name>{_CAP_TOKEN}(?:\s+(?:{_PARTICLES}\s+)*{_CAP_TOKEN}){{0,2}})"
)
_ORG_WORDS = {
    "ai",
    "ki",
    "ia",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "gmbh",
    "ag",
    "sa",
    "se",
    "plc",
    "corp",
    "corp.",
    "group",
    "gruppe",
    "groupe",
    "bank",
    "banque",
    "banca",
    "holding",
    "commission",
    "kommission",
    "comisión",
    "commissione",
    "council",
    "rat",
    "conseil",
    "parliament",
    "parlament",
    "parlement",
    "ministry",
    "ministerium",
    "ministère",
    "agency",
    "agentur",
    "agence",
    "university",
    "universität",
    "université",
    "club",
    "partei",
    "party",
    "parti",
    "foundation",
    "stiftung",
    "fondation",
    "institute",
    "institut",
    "airlines",
    "motors",
    "technologies",
    "labs",
    "international",  # "Amnesty International", "Transparency International"
    # industry words that end company names ("Samsung Electronics", "Siemens Energy")
    "electronics",
    "energy",
    "pharma",
    "pharmaceuticals",
    "therapeutics",
    "biotech",
    "software",
    "systems",
    "semiconductor",
    "semiconductors",
    "airways",
    "telecom",
    "telekom",
    "communications",
    "industries",
    "holdings",
    "logistics",
    "entertainment",
    "studios",
    "automotive",
    "robotics",
    "deepmind",
    "news",
    "cars",
    "assembly",
    "association",
    "federation",
    "bund",
    "authority",
}
_DEFINITE_ARTICLES = {"the", "la", "le", "les", "el", "los", "las", "il", "lo", "gli", "het"}
# a preposition fused with the article ("del Gobierno", "du Sénat", "della Camera")
_CONTRACTED_ARTICLES = set(
    "del al della dello dei degli delle nel nella dal dalla du au aux des".split()
)
_ARTICLES_ANY = _DEFINITE_ARTICLES | _CONTRACTED_ARTICLES | {"der", "die", "das", "den", "dem"}
_ORG_COMPOUND_HEADS = (
    "bank",
    "kommission",
    "ministerium",
    "partei",
    "universität",
    "gruppe",
    "konzern",
    "agentur",
    "stiftung",
    "verband",
    "gericht",
    "behörde",
)
# Romance institution names: a capitalised head noun, then lower-case adjectives
# ("Banque centrale européenne", "Commission européenne", "Banca centrale europea").
_INSTITUTION_ADJECTIVES = (
    r"centrale?|central|européenne|européen|europea|europeo|européens|fédérale?|federal"
    r"|nationale?|national|nazionale|nacional|mondiale?|mundial|internationale?"
    r"|international|internazionale|internacional|suprême|supremo|constitutionnel"
    r"|constitucional|costituzionale|des comptes|de la concurrence|de l['’]intérieur"
    r"|de cassation|d['’]appel|d['’]État|d['’]Etat"
    r"|de sécurité|di sicurezza|de seguridad"
    # nationalities ("Banque nationale suisse", "Banca nazionale svizzera")
    r"|suisse|suiza|svizzera|allemande?|alemana?|tedesca?|française?|francesa|francese"
    r"|italienne?|italiana?|espagnole?|española?|spagnola?|autrichienne?|austriaca?"
    r"|néerlandaise?|belge|belga|britannique|británica?|britannica?"
)
_INSTITUTION = re.compile(
    r"(?:Banque|Banca|Banco|Commission|Comisión|Commissione|Conseil|Consejo|Consiglio"
    r"|Parlement|Parlamento|Cour|Corte|Tribunal|Tribunale|Ministère|Ministerio|Ministero"
    r"|Agence|Agencia|Agenzia|Fonds|Fondo|Organisation|Organización|Organizzazione"
    r"|Assemblée|Asamblea|Assemblea)"
    rf"(?:\s+(?:{_INSTITUTION_ADJECTIVES})){{1,2}}(?![\w'’])",
    re.IGNORECASE,
)
# ... or capitalised throughout, joined by "de": "Agencia Estatal de Meteorología",
# "Instituto Nacional de Estadística", "Banco de España", "Istituto Superiore di Sanità".
_INSTITUTION_OF = re.compile(
    r"(?:Agencia|Instituto|Banco|Consejo|Ministerio|Comisión|Tribunal|Istituto|Agenzia"
    r"|Banca|Consiglio|Ministero|Autorità|Autorité|Institut|Agence|Office|Conseil)"
    rf"(?:\s+[{_UP}][\w’'-]+){{0,2}}(?:\s+(?:de\s+la|de|del|di|della|dello|delle|du|des)\s+"
    rf"|\s+d['’])[{_UP}][\w’'-]+(?:\s+[{_UP}][\w’'-]+)?"
)
_ORG_NOUNS = (
    r"Unternehmen|Organisation|Firma|Konzern|Start-up|Startup|Gruppe|Verein|Partei"
    r"|company|firm|group|organisation|organization|start-up|startup|charity|party"
    r"|société|entreprise|organisation|start-up|association|groupe|parti"
    r"|empresa|organización|società|azienda|organizzazione|bedrijf|organisatie"
    # kinds of business that precede a brand name ("the airline Ryanair")
    r"|airline|carmaker|chipmaker|retailer|broadcaster|newspaper|bakery|restaurant|hotel"
    r"|Fluggesellschaft|Autobauer|Chiphersteller|Händler|Sender|Zeitung|Bäckerei"
    r"|compagnie|constructeur|chaîne|journal|boulangerie|restaurant|hôtel"
    # trade unions ("the union Verdi", "die Gewerkschaft Verdi", "le syndicat CGT")
    r"|union|Gewerkschaft|syndicat|sindicato|sindacato|vakbond"
    r"|aerolínea|fabricante|periódico|compagnia|giornale|panetteria"
)
# an organisation noun, perhaps a nationality adjective, then the name
_ORG_AFTER_NOUN = re.compile(
    # a kind noun may open the sentence with a capital ("Chipmaker Infineon is cutting")
    rf"\b(?:{_ORG_NOUNS}|^(?-i:(?:{_ORG_NOUNS.title()})))\s+(?:{_NATIONALITY}\s+)?"
    rf"(?P<name>{_CAP_TOKEN}(?:\s+{_CAP_TOKEN})?)"
)
# An organisation named by a role it plays for someone: its chief, spokesperson, founder,
# staff or shares ("Ryanair-Chef", "a Spotify spokeswoman", "the chief executive of
# Nestlé", "le PDG de Carrefour", "l'amministratore delegato di Eni"). Brands outside any
# list are found this way; a person's spokesman is told apart by the name checks in
# find_entities (a first name, a surname already seen, a place).
_ROLE_DE = (
    r"Chef|Chefin|Chefs|Sprecher|Sprecherin|Gründer|Gründerin|Vorstandschef|Vorstandschefin"
    r"|Konzernchef|Konzernchefin|Aktie|Aktien|Aktionäre|Zentrale|Mitarbeiter|Mitarbeiterinnen"
    r"|Mitarbeitende|Beschäftigte|Betriebsrat|Filiale|Filialen|Werk|Werke|Konzern|Tochter"
    r"|Manager|Managerin|Boss|Logo|App|Vorsitzender|Vorsitzende|Präsident|Präsidentin"
)
# a role written as a compound with the name before a person ("Zalando-Chef Robert Gentz",
# "VW-Markenchef Thomas Schäfer")
_COMPOUND_ROLE = re.compile(rf"-(?:[A-ZÄÖÜ][a-zäöüß]+)?(?:{_ROLE_DE.lower()}|{_ROLE_DE}|CEO)$")
_ROLE_EN_AFTER = (
    r"chief executive|chief executive officer|CEO|boss|chairman|chairwoman|founder|co-founder"
    r"|spokesman|spokeswoman|spokesperson|shares|shareholders|headquarters|employees|workers"
    r"|staff|board|executives|stores|factory|plant|activists|owner|manager|coach|fans"
    r"|market value|market capitalisation|market capitalization|share price|governor"
)
# Roles only a company has: a first name may lead the name before them ("Novo Nordisk").
_COMPANY_ONLY_ROLES = {
    "market",  # "market value", "market capitalisation"
    "shares",
    "shareholders",
    "headquarters",
    "stores",
    "factory",
    "plant",
    "aktie",
    "aktien",
    "aktionäre",
    "zentrale",
    "konzern",
    "filiale",
    "filialen",
    "werk",
    "werke",
    "actions",
    "actionnaires",
    "siège",
    "acciones",
    "azioni",
}
# Roles only a company's head has: a city's name before them is a company's.
_EXECUTIVES = {"ceo", "pdg", "vorstandschef", "vorstandschefin", "konzernchef", "konzernchefin"}
# Nouns after which a capitalised sentence opener is as likely an adjective ("Extra staff",
# "New shares") as a company: there the name must not open the sentence.
_GENERIC_ROLES = {
    "activists",
    "owner",
    "manager",
    "coach",
    "fans",
    "shares",
    "shareholders",
    "employees",
    "workers",
    "staff",
    "board",
    "executives",
    "stores",
    "factory",
    "plant",
    "headquarters",
}
_ROLE_BEFORE = (
    # en
    r"chief executive|chief executive officer|CEO|boss|chairman|chairwoman|head|founder"
    r"|co-founder|spokesman|spokeswoman|spokesperson|shares|shareholders|employees|workers"
    r"|staff|executives|owner|activists"
    # de
    r"|Chef|Chefin|Sprecher|Sprecherin|Gründer|Gründerin|Vorstandschef|Vorstandschefin"
    r"|Aktie|Aktien|Aktionäre|Mitarbeiter|Mitarbeitende|Beschäftigte|Eigentümer|Aktivisten"
    # fr
    r"|PDG|patron|patronne|porte-parole|fondateur|fondatrice|directeur général"
    r"|directrice générale|président-directeur général|salariés|employés|actionnaires"
    r"|actions|siège|propriétaire|militants"
    # es, it
    r"|consejero delegado|presidente ejecutivo|director ejecutivo|portavoz|fundador"
    r"|acciones|empleados|trabajadores|activistas|dueño|dueña|propietario|propietaria"
    r"|amministratore delegato|portavoce|proprietario|proprietaria|governatore|gouverneur"
    r"|Gouverneur|gobernador"
    r"|fondatore|azioni|dipendenti|lavoratori|attivisti"
)


def _capitalised(alternation: str) -> str:
    """The words of a regular-expression alternation with a capital first letter."""
    return "|".join(w[:1].upper() + w[1:] for w in alternation.split("|"))


_ORG_NAME = rf"(?P<name>{_CAP_TOKEN}(?:\s+{_CAP_TOKEN}){{0,2}})"
_ORG_BY_ROLE = (
    re.compile(rf"(?<![\w-]){_ORG_NAME}-(?:{_ROLE_DE})\b"),
    re.compile(rf"(?<![\w-]){_ORG_NAME}(?:['’]s)?\s+(?:{_ROLE_EN_AFTER})\b"),
    re.compile(
        # the role may open the sentence with a capital ("Shares in Novo Nordisk")
        rf"\b(?:{_ROLE_BEFORE}|{_capitalised(_ROLE_BEFORE)})"
        r"\s+(?:of|at|for|in|von|bei|des|der|de|d['’]|du|chez|di|del|della)"
        rf"\s*(?:the\s+|la\s+|le\s+|l['’]|el\s+|il\s+|lo\s+)?{_ORG_NAME}(?![\w-])"
    ),
)
# Sports clubs: a club prefix or suffix makes the name a club even when the rest is a
# city ("Real Madrid", "FC Barcelona", "Union Berlin", "Leeds United"), so the place
# rules must not take it first.
_CLUB_PREFIXES = (
    "Real|Atlético|Athletic|Borussia|Olympique|Sporting|Inter|Dynamo|Dinamo|Eintracht"
    "|Hertha|Union|FC|AC|AS|SC|SV|VfB|VfL|RB|SSC|OGC|RC"
)
_CLUB = re.compile(
    rf"(?<![\w-])(?:(?:{_CLUB_PREFIXES})\s+(?:de\s+)?{_CAP_TOKEN}(?:\s+{_CAP_TOKEN})?"
    rf"|{_CAP_TOKEN}\s+(?:FC|United|City|Rovers|Wanderers|Hotspur|Albion|Saint-Germain))(?![\w-])"
)
# Institutions named by a kind and a place ("Universität Wien", "University of Vienna",
# "Flughafen Wien", "l'aéroport de Vienne", "Vienna Airport"): the key is the kind in
# English and the place's English name, so every language's form folds to one key.
_ORG_KINDS = {
    "university": "university",
    "universität": "university",
    "universitaet": "university",
    "université": "university",
    "universidad": "university",
    "università": "university",
    "universiteit": "university",
    "airport": "airport",
    "flughafen": "airport",
    "aéroport": "airport",
    "aeropuerto": "airport",
    "aeroporto": "airport",
    "luchthaven": "airport",
    "zoo": "zoo",
    "tierpark": "zoo",
    # a nation's central bank: "Bank of Italy", "Banca d'Italia", "Banque de France"
    "bank": "bank",
    "banca": "bank",
    "banque": "bank",
    "banco": "bank",
}
_KIND = "|".join(sorted(_ORG_KINDS, key=len, reverse=True))
_PLACE_NAME = rf"(?P<place>{_CAP_TOKEN}(?:\s+{_CAP_TOKEN})?)"
_ORG_OF_PLACE = (
    re.compile(
        rf"(?<![\w-])(?P<kind>{_KIND})(?:\s+(?:of|de|di|del|de la|van|d['’]))?\s*{_PLACE_NAME}",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<![\w-]){_PLACE_NAME}\s+(?P<kind>University|Airport|airport)\b"),
)
# German names a firm by a compound kind noun before it: "der Krebsmittelhersteller
# Seagen", "die Hilfsorganisation Oxfam", "der Streamingdienst Netflix".
_ORG_AFTER_COMPOUND = re.compile(
    r"(?:-(?:Tochter|Marke|Billigtochter|Tochterfirma)|\b[A-ZÄÖÜ][a-zäöüß]+(?:hersteller|bauer|konzern|händler|anbieter|betreiber|gesellschaft"
    r"|organisation|verband|kette|riese|unternehmen|firma|versicherer|dienst|plattform"
    r"|behörde|gewerkschaft|sender|verlag|zeitung|agentur|bank|gruppe))"
    rf"\s+(?P<name>{_CAP_TOKEN}(?:\s+{_CAP_TOKEN})?)"
)
# English puts the name before the kind: "the IG Metall union", "the Labour party".
_ORG_BEFORE_NOUN = re.compile(
    rf"\bthe\s+(?P<name>{_CAP_TOKEN}(?:\s+{_CAP_TOKEN})?)\s+(?:union|party|trade union)\b"
)
_CAMEL = re.compile(r"^[A-Z][a-z]+[A-Z][A-Za-z]*$|^[A-Z]{2,}[a-z]+[A-Za-z]*$")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_NOT_ORG_ACRONYMS = {
    # price indices, output and taxes: "el IPC", "il Pil", "la TVA"
    "IPC",
    "IPCA",
    "HICP",
    "PMI",
    "PIL",
    "IVA",
    "TVA",
    "KI",
    "IA",
    "AI",
    "CEO",
    "PDG",
    "CFO",
    # the halves of a clock's day ("10:30 PM"), and the British prime minister ("the PM")
    "AM",
    "PM",
    "CTO",
    "USA",
    "US",
    "UK",
    "TV",
    "PR",
    "IT",
    "OK",
    "II",
    "III",
    "IV",
    "VI",
    "XX",
    "XXI",
    "NR",
    "PS",
    # economic measures, not bodies
    "CPI",
    "GDP",
    "BIP",
    "PIB",
    "VAT",
    # common nouns written as acronyms, which a translation writes out or abbreviates its
    # own way: devices and media ("les PDA" / "palmari", "LP" / "disque vinyle"), a
    # headquarters ("QG"), IT ("TI"), diseases, and a kind of body, not a body ("an NGO")
    "SMS",
    "MMS",
    "PDA",
    "LP",
    "CD",
    "DVD",
    "PC",
    "GPS",
    "USB",
    "LED",
    "RGB",
    "SIM",
    "PIN",
    "ATM",
    "SUV",
    "MP3",
    "HQ",
    "QG",
    "TI",
    "DNA",
    "ADN",
    "DNS",
    "HIV",
    "VIH",
    "AIDS",
    "SIDA",
    "NGO",
    "NGOs",
    "ONG",
    "NRO",
    # time zones ("1200 GMT")
    *TIME_ZONES,
}


# "ID" as an identity document: after a determiner or an adjective of documents, or before
# "card" or "number" ("a photo ID card", "show an ID", "their IDs"); elsewhere it may be a
# body ("Identity and Democracy (ID)", "die ID-Fraktion")
_ID_BEFORE = re.compile(
    r"(?<!\w)(?:an?|their|his|her|your|my|our|its|photo|valid|fake|false|forged|digital"
    r"|national|student|voter|of|with|without|no)\s+$",
    re.IGNORECASE,
)
_ID_AFTER = re.compile(r"[\s-]*(?:cards?|numbers?|checks?|documents?|badges?)(?!\w)", re.I)


def _identity_document(word: str, sentence: str, start: int) -> bool:
    """Is ``word`` at ``start`` "ID" or "IDs" meaning an identity document (``_ID_BEFORE``,
    ``_ID_AFTER``), which is no organisation?"""
    if word == "IDs":
        return True  # a body's acronym takes no plural
    if word != "ID":
        return False
    end = start + len(word)
    return bool(
        _ID_BEFORE.search(sentence, max(0, start - 12), start) or _ID_AFTER.match(sentence, end)
    )


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def _currency_code(word: str, sentence: str, start: int) -> bool:
    """Is ``word`` at ``start`` an ISO 4217 currency code beside a figure ("500 CZK",
    "CHF 20"), which is no organisation? Only beside a figure: the list (CLDR, through
    babel) holds old codes that are also bodies' acronyms (BND, MAD, ESP)."""
    if len(word) != 3 or word not in _currency_codes():
        return False
    before = sentence[max(0, start - 40) : start]
    after = sentence[start + 3 : start + 24]
    if re.search(r"\d[\d.,'’]*\s?$", before) or re.match(r"\s?\d", after):
        return True
    # further from the figure only a currency in use today: the list holds old codes
    # that are bodies' acronyms ("a $2.5 billion ESA contract", "ESA about 20 years ago")
    return word in _current_currencies() and bool(
        _FIGURE_BEFORE_CODE.search(before) or _FIGURE_AFTER_CODE.match(after)
    )


@lru_cache(maxsize=1)
def _current_currencies() -> frozenset[str]:
    """The ISO 4217 codes that some territory uses as legal tender today (CLDR, through
    babel): "CZK", "HUF", "CHF", not "ESA" or "ARM"."""
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    return frozenset(
        code
        for territory in get_global("territory_currencies")
        for code in get_territory_currencies(territory)
    )


# a figure, perhaps with its scale word and "de"/"of", right before a currency code ("500
# CZK", "25 Mio. CZK", "65 millones de HUF"), or one right after it, perhaps after a word
# of approximation ("CHF 20", "HUF etwa 18 Mio.")
_FIGURE_BEFORE_CODE = re.compile(
    r"\d[\d.,'’]*\s?(?:(?:"
    + "|".join(re.escape(w.rstrip(".")) for w in sorted(ALL_SCALES, key=len, reverse=True))
    + r")\.?\s?)?(?:(?:de|di|of|d['’])\s?)?$",
    re.IGNORECASE,
)
_FIGURE_AFTER_CODE = re.compile(
    r"\s?(?:(?:etwa|rund|ca\.|about|around|some|environ|unos|circa|oltre)\s)?\d", re.IGNORECASE
)
# eras after a year ("70 DC", "500 BC", "300 AC") or before it ("AD 70"): no organisation
_ERAS_AFTER = {"BC", "BCE", "CE", "AD", "DC", "AC"}


def _era(word: str, sentence: str, start: int) -> bool:
    """Is ``word`` at ``start`` an era beside a year ("2560 BC", "70 DC", "AD 43"), of our
    era only before 1500? Only beside such a year: "DC" is also Washington's district and
    an Italian party, "BC" British Columbia ("In 2012 DC Comics", "nel 1948 DC ottenne")."""
    if word not in _ERAS_AFTER:
        return False
    before = re.search(r"(?<![\d.,])(\d{1,4})\s?$", sentence[max(0, start - 8) : start])
    after = re.match(r"\s?(\d{1,4})(?![\d.,]\d)", sentence[start + len(word) :])
    year = before or (after if word == "AD" else None)
    # years before Christ may be any ("2560 BC"); after him only the early ones need it
    return year is not None and (word in {"BC", "BCE"} or int(year.group(1)) < 1500)


def _inside_longer_name(sentence: str, start: int, club: str, lang: str | None) -> bool:
    """Does a club's prefix at ``start`` stand inside a longer name, glued by a space to
    the capitalised word before it ("Hypo Real Estate", "Hypo Real Estate Gruppe": no club
    "Real Estate")? Not where that word opens the sentence ("Then Real Sociedad", "Ayer
    Real Betis"), is a possessive, a function word, a place or a German noun ("Spain's Real
    Sociedad", "the United States Union Pacific", "Gegner Real Madrid"), or where a comma
    or more stands between ("Arsenal, Real Sociedad"). A club named by its city is one
    whatever stands before it ("Champions-League-Sieger Real Madrid", "Premier League
    Manchester United"), and so is one after a compound or a brand written in one word
    ("Serie-A-Klub Inter", "LaLiga Real Betis")."""
    rest = re.sub(r"^\S+\s+(?:de\s+)?", "", club) if " " in club else ""
    if not rest or place_key(rest) or any(place_key(w) for w in club.split()):
        return False
    m = re.search(rf"(?<![\w'’-])([{_UP}][\w-]*) $", sentence[max(0, start - 40) : start])
    if not m:
        return False
    word = m.group(1)
    if "-" in word or _CAMEL.match(word):
        return False
    # a bounded window before the word: linear time whatever the sentence's length
    before = sentence[max(0, start - len(word) - 61) : start - len(word) - 1].rstrip()
    if not before or before[-1] in '.!?:;"“”«»(':
        return False  # the sentence's or a clause's first word
    previous = before.split()[-1]
    return not (
        word in _STOP_NAMES
        or word.lower() in function_words(lang)
        or word.lower() in function_words("en")
        or place_key(word)
        or place_key(f"{previous} {word}")
        or (lang == "de" and any_noun(word))
    )


def _looks_like_org(name: str) -> bool:
    """ "ChatGPT-Hersteller", "OpenAI-CEO": a brand or acronym inside is no person name."""
    parts = re.split(r"[\s-]+", name)
    return any(_CAMEL.match(p) or _ACRONYM.match(p) for p in parts)


# A temperature scale after the word for degrees or its sign: a unit named after a
# person ("degree Celsius", "Grad Celsius", "degrés Fahrenheit", "°C" needs none of this)
_TEMPERATURE_SCALE = re.compile(
    r"(?i:(?<!\w)(?:degrees?|grad(?:e|en|i|o|os|s)?|degr[ée]s?|graus?)\s+|°\s*)"
    r"(?:Celsius|Fahrenheit|Kelvin)(?!\w)"
)


def find_entities(
    sentence: str,
    known_people: set[str],
    known_orgs: dict[str, str],
    lang: str | None = None,
) -> list[Found]:
    """Entities of one sentence. ``known_people`` (surname keys) and ``known_orgs``
    (surface -> key) carry what earlier sentences of the article established."""
    out: list[Found] = []
    # spans already named, disjoint and sorted by start (so by end too): a bisection finds
    # the one that could overlap, keeping a sentence of many names linear
    starts: list[int] = []
    ends: list[int] = []

    def free(s: int, e: int) -> bool:
        k = bisect.bisect_left(starts, e)  # spans starting before e
        return k == 0 or ends[k - 1] <= s

    def take(s: int, e: int) -> None:
        k = bisect.bisect_left(starts, s)
        starts.insert(k, s)
        ends.insert(k, e)

    def add(kind: str, s: int, e: int, key: str) -> None:
        if free(s, e) and not (kind != "person" and _quoted_german_noun(sentence[s:e], lang)):
            out.append(Found(kind, s, e, sentence[s:e], key))
            take(s, e)

    def add_org(s: int, e: int, key: str | None = None) -> None:
        """Add an organisation and remember it for the article's later sentences."""
        name = sentence[s:e]
        known_orgs[name] = org_key(name) if key is None else key
        add("organization", s, e, known_orgs[name])

    previous: tuple[int, str] | None = None  # end and key of the last body named
    for m in body_pattern().finditer(sentence):
        key = org_key(m.group(0))
        if previous and previous[1] == key and not sentence[previous[0] : m.start()].strip():
            if free(m.start(), m.end()):
                take(m.start(), m.end())  # "the UN refugee agency UNHCR": one body
            continue
        add("organization", m.start(), m.end(), key)
        previous = (m.end(), key)
    for m in _CLUB.finditer(sentence):
        first = m.group(0).split()[0]
        if first in _STOP_NAMES:  # "Der FC": the club starts after the article
            m = _CLUB.match(sentence, m.start() + len(first) + 1) or m
        if (
            m.group(0).split()[0] not in _STOP_NAMES
            and not place_key(m.group(0))
            and not _tail_of_place(sentence, m.start(), m.group(0))
            and not _inside_longer_name(sentence, m.start(), m.group(0), lang)
        ):
            add_org(m.start(), m.end(), club_key(m.group(0)))
    if lang in _ARTICLE_NAME_LANGS:
        for start, end, key in _names_after_article(sentence, lang):
            if _INSTITUTION.match(sentence, start):
                continue  # "la Corte costituzionale": the institution's longer name, below
            if fold(sentence[start:end]) in known_people:
                continue  # "la Meloni" after "Giorgia Meloni": Italian press style for a woman
            add_org(start, end, key)
    for m in [*_NATIONAL_BRAND.finditer(sentence), *_FEDERAL.finditer(sentence)]:
        if m.re is _NATIONAL_BRAND and m.start() == 0 and lang == "de":
            continue  # "Deutsche Unternehmen investieren": at a German sentence start, unsure
        add_org(m.start(), m.end())
    for m in _TITLE_PERSON.finditer(sentence):
        name = m.group("name").rstrip(".")
        name_start = m.start("name")
        if (
            m.group(0).startswith("M.")
            and lang != "fr"  # French writes "M." for Monsieur: "Si M. Obama souhaite"
            and (given := _WORD_BEFORE.search(sentence, max(0, m.start() - 40), m.start()))
            and given.group(1).lower() in first_names()
        ):
            # "Henry M. Paulson": the initial of a middle name, not the French "M."
            name_start = given.start(1)
            name = sentence[name_start : m.start("name") + len(name)]
        first, _, rest = name.partition(" ")
        if rest and _COMPOUND_ROLE.search(first):
            name, name_start = rest, name_start + len(first) + 1
        if article := re.search(r"(?<!\b[Vv]on)(?<!\b[Vv]an)\s+der\s", name):
            name = name[: article.start()]  # "Schäfer der Süddeutschen Zeitung": a dative
        if re.search(rf"(?:^|\s)[{_UP}]\.?$", name) and (
            initials := _INITIALS_AND_SURNAME.match(sentence, name_start + len(name))
        ):
            # "Former President George H. W. Bush": the title's three words end on an
            # initial; the name goes on to the surname
            name = sentence[name_start : initials.end()]
        name = _name_before_common_words(name, lang, sentence[m.end("name") :])
        if lang == "de":
            # after a speech verb only an everyday noun ends the name ("erklärte Pena Nieto
            # Anfang"): "sagte Bridgid Robinson" names her, "Robinson" a German noun too
            said = sentence[m.start() : name_start].split()[0].lower() in _SPEECH_VERBS
            name = _name_before_german_nouns(name, everyday_only=said)
        if (
            place_key(name)
            or name in _STOP_NAMES
            or _looks_like_org(name)
            or any(org_word(w) for w in name.split()[1:])  # "Chef der Deutschen Bank"
        ):
            continue
        between = sentence[m.start() : m.start("name")].split()
        if (
            lang == "de"
            and between[-1] in {"der", "die"}
            and " " not in name
            and everyday_noun(name)
        ):
            continue  # "bestätigte der Minister die Pläne": the article's noun, no name
        cue = between[0].lower()
        if cue in _SPEECH_VERBS and " " not in name and fold(name) not in known_people:
            # "sagte die Verkehrskommissarin": a role, not a name; but a bare word that
            # closes the clause right after the verb is who spoke ("..., sagte Grindel.")
            closes = re.match(r"\s*(?:[.,;!?]|$)", sentence[name_start + len(name) :][:3])
            if not (len(between) == 1 and closes and not _stop_month_or_day(name, "en")):
                continue
        if (
            cue in _SPEECH_VERBS
            and " " in name
            and name.split()[0].lower() not in first_names()
            and name.split()[-1].lower() in _ROLE_NOUNS_EN
            and re.match(r"\s+(?:of|for|at)\s", sentence[name_start + len(name) :])
        ):
            # "says Senior Researcher of the Institute", "said Chief Scientist for the
            # probe": a capitalised role, not a name ("said Narendra Modi at a summit")
            continue
        add("person", name_start, name_start + len(name), person_key(name))
        known_people.add(person_key(name))
    if lang in NAME_CASE_LANGS:
        for m in _NAME_AND_AGE.finditer(sentence):
            if (name := _aged_person(sentence, m, lang)) is not None:
                add("person", m.start("name"), m.start("name") + len(name), person_key(name))
                known_people.add(person_key(name))
    for m in [
        *_ORG_AFTER_NOUN.finditer(sentence),
        *_ORG_BEFORE_NOUN.finditer(sentence),
        *_ORG_AFTER_COMPOUND.finditer(sentence),
    ]:
        name = m.group("name")
        if name.endswith(".") and name.count(".") == 1:
            name = name[:-1]  # the sentence's full stop, not an abbreviation
        if place_key(name) or name.split()[0] in _STOP_NAMES:
            continue
        if " " not in name and (
            re.fullmatch(_NATIONALITY, name.lower()) or name.lower() in _language_names()
        ):
            continue  # "the German union", "the Italian party": a nationality
        add_org(m.start("name"), m.start("name") + len(name))

    for pattern in _ORG_OF_PLACE:
        for m in pattern.finditer(sentence):
            place = _leading_place(m.group("place"))
            if place is None or not (m.group("kind")[:1].isupper() or m.group("kind") == "airport"):
                continue
            if _ORG_KINDS[m.group("kind").lower()] == "bank" and place[1].startswith("city:"):
                continue  # a nation's bank ("Bank of Italy", "of England"), not a city's
            name_end = m.start("place") + len(place[0])
            add_org(m.start(), name_end, f"{_ORG_KINDS[m.group('kind').lower()]} {fold(place[1])}")
    for pattern in _ORG_BY_ROLE:
        for m in pattern.finditer(sentence):
            start, written = _without_leading_stop_words(m.start("name"), m.group("name"))
            # "Volkswagen's Wolfsburg plant": the plant is Wolfsburg's, the company the owner
            written = re.split(r"['’]s\s", written, maxsplit=1)[0]
            name = re.sub(r"['’]s$", "", written.rstrip("."))  # "Ryanair's chief executive"
            role = sentence[m.end("name") : m.end()].lower().split()
            # one plain capitalised word opening the sentence may be an adjective
            opener = not sentence[:start].strip(" «“„\"'") and name == written and " " not in name
            if not name or (opener and role and role[-1] in _GENERIC_ROLES):
                continue
            around = sentence[m.start() : m.start("name")] + " " + sentence[m.end("name") : m.end()]
            words_around = set(around.lower().split())
            company_role = bool(words_around & _COMPANY_ONLY_ROLES)
            executive = bool(words_around & _EXECUTIVES) or {"chief", "executive"} <= words_around
            if _org_by_role_name(
                name, known_people, first_name_ok=company_role or executive, city_ok=executive
            ):
                add_org(start, start + len(name))

    # before the spans: a city that reports a profit is a company named like it
    if (opener := _opener_named_by_kind(sentence, lang)) and free(*opener):
        add_org(*opener)
    for m in _TEMPERATURE_SCALE.finditer(sentence):
        take(*m.span())  # "degree Celsius", "Grad Celsius": a unit, no name
    for m in _SPAN.finditer(sentence):
        for start, span in _split_at_full_stops(m.start(), m.group(0)):
            _classify_span(sentence, start, span, known_people, known_orgs, add, lang)
    # where only names take a capital, a lone capitalised word inside a clause is a name;
    # if it is no place or person, it is taken for an organisation ("shares of Nvidia",
    # "fournira à Simplon"); German capitalises every noun, and the fact diff compensates
    if lang in NAME_CASE_LANGS:
        for m in re.finditer(rf"(?<=\s)[{_UP}][\w’'&]+(?:['’]s)?(?=[\s,.;:)]|$)", sentence):
            word = re.sub(r"['’]s$", "", m.group(0))
            if not free(m.start(), m.start() + len(word)):
                continue
            longer = re.match(rf" [{_UP}]", sentence[m.start() + len(word) :])
            if not longer and (town := _lone_town(sentence[: m.start()].split(), word)):
                # "usines de Cholet"; "de Baja Sajonia" is Lower Saxony, not the town Baja
                add("location", m.start(), m.start() + len(word), town)
            elif _lone_name(sentence, m.start(), word):
                if fold(word) in known_people and word not in known_orgs:
                    # "the greatness of Gebrselassie's skill" after "Haile Gebrselassie":
                    # a surname the article named, not a new organisation; but where the
                    # article named it as an organisation too ("the carmaker Ford" beside
                    # "Henry Ford") the organisation stands
                    add("person", m.start(), m.start() + len(word), fold(word))
                else:
                    add_org(m.start(), m.start() + len(word))
    return sorted(out, key=lambda f: f.start)


# How old: a person. In languages that capitalise only names, capitalised words before
# an age in commas ("Cuomo, 53, took office", "Pilata Fatulayeva, 48, está convencida")
# name one. Not before an age in brackets (league tables and rankings: "Atalanta (64),
# Juventus (62)"), nor before a verb of saying: institutions speak by their buildings
# ("Place Beauvau a dit", "Palazzo Chigi ha detto", "Casa Rosada dijo").
_NAME_AND_AGE = re.compile(
    rf"(?P<name>{_CAP_TOKEN}(?:\s+{_CAP_TOKEN}){{0,2}}),\s+(?P<age>\d{{1,3}}),\s"
)


# Last words that make a name a place, a building, a body or a paper, not a person
# ("Wall Street said", "the White House said", "Human Rights Watch", "Financial Times")
_NOT_A_PERSON_HEAD = set(
    "street avenue road square lane hill yard bridge house hall office palace center centre"
    " court watch times post journal herald tribune telegraph guardian gazette mail express"
    " monitor observer review chronicle daily weekly today".split()
)


# Words before a name that make an age-like figure after it something else: an article
# ("the Greens (12)", "los Social Demócratas (45)": seats) and a street ("calle Alcalá,
# 45,": a house number)
_NOT_BEFORE_A_PERSON = set(
    "the a an der die das den dem le la les l el los las il lo gli i un une una uno ein eine"
    " street avenue road calle avenida rue via viale piazza plaza place strasse straße"
    " platz".split()
)
_LONGER_NAME_BEFORE = re.compile(rf"[{_UP}][\w'’.-]*\s+(?:{_CONNECT}\s+)?$")


def _aged_person(sentence: str, m: re.Match[str], lang: str | None = None) -> str | None:
    """The person's name in a ``_NAME_AND_AGE`` match, or None: a title, a place, an
    organisation, a function word, a month or a nationality among its words, or a word
    that heads a place, building, body or paper ("Street", "House", "Times"); the end of
    a longer name ("The Office of Fair Trading, 12,"); an age outside 15-110, or after an
    article or a street (seats, table places, house numbers)."""
    name = m.group("name").rstrip(".,")
    words = name.split()
    # (the 80 characters before the name decide: a look at the whole sentence per match
    # would grow with the square of its length)
    before = sentence[max(0, m.start("name") - 80) : m.start("name")]
    if (
        not 15 <= int(m.group("age")) <= 110
        or (before.split() or [""])[-1].lower().strip("'’") in _NOT_BEFORE_A_PERSON
    ):
        return None
    if _LONGER_NAME_BEFORE.search(before):
        return None  # the end of a longer name
    if (
        place_key(name)
        or known_organization(name) is not None
        or _looks_like_org(name)
        or any(org_word(w) or w.lower() in _TITLE_WORDS for w in words)
        or re.fullmatch(_PERSON_TITLES, words[0])
        or any(w.isupper() for w in words)
        or any(
            _common_capitalised(w, lang or "en") and w.lower() not in first_names() for w in words
        )
        or words[0] in _STOP_NAMES
        or words[-1].lower() in _NOT_A_PERSON_HEAD
        or any(w.lower() in _PLACE_NAME_WORDS for w in words)
    ):
        return None
    return name


# A full stop after a word of two or more small letters ends a sentence the segmenter left
# joined ("... présidée par Francine Décary. Avec le temps"), unless the word is a title's
# abbreviation ("Mrs. Smith", "Prof. Weber", "Dott. Rossi"); initials ("Israel B.
# Netanyahu") and abbreviations with inner stops ("U.S.") keep a name together.
_FULL_STOP_IN_SPAN = re.compile(r"(\w*[a-zà-ÿß]{2})\.\s+(?=[" + _UP + r"])")
_TITLE_ABBREVIATIONS = frozenset(
    "mrs ms mr dr prof gen sen rep gov col capt lt sgt hon rev sra srta sr mme mlle dott "
    "dottssa ssa ing avv jr st mgr pres insp supt cdr cmdr adm maj brig".split()
)


def _split_at_full_stops(start: int, span: str) -> list[tuple[int, str]]:
    """A capitalised span cut where a full stop ends a sentence inside it: (start, text)
    pieces."""
    pieces: list[tuple[int, str]] = []
    offset = 0
    for m in _FULL_STOP_IN_SPAN.finditer(span):
        if m.group(1).lower().split("-")[-1] in _TITLE_ABBREVIATIONS:
            continue
        pieces.append((start + offset, span[offset : m.end(1)]))
        offset = m.end()
    pieces.append((start + offset, span[offset:]))
    return [(s, t) for s, t in pieces if t]


# German federal institutions are one word ("Bundestag", "Bundesbank", "Bundeswehr"),
# in every language's news, and may go on with "für" ("Bundesagentur für Arbeit",
# "Bundesamt für Migration und Flüchtlinge"). Offices and the government are left out:
# "Bundeskanzler" is a title, "Bundesregierung" a government that other languages name
# by their own word.
_FEDERAL = re.compile(
    r"(?<![\w-])Bundes(?:tag|rat|wehr|bank|amt|agentur|anstalt|gerichtshof|verfassungsgericht"
    r"|kartellamt|netzagentur|rechnungshof|anwaltschaft|polizei|ministerium|kriminalamt"
    r"|verwaltungsgericht|arbeitsgericht|sozialgericht|finanzhof|verband)"
    r"(?:\s+für\s+[A-ZÄÖÜ][\wäöüß-]+(?:\s+und\s+[A-ZÄÖÜ][\wäöüß-]+)?)?(?![\w-])"
)


# German and Dutch write adjectives in lower case except inside names, and other
# languages keep the words: "Deutsche Bahn", "der Deutschen Telekom", "Nederlandse
# Spoorwegen" (but "de Nederlandse economie").
_NATIONAL_BRAND = re.compile(
    r"(?<![\w-])(?:(?:Deutsche|Schweizerische|Österreichische)[nrs]?|Nederlandse|Nederlandsche)"
    r"\s+[A-ZÄÖÜ][\wäöüß-]+"
)


def _without_leading_stop_words(start: int, name: str) -> tuple[int, str]:
    """ "A Decathlon" -> "Decathlon": an article or pronoun that opens a sentence is
    capitalised but no part of the name."""
    while (first := name.split(" ", 1)[0]) in _STOP_NAMES and " " in name:
        start += len(first) + 1
        name = name[len(first) + 1 :]
    return start, "" if name in _STOP_NAMES else name


def _leading_place(text: str) -> tuple[str, str] | None:
    """The longest leading run of ``text`` (two words, then one) that is a known place."""
    words = text.split()
    for n in (2, 1):
        candidate = " ".join(words[:n]).rstrip(".,;:")
        if len(words) >= n and (key := place_key(candidate)):
            return candidate, key
    return None


def _org_by_role_name(
    name: str, known_people: set[str], *, first_name_ok: bool, city_ok: bool = False
) -> bool:
    """Whether a name standing before "-Chef" or after "CEO of" can be an organisation:
    not a place, not a person (led by a first name, or a surname seen before), not a
    pronoun or article. A first name is allowed to lead ("Novo Nordisk") where the role
    belongs to companies only (shares, headquarters): a person has a spokesman, not a
    headquarters. A city's name is allowed where the role is a chief executive's: a city
    has a mayor ("le PDG de Carrefour", "Santander chief executive")."""
    first = name.split()[0]
    place = place_key(name)
    return not (
        (place and not (city_ok and place.startswith("city:")))
        or first in _STOP_NAMES
        or (first.lower() in first_names() and not first_name_ok)
        or fold(name.split()[-1]) in known_people
        or first.lower() in _NOT_LONE_NAMES
        or first.lower() in _language_names()
        or name.split()[-1].lower() in _ROLE_PREFIXES  # "Weil Ex-Präsident ...": a prefix
    )


# Prefixes a German role takes before its hyphen that name no one: "Ex-Präsident",
# "Vize-Chef", "Interims-Chefin", "Noch-Präsident", "Co-Gründer"
_ROLE_PREFIXES = {"ex", "vize", "co", "ko", "interims", "noch", "ehren", "alt", "stv", "top"}


def _placed(before: str, after: str) -> bool:
    """Does a preposition of place (``_PLACE_PREPOSITIONS``) stand right before a name,
    or a comma and a gazetteer place right after it ("in Austin", "Jackson,
    Mississippi")?"""
    words = before.split()
    if words and words[-1].lower() in _PLACE_PREPOSITIONS:
        return True
    m = re.match(r",\s+([A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?)", after)
    return bool(m) and place_key(m.group(1)) is not None


def _tail_of_place(sentence: str, start: int, text: str) -> bool:
    """Do the one or two capitalised words right before ``text`` (at ``start``) make it a
    place's name ("New" before "York City": New York City, not the club York City)?"""
    before = sentence[max(0, start - 40) : start].split()
    return any(
        len(words) == n
        and all(w[:1].isupper() for w in words)
        and place_key(" ".join([*words, text])) is not None
        for n in (1, 2)
        for words in [before[-n:]]
    )


def _lone_name(sentence: str, start: int, word: str) -> bool:
    """A capitalised word inside a clause, between lower-case words, that is no title,
    month, day or first name: in languages that capitalise only names, a name."""
    before = sentence[:start].rstrip()
    after = sentence[start + len(word) :].lstrip()
    if not before.rstrip("-–— ") or before[-1] in '.!?:;«»"“”„(' or len(word) < 2:
        return False  # the word opens the sentence (after a dialogue dash: "- Récemment")
    if re.fullmatch(r"I['’](?:m|ve|ll|d)", word):
        return False  # "as far as I'm concerned": the pronoun, capitalised in English
    words_before = before.split()
    prev = words_before[-1]
    joined = not prev.endswith((",", ";", ":", ")"))  # "in October, Istat said": a new clause
    if (joined and re.split(r"['’]", prev)[-1][:1].isupper()) or after[:1].isupper():
        return False  # part of a longer capitalised span, handled elsewhere
    compound = len(word) > 6 and word.lower().endswith(_ORG_COMPOUND_HEADS)
    if prev.lower() in _DEFINITE_ARTICLES | _CONTRACTED_ARTICLES and not compound:
        # "the Rhine", "la Secchia": rivers and regions take an article, firms rarely; a
        # word built on an organisation's head noun does ("the Riksbank")
        return False
    if re.match(_NAME_GOES_ON, after):
        return False  # "no Estádio da Luz": part of a longer name
    if prev.lower() in {"in", "en"} and (len(words_before) < 2 or words_before[-2] not in _STAKES):
        return False  # "its brewery in Zoeterwoude": a place; but "a stake in Mediobanca"
    if prev.lower() in {"near", "naar", "em"}:
        # "near Sarasota": a place the gazetteer lacks ("à" and "a" also mark whom
        # something is given to: "fournira à Simplon")
        return False
    if prev.lower() in {"for", "of"} and len(words_before) > 2 and words_before[-2][:1].isupper():
        return False  # "the Commissioner for Transport": an office, not an organisation
    return (
        not _common_capitalised(word, "en")
        and not re.fullmatch(_PERSON_TITLES, word)  # "met Secretary of State Marco Rubio"
        and not word.isupper()
        and not _product(word, prev, after, words_before[-2] if len(words_before) > 1 else "")
    )


# After these, "in" leads to a company, elsewhere to a place the gazetteer lacks.
_STAKES = {
    "stake",
    "stakes",
    "invest",
    "invests",
    "invested",
    "investing",
    "investment",
    "investments",
    "shares",
    "holding",
    "interest",
    "participación",
    "participation",
}


def _classify_span(sentence, start, span, known_people, known_orgs, add, lang=None) -> None:
    tokens = [t for t in re.finditer(r"\S+", span) if t.group(0)[:1].isupper()]
    i = 0
    while i < len(tokens):
        word = tokens[i].group(0)
        if i == 0 and start == 0 and word in _STOP_NAMES:
            i += 1
            continue
        if lang in _ROMANCE and (place := _place_with_lower_case(sentence, start, tokens[i])):
            add("location", *place)
            i += 1
            continue
        # the longest place or listed-company name starting here (up to 4 words); a
        # single word that is both ("Orange") counts as the place
        for j in range(min(len(tokens), i + 4), i, -1):
            s, e = start + tokens[i].start(), start + tokens[j - 1].end()
            text = sentence[s:e].rstrip(".,;:")
            key = place_key(text, genitive=lang not in _NO_GENITIVE_S) or (
                _town_after_preposition(text, sentence[:s], sentence[e:]) if j - i == 1 else None
            )
            company = known_organization(text)
            if company and (j - i > 1 or key is None):
                if j < len(tokens) and org_word(tokens[j].group(0).rstrip(".,;:")):
                    # "Volvo Cars", "Siemens Energy": the listed name and an industry word
                    e = start + tokens[j].start() + len(tokens[j].group(0).rstrip(".,;:"))
                    text, company, j = sentence[s:e], sentence[s:e], j + 1
                known_orgs[text] = org_key(company)
                add("organization", s, s + len(text), known_orgs[text])
                i = j
                break
            if (
                key
                and not (
                    j - i == 1
                    and (
                        text.lower() in known_orgs
                        or _first_name_of(tokens, i, sentence[:s], lang)
                        # "Bush aide Mary Martin" where the article names "George W.
                        # Bush": a city (here in Egypt) that is the surname of a person
                        # the article named is that person; a country, a capital, which
                        # news names for its government ("Washington" beside "George
                        # Washington University"), and a city after a preposition of
                        # place or before its state ("in Austin", "Jackson, Mississippi")
                        # stay places
                        or (
                            key.startswith("city:")
                            and not national_capital(key)
                            and not _placed(sentence[:s], sentence[s + len(text) :])
                            and fold(text) in known_people
                        )
                        # "Länder", "Ära", "Küche"; "beim Essen", "in den Bergen"
                        or (
                            lang == "de"
                            and (common_noun(text) or noun_in_context(text, sentence[:s]))
                        )
                    )
                )
            ):
                add("location", s, s + len(text), key)
                i = j
                break
        else:
            i = _person_or_org(sentence, start, tokens, i, known_people, known_orgs, add, lang)


# letters that only German writes among storydiff's languages
_GERMAN_LETTER = re.compile("[äöüßÄÖÜ]")


def _quoted_german_noun(name: str, lang: str | None) -> bool:
    """Is a one-word name a German common noun quoted in another language ("les
    différents Länder", "the Länder"): written with a letter only German writes, so that
    folded it may match a place (Lander) and after an article it reads as an
    organisation? Not asked of a person: German surnames are nouns too ("la ministre
    Bär", "Mr Töpfer")."""
    return (
        lang not in {None, "de"}
        and _GERMAN_LETTER.search(name) is not None
        and " " not in name
        and common_noun(name)
    )


# The Romance languages among storydiff's. They write a country's adjectives after its
# noun, in lower case ("la République tchèque", "l'Arabie saoudite", "los Emiratos
# árabes unidos"), and a final "s" on a capitalised word is no genitive there (a plural's
# in French, Spanish and Portuguese; part of the word in Italian).
_ROMANCE = frozenset({"fr", "es", "it", "pt"})
# ... and the languages whose final "s" on a name is no genitive ("the Caracalla Baths",
# "Enterprises"; English writes its possessive "'s", which ``place_key`` always reads)
_NO_GENITIVE_S = _ROMANCE | {"en"}
_LOWER_WORDS_AFTER = re.compile(r"(?:\s+[a-zà-ÿ][a-zà-ÿ'’-]*){1,3}")


def _place_with_lower_case(
    sentence: str, start: int, token: re.Match[str]
) -> tuple[int, int, str] | None:
    """(start, end, key) of a gazetteer place that is the capitalised ``token`` (a match in
    the span at ``start``) and the lower-case words right after it, longest first."""
    s, e = start + token.start(), start + token.end()
    if token.group(0)[-1] in ".,;:" or not (m := _LOWER_WORDS_AFTER.match(sentence, e)):
        return None
    ends = [e + w.end() for w in re.finditer(r"\S+", m.group(0))]
    for end in reversed(ends):
        text = sentence[s:end].rstrip(".,;:")
        if key := place_key(text):
            return s, s + len(text), key
    return None


# Prepositions after which a small town's name is taken for the town ("in Herzogenaurach",
# "a Maranello", "bei Neubiberg"); "im", "at" and "to" also come before other names.
_TOWN_PREPOSITIONS = {"in", "near", "bei", "nach", "à", "a", "en", "em", "naar", "te"}
# ... and, for a name that is no company either, "of" and "and" ("usines de Cholet et Vannes")
_OF = {"de", "di", "of", "from"}
_AND = {"et", "and", "e", "y"}


def _lone_town(before: list[str], word: str) -> str | None:
    """A town's key for a lone name after a preposition of place, "of" or "and" ("ses
    usines de Cholet et Vannes"), unless "of" joins it to a name ("Monte dei Paschi di
    Siena") or the word is a month or a first name ("in March")."""
    if not before or _common_capitalised(word, "en"):
        return None
    prev = before[-1]
    joined = prev in _OF and len(before) > 1 and before[-2][:1].isupper()
    if prev in _TOWN_PREPOSITIONS | _AND or (prev in _OF and not joined):
        return town_key(word)
    return None


def _town_after_preposition(word: str, before_text: str, after_text: str = "") -> str | None:
    """After a preposition of place a town may share a first name ("à Orly"), but not
    open a person's name ("a Taylor Swift concert") or be a month."""
    before = before_text.split()
    if not before or before[-1] not in _TOWN_PREPOSITIONS or _stop_month_or_day(word, "en"):
        return None
    surname_follows = after_text.strip()[:1].isupper()
    if surname_follows and word.lower() in first_names():
        return None
    joined = re.match(r" ([A-ZÀ-Þ][\w'’-]*)", after_text)
    if joined and not any_noun(joined.group(1)) and not _stop_month_or_day(joined.group(1), "en"):
        # "en Baja Sajonia", "a Santa Fe": the town's name is the first word of a longer
        # one ("Baja" is a town in Hungary); a German noun may follow a town ("in Bottrop
        # Schuhe herstellen")
        return None
    return town_key(word)


def _first_name_of(tokens, i: int, before_text: str, lang: str | None = None) -> bool:
    """Whether a one-word place opens a person's name instead: a first name followed by a
    capitalised word that is no place, with no preposition of place or article before it
    ("l'attaccante Santiago Giménez"; but "in Paris Präsident Macron", "the Paris Air
    Show", German "Israel zu Verhandlungen": a common noun is no surname)."""
    word = tokens[i].group(0).rstrip(".,;:")
    if i + 1 >= len(tokens) or word.lower() not in first_names():
        return False
    following = tokens[i + 1].group(0).rstrip(".,;:")
    before = before_text.split()
    return (
        not tokens[i].group(0).endswith((",", ";", ":"))
        and not (before and before[-1].lower() in _ARTICLES_ANY)
        and following[:1].isupper()
        and not place_key(following)
        and following not in _STOP_NAMES
        and word.lower() not in _PLACE_NAME_WORDS
        and _surname_not_place(before, [following])
        and not (lang == "de" and _german_noun_person(_from_token(tokens, i, 3)))
    )


def _from_token(tokens, i: int, n: int) -> str:
    """The text of a span from capitalised token ``i`` over up to ``n`` capitalised tokens,
    with the link words between them ("Israel zu Verhandlungen")."""
    last = tokens[min(len(tokens), i + n) - 1]
    return last.string[tokens[i].start() : last.end()].rstrip(".,;:")


# Prepositions before a place ("in Santa Clara", "nach Victoria"): after them a first name
# followed by a place name is the place.
_PLACE_PREPOSITIONS = {
    "in",
    "at",
    "to",
    "from",
    "near",
    "nach",
    "aus",
    "bei",
    "im",
    "à",
    "au",
    "en",
    "vers",
    "a",
    "da",
    "di",
    "desde",
    "hacia",
    "naar",
    "uit",
    "te",
}


def _surname_not_place(words_before: list[str], rest: list[str]) -> bool:
    """ "Giuseppe Sala", "Jean Paris": a first name, then a surname the gazetteer also
    knows as a place, is a person unless a preposition of place precedes it."""
    return not (words_before and words_before[-1].lower() in _PLACE_PREPOSITIONS)


def _name_before_german_nouns(name: str, *, everyday_only: bool = False) -> str:
    """A name after a German title ends before a common noun, or a place after two words:
    a clause that ends on its verb runs the name on into its objects ("Ex-Präsident Donald
    Trump Zölle erheben will", "als Ex-Präsident Barack Obama Berlin besuchte", "wie
    Ex-Kanzler Schröder Reportern sagte", "der Präsident Macron den Kanzler"). After a
    speech verb (``everyday_only``) only an everyday noun ends it. Never after first names
    alone ("Juan Manuel Santos", "Hubertus Heil", "Hans-Jürgen Papier"), initials ("George
    W. Bush") or inside a name's particles ("Ursula von der Leyen")."""
    words = name.split()
    first = next((j for j, w in enumerate(words) if _first_names_only(w)), None)
    for k, word in enumerate(words[1:], 1):
        noun = everyday_noun(word) if everyday_only else common_noun(word) or everyday_noun(word)
        before = words[k - 1]
        if fold(before) in _NAME_LINKS:
            # an article, not a particle after "von", "van" ("von der Leyen"): any common
            # noun after it ends the name, after a speech verb too ("sagte Schröder den
            # Reportern", where "Reporter" is English as well and so no everyday noun)
            article = before in {"den", "der", "dem", "des", "die"} and not (
                k >= 2 and fold(words[k - 2]) in _SURNAME_PARTICLES
            )
            # after a first name and a surname an article ends the name whatever follows
            # ("sagte Olaf Scholz den Medien"); after one word it may open a Dutch
            # surname ("Joop den Uyl")
            if article and (noun or common_noun(word) or k >= 3):
                return _without_trailing_particles(words[: k - 1]) or name  # "Macron den"
            continue  # "von der Leyen", "Tommaso Della Longa"
        if (
            _INITIAL.fullmatch(before)
            or _INITIAL.fullmatch(word + ".")
            or fold(word) in _NAME_LINKS
            or (first is not None and first < k and all(map(_first_names_only, words[first:k])))
        ):
            continue
        if noun or (not everyday_only and k >= 2 and place_key(word)):
            return _without_trailing_particles(words[:k]) or name
    return name


# the small words inside names ("Ursula von der Leyen", "Tommaso Della Longa"), which the
# German articles also are ("der Präsident Macron den Kanzler")
_NAME_LINKS = _SURNAME_PARTICLES | {
    "der",
    "den",
    "dem",
    "des",
    "die",
    "zu",
    "ter",
    "ten",
    "la",
    "le",
}


def _first_names_only(word: str) -> bool:
    """Is every part of ``word`` a first name ("Juan", "Hans-Jürgen")?"""
    return all(part.lower() in first_names() for part in word.split("-"))


def _without_trailing_particles(words: list[str]) -> str:
    while words and fold(words[-1]) in _NAME_LINKS:
        words = words[:-1]
    return " ".join(words)


def _name_before_common_words(name: str, lang: str | None, after: str = "") -> str:
    """A name after a title ends before a month or weekday, and before the German noun
    that places it in the month: "sagte Tremblay Anfang November" names Tremblay."""
    words = [*name.split(), *after.split()[:1]]
    for k, word in enumerate(words[1:], 1):
        if _stop_month_or_day(word.rstrip(".,;:"), lang or "en"):
            if k > 1 and lang == "de" and any_noun(words[k - 1]):
                k -= 1  # "Anfang", "Ende", "Mitte" November
            return " ".join(words[: min(k, len(name.split()))])
    return name


def _german_noun_person(name: str) -> bool:
    """A German first name and what follows it read as nouns, not a person: "Art Fleisch",
    "Ende des Tages", "Israel zu Verhandlungen", "Mal von Patientenvertretungen", "Ende
    August"."""
    words = name.split()
    capitalised = [w for w in words if w[:1].isupper()]
    if len(capitalised) > 1 and all(_stop_month_or_day(w, "de") for w in capitalised[1:]):
        return True  # "Ende August", "Anfang März": a time of the month, no person
    return noun_not_person(capitalised, linked=len(capitalised) < len(words))


def org_word(word: str) -> bool:
    """An organisation word, alone or as the head of a German compound ("Zentralbank")."""
    w = word.lower()
    return w in _ORG_WORDS or (len(w) > 6 and w.endswith(_ORG_COMPOUND_HEADS))


_INITIAL = re.compile(rf"[{_UP}]\.")
# the capitalised word right before a position (searched up to it)
_WORD_BEFORE = re.compile(rf"(?<![\w-])([{_UP}][\w-]+) $")
# what follows a name cut after an initial: its point, more initials and the surname
_INITIALS_AND_SURNAME = re.compile(rf"\.?(?:\s*[{_UP}]\.)*\s+[{_UP}][\w’'-]+")


def _surname_after_initials(sentence, start, tokens, i) -> tuple[int, int] | None:
    """The index and end of the capitalised token that follows a first name (token ``i``)
    and one or more initials ("George W. Bush", "George H. W. Bush"), each separated by
    spaces only; None where no initial follows the first name."""
    j = i + 1
    while j < len(tokens) and _INITIAL.fullmatch(tokens[j].group(0)) and _spaced(tokens, j):
        j += 1
    if j == i + 1 or j >= len(tokens) or not _spaced(tokens, j):
        return None
    surname = tokens[j].group(0).rstrip(".,;:")
    if len(surname) < 2 or _INITIAL.fullmatch(tokens[j].group(0)):
        return None
    return j, start + tokens[j].start() + len(surname)


def _spaced(tokens, j: int) -> bool:
    """Is capitalised token ``j`` separated from the one before by spaces only?"""
    return tokens[j].string[tokens[j - 1].end() : tokens[j].start()].isspace()


# English nouns of institutions named "<noun> of <field>": the words after "of" name the
# institution's field ("the Office of Fair Trading", "Ministry of Justice"); an
# administration, foundation or museum may be a person's ("the Foundation of Bill Gates")
_INSTITUTION_NOUNS_EN = {
    "office",
    "department",
    "ministry",
    "bureau",
    "agency",
    "institute",
    "council",
    "commission",
    "court",
    "board",
    "authority",
    "committee",
}


# English nouns of roles that news capitalises after a speech verb ("says Senior
# Researcher of the Institute", "said Press Secretary of the group")
_ROLE_NOUNS_EN = {
    "researcher",
    "scientist",
    "secretary",
    "director",
    "officer",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "analyst",
    "economist",
    "adviser",
    "advisor",
    "editor",
    "correspondent",
    "manager",
    "chairman",
    "chairwoman",
    "head",
    "expert",
    "fellow",
    "strategist",
    "coordinator",
    "representative",
}


# definite articles, alone or joined to a preposition, that stand before no person's
# first name (German and French "der", "la", "le"... are in ``after_article`` of
# ``_person_or_org``; "al" is left out: an Arabic name's particle)
_ARTICLES_BEFORE_NO_PERSON = {
    "the",
    "el",
    "los",
    "las",
    "del",
    "il",
    "lo",
    "gli",
    "dello",
    "della",
    "nel",
    "nella",
    "les",
    "au",
    "aux",
    "l'",
    "l’",
}


def _opens_no_person_after_article(sentence, start, tokens, i, words_before, lang) -> bool:
    """Does a definite article right before first name ``i`` show that no person's name
    starts there? English and the Romance languages put no article before a person's
    first name, so the words open the name of a place, body, work or event ("the Golan
    Heights in 1981", "the General Staff for ten years", "el Alto Estado Mayor.", "l'Emilie
    Romaine est"), unless, after English "the", the name is a modifier or the subject of a
    verb: a word in lower case that is no function word follows it ("the Donald Trump
    administration", "The Dalai Lama visited"). A title between the two ("the Rev. Jesse
    Jackson", "the late John Smith") leaves the person."""
    if not words_before:
        return False
    article = words_before[-1].lstrip("\"“‘'«(").lower()
    if article not in _ARTICLES_BEFORE_NO_PERSON:
        return False
    if article != "the":
        return True  # a Romance article: a modifier follows its noun ("del Nilo Occidentale")
    following_name = tokens[i + 1].group(0).rstrip(".,;:") if i + 1 < len(tokens) else ""
    if following_name.lower() in first_names() and _spaced(tokens, i + 1):
        return False  # two first names: a person ("the Dalai Lama", "the Michael Jordan of")
    j = i  # the capitalised words that run on from the first name, spaced only
    while (
        j + 1 < len(tokens)
        and _spaced(tokens, j + 1)
        and not tokens[j].group(0).endswith((",", ";", ":"))
    ):
        j += 1
    following = re.match(r"\s+([a-zà-ÿß][\w’'-]*)", sentence[start + tokens[j].end() :])
    return not (
        following
        and following.group(1) not in function_words(lang)
        and following.group(1) not in function_words("en")
    )


def _after_institution_of(words_before: list[str]) -> bool:
    """Do a capitalised institution noun and "of" stand right before a first name ("the
    Office of Fair Trading", "Ministry of Justice")? The words after them name the
    institution's field, not a person."""
    return (
        len(words_before) > 1
        and words_before[-1] == "of"
        and words_before[-2][:1].isupper()
        and words_before[-2].lower() in _INSTITUTION_NOUNS_EN
    )


# words that end the names of things a first name may open, never a person's ("the Hang
# Seng Index", "the Dow Jones Industrial Average")
_NOT_SURNAMES = {"Index", "Average", "Composite", "Börse", "Bourse", "Exchange"}


def _adjective_not_first_name(word: str, rest: list[str], lang: str | None) -> bool:
    """Is ``word``, a first name in the list, the English adjective of a nationality
    here ("German", a first name in Spanish and Russian)? It is when an acronym follows
    ("German GDP"), a title does ("German Chancellor Angela Merkel") or a person's own
    first name does ("the German Stefan Schumacher", whose name then starts at
    "Stefan"); "German Gref" stays a person."""
    if lang not in (None, "en") or word.lower() not in _language_names():
        return False
    following = rest[0]
    if _ACRONYM.match(following) or any(w.lower() in _TITLE_WORDS for w in rest[:2]):
        return True  # "German GDP", "German Chancellor Angela Merkel", "German Finance
        # Minister Peer Steinbrück"
    return following.lower() in first_names() and len(rest) > 1 and rest[1][:1].isupper()


def _person_or_org(sentence, start, tokens, i, known_people, known_orgs, add, lang=None) -> int:
    word = tokens[i].group(0).rstrip(".,;:")
    s = start + tokens[i].start()
    institution = _INSTITUTION.match(sentence, s) or _INSTITUTION_OF.match(sentence, s)
    if institution and institution.group(0).count(" ") >= 1:
        name = institution.group(0)
        known_orgs[name] = org_key(name)
        add("organization", s, s + len(name), known_orgs[name])
        return i + 1
    rest = [t.group(0).rstrip(".,;:") for t in tokens[i + 1 : i + 3]]
    # organisation: the span (up to 3 words) contains an organisation word
    for n in range(min(3, len(tokens) - i), 0, -1):
        words = [t.group(0).rstrip(".,;:") for t in tokens[i : i + n]]
        parts = [p for w in words for p in w.lower().split("-")]
        between = sentence[start + tokens[i].start() : start + tokens[i + n - 1].start()]
        descriptor = (  # "der Schweizer Nahrungsmittelkonzern Nestlé": a kind before a name
            parts[-1] not in _ORG_WORDS
            and i + n < len(tokens)
            and start + tokens[i + n].start() - (start + tokens[i + n - 1].end()) <= 1
        )
        if (
            (n > 1 or "-" in words[0])
            and org_word(parts[-1])
            and words[0] not in _STOP_NAMES
            and not descriptor
            and not re.search(r"\s[a-zäöüéèàç]", between)  # "Vorteile von KI" is no name
        ):
            e = start + tokens[i + n - 1].start() + len(words[-1])
            name = sentence[s:e]
            known_orgs[name] = org_key(name)
            add("organization", s, e, known_orgs[name])
            return i + n
    article_before = re.search(
        r"(?:^|\s)(?:the|die|der|la|le|el|il)\s$", sentence[max(0, s - 5) : s], re.IGNORECASE
    )
    if word.lower() in _BODIES and article_before:
        known_orgs[word] = org_key(word)
        add("organization", s, s + len(word), known_orgs[word])
        return i + 1
    base = word.split("-")[0]
    if word in known_orgs or base in known_orgs:
        add("organization", s, s + len(word), known_orgs.get(word, known_orgs.get(base, "")))
        return i + 1
    words_before = sentence[:s].split()
    after_article = bool(words_before) and (
        words_before[-1].lower() in _ARTICLES_BEFORE_NAME
        or (lang == "de" and words_before[-1].lower() in FUSED_ARTICLES)
    )
    if (
        word.lower() in first_names()
        and word.lower() not in _PLACE_NAME_WORDS
        and rest
        and rest[0][:1].isupper()
        and (not place_key(rest[0]) or _surname_not_place(words_before, rest))
        and not after_article  # "de Ville Lumière": an article or preposition precedes
        and not _after_institution_of(words_before)
        and not _opens_no_person_after_article(sentence, start, tokens, i, words_before, lang)
        and not any(w in _NOT_SURNAMES for w in rest[:2])
        and rest[0].lower() not in _DIRECTIONS  # "Aldi Süd": a direction, no surname
        and not _adjective_not_first_name(word, rest, lang)
    ):
        surname = rest[0]
        e = start + tokens[i + 1].start() + len(surname)
        if after_initials := _surname_after_initials(sentence, start, tokens, i):
            # "George W. Bush", "John F. Kennedy": a first name, initials and a surname
            # are a person even where the gazetteer knows the surname as a place
            j, e = after_initials
            name = sentence[s:e]
            known_people.add(person_key(name))
            add("person", s, e, person_key(name))
            return j + 1
        if fold(surname) in _SURNAME_PARTICLES and len(rest) > 1 and rest[1][:1].isupper():
            # "Tommaso Della Longa", "Luigi Di Maio": the particle opens the surname
            e = start + tokens[i + 2].start() + len(rest[1])
            name = sentence[s:e]
            if lang == "de" and _german_noun_person(name):
                return i + 1  # "Ende des Jahres Wahlen": nouns, no "des" of a surname
            known_people.add(person_key(name))
            add("person", s, e, person_key(name))
            return i + 3
        if (
            len(rest) > 1
            and rest[1][:1].isupper()
            and not place_key(rest[1])
            and rest[1].lower() not in _TITLE_WORDS  # "Michel Barnier Premier ministre"
            # a German noun that is never a name ends it after a surname: "verkaufte
            # Michael Schumacher Autos", a clause that ends on its verb runs on into its
            # object; after two first names it is the surname ("Peter Paul Zahl")
            and not (lang == "de" and common_noun(rest[1]) and rest[0].lower() not in first_names())
        ):
            e = start + tokens[i + 2].start() + len(rest[1])
        name = sentence[s:e]
        if lang == "de" and _german_noun_person(name):
            return i + 1  # "Art Fleisch", "Ende des Tages", "Rand Tokios": nouns, no person
        if _TITLE_CONNECTOR.search(name):
            # "ihr Way of Life": a name's parts are joined by particles ("von der", "y")
            return i + 1
        known_people.add(person_key(name))
        add("person", s, e, person_key(name))
        return i + 1 + (2 if e > start + tokens[i + 1].end() else 1)
    if fold(word) in known_people and not (lang == "de" and everyday_noun(word)):
        # a surname the article gave before ("Kanzlerin Merkel" ... "Merkel"), but not a
        # German noun some pattern took for one ("Regierung", "Freunde")
        add("person", s, s + len(word), fold(word))
        return i + 1
    base = re.sub(r"['’]s$", "", base)  # "the EU's fund"
    prev = words_before[-1] if words_before else ""
    before = words_before[-2] if len(words_before) > 1 else ""
    maker = _MAKERS.search(word.split("-")[-1]) and "-" in word  # "ChatGPT-Hersteller"
    product = maker or _product(base, prev, sentence[s + len(word) :], before)
    if base in _NOT_ORG_ACRONYMS or _identity_document(base, sentence, s):
        return i + 1
    if (_CAMEL.match(base) and not product) or (
        _ACRONYM.match(base)
        and not _currency_code(base, sentence, s)
        and not _era(base, sentence, s)
    ):
        known_orgs[base] = org_key(base)
        add("organization", s, s + len(base), known_orgs[base])
    return i + 1
