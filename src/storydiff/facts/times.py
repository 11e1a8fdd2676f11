"""Clock times, a fact type of their own: "um 17.30 Uhr" = "à 17 h 30" = "at 5.30 pm" =
"17:30". Read as numbers they would become two numbers (17 and 30) or a decimal (17.3)
and differ between languages that write the same time.

The value is the time on a 24-hour clock, "HH:MM", or "HH:MM:SS" where the seconds are
written after a colon ("2:03:59", a race time, or a clock to the second). A dot between
hour and minutes is also a decimal point, so "17.30" is a time only with a clock word
after it ("Uhr", "h", "heures", "pm") or a preposition of time before it ("um", "at",
"à", "alle", "a las").
"""

from __future__ import annotations

import re

from storydiff.facts.base import Found

TIME_ZONES = ("GMT", "UTC", "CET", "CEST", "BST", "EST", "EDT", "PST", "PDT", "MEZ", "MESZ")
# a time zone after the figure makes it a clock time too: "15.00 UTC", "18 h GMT"
# "pm" is written in capitals too ("10:30 PM", "6 A.M."), never in mixed case ("am Freitag")
_CLOCK_WORD = (
    r"Uhr|h|heures?|hrs?|o['’]clock|[ap]\.?\s?m\.?|[AP]\.?\s?M\.?|horas?|ore|uur|"
    + "|".join(TIME_ZONES)
)
# Words that name hours on a clock as well as a number of hours ("à 21 heures" / "3
# heures de route"): with them an hour alone is a time only after a preposition of time.
_HOURS = {"h", "hr", "hrs", "heure", "heures", "hora", "horas", "ore", "uur"}
_BEFORE = (
    r"(?:um|gegen|ab|bis|at|by|from|until|till|à|vers|dès|jusqu['’]à|à partir de|alle|dalle"
    r"|a partire dalle|a las|desde las|hasta las|a partir de las|om|às)"
)
_TIME = re.compile(
    # the hour: 20-23 before 0-19, so that "21" is not read as "2" (which no time follows)
    rf"(?<![\d.,:])(?P<h>2[0-3]|[01]?\d)(?!\d)"
    rf"(?:\s?(?P<sep>[:.,]|h|H)\s?(?P<m>[0-5]\d)(?!\d|[.,]\d))?"
    # seconds after minutes written with a colon: "2:03:59", "2 :03 :59" (a race time or
    # a clock to the second), one figure rather than a time and a number
    rf"(?:(?:(?<=:\d\d)|(?<=:\s\d\d))\s?:\s?(?P<s>[0-5]\d(?:[.,]\d{{1,3}})?)(?!\d|[.,]\d))?"
    rf"(?:\s?(?P<word>{_CLOCK_WORD})(?!\w))?"
    # French writes the minutes after the hours: "à 11 heures 10"
    rf"(?:(?<=heures)\s(?P<m2>[0-5]\d)(?!\d|[.,]\d|\s?%))?",
)
_PREPOSITION = re.compile(rf"(?<!\w){_BEFORE}\s+$", re.IGNORECASE)
# four digits before a time zone or "hrs": "1200 GMT", "0930 UTC", "1800 hrs" (wire and
# military style), the same time as "12 h 00" or "12:00"
_FOUR_DIGITS = re.compile(
    rf"(?<![\d.,:])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s?(?P<zone>{'|'.join(TIME_ZONES)}|hrs)(?!\w)"
)


# seconds after a dot ("2:21.31", a translation's "2:21:31"; "1:43.21" on a track): the
# same figures as a race time written with colons, read as they are written
_DOTTED_SECONDS = re.compile(
    r"(?<![\d.,:])(?P<h>\d{1,2}):(?P<m>[0-5]\d)\.(?P<s>[0-5]\d)(?![\d.,]?\d)"
)


# the French race time: hours, minutes and seconds with primes ("2h01'39''", "2 h 01' 39\"")
_PRIMED_SECONDS = re.compile(
    r"(?<![\d.,:])(?P<h>\d{1,2})\s?h\s?(?P<m>[0-5]\d)\s?['’′]\s?(?P<s>[0-5]\d)"
    r"(?:\s?(?:''|’’|\"|″))?(?!\d)"
)
# "de" or "d'" before what hours count ("de route", "d'ici"), not before a part of the
# day ("de l'après-midi", "de la nuit"): the tail of _OF_SOMETHING and _HOURS_OF
_OF_COUNTED = r"d(?:e\s+(?!l['’]après-midi|la\s+(?:{parts}))|['’])"
# what hours count after them ("à 3 heures et demie de route", "d'ici")
_OF_SOMETHING = re.compile(
    r"\s+" + _OF_COUNTED.format(parts="nuit|soirée|matinée|tarde|noche|mañana"), re.I
)
# a half hour after the clock word: "à 3 heures et demie", "a las 3 horas y media"
_CLOCK_HALF = re.compile(r"\s+(?:et\s+demie|y\s+media|e\s+mezza|e\s+meia)(?!\w)", re.I)


