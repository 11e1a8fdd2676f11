"""Drive a pipeline run: plan the shards, send each stage's pending shards to an engine,
run the global steps, and say where the run stands.

    report = run_pipeline(["crawl/*.warc.gz"], "runs/2024-09", engine="local")
    status("runs/2024-09")       # shards done / failed / pending per stage

Resumable and idempotent: a shard with a completion marker is never recomputed, so the
same command run again after an interruption (Ctrl-C, a killed worker, a lost node) does
only what is missing. A run directory belongs to one input set and one set of settings;
asking it for other inputs is refused (use another ``--out``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storydiff import __version__
from storydiff.encoders.base import get_encoder
from storydiff.errors import InputError
from storydiff.pipeline import steps
from storydiff.pipeline.engines import Engine, make_engine
from storydiff.pipeline.layout import RUN_VERSION, RunDir, existing_run, write_atomic
from storydiff.pipeline.shards import expand_inputs, fingerprint, plan_shards
from storydiff.pipeline.stages import Task
from storydiff.readers import DEFAULT_MAX_BYTES

# Stages in the order they run; "catalogue" and "clusters" are global steps on the driver.
ORDER = ("extract", "analyse", "catalogue", "candidates", "verify", "clusters", "stories")
TASKS_FILE = "_tasks.json"  # per sharded stage: the shards planned for it
LOCK_FILE = ".lock"
# Each pass of the clustering step verifies what the pass before asked for; the rule asks
# for the pairs of a few grey-zone decisions, so a handful of passes is the most seen.
MAX_CLUSTER_PASSES = 50
MAX_LISTED_BAD = 100  # bad records listed by status (all are counted)

Progress = Callable[[str, int, int], None]  # (stage, shards done, shards planned)


@dataclass
class RunReport:
    """What a call of ``run_pipeline`` did and where the run stands."""

    out: str
    engine: str
    workers: int
    complete: bool = False
    ran: dict[str, int] = field(default_factory=dict)  # shards computed now, per stage
    failed: list[dict[str, Any]] = field(default_factory=list)  # {"stage", "shard", "error"}
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage, this call
    counts: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": self.out,
            "engine": self.engine,
            "workers": self.workers,
            "complete": self.complete,
            "ran": self.ran,
            "failed": self.failed,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
            "counts": self.counts,
        }


def run_pipeline(
    inputs: list[str],
    out: str | Path,
    *,
    engine: str = "local",
    workers: int | None = None,
    address: str | None = None,
    window_days: float = 7.0,
    encoder: str = "use",
    threads: int | None = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> RunReport:
    """Run (or resume) the whole pipeline over ``inputs`` into the run directory ``out``.

    Stops after a stage with failed shards (they are listed in the report and in
    ``status``; the next call retries them). Raises InputError for inputs that name
    nothing, a run directory made for other inputs or settings, or an engine that is not
    installed; :class:`~storydiff.pipeline.engines.WorkerLost` when a worker dies (what
    finished is kept)."""
    run = RunDir(out)
    files = expand_inputs(inputs)
    enc = get_encoder(encoder, disk_cache=False)  # for its name, version and size
    settings = {
        "encoder": encoder,
        "encoder_version": f"{enc.name} {enc.version}",
        "dim": enc.dim,
        "window_days": window_days,
        "max_bytes": max_bytes,
        "threads": threads,
    }
    plan = {
        "version": RUN_VERSION,
        "storydiff": __version__,
        "inputs": [str(i) for i in inputs],
        "fingerprint": fingerprint(files),
        "settings": settings,
        "shards": plan_shards(files),
    }
    with _locked(run):
        _claim(run, plan)
        driver = _Driver(run, plan, engine, workers, address, progress)
        try:
            driver.go()
        finally:
            driver.close()
    _add_record_counts(run, plan, driver.report)
    return driver.report


def _add_record_counts(run: RunDir, plan: dict[str, Any], report: RunReport) -> None:
    """Bad records, skipped records and notes of the whole run (from the shard markers),
    and the input files of each failed input shard."""
    bad = 0
    skipped: dict[str, int] = {}
    notes: dict[str, int] = {}
    for stage in ("extract", "analyse"):
        for shard in run.done_shards(stage):
            summary = run.summary(stage, shard)
            bad += int(summary.get("bad", 0))
            for key, into in (("skipped", skipped), ("notes", notes)):
                for what, n in summary.get(key, {}).items():
                    into[what] = into.get(what, 0) + int(n)
    report.counts.update(bad_records=bad, skipped=skipped, notes=notes)
    files = {s["id"]: s["files"] for s in plan["shards"]}
    for failure in report.failed:
        if failure["stage"] in ("extract", "analyse"):
            failure["files"] = files.get(failure["shard"], [])


@contextmanager
def _locked(run: RunDir) -> Iterator[None]:
    """Hold the run folder for one driver at a time (an advisory lock on ``.lock``)."""
    import fcntl

    if run.root.exists() and not run.root.is_dir():
        raise InputError(str(run.root), "is a file, not a folder", "Pass a folder as --out")
    try:
        run.root.mkdir(parents=True, exist_ok=True)
        handle = open(run.root / LOCK_FILE, "a+")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(
            str(run.root), f"cannot be written ({exc.strerror or exc})", "Pass another --out"
        ) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(
                str(run.root),
                "another storydiff pipeline run is working in this folder",
                "Wait for it to end (storydiff pipeline status shows its progress)",
            ) from None
        yield


def _claim(run: RunDir, plan: dict[str, Any]) -> None:
    others = [p for p in run.root.iterdir() if p.name != LOCK_FILE] if run.root.is_dir() else []
    if not run.exists() and others:
        raise InputError(
            str(run.root),
            "is a folder that is not a storydiff run",
            "Pass an empty or new folder as --out",
        )
    if run.exists():
        old = run.plan()
        same = (
            old.get("version") == plan["version"]
            and old.get("fingerprint") == plan["fingerprint"]
            and {k: v for k, v in old.get("settings", {}).items() if k != "threads"}
            == {k: v for k, v in plan["settings"].items() if k != "threads"}
        )
        if not same:
            raise InputError(
                str(run.root),
                "this run was made from other inputs or settings (or the inputs changed)",
                "Run the same command as before to resume it, or pass a new --out folder",
            )
        if old.get("storydiff") != plan["storydiff"]:
            raise InputError(
                str(run.root),
                f"this run was made by storydiff {old.get('storydiff')}, not "
                f"{plan['storydiff']}: its shards would not fit together",
                "Pass a new --out folder",
            )
        return
    try:
        run.write_plan(plan)
    except OSError as exc:
        raise InputError(
            str(run.root), f"cannot be written ({exc.strerror or exc})", "Pass another --out"
        ) from None


class _Driver:
    def __init__(
        self,
        run: RunDir,
        plan: dict[str, Any],
        engine: str,
        workers: int | None,
        address: str | None,
        progress: Progress | None,
    ) -> None:
        self.run = run
        self.plan = plan
        self.settings = plan["settings"]
        self.engine_name = engine
        self.workers = workers
        self.address = address
        self.progress = progress
        self._engine: Engine | None = None
        count = workers or 0
        self.report = RunReport(out=str(run.root), engine=engine, workers=count)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            try:
                self._engine = make_engine(
                    self.engine_name,
                    workers=self.workers,
                    encoder=self.settings["encoder"],
                    threads=self.settings["threads"],
                    address=self.address,
                )
            except InputError:
                raise
            except Exception as exc:  # the engine's own errors: no cluster there, bad address
                first = (str(exc).strip().splitlines() or [""])[0][:200]
                raise InputError(
                    f"--engine {self.engine_name}"
                    + (f" --address {self.address}" if self.address else ""),
                    f"the engine could not start or reach its cluster"
                    f" ({type(exc).__name__}: {first})",
                    "Check the address and that the cluster is up",
                ) from None
            self.report.workers = self._engine.workers
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()

    def go(self) -> None:
        """Every stage in order; stops after one with failed shards."""
        shards = [s["id"] for s in self.plan["shards"]]
        if not self._stage(
            "extract", [(s["id"], {"files": s["files"]}) for s in self.plan["shards"]]
        ):
            return
        if not self._stage("analyse", [(s, {}) for s in shards]):
            return
        self._catalogue(shards)
        summary = self.run.summary("catalogue", "articles")
        self.report.counts.update({k: summary[k] for k in ("articles", "sources")})
        blocks = self._planned(
            "candidates",
            lambda: steps.candidate_blocks(self.run, float(self.settings["window_days"])),
        )
        if not self._stage("candidates", [(b["shard"], b) for b in blocks]):
            return
        pairs = self._planned(
            "verify", lambda: steps.verify_tasks(self.run, [b["shard"] for b in blocks])
        )
        if not self._stage("verify", [(p["shard"], p) for p in pairs]):
            return
        if not self._clusters(blocks, pairs):
            return
        self.report.counts.update(
            {
                k: v
                for k, v in self.run.summary("clusters", "assignments").items()
                if k in ("stories", "verified_late")
            }
        )
        groups = self._planned(
            "stories",
            lambda: [{"shard": name, "stories": g} for name, g in steps.story_groups(self.run)],
        )
        if not self._stage("stories", [(g["shard"], {"stories": g["stories"]}) for g in groups]):
            return
        self.report.complete = True

    def _clusters(self, blocks: list[dict[str, Any]], pairs: list[dict[str, Any]]) -> bool:
        """The clustering step, in passes: each pass that meets pairs nobody verified has
        them verified by the engine (more verify shards), then clusters again."""
        if self.run.is_done("clusters", "assignments", "stories"):  # both: a kill between
            return True
        start = time.perf_counter()
        verifying = self.report.seconds.get("verify", 0.0)
        for round_no in range(1, MAX_CLUSTER_PASSES + 1):
            missing = steps.cluster(self.run, blocks, [p["shard"] for p in pairs], self.settings)
            if not missing:
                break
            late = steps.late_tasks(missing, round_no)
            pairs = pairs + late
            write_atomic(self.run.stage("verify") / TASKS_FILE, json.dumps(pairs).encode())
            if not self._stage("verify", [(p["shard"], p) for p in late]):
                return False
        else:
            raise RuntimeError(
                f"clustering still missed verdicts after {MAX_CLUSTER_PASSES} passes"
            )
        # the driver's own time: the later passes' verify shards count as verify
        late = self.report.seconds.get("verify", 0.0) - verifying
        self.report.seconds["clusters"] = time.perf_counter() - start - late
        self.report.ran["clusters"] = round_no
        if self.progress is not None:
            self.progress("clusters", 1, 1)
        return True

    def _planned(self, stage: str, make: Callable[[], list[dict[str, Any]]]) -> list[dict]:
        """A stage's shards, planned once and kept (so a resumed run sends the same ones)."""
        path = self.run.stage(stage) / TASKS_FILE
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
        planned = make()
        write_atomic(path, json.dumps(planned).encode())
        return planned

    def _catalogue(self, shards: list[str]) -> None:
        if self.run.is_done("catalogue", "articles", "sources"):  # both: a kill between
            return
        start = time.perf_counter()
        steps.build_catalogue(self.run, shards)
        self.report.seconds["catalogue"] = time.perf_counter() - start
        self.report.ran["catalogue"] = 1
        if self.progress is not None:
            self.progress("catalogue", 1, 1)

    def _stage(self, stage: str, shards: list[tuple[str, dict[str, Any]]]) -> bool:
        """Run a stage's pending shards; True when every shard of it is done."""
        if not (self.run.stage(stage) / TASKS_FILE).is_file():
            write_atomic(
                self.run.stage(stage) / TASKS_FILE,
                json.dumps([{"shard": s} for s, _ in shards]).encode(),
            )
        pending = [
            Task(str(self.run.root), stage, shard, payload, self.settings)
            for shard, payload in shards
            if not self.run.is_done(stage, shard)
        ]
        total = len(shards)
        done = total - len(pending)
        if self.progress is not None:
            self.progress(stage, done, total)
        if not pending:
            return True
        start = time.perf_counter()
        failed = 0
        for result in self.engine.map(pending):
            if result["ok"]:
                done += 1
            else:
                failed += 1
                self.report.failed.append(
                    {"stage": stage, "shard": result["shard"], "error": result["error"]}
                )
            if self.progress is not None:
                self.progress(stage, done, total)
        seconds = self.report.seconds
        seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - start
        self.report.ran[stage] = self.report.ran.get(stage, 0) + len(pending) - failed
        return failed == 0


