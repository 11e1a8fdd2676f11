"""Clock times, a fact type of their own: "um 17.30 Uhr" = "à 17 h 30" = "at 5.30 pm" =
"17:30". Read as numbers they would become two numbers (17 and 30) or a decimal (17.3)
and differ between languages that write the same time.

The value is the time on a 24-hour clock, "HH:MM". A dot between hour and minutes is also
a decimal point, so "17.30" is a time only with a clock word after it ("Uhr", "h",
"heures", "pm") or a preposition of time before it ("um", "at", "à", "alle", "a las").
"""

from __future__ import annotations

import re

from storydiff.facts.base import Found

_CLOCK_WORD = r"Uhr|h|heures?|hrs?|o['’]clock|[ap]\.?\s?m\.?|horas?|ore|uur"
# Words that name hours on a clock as well as a number of hours ("à 21 heures" / "3
# heures de route"): with them an hour alone is a time only after a preposition of time.
_HOURS = {"h", "hr", "hrs", "heure", "heures", "hora", "horas", "ore", "uur"}
_BEFORE = (
    r"(?:um|gegen|ab|bis|at|by|from|until|à|vers|dès|jusqu['’]à|à partir de|alle|dalle"
    r"|a partire dalle|a las|desde las|hasta las|a partir de las|om|às)"
)
_TIME = re.compile(
    # the hour: 20-23 before 0-19, so that "21" is not read as "2" (which no time follows)
    rf"(?<![\d.,:])(?P<h>2[0-3]|[01]?\d)(?!\d)"
    rf"(?:\s?(?P<sep>[:.,]|h|H)\s?(?P<m>[0-5]\d)(?!\d|[.,]\d))?"
    rf"(?:\s?(?P<word>{_CLOCK_WORD})(?!\w))?"
    # French writes the minutes after the hours: "à 11 heures 10"
    rf"(?:(?<=heures)\s(?P<m2>[0-5]\d)(?!\d|[.,]\d|\s?%))?",
)
_PREPOSITION = re.compile(rf"(?<!\w){_BEFORE}\s+$", re.IGNORECASE)
# four digits before a time zone or "hrs": "1200 GMT", "0930 UTC", "1800 hrs" (wire and
# military style), the same time as "12 h 00" or "12:00"
TIME_ZONES = ("GMT", "UTC", "CET", "CEST", "BST", "EST", "EDT", "PST", "PDT", "MEZ", "MESZ")
_FOUR_DIGITS = re.compile(
    rf"(?<![\d.,:])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s?(?P<zone>{'|'.join(TIME_ZONES)}|hrs)(?!\w)"
)


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
        out.append(
            Found("time", m.start(), m.start() + len(text), text, f"{hour:02d}:{minute:02d}")
        )
    # a span both patterns read is settled with the other figures (facts.base.drop_overlaps)
    for m in _FOUR_DIGITS.finditer(sentence):
        value = f"{m.group('h')}:{m.group('m')}"
        out.append(Found("time", m.start(), m.end(), m.group(0), value))
    return out
