"""Facts: money, numbers, percentages, dates, people, organisations, places, quotes and
sources, each with a language-neutral value so that facts compare across languages."""

from __future__ import annotations

import re
from datetime import date

from storydiff.facts.base import FACT_TYPES, Found, drop_overlaps, finite, fold
from storydiff.facts.dates import find_dates
from storydiff.facts.entities import find_entities
from storydiff.facts.known import FindNames, KnownOrgs, KnownPeople, Reading, read_logged, replay
from storydiff.facts.money import find_money
from storydiff.facts.numbers import ORDINAL_ENDING, find_numbers, find_percents, roman_value
from storydiff.facts.organizations import known_organization
from storydiff.facts.periods import find_periods
from storydiff.facts.places import place_key
from storydiff.facts.quotes import find_quotes
from storydiff.facts.sentence_start import (
    function_words,
    sentence_start,
    without_opening_function_words,
)
from storydiff.facts.sources import find_sources
from storydiff.facts.spelled_out import spelled_out_names
from storydiff.facts.times import find_times
from storydiff.model import Article, Fact

__all__ = ["FACT_TYPES", "extract_facts", "facts_of_sentence", "fold"]


def facts_of_sentence(
    text: str,
    lang: str | None,
    *,
    article_date: date | None = None,
    known_people: set[str] | None = None,
    known_orgs: dict[str, str] | None = None,
    find_names: FindNames = find_entities,
) -> list[Found]:
    """All facts of one sentence, offsets relative to the sentence.

    A "sentence" longer than :data:`LONGEST_SENTENCE` characters is no sentence (an
    unsegmented blob, a pasted table, a base64 string): it is read in pieces of about that
    length, cut at a space, so that the time spent on any input grows linearly with its
    length whatever its shape. ``find_names``: what reads the names (``find_entities``,
    or ``extract_facts``' replay of its first reading).
    """
    if len(text) > LONGEST_SENTENCE:
        return _in_pieces(
            text,
            lang,
            article_date=article_date,
            known_people=known_people,
            known_orgs=known_orgs,
            find_names=find_names,
        )
    people = known_people if known_people is not None else set()
    orgs = known_orgs if known_orgs is not None else {}
    found: list[Found] = []
    found += find_money(text, lang)
    found += find_percents(text, lang)
    found += find_times(text, lang)
    found += find_periods(text, lang)
    found += find_dates(text, lang, article_date)
    found += find_numbers(text, lang)
    # a figure too large for a float (hundreds of digits) is no figure
    found = drop_overlaps([f for f in found if finite(f.value)])
    if shouting(text):
        # an all-caps line ("KEINE MEDIENKONFERENZ", "PAS DE CONFÉRENCE DE PRESSE") has
        # lost the capitals that tell names from words: no names are read from it
        return sorted(found, key=lambda f: (f.start, f.type))
    # nor from a shouted phrase that opens the sentence or a quotation (a kicker: "ES IST
    # NICHT NUR GRAPEFRUIT – Laut den Experten ..."); the rest of the sentence is read as
    # usual, and quotations and credited sources are read from the whole text
    named = without_shouting(text, lang)
    sources = find_sources(text)
    # a name inside a credited source is the source; one inside an amount ("1,2 Milliarden
    # Schweizer Franken", "Swiss francs") is part of the currency, and one inside a date
    # is the date's (the Roman numeral of "siglo XIX")
    containers = sources + [f for f in found if f.type in {"money", "date"}]
    entities = [
        e
        for e in without_opening_function_words(
            find_names(named, people, orgs, lang),
            named,
            lang,
            people,
            orgs,  # type: ignore[arg-type]
        )
        if not any(c.start <= e.start and e.end <= c.end for c in containers)
    ]
    # the words of a name spelled out before its acronym are that name, not names of
    # their own ("Organization for Security and Co-operation in Europe (OSCE)": no place
    # "Europe", no organisation "Organization"); one read whole stays. A person inside
    # is a title and name before a party ("Sozialministerin Petra Dreyer (SPD)")
    spelled = [
        (a, b)
        for a, b in (spelled_out_names(named) if "(" in named else [])
        if not any(e.type == "person" and a <= e.start and e.end <= b for e in entities)
    ]
    entities = [
        e
        for e in entities
        if not any(a <= e.start and e.end <= b and (e.start, e.end) != (a, b) for a, b in spelled)
    ]
    # a Roman ordinal read as a number ("la XIV Legislatura", "au VIe sommet") is no
    # acronym of an organisation; a name that goes on is one ("la XL Airways")
    romans = {
        (f.start, f.text) for f in found if f.type == "number" and roman_value(f.text) is not None
    }
    entities = [
        e
        for e in entities
        if not (
            e.type == "organization"
            and any(
                e.start == s and re.fullmatch(rf"{t}{ORDINAL_ENDING}?", e.text) for s, t in romans
            )
        )
    ]
    speakers = [e for e in entities if e.type in {"person", "organization"}]
    # a number inside a name ("Erik ten Hag", "Il Sole 24 Ore") is part of the name
    found = [
        f
        for f in found
        if f.type != "number"
        or not any(n.start <= f.start and f.end <= n.end for n in speakers + sources)
    ]
    found += entities + sources + find_quotes(text, speakers)
    return sorted(found, key=lambda f: (f.start, f.type))


