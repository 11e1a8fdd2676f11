"""The pipeline's sharded stages: each a pure function from input shards to one output shard.

    extract     input files (one shard of them)  -> extract/<shard>.parquet
    analyse     extract/<shard>                  -> analyse/<shard>.parquet
    candidates  catalogue + analyse/*, one time block -> candidates/<block>.parquet
    verify      candidate pairs of a block        -> verify/<block>-<n>.parquet
    stories     stories of clusters/, one group   -> stories/<group>.parquet

Between them run two global steps on the driver (:mod:`storydiff.pipeline.steps`):
``catalogue`` (each article once, by content hash, with all its sources, and its place
in time order) and ``clusters`` (the online clustering rule over the verified pairs).

Every stage is the same code as ``storydiff index``/``find``/``cluster`` uses
(:mod:`storydiff.collection.analysis`, ``compare_articles``,
:class:`~storydiff.collection.cluster.OnlineClustering`, ``tally_disagreements``); the
engines (:mod:`storydiff.pipeline.engines`) only decide where :func:`run_task` runs. A
task reads what it needs from the run directory (a filesystem all workers share) and
writes its output there; it returns a small summary. One bad record is logged in the
shard's marker with its position and never fails the shard.
"""

from __future__ import annotations

import json
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from storydiff.collection.analysis import analyse_extracted, embed_articles, extract_record
from storydiff.collection.cluster import (
    MAX_COMPARED_VERSIONS,
    NEIGHBOURS,
    reference_version,
    tally_disagreements,
)
from storydiff.collection.index import evidence, shown_differences
from storydiff.collection.store import content_hash, raw_hash
from storydiff.compare import compare_articles
from storydiff.encoders import CachedEncoder
from storydiff.encoders.base import get_encoder
from storydiff.errors import InputError
from storydiff.extract.pipeline import Extracted, Paragraph
from storydiff.model import Article, BoilerplateLine, RawDocument, Story
from storydiff.pipeline.layout import RunDir
from storydiff.readers.records import BadRecord, ReadStats, Record, iter_records

BATCH = 32  # articles embedded together (as storydiff index does)
EXACT_POOL = 100_000  # candidate pools up to this size are searched exactly, larger by ANN
QUERY_CHUNK = 2048  # queries per matrix product in the exact search
MAX_LOGGED_BAD = 1000  # bad records listed in a shard's marker (all are counted)
WRITE_ROWS = 256  # extracted records written together (memory bounded by this, not the shard)


@dataclass(frozen=True)
class Task:
    """One unit of work: a stage applied to one shard. Small and picklable, so any engine
    can ship it to any worker; ``settings`` are the run's (encoder, window, limits)."""

    run: str
    stage: str
    shard: str
    payload: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)


# --- the worker's state: the encoder, loaded once per worker process -----------------------

_ENCODERS: dict[str, CachedEncoder] = {}


def worker_encoder(name: str, threads: int | None = 1) -> CachedEncoder:
    """The encoder of this worker process, loaded on first use and kept (a model is loaded
    once per worker, never once per task). BLAS threads are limited to ``threads``."""
    enc = _ENCODERS.get(name)
    if enc is None:
        from storydiff import threads as thread_control

        thread_control.apply(threads)
        # no disk cache: a run's texts are new, and workers on many nodes must not share
        # one SQLite file (often on a network filesystem)
        enc = get_encoder(name, disk_cache=False)
        _ENCODERS[name] = enc
    return enc


def prepare_worker(encoder: str, threads: int | None = 1) -> None:
    """Load the encoder into this worker now (engines call it when a worker starts)."""
    worker_encoder(encoder, threads)


def run_task(task: Task) -> dict[str, Any]:
    """Run one task in this process. A stage that raises does not raise here: the shard is
    marked failed (``<shard>.failed`` with the error) and the summary says so, so one bad
    shard never stops an engine's other tasks. Returns {"stage", "shard", "ok", "seconds",
    "error"?, ...the stage's counts}."""
    run = RunDir(task.run)
    start = time.perf_counter()
    try:
        summary = STAGES[task.stage](run, task)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        run.fail(task.stage, task.shard, error + "\n" + traceback.format_exc(limit=8))
        return {"stage": task.stage, "shard": task.shard, "ok": False, "error": error}
    seconds = time.perf_counter() - start
    return {"stage": task.stage, "shard": task.shard, "ok": True, "seconds": seconds, **summary}


