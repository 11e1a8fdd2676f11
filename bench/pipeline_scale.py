"""Pipeline throughput on this machine: local with 1 and 2 processes, Ray and Dask with 2
workers, on one input; per-stage time shares, each engine's overhead against local, the
memory of each worker, and the cluster size that the measured cost per article implies.

Input: the first ``--articles`` articles of the find/cluster benchmark collection
(bench/_collection_data.py: WMT newstest versions among real WMT and SemEval distractors,
all public), split into ``--shards`` JSONL files. That collection has no dates; each
article is given one (seeded): a story's versions within two days of each other, stories
spread over ``--days`` days, so that the time-windowed stages work as on a real feed.

    .venv/bin/python bench/pipeline_scale.py                 # 10,000 articles, all engines
    .venv/bin/python bench/pipeline_scale.py --articles 2000 --engines local-1,local-2

Writes bench/results/pipeline_scale.json (or --name). Every configuration runs in one
process, one after the other, so their ratios are measured under the same conditions.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
import threading
import time
from pathlib import Path

from _collection_data import CACHE, build
from _signature import signature, write_result

from storydiff.pipeline.runner import ORDER


def make_input(articles: int, shards: int, days: int, seed: int = 13) -> Path:
    """The first ``articles`` records of the benchmark collection, dated, in ``shards``
    JSONL files under bench/.cache/pipeline-<articles>-<shards>/."""
    folder = CACHE / f"pipeline-{articles}-{shards}-{days}"
    if folder.is_dir() and len(list(folder.glob("*.jsonl"))) == shards:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    source = build()
    rng = random.Random(seed)
    start: dict[str, int] = {}
    rows = []
    with open(source, encoding="utf-8") as fh:
        for line in fh:
            if len(rows) >= articles:
                break
            r = json.loads(line)
            story = r.get("gold") or r["id"]
            if story not in start:
                h = int(hashlib.sha1(story.encode()).hexdigest(), 16)
                start[story] = h % days
            day = start[story] + rng.randint(0, 1)
            r["date"] = f"2024-{9 + day // 30:02d}-{1 + day % 30:02d}"
            rows.append(r)
    for n in range(shards):
        with open(folder / f"part-{n:04d}.jsonl", "w", encoding="utf-8") as out:
            for r in rows[n::shards]:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return folder


class MemoryWatch:
    """Peak resident memory of each process under this one (sampled every 0.5 s)."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peak: dict[int, tuple[int, str]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            for p in self.me.children(recursive=True):
                try:
                    rss = p.memory_info().rss
                    name = " ".join(p.cmdline()[:3])[-80:]
                except psutil.Error:
                    continue
                if rss > self.peak.get(p.pid, (0, ""))[0]:
                    self.peak[p.pid] = (rss, name)
            self._stop.wait(0.5)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def workers_mb(self) -> list[float]:
        """Peak RSS (MB) of the processes that loaded the encoder (over 300 MB)."""
        return sorted(
            (round(rss / 2**20, 1) for rss, _ in self.peak.values() if rss > 300 * 2**20),
            reverse=True,
        )


def digest(run: Path) -> str:
    import pyarrow.parquet as pq

    h = hashlib.sha1()
    for stage in ORDER:
        for f in sorted((run / stage).glob("*.parquet")):
            h.update(f.name.encode())
            rows = pq.read_table(f).to_pylist()
            h.update(json.dumps(rows, sort_keys=True, default=lambda b: b.hex()).encode())
    return h.hexdigest()


def run_one(inputs: Path, out: Path, engine: str, workers: int) -> dict:
    import shutil

    from storydiff.pipeline import run_pipeline
    from storydiff.pipeline.layout import RunDir

    shutil.rmtree(out, ignore_errors=True)
    with MemoryWatch() as mem:
        start = time.perf_counter()
        report = run_pipeline([str(inputs / "*.jsonl")], out, engine=engine, workers=workers)
        wall = time.perf_counter() - start
    assert report.complete, report.failed
    run = RunDir(out)
    work = {}
    for stage in ORDER:
        work[stage] = sum(
            float(run.summary(stage, s).get("seconds", 0.0)) for s in run.done_shards(stage)
        )
    total_work = sum(work.values())
    articles = report.counts["articles"]
    return {
        "engine": engine,
        "workers": workers,
        "wall_s": round(wall, 2),
        "articles_per_s": round(articles / wall, 2),
        "stage_wall_s": {k: round(v, 2) for k, v in report.seconds.items()},
        "stage_work_s": {k: round(v, 2) for k, v in work.items()},
        "stage_work_share": {k: round(v / total_work, 4) for k, v in work.items()},
        "work_s_per_article": round(total_work / articles, 4),
        "worker_peak_rss_mb": mem.workers_mb(),
        "counts": report.counts,
        "digest": digest(out),
    }


