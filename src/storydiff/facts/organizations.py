"""Organisations: the listed-company data built by ``scripts/build_organizations.py``
and the key organisations are compared by. Translated words are mapped to one vocabulary
before folding ("Mistral-KI" and "Mistral AI" both become ``mistral ai``; "Europäische
Kommission" and "Commission européenne" both ``european commission``), international
bodies to their English name, clubs to their places' names.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib.resources import files

from storydiff.facts.base import fold
from storydiff.facts.bodies import body_name
from storydiff.facts.names import _STOP_NAMES
from storydiff.facts.places import _place_names, place_key, place_label


@lru_cache(maxsize=1)
def _organizations() -> dict[str, str]:
    data = files("storydiff.facts").joinpath("data/organizations.json.gz").read_bytes()
    return json.loads(gzip.decompress(data))["names"]


def known_organization(name: str) -> str | None:
    """The short name of a listed company ("Siemens", "Air Liquide"), or None."""
    if not name[:1].isupper() or name in _STOP_NAMES:
        return None
    return _organizations().get(fold(name))


# Abbreviations of a club's kind, dropped from its key: "FC Bayern München" is "Bayern".
# Kinds and titles in club names that the press drops ("el Betis" is Real Betis, "el
# Valencia" Valencia CF); "Real Madrid" and "Atlético de Madrid" still differ by "atletico".
_CLUB_KIND_WORDS = {
    *"fc ac as sc sv vfb vfl rb ssc ogc rc cf cd ud sd rcd ca real".split(),
}
# Nationality adjectives that name national institutions, in storydiff's languages
# (German forms after org_key's inflection folding), to their English form: "Banque
# nationale suisse" = "Schweizerische Nationalbank" = "Swiss National Bank". CLDR has
# country names but no adjectives, so this short table is written by hand.
_DEMONYMS = {
    "swiss": ("schweizerische", "suisse", "suiza", "svizzera", "zwitserse"),
    "german": ("deutsche", "allemand", "allemande", "alemán", "alemana", "tedesco", "tedesca"),
    "french": ("französische", "francais", "francaise", "francés", "francesa", "francese"),
    "italian": ("italienische", "italien", "italienne", "italiano", "italiana"),
    "spanish": ("spanische", "espagnol", "espagnole", "español", "española", "spagnolo"),
    "austrian": ("österreichische", "autrichien", "autrichienne", "austriaco", "austriaca"),
    "dutch": ("niederländische", "néerlandais", "néerlandaise", "neerlandés", "olandese"),
    "belgian": ("belgische", "belge", "belga"),
    "british": ("britische", "britannique", "británico", "británica", "britannico"),
}
_DEMONYMS = {k: tuple(fold(f) for f in v) for k, v in _DEMONYMS.items()}
_DEMONYM_FORMS = {form for forms in _DEMONYMS.values() for form in forms}
_ORG_TRANSLATE = {
    "ki": "ai",
    "ia": "ai",
    "kommission": "commission",
    "comision": "commission",
    "commissione": "commission",
    "europaische": "european",
    "europaischen": "european",
    "europeenne": "european",
    "europeen": "european",
    "europea": "european",
    "europeo": "european",
    "rat": "council",
    "conseil": "council",
    "consejo": "council",
    "parlament": "parliament",
    "parlement": "parliament",
    "parlamento": "parliament",
    "ministerium": "ministry",
    "ministere": "ministry",
    "universitat": "university",
    "universite": "university",
    "banque": "bank",
    "banca": "bank",
    "gruppe": "group",
    "groupe": "group",
    "stiftung": "foundation",
    "fondation": "foundation",
    "agentur": "agency",
    "agence": "agency",
    "zentralbank": "central bank",
    "assemblee": "assembly",
    "asamblea": "assembly",
    "assemblea": "assembly",
    "banco": "bank",
    "centrale": "central",
    "zentrale": "central",
    "vw": "volkswagen",
    "nationalbank": "national bank",
    "nationale": "national",
    "nazionale": "national",
    "nacional": "national",
    **{form: english for english, forms in _DEMONYMS.items() for form in forms},
    # the police, credited in every language ("police said", "laut Polizei", "según la policía")
    "polizei": "police",
    "policia": "police",
    "polizia": "police",
    "politie": "police",
}
_LEADING_ARTICLES = {
    "los",
    "las",
    "gli",
    "der",
    "die",
    "das",
    "dem",
    "den",
    "des",
    "the",
    "le",
    "la",
    "les",
    "l",
    "el",
    "il",
    "lo",
    "de",
    "het",
    "du",
    "al",
    "del",
    "o",  # Portuguese: "o Instituto Nacional de Estatística", "A Bola"
    "a",
    "os",
    "as",
}


def club_key(name: str) -> str:
    """A club's key: its words without the kind abbreviation, each place name under the
    gazetteer's name for it, so "FC Bayern München" and "Bayern Munich" are one club, and
    "Atlético de Madrid" and "Atletico Madrid" too."""
    words = [w for w in name.split() if fold(w) not in _CLUB_KIND_WORDS | {"de", "del"}]
    return " ".join(_short_label(key) if (key := place_key(w)) else fold(w) for w in words)


def _short_label(key: str) -> str:
    """The place's shortest name that its label starts with: "frankfurt" for Frankfurt am
    Main, so that "Eintracht Frankfurt" keys as written in every language."""
    label = fold(place_label(key))
    names = [n for n in _place_names().get(key, []) if label.startswith(f"{n} ")]
    return min(names, key=len, default=label)


def org_key(name: str) -> str:
    words = fold(name).split()
    if len(words) > 1 and words[0] == "des" and not known_organization(name.split(" ", 1)[1]):
        # German genitive: "des Deutschen Wetterdienstes" is the Deutscher Wetterdienst
        last = words[-1]
        words[-1] = last[:-2] if last.endswith("es") and len(last) > 6 else last.rstrip("s")
    while words and words[0] in _LEADING_ARTICLES:
        words = words[1:]
    if body := body_name(" ".join(words)):
        return fold(body)  # "OMS", "Weltgesundheitsorganisation" -> "world health organization"
    # German adjectives inflect ("der Deutschen Bank"): use the base form before a noun
    last = len(words) - 1
    words = [
        w[:-1]
        if i < last
        and w.endswith(("en", "er", "es", "em"))
        and w[:-1].endswith("e")
        and not place_key(w.capitalize())  # "Manchester United" keeps its r
        and not place_key(w[:-2].capitalize())  # so do "Hamburger Abendblatt", "Berliner"
        else w
        for i, w in enumerate(words)
    ]
    # a nationality is translated only in a generic institution's name ("Banque nationale
    # suisse"), not in a brand that keeps its words in every language ("Deutsche Bank")
    generic = any(w not in _DEMONYM_FORMS and _ORG_TRANSLATE.get(w, w) != w for w in words)
    return " ".join(
        w if w in _DEMONYM_FORMS and not generic else _ORG_TRANSLATE.get(w, w) for w in words
    )
