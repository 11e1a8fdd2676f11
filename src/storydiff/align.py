"""Sentence alignment by dynamic programming over embedding similarity.

Notation (after Thompson & Koehn 2019, "Vecalign"): A has n sentences, B has m. A *bead*
(x, y) aligns x consecutive sentences of A with y consecutive sentences of B; x or y may
be 0 (a sentence with no counterpart). ``D[i, j]`` is the least cost of aligning the first
i sentences of A with the first j of B:

    D[i, j] = min over beads (x, y) of  D[i - x, j - y] + c(x, y; i - x, j - y)

Beads are scored, and the DP keeps the path with the highest total score (written as a
least-cost path, cost = -score). The score of a bead with both sides is

    score(x, y) = (cos(a, b) - margin(a, b)) * lp(a, b)

* ``cos(a, b)``: cosine of the embeddings of the two sides, each side's run of sentences
  embedded as one text;
* ``margin(a, b)``: how similar each side is to the sentences just *outside* the other
  side (the one before and the one after), averaged. A link is only as good as it is
  better than its neighbours: this is what stops a bead from swallowing an adjacent
  sentence that merely shares the topic, and what lets a real 1-2 bead win when the
  second sentence carries the rest of the meaning (Liu & Zhu 2022 use the same idea;
  Vecalign normalises by random sentences instead);
* ``lp(a, b) = log2(1 + min(la, lb') / max(la, lb'))``: agreement of the character
  lengths, lb' scaled by the documents' overall length ratio (Gale & Church's insight);
  1 when lengths agree, 0.58 when one side is twice as long.

A one-sided bead (a sentence with no counterpart) scores ``-skip`` per sentence. Because
scores are *summed*, two good 1-1 beads beat one 2-2 bead that covers the same sentences,
so no explicit bead-size penalty is needed.

Summed scores have one blind spot: leaving a sentence out costs nothing, so a short
sentence that carries the tail of its neighbour's meaning ("Nun begannen die
Erkundungen:" after a long German sentence whose French translation ends "et que les
reconnaissances purent commencer") is left as an orphan, because adding it to the bead
barely changes the similarity. After the DP, each orphan is therefore offered to the
two-sided bead beside it: it joins when joining lowers the bead's similarity by no more
than ``orphan_max_drop`` and the orphan is not dissimilar to the bead's other side
(``orphan_min_sim``). Noise lines (OCR debris, boilerplate, an inserted unrelated
sentence) fail the first test: they pull the bead's embedding away from its counterpart.
On Text+Berg dev this lifts strict F1 from 0.868 to 0.900 (bench/tune_align.py).

Run embeddings (``runs[k][i]`` = the vector
of sentences i .. i+k-1 read as one text) are supplied by the caller.

Memory stays linear for long documents through vecalign's recursive approximation: when
n * m is large, both sides are averaged in pairs, aligned recursively at half resolution,
and the full-resolution DP only searches a band around the projected coarse path.

All functions here are pure: arrays in, arrays out, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

Runs = dict[int, np.ndarray]  # k -> (len - k + 1, dim) unit vectors


def bead_types(max_total: int) -> tuple[tuple[int, int], ...]:
    """All beads (x, y) with x + y <= max_total, plus deletion and insertion."""
    two_sided = [
        (x, y) for x in range(1, max_total) for y in range(1, max_total) if x + y <= max_total
    ]
    return ((1, 0), (0, 1), *sorted(two_sided, key=lambda b: (b[0] + b[1], b)))


DEFAULT_BEADS = bead_types(5)


@dataclass(frozen=True)
class AlignParams:
    """Tunable constants; the defaults were tuned on Text+Berg's dev set only."""

    beads: tuple[tuple[int, int], ...] = DEFAULT_BEADS
    skip: float = 0.0  # cost of leaving one sentence unaligned (bench/tune_align.py)
    margin: float = 0.75  # weight of the similarity to the neighbours outside the bead
    length_penalty: float = 1.0  # exponent of the length agreement factor (0: off)
    orphan_min_sim: float | None = -0.2  # None: leave orphans where the DP put them
    orphan_max_drop: float = 0.035
    max_full_cells: int = 400_000  # above n*m this, use the banded recursive DP
    band: int = 8  # sentences searched either side of the coarse path