def _finish(
    run: RunDir, task: Task, table: pa.Table, summary: dict[str, Any], start: float
) -> None:
    run.finish(task.stage, task.shard, table, {**summary, "seconds": time.perf_counter() - start})


# --- extract -----------------------------------------------------------------------------

EXTRACT_SCHEMA = pa.schema(
    [
        ("row", pa.int32()),
        ("position", pa.string()),
        ("raw_hash", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("date", pa.string()),
        ("language", pa.string()),
        ("fetched", pa.string()),
        ("record_id", pa.string()),
        ("extracted", pa.string()),  # JSON of the Extracted article
    ]
)


def extract_stage(run: RunDir, task: Task) -> dict[str, Any]:
    """Read every record of the shard's files and extract its article text."""
    start = time.perf_counter()
    stats = ReadStats()
    rows: list[dict[str, Any]] = []
    bad: list[dict[str, str]] = []
    records = iter_records(task.payload["files"], max_bytes=task.settings["max_bytes"], stats=stats)
    with run.writer(task.stage, task.shard, EXTRACT_SCHEMA) as out:
        for rec in records:
            if isinstance(rec, BadRecord):
                bad.append({"position": rec.position, "reason": rec.reason})
                continue
            try:
                ex = extract_record(rec)
            except InputError as exc:
                bad.append({"position": rec.position, "reason": exc.problem})
                continue
            except Exception as exc:  # one record's failure of any kind must not fail the shard
                bad.append({"position": rec.position, "reason": _crash("extracted", exc)})
                continue
            rows.append(
                {
                    "row": out.rows + len(rows),
                    "position": rec.position,
                    "raw_hash": raw_hash(rec.raw.text),
                    "source": rec.raw.source,
                    "url": rec.url,
                    "title": rec.title,
                    "date": rec.date,
                    "language": rec.language,
                    "fetched": rec.fetched,
                    "record_id": rec.id,
                    "extracted": json.dumps(asdict(ex), ensure_ascii=False),
                }
            )
            if len(rows) >= WRITE_ROWS:
                out.write(rows)
                rows = []
        out.write(rows)
        out.summary.update(_bad_summary(bad))
        out.summary.update(read=stats.read, skipped=dict(stats.skipped), notes=dict(stats.notes))
        out.summary["seconds"] = _since(start)
        return {"rows": out.rows, "bad": len(bad)}


def _since(start: float) -> float:
    return time.perf_counter() - start


def _crash(what: str, exc: Exception) -> str:
    return f"could not be {what} ({type(exc).__name__}: {exc})"


def _bad_summary(bad: list[dict[str, str]]) -> dict[str, Any]:
    return {"bad": len(bad), "bad_records": bad[:MAX_LOGGED_BAD]}


def _extracted(text: str) -> Extracted:
    d = json.loads(text)
    d["paragraphs"] = [Paragraph(**p) for p in d["paragraphs"]]
    d["boilerplate"] = [BoilerplateLine(**b) for b in d["boilerplate"]]
    return Extracted(**d)


def _record(row: dict[str, Any]) -> Record:
    """The record's metadata as extraction saw it (its text is not carried further)."""
    return Record(
        raw=RawDocument(source=row["source"], text=""),
        position=row["position"],
        url=row["url"],
        title=row["title"],
        date=row["date"],
        language=row["language"],
        id=row["record_id"],
        fetched=row["fetched"],
    )


# --- analyse -----------------------------------------------------------------------------

ANALYSE_SCHEMA = pa.schema(
    [
        ("row", pa.int32()),
        ("position", pa.string()),
        ("raw_hash", pa.string()),
        ("content_hash", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("language", pa.string()),
        ("date", pa.string()),
        ("n_sentences", pa.int32()),
        ("article", pa.string()),  # JSON of the analysed Article (sentences, facts)
        ("sentence_vectors", pa.binary()),  # (n_sentences, dim) float16
        ("vector", pa.binary()),  # (dim,) float32, the document vector
    ]
)


def analyse_stage(run: RunDir, task: Task) -> dict[str, Any]:
    """Language, sentences, facts and embeddings of every article of an extracted shard,
    BATCH articles at a time (memory bounded by a batch, not by the shard)."""
    start = time.perf_counter()
    enc = worker_encoder(task.settings["encoder"], task.settings.get("threads", 1))
    bad: list[dict[str, str]] = []
    extracted = pq.ParquetFile(run.output("extract", task.shard))
    with run.writer(task.stage, task.shard, ANALYSE_SCHEMA) as out:
        for part in extracted.iter_batches(batch_size=BATCH):
            analysed: list[tuple[dict[str, Any], Article]] = []
            for row in part.to_pylist():
                rec = _record(row)
                try:
                    article = analyse_extracted(
                        _extracted(row["extracted"]), rec, supported_scripts=enc.scripts
                    )
                except InputError as exc:
                    bad.append({"position": rec.position, "reason": exc.problem})
                    continue
                except Exception as exc:  # one record's failure must not fail the shard
                    bad.append({"position": rec.position, "reason": _crash("analysed", exc)})
                    continue
                analysed.append((row, article))
            vectors = embed_articles(enc, [a for _, a in analysed])
            out.write(
                [
                    _analysed_row(row, art, sent, doc)
                    for (row, art), (sent, doc) in zip(analysed, vectors, strict=True)
                ]
            )
        out.summary.update(_bad_summary(bad))
        out.summary["seconds"] = _since(start)
        return {"rows": out.rows, "bad": len(bad)}


def _analysed_row(
    row: dict[str, Any], art: Article, sent: np.ndarray, doc: np.ndarray
) -> dict[str, Any]:
    return {
        "row": row["row"],
        "position": row["position"],
        "raw_hash": row["raw_hash"],
        "content_hash": content_hash(art),
        "source": art.source,
        "url": art.url,
        "title": art.title,
        "language": art.language,
        "date": art.date,
        "n_sentences": len(art.sentences),
        "article": json.dumps(art.to_dict(), ensure_ascii=False),
        "sentence_vectors": sent.astype(np.float16).tobytes(),
        "vector": doc.astype(np.float32).tobytes(),
    }


# --- reading analysed articles back, by catalogue id ---------------------------------------


def catalogue(run: RunDir, columns: list[str] | None = None, ids: Iterable[int] | None = None):
    """The run's catalogue (one row per distinct article; see steps.build_catalogue),
    optionally only the rows of these ids."""
    path = run.output("catalogue", "articles")
    if ids is None:
        return pq.read_table(path, columns=columns)
    # pushed down to the Parquet row groups (the catalogue is written in id order)
    return pq.read_table(path, columns=columns, filters=_among("id", ids, pa.int64()))


def _among(column: str, values: Iterable[int], kind: pa.DataType) -> pc.Expression:
    return pc.field(column).isin(pa.array(sorted(set(values)), kind))


def _by_shard(table: pa.Table) -> dict[str, list[tuple[int, int]]]:
    """catalogue rows -> {analysed shard: [(id, row), ...]}"""
    out: dict[str, list[tuple[int, int]]] = {}
    for i, shard, row in zip(
        table["id"].to_pylist(), table["shard"].to_pylist(), table["row"].to_pylist(), strict=True
    ):
        out.setdefault(shard, []).append((int(i), int(row)))
    return out


def _read_rows(run: RunDir, shard: str, rows: Sequence[int], column: str) -> dict[int, Any]:
    table = pq.read_table(
        run.output("analyse", shard),
        columns=["row", column],
        filters=_among("row", rows, pa.int32()),
    )
    return dict(zip(table["row"].to_pylist(), table[column].to_pylist(), strict=True))


def load_vectors(run: RunDir, table: pa.Table, dim: int) -> np.ndarray:
    """Document vectors of the catalogue rows in ``table``, in its row order: (n, dim)."""
    out = np.zeros((table.num_rows, dim), dtype=np.float32)
    where = {int(i): n for n, i in enumerate(table["id"].to_pylist())}
    for shard, pairs in _by_shard(table).items():
        found = _read_rows(run, shard, [r for _, r in pairs], "vector")
        for article_id, row in pairs:
            out[where[article_id]] = np.frombuffer(found[row], dtype=np.float32)
    return out


def load_articles(run: RunDir, ids: Iterable[int]) -> dict[int, Article]:
    """The analysed articles of these catalogue ids. Raises KeyError for an unknown id."""
    wanted = sorted(set(ids))
    table = catalogue(run, ["id", "shard", "row"], wanted)
    out: dict[int, Article] = {}
    for shard, pairs in _by_shard(table).items():
        found = _read_rows(run, shard, [r for _, r in pairs], "article")
        for article_id, row in pairs:
            out[article_id] = Article.from_dict(json.loads(found[row]))
    missing = [i for i in wanted if i not in out]
    if missing:
        raise KeyError(missing[0])
    return out


# --- candidates ----------------------------------------------------------------------------

CANDIDATE_SCHEMA = pa.schema(
    [("a", pa.int64()), ("b", pa.int64()), ("cosine", pa.float32()), ("rank", pa.int16())]
)


def candidates_stage(run: RunDir, task: Task) -> dict[str, Any]:
    """The NEIGHBOURS nearest articles of every article of one time block, among those
    dated from ``window`` days before the block to its end (an undated article's pool is
    the whole collection). Rows (a: the article, b: a neighbour, cosine, rank)."""
    start = time.perf_counter()
    p = task.payload
    cat = catalogue(run, ["id", "shard", "row", "day"])
    day = cat["day"]
    if p.get("undated"):
        queries = cat.filter(pc.is_null(day))
        pool = cat
    else:
        queries = cat.filter(pc.and_(pc.greater_equal(day, p["lo"]), pc.less(day, p["hi"])))
        pool = cat.filter(pc.and_(pc.greater_equal(day, p["pool_lo"]), pc.less(day, p["hi"])))
    dim = int(task.settings["dim"])
    qvec = load_vectors(run, queries, dim)
    pvec = load_vectors(run, pool, dim)
    qids = np.array(queries["id"].to_pylist(), dtype=np.int64)
    pids = np.array(pool["id"].to_pylist(), dtype=np.int64)
    a, b, cos, rank = nearest(qids, qvec, pids, pvec, NEIGHBOURS)
    table = pa.table(
        {"a": a, "b": b, "cosine": cos.astype(np.float32), "rank": rank.astype(np.int16)},
        schema=CANDIDATE_SCHEMA,
    )
    _finish(run, task, table, {"queries": len(qids), "pool": len(pids)}, start)
    return {"rows": table.num_rows}


def nearest(
    qids: np.ndarray, qvec: np.ndarray, pids: np.ndarray, pvec: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For each query, its ``k`` nearest pool vectors by cosine (unit rows), itself left
    out; ties broken by id, so the answer does not depend on the engine. Exact up to
    EXACT_POOL pool vectors, by an HNSW index (usearch, one thread: a fixed build) above.
    Returns flat arrays (query id, neighbour id, cosine, rank from 0)."""
    if len(qids) == 0 or len(pids) == 0:
        empty = np.zeros(0)
        return empty.astype(np.int64), empty.astype(np.int64), empty, empty.astype(np.int16)
    want = min(k + 1, len(pids))
    if len(pids) <= EXACT_POOL:
        ids, sims = _exact(qvec, pids, pvec, want)
    else:
        ids, sims = _hnsw(qvec, pids, pvec, want)
    out_a, out_b, out_c, out_r = [], [], [], []
    for qi, row_ids, row_sims in zip(qids, ids, sims, strict=True):
        keep = (row_ids != qi) & (row_ids >= 0)
        row_ids, row_sims = row_ids[keep][:k], row_sims[keep][:k]
        out_a.append(np.full(len(row_ids), qi, dtype=np.int64))
        out_b.append(row_ids)
        out_c.append(row_sims)
        out_r.append(np.arange(len(row_ids), dtype=np.int16))
    return (
        np.concatenate(out_a),
        np.concatenate(out_b).astype(np.int64),
        np.concatenate(out_c).astype(np.float32),
        np.concatenate(out_r),
    )


def _exact(
    qvec: np.ndarray, pids: np.ndarray, pvec: np.ndarray, want: int
) -> tuple[np.ndarray, np.ndarray]:
    ids_out, sims_out = [], []
    for begin in range(0, len(qvec), QUERY_CHUNK):
        sims = qvec[begin : begin + QUERY_CHUNK] @ pvec.T
        top = np.argpartition(-sims, want - 1, axis=1)[:, :want]
        top_sims = np.take_along_axis(sims, top, axis=1)
        order = np.lexsort((pids[top], -top_sims), axis=1)
        ids_out.append(np.take_along_axis(pids[top], order, axis=1))
        sims_out.append(np.take_along_axis(top_sims, order, axis=1))
    return np.concatenate(ids_out), np.concatenate(sims_out)


def _hnsw(
    qvec: np.ndarray, pids: np.ndarray, pvec: np.ndarray, want: int
) -> tuple[np.ndarray, np.ndarray]:
    from usearch.index import Index as UIndex

    index = UIndex(ndim=pvec.shape[1], metric="cos", dtype="f16")
    index.add(pids, pvec, threads=1)
    found = index.search(qvec, want, threads=1)
    keys = np.asarray(found.keys, dtype=np.int64).reshape(len(qvec), -1)
    sims = 1.0 - np.asarray(found.distances, dtype=np.float32).reshape(len(qvec), -1)
    return keys, sims


# --- verify --------------------------------------------------------------------------------

VERIFY_SCHEMA = pa.schema(
    [
        ("a", pa.int64()),
        ("b", pa.int64()),
        ("verdict", pa.string()),
        ("similarity", pa.float32()),
        ("story_similarity", pa.float32()),
        ("coverage_a", pa.float32()),
        ("coverage_b", pa.float32()),
        ("evidence", pa.string()),  # JSON: the best aligned sentence pairs
        ("fact_differences", pa.string()),  # JSON: the differences a report shows
    ]
)


PAIRS = "verify/pairs"  # the driver's selection of a block's pairs (steps.verify_tasks)


def verify_stage(run: RunDir, task: Task) -> dict[str, Any]:
    """Compare each pair of the task's slice of a block's pairs (a: the later article,
    b: its neighbour) as ``storydiff compare`` does."""
    start = time.perf_counter()
    enc = worker_encoder(task.settings["encoder"], task.settings.get("threads", 1))
    p = task.payload
    if "pairs" in p:  # pairs a clustering pass asked for
        pairs = [(int(a), int(b)) for a, b in p["pairs"]]
    else:  # a slice of the pairs the driver selected for the block
        chosen = run.read(PAIRS, p["block"]).slice(p["start"], p["stop"] - p["start"])
        pairs = list(zip(chosen["a"].to_pylist(), chosen["b"].to_pylist(), strict=True))
    articles = load_articles(run, [i for pair in pairs for i in pair])
    rows = [verified_row(a, b, articles[a], articles[b], enc) for a, b in pairs]
    _finish(run, task, pa.Table.from_pylist(rows, schema=VERIFY_SCHEMA), {}, start)
    return {"rows": len(rows)}


def verified_row(a: int, b: int, art_a: Article, art_b: Article, enc: CachedEncoder) -> dict:
    """One verified pair as the verify stage stores it."""
    cmp = compare_articles(art_a, art_b, encoder=enc)
    return {
        "a": a,
        "b": b,
        "verdict": cmp.verdict,
        "similarity": cmp.similarity,
        "story_similarity": cmp.story_similarity,
        "coverage_a": cmp.coverage_a,
        "coverage_b": cmp.coverage_b,
        "evidence": json.dumps(evidence(cmp), ensure_ascii=False),
        "fact_differences": json.dumps(shown_differences(cmp), ensure_ascii=False),
    }


# --- stories -------------------------------------------------------------------------------

STORY_SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("size", pa.int32()),
        ("first_seen", pa.string()),
        ("story", pa.string()),  # JSON, the shape of `storydiff cluster --format jsonl`
    ]
)


def stories_stage(run: RunDir, task: Task) -> dict[str, Any]:
    """Each story of the group with its articles (and all their sources) in time order and
    where its versions disagree, as ``storydiff cluster`` gives it."""
    start = time.perf_counter()
    enc = worker_encoder(task.settings["encoder"], task.settings.get("threads", 1))
    groups = [
        (int(sid), first, last, [int(i) for i in ids])
        for sid, first, last, ids in task.payload["stories"]
    ]
    ids = [i for *_, members in groups for i in members]
    cols = ["id", "source", "url", "title", "language", "date", "n_sentences"]
    metas = {int(r["id"]): r for r in catalogue(run, cols, ids).to_pylist()}
    sources = run_sources(run, ids)
    rows = []
    for sid, first, last, members in groups:
        story = build_story(run, sid, first, last, members, metas, sources, enc)
        rows.append(
            {
                "id": sid,
                "size": story.size,
                "first_seen": first,
                "story": json.dumps(story.to_dict(), ensure_ascii=False),
            }
        )
    _finish(run, task, pa.Table.from_pylist(rows, schema=STORY_SCHEMA), {}, start)
    return {"rows": len(rows)}


def run_sources(run: RunDir, ids: Iterable[int]) -> dict[int, list[str]]:
    """Every source of these articles (URLs or paths, first seen first)."""
    table = pq.read_table(
        run.output("catalogue", "sources"),
        columns=["id", "source"],
        filters=_among("id", ids, pa.int64()),
    )
    out: dict[int, list[str]] = {}
    for i, source in zip(table["id"].to_pylist(), table["source"].to_pylist(), strict=True):
        kept = out.setdefault(int(i), [])
        if source not in kept:
            kept.append(source)
    return out


def build_story(
    run: RunDir,
    sid: int,
    first: str | None,
    last: str | None,
    members: list[int],
    metas: dict[int, dict[str, Any]],
    sources: dict[int, list[str]],
    enc: CachedEncoder,
) -> Story:
    """One story as ``storydiff cluster`` gives it: its articles (with their sources)
    in time order and, for several versions, where they disagree (each version
    compared with the reference version as ``compare`` does)."""
    articles = sorted(
        (
            {
                "id": i,
                **{k: metas[i][k] for k in ("source", "url", "title", "language", "date")},
                "sources": sources.get(i, []),
            }
            for i in members
        ),
        key=lambda a: (a["date"] is None, a["date"] or "", a["id"]),
    )
    story = Story(id=sid, first_seen=first, last_seen=last, articles=articles)
    if len(members) > 1:
        ordered = [a["id"] for a in articles]
        ref_id = reference_version({i: int(metas[i]["n_sentences"]) for i in ordered})
        others = [i for i in ordered if i != ref_id][:MAX_COMPARED_VERSIONS]
        texts = load_articles(run, [ref_id, *others])
        compared = [(i, compare_articles(texts[ref_id], texts[i], encoder=enc)) for i in others]
        story.disagreements = tally_disagreements(ref_id, compared)
    return story


STAGES: dict[str, Callable[[RunDir, Task], dict[str, Any]]] = {
    "extract": extract_stage,
    "analyse": analyse_stage,
    "candidates": candidates_stage,
    "verify": verify_stage,
    "stories": stories_stage,
}

__all__ = [
    "STAGES",
    "Task",
    "load_articles",
    "load_vectors",
    "nearest",
    "prepare_worker",
    "run_task",
    "worker_encoder",
]