def find_times(sentence: str, lang: str | None = None) -> list[Found]:
    """Clock times in one sentence, offsets relative to it; ``lang`` is not needed (the
    forms are read the same in every language)."""
    out = []
    for m in _TIME.finditer(sentence):
        sep, word = m.group("sep"), m.group("word")
        if m.group("m") is None and word is None:
            continue  # a bare number
        # the preposition, if any, stands in the few characters before (linear time)
        after_preposition = bool(_PREPOSITION.search(sentence[max(0, m.start() - 24) : m.start()]))
        if sep == "." and word is None and not after_preposition:
            continue  # "17.30" alone may be a decimal
        if sep == "," and (
            word is None or not after_preposition or word.lower().startswith(("a", "p"))
        ):
            # "20,30" is a decimal, "10,25 horas" a duration, "12,45 am Freitag" German:
            # a time only after a preposition of time and before a clock word ("a las
            # 20,30 horas", "um 20,30 Uhr")
            continue
        minutes = m.group("m") or m.group("m2")
        hour_only = minutes is None and word and word.lower() in _HOURS
        if hour_only and not after_preposition:
            continue  # "12 h", "3 heures" alone are a duration as often as a time
        hour = int(m.group("h"))
        minute = int(minutes or 0)
        meridiem = (word or "").lower().replace(".", "").replace(" ", "")
        if meridiem in {"pm"} and hour < 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
        text = m.group(0).rstrip()
        if (
            minutes is None
            and word
            and (half := _CLOCK_HALF.match(sentence, m.start() + len(text)))
        ):
            if _OF_SOMETHING.match(sentence, half.end()):
                continue  # "à 3 heures et demie de route": a distance, no time
            minute = 30  # "à 3 heures et demie", "a las 3 horas y media"
            text = sentence[m.start() : half.end()]
        value = f"{hour:02d}:{minute:02d}"
        if m.group("s") is not None:
            value += ":" + m.group("s").replace(",", ".")
        out.append(Found("time", m.start(), m.start() + len(text), text, value))
    # a span both patterns read is settled with the other figures (facts.base.drop_overlaps)
    for m in _DOTTED_SECONDS.finditer(sentence) if ":" in sentence else ():
        value = f"{int(m.group('h')):02d}:{m.group('m')}:{m.group('s')}"
        out.append(Found("time", m.start(), m.end(), m.group(0), value))
    for m in _PRIMED_SECONDS.finditer(sentence) if "'" in sentence or "’" in sentence else ():
        value = f"{int(m.group('h')):02d}:{m.group('m')}:{m.group('s')}"
        out.append(Found("time", m.start(), m.end(), m.group(0), value))
    for m in _FOUR_DIGITS.finditer(sentence):
        value = f"{m.group('h')}:{m.group('m')}"
        out.append(Found("time", m.start(), m.end(), m.group(0), value))
    # an hour with its part of the day first: of two times on one span the first is kept
    out = _day_part_times(sentence, lang) + out + _word_times(sentence, lang)
    return out + _range_starts(sentence, out)


