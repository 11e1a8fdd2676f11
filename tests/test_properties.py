"""Property tests: whatever text comes in, ``compare``, ``load_article`` and the fact
extractors end in a result or in the documented InputError, in bounded time.

Each call runs under ``run_with_deadline`` (a forked child, killed at the limit), so a
hang fails the test instead of stalling the suite. The limit is generous; speed belongs
in bench/. Long runs stay at a few thousand characters to keep the suite short; the fact
extractors are linear on longer runs (a sentence past 2,000 characters is read in pieces,
and tests/test_fact_time_bound.py times each pattern on long runs).
"""

from __future__ import annotations

import json

import pytest
from conftest import SEED_DE, SEED_FR
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storydiff
from storydiff.errors import InputError
from storydiff.facts import facts_of_sentence
from storydiff.worker import run_with_deadline

DEADLINE_S = 60
SEED_TEXT_DE = SEED_DE.read_text(encoding="utf-8")
SEED_TEXT_FR = SEED_FR.read_text(encoding="utf-8")
RUN_UNITS = [
    "a", "A", "Ab", "7", "1,", "1.", "-", '"', "«", "»", "„", "'", ".", " ", "\n", "中",
    "ب", "א", "\u200f", "\u0301", "\ufffd", "€", "QUJDREVG", "Ab ", "1 000 ", "http://x/",
]  # fmt: skip
PROPERTY = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module", autouse=True)
def _warm_model():
    storydiff.load_article(SEED_DE)  # forked children inherit the loaded model


def outcome(fn, *args, **kwargs) -> str:
    """'ok' or 'input error'; any other exception, or the deadline, fails the test."""
    try:
        run_with_deadline(fn, *args, timeout=DEADLINE_S, **kwargs)
    except InputError:
        return "input error"
    return "ok"


def mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    for pos, length, insert in edits:
        pos %= len(text) + 1
        text = text[:pos] + insert + text[pos + length :]
    return text


edits = st.lists(
    st.tuples(st.integers(0, 10**6), st.integers(0, 300), st.text(max_size=40)), max_size=12
)
long_runs = st.tuples(st.sampled_from(RUN_UNITS), st.integers(100, 3000)).map(
    lambda unit_n: (unit_n[0] * (unit_n[1] // len(unit_n[0]) + 1))[: unit_n[1]]
)


@PROPERTY
@given(st.text(max_size=600))
def test_load_article_on_random_unicode(text):
    assert outcome(storydiff.load_article, text) in {"ok", "input error"}


@PROPERTY
@given(edits)
def test_compare_on_mutated_example_articles(changes):
    mutated = mutate(SEED_TEXT_DE, changes)
    assert outcome(storydiff.compare, mutated, SEED_TEXT_FR) in {"ok", "input error"}


@PROPERTY
@given(long_runs, st.sampled_from(["prefix", "middle", "alone"]))
def test_load_article_on_long_runs_of_one_character_class(run, where):
    sentence = "Der Rat hat am Montag 6,5 Milliarden Euro beschlossen."
    text = {"prefix": run + " " + sentence, "middle": sentence + run + sentence}.get(where, run)
    assert outcome(storydiff.load_article, text) in {"ok", "input error"}


@PROPERTY
@given(st.one_of(st.text(max_size=400), long_runs), st.sampled_from(["de", "fr", "en", None]))
def test_fact_extractors_on_random_text_and_long_runs(text, lang):
    assert outcome(facts_as_json, text, lang) == "ok"


def facts_as_json(text: str, lang: str | None) -> str:
    """The facts' values as the JSON contract holds them (no NaN, no Infinity: a run of
    digits read as a float was inf)."""
    return json.dumps([f.value for f in facts_of_sentence(text, lang)], allow_nan=False)
