"""Quoted speech in „…“, «…», "…", “…”, ‹…›, with the speaker when the sentence names one.

The speaker is the person (or, failing one, the organisation) named in the same sentence
outside the quote; when there are several, the one closest to the quote wins, which is
where "sagte Altman" or "a déclaré Mme Chappaz" stand.
"""

from __future__ import annotations

import re

from storydiff.facts.base import Found

_QUOTES = re.compile(
    r"„(?P<a>[^“”\"]{3,}?)[“”\"]"
    r"|«\s?(?P<b>[^»]{3,}?)\s?»"
    r"|“(?P<c>[^”]{3,}?)”"
    r"|(?<![\w])\"(?P<d>[^\"]{3,}?)\""
    r"|‹\s?(?P<e>[^›]{3,}?)\s?›"
    r"|»(?P<f>[^«]{3,}?)«"
)
MIN_QUOTE_WORDS = 3  # shorter quoted strings are titles or scare quotes, not speech


def find_quotes(sentence: str, speakers: list[Found]) -> list[Found]:
    out = []
    for m in _QUOTES.finditer(sentence):
        inner = next(g for g in m.groups() if g is not None)
        if len(inner.split()) < MIN_QUOTE_WORDS:
            continue
        speaker = _nearest(speakers, m.start(), m.end())
        out.append(
            Found(
                "quote",
                m.start(),
                m.end(),
                m.group(0),
                {"speaker": speaker.value if speaker else None, "text": inner.strip()},
            )
        )
    return out


def _nearest(candidates: list[Found], start: int, end: int) -> Found | None:
    """The nearest person outside the quote; an organisation only if no person is named
    ("sagte OpenAI-CEO Sam Altman": Altman speaks, not OpenAI)."""
    outside = [c for c in candidates if c.end <= start or c.start >= end]
    people = [c for c in outside if c.type == "person"]
    outside = people or outside
    if not outside:
        return None
    return min(outside, key=lambda c: start - c.end if c.end <= start else c.start - end)