# The part of the day after an hour says which half of the clock it is on: "a las 4 de la
# tarde" is 16:00, "alle 9 di sera" 21:00, "at 4 in the afternoon", "um 4 Uhr nachmittags".
# Read without it, "las 4" is a bare figure that faces "16 Uhr" as another number. Each
# part of the day: the phrases of the languages storydiff reads, and the hours (on a
# twelve-hour clock) that it moves twelve hours on.
_DAY_PARTS = (
    (
        r"de\s+la\s+tarde|por\s+la\s+tarde|del\s+pomeriggio|di\s+pomeriggio"
        r"|de\s+l['’]après-midi|in\s+the\s+afternoon|nachmittags|am\s+nachmittag|da\s+tarde",
        range(1, 12),
    ),
    (
        r"de\s+la\s+noche|por\s+la\s+noche|della\s+sera|di\s+sera|du\s+soir|le\s+soir"
        r"|in\s+the\s+evening|at\s+night|abends|am\s+abend|nachts|in\s+der\s+nacht"
        r"|di\s+notte|della\s+notte|de\s+la\s+nuit|dans\s+la\s+nuit|da\s+noite",
        range(6, 12),  # "las 3 de la noche" is 3:00, "las 10 de la noche" 22:00
    ),
    (
        r"de\s+la\s+mañana|por\s+la\s+mañana|de\s+la\s+madrugada|del\s+mattino"
        r"|della\s+mattina|di\s+mattina|du\s+matin|le\s+matin|in\s+the\s+morning|morgens"
        r"|vormittags"
        r"|am\s+morgen|am\s+vormittag|da\s+manhã",
        range(0),
    ),
)
_HALF_OF_DAY = re.compile(
    r"[ap]\.?\s?m\b|" + "|".join(phrase for phrase, _ in _DAY_PARTS), re.IGNORECASE
)


def says_half_of_day(text: str) -> bool:
    """Does a time's text say which half of the day it is on ("8 pm", "4 de la tarde",
    "7 Uhr morgens")?"""
    return _HALF_OF_DAY.search(text) is not None


_PARTS = "|".join(f"(?P<p{i}>{phrase})" for i, (phrase, _) in enumerate(_DAY_PARTS))
_DAY_PART_TIME = re.compile(
    r"(?<![\w.,:])(?P<h>1[0-2]|0?[1-9]|[^\W\d_]+)(?:\s?[:.h]\s?(?P<m>[0-5]\d))?(?!\d)"
    r"(?:\s?(?P<clock>Uhr|h|heures?|o['’]clock|horas?|ore))?\s+"
    rf"(?:{_PARTS})(?!\w)",
    re.IGNORECASE,
)


# before an hour without a clock word that says it ("Uhr", "o'clock"): a preposition of
# time, the article of the hour ("las 4", "le 9") or the first hour of a range ("4 y las 7")
_LEAD_PREPOSITION = re.compile(rf"(?<!\w)(?:{_BEFORE}|from|von|de|desde|da|dès)\s+$", re.IGNORECASE)
_LEAD_ARTICLE = re.compile(r"(?<!\w)(?:las|la|le|les)\s+$", re.IGNORECASE)
# The two ways a range of hours opens, each with the word that joins its ends ("between 4
# and 7", "entre las 4 y las 7"; "from 9 to 5", "de 9 a 17"), shared by the second hour's
# lead (_LEAD_RANGE) and the first hour's reading (_RANGE_BEFORE)
_BETWEEN = r"(?:between|zwischen|entre|tra|fra)\s+(?:(?:las|le|les)\s+)?"
_AND = r"(?:and|und|y|e|et)"
_FROM = r"(?:from|von|de|desde|dalle|da|dès)\s+(?:(?:las|le)\s+)?"
_TO = r"(?:to|bis|à|a|alle|hasta)"
_HOUR_WORD = r"\s?(?:h|heures?|horas?|ore|Uhr)?"
# the second hour of a range: "between 4 and 7 in the evening", "de 8h à 11h du soir"
_LEAD_RANGE = re.compile(
    rf"(?<!\w)(?:{_BETWEEN}\d{{1,2}}{_HOUR_WORD}\s+{_AND}|{_FROM}\d{{1,2}}{_HOUR_WORD}\s+{_TO})"
    r"\s+(?:(?:las|le|les)\s+)?$",
    re.IGNORECASE,
)


def _hour_leads(sentence: str, start: int, clock: str | None) -> bool:
    """Is the hour at ``start`` a time of day by what stands before it: a preposition of
    time, the first hour of a range, or (without a clock word) the article of the hour
    ("las 4", "le 9")? A clock word that also counts hours ("Las 2 horas de la tarde")
    takes no article."""
    before = sentence[max(0, start - 40) : start]
    if _LEAD_PREPOSITION.search(before) or _LEAD_RANGE.search(before):
        return True
    return clock is None and _LEAD_ARTICLE.search(before) is not None


