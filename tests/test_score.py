"""The strict/lax alignment metric on hand-made cases with known answers."""

from __future__ import annotations

import pytest

from storydiff.score import format_beads, read_beads, score_alignments

GOLD = [([0], [0]), ([1], [1, 2]), ([2], []), ([3, 4], [3])]


def test_perfect_alignment_scores_one():
    s = score_alignments([GOLD], [GOLD])
    assert s["f1_strict"] == s["f1_lax"] == 1.0


def test_split_bead_is_lax_but_not_strict():
    predicted = [([0], [0]), ([1], [1]), ([], [2]), ([2], []), ([3, 4], [3])]
    s = score_alignments([GOLD], [predicted])
    # precision: 5 predicted beads; strict hits (0,0), (2,-), (34,3); lax adds (1,1)
    assert s["precision_strict"] == pytest.approx(3 / 5)
    assert s["precision_lax"] == pytest.approx(4 / 5)
    # recall over gold beads with both sides: (0,0) and (34,3) strict, (1,12) lax only
    assert s["recall_strict"] == pytest.approx(2 / 3)
    assert s["recall_lax"] == pytest.approx(1.0)


def test_wrong_link_is_neither_strict_nor_lax():
    predicted = [([0], [1]), ([1], [0])]
    s = score_alignments([[([0], [0]), ([1], [1])]], [predicted])
    assert s["precision_lax"] == 0.0 and s["recall_lax"] == 0.0


def test_predicting_a_deletion_that_gold_lacks_costs_precision_not_recall():
    gold = [([0], [0]), ([1], [1])]
    predicted = [([0], [0]), ([1], []), ([], [1])]
    s = score_alignments([gold], [predicted])
    assert s["precision_strict"] == pytest.approx(1 / 3)
    assert s["recall_strict"] == pytest.approx(1 / 2)


def test_counts_are_summed_over_documents_before_dividing():
    doc1 = [([0], [0])]
    doc2 = [([0], [0]), ([1], [1]), ([2], [2])]
    wrong2 = [([0], [1]), ([1], [0]), ([2], [2])]
    s = score_alignments([doc1, doc2], [doc1, wrong2])
    assert s["precision_strict"] == pytest.approx(2 / 4)  # micro, not (1 + 1/3) / 2


def test_mismatched_document_lists_are_an_error():
    with pytest.raises(ValueError):
        score_alignments([GOLD], [])


def test_bead_files_round_trip(tmp_path):
    path = tmp_path / "beads"
    path.write_text(format_beads([([0], [0, 1], 0.5), ([], [2], 0.0)]))
    assert read_beads(path) == [((0,), (0, 1)), ((), (2,))]
    gold = tmp_path / "gold"
    gold.write_text("[0]:[0, 1]\n[1, 2]:[]\n")
    assert read_beads(gold) == [((0,), (0, 1)), ((1, 2), ())]
