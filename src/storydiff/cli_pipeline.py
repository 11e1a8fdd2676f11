"""``storydiff pipeline run`` and ``storydiff pipeline status``: thin handlers over
:mod:`storydiff.pipeline`. A user error is one line on stderr and exit code 2; a run that
stops with failed shards, or whose worker died, exits 1 and says how to resume."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from storydiff.cli import _fail, _write, app
from storydiff.cli_limits import bytes_error
from storydiff.errors import InputError
from storydiff.readers import DEFAULT_MAX_BYTES

pipeline_app = typer.Typer(
    help="Index and cluster large collections in stages over shards, on this machine "
    "(local) or on a Ray or Dask cluster; resumable.",
    no_args_is_help=True,
)
app.add_typer(pipeline_app, name="pipeline")


@pipeline_app.command("run")
def run_cmd(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, folders or glob patterns: JSONL feeds, WARC(.gz), text, HTML"),
    ],
    out: Annotated[Path, typer.Option(help="The run directory (created; reused to resume)")],
    engine: Annotated[str, typer.Option(help="local (default), ray or dask")] = "local",
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (default: the CPU count)")
    ] = None,
    address: Annotated[
        str | None,
        typer.Option(help="An existing cluster: ray://head:10001 or tcp://scheduler:8786"),
    ] = None,
    window: Annotated[
        str, typer.Option(help="A story closes when not seen for this long (7d, 36h, 2w)")
    ] = "7d",
    encoder: Annotated[str, typer.Option(help="Sentence encoder: use, e5, sbert:<path>")] = "use",
    threads: Annotated[int, typer.Option(help="BLAS threads per worker")] = 1,
    max_bytes: Annotated[int, typer.Option(help="Largest record, in bytes")] = DEFAULT_MAX_BYTES,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
) -> None:
    """Run (or resume) the pipeline: read, analyse, find candidate pairs, verify, cluster."""
    # imported here: cli_collection imports storydiff.cli, which imports this module
    from storydiff.cli_collection import parse_window
    from storydiff.pipeline import WorkerLost, run_pipeline

    days = parse_window(window)
    if workers is not None and workers < 1:
        _fail(f"--workers must be at least 1 (got {workers})")
    if threads < 1:
        _fail(f"--threads must be at least 1 (got {threads})")
    if problem := bytes_error("--max-bytes", max_bytes):
        _fail(problem)
    if format not in ("text", "json"):
        _fail(f"--format must be text or json (got {format!r})")
    console = Console(stderr=True)

    def progress(stage: str, done: int, total: int) -> None:
        if console.is_terminal:
            console.print(f"{stage}: {done}/{total} shards", end="\r")

    try:
        report = run_pipeline(
            inputs,
            out,
            engine=engine,
            workers=workers,
            address=address,
            window_days=days,
            encoder=encoder,
            threads=threads,
            max_bytes=max_bytes,
            progress=progress,
        )
    except InputError as exc:
        _fail(str(exc))
        raise  # unreachable
    except WorkerLost as exc:
        typer.echo(
            f"storydiff: {exc}; finished shards are kept. Run the same command again to resume",
            err=True,
        )
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        typer.echo(
            "storydiff: interrupted; finished shards are kept. Run the same command again",
            err=True,
        )
        raise typer.Exit(130) from None
    if format == "json":
        _write(json.dumps(report.to_dict(), indent=2) + "\n", None)
    else:
        counts = report.counts
        typer.echo(
            f"{'complete' if report.complete else 'stopped'}: "
            f"{_n(counts.get('articles', 0), 'article')}, "
            f"{_n(counts['stories'], 'story', 'stories') if 'stories' in counts else '? stories'}"
            f" in {out} ({report.engine}"
            + (f", {_n(report.workers, 'worker')}" if report.workers else "")
            + ")"
        )
        if counts.get("bad_records"):
            typer.echo(
                f"storydiff: {_n(counts['bad_records'], 'bad record')} skipped "
                f"(storydiff pipeline status {out} lists them)",
                err=True,
            )
        for what, n in sorted(counts.get("notes", {}).items()):
            typer.echo(f"storydiff: {_n(n, 'record')} with a {what}", err=True)
    for failure in report.failed[:20]:
        files = ", ".join(failure.get("files", [])[:3])
        typer.echo(
            f"storydiff: error: {failure['stage']} shard {failure['shard']}"
            + (f" ({files})" if files else "")
            + f" failed: {failure['error']}",
            err=True,
        )
    if not report.complete:
        typer.echo(
            "storydiff: some shards failed; fix the cause and run the same command again", err=True
        )
        raise typer.Exit(1)


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


@pipeline_app.command("status")
def status_cmd(
    out: Annotated[Path, typer.Argument(help="The run directory")],
    format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
) -> None:
    """Shards done, failed and pending per stage of a run."""
    from storydiff.pipeline import status

    if format not in ("text", "json"):
        _fail(f"--format must be text or json (got {format!r})")
    try:
        found = status(out)
    except InputError as exc:
        _fail(str(exc))
        raise
    if format == "json":
        _write(json.dumps(found, indent=2, ensure_ascii=False) + "\n", None)
        return
    table = Table(title=f"{out} ({'complete' if found['complete'] else 'not complete'})")
    for col in ("stage", "planned", "done", "failed", "pending", "bad records"):
        table.add_column(col)
    for stage, s in found["stages"].items():
        table.add_row(
            stage,
            str(s["planned"]),
            str(s["done"]),
            str(s["failed"]),
            str(s["pending"]),
            str(s.get("bad_records", "")),
        )
    console = Console()
    console.print(table)
    for stage, s in found["stages"].items():
        for failure in s.get("failures", [])[:10]:
            console.print(f"{stage} {failure['shard']} failed: {failure['error']}", markup=False)
        for bad in s.get("bad", [])[:10]:
            console.print(
                f"{stage} {bad['shard']}: skipped {bad['position']}: {bad['reason']}", markup=False
            )
    counts = found["counts"]
    if counts:
        console.print(", ".join(f"{v} {k}" for k, v in counts.items() if v is not None))
