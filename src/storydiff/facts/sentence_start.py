"""Names that open a sentence with a capitalised function word: "En Quebec", "Para", "Kann".

At a sentence start every word is capitalised, so the name patterns read "Para que vean"
as a place (Pará), "En Victor-Gadbois" as a person, "Kann der PSG" as a town, "Vous
tirez" and "Están bien" as organisations, "Andere Beamte des Straßenbauamtes" as a
person. Such a name is corrected here, after all the patterns ran, with one rule for every
language: when the first word of a name found at the very start of the sentence is a
function word of the sentence's language (stopwords-iso lists, built by
scripts/build_function_words.py), the word is dropped; what is left is the name if it
still starts with a capital (a known place becomes a location: "En Quebec" -> Quebec),
else there was no name. A name of several words known as a whole is kept ("The Hague",
"New York", "Des Moines", or one the article names elsewhere); a single function word is
never a name, even where a place shares its spelling ("Para" and Pará, "Mon" and Mon State).
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import replace
from functools import lru_cache
from importlib.resources import files

from storydiff.facts.base import Found, fold
from storydiff.facts.names import NAME_CASE_LANGS, _common_capitalised
from storydiff.facts.organizations import org_key
from storydiff.facts.people import first_names
from storydiff.facts.places import place_key

NAME_TYPES = frozenset({"person", "organization", "location"})
_OPENING_PUNCTUATION = "\"'“”„«»‚‘’‹›—–-([ \t"
_ELISION = ("l'", "l’", "d'", "d’", "qu'", "qu’", "j'", "j’", "c'", "c’", "s'", "s’")


@lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    data = files("storydiff.facts").joinpath("data/function_words.json.gz").read_bytes()
    lists: dict[str, list[str]] = json.loads(gzip.decompress(data))
    return {lang: frozenset(words) for lang, words in lists.items()}


def function_words(lang: str | None) -> frozenset[str]:
    """Function words of ``lang`` (lower case); empty for a language without a list."""
    return _function_words().get(lang or "", frozenset())


def sentence_start(text: str) -> int:
    """Offset of the first word of a sentence (after opening quotes and dashes)."""
    return len(text) - len(text.lstrip(_OPENING_PUNCTUATION))


def without_opening_function_words(
    found: list[Found],
    text: str,
    lang: str | None,
    known_people: set[str],
    known_orgs: dict[str, str],
) -> list[Found]:
    """``found`` with each name that opens the sentence with a function word corrected
    (its first word dropped) or removed (nothing name-like left). Other facts unchanged."""
    words = function_words(lang)
    if not words:
        return found
    start = sentence_start(text)
    out: list[Found] = []
    for f in found:
        if f.type not in NAME_TYPES or (f.start != start and not _opens_clause(text, f.start)):
            out.append(f)
            continue
        fixed = _corrected(f, words, known_people, known_orgs, text, lang)
        if fixed is not None:
            out.append(fixed)
    return out


def _opens_clause(text: str, start: int) -> bool:
    """Does a word open a quotation, a clause after a colon or a dash, or a sentence
    inside the segment, where every word takes a capital too ('schließen mit dem
    Seitenhieb: "Mein Leben geht weiter"', '"... altro tempo. Adesso dobbiamo"')?"""
    before = text[:start].rstrip(" \t")
    if before.endswith((":", '"', "“", "„", "«", "‚", "‘", "-", "–", "—")):
        return True
    return before.rstrip("\"”»’'").endswith((".", "!", "?", "…")) and not before.endswith(
        tuple(f" {ch}." for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # "J. Smith": an initial
    )


def _corrected(
    f: Found,
    words: frozenset[str],
    known_people: set[str],
    known_orgs: dict[str, str],
    text: str = "",
    lang: str | None = None,
) -> Found | None:
    first, _, rest = f.text.partition(" ")
    lowered = first.lower()
    elided = next((e for e in _ELISION if lowered.startswith(e)), None)
    if elided and len(first) > len(elided):  # "L'analogie": the article, then a word
        if first[len(elided) :][:1].isupper():
            return f  # "L'Oréal", "D'Alema": a name after the elided article
        return None
    if lowered not in words:
        return f
    rest = rest.lstrip()
    if not rest:
        return None  # "Para", "Kann", "Vous": a function word, whatever place shares it
    if place_key(f.text) or f.text in known_orgs or fold(f.text) in known_people:
        return f  # known as a whole: "The Hague", "Des Moines", "Los Angeles"
    if not rest[:1].isupper():
        return None  # "Para", "En la Liga", "Kann der": no name here
    offset = f.end - len(rest)
    if key := place_key(rest):
        return Found("location", offset, f.end, rest, key)
    if f.type == "person" and rest.split()[0].lower() not in first_names():
        # the first name that made it a person was the function word ("Nur Bergsteiger
        # können", "Mein Leben"): what is left is no person's name by itself; but where
        # only names take a capital, one word left that is its clause's subject (a
        # lower-case word right after it: "Si Walmart coloca", not "En Navidad, todos")
        # and no word capitalised for other reasons is an organisation, as a lone
        # capitalised word inside a clause is
        if (
            lang in NAME_CASE_LANGS
            and " " not in rest
            and len(rest) > 1
            and not rest.isupper()
            and not _common_capitalised(rest, lang)
            and re.match(r" [a-zà-ÿ]", text[f.end : f.end + 2])
        ):
            return Found("organization", offset, f.end, rest, org_key(rest))
        return None
    if f.type == "organization":
        return Found("organization", offset, f.end, rest, org_key(rest))
    return replace(f, start=offset, text=rest)


__all__ = ["function_words", "sentence_start", "without_opening_function_words"]
