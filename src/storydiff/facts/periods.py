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
from bisect import bisect_right

from storydiff.facts.base import Found, has_digit
from storydiff.facts.numbers import number_word, ordinal_value

_DECADE = re.compile(
    # 1980s, 1980's, 1980er, 80s, '80s, 80er, (in den) 1880ern; the apostrophe may be
    # typed as an opening quote or an accent ("los años ‘30", "the ´80s")
    r"(?<![\w'’.,])(?:(?P<full>(?:1[89]|20)\d0)|['’‘´`]?(?P<short>[2-9]0))(?:ern?|s|['’‘´`]s)(?!\w)"
    # années 1980, años 80, anni '80, anni del '80, década de 1980, década de los 80, jaren 80
    r"|(?<!\w)(?:années|annees|años|anni(?:\s+del)?|anos|jaren|década\s+de(?:\s+los)?"
    r"|decade\s+of\s+the)"
    r"(?:\s+['’‘´`]?|\s*['’‘´`])(?:(?P<full2>(?:1[89]|20)\d0)|(?P<short2>[2-9]0))(?!\d|[.,]\d)"
    # Spanish, the start, middle or end of a decade without the word for it: "a finales
    # de los 80", "desde principios de los 70", where the figure ends the phrase (not "a
    # finales de los 90 minutos")
    r"|(?<!\w)(?:finales|fines|principios|comienzos|inicios|mediados)\s+de\s+los\s+['’‘´`]?"
    r"(?P<short3>[2-9]0)(?=\s*(?:[,.;:)\-–]|$)|\s+(?:y|e|o|hasta|al?)\s)(?![.,]\d)",
    re.IGNORECASE,
)
# a decade in words: the word for its tens after the word for years ("anni Ottanta", "los
# años ochenta", "les années quatre-vingt", "jaren tachtig"), a German tens word with
# "-er" ("die achtziger Jahre", "in den Achtzigern", "Achtzigerjahre"), or English "the
# eighties"; the tens word is read by text2num
_DECADE_WORD = re.compile(
    r"(?<!\w)(?:années|annees|años|anni|anos|jaren)\s+(?P<w>[^\W\d_]+(?:-[^\W\d_]+)*)"
    r"|(?<!\w)(?P<de>[^\W\d_]*(?:zig|ßig))er(?:n|\s+Jahren?|jahren?)?(?!\w)"
    r"|(?<!\w)the\s+(?P<en>[^\W\d_]+t)ies(?!\w)",
    re.IGNORECASE,
)
# the other decade of a coordination after a decade named by its word ("les années 70 et
# 80", "los años 80 y 90", "gli anni '70 e '80"); "the 70s and 80s" marks both itself
_DECADE_AFTER = re.compile(
    r"\s*(?:(?P<comma>,)|et|y|e|and|und|ou|o|or|oder)\s*['’]?"
    r"(?:(?P<full>(?:1[89]|20)\d0)|(?P<short>[2-9]0))(?!\w|[.,]\d|\s*%)",
    re.IGNORECASE,
)
# after a comma, that decade closes the phrase or the list goes on ("les années 60, 70 et
# 80", "années 70, 80."): in "dans les années 80, 30 usines ont fermé" it is a count
_LIST_GOES_ON = re.compile(r"\s*(?:[,.;:)]|$)|\s+(?:et|y|e|and|und|ou|o|or|oder)\s", re.IGNORECASE)
# the century a two-digit decade is of, when the text names it: by its first year ("anni
# '80 del 1800", "dell'800": Italian names the 1800s by their hundreds) or as a century
# ("in den 50ern des 19. Jahrhunderts", "the 50s of the 19th century", "les années 50 du
# XIXe siècle", "los años 50 del siglo XIX"): the 1850s or 1880s, not the 1950s or 1980s
_OF_CENTURY = re.compile(
    # the hundreds only after Italian's (and Spanish's) "del": "des 500 Jahre alten
    # Klosters", "de 500 a 800 empleados" are no century
    r"\s*(?:del|dell['’])\s*['’]?(?P<c>1[0-9]|[5-9])00(?!\d)"
    # Italian names a century by its hundreds in words: "anni Ottanta dell'Ottocento"
    r"|\s*(?:del|dell['’])\s*(?P<it>(?i:trecento|quattrocento|cinquecento|seicento"
    r"|settecento|ottocento|novecento))(?!\w)"
    r"|(?:[\s-]+Jahren?)?\s+(?:del|dell['’]|de|du|des|do|van\s+de|of(?:\s+the)?)\s*(?:"
    r"(?P<n>1\d|2[01])(?:\.|st|nd|rd|th|de|e|ème)?\s*(?:Jahrhunderts|century|siècle|eeuw)"
    r"|(?P<r>X[XVI]{0,5})(?:e|ème)?\s+(?:siècle|secolo)"
    r"|(?:siglo|século)\s+(?:(?P<r2>X[XVI]{0,5})|(?P<n2>1\d|2[01])))(?!\w)"
)
# the centuries Italian names by their hundreds, as the hundreds of their years
_ITALIAN_HUNDREDS = {
    "trecento": 13,
    "quattrocento": 14,
    "cinquecento": 15,
    "seicento": 16,
    "settecento": 17,
    "ottocento": 18,
    "novecento": 19,
}
# such a century alone, after a preposition with its article and with its capital
# ("nell'Ottocento", "dal Novecento"): "ottocento persone" is a number, "il Novecento" is
# as often Bertolucci's film, and after a capitalised word it ends a name ("Museo del
# Novecento")
_ITALIAN_CENTURY = re.compile(
    r"(?<!\w)(?i:nel|nell['’]|dell['’]|dall['’]|all['’]|sull['’]|del|dal|al)\s*"
    r"(?P<w>Trecento|Quattrocento|Cinquecento|Seicento|Settecento|Ottocento|Novecento)(?!\w)"
)
# the tens a decade in words may name (the twenties to the nineties of the last century)
_TENS = frozenset(float(t) for t in range(20, 100, 10))
_ROMAN = r"[XVI]{1,6}"
# the German word in its inflections only: "Jahrhundertsfeier" (a centenary) names no century
_JAHRHUNDERT = r"Jahrhundert(?:s|es|e|en)?(?!\w)"
_CENTURY = re.compile(
    rf"(?<![\w.])(?P<n>\d{{1,2}})\.\s*{_JAHRHUNDERT}"
    r"|(?<![\w.])(?P<n2>\d{1,2})(?:st|nd|rd|th)[\s-]+centur(?:y|ies)"
    rf"|(?<![\w.])(?:(?P<r>{_ROMAN})|(?P<n3>\d{{1,2}}))(?:e|ème|è)\s+siècles?"
    rf"|(?<!\w)(?:siglo|século|secolo)\s+(?:(?P<r2>{_ROMAN})|(?P<n4>\d{{1,2}}))(?!\w|[.,]\d)"
    rf"|(?<![\w.])(?P<r3>{_ROMAN})\s+secolo",
    re.IGNORECASE,
)
# an ordinal written in words before or after the century word ("the first century",
# "le vingtième siècle", "el siglo primero", "im zwanzigsten Jahrhundert")
_CENTURY_WORD = re.compile(
    rf"(?<!\w)(?P<w>[^\W\d_][\w-]*)\s+(?:century|siècle|siglo|secolo|século|{_JAHRHUNDERT})(?!\w)"
    r"|(?<!\w)(?:siglo|secolo|século)\s+(?P<w2>[^\W\d_]+)(?!\w)",
    re.IGNORECASE,
)
# what a century of _CENTURY without digits needs: "XIXe siècle", "siglo XIX", "XIX secolo"
_ROMANCE_CENTURY = re.compile(r"siècle|siglo|século|secolo", re.IGNORECASE)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# the other century of a coordination, which names the century word once: "im 19. und 20.
# Jahrhundert", "the 19th and 20th centuries", "des XIXe et XXe siècles", "il XIX e XX
# secolo" (before the match); "el siglo XIX y XX" (after it)
_JOINED = r"\s*(?:,|und|and|et|y|e|bis|to|à|a|-|–)\s*"
# a two-digit decade joined to a first one by the same words: "70er und 80er", "70s and 80s"
_JOINED_DECADE = re.compile(rf"{_JOINED}['’]?[2-9]0(?:ern?|s|['’]s)?(?!\w)", re.IGNORECASE)
_CENTURY_BEFORE = re.compile(
    rf"(?<![\w.])(?P<ord>(?P<n>\d{{1,2}})(?:\.|st|nd|rd|th|e|ème|è)|(?P<r>{_ROMAN})(?:e|ème|è))"
    rf"{_JOINED}$"
    # a bare Roman numeral only before a word that joins ("il XIX e XX secolo"): after a
    # comma it is a ruler's ("Louis XIV, XVIIe siècle")
    rf"|(?<![\w.])(?P<bare>(?P<r2>{_ROMAN}))\s+(?:und|and|et|y|e)\s+$"
)
_CENTURY_AFTER = re.compile(rf"{_JOINED}(?P<ord>(?P<r>{_ROMAN}))(?!\w)")


