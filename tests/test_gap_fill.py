"""Equal gaps between links: their sentences linked in order where they match best."""

from __future__ import annotations

import numpy as np

from storydiff.gap_fill import GAP_LINK_MIN, GAP_MAX, fill_gaps
from storydiff.model import Bead


def _vectors(sims: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors for two sides whose cosines are ``sims`` (n_a, n_b): side A on the
    axes, side B mixing them with a free axis of its own."""
    n_a, n_b = sims.shape
    dim = n_a + n_b
    vec_a = np.eye(n_a, dim, dtype=np.float64)
    vec_b = np.zeros((n_b, dim))
    vec_b[:, :n_a] = sims.T
    for j in range(n_b):
        rest = 1.0 - float(np.sum(sims[:, j] ** 2))
        assert rest >= 0
        vec_b[j, n_a + j] = rest**0.5
    return vec_a, vec_b


def _gap_between_links(diagonal: list[float], off: float = 0.1) -> tuple[list[Bead], np.ndarray]:
    """A link, a gap of len(diagonal) sentences a side, a link."""
    k = len(diagonal)
    n = k + 2
    sims = np.full((n, n), off)
    for d in range(n):
        sims[d, d] = 0.8 if d in (0, n - 1) else diagonal[d - 1]
    beads = [Bead([0], [0], 0.8)]
    beads += [Bead([i], [], 0.0) for i in range(1, k + 1)]
    beads += [Bead([], [j], 0.0) for j in range(1, k + 1)]
    beads.append(Bead([n - 1], [n - 1], 0.8))
    return beads, sims


def _links(beads: list[Bead]) -> list[tuple[list[int], list[int]]]:
    return [(b.a, b.b) for b in beads if b.a and b.b]


def test_a_freely_translated_gap_is_linked_in_order():
    beads, sims = _gap_between_links([0.39, 0.47, 0.42])
    filled = fill_gaps(beads, *_vectors(sims))
    assert _links(filled) == [([0], [0]), ([1], [1]), ([2], [2]), ([3], [3]), ([4], [4])]
    assert [round(b.score, 2) for b in filled][1:4] == [0.39, 0.47, 0.42]


def test_a_pair_under_the_floor_or_beaten_inside_the_gap_stays_apart():
    beads, sims = _gap_between_links([0.45, GAP_LINK_MIN - 0.05, 0.45])
    filled = fill_gaps(beads, *_vectors(sims))
    assert _links(filled) == [([0], [0]), ([1], [1]), ([3], [3]), ([4], [4])]
    assert sorted((b.a, b.b) for b in filled if not (b.a and b.b)) == [([], [2]), ([2], [])]
    sims[1, 3] = 0.5  # A's first gap sentence matches B's last better than its own
    filled = fill_gaps(beads, *_vectors(sims))
    assert _links(filled) == [([0], [0]), ([4], [4])]  # both beaten, one under the floor


def test_unequal_long_or_unanchored_gaps_are_left_alone():
    beads, sims = _gap_between_links([0.45, 0.45])
    uneven = [b for b in beads if b.b != [2] or b.a]  # B's gap one sentence shorter
    vec_a, vec_b = _vectors(sims)
    assert fill_gaps(uneven, vec_a, vec_b) == uneven
    long_beads, long_sims = _gap_between_links([0.45] * (GAP_MAX + 1))
    assert fill_gaps(long_beads, *_vectors(long_sims)) == long_beads
    unanchored = [Bead([0], [], 0.0), Bead([], [0], 0.0)]  # two one-line texts, no link
    one = np.ones((1, 1)) * 0.45
    assert fill_gaps(unanchored, *_vectors(one)) == unanchored
