"""The fact diff embeds each name once, in few model calls, with the same result."""

from __future__ import annotations

from pathlib import Path

import storydiff
from storydiff.encoders import get_encoder
from storydiff.facts.diff import fact_differences

PAIRS = Path(__file__).parent / "data" / "pairs"


def test_each_name_is_embedded_once_in_few_calls():
    """Two independent flood reports: names left over on one side are looked for among
    the capitalised phrases of the other, all of them in one call per fact."""
    encoder = get_encoder("use")
    comparison = storydiff.compare(PAIRS / "flood-report-1.en.txt", PAIRS / "flood-report-2.fr.txt")
    calls: list[list[str]] = []

    def counting(texts):
        calls.append(list(texts))
        return encoder.encode(texts)

    result = fact_differences(comparison.a, comparison.b, comparison.alignment, embed=counting)
    embedded = [t for call in calls for t in call]
    assert len(embedded) >= 10, "the pair has names to compare through the encoder"
    assert len(embedded) == len(set(embedded))  # nothing embedded twice
    assert len(calls) <= len(embedded) // 4  # batches, not one call per name pair
    assert result == comparison.fact_differences


def test_names_of_several_aligned_sentences_are_looked_up_in_one_call():
    """Three organisations that the French version writes in common words: each is looked
    for among its counterpart's phrases through the encoder, all three in one call (the
    fact diff made one call per name)."""
    encoder = get_encoder("use")
    de = (
        "Die Europäische Zentralbank hat am Donnerstag ihre Zinsen erneut erhöht.\n\n"
        "Der Internationale Währungsfonds warnte am selben Tag vor einer Rezession.\n\n"
        "Die Welthandelsorganisation erwartet weniger Handel im kommenden Jahr."
    )
    fr = (
        "La banque centrale européenne a de nouveau relevé ses taux jeudi.\n\n"
        "Le fonds monétaire international a mis en garde le même jour contre une récession.\n\n"
        "L'organisation mondiale du commerce s'attend à moins d'échanges l'année prochaine."
    )
    comparison = storydiff.compare(de, fr)
    calls: list[list[str]] = []

    def counting(texts):
        calls.append(list(texts))
        return encoder.encode(texts)

    result = fact_differences(comparison.a, comparison.b, comparison.alignment, embed=counting)
    names = ["Europäische Zentralbank", "Internationale Währungsfonds", "Welthandelsorganisation"]
    with_names = [call for call in calls if any(name in call for name in names)]
    assert len(with_names) == 1 and all(name in with_names[0] for name in names)
    assert result == comparison.fact_differences