def roman(numeral: str) -> int:
    """The value of a Roman numeral of I, V and X ("XIX" -> 19)."""
    values = [_ROMAN_VALUES[ch] for ch in numeral.upper()]
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def _coordinated_century(sentence: str, m: re.Match[str]) -> list[Found]:
    """The other century of "19. und 20. Jahrhundert" / "siglo XIX y XX" around ``m``."""
    others: list[tuple[int, int, str | None, str | None]] = []  # start, end, digits, numeral
    if before := _CENTURY_BEFORE.search(sentence, max(0, m.start() - 16), m.start()):
        group = "ord" if before.group("ord") else "bare"
        numeral = before.group("r") or before.group("r2")
        others.append((*before.span(group), before.group("n"), numeral))
    if m.group("r2") and (after := _CENTURY_AFTER.match(sentence, m.end())):
        others.append((*after.span("ord"), None, after.group("r")))
    found = []
    for start, end, digits, numeral in others:
        if digits is None and not (numeral and numeral.isupper()):
            continue  # "e i" is no Roman numeral
        century = int(digits) if digits else roman(numeral or "")
        if 1 <= century <= 21:
            found.append(Found("date", start, end, sentence[start:end], f"century:{century}"))
    return found


def _of_century(sentence: str, end: int) -> tuple[int, int] | None:
    """(hundreds, end of the phrase) of the century that ``_OF_CENTURY`` finds right after
    a decade ending at ``end`` ("90er Jahren des 19. Jahrhunderts": 18), None without one
    or for a century no other pattern reads either (outside 1-21: "XXXe siècle")."""
    of = _OF_CENTURY.match(sentence, end)
    if of is None:
        return None
    if of.group("c"):
        hundreds = int(of.group("c"))
        return (hundreds if hundreds >= 10 else 10 + hundreds), of.end()
    if of.group("it"):
        return _ITALIAN_HUNDREDS[of.group("it").lower()], of.end()
    numeral = of.group("r") or of.group("r2")
    digits = of.group("n") or of.group("n2")
    century = int(digits) if digits else roman(numeral)
    return (century - 1, of.end()) if 1 <= century <= 21 else None


