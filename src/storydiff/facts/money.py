"""Money: amount and ISO currency, in any of de/fr/en/es/it/nl/pt writing.

"6,5 Milliarden US-Dollar", "6,5 milliards de dollars", "$6.5bn", "5,8 Mrd. €",
"€134 billion", "plus de 150 milliards" (the currency of a bare amount is taken from the
nearest amount with a currency in the same sentence). Qualifiers ("more than", "über",
"près de", "up to") are kept as a field so that "über 150" and "plus de 150" agree.
Currency symbols and codes come from CLDR (babel); the currency *words* below are the
everyday names that CLDR lists only in their formal form ("US-Dollar" vs "dollars").
"""

from __future__ import annotations

import re
from functools import lru_cache

from storydiff.facts.base import Found, has_digit
from storydiff.facts.numbers import (
    NUMBER,
    ONE_WORDS,
    number_word,
    parse_number,
    range_start,
    scale_pattern,
    scale_value,
    tidy,
)
from storydiff.tables import alternation, cached, regex

_CURRENCY_WORDS: dict[str, str] = {
    "us-dollar": "USD",
    "us-dollars": "USD",
    "us dollars": "USD",
    "us dollar": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "dólares": "USD",
    "dólar": "USD",
    "dollari": "USD",
    "dollaro": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pfund": "GBP",
    "pfund sterling": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "livres sterling": "GBP",
    "livre sterling": "GBP",
    "livres": "GBP",
    "sterline": "GBP",
    "libras": "GBP",
    "franken": "CHF",
    "francs suisses": "CHF",
    "franc suisse": "CHF",
    "swiss francs": "CHF",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rubel": "RUB",
    "roubles": "RUB",
    "rubles": "RUB",
    # crowns: which one depends on the country (see _crown_currency)
    "kronen": "CROWN",
    "krone": "CROWN",
    "kroner": "CROWN",
    "kronor": "SEK",
    "couronnes": "CROWN",
    "couronne": "CROWN",
    "coronas": "CROWN",
    "corone": "CROWN",
    "reais": "BRL",
    "zloty": "PLN",
    "złoty": "PLN",
    "zlotys": "PLN",
    "forint": "HUF",
    "dollars américains": "USD",
    "dollars us": "USD",
}
_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    # dollars of other countries are no US dollars
    "r$": "BRL",
    "c$": "CAD",
    "ca$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "hk$": "HKD",
    "nz$": "NZD",
    "s$": "SGD",
    "mx$": "MXN",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "chf": "CHF",
    "fr.": "CHF",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "jpy": "JPY",
    "cny": "CNY",
    "sfr.": "CHF",
}
_QUALIFIERS: dict[str, str] = {
    "more than": "more_than",
    "over": "more_than",
    "über": "more_than",
    "mehr als": "more_than",
    "plus de": "more_than",
    "más de": "more_than",
    "oltre": "more_than",
    "più di": "more_than",
    "meer dan": "more_than",
    "mais de": "more_than",
    "upwards of": "more_than",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "rund": "about",
    "etwa": "about",
    "circa": "about",
    "ca.": "about",
    "environ": "about",
    "quelque": "about",
    "unos": "about",
    "alrededor de": "about",
    "cerca de": "about",
    "ongeveer": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "fast": "nearly",
    "knapp": "nearly",
    "près de": "nearly",
    "presque": "nearly",
    "casi": "nearly",
    "quasi": "nearly",
    "bijna": "nearly",
    "quase": "nearly",
    "up to": "up_to",
    "bis zu": "up_to",
    "jusqu'à": "up_to",
    "jusqu’à": "up_to",
    "hasta": "up_to",
    "fino a": "up_to",
    "tot": "up_to",
    "até": "up_to",
    "less than": "less_than",
    "under": "less_than",
    "weniger als": "less_than",
    "unter": "less_than",
    "moins de": "less_than",
    "menos de": "less_than",
    "meno di": "less_than",
    "minder dan": "less_than",
}


