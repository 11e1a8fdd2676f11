"""Versions found and stories clustered in a collection of real news (issue 15, parts 1, 2, 4).

    python bench/collection_quality.py                    # bench/results/collection_quality.json
    python bench/collection_quality.py --distractors 2000 --no-write   # a quicker look
    python bench/collection_quality.py --sample-only --index-sample 1000  # indexing alone
    python bench/collection_quality.py --find-only        # verified find timings alone

``--sample-only`` and ``--find-only`` write bench/results/collection_indexing.json and
collection_find.json (the full run writes all of it into collection_quality.json).

The collection (bench/_collection_data.py): every WMT newstest2009/2013 document in every
language (~760 articles, professional translations of one another) among >= 10,000
distractors (other WMT years, SemEval-2022 Task 8 articles, articles built from real news
sentences), in a shuffled stream order.

1. Versions found: for each WMT 2009/2013 article, the share of its versions in the other
   languages among the top 5 of ``find`` (recall@5; target >= 0.99), and the share of those
   pairs that the aligner verifies as ``same_story`` (target: all).
2. Stories clustered: the whole collection clustered as a stream (``storydiff cluster``);
   pairwise F1 (pairs of articles, as Miranda et al. 2018 define it) and BCubed F1 (Bagga
   and Baldwin 1998; Amigo et al. 2009) over the articles with a known story (WMT, all years,
   and the sentence-built ones); per language (BCubed, that language's articles only:
   within one language every WMT story has a single article) and across languages.
   Target: both >= 0.97.
4. Scale: indexing time and the share of it spent embedding sentences (target: everything
   else < 30 %), and verified ``find`` of the top 10, warm (target < 2 s): each query timed
   on a store that no search has touched (every article's facts and E5 lead still to be
   worked out) and then again (what the first search kept is read back).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _collection_data import CACHE, VERSION_SETS, build
from _signature import signature, write_result


def pairwise_f1(pred: dict[int, int], gold: dict[int, str]) -> tuple[float, float, float]:
    """Precision, recall, F1 over pairs of items put in one cluster (items in ``gold``)."""

    def pairs(labels: dict[int, object]) -> set[tuple[int, int]]:
        groups: dict[object, list[int]] = defaultdict(list)
        for item, label in labels.items():
            groups[label].append(item)
        return {p for g in groups.values() for p in itertools.combinations(sorted(g), 2)}

    items = set(gold)
    p_pairs = pairs({i: pred[i] for i in items})
    g_pairs = pairs({i: gold[i] for i in items})
    hit = len(p_pairs & g_pairs)
    prec = hit / len(p_pairs) if p_pairs else 1.0
    rec = hit / len(g_pairs) if g_pairs else 1.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def bcubed_f1(pred: dict[int, int], gold: dict[int, str]) -> tuple[float, float, float]:
    """BCubed precision, recall, F1 averaged over the items in ``gold``."""
    items = list(gold)
    by_pred: dict[int, set[int]] = defaultdict(set)
    by_gold: dict[str, set[int]] = defaultdict(set)
    for i in items:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    prec = rec = 0.0
    for i in items:
        same = by_pred[pred[i]] & by_gold[gold[i]]
        prec += len(same) / len(by_pred[pred[i]])
        rec += len(same) / len(by_gold[gold[i]])
    prec, rec = prec / len(items), rec / len(items)
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def index_sample(data: Path, n: int, warm: int = 32) -> dict:
    """Index the first ``n`` articles of ``data`` into a new store and time it: the whole
    ``Index.add`` and, inside it, the model's own work on the sentences -- its encode calls
    and its one pass over each article's sentences that gives their vectors, the lead's and
    the run parts kept for the aligner (``run_parts``, ``encode_runs_and_spans``; also
    reported alone) -- and the analysis of each record (extraction, language, sentences);
    one run, one process. The ``warm`` articles
    after them are indexed first into another store (not timed), so that what every
    process loads once (the model, the segmenter's and the language tables) is loaded."""
    import tempfile

    from storydiff.collection import Index

    with tempfile.TemporaryDirectory() as tmp:
        part, rest = Path(tmp) / "sample.jsonl", Path(tmp) / "warm.jsonl"
        with data.open(encoding="utf-8") as src:
            lines = [line for _, line in zip(range(n + warm), src, strict=False)]
        part.write_text("".join(lines[:n]), encoding="utf-8")
        rest.write_text("".join(lines[n:]), encoding="utf-8")
        with Index.open(Path(tmp) / "warm.sqlite") as first:
            first.add([rest])
        idx = Index.open(Path(tmp) / "sample.sqlite")
        inner = idx.encoder.inner
        real_encode, real_analyse = inner.encode, idx._analyse
        spent = {"embed": 0.0, "analyse": 0.0, "sentences": 0, "parts": 0.0, "in_pass": False}
        passes = {
            name: getattr(inner, name, None) for name in ("run_parts", "encode_runs_and_spans")
        }

        def timed_pass(real):
            def call(*args, **kwargs):
                t = time.perf_counter()
                spent["in_pass"] = True  # an encode call inside is counted here, once
                try:
                    return real(*args, **kwargs)
                finally:
                    spent["in_pass"] = False
                    spent["embed"] += time.perf_counter() - t
                    spent["parts"] += time.perf_counter() - t

            return call

        def timed(texts):
            t = time.perf_counter()
            out = real_encode(texts)
            if not spent["in_pass"]:
                spent["embed"] += time.perf_counter() - t
            spent["sentences"] += len(texts)
            return out

        def analysed(rec):
            t = time.perf_counter()
            try:
                return real_analyse(rec)
            finally:
                spent["analyse"] += time.perf_counter() - t

        inner.encode, idx._analyse = timed, analysed
        for name, real in passes.items():
            if real is not None:
                setattr(inner, name, timed_pass(real))
        t0 = time.perf_counter()
        report = idx.add([part])
        total = time.perf_counter() - t0
        inner.encode = real_encode
        for name, real in passes.items():
            if real is not None:
                setattr(inner, name, real)
        idx.close()
    return {
        "articles": report.added,
        "seconds": round(total, 1),
        "articles_per_s": round(report.added / total, 2),
        "texts_embedded": spent["sentences"],
        "embedding_share": round(spent["embed"] / total, 4),
        "of_which_run_parts_share": round(spent["parts"] / total, 4),
        "analysis_share": round(spent["analyse"] / total, 4),
        "warm_articles": warm,
    }


def time_finds(idx, queries: list[int], n: int) -> dict:
    from storydiff.encoders.e5 import second_opinion

    """Verified ``find`` of the top 10 for ``n`` of ``queries`` (a seeded sample), each
    first on a store that no search has touched (facts and E5 leads of every article still
    to be worked out, the encoders' in-memory caches emptied) and then again. Returns
    milliseconds per find, percentiles of both, and the CPU time of this process."""
    with idx.store.db:
        idx.store.db.execute("UPDATE articles SET facts_done = 0")
        idx.store.db.execute("DELETE FROM lead_vectors")
    idx.derived._leads.clear()
    e5_memory = getattr(getattr(second_opinion(), "__self__", None), "_memory", {})
    first: list[float] = []
    again: list[float] = []
    cpu_first: list[float] = []
    for q in random.Random(9).sample(queries, min(n, len(queries))):
        for times, cpu in ((first, cpu_first), (again, None)):
            idx.encoder._memory.clear()
            e5_memory.clear()
            t, c = time.perf_counter(), time.process_time()
            idx.find(q, k=10)
            times.append(1000 * (time.perf_counter() - t))
            if cpu is not None:
                cpu.append(1000 * (time.process_time() - c))

    def pct(values: list[float]) -> dict[str, float]:
        return {
            "p50": round(float(np.percentile(values, 50)), 1),
            "p95": round(float(np.percentile(values, 95)), 1),
        }

    return {
        "queries": len(first),
        "first": pct(first),
        "again": pct(again),
        "first_cpu": pct(cpu_first),
        "first_ms": [round(x) for x in first],
        "again_ms": [round(x) for x in again],
    }


def _prf(values: tuple[float, float, float]) -> dict[str, float]:
    return dict(zip(("precision", "recall", "f1"), (round(v, 4) for v in values), strict=True))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--distractors", type=int, default=10_000)
    ap.add_argument("--no-verify", action="store_true", help="skip the aligner's verification")
    ap.add_argument(
        "--verify-pairs", type=int, default=0, help="verify a random sample of N found pairs"
    )
    ap.add_argument("--find-timings", type=int, default=20, help="verified finds to time")
    ap.add_argument(
        "--index-sample",
        type=int,
        default=500,
        help="also index the first N articles into a new store, to time indexing",
    )
    ap.add_argument(
        "--sample-only",
        action="store_true",
        help="only time indexing (--index-sample articles): collection_indexing.json",
    )
    ap.add_argument(
        "--find-only",
        action="store_true",
        help="only time verified finds on the collection: collection_find.json",
    )
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--fresh", action="store_true", help="rebuild the index from scratch")
    args = ap.parse_args()

    from storydiff.collection import Index
    from storydiff.collection.cluster import assign_stories

    data = build(args.distractors)
    rows = [json.loads(line) for line in data.open(encoding="utf-8")]
    gold_of_url = {r["url"]: r["gold"] for r in rows}
    db = CACHE / f"{data.stem}.sqlite"
    if args.fresh:
        for suffix in ("", "-wal", "-shm", ".usearch", ".usearch.json"):
            Path(str(db) + suffix).unlink(missing_ok=True)

    sample = None
    if args.index_sample and not args.find_only:
        sample = index_sample(data, args.index_sample)
        print(f"indexing sample: {sample}", file=sys.stderr)
    if args.sample_only:
        _write_part(args, "collection_indexing", {"indexing_sample": sample})
        return
    idx = Index.open(db)
    report = idx.add([data])
    n_articles = len(idx)
    print(f"{report.added} new articles ({n_articles} in all)", file=sys.stderr)

    meta = {
        int(i): (url, lang)
        for i, url, lang in idx.store.db.execute("SELECT id, url, language FROM articles")
    }
    gold = {i: gold_of_url.get(url) for i, (url, _) in meta.items()}
    by_story: dict[str, list[int]] = defaultdict(list)
    for i, g in gold.items():
        if g:
            by_story[g].append(i)

    # 1. versions found
    queries = [i for i, g in gold.items() if g and g.startswith(VERSION_SETS)]
    if args.find_only:
        finds = time_finds(idx, queries, args.find_timings)
        print(f"verified find top 10: {finds}", file=sys.stderr)
        _write_part(args, "collection_find", {"articles": n_articles, "verified_find": finds})
        idx.close()
        return
    found = total = 0
    pairs_found: set[tuple[int, int]] = set()
    t1 = time.perf_counter()
    for q in queries:
        want = set(by_story[gold[q]]) - {q}
        ids, _ = idx._candidates(next(iter(idx.store.vectors(ids=[q])))[1][0], 6, None, None, None)
        top = [int(i) for i in ids if int(i) != q][:5]
        got = want & set(top)
        found += len(got)
        total += len(want)
        pairs_found |= {tuple(sorted((q, j))) for j in got}
    search_s = time.perf_counter() - t1
    recall5 = found / total if total else float("nan")
    print(
        f"recall@5 {recall5:.4f} ({found}/{total}), {len(queries)} queries in {search_s:.1f} s",
        file=sys.stderr,
    )
    verdicts: Counter[str] = Counter()
    not_same: list[dict] = []
    to_verify = sorted(pairs_found)
    if args.verify_pairs and args.verify_pairs < len(to_verify):
        to_verify = random.Random(5).sample(to_verify, args.verify_pairs)
    if not args.no_verify:
        for n, (a, b) in enumerate(to_verify, 1):
            cmp = idx.compare_stored(a, b)
            verdicts[cmp.verdict] += 1
            if cmp.verdict != "same_story":  # listed, to be read
                not_same.append(
                    {
                        "a": meta[a][0],
                        "b": meta[b][0],
                        "verdict": cmp.verdict,
                        "sentences": [len(cmp.a.sentences), len(cmp.b.sentences)],
                        "coverage": [round(cmp.coverage_a, 4), round(cmp.coverage_b, 4)],
                    }
                )
                print(f"not same_story: {not_same[-1]}", file=sys.stderr)
            if n % 200 == 0:
                print(f"verified {n}/{len(to_verify)}", file=sys.stderr)
    verified = verdicts["same_story"] / sum(verdicts.values()) if verdicts else None

    finds = time_finds(idx, queries, args.find_timings) if args.find_timings else None

    # 2. stories clustered (from scratch: the stream in its stored order)
    with idx.store.db:
        idx.store.db.execute("DELETE FROM story_members")
        idx.store.db.execute("DELETE FROM stories")
        idx.store.db.execute("DELETE FROM story_disagreements")
    t2 = time.perf_counter()
    assign_stories(idx, window_days=7)
    cluster_s = time.perf_counter() - t2
    pred = dict(idx.store.db.execute("SELECT article_id, story_id FROM story_members"))
    scored = {i: g for i, g in gold.items() if g}
    clustering = {}
    pw = pairwise_f1(pred, scored)
    b3 = bcubed_f1(pred, scored)
    clustering["all"] = {
        "articles": len(scored),
        "pairwise": {
            "precision": round(pw[0], 4),
            "recall": round(pw[1], 4),
            "f1": round(pw[2], 4),
        },
        "bcubed": {"precision": round(b3[0], 4), "recall": round(b3[1], 4), "f1": round(b3[2], 4)},
    }
    for lang in sorted({lang for _, lang in meta.values() if lang}):
        sub = {i: g for i, g in scored.items() if meta[i][1] == lang}
        if sub:
            b3 = bcubed_f1(pred, sub)
            clustering[lang] = {"articles": len(sub), "bcubed_f1": round(b3[2], 4)}
    idx.close()

    print(f"{'':22} {'figure':>8}  target")
    print(f"{'recall@5':22} {recall5:8.4f}  >= 0.99")
    if verified is not None:
        print(f"{'verified same_story':22} {verified:8.4f}  1.0  ({dict(verdicts)})")
    print(f"{'pairwise F1 (all)':22} {clustering['all']['pairwise']['f1']:8.4f}  >= 0.97")
    print(f"{'BCubed F1 (all)':22} {clustering['all']['bcubed']['f1']:8.4f}  >= 0.97")
    for lang, c in clustering.items():
        if lang != "all":
            print(f"{'BCubed F1 ' + lang:22} {c['bcubed_f1']:8.4f}  ({c['articles']} articles)")
    if sample:
        print(
            f"{'not embedding, index':22} {1 - sample['embedding_share']:8.1%}  < 30 %"
            f"  ({sample['articles_per_s']} articles/s)"
        )
    if finds:
        first, again = finds["first"], finds["again"]
        print(
            f"{'verified find top 10':22} {first['p50']:6.0f} ms p50, {first['p95']:.0f} ms p95"
            f" (again: {again['p50']:.0f} / {again['p95']:.0f})  < 2 s"
        )
    if not args.no_write:
        payload = {
            **signature(
                f"{idx.encoder.name} {idx.encoder.version}",
                f"WMT newstest2009+2013 versions + {args.distractors} distractors",
            ),
            "articles": n_articles,
            "queries": len(queries),
            "recall_at_5": round(recall5, 4),
            "verified_same_story": None if verified is None else round(verified, 4),
            "verdicts": dict(verdicts),
            "not_same_story": not_same,
            "clustering": clustering,
            "indexing_sample": sample,
            "search_ms_per_query": round(1000 * search_s / max(1, len(queries)), 2),
            "cluster_seconds": round(cluster_s, 1),
            "verified_pairs": sum(verdicts.values()),
            "found_pairs": len(pairs_found),
            "verified_find": finds,
            # the machine is shared: how busy it was (1, 5, 15 minutes) when the run ended
            "load_average": [round(x, 2) for x in os.getloadavg()],
        }
        # without the indexing sample or the timed finds (--index-sample 0, --find-timings
        # 0) the run is written apart, so that the last whole run's file stays
        whole = sample is not None and finds is not None
        print(
            write_result("collection_quality" if whole else "collection_quality_verified", payload)
        )


def _write_part(args: argparse.Namespace, name: str, figures: dict) -> None:
    """Write the figures of a partial run (``--sample-only``, ``--find-only``)."""
    if args.no_write:
        return
    from storydiff.encoders import as_encoder

    enc = as_encoder(None)
    payload = {
        **signature(
            f"{enc.name} {enc.version}",
            f"WMT newstest2009+2013 versions + {args.distractors} distractors",
        ),
        **figures,
        # the machine is shared: how busy it was (1, 5, 15 minutes) when the run ended
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    print(write_result(name, payload))


if __name__ == "__main__":
    main()
