"""A pipeline run directory: one folder per stage, Parquet shards, completion markers.

    runs/x/run.json                  what was asked: inputs, settings, the input shards
    runs/x/extract/e00003.parquet    one shard's output ...
    runs/x/extract/e00003.done       ... and its marker (JSON: rows, seconds, bad records)
    runs/x/extract/e00003.failed     a shard whose stage raised (JSON: the error); retried
    runs/x/analyse/ catalogue/ candidates/ verify/ clusters/ stories/  (see runner.ORDER)

A shard's output is written under a temporary name; when it is complete its marker is
written (the same way) and then the output renamed into place, so a worker killed
mid-shard leaves no partial output and no output without its marker: the shard is
simply not done, and the next run does it again. Whatever has both is never recomputed.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

RUN_FILE = "run.json"
ROW_GROUP = 65_536
RUN_VERSION = 1


class RunDir:
    """Paths and atomic writes inside one run directory."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    @property
    def plan_path(self) -> Path:
        return self.root / RUN_FILE

    def exists(self) -> bool:
        return self.plan_path.is_file()

    def plan(self) -> dict[str, Any]:
        """The run's plan (run.json). Raises FileNotFoundError when there is none,
        InputError when it is not a plan storydiff wrote."""
        from storydiff.errors import InputError

        try:
            plan = json.loads(self.plan_path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            plan = None
        if not isinstance(plan, dict) or not {"shards", "settings", "inputs"} <= set(plan):
            raise InputError(
                str(self.plan_path),
                "is damaged or not a storydiff run plan",
                "Pass the --out folder of storydiff pipeline run, or a new folder",
            )
        return plan

    def write_plan(self, plan: dict[str, Any]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        # ASCII escapes: a file name that is not valid UTF-8 survives the round trip
        write_atomic(self.plan_path, json.dumps(plan, indent=1).encode())

    def stage(self, stage: str) -> Path:
        """The folder of a stage."""
        return self.root / stage

    def output(self, stage: str, shard: str) -> Path:
        """A shard's Parquet output (it exists only once complete)."""
        return self.stage(stage) / f"{shard}.parquet"

    def marker(self, stage: str, shard: str) -> Path:
        """A shard's completion marker (JSON: rows, seconds, bad records, counts)."""
        return self.stage(stage) / f"{shard}.done"

    def failure(self, stage: str, shard: str) -> Path:
        """A shard's failure note (JSON: the error), removed when it completes."""
        return self.stage(stage) / f"{shard}.failed"

    def is_done(self, stage: str, *shards: str) -> bool:
        """Has each of the shards its output and its marker? (A step that writes two
        shards, one after the other, is done only with both.)"""
        return all(
            self.marker(stage, shard).is_file() and self.output(stage, shard).is_file()
            for shard in shards
        )

    def summary(self, stage: str, shard: str) -> dict[str, Any]:
        """A done shard's marker. Raises FileNotFoundError for a shard not done."""
        return json.loads(self.marker(stage, shard).read_text(encoding="utf-8"))

    def failed(self, stage: str, shard: str) -> dict[str, Any] | None:
        path = self.failure(stage, shard)
        if not path.is_file():
            return None
        return json.loads(path.read_text(encoding="utf-8"))

    def finish(self, stage: str, shard: str, table: pa.Table, summary: dict[str, Any]) -> None:
        """Write a whole shard's output, then its marker (see :meth:`writer`)."""
        with self.writer(stage, shard, table.schema) as out:
            out.write_table(table)
            out.summary.update(summary)

    def writer(self, stage: str, shard: str, schema: pa.Schema) -> ShardWriter:
        """A shard's output written in parts (memory bounded by a part, not the shard):
        ``with run.writer(...) as out: out.write(rows); out.summary[...] = ...``. On a
        clean exit the file is renamed into place and the marker written; on an error
        the temporary file is removed and nothing is marked done."""
        return ShardWriter(self, stage, shard, schema)

    def fail(self, stage: str, shard: str, error: str) -> None:
        self.stage(stage).mkdir(parents=True, exist_ok=True)
        body = json.dumps({"shard": shard, "error": error}, ensure_ascii=False).encode()
        write_atomic(self.failure(stage, shard), body)

    def read(self, stage: str, shard: str, columns: list[str] | None = None) -> pa.Table:
        """A done shard's output (these columns only, when given)."""
        return pq.read_table(self.output(stage, shard), columns=columns)

    def done_shards(self, stage: str) -> Iterator[str]:
        """Shards of a stage with a marker, in name order."""
        folder = self.stage(stage)
        if not folder.is_dir():
            return
        for marker in sorted(folder.glob("*.done")):
            if self.is_done(stage, marker.stem):
                yield marker.stem


class ShardWriter:
    """See :meth:`RunDir.writer`."""

    def __init__(self, run: RunDir, stage: str, shard: str, schema: pa.Schema) -> None:
        self.run, self.stage, self.shard, self.schema = run, stage, shard, schema
        self.path = run.output(stage, shard)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # what an earlier attempt killed mid-shard left behind (it never had the final name)
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            stale.unlink(missing_ok=True)
        self.tmp = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex}.tmp")
        self.rows = 0
        self.summary: dict[str, Any] = {}
        self._writer = pq.ParquetWriter(self.tmp, schema, compression="zstd")

    def write(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.write_table(pa.Table.from_pylist(rows, schema=self.schema))

    def write_table(self, table: pa.Table) -> None:
        # row groups of at most ROW_GROUP rows: readers of a few ids skip the rest
        self._writer.write_table(table, row_group_size=ROW_GROUP)
        self.rows += table.num_rows

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        try:
            self._writer.close()
            if kind is None:
                _fsync(self.tmp)
                # the marker first, the output's rename last: the rename is the one step
                # that makes the shard done, so a process killed between the two leaves a
                # marker without output (not done, redone) and never an output without
                # its marker
                body = json.dumps({"rows": self.rows, **self.summary}, ensure_ascii=False)
                write_atomic(self.run.marker(self.stage, self.shard), body.encode())
                os.replace(self.tmp, self.path)
        finally:
            self.tmp.unlink(missing_ok=True)
        if kind is None:
            self.run.failure(self.stage, self.shard).unlink(missing_ok=True)


def existing_run(out: str | Path) -> RunDir:
    """The run directory ``out``. Raises InputError when it holds no run."""
    from storydiff.errors import InputError

    run = RunDir(out)
    if not run.exists():
        raise InputError(
            str(out),
            "is not a pipeline run (no run.json)",
            "Pass the --out folder of storydiff pipeline run",
        )
    return run


def write_atomic(path: Path, data: bytes) -> None:
    """Write a small file under a temporary name, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


__all__ = ["RUN_FILE", "RUN_VERSION", "RunDir", "ShardWriter", "existing_run", "write_atomic"]