# A currency's full name says which one it is where its everyday word does not:
# "5 Mrd. tschechische Kronen", "Czech korunas", "dollars canadiens", "dólares
# estadounidenses". The names come from CLDR (babel's get_currency_name, singular and
# plural) for the currencies the conversion table knows, in the sentence's language and in
# English (quoted English names are common everywhere).
_NAME_LANGS = ("de", "en", "fr", "es", "it", "nl", "pt")
_GERMAN_ENDINGS = ("e", "en", "er", "es")


@lru_cache(maxsize=16)
def _currency_names(lang: str | None) -> dict[str, str]:
    """Lower-cased CLDR currency names of ``lang`` and English -> ISO code (kept in the
    disk cache: reading CLDR's locale data is a twentieth of a cold compare)."""
    import babel

    from storydiff.facts.rates import known_currencies

    codes = sorted(known_currencies())
    key = f"{lang} babel {babel.__version__} {' '.join(codes)}"
    return cached("currency-names", key, lambda: _read_currency_names(lang, codes))


def _read_currency_names(lang: str | None, codes: list[str]) -> dict[str, str]:
    from babel.numbers import get_currency_name

    langs = {"en", lang} & set(_NAME_LANGS)
    names: dict[str, str] = {}
    for code in codes:
        for loc in sorted(langs):
            for count in (1, 5):
                name = " ".join(get_currency_name(code, count, locale=loc).lower().split())
                names.setdefault(name, code)
                first, _, rest = name.partition(" ")
                if loc == "de" and rest and first.endswith(("e", "er")):
                    # the adjective declines: "mit 5 Mrd. tschechischen Kronen"
                    stem = first[:-2] if first.endswith("er") else first[:-1]
                    for ending in _GERMAN_ENDINGS:
                        names.setdefault(f"{stem}{ending} {rest}", code)
    return names


_CUR_WORD = alternation(_CURRENCY_WORDS)
_CUR_SYM = alternation(_SYMBOLS)
_QUAL = alternation(_QUALIFIERS)


@lru_cache(maxsize=16)
def _pattern(lang: str | None) -> re.Pattern[str]:
    scale = scale_pattern(lang)
    names = alternation(_currency_names(lang))
    return regex(
        rf"(?:(?P<qual>{_QUAL})\s+)?"
        rf"(?:(?P<presym>{_CUR_SYM})\s?)?"
        # a number word before a scale or a currency word: "zwölf Milliarden", "one euro"
        # (a whole word: bounded on both sides, so a long run of letters is scanned once)
        rf"(?:(?P<num>{NUMBER})|(?P<word>(?<![^\W\d_])[^\W\d_]{{3,}}(?![^\W\d_]))"
        rf"(?=\s+(?:{scale}|{_CUR_WORD})\b))"
        rf"(?:\s?(?P<scale>{scale})(?![\w]))?"
        rf"(?:\s?(?:de |d['’]|di )?(?P<cur>{names}|{_CUR_WORD}|{_CUR_SYM})(?![\w]))?",
        re.IGNORECASE,
    )


# "Kroner", "couronnes", "Kronen" name the Danish, Norwegian, Swedish, Czech and Icelandic
# currencies alike; the country named in the sentence decides ("Norway's fund ... 2.5
# trillion kroner"). Without one the amount keeps no currency rather than a guessed one.
_CROWN_COUNTRIES = (
    (re.compile(r"norw|norv|noruega|noorw", re.IGNORECASE), "NOK"),
    (
        re.compile(
            r"denmark|danish|dänemark|dänisch|danemark|danois|dinamarca|danimarca",
            re.IGNORECASE,
        ),
        "DKK",
    ),
    (
        re.compile(r"swed|schwed|suède|suédois|suecia|sueco|svezia|svedese|zweed", re.IGNORECASE),
        "SEK",
    ),
    (re.compile(r"czech|tschech|tchèque|checa|checo|ceca|ceco|tsjech", re.IGNORECASE), "CZK"),
    (re.compile(r"iceland|island|islande|islandia|islanda|ijsland", re.IGNORECASE), "ISK"),
)


def _crown_currency(sentence: str) -> str | None:
    hits = {code for pattern, code in _CROWN_COUNTRIES if pattern.search(sentence)}
    return hits.pop() if len(hits) == 1 else None


# Words for "one" that are no number alone ("one of", "un accord") but are before a
# currency or scale: "for one euro", "un milliard", "ein Euro".
_ONE = ONE_WORDS | {"einen", "einem"}  # inflected before a noun: "für einen Euro"


