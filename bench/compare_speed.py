"""Wall time of `storydiff compare`: cold, warm, and a synthetic 5,000-sentence pair.

    python bench/compare_speed.py            # writes bench/results/compare_speed.json

cold  = a fresh `storydiff compare` process on the seed pair (interpreter start, imports,
        model load, no embedding cache on disk);
warm  = a second compare of the seed pair in one process (median of 5; the in-memory
        embedding cache is cleared before each run, so sentences are embedded again);
5,000 = a German/French pair of 5,000 sentences each, made from Text+Berg book text
        (../shared/bench/textberg), compared in a fresh process; peak RSS reported.
Targets (issue 3): warm < 1 s; 5,000-sentence pair < 60 s and < 2 GB.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _signature import SHARED, signature, write_result

ROOT = Path(__file__).resolve().parents[1]
SEED_DE = ROOT / "examples" / "openai-paris.de.txt"
SEED_FR = ROOT / "examples" / "openai-paris.fr.txt"
ENV = {**os.environ, "STORYDIFF_CACHE_DIR": ""}


def cold_seconds() -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "storydiff", "compare", str(SEED_DE), str(SEED_FR), "-f", "json"],
        check=True,
        capture_output=True,
        env=ENV,
    )
    return time.perf_counter() - start


def warm_seconds(repeats: int = 5) -> float:
    os.environ["STORYDIFF_CACHE_DIR"] = ""
    import storydiff
    from storydiff.encoders import get_encoder

    storydiff.compare(SEED_DE, SEED_FR)  # load models
    times = []
    for _ in range(repeats):
        get_encoder("use")._memory.clear()
        start = time.perf_counter()
        storydiff.compare(SEED_DE, SEED_FR)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
        path = workdir / f"synthetic.{lang}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


def big_pair(n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        de, fr = synthetic_pair(n, Path(tmp))
        code = (
            "import time, json, storydiff\n"
            "t = time.perf_counter()\n"
            f"c = storydiff.compare({str(de)!r}, {str(fr)!r})\n"
            "print(json.dumps({'seconds': time.perf_counter() - t, "
            "'sentences_a': len(c.a.sentences), 'sentences_b': len(c.b.sentences), "
            "'verdict': c.verdict, "
            "'peak_rss_mb': int([l for l in open('/proc/self/status')\n"
            "                    if l.startswith('VmHWM')][0].split()[1]) / 1024}))\n"
        )
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=ENV
        )
        import json

        result = json.loads(out.stdout.strip().splitlines()[-1])
        result["process_seconds"] = time.perf_counter() - start
        return result


def main() -> None:
    cold = min(cold_seconds() for _ in range(3))
    warm = warm_seconds()
    big = big_pair(5000)
    payload = {
        **signature(encoder="use-multilingual-v3", dataset="seed pair; Text+Berg 5k synthetic"),
        "seed_cold_seconds": round(cold, 3),
        "seed_warm_seconds": round(warm, 3),
        "pair_5000": {k: (round(v, 2) if isinstance(v, float) else v) for k, v in big.items()},
        "targets": {"seed_warm_seconds": 1.0, "pair_5000_seconds": 60, "pair_5000_rss_mb": 2048},
        "bench_process_peak_rss_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        ),
    }
    path = write_result("compare_speed", payload)
    print(f"seed pair, cold (new process): {cold:.2f} s")
    print(f"seed pair, warm (same process): {warm:.3f} s   target < 1 s")
    print(
        f"5,000-sentence pair: {big['seconds']:.1f} s compare, "
        f"{big['process_seconds']:.1f} s with process start, "
        f"peak RSS {big['peak_rss_mb']:.0f} MB   target < 60 s, < 2048 MB"
    )
    print(f"signature: {payload['signature']}")
    print(f"written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