def _day_part_times(sentence: str, lang: str | None) -> list[Found]:
    """Hours (in figures or words, 1 to 12) followed by the part of the day: times on a
    24-hour clock ("las 4 de la tarde" -> 16:00, "8 heures du soir" -> 20:00, "12 de la
    noche" -> 00:00). The span takes the part of the day in: it says which half of the
    clock the time is on (``says_half_of_day``)."""
    out = []
    for m in _DAY_PART_TIME.finditer(sentence):
        word = m.group("h")
        if word.isdigit():
            hour = int(word)
        elif (hour := _whole_word(word, lang, 1, 12)) is None:
            continue
        clock = m.group("clock")
        if (clock is None or clock.lower() in _HOURS) and not _hour_leads(
            sentence, m.start(), clock
        ):
            # "Il a dormi 8 heures du soir au matin", "scored 4 in the afternoon", "3 morts
            # le matin et 5 le soir"
            continue
        part = next(i for i in range(len(_DAY_PARTS)) if m.group(f"p{i}"))
        moved = _DAY_PARTS[part][1]
        if hour == 12:
            hour = 0 if part else 12  # midnight at night, in the morning; noon otherwise
        elif hour in moved:
            hour += 12
        value = f"{hour:02d}:{int(m.group('m') or 0):02d}"
        out.append(Found("time", m.start(), m.end(), m.group(0), value))
    return out


# The first hour of a range of hours whose clock word or part of the day follows the
# second only: "zwischen 16 und 19 Uhr", "between 4 and 7 pm", "entre las 4 y las 7 de la
# tarde", "tra le 16 e le 19", "von 9 bis 17 Uhr", "from 9 to 5 pm".
_RANGE_BEFORE = re.compile(
    rf"(?:(?<!\w){_BETWEEN}(?P<n>\d{{1,2}})\s+{_AND}"
    rf"|(?<!\w){_FROM}(?P<n2>\d{{1,2}})\s+{_TO}"
    # without the opening word, only where the second hour has its clock word: "16 bis 19
    # Uhr", "16-19 Uhr" ("2 to 1 in the morning" is a score)
    r"|(?<![\w.,:])(?P<n3>\d{1,2})\s*(?:bis|-|–))"
    r"\s*(?:(?:las|le|les|alle)\s+)?$",
    re.IGNORECASE,
)


def _range_starts(sentence: str, times: list[Found]) -> list[Found]:
    """The first hour of each range whose second hour is one of ``times``, on the same
    half of the clock as the second ("16 und 19 Uhr" -> 16:00; "4 and 7 pm" -> 16:00)."""
    out = []
    for t in times:
        written = re.match(r"\d{1,2}", t.text)
        if written is None or not isinstance(t.value, str):
            continue
        m = _RANGE_BEFORE.search(sentence, max(0, t.start - 30), t.start)
        if m is None:
            continue
        group = next(g for g in ("n", "n2", "n3") if m.group(g))
        if group == "n3" and t.text.isdigit():
            continue
        first, second = int(m.group(group)), int(t.value[:2])
        offset = (second - int(written.group(0))) % 24
        if offset not in (0, 12) or first > 23:
            continue
        if first + offset <= second:
            first += offset  # "from 9 to 5 pm": 9 is in the morning
        start, end = m.start(group), m.end(group)
        out.append(Found("time", start, end, sentence[start:end], f"{first:02d}:00"))
    return out