@dataclass(frozen=True)
class RawBead:
    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float


def align_runs(
    runs_a: Runs,
    runs_b: Runs,
    params: AlignParams | None = None,
    *,
    lengths_a: np.ndarray | None = None,
    lengths_b: np.ndarray | None = None,
) -> list[RawBead]:
    """Align two documents given their run embeddings; returns beads in order.

    ``lengths_a``/``lengths_b``: characters per sentence, for the length penalty (left out
    when not given).
    """
    params = params or AlignParams()
    n, m = runs_a[1].shape[0], runs_b[1].shape[0]
    if n == 0 or m == 0:
        return [RawBead((i,), (), 0.0) for i in range(n)] + [
            RawBead((), (j,), 0.0) for j in range(m)
        ]
    beads = tuple(
        (x, y) for x, y in params.beads if (x == 0 or x in runs_a) and (y == 0 or y in runs_b)
    )
    scorer = _Scorer(runs_a, runs_b, lengths_a, lengths_b, params)
    lo, hi = _band(runs_a, runs_b, lengths_a, lengths_b, params)
    if scorer.full is None and (hi - lo).max() + 1 == m + 1 and n * m <= params.max_full_cells:
        scorer.precompute(beads)
    path = _dp(scorer, beads, lo, hi, params)
    spans = [(list(range(i, i + x)), list(range(j, j + y))) for i, x, j, y in path]
    if params.orphan_min_sim is not None:
        spans = absorb_orphans(spans, runs_a, runs_b, params)
    return [_score(runs_a, runs_b, a, b) for a, b in spans]


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


def _band(
    runs_a: Runs,
    runs_b: Runs,
    lengths_a: np.ndarray | None,
    lengths_b: np.ndarray | None,
    params: AlignParams,
) -> tuple[np.ndarray, np.ndarray]:
    """Per DP row i (0..n), the inclusive column range [lo[i], hi[i]] to search."""
    n, m = runs_a[1].shape[0], runs_b[1].shape[0]
    if n * m <= params.max_full_cells:
        return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)
    coarse = align_runs(
        sentence_runs(_downsample(runs_a[1]), 2),
        sentence_runs(_downsample(runs_b[1]), 2),
        replace(params, beads=bead_types(3)),
        lengths_a=None if lengths_a is None else _pair_sums(lengths_a),
        lengths_b=None if lengths_b is None else _pair_sums(lengths_b),
    )
    return _project(coarse, n, m, params.band)


def _pair_sums(values: np.ndarray) -> np.ndarray:
    n = values.shape[0]
    out = values[: n - n % 2].reshape(-1, 2).sum(1)
    return np.concatenate([out, values[-1:]]) if n % 2 else out


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


