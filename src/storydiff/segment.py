"""Sentence segmentation per language, with character spans.

pysbd is a rule-based segmenter with per-language abbreviation lists ("z. B.", "Mrd.",
"M. Macron", "U.S.") for 23 languages; languages it lacks use its English rules, which
still handle decimal numbers and initials. Its lists miss some titles of address that
news text is full of ("Sr. García", "Hr. Weber"); segments that end in one of those are
joined to the next, a small fix on top rather than a second segmenter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import pysbd
import pysbd.abbreviation_replacer
from pysbd.languages import LANGUAGE_CODES
from pysbd.utils import TextSpan

# Titles of address that precede a name; a segment ending in one never ends a sentence.
_TITLES = frozenset(
    """
    Mr. Mrs. Ms. Dr. Prof. St. Sen. Rep. Gov. Gen. Hr. Fr. Frau. Dipl. Ing. M. MM. Mme.
    Mlle. Me. Sr. Sra. Srta. Dña. Ud. Uds. Sig. Sig.ra Dott. Dott.ssa Avv. On. Dhr. Mevr.
    Sr.ª Exmo. Exma.
    """.split()
)


class _Segmenter(pysbd.Segmenter):
    r"""pysbd's segmenter, finding its sentences in the text without a regex each.

    pysbd locates every sentence with ``re.finditer(re.escape(sentence) + r"\s*")``: one
    new pattern per sentence, which also pushes pysbd's and storydiff's own patterns out
    of Python's 512-entry pattern cache, so they are compiled again and again (712
    compiles in three compares of news articles, a tenth of their time). This finds the
    same matches with ``str.find``: for each sentence the first occurrence (leftmost,
    non-overlapping, with the whitespace after it) that ends after the previous one —
    pysbd's rule, its quirks with repeated sentences included.
    """

    def sentences_with_char_spans(self, sentences: list[str]) -> list[TextSpan]:
        text = self.original_text
        spans: list[TextSpan] = []
        prior_end = 0
        for sent in sentences:
            if not sent:  # an empty pattern matches everywhere; leave that to pysbd
                return super().sentences_with_char_spans(sentences)
            at = text.find(sent)
            while at >= 0:
                end = at + len(sent)
                while end < len(text) and _WHITESPACE.match(text, end):
                    end += 1
                if end > prior_end:
                    spans.append(TextSpan(text[at:end], at, end))
                    prior_end = end
                    break
                at = text.find(sent, end)
        return spans


_WHITESPACE = re.compile(r"\s")


class _CompiledOnce:
    """Stands in for the ``re`` module inside pysbd's abbreviation replacer: the same
    calls with the same results, each pattern compiled once per process.

    For every abbreviation of its language's list that occurs in a paragraph ("art",
    "nr", "st" occur in most), pysbd builds two to four patterns from the abbreviation and
    looks them up through ``re``'s cache of 512 patterns, which they overflow, so they
    were compiled again for nearly every paragraph, and pushed out storydiff's own
    patterns too (17,000 compiles in indexing 300 WMT articles: a sixth of the time spent
    segmenting). Patterns are held in a cache of their own (LRU, PATTERNS_HELD)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)

    @staticmethod
    def findall(pattern: str | re.Pattern[str], string: str, flags: int = 0) -> list[Any]:
        return _compiled(pattern, flags).findall(string)

    @staticmethod
    def sub(
        pattern: str | re.Pattern[str], repl: Any, string: str, count: int = 0, flags: int = 0
    ) -> str:
        return _compiled(pattern, flags).sub(repl, string, count)


PATTERNS_HELD = 8192  # a few per abbreviation of the languages met: ~1 kB each


