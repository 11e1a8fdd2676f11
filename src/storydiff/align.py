"""Sentence alignment by dynamic programming over embedding similarity.

Notation (after Thompson & Koehn 2019, "Vecalign"): A has n sentences, B has m. A *bead*
(x, y) aligns x consecutive sentences of A with y consecutive sentences of B; x or y may
be 0 (a sentence with no counterpart). ``D[i, j]`` is the least cost of aligning the first
i sentences of A with the first j of B:

    D[i, j] = min over beads (x, y) of  D[i - x, j - y] + c(x, y; i - x, j - y)

The cost of a bead with both sides present is the cosine distance between the embeddings
of its two sides, divided by how far each side is, on average, from random sentences of
the other document (so a short generic sentence that is close to everything does not
attract links), times a size penalty that makes a 2-1 bead win only when it explains
the text better than 1-1 beads plus a skip:

    c(x, y) = (1 - cos(a, b)) / ((r_A(a) + r_B(b)) / 2) * (x * y) ** size_exponent

One-sided beads cost ``skip`` per sentence. Run embeddings (``runs[k][i]`` = the vector of
sentences i .. i+k-1 read as one text) are supplied by the caller.

Memory stays linear for long documents through vecalign's recursive approximation: when
n * m is large, both sides are averaged in pairs, aligned recursively at half resolution,
and the full-resolution DP only searches a band around the projected coarse path.

All functions here are pure: arrays in, arrays out, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Runs = dict[int, np.ndarray]  # k -> (len - k + 1, dim) unit vectors

DEFAULT_BEADS: tuple[tuple[int, int], ...] = (
    (1, 1),
    (1, 0),
    (0, 1),
    (1, 2),
    (2, 1),
    (2, 2),
    (1, 3),
    (3, 1),
)


@dataclass(frozen=True)
class AlignParams:
    """Tunable constants; the defaults were tuned on Text+Berg's dev set only."""

    beads: tuple[tuple[int, int], ...] = DEFAULT_BEADS
    skip: float = 0.55  # cost of leaving one sentence unaligned
    size_exponent: float = 1.0  # bead cost grows as (x * y) ** size_exponent
    max_full_cells: int = 600_000  # above n*m this, use the banded recursive DP
    band: int = 8  # sentences searched either side of the coarse path
    norm_sample: int = 48  # sentences sampled to estimate r_A, r_B


@dataclass(frozen=True)
class RawBead:
    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float


def align_runs(runs_a: Runs, runs_b: Runs, params: AlignParams | None = None) -> list[RawBead]:
    """Align two documents given their run embeddings; returns beads in order."""
    params = params or AlignParams()
    n, m = runs_a[1].shape[0], runs_b[1].shape[0]
    if n == 0 or m == 0:
        return [RawBead((i,), (), 0.0) for i in range(n)] + [
            RawBead((), (j,), 0.0) for j in range(m)
        ]
    beads = tuple(
        (x, y) for x, y in params.beads if (x == 0 or x in runs_a) and (y == 0 or y in runs_b)
    )
    lo, hi = _band(runs_a, runs_b, params)
    path = _dp(runs_a, runs_b, beads, lo, hi, params)
    return [_score(runs_a, runs_b, i, x, j, y) for i, x, j, y in path]


def sentence_runs(vectors: np.ndarray, max_run: int) -> Runs:
    """Run embeddings by averaging sentence vectors (used for coarse levels and when the
    caller has no encoder for concatenated text)."""
    vectors = _unit(vectors)
    runs: Runs = {1: vectors}
    csum = np.concatenate([np.zeros((1, vectors.shape[1]), np.float32), vectors.cumsum(0)])
    for k in range(2, max_run + 1):
        if vectors.shape[0] >= k:
            runs[k] = _unit(csum[k:] - csum[:-k])
    return runs


# --- the band: full matrix for short texts, recursive approximation for long ones --------


def _band(runs_a: Runs, runs_b: Runs, params: AlignParams) -> tuple[np.ndarray, np.ndarray]:
    """Per DP row i (0..n), the inclusive column range [lo[i], hi[i]] to search."""
    n, m = runs_a[1].shape[0], runs_b[1].shape[0]
    if n * m <= params.max_full_cells:
        return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)
    coarse_a = _downsample(runs_a[1])
    coarse_b = _downsample(runs_b[1])
    coarse_params = AlignParams(
        beads=((1, 1), (1, 0), (0, 1), (1, 2), (2, 1)),
        skip=params.skip,
        size_exponent=params.size_exponent,
        max_full_cells=params.max_full_cells,
        band=params.band,
        norm_sample=params.norm_sample,
    )
    coarse = align_runs(sentence_runs(coarse_a, 2), sentence_runs(coarse_b, 2), coarse_params)
    return _project(coarse, n, m, params.band)