class _Scorer:
    """Bead scores for the DP, from precomputed similarity matrices (short texts) or
    computed row by row inside the band (long texts)."""

    def __init__(
        self,
        runs_a: Runs,
        runs_b: Runs,
        lengths_a: np.ndarray | None,
        lengths_b: np.ndarray | None,
        params: AlignParams,
    ) -> None:
        self.a, self.b = runs_a, runs_b
        self.n, self.m = runs_a[1].shape[0], runs_b[1].shape[0]
        self.params = params
        self.full: dict[tuple[int, int], np.ndarray] | None = None
        self.scores: dict[tuple[int, int], np.ndarray] | None = None
        self.len_a = self.len_b = None
        if params.length_penalty and lengths_a is not None and lengths_b is not None:
            ratio = max(float(lengths_a.sum()), 1.0) / max(float(lengths_b.sum()), 1.0)
            self.len_a = _run_sums(np.asarray(lengths_a, dtype=np.float64), max(runs_a))
            self.len_b = _run_sums(np.asarray(lengths_b, dtype=np.float64) * ratio, max(runs_b))

    def precompute(self, beads: Sequence[tuple[int, int]]) -> None:
        """Similarity matrices of every run pair the beads need, then every bead's score
        matrix (n - x + 1, m - y + 1): the same arithmetic as ``score``, done once for the
        whole matrix instead of once per DP row (a short text's DP was mostly the
        per-row overhead of these small steps)."""
        needed = {(x, y) for x, y in beads if x and y}
        needed |= {(x, 1) for x, _ in needed} | {(1, y) for _, y in needed}
        self.full = {(x, y): self.a[x] @ self.b[y].T for x, y in needed}
        self.scores = {
            (x, y): self._score_matrix(x, y) for x, y in beads if x and y and x <= self.n
        }

    def _score_matrix(self, x: int, y: int) -> np.ndarray:
        """``score(x, y, r, js)`` for every r and every j at once."""
        assert self.full is not None
        rows, cols = self.n - x + 1, self.m - y + 1
        if rows <= 0 or cols <= 0:
            return np.zeros((max(rows, 0), max(cols, 0)))
        score = self.full[(x, y)].astype(np.float64)
        if self.params.margin:
            js = np.arange(cols)
            near_b = self.full[(x, 1)]  # A's runs against B's sentences
            before, after = js - 1, js + y
            has_before, has_after = before >= 0, after < self.m
            s_before = np.where(has_before, near_b[:, np.clip(before, 0, self.m - 1)], 0.0)
            s_after = np.where(has_after, near_b[:, np.clip(after, 0, self.m - 1)], 0.0)
            in_b = (s_before + s_after) / np.maximum(has_before.astype(int) + has_after, 1)
            near_a = self.full[(1, y)]  # A's sentences against B's runs
            total = np.zeros((rows, cols))
            count = np.zeros((rows, 1), dtype=int)
            r = np.arange(rows)
            for row in (r - 1, r + x):
                ok = (row >= 0) & (row < self.n)
                total += np.where(ok[:, None], near_a[np.clip(row, 0, self.n - 1)], 0.0)
                count += ok[:, None]
            in_a = total / np.maximum(count, 1)
            score -= self.params.margin * ((in_b + in_a) / 2.0)
        if self.len_a is not None and self.len_b is not None:
            la = self.len_a[x][:, None]
            lb = self.len_b[y][None, :]
            agreement = np.log2(1.0 + np.minimum(la, lb) / np.maximum(np.maximum(la, lb), 1e-9))
            score *= agreement**self.params.length_penalty
        return score

    def sim(self, x: int, y: int, rows: np.ndarray | int, cols: np.ndarray) -> np.ndarray:
        """cos(A_x[rows], B_y[cols]) pairwise (rows may be one index for all columns)."""
        if self.full is not None:
            return self.full[(x, y)][rows, cols]
        va = self.a[x][rows]
        vb = self.b[y][cols]
        return vb @ va if va.ndim == 1 else np.einsum("ij,ij->i", va, vb)

    def score(self, x: int, y: int, r: int, js: np.ndarray) -> np.ndarray:
        """Scores of beads A[r : r+x] ~ B[j : j+y] for every j in ``js``."""
        if self.scores is not None:
            return self.scores[(x, y)][r, js]
        score = self.sim(x, y, r, js).astype(np.float64)
        if self.params.margin:
            margin = (self._margin_in_b(x, y, r, js) + self._margin_in_a(x, y, r, js)) / 2.0
            score -= self.params.margin * margin
        if self.len_a is not None and self.len_b is not None:
            la = self.len_a[x][r]
            lb = self.len_b[y][js]
            agreement = np.log2(1.0 + np.minimum(la, lb) / np.maximum(np.maximum(la, lb), 1e-9))
            score *= agreement**self.params.length_penalty
        return score

    def _margin_in_b(self, x: int, y: int, r: int, js: np.ndarray) -> np.ndarray:
        """Mean similarity of A's side to B's sentences just before and after the bead."""
        before, after = js - 1, js + y
        has_before, has_after = before >= 0, after < self.m
        s_before = np.where(has_before, self.sim(x, 1, r, _clamp(before, self.m - 1)), 0.0)
        s_after = np.where(has_after, self.sim(x, 1, r, _clamp(after, self.m - 1)), 0.0)
        return (s_before + s_after) / np.maximum(has_before.astype(int) + has_after, 1)

    def _margin_in_a(self, x: int, y: int, r: int, js: np.ndarray) -> np.ndarray:
        """Mean similarity of B's side to A's sentences just before and after the bead."""
        total = np.zeros(js.shape[0])
        count = 0
        for row in (r - 1, r + x):
            if 0 <= row < self.n:
                total += self.sim(1, y, row, js)
                count += 1
        return total / max(count, 1)


