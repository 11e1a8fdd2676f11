"""Units of measure after a figure, and whether two measures are one converted.

Translations convert measures for their readers: "42,2 Kilometern" / "26.2 miles", "9 Grad
am Start" / "48 degrees at the start", "300 Metern" / "1,000 feet", "etwa 50 Gramm" / "two
ounces". Two figures in different units of one dimension are the same measure when the
conversion makes them about equal. The unit words (CLDR, per language) and the conversions
(pint) are in a table built by ``scripts/build_units.py``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storydiff.tables import alternation, gzip_json, package_table

# A converted measure is rounded ("about 50 grams" for 2 ounces = 56.7 g; "300 metres" for
# 1,000 feet = 305 m): a relative gap up to this still reads as a conversion.
ROUNDING = 0.15
# Temperatures are rounded to the degree on either scale: this many kelvin apart.
TEMPERATURE_ROUNDING = 1.0
# "degree" alone: Celsius or Fahrenheit, tried both ways
DEGREE = "degree"
_CELSIUS = "temperature-celsius"
_FAHRENHEIT = "temperature-fahrenheit"


@lru_cache(maxsize=1)
def _table() -> dict:
    return package_table("storydiff.facts", "data/units.json.gz", gzip_json)


@lru_cache(maxsize=16)
def _unit_pattern(lang: str | None) -> tuple[re.Pattern[str], dict[str, str]]:
    words_by_lang = _table()["words"]
    words = {**words_by_lang["en"], **words_by_lang.get(lang or "en", {})}
    # right after the figure: a space (or none: "42km", "5°C") or the hyphen of a compound
    # ("the 26.2-mile race"), and the unit as a whole word
    return re.compile(rf"[\s\u00a0\u202f-]?({alternation(words)})(?![^\W\d_])", re.I), words


def unit_after(text: str, end: int, lang: str | None) -> str | None:
    """The unit named right after a figure that ends at ``end`` in ``text`` ("42,2
    Kilometern" -> "length-kilometer", "9 Grad" -> "degree"), in the words of ``lang``
    and English, or None. Units are CLDR's ids ("mass-ounce"), or "degree"."""
    pattern, words = _unit_pattern(lang)
    m = pattern.match(text, end)
    return words[" ".join(m.group(1).lower().split())] if m else None


def _base(value: float, unit: str) -> tuple[str, float]:
    """(dimension, value in the dimension's base unit)."""
    spec = _table()["units"][unit]
    return spec["dimension"], value * spec["factor"] + spec["offset"]


def _readings(value: float, unit: str) -> list[tuple[str, float]]:
    if unit == DEGREE:
        return [_base(value, _CELSIUS), _base(value, _FAHRENHEIT)]
    return [_base(value, unit)]


# French, Spanish, Italian and Portuguese count a week as eight days and a fortnight as
# fifteen, the last day included ("dans les quinze jours", "en los próximos 15 días",
# "entro quindici giorni"): a period ahead, "within two weeks", "in 14 Tagen" elsewhere.
# Read so only after a word of "within": "15 jours dans le coma", "quince días de
# arresto" count days.
_WEEKS_COUNTED_INCLUSIVELY = {8.0: 7.0, 15.0: 14.0}
_INCLUSIVE_LANGS = frozenset({"fr", "es", "it", "pt"})
_WITHIN = re.compile(
    r"(?<!\w)(?:dans(?:\s+les)?|d['’]ici|sous|il\s+y\s+a|en|em|hace|daqui\s+a|pr[oó]xim[oa]s|dentro\s+de|"
    r"entro|tra|fra|prossimi|nei\s+prossimi)\s*$",
    re.I,
)
DAY = "duration-day"
# A period converted into other units is exact (two weeks are 14 days, 18 months a year
# and a half, "97 Monate" are no 8 years); this much apart still reads as one where a
# month (30.4 days) or a year (365.25) meets days or weeks.
PERIOD_ROUNDING = {"duration-month": 0.02, "duration-year": 0.003}
_DAYS_OR_WEEKS = frozenset({"duration-day", "duration-week"})


def days_meant(value: float, unit: str | None, lang: str | None, before: str) -> float:
    """The figure of a count of days as the days it means: 8 and 15 days ahead in French,
    Spanish, Italian and Portuguese, after a word of "within" (``before``: the text before
    the figure), are a week and a fortnight (7, 14); any other figure as it is."""
    if unit == DAY and lang in _INCLUSIVE_LANGS and _WITHIN.search(before[-30:]):
        return _WEEKS_COUNTED_INCLUSIVELY.get(value, value)
    return value


def same_measure(
    value_x: float, unit_x: str, value_y: float, unit_y: str, rounding: float = ROUNDING
) -> bool:
    """Could ``value_y`` in ``unit_y`` be ``value_x`` in ``unit_x`` converted, give or take
    rounding (``rounding`` relative, ROUNDING unless a measure is more precise;
    TEMPERATURE_ROUNDING kelvin)? False for one unit on both
    sides (then the figures are compared as they are) except "degree", which may be
    Celsius on one side and Fahrenheit on the other; False across dimensions."""
    if unit_x == unit_y and unit_x != DEGREE:
        return False
    for dim_x, base_x in _readings(value_x, unit_x):
        for dim_y, base_y in _readings(value_y, unit_y):
            if dim_x != dim_y:
                continue
            if dim_x == "[temperature]":
                if abs(base_x - base_y) <= TEMPERATURE_ROUNDING:
                    return True
            elif base_x > 0 and base_y > 0:
                gap = _period_rounding(unit_x, unit_y) if dim_x == "[time]" else rounding
                if abs(base_x - base_y) <= gap * max(base_x, base_y):
                    return True
    return False


def _period_rounding(unit_x: str, unit_y: str) -> float:
    """How far apart two periods may be in days and still be one: a month or a year
    against days or weeks is not a whole number of them; otherwise exact."""
    for long, short in ((unit_x, unit_y), (unit_y, unit_x)):
        if long in PERIOD_ROUNDING and short in _DAYS_OR_WEEKS:
            return PERIOD_ROUNDING[long]
    return 1e-9
