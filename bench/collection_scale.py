"""What a collection costs at 10k (real), 100k and 1M articles (issue 15, part 4).

    python bench/collection_scale.py                          # bench/results/collection_scale.json
    python bench/collection_scale.py --sizes 10755,100000 --no-write

Embedding a million articles takes about a day on this machine, so the larger stores are
built from the real one that bench/collection_quality.py indexes (bench/.cache/, 10,755
analysed articles, USE): the real rows first (ids 1..10,755, as stored), then rows that
are copies of a real row drawn at random (seeded) -- its stored article (compressed
JSON: sentences, title), its sentence vectors (float16), its sentence count, language,
source -- with a new id, a new content hash, URL and source row, and a document vector
sampled around the original one as bench/ann_choice.py samples them (the real vector plus
Gaussian noise that keeps a cosine of about 0.8 to it, renormalised). So each row weighs
what a real one weighs (disk and what a search reads are honest), and the vectors keep
the real ones' clumpy layout. Every row is stored as ``storydiff index`` leaves it: facts
and E5 lead still to be worked out on first use. The real rows keep the run parts the real
store holds (what aligning them needs of the encoder, about 64 KB an article: without them
``find`` embeds a candidate's sentences again); the copies are stored without, as by a
storydiff that did not keep them (at 1M they would add about 64 GB), so their candidates
are aligned by embedding them.

Then, through storydiff's own code (``Index.open``, ``find``, the store and its usearch
index), each size in its own processes:

1. ``rebuild``: the ANN cache deleted, ``Index.open`` rebuilds it from the store (what
   ``storydiff index`` does after a lost cache: one thread); its time and peak memory.
2. ``measure``: a new process loads the encoder, then opens the collection (cache
   present): the memory the store and its index add, and in all; candidate search for
   1,000 real articles' document vectors (p50/p95; target p95 < 50 ms at 1M), also with a
   language filter; verified ``find`` of the top 10 for 20 real articles, first on rows no
   search has touched and then again (target < 2 s warm); disk of the store and index;
   recall@10 of the candidate search against exact search over the same vectors; the
   exact search of a small filtered subset with its vectors read from the store's rows
   and from the index's memory.
3. ``breadth``: the index's search breadth (64, storydiff's, to 512) against recall@10,
   latency, and recall@5 of the WMT 2009/2013 articles' versions in other languages (the
   figure of bench/collection_quality.py, here among the sampled copies), by the index
   and by exact search.

Between the real article and its copies the text is the same, so a verified ``find`` of
a real article compares it with copies of itself and of its versions: every hit is a
``same_story`` whose facts and E5 lead are worked out -- the dearest case.

Timings are on 2 shared cores: the load average of each phase is recorded with it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _collection_data import CACHE
from _signature import signature, write_result
from _timing import load, pct

REAL_DB = Path(os.environ.get("STORYDIFF_SCALE_REAL", CACHE / "collection-10000-13.sqlite"))
COSINE = 0.8  # a sampled vector's expected cosine to the real one it copies
CHUNK = 20_000
SEARCHES = 1000
FILTERED = 50
FINDS = 20
RECALL_QUERIES = 200
K = 10


def scale_db(size: int) -> Path:
    return CACHE / f"scale-{size}.sqlite"


def memory_mb() -> dict[str, float]:
    """This process's resident memory now and at its peak (Linux /proc), MB."""
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out["rss" if key == "VmRSS" else "peak"] = round(int(value.split()[0]) / 1024, 1)
    return out


def disk_mb(db: Path) -> dict[str, float]:
    def size(suffix: str) -> float:
        p = Path(str(db) + suffix)
        return round(p.stat().st_size / 1e6, 1) if p.exists() else 0.0

    return {"store": size("") + size("-wal"), "index": size(".usearch")}


# --- building a store of the asked size ----------------------------------------------

_COLUMNS = (
    "id, content_hash, source, url, title, language, date, added, n_sentences, article,"
    " sentence_vectors, vector, facts_done"
)
_MARKS = ",".join("?" * 13)