# Real sentences are far shorter: the longest of the WMT news test sets has 774 characters.
LONGEST_SENTENCE = 2000


def _in_pieces(text: str, lang: str | None, **context) -> list[Found]:
    out: list[Found] = []
    for start, piece in pieces(text):
        for f in facts_of_sentence(piece, lang, **context):
            out.append(Found(f.type, f.start + start, f.end + start, f.text, f.value))
    return out


def pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of a text cut at spaces into pieces of at most about
    :data:`LONGEST_SENTENCE` characters (the whole text when it is shorter)."""
    out = []
    start = 0
    while start < len(text):
        end = min(len(text), start + LONGEST_SENTENCE)
        if end < len(text):
            cut = text.rfind(" ", start + LONGEST_SENTENCE // 2, end)
            end = cut if cut > start else end
        out.append((start, text[start:end]))
        start = end
    return out or [(0, text)]


# lower-case Latin letters (each a letter, none upper case)
_SMALL_LETTER = re.compile("[a-zß-öø-ÿ]")


def shouting(text: str) -> bool:
    """Is the text written in capitals: two or more words of letters, all upper case?"""
    if _SMALL_LETTER.search(text):
        return False  # a letter that is no capital (most text: found without a loop)
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    letters = [ch for w in words for ch in w if ch.isalpha()]
    return len(words) >= 2 and all(ch.isupper() for ch in letters)


# punctuation around a word of a shouted phrase
_AROUND_WORD = ".,;:!?\"'()[]«»„“”‚‘’‹›–—-"
_OPENING_QUOTES = "\"'«»„“‚‘‹›"
# what ends a kicker: a dash or a colon before the sentence proper
_KICKER_END = re.compile(r"\s*[–—:-]")
# A run of words in capitals is a shouted phrase, not a name, when it has at least this
# many words, at least half of them (two at least) are function words of the sentence's
# language, and it is a kicker (it opens the sentence and a dash or colon ends it: "ES
# IST NICHT NUR GRAPEFRUIT – Laut den Experten ...", "CE N'EST PAS QUE LE PAMPLEMOUSSE –
# Selon ...") or opens a quotation ('wrote: "WE WILL NOT BE INTIMIDATED"', « NOUS NE
# SERONS PAS »). A name in capitals has few function words ("FC BAYERN MÜNCHEN"), and a
# dateline or a name in its owner's styling is no kicker ("HALLE AN DER SAALE (dpa) -",
# "THE WORLD BANK said", "Selon LE MONDE ET LE FIGARO"); a run the gazetteer or the list
# of organisations knows whole is a name wherever it stands ("MÜLHEIM AN DER RUHR –").
_SHOUTED_WORDS = 3
# three words in a row, each with a capital and no small letter, after the text's start,
# an opening quotation mark or a dash: a quick test that most sentences fail. Each word's
# parts are bounded (a long word in capitals is no word of a shouted phrase), which keeps
# the search linear on hostile text ('"' * 100000, "A" * 2000)
_WORD_IN_CAPITALS = r"[^\sa-zß-öø-ÿA-ZÀ-ÖØ-Þ]{0,4}[A-ZÀ-ÖØ-Þ][^\sa-zß-öø-ÿ]{0,40}(?!\S)"
_OPENS_IN_CAPITALS = re.compile(
    rf"(?:^|(?<=[{_OPENING_QUOTES}–—-]))\s*(?:{_WORD_IN_CAPITALS}\s+){{2}}{_WORD_IN_CAPITALS}"
)


def shouted_runs(text: str, lang: str | None) -> list[tuple[int, int]]:
    """(start, end) character spans of the shouted phrases of a sentence: runs of
    :data:`_SHOUTED_WORDS` or more words written in capitals, separated by spaces only
    (punctuation ends a run), of which at least half, two at least, are function words
    of ``lang`` (a country's code, "US", "UK", is none; no runs for a language without
    a list), and that open the sentence and end on a dash or colon (a kicker) or open a
    quotation; never a run the gazetteer or the list of organisations knows whole.
    Linear in the length of the text."""
    small = function_words(lang)
    if not small or not _OPENS_IN_CAPITALS.search(text):
        return []  # most sentences: no such run, told by one search
    runs: list[tuple[int, int]] = []
    run: list[tuple[int, int, str]] = []
    opens = ""  # what the run opens: "sentence", "quotation" or nothing
    first = sentence_start(text)  # the first word, after opening quotes and dashes
    quoted = False  # did a quotation mark standing alone open a quotation (« NOUS ...)?

    def close(after: int) -> None:
        if len(run) >= _SHOUTED_WORDS and (
            opens == "quotation" or (opens == "sentence" and _KICKER_END.match(text, after))
        ):
            small_words = sum(_small_word(w, small) for _, _, w in run)
            whole = text[run[0][0] : run[-1][1]]
            if (
                small_words >= 2
                and 2 * small_words >= len(run)
                and place_key(whole) is None
                and known_organization(whole) is None
            ):
                runs.append((run[0][0], run[-1][1]))
        run.clear()

    for m in re.finditer(r"\S+", text):
        token = m.group()
        core = token.strip(_AROUND_WORD)
        letters = [ch for ch in core if ch.isalpha()]
        if not letters or not all(ch.isupper() for ch in letters) or any(c.isdigit() for c in core):
            close(m.start())
            quoted = not letters and any(q in token for q in _OPENING_QUOTES)
            continue
        lead = token[: len(token) - len(token.lstrip(_AROUND_WORD))]
        if lead:
            close(m.start())  # an opening quotation mark or bracket starts a new run
        if not run:
            start_of = m.start() + len(lead)
            if quoted or any(q in lead for q in _OPENING_QUOTES):
                opens = "quotation"
            else:
                opens = "sentence" if start_of == first else ""
        quoted = False
        start = m.start() + len(lead)
        run.append((start, start + len(core), core))
        if len(lead) + len(core) < len(token):
            close(start + len(core))  # "GRAPEFRUIT," or "NUR:" ends the run
    close(len(text))
    return runs


def _small_word(word: str, small: frozenset[str]) -> bool:
    """Is a word in capitals a function word ("IST", "N'EST"), not a country's code
    ("US", "UK", which English also writes as the pronoun and "uk")?"""
    parts = re.split(r"['’]", word.lower())
    if not any(p in small for p in parts):
        return False
    return not (len(word) <= 3 and (place_key(word) or "").startswith("country:"))


def without_shouting(text: str, lang: str | None) -> str:
    """``text`` with its shouted phrases (:func:`shouted_runs`) blanked out by spaces, so
    that no name is read from them and every offset stays as it was."""
    runs = shouted_runs(text, lang)
    if not runs:
        return text
    chars = list(text)
    for start, end in runs:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def extract_facts(article: Article) -> list[Fact]:
    """Facts of every sentence of an article, with spans in the article text.

    Names are read twice: the first pass learns who and what the article names with
    evidence ("Prime Minister Keir Starmer", "the retailer Decathlon"), so that the
    second pass also recognises the bare "Starmer" or "Decathlon" of a headline or an
    earlier sentence, not only of the sentences that follow. The second reading of a
    sentence replays the first where what the article named since cannot change it
    (``facts.known``), so most sentences' names are read once.
    """
    article_date = _parse_date(article.date)
    people = KnownPeople()
    orgs = KnownOrgs()
    readings: dict[tuple[str, str | None], Reading] = {}
    for s in article.sentences:  # names only: nothing else carries from sentence to sentence
        if not shouting(s.text):
            lang = s.language or article.language
            for _, piece in pieces(s.text):
                piece = without_shouting(piece, lang)  # as ``facts_of_sentence`` reads it
                readings[(piece, lang)] = read_logged(find_entities, piece, people, orgs, lang)

    def names_again(
        text: str, people: KnownPeople, orgs: KnownOrgs, lang: str | None
    ) -> list[Found]:
        reading = readings.pop((text, lang), None)
        found = None if reading is None else replay(reading, people, orgs)
        return find_entities(text, people, orgs, lang) if found is None else found

    facts: list[Fact] = []
    for s in article.sentences:
        for f in facts_of_sentence(
            s.text,
            s.language or article.language,
            article_date=article_date,
            known_people=people,
            known_orgs=orgs,
            find_names=names_again,
        ):
            facts.append(Fact(f.type, f.text, f.value, s.index, s.start + f.start, s.start + f.end))
    return facts


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