# Clock times in words: "um halb sieben" (6:30), "half past six", "à six heures trente",
# "a las diez y media", "alle sei e mezza", "Viertel vor neun", "a quarter to nine", "à
# midi". Read as numbers, "sieben" faces "six" and "halb elf" faces "10:30". The hour is a
# number word of the sentence's language (1 to 24); the forms that are also durations
# ("deux heures et demie", "dos horas y media") are times only after a preposition of
# time and, in Spanish and Italian, the article of the hour ("a las", "alle").
_W = r"[^\W\d_]+(?:-[^\W\d_]+)?"
_HALF_BEFORE = {"de", "nl"}  # "halb sieben": the half hour before the hour named
_LEADING_WORDS = {"de", "en"}  # languages that say the minutes before the hour
_WORD_TIME = {
    "de": re.compile(
        rf"(?<!\w)(?:(?P<half>halb)|(?P<past>viertel nach)|(?P<to>viertel vor)"
        rf"|(?:um|gegen|ab|bis|vor|nach|punkt)(?=\s+{_W}\s+uhr)"
        # "um zwanzig vor neun", "gegen zehn nach acht"
        rf"|(?:(?<=um )|(?<=gegen )|(?<=bis )|(?<=ab ))(?:(?P<before>{_W})\s+vor"
        rf"|(?P<after>{_W})\s+nach))\s+(?P<h>{_W})(?:\s+uhr)?(?!\w)",
        re.I,
    ),
    "en": re.compile(
        rf"(?<!\w)(?:(?P<half>half past)|(?P<past>(?:a )?quarter past)"
        rf"|(?P<to>(?:a )?quarter to)"
        # "at twenty to nine", "by ten past eight"
        rf"|(?:(?<=at )|(?<=by )|(?<=until ))(?:(?P<before>{_W})\s+to"
        rf"|(?P<after>{_W})\s+past))\s+(?P<h>{_W})(?!\w)"
        rf"|(?<!\w)(?P<h2>{_W})\s+o['’]clock(?!\w)",
        re.I,
    ),
    "fr": re.compile(
        rf"(?<!\w)(?:à|vers|dès|jusqu['’]à|avant|après)\s+(?P<h>{_W})\s+heures?"
        rf"(?:\s+(?:(?P<half>et demie?)|(?P<past>et quart)|(?P<to>moins le quart)"
        rf"|moins\s+(?P<before>{_W})|(?P<m>{_W})))?(?!\w)",
        re.I,
    ),
    "es": re.compile(
        rf"(?<!\w)(?:a|desde|hasta|hacia|sobre|antes de|después de)\s+las?\s+(?P<h>{_W})"
        rf"\s+(?:(?P<half>y media)|(?P<past>y cuarto)|(?P<to>menos cuarto)|y\s+(?P<m>{_W})"
        rf"|menos\s+(?P<before>{_W}))(?!\w)",
        re.I,
    ),
    "it": re.compile(
        rf"(?<!\w)(?:alle|dalle|verso le|entro le|fino alle|all['’])\s*(?P<h>{_W})"
        rf"\s+(?:(?P<half>e mezz[ao])|(?P<past>e un quarto)|(?P<to>meno un quarto)"
        rf"|e\s+(?P<m>{_W})|meno\s+(?P<before>{_W}))(?!\w)",
        re.I,
    ),
}
# noon and midnight after a preposition of time: "à midi" = "um 12 Uhr" = "at noon"
# an English noun after "noon" or "midnight", which they describe ("a midnight raid")
_NOUN_AFTER_EN = (
    r"\s+(?!(?:and|or|on|in|at|the|of|to|that|when|as|with|by|until|for|after|before"
    r"|local|time|today|tomorrow|yesterday|tonight|sharp|deadline)\b)(?-i:[a-z])"
)
_NOON = re.compile(
    # noon after a preposition of time only ("à midi", "at noon"): "peu après midi" /
    # "después del mediodía" / "nach der Mittagszeit" say it three ways, "une après midi"
    # is an afternoon, "le Midi" the south. Midnight is no other word: any preposition of
    # time or order may lead it ("nach Mitternacht", "después de la medianoche",
    # "jusqu'après minuit"), and Spanish and Italian put an article or "a" before it
    # ("hasta la medianoche", "fino a mezzanotte"); not "de" or "di" ("la messe de minuit",
    # "il sole di mezzanotte"). Neither stands before a noun it describes ("a midnight
    # raid", "the noon press conference", "midnight mass").
    rf"(?<!\w)(?:{_BEFORE}\s+(?P<noon>midi|noon(?!{_NOUN_AFTER_EN})|mittag|mediodía|mezzogiorno)"
    rf"|(?P<lead>{_BEFORE}|nach|after|après|jusqu['’]après|después\s+de|dopo|vor|before"
    rf"|avant|antes\s+de|prima\s+di|hasta|desde|hacia|a|fino\s+a|da)\s+(?:la\s+|el\s+)?"
    rf"(?P<midnight>minuit|midnight(?!{_NOUN_AFTER_EN})|mitternacht|medianoche|mezzanotte))"
    rf"(?!\w)",
    re.I,
)


_LAST_WORD = re.compile(r"(\S+)\s+$")


def _figure_before(sentence: str, start: int, lang: str | None) -> bool:
    """Is the word right before ``start`` a figure ("dix à douze heures", "8 a 10")?"""
    from storydiff.facts.numbers import number_word

    m = _LAST_WORD.search(sentence, max(0, start - 40), start)
    if not m:
        return False
    word = m.group(1).strip(".,;:")
    return word[:1].isdigit() or (word.isalpha() and number_word(word, lang) is not None)