def _amount_word(word: str, lang: str | None) -> float | None:
    return 1.0 if word.lower() in _ONE else number_word(word, lang)


def _bracket_between(sentence: str, i: int, j: int) -> bool:
    return bool(set(sentence[min(i, j) : max(i, j)]) & set("()[]"))


@lru_cache(maxsize=16)
def _word_amount_cue(lang: str | None) -> re.Pattern[str]:
    """What ``_pattern`` needs after an amount written as a word, searched alone: a scale
    or currency word after a space ("zwölf Milliarden", "one euro")."""
    # from the first space of a run only: each space of a long run tried the rest of it
    return re.compile(rf"(?<!\s)\s+(?:{scale_pattern(lang)}|{_CUR_WORD})\b", re.IGNORECASE)


def find_money(sentence: str, lang: str | None) -> list[Found]:
    # an amount has a digit or, written as a word, a scale or currency word after it:
    # most sentences have neither, and these two searches are quicker than the amount
    # pattern, which tries its optional qualifiers and symbols at every character
    if not has_digit(sentence) and not _word_amount_cue(lang).search(sentence):
        return []
    found: list[tuple[re.Match[str], str | None]] = []
    for m in _pattern(lang).finditer(sentence):
        currency = _currency(m.group("presym")) or _currency(m.group("cur"), lang)
        if currency == "CROWN":
            currency = _crown_currency(sentence)
        if currency or (m.group("scale") and scale_value(m.group("scale"), lang) >= 1e6):
            found.append((m, currency))
    out = []
    for m, currency in found:
        if currency is None:
            # "entre 150 et 200 milliards d'euros", "2 billion yuan, 1.5 billion of it":
            # a bare large amount beside amounts with a currency shares theirs; otherwise
            # it is just a number. Not across a bracket: "11.2 billion euros (16.3 billion
            # U.S.)", "über 41 Milliarden (75,5 Milliarden US-Dollar)" give the amount in
            # another currency. An amount in crowns of no named country borrows nothing.
            known = [
                c
                for other, c in found
                if c and not _bracket_between(sentence, m.start(), other.start())
            ]
            if not known or m.group("cur"):
                continue
            currency = known[0]
        value = (
            parse_number(m.group("num"), lang)
            if m.group("num")
            else _amount_word(m.group("word"), lang)  # "zwölf Milliarden Euro", "one euro"
        )
        if value is None:
            continue
        amount = tidy(value * scale_value(m.group("scale"), lang))
        fact_value: dict = {"amount": amount, "currency": currency}
        if m.group("qual"):
            fact_value["qualifier"] = _QUALIFIERS[m.group("qual").lower()]
        start = m.start("qual") if m.group("qual") else m.start()
        # Dutch "30 tot 35 miljard": a range, not "up to"
        tot = bool(m.group("qual")) and m.group("qual").lower() == "tot"
        in_range = range_start(sentence, start, connector=False) if tot else None
        if in_range:
            del fact_value["qualifier"]
            start = (
                m.start("presym")
                if m.group("presym")
                else m.start("num" if m.group("num") else "word")
            )
        out.append(Found("money", start, m.end(), sentence[start : m.end()], fact_value))
        if in_range or (in_range := range_start(sentence, start)):
            # "30 bis 35 Milliarden Euro", "de 3 à 4 milliards", "20 to 25 euros": the first
            # number of a range takes the scale and currency written once after the second
            value = parse_number(in_range.group("first"), lang)
            if value is not None:
                first = {
                    "amount": tidy(value * scale_value(m.group("scale"), lang)),
                    "currency": currency,
                }
                s, e = in_range.span("first")
                # "€3 to €4 billion": the first amount, read alone as €3, is €3 billion
                out = [f for f in out if not (f.start <= s and e <= f.end)]
                out.append(Found("money", s, e, sentence[s:e], first))
    return out


def _currency(token: str | None, lang: str | None = None) -> str | None:
    if not token:
        return None
    t = " ".join(token.lower().split())
    return _currency_names(lang).get(t) or _CURRENCY_WORDS.get(t) or _SYMBOLS.get(t)
