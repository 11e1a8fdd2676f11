"""Capitalised words of a sentence that no extractor read as a name and that its aligned
counterpart does not spell: where a name may stand that the other version replaced.

The extractors read a name when a list, a pattern or the words around it say what kind of
name it is; a name nothing says anything about ("Virat", "Tehsil Naushera", "Mauna Kea",
"qu'Emin") is left out, so that a translation's capitalised common words do not become
facts. The fact diff asks for these words only where the other version of the sentence has
a name of its own that nothing faces, and keeps a pair only when the two sentences are
closer without the two words (the erasure test of ``storydiff.facts.polarity``).

Written here rather than taken from a library: what is needed is not a named-entity tagger
(none with bundled weights covers the five languages) but the words a tagger-free reading
leaves over, judged against the other version of the sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from storydiff.facts.base import fold
from storydiff.facts.german_nouns import any_noun, common_compound
from storydiff.facts.names import (
    _NATIONALITY,
    _NOT_LONE_NAMES,
    _PERSON_TITLES,
    _language_names,
    _stop_month_or_day,
    romanised,
)
from storydiff.facts.sentence_start import function_words

# A capitalised word: not inside a word ("iPhone"), but after an elision ("qu'Emin").
_WORD = re.compile(r"(?<![\w])[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]*")
# Words of a name may be joined by one short lower-case word ("Beyond Nab End",
# "Universidad de Chile"), but not by "and" ("Sun and McCord": two names); anything else
# ends the run.
_LINK = re.compile(r"\s+(?:(?!(?:e|y|u|o|et|ou|and|und|or|od)\s)[a-zà-ÿ]{1,3}\s+)?$")
# A run of capitalised words that reads as a title, whatever words open it ("Deputy Prime
# Minister", "Vice President"): it ends in a title word.
_TITLE = re.compile(rf"(?:[A-Z][\w-]*\s+){{0,3}}(?:{_PERSON_TITLES})\b", re.IGNORECASE)
_TITLE_BEFORE = re.compile(
    rf"(?<!\w)(?:{_PERSON_TITLES}|doctor|doctora|docteur|dott\.?)\s+$", re.IGNORECASE
)
_OPENING_CHARS = frozenset(" \t\n\r\f\v\"'«»“”„‘’([–—-")
_QUOTES = frozenset("\"'«»“”„")


def _opens(text: str, start: int) -> bool:
    """Is the word at ``start`` the first of its sentence or of a quotation: only opening
    quotes, brackets, dashes and spaces before it, or a full stop, colon or semicolon
    and at most one quote mark? Reads back from ``start`` over those characters only, so
    that every word of a long sentence does not cost a pass over the words before it."""
    i = start
    while i > 0 and text[i - 1] in _OPENING_CHARS:
        i -= 1
    if i == 0:
        return True
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i > 0 and text[i - 1] in _QUOTES:
        i -= 1
        while i > 0 and text[i - 1].isspace():
            i -= 1
    return i > 0 and text[i - 1] in ".!?:;"


# The most words a sentence offers as candidates: a sentence of many capitalised words (a
# German one, a list of names) costs no more than this.
MAX_CANDIDATES = 4


def unextracted_names(
    text: str,
    other: str,
    *,
    lang: str | None,
    taken: list[tuple[int, int]],
    lower_words: set[str],
    wide: bool = False,
) -> list[str]:
    """Runs of capitalised words in ``text`` (a sentence or a bead's sentences) that may be
    names nothing read, at most MAX_CANDIDATES, in reading order.

    A word is left out when it opens the sentence, lies inside ``taken`` (character spans of
    ``text`` already read as facts), is a function word, month, day, first name,
    nationality or title, is written in lower case elsewhere in the article
    (``lower_words``, folded), is a German noun (``lang`` "de"), is shorter than three
    letters, is all capitals (acronyms are spelt apart by each language), or when
    ``other`` (the counterpart's text) spells it or something close to it ("Newskij" /
    "Nevskiy").

    ``wide``: also offer, in German, a sentence's first word and a word of the noun list
    that no article, determiner or number precedes ("Heil sagte", "hatte Werth alle":
    German surnames that are also nouns); for callers that keep a word only when an
    erasure test under two encoders finds its sentence closer to the counterpart without
    it."""
    folded_other, other_words = _other_side(other)
    stop = function_words(lang) if lang else frozenset()
    out: list[str] = []
    run: list[tuple[int, int]] = []

    def close() -> None:
        if run:
            out.append(text[run[0][0] : run[-1][1]])
            run.clear()

    for m in _WORD.finditer(text):
        start, word = m.start(), m.group(0).rstrip("'’-")
        word = re.sub(r"['’]s$", "", word)
        end = start + len(word)
        if run and not _LINK.fullmatch(text[run[-1][1] : start]):
            close()
        if run and _TITLE.match(text, run[0][0]):
            run.clear()  # "Deputy Prime Minister", "Vice President": a title, no name
        if not _candidate(word, start, end, text, lang, taken, lower_words, stop, wide):
            close()
            continue
        if _spelled(fold(word), folded_other, other_words):
            close()
            continue
        run.append((start, end))
        if len(out) >= MAX_CANDIDATES:
            break
    if run and _TITLE.match(text, run[0][0]):
        run.clear()
    close()
    return out[:MAX_CANDIDATES]


def _candidate(
    word: str,
    start: int,
    end: int,
    text: str,
    lang: str | None,
    taken: list[tuple[int, int]],
    lower_words: set[str],
    stop: frozenset[str],
    wide: bool = False,
) -> bool:
    before = text[max(0, start - 40) : start]  # enough for what _bare looks at
    if _opens(text, start) and not (wide and lang == "de"):
        # the capital is the sentence's (or a quotation's) first letter; in German, where
        # every noun has one, a name opening a sentence is as bare as one inside it
        return False
    if any(s < end and start < e for s, e in taken):
        return False
    lowered = word.lower()
    return not (
        len(word) < 3
        or word.isupper()
        or lowered in stop
        or fold(word) in lower_words
        # a first name alone is a name here ("qu'Emin"), unlike a month, a day, a
        # nationality or a language
        or _stop_month_or_day(word, lang or "en")
        or fold(word) in _calendar_words(lang or "en")  # "Lunedi" for "lunedì"
        or re.fullmatch(_NATIONALITY, lowered)
        or lowered in _NOT_LONE_NAMES
        or lowered in _language_names()
        or re.fullmatch(_PERSON_TITLES, word, flags=re.IGNORECASE)
        # German writes every noun with a capital: a noun or a compound ending in one
        # ("Straßenbauarbeiten", "Schwarz-System") is no candidate there
        or (lang == "de" and _german_noun(word) and not (wide and _bare(before)))
    )


# What stands before a German common noun: an article, a determiner, a preposition fused
# with an article, or a number ("der Wert", "im Heil", "keine Ziegen", "drei Wochen").
_GERMAN_DETERMINER = re.compile(
    r"(?:\b(?:d(?:er|ie|as|en|em|es)|ein(?:e|er|es|em|en)?|kein(?:e|er|es|em|en)?"
    r"|(?:m|d|s)ein(?:e|er|es|em|en)?|ihr(?:e|er|es|em|en)?|unser(?:e|er|es|em|en)?"
    r"|eure?(?:r|s|m|n)?|dies(?:e|er|es|em|en)|jed(?:e|er|es|em|en)|jen(?:e|er|es|em|en)"
    r"|welch(?:e|er|es|em|en)|all(?:e|er|es|em|en)|viele?n?|wenige?n?|manche?[nrs]?"
    r"|einige?[nrs]?|mehrere?n?|beide?n?|im|am|zum|zur|vom|beim|ins|ans|aufs|übers"
    r"|durchs|fürs|ums|\d+[.,]?\d*|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf"
    r"|zwölf|zwanzig|dreißig|hundert|tausend))\s+(?:[a-zäöüß][\w-]*\s+)?$",
    re.IGNORECASE,
)


def _bare(before: str) -> bool:
    """Does a German capitalised word stand without an article, determiner or number right
    before it, as a name does ("hatte Werth alle", a sentence's first word) and a common
    noun mostly does not ("der Talstraße", "keine Ziegen", "beim ersten Turnier": one
    small word may stand between)?"""
    return not _GERMAN_DETERMINER.search(before[-40:])


@lru_cache(maxsize=16)
def _calendar_words(lang: str) -> frozenset[str]:
    """Month and day names of ``lang``, folded (written without their accents)."""
    from storydiff.facts.dates import _names

    months, days = _names(lang)
    return frozenset(fold(w) for w in (*months, *days))


def _german_noun(word: str) -> bool:
    last = word.split("-")[-1]
    return any_noun(word) or any_noun(last) or common_compound(last)


def spelled_in(name: str, other: str) -> bool:
    """Does ``other`` spell one of the capitalised words of ``name`` (folded, or a small
    edit away: "Nevskiy" / "Newskij")?"""
    folded_other, other_words = _other_side(other)
    return any(
        _spelled(fold(w), folded_other, other_words) for w in _WORD.findall(name) if len(w) >= 3
    )


@lru_cache(maxsize=4)
def _other_side(other: str) -> tuple[str, frozenset[str]]:
    """The counterpart's text folded (with a space either side) and its folded words of
    four letters or more; kept for the next call, which is most often about the same
    counterpart (each sentence of a bead against the other side's sentences)."""
    folded_other = f" {fold(other)} "
    return folded_other, frozenset(w for w in re.findall(r"\w+", folded_other) if len(w) >= 4)


def _spelled(word: str, folded_other: str, other_words: frozenset[str]) -> bool:
    """Does the other text write this folded word, or one a small edit away from it?"""
    if f" {word} " in folded_other or (len(word) >= 5 and word in folded_other):
        return True  # also inside a compound or with an ending ("Moskaus")
    if len(word) < 4:
        return False
    plain = romanised(word)  # "Nevskiy" / "Newskij", "Chruschtschow" / "Khrushchev"
    return any(
        Levenshtein.normalized_similarity(word, w) >= 0.75
        or Levenshtein.normalized_similarity(plain, romanised(w)) >= 0.75
        for w in other_words
    )


# Before a town's name: "in Virat", "à Quimperlé", "nach Wolfhagen", "en Mauna Kea".
_PLACE_BEFORE = re.compile(
    r"(?<!\w)(?:in|near|at|from|bei|nach|aus|à|en|a|da|de|desde|em|naar|te)\s+$", re.IGNORECASE
)


def kind_of_unread(text: str, name: str) -> str | None:
    """What kind of name an unread run of ``text`` is, where the words around it say so:
    "person" after a title or when it opens with a first name ("qu'Emin", "Dr. Moll"),
    "location" after a preposition of place ("in Virat"); None when nothing says (then
    the name is not reported on its own, only where it faces another name)."""
    from storydiff.facts.people import first_names

    start = text.find(name)
    if start < 0:
        return None
    before = text[max(0, start - 40) : start]
    if _TITLE_BEFORE.search(before) or fold(name.split()[0]) in first_names():
        return "person"
    if _PLACE_BEFORE.search(before):
        return "location"
    return None
