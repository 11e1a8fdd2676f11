"""Publication dates as inputs give them -> one form (ISO 8601), or None.

Feeds and crawls write dates in a few families, all read here:
- ISO 8601 / RFC 3339 (JSON feeds, Atom, ``2024-09-10T08:15:00Z``) and the e-mail form
  of RFC 2822 that RSS uses (``Tue, 10 Sep 2024 08:15:00 GMT``): the standard library;
- day, month and year in digits: ``10.09.2024`` (dots: day first, as everywhere dots are
  used), ``2024/09/10``, and ``10/09/2024`` or ``09-10-2024`` only when the order cannot
  be mistaken (one of the first two numbers above 12);
- a month written as a word, in en, de, fr, es, it, nl or pt (``10 September 2024``,
  ``September 10, 2024 08:15``, ``10. September 2024``, ``le 10 sept. 2024``): month and
  weekday names (Babel's CLDR data) put into English, then read by dateutil.

A time may end in a time zone: an offset (``+0200``), or an abbreviation that names one
offset (``CEST``, ``MESZ``, ``EDT``: :data:`_ZONES`); the result then carries the offset.

Anything else is not guessed: ``03/04/2024`` (March or April?), a date without its year,
"yesterday", a zone abbreviation that names several offsets (``IST``: India, Ireland or
Israel), which leaves the time without an offset. A wrong date would silently move an
article out of its story's time window; the caller counts what it could not read so that
the user hears of it.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import cache

LANGUAGES = ("de", "fr", "es", "it", "nl", "pt")
_NUMERIC = re.compile(
    r"^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?:(?:\s+|T|,\s*)(\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_WORD = re.compile(r"[^\W\d_]+\.?", re.UNICODE)
# Words around a worded date that are neither a month nor a weekday: dropped.
_FILLERS = frozenset(
    "le la el il lo de del di do da van het om um am uhr à a às alle ore at on the of h".split()
)


# Time zone abbreviations that feeds write after a time, each with the UTC offset (in
# hours) it names in news written in storydiff's languages. Written here because no
# library maps abbreviations to offsets (they are not unique worldwide, so tz databases
# map zones to abbreviations only). Abbreviations news uses for several zones (IST: India,
# Ireland, Israel; AST) are left out; CST and its kin are the United States' zones, as
# RFC 2822 fixes them, and BST is British Summer Time.
_ZONES = {
    "UTC": 0, "GMT": 0, "UT": 0, "WET": 0, "WEZ": 0,
    "BST": 1, "WEST": 1, "WESZ": 1, "CET": 1, "MEZ": 1,
    "CEST": 2, "MESZ": 2, "EET": 2, "OEZ": 2,
    "EEST": 3, "OESZ": 3, "MSK": 3,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "AEST": 10, "AEDT": 11,
}  # fmt: skip
# (searched from the first space of a run only: from each space of a long run it was
# quadratic)
_ZONE_AT_END = re.compile(r"(?<!\s)\s+\(?([A-Z]{2,4})\)?$")


def normalise_date(value: str | None) -> str | None:
    """``value`` as ISO 8601: a date (``2024-09-10``) when only a day is given, else a
    date-time to the second, with its UTC offset when the input has one (as an offset or
    as a zone abbreviation of :data:`_ZONES`). None for an empty value or one in no form
    this module reads."""
    if not value or not value.strip():
        return None
    text = value.strip()
    zone = _ZONE_AT_END.search(text)
    if zone and zone.group(1) in _ZONES:
        read = _normalise(text[: zone.start()])
        if read is None or "T" not in read or datetime.fromisoformat(read).utcoffset() is not None:
            return read  # no time to give an offset, or one given as digits
        hours = _ZONES[zone.group(1)]
        return f"{read}{'+' if hours >= 0 else '-'}{abs(hours):02d}:00"
    return _normalise(text)


# a time on the twelve-hour clock: "8:15 PM", "8.15 p.m.", "12:05 am"
_TWELVE_HOUR = re.compile(
    r"(?<![\d:.])(?P<h>\d{1,2})(?P<rest>[:.]\d{2}(?::\d{2})?)\s*(?P<half>[ap])\.?\s?m\.?"
    # not German "am" before the day ("12:30 am 10. September 2024")
    r"(?!\w)(?!\s*\d)",
    re.IGNORECASE,
)


def _on_24_hours(text: str) -> str:
    """``text`` with a twelve-hour time written on the 24-hour clock ("8:15 PM" -> "20:15"):
    the e-mail date parser takes "PM" for an unknown time zone and drops it."""

    def hours(m: re.Match[str]) -> str:
        hour = int(m["h"])
        if not 1 <= hour <= 12:
            return m.group()
        hour = hour % 12 + (12 if m["half"].lower() == "p" else 0)
        return f"{hour:02d}{m['rest'].replace('.', ':', 1)}"

    return _TWELVE_HOUR.sub(hours, text)


def _normalise(text: str) -> str | None:
    """``normalise_date`` of a stripped text, its zone abbreviation (if any) left in."""
    text = _on_24_hours(text)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None:
        if "T" in text or " " in text:
            return parsed.isoformat(timespec="seconds")
        return parsed.date().isoformat()
    try:
        return parsedate_to_datetime(text).isoformat(timespec="seconds")
    except (TypeError, ValueError, IndexError):
        pass
    return _numeric(text) or _worded(text)


def _numeric(text: str) -> str | None:
    """Day, month and year in digits, when their order is certain."""
    m = _NUMERIC.match(text)
    if not m:
        return None
    first, sep, second, third = int(m[1]), m[2], int(m[3]), int(m[4])
    if len(m[1]) == 4:  # 2024/09/10
        year, month, day = first, second, third
    elif len(m[4]) != 4:
        return None  # a two-digit year: which century?
    elif sep == "." or first > 12:
        day, month, year = first, second, third
    elif second > 12:
        month, day, year = first, second, third
    elif first == second:
        day = month = first
        year = third
    else:
        return None  # 03/04/2024: day or month first cannot be told
    try:
        when = datetime(year, month, day)
        if m[5] is None:
            return when.date().isoformat()
        when = when.replace(hour=int(m[5]), minute=int(m[6]), second=int(m[7] or 0))
    except ValueError:
        return None
    return when.isoformat(timespec="seconds")


def _worded(text: str) -> str | None:
    """A date with its month as a word and a four-digit year, in any of the languages."""
    if not _YEAR.search(text):
        return None
    names = _english_names()
    months = 0
    words = []
    for token in re.split(r"(\s+|,)", text):
        key = token.lower().rstrip(".")
        if _WORD.fullmatch(token):
            if key in _FILLERS:
                continue
            if key in names:
                english, is_month = names[key]
                months += is_month
                words.append(english)
                continue
            return None  # a word that is no month or weekday: not a date this reads
        words.append(token.rstrip(".") if token.rstrip(".").isdigit() else token)
    if months != 1:
        return None  # no month, or two words that could each be one
    from dateutil import parser

    cleaned = re.sub(r"\s+", " ", "".join(words)).strip(" ,")
    try:
        when = parser.parse(cleaned, default=datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    if when.year == 1:
        return None
    if when.hour or when.minute or when.second or ":" in cleaned:
        return when.isoformat(timespec="seconds")
    return when.date().isoformat()


@cache
def _english_names() -> dict[str, tuple[str, bool]]:
    """Lower-case month and weekday names (wide and abbreviated) of every language here
    -> (the English name, whether it is a month)."""
    from babel.dates import get_day_names, get_month_names

    out: dict[str, tuple[str, bool]] = {}
    english_months = get_month_names("wide", locale="en")
    english_days = get_day_names("wide", locale="en")
    for lang in ("en", *LANGUAGES):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=lang).items():
                out.setdefault(name.lower().rstrip("."), (english_months[number], True))
            for number, name in get_day_names(width, locale=lang).items():
                out.setdefault(name.lower().rstrip("."), (english_days[number], False))
    out.setdefault("sept", (english_months[9], True))
    return out


__all__ = ["normalise_date"]
