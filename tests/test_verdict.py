"""Verdicts on real pairs, and the thresholds tested on both sides."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import PAIRS, SEED_DE

import storydiff
from storydiff.align import RawBead
from storydiff.compare import (
    LINK_MIN,
    RELATED_CENTROID,
    RELATED_COVERAGE,
    SAME_STORY_COVERAGE,
    SHORT_SIDE,
    _links,
    decide_verdict,
    link_threshold,
)


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        ("rail-release.en.txt", "rail-release.de.txt", "same_story"),  # translation
        ("library.en.txt", "library-edited.en.txt", "same_story"),  # same-language edit
        ("flood-report-1.en.txt", "flood-report-2.fr.txt", "related"),  # independent reports
        ("football.en.txt", "bakery.fr.txt", "different"),
        ("football.en.txt", "library.en.txt", "different"),
        ("bakery.fr.txt", "flood-report-2.fr.txt", "different"),
    ],
)
def test_pair_verdict(a, b, verdict):
    assert storydiff.compare(PAIRS / a, PAIRS / b).verdict == verdict


def test_unrelated_article_against_seed_is_different():
    result = storydiff.compare(SEED_DE, PAIRS / "football.en.txt")
    assert result.verdict == "different"
    assert result.coverage_a == 0.0 and result.alignment
    assert all(not (bead.a and bead.b) for bead in result.alignment)


def test_translation_aligns_one_to_one():
    result = storydiff.compare(PAIRS / "rail-release.en.txt", PAIRS / "rail-release.de.txt")
    assert [(b.a, b.b) for b in result.alignment] == [([i], [i]) for i in range(9)]
    assert result.coverage_a == result.coverage_b == 1.0


def test_edit_reports_deleted_and_added_sentences():
    result = storydiff.compare(PAIRS / "library.en.txt", PAIRS / "library-edited.en.txt")
    only_a = [result.a.sentences[i].text for i in result.only_in_a]
    only_b = [result.b.sentences[i].text for i in result.only_in_b]
    assert only_a == [
        "The library's café will also stay open later, and security guards will patrol the "
        "reading rooms after 10pm."
    ]
    assert len(only_b) == 1 and only_b[0].startswith("Student union president Tom Okafor")


def test_titles_that_say_the_same_are_not_reported():
    result = storydiff.compare(PAIRS / "rail-release.en.txt", PAIRS / "rail-release.de.txt")
    assert not [d for d in result.structure_differences if d.field == "title"]


@pytest.mark.parametrize(
    ("cov_a", "cov_b", "topic", "expected"),
    [
        (SAME_STORY_COVERAGE, 0.0, 0.0, "same_story"),
        (0.0, SAME_STORY_COVERAGE + 0.01, 0.0, "same_story"),
        (SAME_STORY_COVERAGE - 0.01, 0.2, 0.0, "related"),
        (RELATED_COVERAGE, 0.0, 0.0, "related"),
        (RELATED_COVERAGE - 0.01, 0.0, 0.0, "different"),
        (0.0, 0.0, RELATED_CENTROID, "related"),
        (0.0, 0.0, RELATED_CENTROID - 0.01, "different"),
    ],
)
def test_verdict_thresholds_on_both_sides(cov_a, cov_b, topic, expected):
    assert decide_verdict(cov_a, cov_b, topic) == expected


def _unit_rows(*rows):
    m = np.array(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_weak_links_are_split_into_one_sided_beads():
    vec = _unit_rows([1, 0, 0], [0, 1, 0], [0, 0, 1])
    beads = _links(
        [RawBead((0,), (0,), LINK_MIN), RawBead((1,), (1, 2), link_threshold(3) - 0.01)],
        vec,
        vec,
    )
    assert [(b.a, b.b) for b in beads] == [([0], [0]), ([1], [1]), ([], [2])]


def test_a_weak_bead_without_a_good_pair_becomes_one_sided():
    va = _unit_rows([1, 0, 0], [0, 1, 0])
    vb = _unit_rows([0, 0, 1], [0, 1, 1])  # cos(a1, b1) = 0.71 but the bead is weak
    beads = _links([RawBead((0, 1), (0, 1), link_threshold(4) - 0.01)], va, vb)
    assert [(b.a, b.b) for b in beads] == [([0], []), ([], [0]), ([1], [1])]


def test_larger_beads_need_more_similarity():
    assert link_threshold(2) == LINK_MIN
    assert link_threshold(3) > link_threshold(2)
    assert link_threshold(5) > link_threshold(3)


_HEADER = "Polizeipräsidium Südhessen - Pressemitteilung"
_FOOTER = (
    "Rückfragen bitte an: Polizeipräsidium Südhessen, Pressestelle, "
    "Telefon: 06151 969-2410, E-Mail: pressestelle.ppsh@polizei.hessen.de"
)


def _police(headline: str, body: str) -> str:
    return f"{_HEADER}\n\n{headline}\n\n{body}\n\n{_FOOTER}\n"


def test_shared_feed_header_and_footer_do_not_make_the_same_story():
    a = _police(
        "Darmstadt: Unbekannte brechen in Gartenhütte ein",
        "In der Nacht zum Dienstag sind Unbekannte in eine Gartenhütte eingebrochen. "
        "Die Täter hebelten die Tür auf und entwendeten einen Rasenmäher. "
        "Der Schaden wird auf rund 800 Euro geschätzt. "
        "Zeugen werden gebeten, sich beim Kommissariat 21 zu melden.",
    )
    b = _police(
        "Griesheim: Radfahrer bei Unfall leicht verletzt",
        "Ein 54 Jahre alter Radfahrer ist am Montag von einem Auto erfasst worden. "
        "Der Fahrer des Wagens hatte beim Abbiegen den Radfahrer übersehen. "
        "Der Mann kam mit leichten Verletzungen in ein Krankenhaus. "
        "Die Polizei ermittelt wegen fahrlässiger Körperverletzung.",
    )
    result = storydiff.compare(a, b)
    assert result.verdict != "same_story"
    assert result.story_similarity < 0.7


def test_a_one_sentence_translation_is_at_most_related():
    result = storydiff.compare(
        "Der Rat hat den Haushalt gebilligt.", "Le conseil a approuvé le budget."
    )
    assert result.coverage_a == 1.0  # a translation ...
    assert result.verdict == "related"  # ... but one line is too little to call a story


def test_a_short_text_translated_whole_is_the_same_story():
    """A brief of two sentences and its translation (WMT newstest2009 has such briefs,
    and their versions were verified only related)."""
    result = storydiff.compare(
        "Der Rat hat den Haushalt gebilligt. Die Debatte dauerte bis spät in die Nacht.",
        "Le conseil a approuvé le budget. Le débat a duré jusque tard dans la nuit.",
    )
    assert result.coverage_a == result.coverage_b == 1.0
    assert result.verdict == "same_story"


@pytest.mark.parametrize(
    ("cov_a", "cov_b", "shortest", "two_languages", "expected"),
    [
        (1.0, 1.0, 2, True, "same_story"),  # a short text translated whole
        (1.0, 1.0, 3, True, "same_story"),
        (1.0, 1.0, 1, True, "related"),  # one line a side
        (1.0, 1.0, 2, False, "related"),  # copied in one language: lines a feed shares
        (1.0, 0.5, 3, True, "related"),  # a teaser: part of the other side unmatched
        (0.5, 0.5, 2, True, "related"),  # one sentence a side without a counterpart
        (SAME_STORY_COVERAGE, 0.0, SHORT_SIDE + 1, False, "same_story"),  # long enough
    ],
)
def test_short_sides_are_related_unless_translated_whole(
    cov_a, cov_b, shortest, two_languages, expected
):
    verdict = decide_verdict(cov_a, cov_b, 0.0, shortest=shortest, two_languages=two_languages)
    assert verdict == expected


def test_translations_tell_the_same_story():
    result = storydiff.compare(PAIRS / "rail-release.en.txt", PAIRS / "rail-release.de.txt")
    assert result.story_similarity > 0.9
    unrelated = storydiff.compare(PAIRS / "football.en.txt", PAIRS / "bakery.fr.txt")
    assert unrelated.story_similarity < 0.3