def status(out: str | Path) -> dict[str, Any]:
    """Where a run stands: per stage, shards planned, done, failed and pending, with each
    failure's error; for extract and analyse the bad records (shard, position, reason;
    the first MAX_LISTED_BAD, all counted); counts of articles and stories once known.
    Raises InputError when ``out`` is not a run directory."""
    run = existing_run(out)
    plan = run.plan()
    stages: dict[str, dict[str, Any]] = {}
    for stage in ORDER:
        if stage in ("catalogue", "clusters"):
            key = "articles" if stage == "catalogue" else "assignments"
            done = run.is_done(stage, key)
            stages[stage] = {"planned": 1, "done": int(done), "failed": 0, "pending": int(not done)}
            continue
        if stage == "extract" or stage == "analyse":
            names = [s["id"] for s in plan["shards"]]
        else:
            path = run.stage(stage) / TASKS_FILE
            names = [t["shard"] for t in json.loads(path.read_text())] if path.is_file() else []
        done = [n for n in names if run.is_done(stage, n)]
        failures = [
            {"shard": n, "error": (run.failed(stage, n) or {}).get("error", "").splitlines()[0]}
            for n in names
            if n not in done and run.failure(stage, n).is_file()
        ]
        stages[stage] = {
            "planned": len(names),
            "done": len(done),
            "failed": len(failures),
            "pending": len(names) - len(done) - len(failures),
            **({"failures": failures} if failures else {}),
        }
        if stage in ("extract", "analyse"):
            summaries = {n: run.summary(stage, n) for n in done}
            stages[stage]["bad_records"] = sum(int(m.get("bad", 0)) for m in summaries.values())
            stages[stage]["bad"] = [
                {"shard": n, **b} for n, m in summaries.items() for b in m.get("bad_records", [])
            ][:MAX_LISTED_BAD]
    counts: dict[str, Any] = {}
    if run.is_done("catalogue", "articles"):
        summary = run.summary("catalogue", "articles")
        counts.update({k: summary[k] for k in ("articles", "sources")})
    if run.is_done("clusters", "assignments"):
        summary = run.summary("clusters", "assignments")
        counts["stories"] = summary.get("stories")
    complete = (run.stage("stories") / TASKS_FILE).is_file() and all(
        s["pending"] == 0 and s["failed"] == 0 for s in stages.values()
    )
    return {
        "out": str(run.root),
        "inputs": plan["inputs"],
        "settings": plan["settings"],
        "complete": complete,
        "stages": stages,
        "counts": counts,
    }


__all__ = ["ORDER", "RunReport", "run_pipeline", "status"]