def find_periods(sentence: str, lang: str | None = None) -> list[Found]:
    """Decades and centuries in one sentence, offsets relative to it."""
    out = []
    # a decade holds digits, and a century digits or the word for it in a Romance
    # language: most sentences have neither, and are not read by those two patterns
    has_digits = has_digit(sentence)
    for m in _DECADE.finditer(sentence) if has_digits else ():
        full = m.group("full") or m.group("full2")
        short = m.group("short") or m.group("short2") or m.group("short3")
        year = int(full) if full else 1900 + int(short)
        end = m.end()
        if short and (of := _of_century(sentence, end)):
            year, end = of[0] * 100 + int(short), of[1]
        elif (
            short
            and (joined := _JOINED_DECADE.match(sentence, end))
            and (of := _of_century(sentence, joined.end()))
        ):
            # "in den 70er und 80er Jahren des 19. Jahrhunderts": the century is both's
            year = of[0] * 100 + int(short)
        out.append(Found("date", m.start(), end, sentence[m.start() : end], f"{year}s"))
        worded = m.group("full2") or m.group("short2") or m.group("short3")
        after = _DECADE_AFTER.match(sentence, m.end()) if worded else None
        if after and (not after.group("comma") or _LIST_GOES_ON.match(sentence, after.end())):
            other = after.group("full") or after.group("short")
            year = int(other) if after.group("full") else 1900 + int(other)
            if after.group("short") and (of := _of_century(sentence, after.end())):
                year = of[0] * 100 + int(other)  # "années 70 et 80 du XIXe siècle"
            start, end = after.span("full" if after.group("full") else "short")
            out.append(Found("date", start, end, sentence[start:end], f"{year}s"))
    for m in _DECADE_WORD.finditer(sentence):
        if m.group("w"):
            word, word_lang = m.group("w"), lang
        elif m.group("de"):
            word, word_lang = m.group("de"), "de"
        else:
            word, word_lang = f"{m.group('en')}y", "en"
        tens = number_word(word, word_lang)
        if tens is not None and tens in _TENS:
            year, end = 1900 + int(tens), m.end()
            if of := _of_century(sentence, end):
                year, end = of[0] * 100 + int(tens), of[1]
            out.append(Found("date", m.start(), end, sentence[m.start() : end], f"{year}s"))
    for m in _CENTURY.finditer(sentence) if has_digits or _ROMANCE_CENTURY.search(sentence) else ():
        digits = m.group("n") or m.group("n2") or m.group("n3") or m.group("n4")
        numeral = m.group("r") or m.group("r2") or m.group("r3")
        if numeral is not None and not numeral.isupper():
            continue  # "vi secolo" is no Roman numeral in lower case
        century = int(digits) if digits else roman(numeral)
        if 1 <= century <= 21:
            out.append(Found("date", m.start(), m.end(), m.group(0), f"century:{century}"))
            out += _coordinated_century(sentence, m)
    if lang in {None, "it"} and "cento" in sentence:
        # the decades found so far, by start: a century inside one ("anni Ottanta
        # dell'Ottocento") is no century of its own
        taken = sorted((f.start, f.end) for f in out)
        starts = [s for s, _ in taken]
        for m in _ITALIAN_CENTURY.finditer(sentence):
            k = bisect_right(starts, m.start()) - 1
            inside = k >= 0 and taken[k][1] > m.start()
            words = sentence[max(0, m.start() - 40) : m.start()].split()
            if inside or (words and words[-1][:1].isupper()):
                continue  # "Museo del Novecento": the end of a name
            century = _ITALIAN_HUNDREDS[m.group("w").lower()] + 1
            out.append(Found("date", m.start("w"), m.end(), m.group("w"), f"century:{century}"))
    for m in _CENTURY_WORD.finditer(sentence):
        if any(f.start < m.end() and m.start() < f.end for f in out):
            continue
        century = ordinal_value(m.group("w") or m.group("w2"), lang)
        if century is not None and 1 <= century <= 21:
            out.append(Found("date", m.start(), m.end(), m.group(0), f"century:{century}"))
    return out
