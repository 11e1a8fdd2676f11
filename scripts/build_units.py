"""Build storydiff's table of units of measure: src/storydiff/facts/data/units.json.gz.

    pip install pint && python scripts/build_units.py

Translations convert measures for their readers ("42,2 Kilometern" / "26.2 miles", "9 Grad"
/ "48 degrees", "300 Metern" / "1,000 feet"), so two figures in units of one dimension
are the same measure when the conversion makes them about equal. The table holds:

- ``units``: each unit's dimension and its conversion into the dimension's base unit,
  ``base = value * factor + offset`` (pint's definitions; the offset is for temperatures);
- ``words``: per language, the words and symbols that name a unit after a figure, lower
  case -> unit. They are CLDR's unit names (through babel's ``format_unit``: long forms
  for one and for many, and short forms), with the regional spellings of en-GB, fr-CA and
  de-CH, and German's dative plural ("mit 300 Metern", "in 14 Tagen"); periods (days, weeks,
months, years) too, since a translation may count a period in other units ("zwei Wochen"
/ "quinze jours"). One-letter short forms are left out ("5 a 10" is Spanish "5 to 10").

"degree" alone (CLDR's generic temperature, and the word for an angle) is its own unit:
a figure in degrees may be Celsius or Fahrenheit, which the fact diff tries both ways.
Output: ``{"source": ..., "units": {...}, "words": {"de": {...}, ...}}``.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/storydiff/facts/data/units.json.gz"

# CLDR unit -> pint unit; the measures news converts between metric and imperial
UNITS = {
    "length-kilometer": "kilometer",
    "length-meter": "meter",
    "length-centimeter": "centimeter",
    "length-millimeter": "millimeter",
    "length-mile": "mile",
    "length-yard": "yard",
    "length-foot": "foot",
    "length-inch": "inch",
    "mass-kilogram": "kilogram",
    "mass-gram": "gram",
    "mass-pound": "pound",
    "mass-ounce": "ounce",
    "volume-liter": "liter",
    "volume-gallon": "gallon",
    "area-square-kilometer": "kilometer ** 2",
    "area-square-meter": "meter ** 2",
    "area-square-mile": "mile ** 2",
    "area-hectare": "hectare",
    "area-acre": "acre",
    "speed-kilometer-per-hour": "kilometer / hour",
    "speed-mile-per-hour": "mile / hour",
    "temperature-celsius": "degC",
    "temperature-fahrenheit": "degF",
    # periods: "zwei Wochen" / "quinze jours", "18 Monate" / "a year and a half"
    "duration-day": "day",
    "duration-week": "week",
    "duration-month": "month",
    "duration-year": "year",
}
# the word for a degree without a scale: CLDR's angle unit names it in every language
# (its "generic temperature" long form reads "degrees temperature" in English)
DEGREE = "angle-degree"
LOCALES = {
    "de": ("de", "de_CH"),
    "en": ("en", "en_GB"),
    "fr": ("fr", "fr_CA"),
    "es": ("es",),
    "it": ("it",),
    "nl": ("nl",),
    "pt": ("pt",),
}
# short forms that are also common words after a figure ("won 5 in a row", "5 mi casa",
# French "5 mille" is five thousand): left out
COMMON_WORDS = {"in", "ac", "mi", "pi", "po", "gal", "deg", "vg", "pol.", "mille"}
# a figure and its unit in CLDR's pattern: "5 Kilometer", "5 km", "5°"
_FIGURE = re.compile(r"^\s*5[\s\u00a0\u202f]*|[\s\u00a0\u202f]*5\s*$")


def _names(unit: str, locale: str) -> set[str]:
    from babel.units import format_unit

    out = set()
    for length in ("long", "short"):
        for count in (1, 5):
            text = format_unit(count, unit, length=length, locale=locale).replace("1", "5", 1)
            word = _FIGURE.sub("", text).strip()
            if word and "5" not in word:
                out.add(" ".join(word.lower().split()))
    return out


def main() -> None:
    import babel
    import pint

    ureg = pint.UnitRegistry()
    units: dict[str, dict[str, object]] = {}
    for cldr, name in UNITS.items():
        q0 = ureg.Quantity(0.0, name).to_base_units()
        q1 = ureg.Quantity(1.0, name).to_base_units()
        units[cldr] = {
            "dimension": str(q1.dimensionality),
            "factor": float(q1.magnitude - q0.magnitude),
            "offset": float(q0.magnitude),
        }
    units["degree"] = {"dimension": "degree", "factor": 1.0, "offset": 0.0}
    words: dict[str, dict[str, str]] = {}
    for lang, locales in LOCALES.items():
        table: dict[str, str] = {}
        for cldr in [*UNITS, DEGREE]:
            unit = "degree" if cldr == DEGREE else cldr
            for locale in locales:
                for word in _names(cldr, locale) - COMMON_WORDS:
                    period = unit.startswith("duration-")
                    if period and len(word.rstrip(".")) < 2:
                        continue  # "5 a 10" (Spanish "to"), "5 d", "5 j": no period
                    table.setdefault(word, unit)
                    plural = ("er", "e") if period else ("er",)
                    if lang == "de" and word.endswith(plural) and " " not in word:
                        table.setdefault(word + "n", unit)  # "mit 300 Metern", "14 Tagen"
        words[lang] = dict(sorted(table.items()))
    payload = {
        "source": f"CLDR unit names through babel {babel.__version__}; "
        f"conversions from pint {pint.__version__}",
        "units": units,
        "words": words,
    }
    OUT.write_bytes(gzip.compress(json.dumps(payload, ensure_ascii=False).encode(), mtime=0))
    print(f"{OUT}: {len(units)} units, {sum(map(len, words.values()))} words")


if __name__ == "__main__":
    main()
