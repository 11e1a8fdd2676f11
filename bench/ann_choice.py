"""Which ANN library holds a collection's document vectors, and what it costs at 1M (issue 15).

    python bench/ann_choice.py                 # bench/results/ann_choice.json
    python bench/ann_choice.py --sizes 100000 --no-write

Vectors: the real document vectors of the benchmark collection (bench/collection_quality.py
builds and indexes it first; about 10,700 articles, USE), and, for larger sizes, vectors
sampled around them: a random real vector plus Gaussian noise scaled so that the copy keeps
a cosine of about 0.8 to its origin, renormalised -- so the sizes keep the real vectors'
clumpy layout instead of uniform noise, which would make search look easier than it is.

1. The choice, at --compare-size (default 100,000): usearch, hnswlib and faiss (HNSW, the
   same graph degree 16 and build breadth 128 for all; usearch and faiss store float16 /
   float32 as they do by default in storydiff's use), each measured for build time, one-query
   latency (p50/p95 over 1,000 queries of real vectors, one thread), recall@10 against exact
   search, and the process memory the index adds.
2. The chosen library (usearch) at each --sizes: p95 candidate search and RAM (target:
   p95 < 50 ms and store + index <= 4 GB at 1M articles), the bare index alone;
   bench/collection_scale.py measures 100k and 1M through storydiff's store and index.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _collection_data import CACHE
from _signature import signature, write_result

from storydiff.collection.ann import CONNECTIVITY as DEGREE
from storydiff.collection.ann import EXPANSION_ADD as BUILD_BREADTH
from storydiff.collection.ann import EXPANSION_SEARCH as SEARCH_BREADTH

QUERIES = 1000
K = 10


def rss_mb() -> float:
    """Current resident memory of this process in MB (Linux /proc)."""
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def real_vectors() -> np.ndarray:
    dbs = sorted(CACHE.glob("collection-*.sqlite"))
    if not dbs:
        sys.exit("no indexed collection: run bench/collection_quality.py first")
    import sqlite3

    con = sqlite3.connect(dbs[-1])
    blobs = [r[0] for r in con.execute("SELECT vector FROM articles")]
    return np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1).copy()


def sampled(real: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    if n <= len(real):
        return real[:n].copy()
    dim = real.shape[1]
    sigma = np.sqrt((1 / 0.8**2 - 1) / dim)  # cos(v, v + e) ~ 0.8 for unit v
    out = np.empty((n, dim), dtype=np.float32)
    out[: len(real)] = real
    for start in range(len(real), n, 100_000):
        stop = min(n, start + 100_000)
        base = real[rng.integers(0, len(real), stop - start)]
        noisy = base + rng.normal(0, sigma, base.shape).astype(np.float32)
        out[start:stop] = noisy / np.linalg.norm(noisy, axis=1, keepdims=True)
    return out


def exact_top(data: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    out = np.empty((len(queries), k), dtype=np.int64)
    for s in range(0, len(queries), 100):
        sims = queries[s : s + 100] @ data.T
        out[s : s + 100] = np.argsort(-sims, axis=1)[:, :k]
    return out


class Usearch:
    """storydiff's own index (storydiff.collection.ann.AnnIndex), as ``find`` uses it."""

    name = "usearch"

    def __init__(self, dim: int) -> None:
        from storydiff.collection.ann import AnnIndex

        self.index = AnnIndex(None, dim)

    def build(self, data: np.ndarray) -> None:
        self.index.add(np.arange(1, len(data) + 1, dtype=np.int64), data)

    def query(self, q: np.ndarray) -> np.ndarray:
        return self.index.search(q, K)[0][0] - 1


class Hnswlib:
    name = "hnswlib"

    def __init__(self, dim: int) -> None:
        import hnswlib

        self.index = hnswlib.Index(space="cosine", dim=dim)
        self.dim = dim

    def build(self, data: np.ndarray) -> None:
        self.index.init_index(max_elements=len(data), ef_construction=BUILD_BREADTH, M=DEGREE)
        self.index.set_num_threads(1)
        self.index.add_items(data, np.arange(len(data)))
        self.index.set_ef(SEARCH_BREADTH)

    def query(self, q: np.ndarray) -> np.ndarray:
        labels, _ = self.index.knn_query(q[None, :], k=K)
        return labels[0].astype(np.int64)


class Faiss:
    name = "faiss"

    def __init__(self, dim: int) -> None:
        import faiss

        faiss.omp_set_num_threads(1)
        self.index = faiss.IndexHNSWFlat(dim, DEGREE, faiss.METRIC_INNER_PRODUCT)
        self.index.hnsw.efConstruction = BUILD_BREADTH

    def build(self, data: np.ndarray) -> None:
        self.index.add(data)
        self.index.hnsw.efSearch = SEARCH_BREADTH

    def query(self, q: np.ndarray) -> np.ndarray:
        _, ids = self.index.search(q[None, :], K)
        return ids[0].astype(np.int64)


def measure(lib_cls, data: np.ndarray, queries: np.ndarray, truth: np.ndarray) -> dict:
    gc.collect()
    before = rss_mb()
    lib = lib_cls(data.shape[1])
    t = time.perf_counter()
    lib.build(data)
    build_s = time.perf_counter() - t
    added = rss_mb() - before
    lat, hits = [], 0
    for q, want in zip(queries, truth, strict=True):
        t = time.perf_counter()
        got = lib.query(q)
        lat.append(time.perf_counter() - t)
        hits += len(set(got.tolist()) & set(want.tolist()))
    lat_ms = np.array(lat) * 1000
    result = {
        "library": lib.name,
        "vectors": len(data),
        "build_s": round(build_s, 1),
        "build_per_s": round(len(data) / build_s),
        "query_p50_ms": round(float(np.percentile(lat_ms, 50)), 3),
        "query_p95_ms": round(float(np.percentile(lat_ms, 95)), 3),
        "recall_at_10": round(hits / (K * len(queries)), 4),
        "ram_mb": round(added, 1),
    }
    del lib
    gc.collect()
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--compare-size", type=int, default=100_000)
    ap.add_argument("--sizes", default="100000,1000000", help="sizes for usearch alone")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    rng = np.random.default_rng(7)
    real = real_vectors()
    queries = real[rng.choice(len(real), min(QUERIES, len(real)), replace=False)]
    # each query's own copy is in the data: search for its neighbours, as find does
    rows: list[dict] = []
    data = sampled(real, args.compare_size, rng)
    truth = exact_top(data, queries, K)
    for lib in (Usearch, Hnswlib, Faiss):
        try:
            row = measure(lib, data, queries, truth)
        except ImportError as exc:
            print(f"{lib.name}: not installed ({exc})", file=sys.stderr)
            continue
        rows.append(row)
        print(row)
    scale: list[dict] = []
    for size in [int(s) for s in args.sizes.split(",") if s]:
        data = sampled(real, size, rng)
        truth = exact_top(data, queries[:200], K)
        row = measure(Usearch, data, queries[:200], truth)
        scale.append(row)
        print("scale", row)
        del data
        gc.collect()
    if not args.no_write:
        payload = {
            **signature(
                "use-multilingual-v3 document vectors (real + sampled around real)",
                "storydiff benchmark collection",
            ),
            "real_vectors": len(real),
            "params": {
                "degree": DEGREE,
                "build_breadth": BUILD_BREADTH,
                "search_breadth": SEARCH_BREADTH,
                "k": K,
                "threads": 1,
            },
            "compare": rows,
            "usearch_scale": scale,
        }
        print(write_result("ann_choice", payload))


if __name__ == "__main__":
    main()
