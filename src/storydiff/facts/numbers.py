"""Numbers as written in de/fr/en/es/it/nl/pt, and the number and percent facts.

Decimal and grouping symbols come from CLDR through babel (de "1.234,5", en "1,234.5",
fr "1 234,5"). A lone separator followed by exactly three digits is a group separator
when it is the locale's group symbol ("2.400" is 2400 in German, 2.4 in English).
Scale words ("Milliarden", "milliards", "bn", "Mrd.", "mil millones") multiply; German
and French "Billion/billion" are 10^12, English "billion" is 10^9. Number words
("zwei", "treize", "a dozen") go through text2num, which knows these languages.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from itertools import compress, repeat

from babel.numbers import get_decimal_symbol, get_group_symbol

from storydiff.facts.base import Found
from storydiff.facts.measures import unit_after

# Scale words by language; "billion" is 10^9 in English, 10^12 in German and French.
_SCALES: dict[str, dict[str, float]] = {
    "en": {
        "thousand": 1e3,
        "k": 1e3,
        "million": 1e6,
        "millions": 1e6,
        "mn": 1e6,
        "m": 1e6,
        "mln": 1e6,
        "billion": 1e9,
        "billions": 1e9,
        "bn": 1e9,
        "b": 1e9,
        "trillion": 1e12,
        "tn": 1e12,
    },
    "de": {
        "tausend": 1e3,
        "tsd.": 1e3,
        "million": 1e6,
        "millionen": 1e6,
        "mio.": 1e6,
        "mio": 1e6,
        "milliarde": 1e9,
        "milliarden": 1e9,
        "mrd.": 1e9,
        "mrd": 1e9,
        "billion": 1e12,
        "billionen": 1e12,
        "bio.": 1e12,
    },
    "fr": {
        "mille": 1e3,
        "million": 1e6,
        "millions": 1e6,
        "m": 1e6,
        "md": 1e9,
        "mds": 1e9,
        "mrd": 1e9,
        "milliard": 1e9,
        "milliards": 1e9,
        "billion": 1e12,
        "billions": 1e12,
    },
    "es": {
        "mil": 1e3,
        "millón": 1e6,
        "millones": 1e6,
        "mil millones": 1e9,
        "millardo": 1e9,
        "millardos": 1e9,
        "billón": 1e12,
        "billones": 1e12,
    },
    "it": {
        "mila": 1e3,
        "milione": 1e6,
        "milioni": 1e6,
        "mln": 1e6,
        "miliardo": 1e9,
        "miliardi": 1e9,
        "mld": 1e9,
        "mld.": 1e9,
    },
    "nl": {"duizend": 1e3, "miljoen": 1e6, "mln": 1e6, "miljard": 1e9, "mld": 1e9, "biljoen": 1e12},
    "pt": {
        "mil": 1e3,
        "milhão": 1e6,
        "milhões": 1e6,
        "mil milhões": 1e9,
        "bilhão": 1e9,
        "bilhões": 1e9,
        "bilião": 1e12,
    },
}
ALL_SCALES: dict[str, float] = {}
for _lang in ("en", "de", "fr", "es", "it", "nl", "pt"):  # later languages win: 10^12 wins
    for _word, _value in _SCALES[_lang].items():
        ALL_SCALES.setdefault(_word, _value)

_SPACES = "\u00a0\u202f\u2009 "
# Apostrophes group digits in Switzerland and Liechtenstein ("1'200'000", "222’000").
_APOSTROPHES = "'’ʼ"
NUMBER = r"\d{1,3}(?:[.,\u00a0\u202f\u2009 '’ʼ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"


@lru_cache(maxsize=16)
def scale_pattern(lang: str | None) -> str:
    words = set(_SCALES.get(lang or "en", {})) | set(_SCALES["en"])
    words = sorted(words, key=lambda w: (-len(w), w))  # longest first, the same in every process
    return "|".join(re.escape(w) for w in words)


def scale_value(word: str | None, lang: str | None) -> float:
    if not word:
        return 1.0
    w = " ".join(word.lower().split())
    table = _SCALES.get(lang or "en", {})
    return table.get(w) or _SCALES["en"].get(w) or ALL_SCALES.get(w, 1.0)


@lru_cache(maxsize=16)
def _symbols(lang: str) -> tuple[str, str]:
    import babel

    from storydiff.tables import cached

    def build() -> tuple[str, str]:
        try:
            return get_decimal_symbol(lang), get_group_symbol(lang)
        except Exception:  # unknown locale: English conventions
            return ".", ","

    # from the tables cache: loading babel's locale data is slow in a new process
    return tuple(cached("babel-numbers", f"{lang} babel {babel.__version__}", build))


def parse_number(text: str, lang: str | None) -> float | None:
    """Parse "1.234,5" / "1,234.5" / "1 234,5" / "6,5" according to the language."""
    decimal, group = _symbols(lang or "en")
    s = text.strip()
    for sp in _SPACES + _APOSTROPHES:
        s = s.replace(sp, " ")
    if " " in s:  # spaces only ever group digits
        s = s.replace(" ", "")
    seps = [ch for ch in s if ch in ".,"]
    if not seps:
        return _float(s)
    if len(set(seps)) == 2:  # both: the last one is the decimal separator
        last = max(s.rfind("."), s.rfind(","))
        return _float(s[:last].replace(".", "").replace(",", "") + "." + s[last + 1 :])
    sep = seps[0]
    parts = s.split(sep)
    if len(parts) > 2:  # "1.234.567": repeated, so grouping
        if len(parts[-1]) != 3 and all(len(p) == 3 for p in parts[1:-1]):
            # "12.595.75": a group of two digits is none; the writer meant the last mark
            # as the decimal one (a German "12.595,75" typed with full stops throughout)
            return _float("".join(parts[:-1]) + "." + parts[-1])
        return _float("".join(parts))
    head, tail = parts
    if len(tail) == 3 and (sep == group or (group in _SPACES and sep != decimal)):
        return _float(head + tail)
    if len(tail) == 3 and sep != decimal and sep == ",":
        return _float(head + tail)
    return _float(head + "." + tail)


def _float(s: str) -> float | None:
    try:
        return float(s)
    except ValueError:
        return None


def tidy(value: float) -> float | int:
    """6500000000.0 -> 6500000000; keep fractions; round float noise."""
    rounded = round(value, 6)
    return int(rounded) if float(rounded).is_integer() else rounded


_PERCENT_WORDS = (
    r"\s?%|\s?prozent|\s?pour\s?cent|\s?per\s?cent|\s?percent|\s?por\s?ciento|\s?per\s?cento"
    r"|\s?procent|\s?por\s?cento"
)
_POINTS = (
    r"\s?(?:prozentpunkte|points? de pourcentage|percentage points?|puntos porcentuales"
    r"|punti percentuali|procentpunten|pontos percentuais)"
)


_PERCENT = re.compile(rf"(?<![\w.,])({NUMBER})(?:({_POINTS})|({_PERCENT_WORDS}))(?!\w)", re.I)


# A sign before a figure: the minus sign, a hyphen that is no range dash, or the word. A
# hyphen with a space after it is a dash between clauses ("the lowest point of the planet
# - 417 m below sea level"), not a sign.
_SIGN = re.compile(
    r"(?:(?<![\w\d.,%])(?:−\s?|-)|(?<!\w)(?:minus|moins|menos|meno|min)\s\s?)$", re.IGNORECASE
)
# French, Spanish and Italian tell "ten to five" as five hours minus ten ("cinq heures
# moins dix", "18 h moins 5"): the word for minus right after the hour word is no sign
# (German and English never do: "um 7 Uhr minus 8 Grad" is -8)
_CLOCK = re.compile(r"(?:\b|(?<=\d))(?:heures?|horas?|ore|h)\s+$", re.IGNORECASE)
# "au moins 2 %", "al menos 15", "por lo menos", "almeno": at least, not minus; "más o
# menos 20", "plus ou moins 5", "più o meno 3": about, not minus
_AT_LEAST = re.compile(
    r"(?<!\w)(?:au|du|le|lo|al|a|por lo|per lo|pelo|no|en|(?:más|mas|plus|più|piu|mais)\s+(?:o|ou))"
    r"\s+$",
    re.IGNORECASE,
)
_PLUS = re.compile(r"(?<![\w\d.,%])\+\s?$")


def signed_start(sentence: str, start: int) -> tuple[int, int]:
    """(sign, start) of the figure at ``start``, moved back over a sign written before it:
    "−1,5 %", "-1,5%", "minus 0,5 Prozent", "moins 2 %" are negative, "+3 %" positive."""
    before = sentence[max(0, start - 8) : start]
    if m := _SIGN.search(before):
        at = start - (len(before) - m.start())  # where the sign starts
        worded = m.group().strip()[:1].isalpha()
        if not _AT_LEAST.search(sentence[max(0, start - 16) : at]) and not (
            worded and _CLOCK.search(sentence[max(0, at - 24) : at])
        ):
            return -1, at
    if m := _PLUS.search(before):
        return 1, start - (len(before) - m.start())
    return 1, start


def find_percents(sentence: str, lang: str | None) -> list[Found]:
    out = []
    for m in _PERCENT.finditer(sentence):
        value = parse_number(m.group(1), lang)
        if value is None:
            continue
        unit = "pp" if m.group(2) else "%"
        sign, start = signed_start(sentence, m.start())
        out.append(
            Found(
                "percent",
                start,
                m.end(),
                sentence[start : m.end()],
                {"value": tidy(sign * value), "unit": unit},
            )
        )
        # the first number of a range shares the unit written once ("de 3 à 5 %")
        if first := range_start(sentence, m.start()):
            first_value = parse_number(first.group("first"), lang)
            if first_value is not None:
                s, e = first.span("first")
                value_of = {"value": tidy(first_value), "unit": unit}
                out.append(Found("percent", s, e, sentence[s:e], value_of))
    return out


# A range's connector in storydiff's languages: "30 bis 35 Milliarden", "de 3 à 5 %".
RANGE_WORDS = r"-|–|to|bis|à|a|y|and|und|et|e|tot|en|tra|entre|between|zwischen"
_RANGE_FIRST = re.compile(rf"(?<![\d.,])(?P<first>{NUMBER})\s*(?:{RANGE_WORDS})\s*$")
# "between" with an article before each number, as Spanish, Italian, Portuguese and
# French may write a range ("tra i 16 e i 28 milioni", "entre los 16 y los 28 millones",
# "entre el 3 y el 5 %"); only after "between": "sono 45 e i 3 milioni sequestrati" is
# no range
_ROMANCE_ARTICLE = r"(?:el|il|lo|la|le|les|los|las|i|gli|os|as|o|a)"
_RANGE_FIRST_AFTER_ARTICLE = re.compile(
    rf"(?<!\w)(?:entre|tra|fra)\s+(?:{_ROMANCE_ARTICLE}\s+)?(?P<first>{NUMBER})\s*"
    rf"(?:y|e|et)\s+{_ROMANCE_ARTICLE}\s+$",
    re.IGNORECASE,
)
_BARE_FIRST = re.compile(rf"(?<![\d.,])(?P<first>{NUMBER})\s*$")


def range_start(sentence: str, end: int, *, connector: bool = True) -> re.Match[str] | None:
    """The bare first number of a range that ends right before ``end`` ("30 bis "), or
    None; ``connector=False`` when the caller's match already holds the "to" (the Dutch
    qualifier "tot")."""
    before = sentence[:end]
    if not connector:
        return _BARE_FIRST.search(before)
    return _RANGE_FIRST.search(before) or _RANGE_FIRST_AFTER_ARTICLE.search(before)


_WORD_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_TEXT2NUM_LANGS = {"en", "fr", "de", "es", "it", "nl", "pt"}
_NOT_NUMBERS = {
    "un",
    "une",
    "ein",
    "eine",
    "einen",
    "einem",
    "einer",
    "eines",
    "a",
    "an",
    "one",
    "uno",
    "una",
    "um",
    "uma",
    "een",
    "nul",
    "null",
    "zero",
    "cero",
    "o",
    "e",
    "i",
    "y",
    "ones",  # "replaced with ones made of iron": a pronoun, not "one"
    "unos",  # "some" (es, pt), not "one"
    "unas",
    "uns",
    "umas",
}
# "six pour cent", "seis por ciento": a number word before these is a percentage, and the
# hundred in them is no number of its own
_PERCENT_AFTER_WORD = re.compile(
    r"\s?(?:prozent|pour\s?cent|per\s?cent|percent|por\s?ciento|per\s?cento|procent|"
    r"por\s?cento)(?!\w)",
    re.I,
)
_PERCENT_BEFORE_HUNDRED = re.compile(r"(?:pour|por|per)\s?$", re.I)


@lru_cache(maxsize=16)
def _number_pattern(lang: str | None) -> re.Pattern[str]:
    scale = scale_pattern(lang)
    # the scale word may be joined by a hyphen in a compound ("des 10-Millionen-Einwohner-
    # staates", "a 30-billion-dollar deal")
    # ... and a unit may be glued to the figure ("37km", "eine 3,5mm-Buchse")
    return re.compile(
        rf"(?<![\w.,])({NUMBER})(?:[\s-]?({scale})(?![\w]))?(?:(?![\w])|(?={_GLUED_UNITS}))",
        re.I,
    )


# units written against the figure; the one-letter "m" is a scale word there ("5m" is five
# million) and not listed
_GLUED_UNITS = (
    r"(?:(?:km|kg|mm|cm|mg|ml|kwh|kw|mw|gw|gb|mb|tb|ha)(?![^\W\d_])"
    # German adjectives on a figure, written without the hyphen ("den 24jährigen")
    r"|(?:jährig|stündig|tägig|wöchig|monatig|köpfig|fach|malig|teilig|stellig|minütig"
    r"|prozentig)[a-z]{0,2}(?![^\W\d_])"
    # ... and Italian ages ("il 54enne", "due 16enni")
    r"|enn[eia](?![^\W\d_]))"
)


# "and a half" after a scale word: "2 millions et demi" = "2,5 Millionen" = 2.5 million
_AND_A_HALF = re.compile(
    r"\s+(?:et\s+demie?|y\s+medio|e\s+mezzo|and\s+a\s+half|e\s+meio|en\s+een\s+half)(?!\w)",
    re.IGNORECASE,
)


# a list item's number ("4.\tMa come ...", "2) The ..."): one or two digits with a full stop
# or a bracket, standing where a sentence starts or right after the end of one; the number
# orders the list, it states nothing, and a translation may number its list otherwise
_ITEM_BEFORE = re.compile(r"(?:^|[.!?\"»”]\s+)$")
_ITEM_AFTER = re.compile(r"[.)](?:\s|$)")


def _list_item_number(sentence: str, m: re.Match[str]) -> bool:
    return (
        m.group(2) is None
        and m.group(1).isdigit()
        and len(m.group(1)) <= 2
        and _ITEM_BEFORE.search(sentence, 0, m.start()) is not None
        and _ITEM_AFTER.match(sentence, m.end()) is not None
    )


def find_numbers(sentence: str, lang: str | None) -> list[Found]:
    """Bare numbers (digits, with a scale word if one follows) and number words; a list
    item's number ("4.\t", "2) ") is none."""
    out = []
    for m in _number_pattern(lang).finditer(sentence):
        value = parse_number(m.group(1), lang)
        if value is None or _list_item_number(sentence, m):
            continue
        end = m.end()
        word = m.group(2)
        if word and len(word) == 1 and m.end(1) < m.start(2):
            # a lone letter after a space is a unit ("417 m below sea level": metres); as a
            # scale it is glued to the figure ("5m", "2b")
            word, end = None, m.end(1)
        scale = scale_value(word, lang)
        if word and (half := _AND_A_HALF.match(sentence, end)):
            value, end = value + 0.5, half.end()
        value *= scale
        sign, start = signed_start(sentence, m.start())
        if scale != 1 and (first := range_start(sentence, m.start())):
            # the first end of a range shares the scale word ("0,5 - 1 Milliarden", "entre
            # 1 et 0,5 milliard", "2 to 3 million"): 0.5 billion, not 0.5; two ends of one
            # range are within a factor of 100 of each other ("2010 and 2 million" is none)
            for k, prev in enumerate(out):
                if (prev.start, prev.end) != first.span("first"):
                    continue
                if value and prev.value > 0 and 0.01 <= prev.value * scale / value <= 100:
                    out[k] = replace(prev, value=tidy(prev.value * scale))
        out.append(Found("number", start, end, sentence[start:end], tidy(sign * value)))
    out += _signed_words(sentence, _number_words(sentence, lang))
    out += _roman_ordinals(sentence, lang)
    out = _with_halves(sentence, out, lang)
    # a height in feet and inches, as one figure in feet (facts.base.drop_overlaps keeps it
    # over its two digits)
    for m in FEET_INCHES.finditer(sentence) if _FEET_MARK.search(sentence) else ():
        feet, inches = int(m.group("ft")), int(m.group("in") or m.group("in2"))
        out.append(Found("number", m.start(), m.end(), m.group(0), tidy(feet + inches / 12)))
    return [f for f in _below_zero(sentence, out) if not _knockout_round(sentence, f)]


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_value(numeral: str) -> int | None:
    """The value of a Roman number written the usual way ("XIV" -> 14), else None
    ("IIII", "VX"); up to L (50)."""
    if not numeral or any(c not in _ROMAN for c in numeral):
        return None
    values = [_ROMAN[c] for c in numeral]
    total = sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))
    canonical = ""
    rest = total
    for text, value in (("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4)):
        while rest >= value:
            canonical += text
            rest -= value
    return total if canonical + "I" * rest == numeral else None


# A Roman ordinal between a Romance article and the noun it counts ("la VI Cumbre", "le
# VIe sommet", "il XV congresso", "la XIV Legislatura", "los XV Juegos"), which German
# writes "6." and English "Sixth"; after a name it is a monarch's number ("el rey Felipe
# VI"), and no article stands before it there. One letter alone is a letter ("la V de la
# victoria", "al X") unless an ordinal's ending follows ("la Ve République"); an article
# in capitals is a shouted line ("YO LA VI LLORAR": "vi" is "I saw"). Portuguese "o" and
# "a" are articles ("o VI Congresso"), Spanish "o" and "a" are "or" and "to"
# the endings a Romance language writes after an ordinal's numeral ("VIe", "6º", "6ª")
ORDINAL_ENDING = r"(?:e|ème|º|ª|°)"
_ROMAN_ORDINAL = re.compile(
    r"(?<![\w'’])(?P<article>(?i:la|el|il|le|lo|los|las|les|gli|al|del|au|aux|du|nel|nella"
    r"|della|dello|dei|degli|delle|dal|dalla|alla|sul|sulla|os|as|ao|aos|do|dos|da|das|no"
    r"|nos|na|nas|o|a))\s+(?P<n>[IVXL]{1,7})(?P<ending>" + ORDINAL_ENDING + r")?(?=\s+[^\W\d_])"
)
_ROMANCE = {"es", "fr", "it", "pt"}


def _roman_ordinals(sentence: str, lang: str | None) -> list[Found]:
    """Roman ordinals from ORDINAL_FROM on after an article (``_ROMAN_ORDINAL``), in the
    Romance languages, as numbers: "la VI Cumbre" is 6."""
    if lang not in _ROMANCE:
        return []
    out = []
    for m in _ROMAN_ORDINAL.finditer(sentence):
        article, numeral = m.group("article"), m.group("n")
        if (
            (len(article) > 1 and article.isupper())
            or (len(numeral) == 1 and not m.group("ending"))
            or (len(article) == 1 and lang != "pt")
        ):
            continue
        value = roman_value(numeral)
        if value is not None and value >= ORDINAL_FROM:
            out.append(Found("number", m.start("n"), m.end("n"), numeral, value))
    return out


# A height in feet and inches: "6'7\"", "6′7″", "6-foot-7" (US sports news), which a
# translation gives in metres ("2 m großen Spieler"); its value is in feet
# (``FEET_INCHES`` in the diff's measures: length-foot). The inch mark is required: a
# lone "5'" is a minute of a match in Italian ("Al 5' 1-0 di Lautaro").
_FEET_MARK = re.compile(r"['’′\"]|-foot-")
FEET_INCHES = re.compile(
    r"(?<![\w.,])(?P<ft>[1-9])"
    r"(?:\s?['’′\"]\s?(?P<in>1[01]|\d)\s?(?:\"|”|″|''|’’)|-foot-(?P<in2>1[01]|\d))"
    r"(?![\w.,]?\d)"
)


# A figure and a half: "dos horas y media" = "deux heures et demie" = "due ore e mezza" =
# "two and a half hours" = "four years and a half" = "zweieinhalb Stunden" = 2.5; read as
# "dos", "deux", "due" and "two" they were 2 against 2.5. Romance languages put the half
# after the unit (a unit of ``facts.measures``, or hours and minutes: "5 muertos y medio
# centenar", "2 morti e mezza città" are no 5.5 and 2.5), English after the figure or the
# unit, German into one word.
_HALF_AFTER = r"(?:y\s+medi[ao]|et\s+demie?|e\s+mezz[ao]|e\s+mei[ao]|and\s+a\s+half)(?![\w-])"
_HALF_AFTER_UNIT = re.compile(rf"\s+[^\W\d_]+\s+{_HALF_AFTER}", re.IGNORECASE)
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_FRACTION_AFTER = re.compile(r"\s?[½¼¾⅓⅔]")
_AND_A_HALF_AFTER = re.compile(r"\s+and\s+a\s+half(?![\w-])", re.IGNORECASE)
_GERMAN_HALF = re.compile(
    r"(?<!\w)(?:(?P<one>anderthalb|eineinhalb)|(?P<n>[^\W\d_]+?)einhalb)(?!\w)", re.I
)
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
# hours and minutes, which the table of units (lengths, masses, days to years) leaves out
_HOURS_OR_MINUTES = re.compile(
    r"\s+(?:hours?|horas?|heures?|ore|ora|Stunden?|minutes?|minutos?|minuti|Minuten)(?!\w)",
    re.I,
)


def _scaled(sentence: str, end: int, value: float, lang: str | None) -> tuple[int, float]:
    """(end, value) with the scale word right after ``end``, if any, taken in ("two and a
    half million", "dreieinhalb Millionen")."""
    if (word := _NEXT_WORD.match(sentence, end)) and (
        times := scale_value(word.group(1), lang)
    ) != 1:
        return word.end(), value * times
    return end, value


def _with_halves(sentence: str, found: list[Found], lang: str | None) -> list[Found]:
    """``found`` (numbers of one sentence) with a half added where one follows the figure
    or its unit ("two and a half", "18 ½"; "dos horas y media": 2.5 over "dos"), and the
    German figures in words with a half ("zweieinhalb", "eineinhalb", "anderthalb")."""
    out = []
    for f in found:
        value = f.value
        if isinstance(value, int) and value >= 0:
            if half := _AND_A_HALF_AFTER.match(sentence, f.end) or _FRACTION_AFTER.match(
                sentence, f.end
            ):
                # the unit follows the half ("two and a half hours", "18 ½ miles"): the
                # figure takes the half in, and a scale word after it
                part = _FRACTIONS.get(half.group(0).strip(), 0.5)
                end, total = _scaled(sentence, half.end(), value + part, lang)
                f = replace(f, end=end, text=sentence[f.start : end], value=tidy(total))
            elif _HALF_AFTER_UNIT.match(sentence, f.end) and (
                unit_after(sentence, f.end, lang) is not None
                or _HOURS_OR_MINUTES.match(sentence, f.end)
            ):
                # the half follows the unit ("18 miglia e mezzo"): the figure keeps its span,
                # so that the unit after it is still read (facts.measures)
                f = replace(f, value=tidy(value + 0.5))
        out.append(f)
    if lang == "de" and "halb" in sentence:
        taken = [(f.start, f.end) for f in out]
        for m in _GERMAN_HALF.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            whole = 1.0 if m.group("one") else number_word(m.group("n"), lang)
            if whole is None or whole != int(whole) or not 1 <= whole < 100:
                continue
            end, total = _scaled(sentence, m.end(), whole + 0.5, lang)
            out.append(Found("number", m.start(), end, sentence[m.start() : end], tidy(total)))
    return sorted(out, key=lambda f: f.start)


# A knockout round named by its number of teams is no count: "qualified for the last 16",
# "a last-16 match", "the round of 16" are "Achtelfinale", "octavos de final", "les 8es de
# finale" (which no reader takes for a figure), and "1/8e de finale" is one too. Only where
# what follows says round: the end of a clause, a word for a match or a stage, or a
# preposition ("the last 16 in Europe"); "12 of the last 16", "the last 16 people", "the
# last 16 km", "the last 16, 17 years" stay counts.
_ROUND_BEFORE = re.compile(r"(?<!\bof )\b(?:the\s+last|round\s+of)\s*$", re.I)
# written as one word, it is the round whatever follows ("last-16 ties", "round-of-16")
_ROUND_JOINED = re.compile(r"\b(?:last|round-of)-$", re.I)
_ROUND_AFTER = re.compile(
    r"\s*(?:[.!?;:)]|,(?!\s*\d)|$)"
    r"|[\s-]+(?:match|tie|stage|round|clash|leg|draw|game|fixture|berth|spot|place"
    r"|in|for|with|against|after|on|at|and|or|but|despite|since|this|last|next)\b",
    re.IGNORECASE,
)
_ROUND_TEAMS = frozenset({4, 8, 16, 32, 64})
_ROUND_FRACTION = re.compile(
    r"1\s*/\s*(?:4|8|16|32)\s*(?:e|es|è|ème|èmes|er|o|i)?\s*[-–]?\s*(?:(?:de|di)\s+)?finale?",
    re.IGNORECASE,
)


def _knockout_round(sentence: str, f: Found) -> bool:
    """Does the number ``f`` name a knockout round ("the last 16", "1/8 de finale")? Looks
    at a few characters around the figure only."""
    if sentence[f.start : f.start + 2] == "1/" or "/" in sentence[max(0, f.start - 3) : f.start]:
        window = sentence[max(0, f.start - 4) : f.end + 24]
        if _ROUND_FRACTION.search(window):
            return True
    return (
        isinstance(f.value, int | float)
        and f.value in _ROUND_TEAMS
        and (f.text.isdigit() or f.text.lower() in {"eight", "sixteen", "thirty-two"})
        and (
            _ROUND_JOINED.search(sentence[max(0, f.start - 12) : f.start]) is not None
            or (
                _ROUND_BEFORE.search(sentence[max(0, f.start - 24) : f.start]) is not None
                and _ROUND_AFTER.match(sentence, f.end) is not None
            )
        )
    )


# the words for minus that sign a number in words ("min" is minutes or a minimum there:
# "within 5 min two goals")
_MINUS_WORDS = frozenset({"minus", "moins", "menos", "meno"})
_CLOCK_MINUS = frozenset({"moins", "menos", "meno"})


def _signed_words(sentence: str, found: list[Found]) -> list[Found]:
    """Numbers in words with the word for "minus" before them: "minus three" = "moins
    trois" = "menos tres" = -3, as "minus 3" is (a hyphen before a word joins a compound,
    and "au moins trois", "al menos tres" say "at least": ``signed_start`` knows)."""
    out = []
    ends = {f.end for f in found}
    for f in found:
        if isinstance(f.value, int | float) and f.value > 0:
            sign, start = signed_start(sentence, f.start)
            # right after an hour in words, the Romance word for minus tells the time:
            # "las ocho menos diez" (ten to eight), "cinque meno dieci"
            minus = sentence[start : f.start].strip().lower()
            clock = minus in _CLOCK_MINUS and len(sentence[:start].rstrip()) in ends
            if sign < 0 and not clock and minus in _MINUS_WORDS:
                f = replace(f, start=start, text=sentence[start : f.end], value=tidy(-f.value))
        out.append(f)
    return out


# "3 und 9 Grad unter dem Gefrierpunkt" = "-3 ° et -9 °" = "tres y nueve grados bajo cero":
# a temperature below zero said in words after the figure is negative, and so is the
# figure coordinated with it
_BELOW_ZERO = re.compile(
    # one run of spaces, then the unit and its own spaces, optional: two optional runs of
    # spaces side by side would try every split of a long run (quadratic)
    r"[\s\u00a0\u202f]*(?:(?:°\s?C?|(?:Grad|degrees?|degrés?|grados?|gradi|grado|graden|graus?)"
    r"(?:\s+Celsius)?)\s*)?(?:unter\s+(?:dem\s+Gefrierpunkt|null)|below\s+(?:zero|freezing)|"
    r"(?:sous|en\s+dessous\s+de|au-dessous\s+de)\s+zéro|bajo\s+cero|sotto\s+(?:lo\s+)?zero|"
    r"onder\s+nul|abaixo\s+de\s+zero)(?!\w)",
    re.IGNORECASE,
)
_ZERO_WORD = re.compile(r"gefrierpunkt|null|zero|freezing|zéro|cero|nul", re.IGNORECASE)
_COORDINATED = re.compile(r"\s*(?:und|bis|and|to|or|oder|et|à|ou|y|a|o|e|en|tot|-|–)\s*", re.I)


def _below_zero(sentence: str, found: list[Found]) -> list[Found]:
    # the words that say "below zero", searched first (the pattern is matched only right
    # after a figure, never searched: its leading spaces would be tried at each position)
    if not found or not _ZERO_WORD.search(sentence):
        return found
    out = sorted(found, key=lambda f: f.start)
    for k, f in enumerate(out):
        if isinstance(f.value, int | float) and f.value > 0 and _BELOW_ZERO.match(sentence, f.end):
            out[k] = replace(f, value=-f.value)
            prev = out[k - 1] if k else None
            if (
                prev is not None
                and isinstance(prev.value, int | float)
                and prev.value > 0
                and _COORDINATED.fullmatch(sentence, prev.end, f.start)
            ):
                out[k - 1] = replace(prev, value=-prev.value)
    return out


def number_word(word: str, lang: str | None) -> float | None:
    """The value of a number word ("zwölf", "treize", "twenty-one"), or None."""
    # every word of every sentence is tried: words are remembered, not long strings
    return _number_word_cached(word, lang) if len(word) <= 64 else _number_word(word, lang)


@lru_cache(maxsize=65_536)
def _number_word_cached(word: str, lang: str | None) -> float | None:
    return _number_word(word, lang)


def _number_word(word: str, lang: str | None) -> float | None:
    if lang not in _TEXT2NUM_LANGS or word.lower() in _NOT_NUMBERS or word.lower() in ALL_SCALES:
        return None
    from text_to_num import text2num

    try:
        return float(text2num(word.lower(), lang))
    except (ValueError, KeyError, IndexError):
        return None


def ordinal_value(word: str, lang: str | None) -> int | None:
    """The value of an ordinal number word ("first", "vingtième", "zwanzigsten",
    "undicesimo"), read by text2num, or None."""
    if lang not in _TEXT2NUM_LANGS or len(word) > 64:
        return None
    return _ordinal_cached(word, lang)


@lru_cache(maxsize=65536)
def _ordinal_cached(word: str, lang: str) -> int | None:
    from text_to_num import alpha2digit

    try:
        m = re.fullmatch(
            r"(\d{1,3})(?:st|nd|rd|th|\.|e|er|re|ème|º|ª|°)", alpha2digit(word, lang, 0)
        )
    except (ValueError, KeyError, IndexError):
        return None
    return int(m.group(1)) if m else None


# Ordinal words read as figures from the fifth on ("the Sixth Summit" = "das 6. Treffen",
# "in der neunzigsten Minute" = "al 90° minuto"); "first" to "fourth" are more often words
# of order than counts ("zum zweiten Mal", "un cuarto", "the second time"). Only words
# with an ordinal's ending are tried, so the reader does not run on every word.
ORDINAL_FROM = 5
# German "achte", "achten" is also the verb "to heed" ("wir achten auf Qualität"): it is
# the ordinal only where ``_ordinal_in_context`` says so ("der achte Tag", "jeder Achte",
# "zum achten Mal", "jeder Sechste oder Achte")
_ACHTE = r"achte[nmrs]?"
_ORDINAL_ENDING = re.compile(
    r"(?:th"  # fifth, sixth, ninetieth
    r"|(?:fünf|sechs|sieb|acht|neun|zehn|elf|zwölf|zig|hundert|tausend)s?te[nmrs]?"
    rf"|^{_ACHTE}"  # "der Achte", whose ending is no "-te"
    r"|ième|ièmes"
    r"|(?:quint|sext|sest|s[eé]ptim|settim|octav|ottav|noven|non|d[eé]cim|[eé]sim)[oa]s?)$",
    re.IGNORECASE,
)

_VERB_LIKE_ORDINAL = re.compile(_ACHTE, re.IGNORECASE)


def _words_before(sentence: str, at: int, n: int = 2) -> list[str]:
    """The last ``n`` words before position ``at``, lower-cased, nearest last."""
    return [w.lower() for w in re.findall(r"[^\W\d_]+", sentence[max(0, at - 60) : at])[-n:]]


def _ordinal_in_context(word: str, before: list[str], after: str) -> bool:
    """Is ``word`` ("achte", "Achten") the ordinal here: a noun itself or before one (a
    capital on it or on the next word; the verb runs on in small letters: "die achten
    genau darauf", "viele achten nicht"), after a determiner or preposition with its
    article, or after another ordinal and "oder"/"und"/"bis"?"""
    from storydiff.facts.german_nouns import DETERMINERS, FUSED_ARTICLES

    noun = word[:1].isupper() or bool(re.match(r"\s+[A-ZÄÖÜ]", after))
    if not (before and noun):
        return False
    if before[-1] in DETERMINERS or before[-1] in FUSED_ARTICLES:
        return True
    return (
        len(before) == 2
        and before[-1] in {"oder", "und", "bis"}
        and ordinal_value(before[0], "de") is not None
    )


_JOINERS = {"and", "et", "y", "e", "und", "en"}
# "one billion two hundred and twenty-five million three hundred thousand": longer runs of
# number words are lists or noise, and the cap keeps the scan linear
_LONGEST_NUMBER_PHRASE = 12


def _compound_words(sentence: str, lang: str | None, words: list[str], short: bool) -> list[Found]:
    """Runs of number words that text2num reads as one number ("mille cent" = 1,100,
    "one billion twenty-five million" = 1,025,000,000). ``words``: the sentence's
    ``_WORD_TOKEN`` matches' text; ``short``: none of them is longer than 64 characters."""
    if lang not in _TEXT2NUM_LANGS:
        return []

    if short:
        number = list(map(_number_token_cached, words, repeat(lang)))
    else:
        number = [_is_number_token(word, lang) for word in words]
    # a run is a number word and a number word or joiner after it: most sentences have
    # none ("un", "ein", "one" alone are articles), and are done here
    if not any(
        number[k] and (number[k + 1] or words[k + 1].lower() in _JOINERS)
        for k in range(len(words) - 1)
    ):
        return []
    tokens = list(_WORD_TOKEN.finditer(sentence))
    out: list[Found] = []
    i = 0
    while i < len(tokens):
        j = i
        while (
            j < len(tokens)
            and j - i < _LONGEST_NUMBER_PHRASE
            and (number[j] or (j > i and tokens[j].group().lower() in _JOINERS))
        ):
            j += 1
            # a run is one phrase: its words are separated by spaces only
            if j < len(tokens) and not sentence[tokens[j - 1].end() : tokens[j].start()].isspace():
                break
        while j - i >= 2 and tokens[j - 1].group().lower() in _JOINERS:
            j -= 1
        if j - i >= 2:
            found = _read_run(sentence, tokens[i:j], lang)
            if found:
                out += found
                i = j
                continue
        i += 1
    return out


def _read_run(sentence: str, run: list[re.Match[str]], lang: str) -> list[Found]:
    """The number a run of number words states, or, when the run is no one number, the
    numbers of its parts between joiners: "entre deux cent et quatre cent mille" states
    200 and 400,000 ("et" links the two ends of a range, not the parts of one number)."""
    from text_to_num import text2num

    start, end = run[0].start(), run[-1].end()
    try:
        return [
            Found(
                "number",
                start,
                end,
                sentence[start:end],
                tidy(text2num(sentence[start:end].lower(), lang)),
            )
        ]
    except (ValueError, KeyError, IndexError):
        pass
    parts: list[list[re.Match[str]]] = [[]]
    for token in run:
        if token.group().lower() in _JOINERS:
            parts.append([])
        else:
            parts[-1].append(token)
    if len(parts) < 2 or any(len(part) < 2 for part in parts):
        return []  # a part of one word is read as a word of its own
    found = [f for part in parts for f in _read_run(sentence, part, lang)]
    return found if len(found) == len(parts) else []


def _is_number_token(word: str, lang: str | None) -> bool:
    """Can ``word`` stand in a run of number words (a scale, a word for "one", a number
    word)? Asked of every word of every sentence, so short words are remembered."""
    return _number_token_cached(word, lang) if len(word) <= 64 else _number_token(word, lang)


@lru_cache(maxsize=65_536)
def _number_token_cached(word: str, lang: str | None) -> bool:
    return _number_token(word, lang)


def _number_token(word: str, lang: str | None) -> bool:
    low = word.lower()
    if low in _SCALES.get(lang or "en", {}) or low in ("cent", "cents", "hundert", "hundred"):
        return True
    if low in ONE_WORDS:
        return True
    return number_word(word, lang) is not None


# Words for "one" that are no number alone ("one of", "un accord") but count inside a
# number phrase ("one billion twenty-five million") and before a currency ("for one euro").
ONE_WORDS = frozenset({"one", "un", "une", "ein", "eine", "uno", "una", "um", "uma", "een"})


# German adjectives built on a number word: "zweiundzwanzigjährige", "dreistündigen",
# "zehnfach", "hundertprozentig" (the number word is the figure: 22 years, 3 hours,
# tenfold, 100 per cent)
_GERMAN_COUNT_SUFFIX = re.compile(
    r"(?P<n>[a-zäöüß]{3,}?)(?:jährig|stündig|tägig|wöchig|monatig|köpfig|fach|malig|teilig"
    r"|stellig|minütig|sekündig|prozentig)\w*",
    re.IGNORECASE,
)


# Italian ages: "un trentenne" (a 30-year-old), "il figlio sedicenne", "i cinquantenni"
_ITALIAN_AGE = re.compile(r"(?P<n>[a-z]{3,}?)enn[eia]", re.IGNORECASE)


def _number_in_compound(word: str, lang: str | None) -> tuple[str, float] | None:
    """(the number word, its value) that opens a compound ("seven-year", "two-day",
    "zweiundzwanzigjährige"), or None."""
    if "-" in word:
        # the longest number of up to three parts ("twenty-five-year", "one-hundred-day");
        # no more, so that a hostile run of hyphenated words costs what one word does
        parts = word.split("-", 3)
        for n in range(min(len(parts) - 1, 3), 0, -1):
            head = "-".join(parts[:n])
            if 3 <= len(head) <= 40 and (value := number_word(head, lang)) is not None:
                # "the last eight-plus seasons": more than eight, the whole word
                return (word, value) if word.lower() == f"{head.lower()}-plus" else (head, value)
        return None
    if lang == "de" and (m := _GERMAN_COUNT_SUFFIX.fullmatch(word)):
        value = number_word(m.group("n"), lang)
        return (m.group("n"), value) if value is not None else None
    if lang == "it" and (m := _ITALIAN_AGE.fullmatch(word)):
        # the number word lost its last vowel to "-enne": "cinquantaquattr-enne" (54),
        # "sedic-enne" (16), "trent-enne" (30); "ventitre-enne" kept it
        stem = m.group("n")
        for head in (stem, *(stem + vowel for vowel in "oiae")):
            if (value := number_word(head, lang)) is not None:
                return word, value
    return None


# Collective numerals, singular only: "une trentaine de communautés" is about thirty, as a
# translation says "etwa dreißig"; the plurals ("des dizaines", "decenas", "Dutzende") are
# vague quantities like "hundreds", no figure. In French, Spanish and Italian one counts
# only before "de"/"di" ("la cuarentena", "en quarantaine" is a quarantine); "quinzaine",
# "quincena" and "quindicina" are left out: they are a fortnight more often than fifteen
# ("une quinzaine de jours" / "two weeks"), and "une centaine" is as vague as
# "hundreds". text2num does not read these words, and no
# pip-installable table lists them, so they are written here.
_COLLECTIVE: dict[str, dict[str, float]] = {
    "fr": {
        "dizaine": 10,
        "douzaine": 12,
        "vingtaine": 20,
        "trentaine": 30,
        "quarantaine": 40,
        "cinquantaine": 50,
        "soixantaine": 60,
    },
    "es": {
        "decena": 10,
        "docena": 12,
        "veintena": 20,
        "treintena": 30,
        "cuarentena": 40,
        "cincuentena": 50,
    },
    "it": {
        "decina": 10,
        "dozzina": 12,
        "ventina": 20,
        "trentina": 30,
        "quarantina": 40,
        "cinquantina": 50,
        "sessantina": 60,
    },
    "de": {"dutzend": 12},
    "en": {"dozen": 12},
}


def collective_numeral(word: str) -> bool:
    """Is ``word`` a collective numeral ("dizaine", "treintena", "dozen") in any language?"""
    return any(word.lower() in table for table in _COLLECTIVE.values())


_COLLECTIVE_OF = re.compile(r"\s*(?:de|d['’]|di|del|dei|degli|delle)\b", re.IGNORECASE)


@lru_cache(maxsize=65_536)
def _alone(
    word: str, lang: str | None
) -> tuple[float | None, float | None, tuple[str, float] | None, int | None] | None:
    """What a word says by itself for ``_number_words``, worked out once per word: its
    value as a number word, as a collective numeral ("dizaine"; counted only before "de"
    outside English and German), the number word that opens it as a compound, and its
    value as an ordinal from ORDINAL_FROM on; None when it has none of them."""
    value = number_word(word, lang) if len(word) >= 3 else None
    collective = _COLLECTIVE.get(lang or "", {}).get(word.lower())
    head = _number_in_compound(word, lang)
    ordinal = None
    if len(word) >= 4 and _ORDINAL_ENDING.search(word):
        read = ordinal_value(word, lang)
        ordinal = read if read is not None and read >= ORDINAL_FROM else None
    if value is None and collective is None and not head and ordinal is None:
        return None
    return value, collective, head, ordinal


def _number_words(sentence: str, lang: str | None) -> list[Found]:
    words = _WORD_TOKEN.findall(sentence)
    short = all(len(word) <= 64 for word in words)
    out = _compound_words(sentence, lang, words, short)
    taken = [(f.start, f.end) for f in out]
    if short:
        alones = list(map(_alone, words, repeat(lang)))
    else:  # a long "word" is read but not remembered
        alones = [_alone(w, lang) if len(w) <= 64 else _alone.__wrapped__(w, lang) for w in words]
    # most words have no number in any reading (``_alone`` is None): only the others
    hits = compress(_WORD_TOKEN.finditer(sentence), alones)
    for m, alone in zip(hits, filter(None, alones), strict=True):
        word, end = m.group(0), m.end()
        if taken and any(s <= m.start() < e for s, e in taken):
            continue
        value, collective, head, ordinal = alone
        if (
            value is None
            and collective is not None
            and (lang in {"en", "de"} or _COLLECTIVE_OF.match(sentence, end))
        ):
            value = collective
        if value is None and head:
            word, value = head  # "a seven-year period", "eine zweiundzwanzigjährige"
            end = m.start() + len(word)
        if value is None:
            if (
                ordinal is not None
                and lang == "de"
                and _VERB_LIKE_ORDINAL.fullmatch(word)
                and not _ordinal_in_context(
                    word, _words_before(sentence, m.start()), sentence[end : end + 3]
                )
            ):
                continue  # "wir achten auf Qualität": the verb
            value = ordinal
        if value is None:
            continue
        if (
            value >= 100
            and word.lower().endswith(("s", "e", "aines", "iers"))
            and value in (100, 1000, 10**6)
        ):
            continue  # "hundreds", "Tausende", "milliers": a vague quantity, not a number
        if value == 100 and _PERCENT_BEFORE_HUNDRED.search(
            sentence[max(0, m.start() - 6) : m.start()]
        ):
            continue  # the "cent" of "pour cent"
        percent = _PERCENT_AFTER_WORD.match(sentence, end)
        if percent:
            end = percent.end()
            out.append(
                Found(
                    "percent",
                    m.start(),
                    end,
                    sentence[m.start() : end],
                    {"value": tidy(value), "unit": "%"},
                )
            )
            continue
        out.append(Found("number", m.start(), end, word, tidy(value)))
    return out
