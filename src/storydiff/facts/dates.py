"""Dates: absolute, partial, weekdays and relative expressions, normalised.

Month and weekday names come from CLDR through babel for each language, so "26.
September 2024", "le 26 septembre", "September 26, 2024", "26/09/2024" all become
"2024-09-26"; "le 26 septembre" without a year becomes "--09-26" (ISO 8601's month-day
form) and is resolved with the article's year when the article date is known. Weekdays
("am Mittwoch", "mercredi", "on Wednesday") and relative expressions ("letztes Jahr",
"l'année dernière", "later this year") become markers such as ``{"marker": "weekday:3"}``
with ``"resolved"`` set when the article date is known: news refers to the most recent
such weekday on or before the publication day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from babel import Locale

from storydiff.facts.base import Found, caseless, fold, has_digit
from storydiff.facts.numbers import ordinal_value
from storydiff.tables import alternation, regex

_LANGS = ("en", "de", "fr", "es", "it", "nl", "pt")
# the locales whose month names are read: the languages, and Austrian German's own
# ("Jänner", "Jän.": CLDR de_AT); the other regional locales of these languages name
# their months as the language does
_NAME_LOCALES = (*_LANGS, "de_AT")

# Relative expressions per language: (pattern, unit, offset). Written here because CLDR's
# relative-time data covers "last year" but not the inflected forms news uses, and per
# language because the same word differs ("hier" is yesterday in French, here in German).
_RELATIVE: dict[str, list[tuple[str, str, int]]] = {
    "en": [
        (r"last year", "year", -1),
        (r"(?:later |earlier )?this year", "year", 0),
        (r"next year", "year", 1),
        (r"last month", "month", -1),
        (r"next month", "month", 1),
        (r"last week", "week", -1),
        (r"next week", "week", 1),
        (r"yesterday", "day", -1),
        (r"today", "day", 0),
        (r"tomorrow", "day", 1),
    ],
    "de": [
        (r"letztes jahr|letzten jahres|im vergangenen jahr|vergangenes jahr", "year", -1),
        (r"(?:später )?in diesem jahr|dieses jahr|diesen jahres|im laufe dieses jahres", "year", 0),
        (r"nächstes jahr|nächsten jahr|im kommenden jahr", "year", 1),
        (r"(?:im )?letzten monat|vergangenen monat", "month", -1),
        (r"nächsten monat", "month", 1),
        (r"letzte woche|vergangene woche|in der vergangenen woche", "week", -1),
        (r"nächste woche|in der kommenden woche|kommende woche|in der nächsten woche", "week", 1),
        (r"gestern", "day", -1),
        (r"heute", "day", 0),
        (r"morgen", "day", 1),
    ],
    "fr": [
        (r"l['’]année dernière|l['’]an dernier|l['’]an passé", "year", -1),
        (r"(?:plus tard )?cette année", "year", 0),
        (r"l['’]année prochaine|l['’]an prochain", "year", 1),
        (r"(?:du |le )?mois dernier", "month", -1),
        (r"le mois prochain", "month", 1),
        (r"la semaine dernière", "week", -1),
        (r"la semaine prochaine", "week", 1),
        (r"hier", "day", -1),
        (r"aujourd['’]hui", "day", 0),
        (r"demain", "day", 1),
    ],
    "es": [
        (r"el año pasado", "year", -1),
        (r"este año", "year", 0),
        (r"el próximo año|el año que viene", "year", 1),
        (r"el mes pasado", "month", -1),
        (r"la semana pasada", "week", -1),
        (r"la próxima semana|la semana que viene", "week", 1),
        (r"ayer", "day", -1),
        (r"hoy", "day", 0),
        (r"mañana", "day", 1),
    ],
    "it": [
        (r"l['’]anno scorso", "year", -1),
        (r"quest['’]anno", "year", 0),
        (r"l['’]anno prossimo", "year", 1),
        (r"il mese scorso", "month", -1),
        (r"la settimana scorsa", "week", -1),
        (r"la settimana prossima|la prossima settimana", "week", 1),
        (r"ieri", "day", -1),
        (r"oggi", "day", 0),
        (r"domani", "day", 1),
    ],
    "nl": [
        (r"vorig jaar|vorige jaar", "year", -1),
        (r"dit jaar", "year", 0),
        (r"volgend jaar", "year", 1),
        (r"vorige maand", "month", -1),
        (r"vorige week", "week", -1),
        (r"volgende week", "week", 1),
        (r"gisteren", "day", -1),
        (r"vandaag", "day", 0),
    ],
    "pt": [
        (r"(?:n)?o ano passado", "year", -1),
        (r"este ano", "year", 0),
        (r"no próximo ano", "year", 1),
        (r"no mês passado", "month", -1),
        (r"ontem", "day", -1),
        (r"hoje", "day", 0),
        (r"amanhã", "day", 1),
    ],
}


@lru_cache(maxsize=8)
def _names(lang: str) -> tuple[dict[str, int], dict[str, int]]:
    """Month and weekday names (wide and abbreviated, all languages, lower case) ->
    number. All languages are merged: a French text may quote an English date."""
    months: dict[str, int] = {}
    days: dict[str, int] = {}
    for code in dict.fromkeys((lang, *_NAME_LOCALES)):
        names = _locale_names(code)
        if names is None:
            continue
        for is_month, num, name in names:
            if is_month:
                months.setdefault(name.lower().rstrip("."), num)
            else:
                days.setdefault(name.lower(), num + 1)  # babel: Monday = 0
    # abbreviations that are ordinary words elsewhere ("two years ago", "mar" = sea,
    # "set", "gen") would make false dates: only ``_abbreviations_in_dates`` reads them
    for word in _WORD_ABBREVIATIONS:
        months.pop(word, None)
    months["sept"] = 9
    return months, days


# Month abbreviations that are also words: "ago" (English; Italian for needle), "mar"
# (sea), "set" (English; Italian for a tennis set), "dez" (Portuguese ten), "gen"
# (general, generation), "ott", "nov". Each is read only in the language whose CLDR
# abbreviation it is, only after a day in digits, and only before a year ("3 set.
# 2008", "3. Nov. 2008"); "dez", "ott" and "nov" also with their full stop ("3 ott.",
# "12. Dez.") and, in English, before the day ("Nov. 3").
_WORD_ABBREVIATIONS = ("ago", "mar", "set", "gen", "dez", "ott", "nov")
_COMMON_WORDS = frozenset({"ago", "mar", "set", "gen"})


@lru_cache(maxsize=8)
def _abbreviations_in_dates(lang: str) -> dict[str, int]:
    """The ``_WORD_ABBREVIATIONS`` that CLDR gives as a month's abbreviation in ``lang``
    itself (not in the other languages ``_names`` merges: "Gen. 4" is no date in
    English) -> month number."""
    out: dict[str, int] = {}
    for is_month, num, name in _locale_names(lang) or ():
        word = name.lower().rstrip(".")
        if is_month and word in _WORD_ABBREVIATIONS:
            out.setdefault(word, num)
    return out


@lru_cache(maxsize=8)
def _month_numbers(lang: str) -> dict[str, int]:
    """Every month name and abbreviation the patterns of ``lang`` take -> month number."""
    return {**_abbreviations_in_dates(lang), **_names(lang)[0]}


def _locale_names(code: str) -> list[tuple[bool, int, str]] | None:
    """CLDR's month and weekday names of one locale as ``_names`` reads them, in order:
    (is a month, number, name); None for a locale babel does not know. Kept in the
    tables cache (``storydiff.tables``): loading babel's locale data for eight languages
    was a tenth of a cold ``storydiff compare``."""
    import babel

    from storydiff.tables import cached

    def build() -> list[tuple[bool, int, str]] | None:
        try:
            loc = Locale.parse(code)
        except Exception:
            return None
        out: list[tuple[bool, int, str]] = []
        for ctx in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                out += [(True, num, name) for num, name in loc.months[ctx][width].items()]
                out += [(False, num, name) for num, name in loc.days[ctx]["wide"].items()]
        return out

    return cached("babel-dates", f"{code} babel {babel.__version__}", build)


@lru_cache(maxsize=16)
def _wide_month_names(code: str) -> tuple[tuple[int, str], ...]:
    """CLDR's full month names of one locale, (number 1-12, name), the format names
    before the stand-alone ones."""
    loc = Locale.parse(code)
    return tuple(
        (num, name)
        for ctx in ("format", "stand-alone")
        for num, name in loc.months[ctx]["wide"].items()
    )


@lru_cache(maxsize=1)
def _wide_months() -> frozenset[str]:
    """Full month names in every language (an abbreviation alone is no month)."""
    return frozenset(n.lower() for code in _NAME_LOCALES for _, n in _wide_month_names(code))


@lru_cache(maxsize=8)
def _full_months(lang: str) -> frozenset[str]:
    """The full month names of one language, folded: a full stop after one ends the
    sentence, where after an abbreviation ("may." is Spanish for "mayo") it is the
    abbreviation's."""
    import babel

    from storydiff.tables import cached

    def build() -> list[str]:
        codes = [c for c in _NAME_LOCALES if c.split("_")[0] == lang]
        return sorted({fold(name) for code in codes for _, name in _wide_month_names(code)})

    # kept in the tables cache, as ``_locale_names``: babel's locale data is slow to load
    return frozenset(cached("babel-full-months", f"{lang} babel {babel.__version__}", build))


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Full month names of every language, folded (accents and case removed) -> month
    number 1-12 ("oktober" -> 10, "fevrier" -> 2)."""
    out: dict[str, int] = {}
    for code in _NAME_LOCALES:
        for num, name in _wide_month_names(code):
            out.setdefault(fold(name), num)
    return out


# Days written as ordinal words before a month: "am ersten November", "the first of May"
# is rarer than "May 1", "le premier mars", "el primero de mayo", "il primo maggio".
_ORDINAL_DAYS = {
    **dict.fromkeys(("ersten", "erster", "erste", "first", "premier", "primero", "primo"), 1),
    **dict.fromkeys(("zweiten", "second", "deuxième"), 2),
    **dict.fromkeys(("dritten", "third", "troisième"), 3),
    **dict.fromkeys(("vierten", "fourth"), 4),
    **dict.fromkeys(("fünften", "fifth"), 5),
}


@lru_cache(maxsize=8)
def _patterns(lang: str) -> dict[str, re.Pattern[str]]:
    """The date patterns of a language; those holding its month and day names are large,
    so their compiled programs are read back from the tables cache (``tables.regex``)."""
    months, days = _names(lang)
    month = alternation(months)
    day = alternation(days)
    flags = re.IGNORECASE
    # an abbreviation that is also a word, where it can only be a month (see
    # _WORD_ABBREVIATIONS): before a year, or (the less common words) with its full stop
    words = _abbreviations_in_dates(lang)
    year_after = r"\.?\s+(?:de\s+)?(?:1[89]|20)\d\d(?!\d)"
    if words:
        dotted = alternation(w for w in words if w not in _COMMON_WORDS) or "(?!)"
        month_day = rf"{month}|(?:{alternation(words)})(?={year_after})|(?:{dotted})(?=\.)"
        # before a day in digits and a year: "Mar. 3, 2008"
        day_year_after = r"\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:1[89]|20)\d\d(?!\d)"
        month_first = rf"{month}|(?:{alternation(words)})(?={day_year_after})|(?:{dotted})(?=\.)"
        month_year = rf"{month}|(?:{dotted})(?=\.)"  # "Nov. 2008"
    else:
        month_day = month_first = month_year = month
    return {
        # 26. September 2024 / 26 septembre 2024 / le 1er mars / 3 de marzo de 2024
        "dmy": regex(
            rf"(?<![\d\w])(?P<d>[0-3]?\d|(?<!-)(?:{alternation(_ORDINAL_DAYS)}))(?:\.\s*|(?:er|º|°)?\s+)"
            rf"(?:de\s+|of\s+)?(?P<m>{month_day})\.?"
            rf"(?:\s+(?:de\s+)?(?P<y>(?:1[89]|20)\d\d))?(?!\w)",
            flags,
        ),
        # September 26, 2024 / September 26 / November first (an ordinal word, read by
        # text2num: ``ordinal_value``)
        "mdy": regex(
            rf"(?<!\w)(?P<m>{month_first})\.?\s+(?P<d>[0-3]?\d|[a-z]+(?:-[a-z]+)?)(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:1[89]|20)\d\d))?"
            r"(?![\w]|[.,]\d)",  # "Januar 2,99 Millionen" is no date
            flags,
        ),
        # September 2024 / septembre 2024 / junio de 2010 / giugno del 2010
        "my": regex(
            rf"(?<!\w)(?P<m>{month_year})\.?\s+(?:de\s+|del\s+)?(?P<y>(?:1[89]|20)\d\d)(?!\d)",
            flags,
        ),
        # 26/09/2024, 26.09.2024, 2024-09-26
        "numeric": re.compile(
            r"(?<![\d.])(?:(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:1[89]|20)\d\d)"
            r"|(?P<y2>(?:1[89]|20)\d\d)-(?P<m2>[01]\d)-(?P<d2>[0-3]\d))(?![\d])"
        ),
        # "in March", "im März", "en mars", "nel mese di aprile": a month alone needs the
        # preposition, because "march", "may" and "mars" are also ordinary words
        "month": regex(
            rf"(?<!\w)(?:in|im|en|a|ad|nel|nello|en el mes de|em|lo scorso|last|this|"
            rf"seit|depuis|desde|dal|since|until|bis|jusqu['’]en|hasta|by|to|from|before|after"
            rf"|through|ab|vor|Anfang|Ende|Mitte|fin|début|avant|après|finales de|of"
            rf"|principios de|antes de|entro|fine|inizio|partir de|partire da|de|mois de"
            # the opening and closing prepositions of a range: "von Januar bis März", "de
            # janvier à mars", "da aprile a giugno", "entre mayo y junio" (both months)
            rf"|von|da|à|entre|zwischen|between)"
            rf"\s+(?P<m>{month})(?!\w)"
            # "mi-octobre", "le dernier week-end d'octobre", "alla fine dell'ottobre"
            rf"|(?<!\w)(?:mi-|d['’]|dell['’])(?P<m2>{month})(?!\w)",
            flags,
        ),
        "weekday": regex(rf"(?<!\w)(?P<w>{day})(?!\w)", flags),
        "year": re.compile(r"(?<![\w.,\d])(?P<y>(?:1[89]|20)\d\d)(?![\w.,]?\d)"),
    }


@lru_cache(maxsize=8)
def _relative(lang: str) -> list[tuple[re.Pattern[str], str, int]]:
    """The relative dates of a language (``_RELATIVE``) as whole-word patterns, compiled
    once: a sentence that holds one (``_any_relative``) is read by each of them."""
    return [
        (re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE), unit, offset)
        for pattern, unit, offset in _RELATIVE.get(lang, [])
    ]


@lru_cache(maxsize=8)
def _any_relative(lang: str) -> re.Pattern[str] | None:
    """One pattern that matches wherever one of ``_relative(lang)`` does (their
    alternation, with the same whole-word bounds), or None for a language without them:
    most sentences hold no relative date, and one search tells so where ten did."""
    patterns = [pattern for pattern, _, _ in _RELATIVE.get(lang, [])]
    if not patterns:
        return None
    either = "|".join(f"(?:{pattern})" for pattern in patterns)
    return re.compile(rf"(?<!\w)(?:{either})(?!\w)", re.IGNORECASE)


# Words after which a month and an ordinal in words are a date ("on November first",
# "until March twenty-first"): elsewhere the month may be a person ("Theresa May first
# proposed"), the verb ("the court may first hear") or a month before an adjective ("in
# March second homes sold").
_BEFORE_WORD_DAY = re.compile(
    r"(?:^|[,;:(\u2013\u2014]|(?<!\w)(?:on|by|until|till|since|from|before|after|through|to"
    r"|and|or|of|between|(?:mon|tues|wednes|thurs|fri|satur|sun)day))[\s\"'“‘]*$",
    re.IGNORECASE,
)


# English months that are also common words ("16 may lose", "march on"): written in
# lower case, they are months only before a year or after a preposition of time
_ENGLISH_WORD_MONTHS = frozenset({"may", "march", "august"})
_TIME_PREPOSITION = re.compile(
    r"(?<!\w)(?:on|by|until|till|since|from|before|after|through)\s+$", re.IGNORECASE
)


def _lower_case_word(sentence: str, m: re.Match[str], lang: str | None, year: bool) -> bool:
    """Is the month word of ``m`` (group "m") in an English or German sentence a word
    rather than a month? English and German capitalise months, and the month names of all
    languages are merged, so a lower-case one is a month only when it is a full month name
    ("am 3. mai", "le 16 mai 2009" quoted), not an abbreviation that is a word ("16 out of
    34": Portuguese "out.", "12 lug nuts": Italian "lug"), and an English one that is also
    a word ("may", "march") only before a year or after a preposition of time ("on may
    3")."""
    name = m.group("m")
    if lang not in {"en", "de"} or name[:1].isupper():
        return False
    word = name.lower().rstrip(".")
    if word not in _wide_months():
        return True
    if word in _ENGLISH_WORD_MONTHS and not year:
        return not _TIME_PREPOSITION.search(sentence, max(0, m.start() - 12), m.start())
    return False


def _not_a_day(sentence: str, m: re.Match[str], key: str, word: str, lang: str | None) -> bool:
    """Is this month and day no date: an ordinal in words after a month that opens no date
    ("Theresa May first", "may first", "In March second"), a figure before "of" ("12 of
    May's ministers") or a day of a possessive ("the first of May's speeches")?"""
    if sentence[m.end() : m.end() + 2] in {"'s", "\u2019s"}:
        return True
    if key == "dmy":
        if not word.isdigit():
            # English "a second September 11th": a day in figures after the month is the
            # day, the ordinal in words before it counts the events. Not with "of" ("the
            # fourth of July 3 people drowned"), nor where the ordinal word is the day
            # itself ("le premier mai 2 000 personnes", "am ersten Mai 3 Verletzte")
            return (
                lang == "en"
                and re.search(r"\sof\s", m.group(0)) is None
                and _DAY_AFTER_MONTH.match(sentence, m.end()) is not None
            )
        return re.search(r"\sof\s", m.group(0)) is not None
    if word.isdigit():
        return False
    return not m.group("m")[:1].isupper() or not _BEFORE_WORD_DAY.search(
        sentence, max(0, m.start() - 40), m.start()
    )


# a day in figures right after a month ("September 11th", "May 1,"), not a year
_DAY_AFTER_MONTH = re.compile(r"\.?\s+[0-3]?\d(?:st|nd|rd|th|er|º)?(?![\d\w])")

_WORDS = re.compile(r"\w+")


@lru_cache(maxsize=8)
def _name_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(month names and abbreviations, ``_month_numbers(lang)``, and the first word of each
    weekday name of ``_names(lang)``), each as ``caseless`` writes it: what ``_named``
    looks for among a sentence's words."""
    days = _names(lang)[1]
    return (
        frozenset(caseless(m) for m in _month_numbers(lang)),
        frozenset(caseless(d).split("-")[0] for d in days),
    )


def _named(sentence: str, lang: str) -> tuple[bool, bool]:
    """(may a month name stand in ``sentence``, may a weekday name): False where no word
    of the sentence is one, so that the patterns built on them cannot match. Every
    pattern takes a month name as a whole word (no letter, digit or underscore on either
    side), and a weekday name's first word too ("sexta-feira"); ``caseless`` makes a word
    that an ``re.IGNORECASE`` pattern matches equal to the name. Nine sentences in ten
    name neither, and the month and weekday patterns (alternations of some 200 names,
    tried at every character) were most of the time spent on dates."""
    words = set(caseless(" ".join(_WORDS.findall(sentence))).split())
    months, days = _name_words(lang)
    return not words.isdisjoint(months), not words.isdisjoint(days)


def find_dates(sentence: str, lang: str | None, article_date: date | None = None) -> list[Found]:
    days = _names(lang or "en")[1]
    # the patterns take an abbreviation that is also a word only where it is a month
    months = _month_numbers(lang or "en")
    word_months = _abbreviations_in_dates(lang or "en")
    pats = _patterns(lang or "en")
    out: list[Found] = []
    has_month, has_weekday = _named(sentence, lang or "en")

    def add(m: re.Match[str], value) -> None:
        end = m.end()
        if (
            m.group(0).endswith(".")
            and "m" in m.re.groupindex
            and fold(m.group("m")) in _full_months(lang or "en")
        ):
            end -= 1  # "hasta el 16 de octubre.": the sentence's full stop, no abbreviation's
        out.append(Found("date", m.start(), end, sentence[m.start() : end], value))

    # the numeric dates, "September 26" and "September 2024" and a year alone hold digits:
    # three in four sentences have none, and need not be read for them
    has_digits = has_digit(sentence)
    for m in pats["numeric"].finditer(sentence) if has_digits else ():
        y = int(m.group("y") or m.group("y2"))
        mo = int(m.group("m") or m.group("m2"))
        d = int(m.group("d") or m.group("d2"))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            add(m, f"{y:04d}-{mo:02d}-{d:02d}")
    # "März 12 Menschen": the day after the month only in English
    keys = ("dmy", "mdy") if lang in {None, "en"} else ("dmy",)
    for key in keys if has_month else ():
        for m in pats[key].finditer(sentence):
            name = m.group("m").lower().rstrip(".")
            mo = months.get(name)
            word = m.group("d").lower()
            if not word.isdigit() and name in word_months:
                continue  # "the first Gen. Z voters", "il primo set 2006 punti"
            if _lower_case_word(sentence, m, lang, bool(m.group("y"))):
                continue
            d = _ORDINAL_DAYS.get(word) or (
                int(word) if word.isdigit() else ordinal_value(word, lang or "en") or 0
            )
            if not mo or not 1 <= d <= 31 or _not_a_day(sentence, m, key, word, lang):
                continue
            if m.group("y"):
                add(m, f"{int(m.group('y')):04d}-{mo:02d}-{d:02d}")
            elif article_date:
                add(
                    m,
                    {
                        "marker": f"--{mo:02d}-{d:02d}",
                        "resolved": f"{article_date.year:04d}-{mo:02d}-{d:02d}",
                    },
                )
            else:
                add(m, f"--{mo:02d}-{d:02d}")
    for m in pats["my"].finditer(sentence) if has_digits and has_month else ():
        mo = months.get(m.group("m").lower().rstrip("."))
        if mo and not _lower_case_word(sentence, m, lang, True):
            add(m, f"{int(m.group('y')):04d}-{mo:02d}")
    for m in pats["month"].finditer(sentence) if has_month else ():
        group = "m" if m.group("m") else "m2"
        mo = months.get(m.group(group).lower().rstrip("."))
        if not mo or (lang in {"en", "de"} and not m.group(group)[:1].isupper()):
            continue  # English and German capitalise months: "in march" is no date
        if lang in {"fr", "es", "it", "pt", "nl"} and m.group(group)[:1].isupper():
            continue  # ... and the others do not: "la planète de Mars" is no date
        if m.group(group).lower() not in _wide_months():
            continue  # alone, an abbreviation is a word ("après sept jours": seven)
        out.append(Found("date", m.start(group), m.end(), m.group(group), f"--{mo:02d}"))
    for m in pats["year"].finditer(sentence) if has_digits else ():
        add(m, m.group("y"))
    for m in pats["weekday"].finditer(sentence) if has_weekday else ():
        wd = days[m.group("w").lower()]
        value: dict = {"marker": f"weekday:{wd}"}
        if article_date:
            back = (article_date.isoweekday() - wd) % 7
            value["resolved"] = (article_date - timedelta(days=back)).isoformat()
        add(m, value)
    relative = _any_relative(lang or "en")
    if relative is None or not relative.search(sentence):
        return _longest_first(out)
    for pattern, unit, offset in _relative(lang or "en"):
        for m in pattern.finditer(sentence):
            value = {"marker": f"{unit}{offset:+d}"}
            if article_date:
                value["resolved"] = _resolve(article_date, unit, offset)
            add(m, value)
    return _longest_first(out)


def _resolve(day: date, unit: str, offset: int) -> str:
    if unit == "year":
        return f"{day.year + offset:04d}"
    if unit == "month":
        month = day.month + offset
        year = day.year + (month - 1) // 12
        return f"{year:04d}-{(month - 1) % 12 + 1:02d}"
    if unit == "week":
        return (day + timedelta(weeks=offset)).isoformat()
    return (day + timedelta(days=offset)).isoformat()


def _longest_first(found: list[Found]) -> list[Found]:
    """Among overlapping date matches keep the longest ("26. September 2024" over
    "September 2024" over "2024")."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if not any(f.start < k.end and k.start < f.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def date_key(value) -> str:
    """What two date facts must share to agree: the resolved date when there is one."""
    if isinstance(value, dict):
        return str(value.get("resolved") or value.get("marker"))
    return str(value)