@lru_cache(maxsize=PATTERNS_HELD)
def _compiled(pattern: str | re.Pattern[str], flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


pysbd.abbreviation_replacer.re = _CompiledOnce()  # type: ignore[assignment]


@lru_cache(maxsize=32)
def _segmenter(language: str) -> pysbd.Segmenter:
    code = language if language in LANGUAGE_CODES else "en"
    return _Segmenter(language=code, clean=False)


def split_sentences(
    paragraph: str, language: str | None, limit: int | None = None
) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of one paragraph, whitespace trimmed.

    ``limit``: when the paragraph holds more than ``limit`` sentences, reading stops soon
    after that is certain and more than ``limit`` spans (of the paragraph's first
    sentences) come back, so that a caller with a cap on sentences refuses a huge
    paragraph having segmented a little more than the cap, not all of it.

    Spans are found by searching each segment from a cursor instead of trusting pysbd's
    own ``char_span`` mode, which mis-places repeated sentences. A closing quote that
    pysbd puts at the start of the next sentence (``zurück." Die``) goes back to the
    sentence it closes. Never raises: where pysbd fails on a text (it builds patterns from
    the text and breaks on some, e.g. "B.A." beside "B(asis)"), the paragraph is split at
    sentence punctuation followed by a capital.
    """
    pieces: list[str] = []
    check_at = limit + 1 if limit is not None else None
    for chunk in _chunks(paragraph):
        try:
            pieces += _segmenter(language or "en").segment(chunk)
        except Exception:  # pysbd's own bug; the fallback below keeps the run going
            pieces += _fallback_split(chunk)
        if check_at is not None and len(pieces) >= check_at:
            # the spans of a prefix are final except perhaps the last one (joined to
            # what follows); checked each time the pieces double, so linear in all
            spans = _closing_quotes_back(paragraph, _spans(paragraph, pieces))
            if len(spans) - 1 > limit:  # type: ignore[operator]
                return spans
            check_at = 2 * len(pieces)
    return _closing_quotes_back(paragraph, _spans(paragraph, pieces))


# pysbd's time and memory grow faster than the text (a 5 MB word: 12 s and 620 MB; 10,000
# characters of "Mr. ": 2 s); most paragraphs are shorter, and a longer one is segmented
# in pieces cut after a sentence end, or at a space, or anywhere as a last resort.
LONGEST_PIECE = 3_000
_PIECE_END = re.compile(r"[.!?…][\"”»’']?\s")


def _chunks(paragraph: str) -> Iterator[str]:
    """The paragraph in pieces of about LONGEST_PIECE characters, one at a time."""
    if len(paragraph) <= LONGEST_PIECE:
        yield paragraph
        return
    start = 0
    while start < len(paragraph):
        end = min(len(paragraph), start + LONGEST_PIECE)
        if end < len(paragraph):
            window = paragraph[start + LONGEST_PIECE // 2 : end]
            ends = [m.end() for m in _PIECE_END.finditer(window)]
            space = window.rfind(" ")
            cut = ends[-1] if ends else (space + 1 if space >= 0 else None)
            if cut:
                end = start + LONGEST_PIECE // 2 + cut
        yield paragraph[start:end]
        start = end


_FALLBACK = re.compile(r"(?<=[.!?…])[\"”»’']?\s+(?=[\"“„«]?[A-ZÀ-ÖØ-ÞĀ-Ž])")
_CLOSERS = "\"”»’'"


def _fallback_split(paragraph: str) -> list[str]:
    pieces, start = [], 0
    for m in _FALLBACK.finditer(paragraph):
        pieces.append(paragraph[start : m.start()])
        start = m.start()
    pieces.append(paragraph[start:])
    return pieces


def _closing_quotes_back(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans with each closing quote that opens a sentence moved back to the sentence
    it closes (``zurück." Die``). A quote mark after a space and before a word opens the
    next sentence (``summer. "This``, ``ging. »Wir``) and stays."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and paragraph[start] in _CLOSERS and paragraph[out[-1][1] - 1] in ".!?…":
            quote_end = start
            while quote_end < end and paragraph[quote_end] in _CLOSERS:
                quote_end += 1
            if start > out[-1][1] and quote_end < end and not paragraph[quote_end].isspace():
                out.append((start, end))  # an opening quote
                continue
            out[-1] = (out[-1][0], quote_end)
            while quote_end < end and paragraph[quote_end].isspace():
                quote_end += 1
            if quote_end >= end:
                continue
            start = quote_end
        out.append((start, end))
    return out


def _spans(paragraph: str, pieces: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    joined_to_next = False
    for piece in pieces:
        stripped = piece.strip()
        if not stripped:
            continue
        start = paragraph.find(stripped, cursor)
        if start < 0:  # pysbd altered the text; fall back to the cursor position
            start = cursor
        end = min(len(paragraph), start + len(stripped))
        if joined_to_next or (
            spans
            and spans[-1][1] - spans[-1][0] < LONGEST_PIECE  # a text without full stops
            and _cut_mid_sentence(paragraph, spans[-1][1], start)  # stays in pieces
        ):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        joined_to_next = stripped.rsplit(None, 1)[-1] in _TITLES
        cursor = end
    return spans


def _cut_mid_sentence(paragraph: str, end: int, start: int) -> bool:
    """Did pysbd cut inside a sentence: the piece before ends in a word, with no mark at
    all, and the next goes on in lower case or with a number? pysbd takes a German ordinal
    for a sentence end and cuts around it ("im" | "19. und" | "20. Jahrhundert suchen.")."""
    return (
        paragraph[end - 1 : end].isalnum()
        and start < len(paragraph)
        and (paragraph[start].islower() or paragraph[start].isdigit())
        and "\n" not in paragraph[end:start]  # a line of its own stays one
    )
