"""Approximate nearest neighbours over document vectors: a rebuildable cache of the store.

Built on usearch (HNSW graph, cosine metric, vectors kept as float16): chosen over hnswlib
and faiss by ``bench/ann_choice.py`` on this machine (build speed, query latency, recall
and RAM at 100k vectors; figures in the README). The index file sits beside the store
(``news.sqlite`` -> ``news.sqlite.usearch``) with a small JSON sidecar that says which
articles it holds; when the two disagree (a killed run, a deleted file, a store copied
without its index) the missing vectors are added from the store, or the whole index is
rebuilt, so the index can always be thrown away.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from storydiff.collection.store import Store

# HNSW parameters: graph degree 16, build breadth 128 (bench/ann_choice.py). Search breadth
# 512: at 1M articles (vectors sampled around real ones, bench/collection_scale.py) breadth
# 64 reached recall@10 0.71 against exact search, 256 0.95, 512 0.98, at p95 11 ms; at
# 100,000 articles 64 was enough (0.99). The breadth is a search-time setting: an index
# file saved with another one is searched with this one.
CONNECTIVITY = 16
EXPANSION_ADD = 128
EXPANSION_SEARCH = 512


class AnnIndex:
    """Cosine nearest neighbours of document vectors, keyed by article id."""

    def __init__(self, path: Path | None, dim: int) -> None:
        from usearch.index import Index

        self.path = path
        self.dim = dim
        self.max_id = 0
        self._index = Index(
            ndim=dim,
            metric="cos",
            dtype="f16",
            connectivity=CONNECTIVITY,
            expansion_add=EXPANSION_ADD,
            expansion_search=EXPANSION_SEARCH,
        )
        if path is not None:
            self._load()

    @property
    def _sidecar(self) -> Path:
        assert self.path is not None
        return self.path.with_name(self.path.name + ".json")

    def _load(self) -> None:
        assert self.path is not None
        if not (self.path.exists() and self._sidecar.exists()):
            return
        try:
            info = json.loads(self._sidecar.read_text())
            self._index.load(str(self.path))
            self.max_id = int(info["max_id"])
            if len(self._index) != int(info["count"]):
                raise ValueError("count differs")
        except (OSError, ValueError, KeyError, RuntimeError):
            self.reset()  # a damaged cache: start again, the store has everything

    def __len__(self) -> int:
        return len(self._index)

    def reset(self) -> None:
        """Forget every vector (the next ``sync`` adds the store's again)."""
        self._index.reset()
        self.max_id = 0

    def sync(self, store: Store) -> int:
        """Add the store's articles the index does not hold yet; returns how many.
        Rebuilds from scratch when the index holds more than the store (another store)."""
        if len(self._index) > store.count() or self.max_id > store.max_id():
            self.reset()
        added = 0
        for ids, vectors in store.vectors(after_id=self.max_id):
            self.add(ids, vectors)
            added += len(ids)
        if len(self._index) != store.count():
            # articles below max_id are missing: another process indexed into the same
            # store at the same time and saved its own cache last. Rebuild from the store.
            self.reset()
            for ids, vectors in store.vectors():
                self.add(ids, vectors)
            added = len(self._index)
        return added

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add (n,) ids with their (n, dim) unit vectors."""
        if len(ids):
            self._index.add(ids.astype(np.uint64), vectors.astype(np.float32), threads=1)
            self.max_id = max(self.max_id, int(ids.max()))

    def vectors(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The vectors of those of ``ids`` the index holds, from its memory (as float16
        held, so as its own answers score them): (held ids (m,) int64, (m, dim) float32)."""
        keys = np.asarray(ids, dtype=np.uint64).reshape(-1)
        if len(keys):
            keys = keys[np.asarray(self._index.contains(keys), dtype=bool)]
        if not len(keys):
            return np.zeros(0, np.int64), np.zeros((0, self.dim), np.float32)
        rows = self._index.get(keys, dtype=np.float32)
        return keys.astype(np.int64), np.vstack(rows).astype(np.float32)

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(q, dim) queries -> ids (q, k') int64 and cosine similarities (q, k'),
        best first, k' = min(k, size); missing neighbours are id -1."""
        q = np.atleast_2d(vectors).astype(np.float32)
        k = min(k, len(self._index))
        if k == 0:
            return np.zeros((len(q), 0), np.int64), np.zeros((len(q), 0), np.float32)
        found = self._index.search(q, k, threads=1)
        if len(q) == 1:  # usearch answers one query with one (unpadded) list
            keys = np.full((1, k), -1, dtype=np.int64)
            dist = np.full((1, k), 2.0, dtype=np.float32)
            n = len(found.keys)
            keys[0, :n] = np.asarray(found.keys, dtype=np.int64)
            dist[0, :n] = np.asarray(found.distances, dtype=np.float32)
            return keys, 1.0 - dist
        keys = np.asarray(found.keys, dtype=np.int64).reshape(len(q), -1)
        dist = np.asarray(found.distances, dtype=np.float32).reshape(len(q), -1)
        for row, n in enumerate(np.asarray(found.counts).reshape(len(q))):
            keys[row, int(n) :] = -1
            dist[row, int(n) :] = 2.0
        return keys, 1.0 - dist

    def save(self) -> None:
        """Write the index and its sidecar (each to a temporary name, then renamed)."""
        if self.path is None:
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        self._index.save(str(tmp))
        os.replace(tmp, self.path)
        side_tmp = self._sidecar.with_name(self._sidecar.name + ".tmp")
        side_tmp.write_text(json.dumps({"max_id": self.max_id, "count": len(self._index)}))
        os.replace(side_tmp, self._sidecar)


def exact_search(
    store: Store, ids: list[int], vectors: np.ndarray, k: int, ann: AnnIndex | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Exact cosine search among the given article ids (a filtered subset of the store).

    ``vectors`` (q, dim) unit rows. Returns ids (q, k') and similarities (q, k'), best
    first. Reads the subset's vectors in batches, so memory is bounded by k and the
    batch size, not by the subset: from ``ann``'s memory where it holds them, else from
    the store (where a document vector is read with its whole row, about 20 KB)."""
    q = np.atleast_2d(vectors).astype(np.float32)
    best_ids = np.full((len(q), 0), -1, dtype=np.int64)
    best_sim = np.zeros((len(q), 0), dtype=np.float32)
    for batch_ids, batch_vecs in _subset_vectors(store, ids, ann):
        sims = q @ batch_vecs.T
        all_ids = np.concatenate([best_ids, np.broadcast_to(batch_ids, sims.shape)], axis=1)
        all_sim = np.concatenate([best_sim, sims], axis=1)
        top = np.argsort(-all_sim, axis=1, kind="stable")[:, :k]
        best_ids = np.take_along_axis(all_ids, top, axis=1)
        best_sim = np.take_along_axis(all_sim, top, axis=1)
    return best_ids, best_sim


def _subset_vectors(
    store: Store, ids: list[int], ann: AnnIndex | None, batch: int = 4096
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(ids, vectors) of ``ids`` in batches, from ``ann`` where it holds them (all, but in
    a process that opened the store while another was adding to it), else the store."""
    if ann is None:
        yield from store.vectors(ids=ids)
        return
    for start in range(0, len(ids), batch):
        chunk = np.asarray(ids[start : start + batch], dtype=np.int64)
        held, vecs = ann.vectors(chunk)
        if len(held):
            yield held, vecs
        missing = np.setdiff1d(chunk, held)
        if len(missing):
            yield from store.vectors(ids=missing.tolist())


__all__ = ["AnnIndex", "exact_search"]
