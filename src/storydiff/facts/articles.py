"""Names after a definite article in Spanish, Italian and Portuguese: clubs and companies
("El Barcelona", "la Juventus", "contro l'Atalanta", "A Petrobras")."""

from __future__ import annotations

import re
from functools import cache

from storydiff.facts.base import fold
from storydiff.facts.names import (
    _BODIES,
    _PERSON_TITLES,
    _TITLE_WORDS,
    _UP,
    _common_capitalised,
)
from storydiff.facts.organizations import club_key, org_key
from storydiff.facts.places import place_key

# "El Barcelona fichó", "la Juventus ha esonerato", "contro l'Atalanta", "A Petrobras
# anunciou". These languages give no article to people or to cities, so a capitalised
# word after one is a club, a company, a body, a country or region (the gazetteer knows
# those), or one of a few other things listed below: rivers and seas, holidays, events,
# documents and offices. A city after the article is its football club ("il Milan" is AC
# Milan, "o Benfica"), except the few cities that take the article ("no Porto"). Names
# that include their article ("La Haya", "Il Cairo", "La Spezia") are looked up whole
# first.
_ARTICLE_NAME_LANGS = {"es", "it", "pt"}
# Cities that take the article in running text: there it is the city ("no Porto").
_CITIES_WITH_ARTICLE = {"pt": {"porto", "rio", "recife", "cairo"}, "it": {"cairo"}}
_ARTICLES_BEFORE_NAMES = {
    "es": "el la los las del al",
    "it": "il lo la i gli le del dello della dei degli delle al allo alla dal dallo dalla"
    " nel nello nella sul sulla",
    "pt": "o a os as do da dos das no na nos nas ao pelo pela",
}
# "of" fused with an article: after a capitalised word it joins one name ("Monte dei
# Paschi", "Banco do Brasil"), where "dal" (from) after a name does not ("Giménez dal
# Feyenoord")
_OF_ARTICLES = set("del dello della dei degli delle do da dos das".split())
_NAME_GOES_ON = re.compile(rf"(?:de|del|di|della|dei|do|da|dos|das)\s+[{_UP}]|d['’][{_UP}]")
_ELIDED_ARTICLE = re.compile(r"(?:^|(?<=\s))(?:[Ll]|[Dd]ell|[Aa]ll|[Dd]all|[Nn]ell|[Ss]ull)['’]")
_NOT_NAMES_AFTER_ARTICLE = set(
    # water: "il Po", "el Ebro", "nel Mediterraneo"
    "po tevere arno adige piave ebro tajo tejo duero douro guadalquivir danubio reno rin"
    " senna sena nilo amazonas volga mediterraneo mediterráneo mediterrâneo atlantico"
    " atlántico atlântico pacifico pacífico baltico báltico adriatico egeo tirreno caribe"
    # holidays, events, documents, eras, weather
    " navidad natale natal pascua pasqua páscoa ramadán ramadan covid brexit mundial"
    " mondiale mondiali eurocopa europei olimpiadi juegos giochi jogos constitución"
    " costituzione constituição dana niño niña medioevo renacimiento rinascimento"
    # offices and common institutional nouns that stand for no one body
    " rey re rei reina regina rainha papa príncipe principe presidente presidenta"
    " ministro ministra premier primer primeiro estado stato sindaco alcalde prefeito"
    " gobierno governo"
    # seats of government standing for it ("ricevuto al Quirinale")
    " quirinale viminale farnesina eliseo cremlino moncloa zarzuela planalto"
    # markets and rates
    " ibex euríbor euribor bolsa borsa ftse dax".split()
)


@cache
def _after_article(lang: str) -> re.Pattern[str]:
    """An article of ``lang`` (group 1) and the capitalised word after it (group 2)."""
    articles = "|".join(_ARTICLES_BEFORE_NAMES[lang].split())
    article = rf"(?:(?:^|(?<=\s))(?i:{articles})\s+|{_ELIDED_ARTICLE.pattern})"
    return re.compile(rf"({article})([{_UP}][\w’'&-]+)(?=([\s,.;:)]|$))")


def _names_after_article(sentence: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each single capitalised name after a definite article that
    is a club or an organisation (see above)."""
    found = []
    for m in _after_article(lang).finditer(sentence):
        name, article = m.group(2), m.group(1)
        if article[:1].isupper() and sentence[: m.start()].strip():
            continue  # "a El Hierro", "de La Spezia": the article is part of a place's name
        before = sentence[: m.start()].split()
        after = sentence[m.end() :].lstrip()
        if (
            after[:1].isupper()  # "el Banco Santander": a longer name
            or re.match(_NAME_GOES_ON, after)  # "el Banco de España", "la Banca d'Italia"
            or (before and before[-1][:1].isupper() and fold(article) in _OF_ARTICLES)
            or name.isupper()  # acronyms have their own rules
            or name.lower() in _NOT_NAMES_AFTER_ARTICLE
            or place_key(f"{article.strip()} {name}")  # "La Haya", "Il Cairo"
            or place_key(f"{article}{name}")  # "L'Aquila"
        ):
            continue
        key = place_key(name)
        if key is not None:  # a city's club, even where the city is a first name (Milan)
            if key.startswith("city:") and name.lower() not in _CITIES_WITH_ARTICLE.get(lang, ()):
                found.append((m.start(2), m.end(2), club_key(name)))
        elif not (
            name.lower() in _BODIES
            or name.lower() in _TITLE_WORDS
            or _common_capitalised(name, lang)
            or re.fullmatch(_PERSON_TITLES, name)
        ):
            found.append((m.start(2), m.end(2), org_key(name)))
    return found
