"""What ``storydiff index --prepare`` costs and what it buys (issue 15, part 4).

    python bench/collection_prepare.py                  # bench/results/collection_prepare.json
    python bench/collection_prepare.py --sample 100 --pairs 1 --no-write   # a quick look
    python bench/collection_prepare.py --queries versions --skip-cost   # ..._versions.json

A collection works out an article's facts and the E5 vector of its lead when a search
first needs them (``collection.derived``); ``Index.prepare`` (``index --prepare``) works
them out for every article ahead. Measured in one run, on the bench collection of
``bench/collection_quality.py`` (10,755 real articles with their run parts, which must
have been indexed first):

1. Cost: the first ``--sample`` articles of the collection's feed indexed into a new store
   (encoders loaded first), then prepared: wall and CPU time of each, articles per second,
   and prepare's time over indexing's.
2. What it buys: the real store copied and prepared once (timed; kept in bench/.cache and
   reused while complete), then ``--pairs`` pairs of runs of the same code alternating, each
   a new process with an empty USE disk cache (``collection_find_ab.run``): verified ``find``
   of the top 10 for the same ``--finds`` real articles on the store as indexing leaves it
   (reset before each run) and on the prepared store, first and again. Per pair, whether
   the hits' JSON of every query was the same on both stores. The queries: real articles
   drawn as ``collection_scale`` draws them (``--queries scale``, mostly distractors whose
   hits are other stories), or WMT 2009/2013 articles (``versions``), each with its four
   versions in other languages among its hits, each compared in full.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _collection_data import CACHE
from _signature import RESULTS, signature, write_result
from _timing import load
from collection_find_ab import (
    HERE,
    REAL_DB,
    SUFFIXES,
    WORK_DB,
    commit_of,
    reset,
    run,
    same_hits,
    store_encoder,
    summary,
)

PREPARED_DB = CACHE / "find-prepared.sqlite"
FEED = Path(str(REAL_DB).removesuffix(".sqlite") + ".jsonl")


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return round(wall - start[0], 2), round(cpu - start[1], 2)


def cost(sample: int) -> dict:
    """Index the feed's first ``sample`` articles into a new store, then prepare them."""
    from storydiff.collection import Index
    from storydiff.encoders.e5 import second_opinion

    with tempfile.TemporaryDirectory(prefix="prepare-") as tmp:
        feed = Path(tmp) / "feed.jsonl"
        with FEED.open(encoding="utf-8") as lines:
            feed.write_text("".join(islice(lines, sample)), encoding="utf-8")
        with Index.open(Path(tmp) / "news.sqlite") as idx:
            idx.encoder.encode(["The models are loaded before the clock starts."])
            second_opinion()(["query: The models are loaded before the clock starts."])
            load_before = load()
            start = _clock()
            report = idx.add([feed])
            index_wall, index_cpu = _since(start)
            start = _clock()
            prepared = idx.prepare()
            prepare_wall, prepare_cpu = _since(start)
            load_after = load()
    return {
        "articles": report.added,
        "prepared": prepared,
        "index_s": {"wall": index_wall, "cpu": index_cpu},
        "prepare_s": {"wall": prepare_wall, "cpu": prepare_cpu},
        "index_per_s": round(report.added / index_wall, 2),
        "prepare_per_s": round(prepared / prepare_wall, 2),
        "prepare_over_index": {
            "wall": round(prepare_wall / index_wall, 3),
            "cpu": round(prepare_cpu / index_cpu, 3),
        },
        "load_before": load_before,
        "load_after": load_after,
    }


def prepared_store() -> dict:
    """The real store copied to ``PREPARED_DB`` and prepared (timed), unless a complete
    one is there already (then its recorded timing is returned again)."""
    from storydiff.collection import Index

    record = PREPARED_DB.with_suffix(".json")
    if PREPARED_DB.exists() and record.exists():
        with Index.open(PREPARED_DB) as idx:
            if idx.unprepared() == 0:
                return {**json.loads(record.read_text()), "reused": True}
    for suffix in SUFFIXES:
        Path(f"{PREPARED_DB}{suffix}").unlink(missing_ok=True)
    reset(PREPARED_DB)  # copies the real store, then clears what searches kept
    with Index.open(PREPARED_DB) as idx:
        load_before = load()
        start = _clock()
        n = idx.prepare()
        wall, cpu = _since(start)
    with sqlite3.connect(PREPARED_DB) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    timing = {
        "articles": n,
        "prepare_s": {"wall": wall, "cpu": cpu},
        "prepare_per_s": round(n / wall, 2),
        "load_before": load_before,
        "load_after": load(),
    }
    record.write_text(json.dumps(timing))
    return {**timing, "reused": False}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sample", type=int, default=300, help="articles indexed and prepared")
    ap.add_argument("--pairs", type=int, default=3, help="lazy/prepared runs, alternating")
    ap.add_argument("--finds", type=int, default=20, help="queries a run finds")
    ap.add_argument(
        "--queries",
        choices=("scale", "versions"),
        default="scale",
        help="scale: collection_scale's real articles (mostly distractors); versions: WMT "
        "articles whose versions in four other languages are among their hits",
    )
    ap.add_argument(
        "--skip-cost",
        action="store_true",
        help="leave step 1 out (the results file keeps the cost of the run that measured it)",
    )
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    if not REAL_DB.exists():
        raise SystemExit(f"{REAL_DB} is missing: run bench/collection_quality.py first")

    spent = None if args.skip_cost else cost(args.sample)
    print(f"cost: {json.dumps(spent)}", file=sys.stderr, flush=True)
    whole = prepared_store()
    print(f"whole store prepared: {json.dumps(whole)}", file=sys.stderr, flush=True)
    rows = []
    for pair in range(args.pairs):
        lazy = run(HERE, args.finds, db=WORK_DB, fresh=True, query_set=args.queries)
        ready = run(HERE, args.finds, db=PREPARED_DB, fresh=False, query_set=args.queries)
        row = {
            "lazy": summary(lazy),
            "prepared": summary(ready),
            "same_hits": same_hits(lazy, ready),
        }
        rows.append(row)
        print(json.dumps({"pair": pair + 1, **row}), file=sys.stderr, flush=True)
    if args.no_write:
        return
    payload = {
        **signature(store_encoder(), "bench collection (10,755 real articles, with run parts)"),
        "commit": commit_of(HERE),
        "cost_commit": commit_of(HERE) if spent is not None else None,
        "cost": spent,
        "whole_store": whole,
        "queries": args.queries,
        "finds_per_run": args.finds,
        "pairs": rows,
    }
    name = "collection_prepare" + ("" if args.queries == "scale" else f"_{args.queries}")
    earlier = RESULTS / f"{name}.json"
    if spent is None and earlier.exists():
        old = json.loads(earlier.read_text(encoding="utf-8"))
        if old.get("cost"):
            payload["cost"] = {**old["cost"], "commit": old.get("cost_commit", old.get("commit"))}
    print(write_result(name, payload))


if __name__ == "__main__":
    main()