def _clamp(index: np.ndarray, top: int) -> np.ndarray:
    """``np.clip(index, 0, top)`` for integer indices, without ``np.clip``'s own overhead
    (a few microseconds a call, called twice per bead type and DP row: a sixth of the
    DP of a 5,000-sentence pair)."""
    return np.minimum(np.maximum(index, 0), top)


def _run_sums(values: np.ndarray, max_run: int) -> dict[int, np.ndarray]:
    csum = np.concatenate([[0.0], np.cumsum(values)])
    return {k: csum[k:] - csum[:-k] for k in range(1, max_run + 1) if values.shape[0] >= k}


def _dp(
    scorer: _Scorer,
    beads: tuple[tuple[int, int], ...],
    lo: np.ndarray,
    hi: np.ndarray,
    params: AlignParams,
) -> list[tuple[int, int, int, int]]:
    n, m = scorer.n, scorer.m
    two_sided = [(x, y) for x, y in beads if x and y]
    has_del_a = (1, 0) in beads
    has_ins_b = (0, 1) in beads
    cost_rows: list[np.ndarray] = []
    back_rows: list[np.ndarray] = []  # index into `beads` of the best last bead, -1 = none
    bead_index = {b: t for t, b in enumerate(beads)}

    for i in range(n + 1):
        cols = np.arange(lo[i], hi[i] + 1)
        best = np.full(cols.shape[0], np.inf)
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
            cand = prev[ok] - scorer.score(x, y, r, starts[ok])
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


# --- after the DP: orphans that belong to the bead beside them -----------------------


Span = tuple[list[int], list[int]]


def absorb_orphans(
    spans: Sequence[Span], runs_a: Runs, runs_b: Runs, params: AlignParams
) -> list[Span]:
    """Offer every one-sided bead to the adjacent two-sided bead it fits best (see the
    module docstring). One left-to-right pass; an orphan run shrinks one at a time."""
    out: list[Span] = [(list(a), list(b)) for a, b in spans]
    t = 0
    while t < len(out):
        a, b = out[t]
        if a and b:
            t += 1
            continue
        side = 0 if a else 1
        own, other = (runs_a, runs_b) if side == 0 else (runs_b, runs_a)
        orphan = out[t][side]
        best: tuple[float, int] | None = None
        for u in (t - 1, t + 1):
            if not (0 <= u < len(out) and out[u][0] and out[u][1]):
                continue
            mine, theirs = out[u][side], run_vector(other, out[u][1 - side])
            fit = float(run_vector(own, orphan) @ theirs)
            before = float(run_vector(own, mine) @ theirs)
            after = float(run_vector(own, sorted(mine + orphan)) @ theirs)
            if after < before - params.orphan_max_drop or fit < params.orphan_min_sim:
                continue
            if best is None or fit > best[0]:
                best = (fit, u)
        if best is None:
            t += 1
            continue
        u = best[1]
        out[u][side][:] = sorted(out[u][side] + orphan)
        del out[t]
        t = max(u - 1, 0) if u < t else t  # the grown bead may take its other neighbour
    return out


def run_vector(runs: Runs, idx: Sequence[int]) -> np.ndarray:
    """The embedding of consecutive sentences ``idx``: the run's own vector when it was
    encoded, else the normalised sum of its sentence vectors."""
    k = len(idx)
    if k in runs:
        return runs[k][idx[0]]
    total = runs[1][list(idx)].sum(0)
    return total / max(float(np.linalg.norm(total)), 1e-12)


def _score(runs_a: Runs, runs_b: Runs, a: Sequence[int], b: Sequence[int]) -> RawBead:
    if not a or not b:
        return RawBead(tuple(a), tuple(b), 0.0)
    return RawBead(tuple(a), tuple(b), float(run_vector(runs_a, a) @ run_vector(runs_b, b)))


def _unit(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