# "après deux heures de débat", "à trois heures de route", "à deux heures d'ici": hours of
# something (a duration, a distance), not the time of day "à deux heures de l'après-midi"
_HOURS_OF = re.compile(r"\s+heures?\s+" + _OF_COUNTED.format(parts="nuit|soirée|matinée"), re.I)
# the capitalised noun after a German hour in words is what it counts ("um zehn nach drei
# Monaten", "halb sieben Millionen"), unless it says the clock ("halb sieben Ortszeit")
_NOUN_AFTER = re.compile(r"\s+(?!Uhr\b|Ortszeit\b)[A-ZÄÖÜ]")
_BY = re.compile(r"(?<!\w)by\s+$", re.I)


def _count_not_time(sentence: str, m: re.Match[str], lang: str | None) -> bool:
    """Is this clock time in words a count of something, a duration or a score?"""
    if lang == "fr":
        return _HOURS_OF.match(sentence, m.end("h")) is not None
    if lang == "de":
        return not m.group(0).lower().endswith("uhr") and bool(_NOUN_AFTER.match(sentence, m.end()))
    if lang == "en" and m.group("before"):
        # "approved by fifteen to five": a vote or a score; "at ten to five" is the clock
        return _BY.search(sentence, max(0, m.start() - 10), m.start()) is not None
    return False


def _whole_word(word: str | None, lang: str | None, low: int, high: int) -> int | None:
    """The whole number from ``low`` to ``high`` that a number word says, or None."""
    from storydiff.facts.numbers import number_word

    value = number_word(word, lang) if word else None
    if value is None or value != int(value) or not low <= value <= high:
        return None
    return int(value)


def _word_times(sentence: str, lang: str | None) -> list[Found]:
    out = []
    pattern = _WORD_TIME.get(lang or "")
    for m in pattern.finditer(sentence) if pattern is not None else ():
        if _figure_before(sentence, m.start(), lang):
            continue  # "pendant dix à douze heures": a range of hours, no time
        if _count_not_time(sentence, m, lang):
            continue
        hour = _whole_word(m.group("h") or m.groupdict().get("h2"), lang, 1, 24)
        if hour is None:
            continue
        minute = 0
        if m.group("half"):
            # "halb sieben" is 6:30, "half past six" 6:30
            minute = 30
            hour = hour - 1 if lang in _HALF_BEFORE else hour
        elif m.group("past"):
            minute = 15
        elif m.group("to"):
            hour, minute = hour - 1, 45
        end = m.end()
        counted = m.groupdict().get("before") or m.groupdict().get("after")
        if counted:
            # "zwanzig vor neun" is 8:40, "nueve menos veinte" too; "ten past eight" 8:10
            minutes = _whole_word(counted, lang, 1, 30)
            if minutes is None or minutes % 5:
                continue  # said in words, minutes go in fives: "by eight to six" is a score
            before = bool(m.groupdict().get("before"))
            hour, minute = (hour - 1, 60 - minutes) if before else (hour, minutes)
        elif m.groupdict().get("m"):
            if (minutes := _whole_word(m.group("m"), lang, 0, 59)) is not None:
                minute = minutes
            elif lang != "fr":
                continue  # "a las dos y tres cuartos": minutes not read, no time
            else:  # "à deux heures du matin": the time ends at its hours
                end = m.start("m")
                while end > m.start("h") and sentence[end - 1].isspace():
                    end -= 1
        # the words before the hour belong to the time ("halb sieben", "a quarter to
        # nine"); a preposition does not ("um sieben Uhr", "à six heures trente")
        lead = lang in _LEADING_WORDS and any(
            m.groupdict().get(g) for g in ("half", "past", "to", "before", "after")
        )
        start = m.start() if lead else m.start("h" if m.group("h") else "h2")
        out.append(Found("time", start, end, sentence[start:end], f"{hour % 24:02d}:{minute:02d}"))
    for m in _NOON.finditer(sentence):
        word = m.group("noon") or m.group("midnight")
        lead = (m.group("lead") or "").lower()
        if lead in {"a", "da"} and lang not in {"es", "it", "pt"}:
            continue  # "a midnight raid": the English article
        if word[:1].isupper() and m.start() > 0 and word.lower() in {"midi", "mezzogiorno"}:
            continue  # "le Midi", "il Mezzogiorno": the south of France, of Italy
        s = m.start("noon") if m.group("noon") else m.start("midnight")
        value = "12:00" if m.group("noon") else "00:00"
        out.append(Found("time", s, m.end(), sentence[s : m.end()], value))
    return out
