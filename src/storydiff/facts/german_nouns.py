"""German common nouns: capitalised like names, but no names.

German writes every noun with a capital, so the capitalised-span rules read "Länder",
"Küche", "Ära" as places (folded, they match "Lander" and "Ara" in the gazetteer) and
"Art Fleisch", "Ende des Tages", "Rand Tokios" as people (a first name shares its spelling
with the noun). The list built by ``scripts/build_german_nouns.py`` from the German
Wiktionary holds the forms of nouns that have no name reading at all ("Rom", "Essen",
"Fischer" and "Wolf" are not in it), so a word in it is a common noun wherever it stands.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache

from storydiff.tables import StringTable, package_string_tables

# the shortest noun that may end a compound ("Abschusszahlen" -> "zahlen")
_SHORTEST_HEAD = 4


@lru_cache(maxsize=1)
def _lists() -> dict[str, StringTable]:
    """The lists by name ("nouns", "everyday", "also_names"), each a ``StringTable``
    memory-mapped from the tables cache: a cold compare asks a few hundred words, and
    unpacking the 240,000 as frozensets took 0.1 s of it."""
    return package_string_tables("storydiff.facts", "data/german_nouns.json.gz", _parse_lists)


def _parse_lists(data: bytes) -> dict[str, list[str]]:
    lists = json.loads(gzip.decompress(data))
    return {name: words for name, words in lists.items() if isinstance(words, list)}


def _nouns() -> StringTable:
    return _lists()["nouns"]


def _bare(word: str) -> str:
    return word.strip(".,;:!?\"'()«»„“”‚‘’").lower()


def common_noun(word: str) -> bool:
    """Is ``word`` a form of a German noun that is never a name ("Länder", "Küche")?"""
    return _bare(word) in _nouns()


def any_noun(word: str) -> bool:
    """Is ``word`` a German noun at all, also one that is a name too ("Anfang", "Essen")?"""
    bare = _bare(word)
    return bare in _nouns() or bare in _lists()["also_names"]


def everyday_noun(word: str) -> bool:
    """Is ``word`` an everyday German common noun that no other language writes ("Fleisch",
    "Tages", "Verhandlungen")? Rare nouns spelled like foreign family names ("Wang", "Lee",
    "Modi") are not: only these are evidence against a person's name."""
    return _bare(word) in _lists()["everyday"]


# German abstract nouns by their suffix ("Einmischung", "Freiheit", "Möglichkeit",
# "Gesellschaft"): the noun list cannot hold every derivation, and no family name ends
# this way at this length ("Jung", "Hartung" are shorter)
_DERIVED = re.compile(
    r"[A-ZÄÖÜ][a-zäöüß]{4,}(?:ung|ungen)|[A-ZÄÖÜ][a-zäöüß]{2,}(?:heit|keit|schaft)(?:en)?"
)


def derived_noun(word: str) -> bool:
    """Is ``word`` a German abstract noun by its suffix: -ung (of 8 letters or more),
    -heit, -keit, -schaft?"""
    return bool(_DERIVED.fullmatch(word))


def noun_not_person(words: list[str], *, linked: bool) -> bool:
    """Do the capitalised ``words`` that a first name opened read as German nouns rather
    than a person: an everyday noun after a link word ("Ende des Tages", "Israel zu
    Verhandlungen") or after another noun ("Art Fleisch"), or an everyday noun first and
    only nouns after it ("Mal von Patientenvertretungen")? ``linked``: a lower-case word
    ("des", "zu", "von") stands between them."""
    if len(words) < 2:
        return False
    first, last = words[0], words[-1]
    noun_first = _bare(first) in _lists()["nouns"] or _bare(first) in _lists()["also_names"]
    if (everyday_noun(last) or derived_noun(last)) and (linked or noun_first):
        return True
    if linked and everyday_noun(first) and everyday_noun(words[1]):
        return True  # "Ende des Jahres Wahlen": a noun phrase opens it, whatever follows
    return everyday_noun(first) and all(common_compound(w) for w in words[1:])


# German prepositions fused with an article ("am", "zum", "im"): a word after them is read
# as after an article
FUSED_ARTICLES = frozenset("am ans im ins zum zur vom beim".split())
# Articles, articles fused with a preposition, and determiners: after them a German word
# that is a noun as well as a place is the noun ("beim Essen", "in den Bergen", "einige
# Male", "die Halle"), while a place follows a preposition ("in Essen", "aus Halle").
DETERMINERS = frozenset(
    "der die das dem den des ein eine einem einen einer eines kein keine keinem keinen"
    " keiner keines beim zum zur vom am ans ins einige einigen mehrere viele vielen manche"
    " jede jeder jedes jeden jedem dieses diesem diesen dieser sein seine seinem seinen ihr"
    " ihre ihrem ihren unser unsere unserem unseren mein meine meinem meinen welches welche".split()
)
# a lower-case adjective before a noun: "koscheres Essen", "großen Halle"
_ADJECTIVE = re.compile(r"[a-zäöüß]{3,}(?:e|es|en|em|er)$")


def noun_in_context(word: str, before: str) -> bool:
    """Is ``word``, which German uses both as a noun and as a place's name ("Essen",
    "Halle", "Bergen", "Male"), the noun here: after an article, a determiner or an
    adjective?"""
    bare = _bare(word)
    if bare not in _lists()["also_names"] and bare not in _nouns():
        return False
    words = before.split()
    if not words:
        return False
    previous = words[-1].lower()
    from storydiff.facts.sentence_start import function_words

    return previous in DETERMINERS or (
        bool(_ADJECTIVE.fullmatch(previous)) and previous not in function_words("de")
    )


def common_compound(word: str) -> bool:
    """Is ``word`` a German common noun or a compound ending in one ("Abschusszahlen",
    "Patientenvertretungen")? Compounds are judged by their last part only, so this is
    evidence for a weak name, never a reason to drop one (place and family names are
    built the same way: "Friedrichshafen", "Zimmermann")."""
    bare = _bare(word)
    if bare in _nouns():
        return True
    return any(bare[k:] in _nouns() for k in range(1, len(bare) - _SHORTEST_HEAD + 1) if bare[k:])


def described_in_german(text: str) -> bool:
    """Is ``text`` (a credited source) described by everyday German nouns rather than named:
    "Kritikern", "Experten", "der Regierung"? An institution named by a noun is a name:
    an international body ("Weltbank") or a word built on an organisation's head noun
    ("Bundesbank", "Zentralbank") is not described."""
    from storydiff.facts.bodies import body_pattern
    from storydiff.facts.entities import org_word

    words = [w for w in re.split(r"[\s-]+", text) if w[:1].isupper()]
    return (
        bool(words)
        and all(everyday_noun(w) and not org_word(_bare(w)) for w in words)
        and not body_pattern().search(text)
    )