def build(size: int, seed: int = 7) -> dict:
    """Write scale-<size>.sqlite (and its document vectors as .npy for the recall check)
    unless it is already complete."""
    from storydiff.collection.store import Store

    db = scale_db(size)
    vec_path = db.with_suffix(".vectors.npy")
    if db.exists() and vec_path.exists():
        with sqlite3.connect(db) as con:
            done = con.execute("SELECT value FROM meta WHERE key = 'scale_rows'").fetchone()
        if done and int(done[0]) == size:
            return {"built": False, "disk_mb": disk_mb(db)}
    for suffix in ("", "-wal", "-shm", ".usearch", ".usearch.json"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    vec_path.unlink(missing_ok=True)

    real = sqlite3.connect(f"file:{REAL_DB}?mode=ro", uri=True)
    meta = dict(real.execute("SELECT key, value FROM meta"))
    rows = real.execute(
        "SELECT content_hash, source, url, title, language, date, n_sentences, article,"
        " sentence_vectors, vector FROM articles ORDER BY id"
    ).fetchall()
    n_real = len(rows)
    if size < n_real:
        raise SystemExit(f"--sizes: {size} is smaller than the real store ({n_real} articles)")
    dim = int(meta["dim"])
    real_vecs = np.frombuffer(b"".join(r[9] for r in rows), dtype=np.float32).reshape(n_real, dim)
    real_ids = [int(r[0]) for r in real.execute("SELECT id FROM articles ORDER BY id")]
    tables = {r[0] for r in real.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    parts_of = (
        {
            int(i): (m, b)
            for i, m, b in real.execute("SELECT article_id, model, parts FROM run_parts")
        }
        if "run_parts" in tables
        else {}
    )

    with Store(db, encoder=meta["encoder"], dim=dim) as store:  # schema and meta as storydiff
        store.set_meta("document_vector", meta["document_vector"])
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("PRAGMA journal_mode=OFF")  # a bulk copy: the file is thrown away if it fails
    con.execute("PRAGMA synchronous=OFF")
    vectors = np.lib.format.open_memmap(vec_path, mode="w+", dtype=np.float16, shape=(size, dim))
    rng = np.random.default_rng(seed)
    sigma = np.sqrt((1 / COSINE**2 - 1) / dim)  # cos(v, v + e) ~ COSINE for unit v
    now = time.time()
    t0 = time.perf_counter()
    for start in range(0, size, CHUNK):
        stop = min(size, start + CHUNK)
        n = stop - start
        origin = np.arange(start, stop)
        vecs = np.empty((n, dim), dtype=np.float32)
        is_real = origin < n_real
        vecs[is_real] = real_vecs[origin[is_real]]
        if (~is_real).any():
            picked = rng.integers(0, n_real, int((~is_real).sum()))
            origin[~is_real] = picked
            noisy = real_vecs[picked] + rng.normal(0, sigma, (len(picked), dim)).astype(np.float32)
            vecs[~is_real] = noisy / np.linalg.norm(noisy, axis=1, keepdims=True)
        vectors[start:stop] = vecs
        batch, sources = [], []
        for j in range(n):
            row_id = start + j + 1
            c_hash, source, url, title, lang, date, n_sent, art, sent_vecs, _ = rows[origin[j]]
            if row_id > n_real:  # a copy: new hash, URL and source
                c_hash = hashlib.sha1(f"{c_hash}/{row_id}".encode()).hexdigest()
                url = f"{url}#copy-{row_id}"
                source = url
            head = (row_id, c_hash, source, url, title, lang, date, now, n_sent)
            batch.append((*head, art, sent_vecs, vecs[j].tobytes(), 0))
            sources.append((hashlib.sha1(c_hash.encode()).hexdigest(), row_id, url, "scale"))
        parts = [
            (row_id, *parts_of[real_ids[row_id - 1]])
            for row_id in range(start + 1, min(stop, n_real) + 1)
            if real_ids[row_id - 1] in parts_of
        ]
        with con:
            con.executemany(
                f"INSERT INTO articles ({_COLUMNS}) VALUES ({','.join('?' * 13)})", batch
            )
            con.executemany("INSERT INTO sources VALUES (?, ?, ?, ?)", sources)
            con.executemany("INSERT INTO run_parts VALUES (?, ?, ?)", parts)
        print(f"built {stop}/{size}", file=sys.stderr)
    real.close()
    vectors.flush()
    with con:
        con.execute("INSERT OR REPLACE INTO meta VALUES ('scale_real', ?)", (str(n_real),))
        con.execute("INSERT OR REPLACE INTO meta VALUES ('scale_rows', ?)", (str(size),))
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    return {"built": True, "build_s": round(time.perf_counter() - t0, 1), "disk_mb": disk_mb(db)}


# --- the phases, each in its own process ---------------------------------------------


def warm_encoder():
    from storydiff.encoders import as_encoder

    enc = as_encoder(None)
    enc.inner.encode(["A sentence to load the model."])  # past the encoder's disk cache
    return enc


def rebuild(size: int) -> dict:
    """The ANN cache deleted: ``Index.open`` rebuilds it from the store."""
    from storydiff.collection import Index

    db = scale_db(size)
    Path(f"{db}.usearch").unlink(missing_ok=True)
    Path(f"{db}.usearch.json").unlink(missing_ok=True)
    enc = warm_encoder()
    before = memory_mb()
    t = time.perf_counter()
    idx = Index.open(db, encoder=enc)
    rebuild_s = time.perf_counter() - t
    assert len(idx.ann) == size, (len(idx.ann), size)
    after = memory_mb()
    t = time.perf_counter()
    idx.close()
    return {
        "rebuild_s": round(rebuild_s, 1),
        "per_s": round(size / rebuild_s),
        "close_s": round(time.perf_counter() - t, 2),
        "memory_mb_before_open": before,
        "memory_mb_after_rebuild": after,
        "load_average": load(),
    }


def measure(size: int) -> dict:
    from storydiff.collection import Index
    from storydiff.encoders.e5 import second_opinion

    db = scale_db(size)
    enc = warm_encoder()
    before = memory_mb()
    t = time.perf_counter()
    idx = Index.open(db, encoder=enc)
    open_s = time.perf_counter() - t
    opened = memory_mb()
    n_real = int(idx.store.meta("scale_real") or size)
    rng = random.Random(11)
    queries = rng.sample(range(1, n_real + 1), SEARCHES)

    read_ms, search_ms = [], []
    for q in queries:
        t = time.perf_counter()
        _, vec = next(iter(idx.store.vectors(ids=[q])))
        t1 = time.perf_counter()
        idx._candidates(vec[0], K + 1, None, None, None)
        t2 = time.perf_counter()
        read_ms.append(1000 * (t1 - t))
        search_ms.append(1000 * (t2 - t1))
    searched = memory_mb()

    filtered: dict[str, dict[str, float]] = {}
    for lang in ("de", "it"):  # about a quarter of the articles; about 1 %
        times = []
        for q in queries[:FILTERED]:
            _, vec = next(iter(idx.store.vectors(ids=[q])))
            t = time.perf_counter()
            idx._candidates(vec[0], K + 1, None, None, [lang])
            times.append(1000 * (time.perf_counter() - t))
        filtered[lang] = {"passing": idx.store.count_where(languages=[lang]), **pct(times)}
    # the exact search of a small subset (the Italian articles, as a filter leaves it):
    # its vectors read from the store's rows, or from the index's memory (what it does)
    from storydiff.collection.ann import exact_search

    subset = idx.store.ids_where(languages=["it"])
    exact: dict[str, list[float]] = {"store": [], "index": []}
    for q in queries[:FILTERED]:
        _, vec = next(iter(idx.store.vectors(ids=[q])))
        for name, ann in (("store", None), ("index", idx.ann)):
            t = time.perf_counter()
            exact_search(idx.store, subset, vec[0], K + 1, ann)
            exact[name].append(1000 * (time.perf_counter() - t))
    filtered["exact_it_vectors_from"] = {k: pct(v) for k, v in exact.items()}
    filtered_load = load()

    # verified find of the top 10: one warm-up (loads E5, the negation judge, the fact
    # tables), then each query first on rows no search has touched, then again
    idx.find(queries[-1], k=K)
    e5_memory = getattr(getattr(second_opinion(), "__self__", None), "_memory", {})
    first, again, verdicts = [], [], {}
    for q in queries[:FINDS]:
        for times in (first, again):
            idx.encoder._memory.clear()
            e5_memory.clear()
            t = time.perf_counter()
            _, hits = idx.find(q, k=K)
            times.append(time.perf_counter() - t)
        for h in hits:
            verdicts[h.verdict] = verdicts.get(h.verdict, 0) + 1
    found = memory_mb()
    find_load = load()
    idx.close()

    recall = recall_at_k(db, queries[:RECALL_QUERIES], enc.dim)
    return {
        "open_s": round(open_s, 2),
        "memory_mb": {
            "before_open": before,
            "after_open": opened,
            "store_and_index": round(opened["rss"] - before["rss"], 1),
            "after_searches": searched,
            "after_finds": found,
        },
        "vector_read_ms": pct(read_ms),
        "candidate_search_ms": pct(search_ms),
        "candidate_search_one_language_ms": filtered,
        "filtered_load_average": filtered_load,
        "verified_find_s": {"first": pct(first), "again": pct(again), "queries": len(first)},
        "find_verdicts": verdicts,
        "find_load_average": find_load,
        "recall_at_10": recall,
        "disk_mb": disk_mb(db),
        "run_parts": run_parts_size(db),
        "load_average": load(),
    }


def run_parts_size(db: Path) -> dict[str, float]:
    """How many articles hold run parts, and their bytes in all and per article (KB)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        n, total = con.execute(
            "SELECT COUNT(*), COALESCE(SUM(LENGTH(parts)), 0) FROM run_parts"
        ).fetchone()
    return {
        "articles": n,
        "mb": round(total / 1e6, 1),
        "kb_per_article": round(total / max(n, 1) / 1e3, 1),
    }


def exact_top(data: np.ndarray, q: np.ndarray, k: int) -> np.ndarray:
    """Ids (1-based rows of ``data``) of the k nearest rows to each query, best first."""
    best_ids = np.zeros((len(q), 0), dtype=np.int64)
    best_sim = np.zeros((len(q), 0), dtype=np.float32)
    for start in range(0, len(data), 50_000):
        chunk = np.asarray(data[start : start + 50_000], dtype=np.float32)
        sims = q @ chunk.T
        ids = np.arange(start + 1, start + 1 + len(chunk))
        all_ids = np.concatenate([best_ids, np.broadcast_to(ids, sims.shape)], axis=1)
        all_sim = np.concatenate([best_sim, sims], axis=1)
        part = np.argpartition(-all_sim, k - 1, axis=1)[:, :k]
        best_ids = np.take_along_axis(all_ids, part, axis=1)
        best_sim = np.take_along_axis(all_sim, part, axis=1)
    order = np.argsort(-best_sim, axis=1)
    return np.take_along_axis(best_ids, order, axis=1)


def recall_at_k(db: Path, queries: list[int], dim: int) -> float:
    """recall@K of the index's answers for these articles' vectors against exact search
    over every stored vector (read from the .npy the build wrote, float16)."""
    from storydiff.collection.ann import AnnIndex

    ann = AnnIndex(Path(f"{db}.usearch"), dim)
    data = np.load(db.with_suffix(".vectors.npy"), mmap_mode="r")
    q = np.asarray(data[np.array(queries) - 1], dtype=np.float32)
    want = exact_top(data, q, K)
    got, _ = ann.search(q, K)
    hits = sum(len(set(g.tolist()) & set(w.tolist())) for g, w in zip(got, want, strict=True))
    return round(hits / (K * len(q)), 4)


def breadth(size: int) -> dict:
    """The index's search breadth against recall and latency: recall@10 against exact
    search (200 real articles' vectors), and recall@5 of the WMT 2009/2013 articles'
    versions in the other languages (as bench/collection_quality.py counts it, here among
    the sampled copies), by the index and by exact search over the same vectors."""
    from storydiff.collection.ann import AnnIndex

    db = scale_db(size)
    data = np.load(db.with_suffix(".vectors.npy"), mmap_mode="r")
    ann = AnnIndex(Path(f"{db}.usearch"), data.shape[1])
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        n_real = int(con.execute("SELECT value FROM meta WHERE key = 'scale_real'").fetchone()[0])
        urls = dict(con.execute("SELECT id, url FROM articles WHERE id <= ?", (n_real,)))
    gold_of_url = {}
    for line in (CACHE / "collection-10000-13.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        gold_of_url[rec["url"]] = rec["gold"]
    story: dict[str, list[int]] = {}
    for i, url in urls.items():
        g = gold_of_url.get(url)
        if g and g.startswith(("newstest2009/", "newstest2013/")):
            story.setdefault(g, []).append(int(i))
    versions = {i: set(ids) - {i} for ids in story.values() for i in ids}
    vq = sorted(versions)
    rq = random.Random(11).sample(range(1, n_real + 1), SEARCHES)[:RECALL_QUERIES]
    q_r = np.asarray(data[np.array(rq) - 1], dtype=np.float32)
    q_v = np.asarray(data[np.array(vq) - 1], dtype=np.float32)
    want_r = exact_top(data, q_r, K)
    exact_v = exact_top(data, q_v, 6)

    def version_recall(tops: np.ndarray) -> float:
        found = total = 0
        for q, top in zip(vq, tops, strict=True):
            top5 = [int(i) for i in top if int(i) != q][:5]
            found += len(versions[q] & set(top5))
            total += len(versions[q])
        return round(found / total, 4)

    out = {"version_queries": len(vq), "version_recall_at_5_exact": version_recall(exact_v)}
    rows = []
    for width in (64, 128, 256, 512):
        ann._index.expansion_search = width
        lat, hits = [], 0
        for q, want in zip(q_r, want_r, strict=True):
            t = time.perf_counter()
            got, _ = ann.search(q, K)
            lat.append(1000 * (time.perf_counter() - t))
            hits += len(set(got[0].tolist()) & set(want.tolist()))
        tops = np.vstack([ann.search(q, 6)[0] for q in q_v])
        rows.append(
            {
                "search_breadth": width,
                "recall_at_10": round(hits / (K * len(q_r)), 4),
                "search_ms": pct(lat),
                "version_recall_at_5": version_recall(tops),
            }
        )
        print(rows[-1], file=sys.stderr)
    out["breadths"] = rows
    out["load_average"] = load()
    return out


def run_phase(phase: str, size: int) -> dict:
    """Run one phase in a new process; its last stdout line is its JSON."""
    out = subprocess.run(
        [sys.executable, __file__, "--phase", phase, "--size", str(size)],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    print(f"{size} {phase}: {result}", file=sys.stderr)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10755,100000,1000000")
    ap.add_argument("--phase", choices=("build", "rebuild", "measure", "breadth"))
    ap.add_argument("--size", type=int)
    ap.add_argument(
        "--skip-rebuild", action="store_true", help="keep an index an earlier run built"
    )
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    if args.phase:
        phases = {"build": build, "rebuild": rebuild, "measure": measure, "breadth": breadth}
        result = phases[args.phase](args.size)
        print(json.dumps(result))
        return

    rows = []
    for size in [int(s) for s in args.sizes.split(",") if s]:
        row: dict[str, object] = {"articles": size, "date": time.strftime("%Y-%m-%d %H:%M")}
        row["build"] = run_phase("build", size)
        if not (args.skip_rebuild and Path(f"{scale_db(size)}.usearch").exists()):
            row["rebuild"] = run_phase("rebuild", size)
        else:  # the index an earlier run built: its figures, if that run wrote them
            row["rebuild"] = {**earlier(size).get("rebuild", {}), "from_earlier_run": True}
        row["measure"] = run_phase("measure", size)
        row["breadth"] = run_phase("breadth", size)
        rows.append(row)
        if not args.no_write:
            write(rows)


def earlier(size: int) -> dict:
    """The row of this size in the results file, or {}."""
    path = Path(__file__).resolve().parent / "results" / "collection_scale.json"
    if not path.exists():
        return {}
    rows = json.loads(path.read_text())["sizes"]
    return next((r for r in rows if r["articles"] == size), {})


def write(rows: list[dict]) -> None:
    """Write the results, keeping the rows of other sizes that an earlier run wrote (one
    size can be measured again alone)."""
    path = Path(__file__).resolve().parent / "results" / "collection_scale.json"
    if path.exists():
        sizes = {r["articles"] for r in rows}
        kept = [r for r in json.loads(path.read_text())["sizes"] if r["articles"] not in sizes]
        rows = sorted(kept + rows, key=lambda r: r["articles"])
    with sqlite3.connect(f"file:{REAL_DB}?mode=ro", uri=True) as con:
        encoder = con.execute("SELECT value FROM meta WHERE key = 'encoder'").fetchone()[0]
    payload = {
        **signature(
            encoder,
            "bench collection (10,755 real articles) + copies with document vectors sampled"
            f" around real ones (cosine ~{COSINE})",
        ),
        "sizes": rows,
    }
    print(write_result("collection_scale", payload))


if __name__ == "__main__":
    main()
