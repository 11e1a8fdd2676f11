"""The aligner on constructed vectors: bead types, skips, and the banded long-text path."""

from __future__ import annotations

import tracemalloc

import numpy as np

from storydiff.align import AlignParams, absorb_orphans, align_runs, sentence_runs

RNG = np.random.default_rng(42)
DIM = 64


def unit(v):
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def meanings(n, dim=DIM):
    return unit(RNG.normal(size=(n, dim)).astype(np.float32))


def noisy(v, level=0.3):
    dim = v.shape[-1]
    return unit(v + level * RNG.normal(size=v.shape).astype(np.float32) / np.sqrt(dim))


def split_in_two(v):
    """Two sentences whose average is v but each alone is far from it (a 1-2 split)."""
    u = unit(RNG.normal(size=v.shape).astype(np.float32))
    u = unit(u - (u @ v) * v)
    return unit(v + 1.2 * u), unit(v - 1.2 * u)


def beads(a, b, **params):
    result = align_runs(sentence_runs(a, 3), sentence_runs(b, 3), AlignParams(**params))
    return [(list(x.a), list(x.b)) for x in result]


def test_one_to_one():
    m = meanings(6)
    assert beads(m, noisy(m)) == [([i], [i]) for i in range(6)]


def test_one_to_two_and_two_to_one():
    m = meanings(5)
    b1, b2 = split_in_two(m[2])
    b = np.stack([m[0], m[1], b1, b2, m[3], m[4]])
    assert beads(m, noisy(b)) == [([0], [0]), ([1], [1]), ([2], [2, 3]), ([3], [4]), ([4], [5])]
    assert beads(noisy(b), m) == [([0], [0]), ([1], [1]), ([2, 3], [2]), ([4], [3]), ([5], [4])]


def test_deletion_and_insertion():
    m = meanings(8)
    extra = meanings(1)
    a = np.concatenate([m[:3], m[4:]])  # A lacks sentence 3
    b = np.concatenate([m[:6], extra, m[6:]])  # B has an extra sentence after 5
    got = beads(noisy(a), noisy(b))
    assert ([], [3]) in got and ([], [6]) in got
    two_sided = [x for x in got if x[0] and x[1]]
    assert len(two_sided) == 7 and all(len(x[0]) == len(x[1]) == 1 for x in two_sided)


def test_an_orphan_that_carries_its_neighbours_tail_joins_the_bead_noise_does_not():
    # Exact geometry (orthonormal meanings): B's sentence 1 says what A's sentences 1 and 2
    # say together, A's sentence 2 adding a little; A's sentence 4 is unrelated noise.
    q = np.linalg.qr(np.random.default_rng(7).normal(size=(DIM, 6)))[0].T.astype(np.float32)
    m, tail, junk = q[:3], q[3], q[4]
    a = np.stack([m[0], m[1], tail, m[2], junk])
    b = np.stack([m[0], unit(m[1] + 0.4 * tail), m[2]])
    spans = [([0], [0]), ([1], [1]), ([2], []), ([3], [2]), ([4], [])]
    runs_a, runs_b = sentence_runs(a, 3), sentence_runs(b, 3)
    got = absorb_orphans(spans, runs_a, runs_b, AlignParams())
    assert got == [([0], [0]), ([1, 2], [1]), ([3], [2]), ([4], [])]
    # a stricter drop limit keeps the tail out: joining costs the bead 0.009 of similarity
    strict = absorb_orphans(spans, runs_a, runs_b, AlignParams(orphan_max_drop=0.005))
    assert strict == spans


def test_empty_side():
    m = meanings(3)
    empty = np.zeros((0, DIM), dtype=np.float32)
    assert beads(m, empty) == [([0], []), ([1], []), ([2], [])]


def test_banded_path_equals_full_dp_on_a_long_text():
    m = meanings(400)
    keep = [i for i in range(400) if i % 37 != 5]
    a, b = noisy(m), noisy(m[keep])
    full = beads(a, b, max_full_cells=10**9)
    banded = beads(a, b, max_full_cells=1000)
    assert banded == full


def _aligned_with_peak_memory(n: int) -> tuple[list, int]:
    m = meanings(n, dim=256)  # in 64 dims, some of 6000 random "meanings" collide
    runs_a, runs_b = sentence_runs(noisy(m), 3), sentence_runs(noisy(m), 3)
    tracemalloc.start()
    got = [(list(x.a), list(x.b)) for x in align_runs(runs_a, runs_b)]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return got, peak


def test_long_document_memory_stays_linear():
    n = 6000
    got, peak = _aligned_with_peak_memory(n)
    links = {(i, j) for x, y in got for i in x for j in y}
    assert {i for i, _ in links} == set(range(n))
    assert all(i == j for i, j in links)  # no wrong link anywhere
    # a full n x n float64 DP would need 288 MB for its cost matrix alone
    assert peak < 64 * 1024 * 1024, peak
    _, half_peak = _aligned_with_peak_memory(n // 2)
    assert peak < 2.5 * half_peak  # doubling the text about doubles memory: linear


def test_precomputed_bead_scores_equal_the_per_row_scores():
    """Short texts score every bead of the matrix at once; the band path scores row by
    row. Both must give the same numbers (margins at both ends, length agreement)."""
    from storydiff.align import DEFAULT_BEADS, _Scorer

    a, b = meanings(9), meanings(7)
    runs_a, runs_b = sentence_runs(a, 4), sentence_runs(b, 4)
    lengths_a = RNG.integers(10, 200, size=9).astype(np.float64)
    lengths_b = RNG.integers(10, 200, size=7).astype(np.float64)
    params = AlignParams()
    whole = _Scorer(runs_a, runs_b, lengths_a, lengths_b, params)
    whole.precompute(DEFAULT_BEADS)
    rows = _Scorer(runs_a, runs_b, lengths_a, lengths_b, params)
    rows.precompute(DEFAULT_BEADS)
    rows.scores = None  # the same similarity matrices, the margins worked out per row
    for x, y in DEFAULT_BEADS:
        if not (x and y):
            continue
        js = np.arange(7 - y + 1)
        for r in range(9 - x + 1):
            assert np.array_equal(whole.score(x, y, r, js), rows.score(x, y, r, js)), (x, y, r)