def _downsample(vectors: np.ndarray) -> np.ndarray:
    """Average consecutive pairs of sentence vectors (the last one alone if n is odd)."""
    n = vectors.shape[0]
    pairs = vectors[: n - n % 2].reshape(n // 2, 2, -1).sum(1)
    if n % 2:
        pairs = np.concatenate([pairs, vectors[-1:]], axis=0)
    return _unit(pairs)


def _project(coarse: Sequence[RawBead], n: int, m: int, width: int) -> tuple[np.ndarray, ...]:
    """Turn a half-resolution path into a full-resolution band of +-width sentences."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    i = j = 0  # full-resolution corner before the bead
    for bead in coarse:
        i2 = min(n, i + 2 * len(bead.a))
        j2 = min(m, j + 2 * len(bead.b))
        rows = np.arange(i, i2 + 1)
        lo[rows] = np.minimum(lo[rows], max(0, j - width))
        hi[rows] = np.maximum(hi[rows], min(m, j2 + width))
        i, j = i2, j2
    lo[n], hi[n] = min(lo[n], m), m
    lo[0] = 0
    # keep the band monotone and wide enough that every row connects to the next
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    return np.maximum(lo, 0), np.maximum(hi, lo)


# --- the DP ------------------------------------------------------------------------------


def _normaliser(runs: Runs, other: np.ndarray, sample: int) -> Runs:
    """r(u): mean cosine distance of each run vector u to sampled sentences of the other
    side. Fixed seed: the same inputs always give the same alignment."""
    rng = np.random.default_rng(0)
    idx = rng.choice(other.shape[0], size=min(sample, other.shape[0]), replace=False)
    probe = other[idx]
    return {k: np.maximum(1.0 - (v @ probe.T).mean(1), 1e-3) for k, v in runs.items()}


def _dp(
    runs_a: Runs,
    runs_b: Runs,
    beads: tuple[tuple[int, int], ...],
    lo: np.ndarray,
    hi: np.ndarray,
    params: AlignParams,
) -> list[tuple[int, int, int, int]]:
    n, m = runs_a[1].shape[0], runs_b[1].shape[0]
    r_a = _normaliser(runs_a, runs_b[1], params.norm_sample)
    r_b = _normaliser(runs_b, runs_a[1], params.norm_sample)
    two_sided = [(x, y) for x, y in beads if x and y]
    has_del_a = (1, 0) in beads
    has_ins_b = (0, 1) in beads
    inf = np.float64(np.inf)
    cost_rows: list[np.ndarray] = []
    back_rows: list[np.ndarray] = []  # index into `beads` of the best last bead, -1 = none
    bead_index = {b: t for t, b in enumerate(beads)}

    for i in range(n + 1):
        cols = np.arange(lo[i], hi[i] + 1)
        best = np.full(cols.shape[0], inf)
        back = np.full(cols.shape[0], -1, dtype=np.int8)
        if i == 0:
            best[cols == 0] = 0.0
        for x, y in two_sided:
            if i < x:
                continue
            r = i - x
            starts = cols - y
            prev = _gather(cost_rows[r], lo[r], starts)
            ok = np.isfinite(prev) & (starts >= 0) & (starts <= m - y)
            if not ok.any():
                continue
            js = starts[ok]
            cos = runs_b[y][js] @ runs_a[x][r]
            norm = (r_a[x][r] + r_b[y][js]) / 2.0
            cand = prev[ok] + (1.0 - cos) / norm * (x * y) ** params.size_exponent
            _relax(best, back, np.flatnonzero(ok), cand, bead_index[(x, y)])
        if has_del_a and i >= 1:
            prev = _gather(cost_rows[i - 1], lo[i - 1], cols)
            _relax(best, back, np.arange(cols.shape[0]), prev + params.skip, bead_index[(1, 0)])
        if has_ins_b:
            _scan_insertions(best, back, params.skip, bead_index[(0, 1)])
        cost_rows.append(best)
        back_rows.append(back)

    return _traceback(back_rows, lo, beads, n, m)


def _gather(row: np.ndarray, row_lo: int, cols: np.ndarray) -> np.ndarray:
    """row[cols - row_lo] with +inf where a column lies outside that row's band."""
    pos = cols - row_lo
    valid = (pos >= 0) & (pos < row.shape[0])
    out = np.full(cols.shape[0], np.inf)
    out[valid] = row[pos[valid]]
    return out


def _relax(best: np.ndarray, back: np.ndarray, at: np.ndarray, cand: np.ndarray, t: int) -> None:
    better = cand < best[at]
    best[at[better]] = cand[better]
    back[at[better]] = t


def _scan_insertions(best: np.ndarray, back: np.ndarray, skip: float, t: int) -> None:
    """Within one row, D[j] = min(D[j], D[j-1] + skip), done in closed form:
    D[j] = skip * j + min_{k <= j} (D[k] - skip * k), a running minimum."""
    k = np.arange(best.shape[0])
    running = np.minimum.accumulate(best - skip * k) + skip * k
    improved = running < best - 1e-12
    best[improved] = running[improved]
    back[improved] = t


def _traceback(
    back_rows: list[np.ndarray],
    lo: np.ndarray,
    beads: tuple[tuple[int, int], ...],
    n: int,
    m: int,
) -> list[tuple[int, int, int, int]]:
    path: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        t = int(back_rows[i][j - lo[i]])
        if t < 0:
            raise RuntimeError(f"alignment band is broken at ({i}, {j})")
        x, y = beads[t]
        i, j = i - x, j - y
        path.append((i, x, j, y))
    path.reverse()
    return path


def _score(runs_a: Runs, runs_b: Runs, i: int, x: int, j: int, y: int) -> RawBead:
    a = tuple(range(i, i + x))
    b = tuple(range(j, j + y))
    if not x or not y:
        return RawBead(a, b, 0.0)
    return RawBead(a, b, float(runs_a[x][i] @ runs_b[y][j]))


def _unit(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