def sizing(cost_per_article: float, serial_per_article: float) -> list[dict]:
    """Cores (one worker each) for a daily feed and a crawl, from the measured cost."""
    out = []
    for label, articles, hours in (
        ("media monitor: 200,000 articles a day", 200_000, 24.0),
        ("crawl: 10 million records in 24 hours", 10_000_000, 24.0),
    ):
        seconds = hours * 3600
        cores = articles * cost_per_article / seconds
        out.append(
            {
                "workload": label,
                "articles": articles,
                "hours": hours,
                "worker_cores": round(cores, 1),
                "nodes_of_16_cores": max(1, math.ceil(cores / 16)),
                "driver_serial_hours": round(articles * serial_per_article / 3600, 2),
            }
        )
    return out


def summarise(results: list[dict], args: argparse.Namespace) -> dict:
    """Overheads against local-2, identity of outputs, and the sizing table."""
    by = {f"{r['engine']}-{r['workers']}": r for r in results}
    base = by.get("local-2")
    for r in results:
        if base is not None and r["workers"] == 2:
            r["overhead_vs_local_2"] = round(r["wall_s"] / base["wall_s"] - 1, 4)
        if base is not None:
            r["identical_to_local_2"] = r["digest"] == base["digest"]
    ref = base or results[0]
    # the cost of an article on one core: from the one-worker run where there is one (its
    # tasks never wait for a core another worker holds), else from the reference run
    single = by.get("local-1", ref)
    # the driver's own steps (one process, not spread over workers), by their wall time
    walls = ref["stage_wall_s"]
    serial = (walls.get("catalogue", 0.0) + walls.get("clusters", 0.0)) / ref["counts"]["articles"]
    return {
        **signature(
            encoder="use",
            dataset=f"{args.articles} articles of the find/cluster "
            f"collection (bench/_collection_data.py), {args.shards} JSONL shards, "
            f"dated over {args.days} days",
        ),
        "articles": ref["counts"]["articles"],
        "runs": results,
        "core_s_per_article": single["work_s_per_article"],
        "sizing": sizing(single["work_s_per_article"], serial),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--shards", type=int, default=40)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--engines", default="local-2,ray-2,dask-2,local-1")
    ap.add_argument("--name", default="pipeline_scale")
    args = ap.parse_args()
    inputs = make_input(args.articles, args.shards, args.days)
    runs = CACHE / "pipeline-runs"
    results = []
    for spec in args.engines.split(","):
        engine, workers = spec.rsplit("-", 1)
        print(f"{spec}: running on {inputs} ...", flush=True)
        r = run_one(inputs, runs / spec, engine, int(workers))
        results.append(r)
        print(
            f"{spec}: {r['wall_s']} s, {r['articles_per_s']} articles/s, shares "
            + ", ".join(f"{k} {v:.0%}" for k, v in r["stage_work_share"].items())
            + f"; workers' peak RSS {r['worker_peak_rss_mb']} MB",
            flush=True,
        )
        payload = summarise(results, args)
        write_result(args.name, payload)  # after each configuration: a cut-short run keeps some
    for r in results:
        if "overhead_vs_local_2" in r:
            print(
                f"{r['engine']}-{r['workers']}: overhead vs local-2 "
                f"{r['overhead_vs_local_2']:+.1%}, identical: {r.get('identical_to_local_2')}"
            )
    for s in payload["sizing"]:
        print(
            f"{s['workload']}: {s['worker_cores']} worker cores "
            f"({s['nodes_of_16_cores']} nodes of 16), driver {s['driver_serial_hours']} h"
        )
    print(write_result(args.name, payload))


if __name__ == "__main__":
    sys.exit(main())
