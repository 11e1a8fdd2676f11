"""Reading a finished pipeline run: its stories (``cluster --from-run``) and its analysed
articles, loaded into a collection (``index --from-run``) for ``find`` and ``serve``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from storydiff.errors import InputError
from storydiff.model import Article, Story
from storydiff.pipeline.layout import RunDir, existing_run
from storydiff.pipeline.runner import TASKS_FILE

if TYPE_CHECKING:
    from storydiff.collection import Index
    from storydiff.collection.index import AddReport

LOAD_BATCH = 256  # analysed articles stored in one transaction by index --from-run


def finished_run(out: str | Path) -> RunDir:
    """The run directory, checked to hold a finished run. Raises InputError otherwise."""
    run = existing_run(out)
    planned = run.stage("stories") / TASKS_FILE
    shards = json.loads(planned.read_text()) if planned.is_file() else None
    if shards is None or not run.is_done("stories", *(s["shard"] for s in shards)):
        raise InputError(
            str(out),
            "the run has not finished",
            "See storydiff pipeline status, and run the same command again",
        )
    return run


def load_run_stories(out: str | Path, *, min_size: int = 1) -> list[Story]:
    """The stories of a finished run, largest first, then earliest (as ``cluster``)."""
    run = finished_run(out)
    stories: list[Story] = []
    for shard in run.done_shards("stories"):
        table = run.read("stories", shard, ["size", "story"])
        for size, text in zip(table["size"].to_pylist(), table["story"].to_pylist(), strict=True):
            if size >= min_size:
                d = json.loads(text)
                stories.append(
                    Story(
                        id=d["id"],
                        first_seen=d["first_seen"],
                        last_seen=d["last_seen"],
                        articles=d["articles"],
                        disagreements=d["disagreements"],
                    )
                )
    stories.sort(key=lambda s: (-s.size, s.first_seen or "", s.id))
    return stories


def load_run_into(
    index: Index, out: str | Path, *, progress: Callable[[int], None] | None = None
) -> AddReport:
    """Store every analysed article of a finished run in a collection (with all its
    sources; nothing is analysed or embedded again). Articles already in the collection
    only gain sources. Returns what was added."""
    from storydiff.collection.index import AddReport
    from storydiff.collection.store import NewArticle

    run = finished_run(out)
    report = AddReport()
    dim = int(run.plan()["settings"]["dim"])
    if f"{index.encoder.name} {index.encoder.version}" != run.plan()["settings"].get(
        "encoder_version"
    ):
        raise InputError(
            str(out),
            "the run was made with another encoder than the collection",
            "Index it into a collection made with the run's --encoder",
        )
    done = 0
    for shard in run.done_shards("analyse"):
        table = run.read("analyse", shard)
        rows = table.to_pylist()
        for begin in range(0, len(rows), LOAD_BATCH):
            items = []
            for r in rows[begin : begin + LOAD_BATCH]:
                article = Article.from_dict(json.loads(r["article"]))
                sent = np.frombuffer(r["sentence_vectors"], dtype=np.float16).astype(np.float32)
                items.append(
                    NewArticle(
                        article,
                        r["raw_hash"],
                        r["position"],
                        sent.reshape(int(r["n_sentences"]), dim),
                        np.frombuffer(r["vector"], dtype=np.float32),
                    )
                )
            index.add_analysed(items, report)
            done += len(items)
            if progress is not None:
                progress(done)
    index.ann.save()
    return report


__all__ = ["finished_run", "load_run_into", "load_run_stories"]
