"""The word checks that let ``find_dates`` skip its month, weekday and relative-date
patterns: a pattern skipped for a sentence could not have matched it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from storydiff.facts import dates

LANGS = ("en", "de", "fr", "es", "it", "nl", "pt")

# every kind of date the skipped patterns read, in the shapes that bound a name oddly
SENTENCES = [
    "Am 26.September 2024 und am 1. Oktober tagte der Rat.",
    "The vote is on September 26, 2024, or on November first.",
    "Depuis mi-octobre, et jusqu'au dernier week-end d'octobre, rien.",
    "Il est arrivé le 1er mars ; L'ANNÉE DERNIÈRE il était parti en MARS.",
    "Na sexta-feira, 3 de marzo de 2024, em abril de 2010 e no mês passado.",
    "Alla fine dell'ottobre scorso, quest’anno e la settimana prossima.",
    "Vorig jaar in mei, op MAANDAG en in de vorige maand.",
    "SEIT ANFANG MÄRZ, seit dem vergangenen Jahr, am Sonntag.",
    "el año que viene, el 5 de mayo y el lunes",
    "Sept. 5, Sept 2020 and sept jours après",
    "Ein ganz gewöhnlicher Satz ohne Datum.",
]


def corpus_sentences() -> list[str]:
    """Every sentence of the fact corpora (tests/data/facts*) and of this file."""
    out = list(SENTENCES)
    for path in sorted((Path(__file__).parent / "data").glob("facts*/*.jsonl")):
        out += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_a_skipped_pattern_never_matches(lang):
    patterns = dates._patterns(lang)
    named = ("dmy", "mdy", "my", "month")
    missed = []
    for sentence in corpus_sentences():
        has_month, has_weekday = dates._named(sentence, lang)
        relative = dates._any_relative(lang)
        if not has_month:
            missed += [(key, sentence) for key in named if patterns[key].search(sentence)]
        if not has_weekday and patterns["weekday"].search(sentence):
            missed.append(("weekday", sentence))
        if relative is None or not relative.search(sentence):
            missed += [
                (p.pattern, sentence) for p, _, _ in dates._relative(lang) if p.search(sentence)
            ]
    assert missed == []


def test_the_checks_skip_most_sentences():
    sentences = corpus_sentences()
    named = [dates._named(s, "de") for s in sentences]
    assert sum(month for month, _ in named) < len(sentences) / 2
    assert sum(weekday for _, weekday in named) < len(sentences) / 2
    relative = dates._any_relative("de")
    assert relative is not None
    assert sum(bool(relative.search(s)) for s in sentences) < len(sentences) / 4


def test_dates_found_past_the_checks():
    day = date(2024, 10, 2)
    found = dates.find_dates("Na sexta-feira, 3 de março de 2024, e no mês passado.", "pt", day)
    assert [f.value for f in found] == [
        {"marker": "weekday:5", "resolved": "2024-09-27"},
        "2024-03-03",
        {"marker": "month-1", "resolved": "2024-09"},
    ]
    assert [f.value for f in dates.find_dates("L'ANNÉE DERNIÈRE, en mars.", "fr", day)] == [
        {"marker": "year-1", "resolved": "2023"},
        "--03",
    ]
