"""Values a translation writes in words where the other version writes figures: periods
("a decade", "un ventennio", "drei Jahrzehnte"), clock times ("zwanzig vor neun", "las nueve
menos veinte", "neuf heures moins vingt"), one unit of a scale ("a million", "eine
Milliarde") and months inside a compound word ("Oktoberwochenende"). The fact diff asks
these helpers whether a sentence states a value a fact of the other version has, so that a
faithful translation raises no alarm.

Written here because no library reads clock times or period nouns in words across these
languages; the number words themselves come from :func:`storydiff.facts.numbers.number_word`
and the month names from CLDR through :mod:`storydiff.facts.dates`.
"""

from __future__ import annotations

import re

from storydiff.facts.base import fold
from storydiff.facts.dates import month_names
from storydiff.facts.numbers import ALL_SCALES, ONE_WORDS, number_word, scale_value

# Nouns that name a span of years: the number of years each stands for.
_PERIODS = {
    **dict.fromkeys(("decade", "decades", "jahrzehnt", "jahrzehnte", "jahrzehnten"), 10),
    **dict.fromkeys(("décennie", "décennies", "década", "décadas", "decenio", "decenios"), 10),
    **dict.fromkeys(("decennio", "decenni", "decennium", "decennia", "década"), 10),
    **dict.fromkeys(("century", "centuries", "jahrhundert", "jahrhunderte", "siècle"), 100),
    **dict.fromkeys(("siècles", "siglo", "siglos", "secolo", "secoli", "eeuw"), 100),
    **dict.fromkeys(("ventennio", "ventenni"), 20),
    **dict.fromkeys(("trentennio", "trentenni"), 30),
    **dict.fromkeys(("quinquennio", "quinquenio", "lustro", "lustre"), 5),
}
_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


def period_years(text: str, lang: str | None) -> set[float]:
    """Numbers of years that ``text`` states with a period noun: "a decade" -> {10},
    "drei Jahrzehnte" -> {30, 10}, "un ventennio" -> {20}. Empty when there is none."""
    words = _WORD.findall(text)
    out: set[float] = set()
    for k, word in enumerate(words):
        years = _PERIODS.get(word.lower())
        if years is None:
            continue
        out.add(float(years))
        if k and (count := _count(words[k - 1], lang)) is not None:
            out.add(float(count * years))
    return out


def period_sizes(text: str) -> set[float]:
    """Years per period noun that ``text`` names, without their counts ("drei Jahrzehnte"
    -> {10}, "un ventennio" -> {20}). Empty when there is none."""
    return {float(_PERIODS[w.lower()]) for w in _WORD.findall(text) if w.lower() in _PERIODS}


# One unit of a scale written with an article ("a million", "eine Milliarde", "un millón")
# or alone ("mille personnes"): a translation writes "1 million" for it. The scale words
# and their values per language are :mod:`storydiff.facts.numbers`' (so "billion" is 10^9
# in English and 10^12 in German and French); hundreds are counted here too.
_HUNDREDS = {"hundred", "hundert", "cent", "cien", "ciento", "cento", "honderd"}
_ONE = ONE_WORDS | {"a", "an", "einer", "einem", "einen"}
_ALONE = {"mille", "mil", "cent", "cien", "cento", "hundert", "tausend"}  # "mille euros"


def scale_values(text: str, lang: str | None) -> set[float]:
    """Values that ``text`` writes as one unit of a scale word: "a million" -> {1e6}, "eine
    Milliarde" -> {1e9}, "mille personnes" -> {1000}; "billion" is 1e9 in English and 1e12
    in German and French. Empty when there is none."""
    words = [w.lower() for w in _WORD.findall(text)]
    out: set[float] = set()
    for k, word in enumerate(words):
        if word in _HUNDREDS:
            value = 100.0
        elif len(word) > 1 and word in ALL_SCALES:  # not "a b", "Plan B"
            value = scale_value(word, lang)
        else:
            continue
        before = words[k - 1] if k else ""
        if before in _ONE or (word in _ALONE and not before.isdigit()):
            out.add(value)
    return out


