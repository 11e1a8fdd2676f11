"""Decades and centuries, dates of their own: "the 1980s" = "die 80er Jahre" = "les années
1980" = "los años 80" = "gli anni '80" (value ``"1980s"``), "the 19th century" =
"das 19. Jahrhundert" = "le XIXe siècle" = "el siglo XIX" (value ``"century:19"``).

Read as numbers they become a year on one side ("1980") and a bare number on the other
("80"), or a number (19) against Roman numerals no number rule reads (XIX), and a
translation looks like a change. Two-digit decades are read in the twentieth century
(from the 1920s on: "the 20s" of an article may be either century, and "10s" is no way
to write one).
"""

from __future__ import annotations

import re

from storydiff.facts.base import Found

_DECADE = re.compile(
    # 1980s, 1980's, 1980er, 80s, '80s, 80er
    r"(?<![\w'’.,])(?:(?P<full>(?:1[89]|20)\d0)|['’]?(?P<short>[2-9]0))(?:er|s|['’]s)(?!\w)"
    # années 1980, años 80, anni '80, década de 1980, década de los 80, jaren 80
    r"|(?<!\w)(?:années|annees|años|anni|anos|jaren|década\s+de(?:\s+los)?|decade\s+of\s+the)"
    r"\s+['’]?(?:(?P<full2>(?:1[89]|20)\d0)|(?P<short2>[2-9]0))(?!\d|[.,]\d)",
    re.IGNORECASE,
)
_ROMAN = r"[XVI]{1,6}"
_CENTURY = re.compile(
    r"(?<![\w.])(?P<n>\d{1,2})\.\s*Jahrhundert\w*"
    r"|(?<![\w.])(?P<n2>\d{1,2})(?:st|nd|rd|th)[\s-]+century"
    rf"|(?<![\w.])(?:(?P<r>{_ROMAN})|(?P<n3>\d{{1,2}}))(?:e|ème|è)\s+siècle"
    rf"|(?<!\w)(?:siglo|século|secolo)\s+(?P<r2>{_ROMAN})(?!\w)"
    rf"|(?<![\w.])(?P<r3>{_ROMAN})\s+secolo",
    re.IGNORECASE,
)
# an ordinal written in words before or after the century word ("the first century",
# "le vingtième siècle", "el siglo primero", "im zwanzigsten Jahrhundert")
_CENTURY_WORD = re.compile(
    r"(?<!\w)(?P<w>[^\W\d_][\w-]*)\s+(?:century|siècle|siglo|secolo|século|Jahrhundert\w*)(?!\w)"
    r"|(?<!\w)(?:siglo|secolo|século)\s+(?P<w2>[^\W\d_]+)(?!\w)",
    re.IGNORECASE,
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def roman(numeral: str) -> int:
    """The value of a Roman numeral of I, V and X ("XIX" -> 19)."""
    values = [_ROMAN_VALUES[ch] for ch in numeral.upper()]
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def _ordinal(word: str, lang: str | None) -> int | None:
    """The value of an ordinal number word ("first", "vingtième", "zwanzigsten"), read by
    text2num, or None."""
    if lang not in {"en", "fr", "de", "es", "it", "pt", "nl"}:
        return None
    from text_to_num import alpha2digit

    try:
        m = re.match(r"(\d{1,2})(?!\d)", alpha2digit(word, lang, 0))
    except (ValueError, KeyError, IndexError):
        return None
    return int(m.group(1)) if m else None


def find_periods(sentence: str, lang: str | None = None) -> list[Found]:
    """Decades and centuries in one sentence, offsets relative to it."""
    out = []
    for m in _DECADE.finditer(sentence):
        full = m.group("full") or m.group("full2")
        year = int(full) if full else 1900 + int(m.group("short") or m.group("short2"))
        out.append(Found("date", m.start(), m.end(), m.group(0), f"{year}s"))
    for m in _CENTURY.finditer(sentence):
        digits = m.group("n") or m.group("n2") or m.group("n3")
        numeral = m.group("r") or m.group("r2") or m.group("r3")
        if numeral is not None and not numeral.isupper():
            continue  # "vi secolo" is no Roman numeral in lower case
        century = int(digits) if digits else roman(numeral)
        if 1 <= century <= 21:
            out.append(Found("date", m.start(), m.end(), m.group(0), f"century:{century}"))
    for m in _CENTURY_WORD.finditer(sentence):
        if any(f.start < m.end() and m.start() < f.end for f in out):
            continue
        century = _ordinal(m.group("w") or m.group("w2"), lang)
        if century is not None and 1 <= century <= 21:
            out.append(Found("date", m.start(), m.end(), m.group(0), f"century:{century}"))
    return out
