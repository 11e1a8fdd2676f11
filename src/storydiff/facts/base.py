"""What every fact extractor shares: spans, folding of names, overlap resolution."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

FACT_TYPES = (
    "money",
    "percent",
    "number",
    "date",
    "time",
    "person",
    "organization",
    "location",
    "quote",
    "source",
)


@dataclass
class Found:
    """A fact found in one sentence; ``start``/``end`` are offsets in that sentence."""

    type: str
    start: int
    end: int
    text: str
    value: Any


def finite(value: Any) -> bool:
    """Whether every float in a fact's value is finite: a figure of hundreds of digits
    ("7777...") reads as inf, which is no amount and no valid JSON (the JSON contract)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(finite(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(finite(v) for v in value)
    return True


_UNDECOMPOSED = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
    }
)


_DIGIT = re.compile(r"\d")


def has_digit(text: str) -> bool:
    """Does ``text`` hold a digit? Most sentences hold none, and the patterns of dates,
    money and periods that need one are not run on them."""
    return _DIGIT.search(text) is not None


def fold(text: str) -> str:
    """Language-neutral key of a name: accents and case removed, apostrophes and hyphens
    turned into spaces, whitespace collapsed ("L’Observatoire" -> "l observatoire")."""
    # names and words are folded again and again (tens of thousands of calls in a
    # compare): short texts are remembered, long ones (a sentence, an article) are not
    return _fold_short(text) if len(text) <= _FOLD_CACHED_CHARS else _fold(text)


_FOLD_CACHED_CHARS = 64


@lru_cache(maxsize=65_536)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    # the accents dropped: by a translation table that learns each character once (a
    # loop over the characters was a tenth of the fact diff of a long article)
    plain = decomposed if decomposed.isascii() else decomposed.translate(_NOT_COMBINING)
    # letters that Unicode does not decompose into a base letter and an accent
    plain = plain.translate(_UNDECOMPOSED).casefold()
    for ch in "'’‘`´-‐‑–—_.":
        plain = plain.replace(ch, " ")
    return " ".join(plain.split())


class _WithoutCombining(dict):
    """``str.translate`` table: a combining character (an accent) -> None, any other
    character to itself; filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_NOT_COMBINING = _WithoutCombining()


def caseless(text: str) -> str:
    """``text`` in lower case with the letters that a case-insensitive regular expression
    takes for one another made one (the dotless and dotted i, the long s): a word that an
    ``re.IGNORECASE`` pattern matches in ``text`` stands in ``caseless(text)`` as
    ``caseless(word)``, so a plain substring test can tell that a pattern cannot match."""
    return text.translate(_DOTTED_I).lower().translate(_case_twins())


_DOTTED_I = str.maketrans({"İ": "i"})  # its full lower case is two characters


@lru_cache(maxsize=1)
def _case_twins() -> dict[int, int]:
    """Each lower-case letter that ``re`` matches case-insensitively with another lower-case
    letter ("ı" / "i", "ſ" / "s", Greek and Cyrillic variants) -> one of them."""
    try:
        from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
    except ImportError:  # another Python: its own table is unknown, these are the Latin ones
        _EXTRA_CASES = {0x69: (0x131,), 0x73: (0x17F,), 0x131: (0x69,), 0x17F: (0x73,)}
    return {code: min((code, *twins)) for code, twins in _EXTRA_CASES.items() if min(twins) < code}


def drop_overlaps(found: list[Found]) -> list[Found]:
    """Keep the earliest-starting, then longest, of overlapping facts of *span* types.

    Money, percent, number and date compete for the same digits ("6,5 Milliarden
    US-Dollar" must not also yield the number 6.5); quotes, sources and named entities
    are allowed to overlap them.
    """
    numeric = {"money", "percent", "number", "date", "time"}
    kept: list[Found] = []
    taken: list[tuple[int, int]] = []
    ordered = sorted(found, key=lambda f: (f.start, -(f.end - f.start)))
    for fact in ordered:
        if fact.type in numeric:
            if any(fact.start < e and s < fact.end for s, e in taken):
                continue
            taken.append((fact.start, fact.end))
        kept.append(fact)
    return kept