def _count(word: str, lang: str | None) -> float | None:
    if word.isdigit():
        return float(word)
    return number_word(word.lower(), lang)


# Clock times in words. "vor"/"to" count back from the hour after them ("zwanzig vor
# neun" = 8:40), "moins"/"menos"/"meno" from the hour before them ("nueve menos veinte" =
# 8:40); "nach"/"past" count on
# ("zehn nach acht" = 8:10); "halb neun" is 8:30 in German; "y media"/"et demie"/"e mezza"
# half past, "y cuarto"/"et quart"/"e un quarto" quarter past.
_BACK = r"vor|to"
_BACK_AFTER_HOUR = r"moins|menos|meno"
_ON = r"nach|past"
_HOUR_WORDS = r"(?:\s+(?:uhr|heures?|horas?|ore|o['’]clock))?"
_TOKEN = r"[^\W_]+"
_CLOCK = re.compile(
    rf"(?<!\w)(?:(?P<m1>{_TOKEN})\s+(?P<dir1>{_BACK}|{_ON})\s+(?P<h1>{_TOKEN})"
    rf"|(?P<h2>{_TOKEN}){_HOUR_WORDS}\s+(?P<dir2>{_BACK_AFTER_HOUR})\s+(?:le\s+)?(?P<m2>{_TOKEN})"
    rf"|halb\s+(?P<h3>{_TOKEN})"
    rf"|(?P<h4>{_TOKEN}){_HOUR_WORDS}\s+(?:y|et|e)\s+(?:un\s+)?(?P<part>media|demie|mezza|"
    rf"cuarto|quart|quarto))(?!\w)",
    re.I,
)


def clock_times(text: str, lang: str | None) -> set[str]:
    """Clock times that ``text`` writes in words, as "HH:MM" on a 12-hour dial ("zwanzig
    vor neun" -> {"08:40"}). Empty when there is none."""
    out: set[str] = set()
    for m in _CLOCK.finditer(text):
        g = m.groupdict()
        if g["h1"]:
            hour, minutes = _count(g["h1"], lang), _count(g["m1"], lang)
            back = g["dir1"].lower() in _BACK.split("|")
        elif g["h2"]:
            hour, minutes = _count(g["h2"], lang), _count(g["m2"], lang)
            back = True
        elif g["h3"]:
            hour, minutes, back = _count(g["h3"], lang), 30.0, True
        else:
            hour = _count(g["h4"], lang)
            minutes, back = (
                (30.0 if g["part"].lower() in {"media", "demie", "mezza"} else 15.0),
                False,
            )
        if hour is None or minutes is None or not (1 <= hour <= 24 and 0 < minutes <= 30):
            continue
        if minutes % 5:
            continue  # "two to three weeks": clock words count in fives
        h, mm = (int(hour) - 1, 60 - int(minutes)) if back else (int(hour), int(minutes))
        out.add(f"{h % 12:02d}:{mm:02d}")
    return out


def on_dial(value: str) -> str:
    """A time "HH:MM" on a 12-hour dial ("20:40" -> "08:40")."""
    hour, _, minutes = value.partition(":")
    return f"{int(hour) % 12:02d}:{minutes[:2]}" if hour.isdigit() else value


def months_named(text: str) -> set[int]:
    """Months that ``text`` names in any language, as a word ("dem Monat Oktober") or at
    the head of a longer word ("Oktoberwochenende", "Märzhälfte"): German and Dutch write a
    month inside a compound, which a word-by-word reader misses. Returns numbers 1-12."""
    names = month_names()
    out: set[int] = set()
    for word in re.findall(r"[^\W\d_]{3,}", text):
        w = fold(word)
        if w in names:
            out.add(names[w])
            continue
        for k in range(4, len(w) - 3):
            month = names.get(w[:k])
            if month is not None:
                out.add(month)
    return out
