"""Stock-market indexes named like people or places ("the Hang Seng Index", "the Dow
Jones Industrial Average", "l'indice Hang Seng", "MSCI Asia Pacific Index"): their words
are no person ("Seng Index"), no place ("Hang", a town in the gazetteer) and no company.
A translation names the index in one word ("Hang-Seng-Index") or after a common noun
("el índice Hang Seng"), so the index is kept out of the facts in every language rather
than read as a name in some.
"""

from __future__ import annotations

import re

from storydiff.facts.names import _STOP_NAMES, _UP, _stop_month_or_day

# one word of an index's name: capitalised, an ampersand, a genitive, or its size ("500")
_WORD = rf"(?:[{_UP}][\w’'&.-]{{0,30}}|&|\d{{2,4}})"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,5}}"
# the noun before the name ("el índice Hang Seng", "der Leitindex Dow Jones Industrial",
# "l'indice di Hang Seng") or the word that closes it ("the Hang Seng Index")
_BEFORE = re.compile(
    r"(?<![\w-])(?:[Íí]ndices?|[Ii]ndic[ei]|[Ii]ndex|[Ii]ndexes|[\wäöü]+index)"
    rf"\s+(?:(?:de|di|del|du)\s+)?(?P<name>{_NAME})"
)
_AFTER = re.compile(rf"(?<![\w&.-])(?P<name>{_NAME})\s+(?:Index|Average|Composite)(?![\w-])")


def market_indexes(sentence: str, lang: str | None) -> list[tuple[int, int]]:
    """(start, end) character spans of ``sentence`` that name a stock-market index, with
    the word that closes the name ("Index", "Average") where there is one. An article or
    function word is no part of the name ("The Hang Seng Index"), nor a month or a day
    ("the index Monday"). Linear in the sentence's length."""
    spans = []
    for pattern in (_AFTER, _BEFORE):
        for m in pattern.finditer(sentence):
            words = [
                (w.start() + m.start("name"), w.end() + m.start("name"))
                for w in re.finditer(r"\S+", m.group("name"))
            ]
            while words and sentence[slice(*words[0])] in _STOP_NAMES:
                words.pop(0)  # "The", "Der", "Le"
            named = 0
            for s, e in words:
                if _stop_month_or_day(sentence[s:e].strip(".,"), lang or "en"):
                    break
                named += 1
            if not named or (pattern is _AFTER and named < len(words)):
                continue  # nothing named, or a month inside "... Index"
            start, end = words[0][0], m.end() if pattern is _AFTER else words[named - 1][1]
            spans.append((start, end))
    return spans
