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
