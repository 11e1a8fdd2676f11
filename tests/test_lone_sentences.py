"""A sentence that stands alone without a counterpart was deleted from the other version
(or added to this one), and takes its facts with it; one that faces unlinked sentences of
the other version in its gap is a loose translation (storydiff.facts.diff._lone_sentences)."""

from __future__ import annotations

import storydiff
from storydiff.facts.diff import _lone_sentences, is_shown
from storydiff.model import Bead, RawDocument

DE = (
    "Der Sänger muss der Polizei seine Reisepläne sieben Tage vorher melden. "
    "Wer die Behörden nicht benachrichtigt, riskiert eine Haftstrafe von fünf Jahren. "
    "Die Polizei in Kent wollte sich zu einzelnen Fällen nicht äußern. "
    "Der Sänger hatte das Land im Sommer verlassen."
)
EN_FIRST, EN_LAST = (
    "The singer must notify the police of his travel plans seven days in advance.",
    "Kent police would not discuss individual cases. The singer had left the country in"
    " the summer.",
)


def _shown(a: str, b: str) -> list[tuple]:
    result = storydiff.compare(RawDocument("A", a), RawDocument("B", b))
    return [(d["kind"], (d["a"] or d["b"])["text"]) for d in result.fact_differences if is_shown(d)]


def test_a_deleted_sentence_shows_even_a_figure_in_words():
    # "fünf" alone is a weak fact (a translation may word a small figure apart), but its
    # sentence stands alone between two links: the other version lacks it
    assert _shown(DE, f"{EN_FIRST} {EN_LAST}") == [("only_in_a", "fünf")]


def test_a_loosely_translated_sentence_takes_no_name_the_other_version_has_elsewhere():
    # the opening sentences translate each other too loosely to be linked; "Kent" of the
    # German one is named by the English version further on: moved, not gone
    de = (
        "Die Beamten in Kent ermitteln seit Wochen gegen den Sänger. Der Sänger muss der"
        " Polizei seine Reisepläne sieben Tage vorher melden. Er hatte das Land im Sommer"
        " verlassen. Seine Anwälte äußerten sich nicht. Die Behörden wollten sich zu"
        " einzelnen Fällen nicht äußern. Der Prozess beginnt im März."
    )
    en = (
        "For weeks, nobody has stopped digging into his affairs. The singer must notify the"
        " police of his travel plans seven days in advance. He had left the country in the"
        " summer. His lawyers did not comment. The Kent authorities would not discuss"
        " individual cases. The trial begins in March."
    )
    assert ("only_in_a", "Kent") not in _shown(de, en)


def test_lone_sentences_of_bead_lists():
    link = Bead([0], [0], 0.8)
    # a gap with one side only, between 1-1 links: alone
    beads = [link, Bead([1], [], 0.0), Bead([2], [1], 0.7)]
    assert _lone_sentences(beads, "a") == {1}
    assert _lone_sentences(beads, "b") == set()
    # the gap faces an unlinked sentence of the other side: a loose translation
    faced = [link, Bead([1], [], 0.0), Bead([], [1], 0.0), Bead([2], [2], 0.7)]
    assert _lone_sentences(faced, "a") == set() == _lone_sentences(faced, "b")
    # the link beside it took in more of the other side's sentences: its counterpart
    absorbed = [link, Bead([1], [], 0.0), Bead([2], [1, 2], 0.7)]
    assert _lone_sentences(absorbed, "a") == set()
    # before the first link, the other version's headline faces it
    opening = [Bead([0], [], 0.0), Bead([1], [0], 0.8)]
    assert _lone_sentences(opening, "a") == {0}
    assert _lone_sentences(opening, "a", faces_title=True) == set()
