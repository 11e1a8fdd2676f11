"""A sentence whose figure or name changed keeps its counterpart (storydiff.fact_gaps):
the change is reported as a conflict, not as a sentence without a counterpart."""

from __future__ import annotations

import storydiff
from storydiff.compare import link_threshold
from storydiff.fact_gaps import _masked, _masked_spans, link_fact_gaps
from storydiff.model import Bead, RawDocument

DE = (
    "Heil sagte, für die Fleischbranche sei bereits 2017 ein relativ scharfes Gesetz in Kraft"
    " getreten."
)


def _compare(a: str, b: str):
    return storydiff.compare(RawDocument("A", a), RawDocument("B", b))


def test_a_changed_year_is_a_conflict_of_linked_sentences():
    result = _compare(
        DE, "Heil said a relatively strict law came into force for the meat industry in 1984."
    )
    assert [(b.a, b.b) for b in result.alignment] == [([0], [0])]
    found = [(d["kind"], d["a"]["text"], d["b"]["text"]) for d in result.fact_differences]
    assert found == [("conflict", "2017", "1984")]


def test_sentences_that_differ_in_more_than_their_figures_stay_apart():
    result = _compare(DE, "Heil said that the new rules were welcomed by the farmers in 1984.")
    assert all(not (b.a and b.b) for b in result.alignment)
    assert result.fact_differences == []


BANK_DE = (
    "Die Bank legte am Montag ihre Zahlen für das dritte Quartal vor. Die angeschlagene"
    " Commerzbank steht weiterhin unter starkem Druck. Der Vorstand will nun neue Partner"
    " suchen und die Kosten senken."
)


def _bank_en(middle: str) -> str:
    return (
        f"The bank presented its figures for the third quarter on Monday. {middle} The board"
        " now wants to look for new partners and cut costs."
    )


def test_a_replaced_name_is_a_conflict_of_linked_sentences():
    # with the name read, the encoder scores the pair below the link threshold and the
    # aligner left both sentences without a counterpart: "only in B: Allianz"
    result = _compare(BANK_DE, _bank_en("The battered Allianz remains under heavy pressure."))
    assert [(b.a, b.b) for b in result.alignment] == [([0], [0]), ([1], [1]), ([2], [2])]
    found = [(d["kind"], d["a"]["text"], d["b"]["text"]) for d in result.fact_differences]
    assert found == [("conflict", "Commerzbank", "Allianz")]


def test_sentences_that_differ_in_more_than_their_names_stay_apart():
    result = _compare(BANK_DE, _bank_en("Allianz opened a new office in Rome last spring."))
    assert ([1], [1]) not in [(b.a, b.b) for b in result.alignment]


def test_only_one_to_one_gaps_between_links_are_looked_at():
    article = _compare(DE, DE).a
    calls: list[list[str]] = []

    def embed(texts):
        calls.append(texts)
        raise AssertionError("nothing to embed")

    # an A-only bead beside another A-only bead is no one-to-one gap
    beads = [Bead([0], [], 0.0), Bead([0], [], 0.0)]
    assert link_fact_gaps(beads, article, article, embed, link_threshold(2)) == beads
    assert calls == []


def test_every_figure_becomes_the_placeholder():
    article = _compare("Am 3. Mai 2021 kamen 250 Gäste um 17.30 Uhr.", "x").a
    # the date, the count and the clock time (with its "Uhr") each become one placeholder
    masked = _masked(article.sentences[0].text, _masked_spans(article)[0])
    assert masked == "Am 0 kamen 0 Gäste um 0."


def test_every_name_becomes_the_placeholder():
    article = _compare("Angela Merkel traf am Montag in Paris den Chef der Deutschen Bank.", "x").a
    masked = _masked(article.sentences[0].text, _masked_spans(article)[0])
    assert masked == "0 traf am 0 in 0 den Chef der 0."


def test_sentences_made_mostly_of_names_stay_apart():
    # with their names masked, "0 lobte 0 in 0." and "0 attacked 0 in 0." are close: too
    # little is left to say that the two sentences say the same
    de = BANK_DE.replace(
        "Die angeschlagene Commerzbank steht weiterhin unter starkem Druck.",
        "Angela Merkel lobte Emmanuel Macron in Berlin.",
    )
    en = _bank_en("Olaf Scholz attacked Donald Trump in Washington.")
    result = _compare(de, en)
    assert ([1], [1]) not in [(b.a, b.b) for b in result.alignment]
