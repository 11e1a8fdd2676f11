"""The pipeline's global steps, run on the driver between the sharded stages.

* ``build_catalogue`` (after ``analyse``): every distinct article once (the first shard
  and row where its content appears; the same content elsewhere is another *source*),
  numbered 1..n in input order, with its day and its place in time order. Small rows
  (no text, no vectors), so it stays cheap at millions of articles.
* ``candidate_blocks`` / ``verify_tasks`` plan the next stages' shards.
* ``cluster`` (after ``verify``): the online clustering rule of ``storydiff cluster``
  (:class:`~storydiff.collection.cluster.OnlineClustering`), fed in time order with each
  article's neighbours from ``candidates`` and the verdicts from ``verify``. It only
  reads small tables; a grey-zone pair that ``verify`` did not foresee is compared here
  (counted as ``verified_late``), so the rule never decides on less than it would on one
  machine.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date as Date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from storydiff.collection.cluster import JOIN_MIN, JOIN_SURE, VERIFY_AT_MOST, OnlineClustering
from storydiff.pipeline.layout import RunDir
from storydiff.pipeline.stages import (
    ANALYSE_SCHEMA,
    PAIRS,
    catalogue,
    load_vectors,
)

VERIFY_SHARD_PAIRS = 100
LATE_PREFIX = "late"  # verify shards of pairs a clustering pass asked for
STORIES_PER_SHARD = 200

CATALOGUE_SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("content_hash", pa.string()),
        ("shard", pa.string()),
        ("row", pa.int32()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("language", pa.string()),
        ("date", pa.string()),
        ("day", pa.int32()),  # proleptic ordinal of the date's day; null when undated
        ("order", pa.int64()),  # place in time order (undated last, then by id)
        ("n_sentences", pa.int32()),
    ]
)
SOURCES_SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("source", pa.string()),
        ("position", pa.string()),
        ("raw_hash", pa.string()),
    ]
)


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return Date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def build_catalogue(run: RunDir, shards: list[str]) -> dict[str, Any]:
    """Number the distinct articles of the analysed ``shards`` (in this order) and write
    catalogue/articles and catalogue/sources. Columnar throughout (pyarrow), so a crawl of
    millions of articles costs a few hundred bytes of memory per article. Returns counts."""
    columns = [
        "row",
        "content_hash",
        "raw_hash",
        "position",
        "source",
        "url",
        "title",
        "language",
        "date",
        "n_sentences",
    ]
    parts = []
    for shard in shards:
        t = run.read("analyse", shard, columns)
        parts.append(t.append_column("shard", pa.array([shard] * t.num_rows, pa.string())))
    if parts:
        every = pa.concat_tables(parts)
    else:
        every = pa.table(
            {c: pa.array([], ANALYSE_SCHEMA.field(c).type) for c in columns}
            | {"shard": pa.array([], pa.string())}
        )
    every = every.append_column("seq", pa.array(np.arange(every.num_rows, dtype=np.int64)))
    # each content once: its first occurrence (shard order, then row), numbered from 1
    firsts = every.group_by("content_hash").aggregate([("seq", "min")]).sort_by("seq_min")
    firsts = firsts.append_column("id", pa.array(np.arange(1, firsts.num_rows + 1, dtype=np.int64)))
    articles = every.join(firsts, "content_hash", join_type="inner")
    articles = articles.filter(pc.equal(articles["seq"], articles["seq_min"])).sort_by("id")
    dates = articles["date"]
    articles = articles.append_column(
        "day", pa.array([_day(d) for d in dates.to_pylist()], pa.int32())
    )
    # time order: by date, undated last (Arrow's default place for nulls), then by id
    ordered = articles.sort_by([("date", "ascending"), ("id", "ascending")])
    order = np.empty(articles.num_rows, dtype=np.int64)
    order[np.asarray(ordered["id"].to_numpy()) - 1] = np.arange(articles.num_rows)
    articles = articles.append_column("order", pa.array(order))
    run.finish(
        "catalogue",
        "articles",
        articles.select(CATALOGUE_SCHEMA.names).cast(CATALOGUE_SCHEMA),
        {"articles": articles.num_rows, "sources": every.num_rows},
    )
    ids = every.join(firsts.select(["content_hash", "id"]), "content_hash").sort_by("seq")
    sources = pa.table(
        {
            "id": ids["id"],
            "source": pc.coalesce(ids["url"], ids["source"]),
            "position": ids["position"],
            "raw_hash": ids["raw_hash"],
        }
    )
    run.finish("catalogue", "sources", sources.cast(SOURCES_SCHEMA), {})
    return {"articles": articles.num_rows, "sources": every.num_rows}


def candidate_blocks(run: RunDir, window_days: float) -> list[dict[str, Any]]:
    """Time blocks of ``ceil(window_days)`` days over the catalogue's dates (and one for
    undated articles): ``[{"shard": "b00003", "lo", "hi", "pool_lo"}, ...]`` in time order.
    Each block's pool reaches one window back, so no pair within the window is missed."""
    width = max(1, math.ceil(window_days))
    day = catalogue(run, ["day"])["day"]
    dated = pc.drop_null(day)
    blocks: list[dict[str, Any]] = []
    if len(dated):
        first, last = int(pc.min(dated).as_py()), int(pc.max(dated).as_py())
        present = set(((np.asarray(dated.to_numpy()) - first) // width).tolist())
        for n in range(0, (last - first) // width + 1):
            if n not in present:
                continue
            lo = first + n * width
            blocks.append({"shard": f"b{n:05d}", "lo": lo, "hi": lo + width, "pool_lo": lo - width})
    if pc.sum(pc.is_null(day)).as_py():
        blocks.append({"shard": "undated", "undated": True})
    return blocks


# Pairs compared ahead by the verify stage: those the clustering rule compares, as far
# as the pair alone tells -- a neighbour earlier in time order whose document cosine is in
# the rule's grey zone [JOIN_MIN, JOIN_SURE), the VERIFY_AT_MOST nearest of each article.
# A pair the rule asks for beyond these (a story's centroid can fall in the grey zone when
# the pair does not) is verified in a later pass (steps.cluster): only the cost differs,
# never the stories. On the 10,000-article benchmark this verified 3,276 pairs ahead
# instead of 9,267, of which the rule asked for 1,229, and left 54 for the later pass.
VERIFY_FROM, VERIFY_UNTIL = JOIN_MIN, JOIN_SURE
VERIFY_PER_ARTICLE = VERIFY_AT_MOST


def select_pairs(run: RunDir, block: str) -> list[tuple[int, int]]:
    """The pairs of one block the verify stage compares: (a, b) with b one of a's
    neighbours earlier in time order, VERIFY_FROM <= cosine < VERIFY_UNTIL, the
    VERIFY_PER_ARTICLE nearest of each a; in the candidates' order (deterministic)."""
    cand = run.read("candidates", block)
    a = np.asarray(cand["a"].to_numpy())
    b = np.asarray(cand["b"].to_numpy())
    cos = np.asarray(cand["cosine"].to_numpy())
    known = catalogue(run, ["id", "order"], np.concatenate([a, b]).tolist())
    order = dict(zip(known["id"].to_pylist(), known["order"].to_pylist(), strict=True))
    taken: dict[int, int] = {}
    pairs: list[tuple[int, int]] = []
    for x, y, c in zip(a.tolist(), b.tolist(), cos.tolist(), strict=True):  # rank order
        if not VERIFY_FROM <= c < VERIFY_UNTIL or order[y] >= order[x]:
            continue
        if taken.get(x, 0) >= VERIFY_PER_ARTICLE:
            continue
        taken[x] = taken.get(x, 0) + 1
        pairs.append((x, y))
    return pairs


def verify_tasks(run: RunDir, blocks: list[str]) -> list[dict[str, Any]]:
    """The verify stage's shards: ``{"shard", "block", "start", "stop"}``, each a slice of
    one block's pairs, selected here once (:func:`select_pairs`) and stored in
    verify/pairs/<block>, so that a task carries a few numbers, not its pairs."""
    out: list[dict[str, Any]] = []
    for block in blocks:
        if not run.is_done(PAIRS, block):
            pairs = select_pairs(run, block)
            table = pa.table(
                {
                    "a": pa.array([x for x, _ in pairs], pa.int64()),
                    "b": pa.array([y for _, y in pairs], pa.int64()),
                }
            )
            run.finish(PAIRS, block, table, {})
        count = run.summary(PAIRS, block)["rows"]
        for n, start in enumerate(range(0, count, VERIFY_SHARD_PAIRS)):
            stop = min(count, start + VERIFY_SHARD_PAIRS)
            out.append({"shard": f"{block}-{n:05d}", "block": block, "start": start, "stop": stop})
    return out


def cluster(
    run: RunDir,
    blocks: list[dict[str, Any]],
    verify_shards: list[str],
    settings: dict[str, Any],
) -> list[tuple[int, int]]:
    """Assign every article to a story by the online rule, in time order.

    Where the rule asks for a verdict that no verify shard holds, the pair is collected
    and taken as "not the same story" for now; then nothing is written and the missing
    pairs are returned, for the driver to have them verified (in parallel) and to call
    again. A pass that misses nothing writes clusters/assignments (id, story) and
    clusters/stories (story, first_seen, last_seen, size) and returns []. The last pass
    decides on real verdicts only, so the stories are those of one sequential run."""
    rule = OnlineClustering(window_days=float(settings["window_days"]))
    missing: list[tuple[int, int]] = []
    dim = int(settings["dim"])
    cols = ["id", "date", "day", "order", "shard", "row"]
    cat = catalogue(run, cols)
    late = _verdicts(run, [v for v in verify_shards if v.startswith(LATE_PREFIX)])
    for block in blocks:
        if block.get("undated"):
            rows = cat.filter(pc.is_null(cat["day"]))
        else:
            day = cat["day"]
            rows = cat.filter(
                pc.and_(pc.greater_equal(day, block["lo"]), pc.less(day, block["hi"]))
            )
        rows = rows.sort_by("order")
        vectors = load_vectors(run, rows, dim)
        neighbours = _neighbours(run, block["shard"])
        # a block's pairs only: memory bounded by a block, not the run
        verdicts = _verdicts(run, [v for v in verify_shards if v.startswith(block["shard"] + "-")])
        for n, (article_id, date) in enumerate(
            zip(rows["id"].to_pylist(), rows["date"].to_pylist(), strict=True)
        ):

            def same_story(other: int, a: int = int(article_id), known: dict = verdicts) -> bool:
                pair = (a, int(other))
                found = known.get(pair) or late.get(pair)
                if found is None:
                    missing.append(pair)
                return found == "same_story"

            rule.assign(
                int(article_id), date, vectors[n], neighbours.get(int(article_id), []), same_story
            )
    if missing:
        return missing
    members = sorted(rule.members.items())
    late_pairs = len(late)
    run.finish(
        "clusters",
        "assignments",
        pa.table(
            {"id": [m[0] for m in members], "story": [m[1] for m in members]},
            schema=pa.schema([("id", pa.int64()), ("story", pa.int64())]),
        ),
        {"articles": len(members), "stories": len(rule.stories), "verified_late": late_pairs},
    )
    stories = sorted(rule.stories.items())
    run.finish(
        "clusters",
        "stories",
        pa.table(
            {
                "story": [s for s, _ in stories],
                "first_seen": [v["first"] for _, v in stories],
                "last_seen": [v["last"] for _, v in stories],
                "size": [v["size"] for _, v in stories],
            },
            schema=pa.schema(
                [
                    ("story", pa.int64()),
                    ("first_seen", pa.string()),
                    ("last_seen", pa.string()),
                    ("size", pa.int32()),
                ]
            ),
        ),
        {"stories": len(stories)},
    )
    return []


def late_tasks(missing: list[tuple[int, int]], round_no: int) -> list[dict[str, Any]]:
    """Verify shards for the pairs a clustering pass missed: ``{"shard", "pairs"}``."""
    pairs = sorted(set(missing))
    return [
        {
            "shard": f"{LATE_PREFIX}{round_no:02d}-{n // VERIFY_SHARD_PAIRS:05d}",
            "pairs": [list(p) for p in pairs[n : n + VERIFY_SHARD_PAIRS]],
        }
        for n in range(0, len(pairs), VERIFY_SHARD_PAIRS)
    ]


def _neighbours(run: RunDir, block: str) -> dict[int, list[int]]:
    cand = run.read("candidates", block, ["a", "b"])
    out: dict[int, list[int]] = defaultdict(list)
    for a, b in zip(cand["a"].to_pylist(), cand["b"].to_pylist(), strict=True):
        out[int(a)].append(int(b))  # rows are in rank order
    return out


def _verdicts(run: RunDir, shards: list[str]) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}
    for shard in shards:
        t = run.read("verify", shard, ["a", "b", "verdict"])
        for a, b, v in zip(
            t["a"].to_pylist(), t["b"].to_pylist(), t["verdict"].to_pylist(), strict=True
        ):
            out[(int(a), int(b))] = v
    return out


def story_groups(run: RunDir) -> list[tuple[str, list[list[Any]]]]:
    """The stories of clusters/, in groups for the stories stage:
    [(shard name, [[story id, first_seen, last_seen, [article ids]], ...]), ...]."""
    members: dict[int, list[int]] = defaultdict(list)
    assigned = run.read("clusters", "assignments")
    for i, s in zip(assigned["id"].to_pylist(), assigned["story"].to_pylist(), strict=True):
        members[int(s)].append(int(i))
    meta = pq.read_table(run.output("clusters", "stories")).to_pylist()
    stories = [[m["story"], m["first_seen"], m["last_seen"], members[m["story"]]] for m in meta]
    return [
        (f"s{n // STORIES_PER_SHARD:05d}", stories[n : n + STORIES_PER_SHARD])
        for n in range(0, len(stories), STORIES_PER_SHARD)
    ]


__all__ = ["build_catalogue", "candidate_blocks", "cluster", "story_groups", "verify_tasks"]
