"""The ``storydiff`` command: thin handlers over the library.

Every user error (InputError) becomes one line on stderr and exit code 2; a traceback
means a bug in storydiff. The analysis and the drawing of the report run in a child
process (``storydiff.worker``, ``storydiff.cli_reports``) that is killed when ``--timeout``
runs out, counted from the start of the command (reading standard input included), so the
limit holds for the whole command whatever the input does; warnings about the input (mixed
encodings) are one line each on stderr. Every message is one line: control characters in
a name are escaped.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console

from storydiff import __version__
from storydiff.cli_limits import (
    MAX_PROCESSES,
    bytes_error,
    count_error,
    first_error,
    seconds_error,
)
from storydiff.cli_reports import Screen, align_report, compare_reports, facts_report
from storydiff.compare import CompareOptions
from storydiff.errors import InputError, one_line
from storydiff.model import RawDocument
from storydiff.readers import DEFAULT_MAX_BYTES, read_source
from storydiff.readers.base import format_size
from storydiff.threads import current as current_threads
from storydiff.threads import run_with_threads
from storydiff.worker import DeadlineExceeded, WorkerError, run_with_deadline

DEFAULT_TIMEOUT_S = 120.0
# Wider than any screen; the report is drawn in memory at this width.
MAX_WIDTH = 1000
# Narrower than this, the report's columns cannot hold a word.
MIN_WIDTH = 40
_MAX_BYTES_HELP = (
    f"Refuse inputs larger than this many bytes (default {format_size(DEFAULT_MAX_BYTES)})"
)
_TIMEOUT_HELP = "Stop and exit 2 after this many seconds (the whole command, report included)"
_THREADS_HELP = (
    "BLAS/OpenMP threads for the model (default 1, or what OMP_NUM_THREADS / "
    "OPENBLAS_NUM_THREADS say when set)"
)

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Find the same news story in any language, align the versions, show what differs.",
)


T = TypeVar("T")


class Format(StrEnum):
    terminal = "terminal"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"storydiff {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """storydiff: compare versions of a news story across languages."""


@app.command("compare")
def compare_cmd(
    a: Annotated[str, typer.Argument(help="First version: a .txt or .html file, or - for stdin")],
    b: Annotated[str, typer.Argument(help="Second version: a .txt or .html file, or -")],
    format: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="Output format (default: terminal)"),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file")
    ] = None,
    encoder: Annotated[
        str, typer.Option(help="Sentence encoder: use (bundled), e5, or sbert:<model path>")
    ] = "use",
    keep_boilerplate: Annotated[
        bool, typer.Option("--keep-boilerplate", help="Compare page furniture lines too")
    ] = False,
    max_bytes: Annotated[int, typer.Option(help=_MAX_BYTES_HELP)] = DEFAULT_MAX_BYTES,
    width: Annotated[
        int | None, typer.Option(help="Terminal report width (default: the terminal's)")
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Write a self-contained HTML report to this file"),
    ] = None,
    show_all: Annotated[
        bool,
        typer.Option("--all", help="Also show less certain fact differences (JSON has all)"),
    ] = False,
    timeout: Annotated[float, typer.Option(help=_TIMEOUT_HELP)] = DEFAULT_TIMEOUT_S,
    threads: Annotated[int | None, typer.Option(help=_THREADS_HELP)] = None,
) -> None:
    """Compare two versions of a story: verdict, aligned sentences, what is only in one.

    With --html and neither --format nor -o, only the HTML file is written, and one line
    says where and what the verdict is."""
    clock = _Clock(timeout)
    _check_max_bytes(max_bytes)
    if a == "-" and b == "-":
        _fail("A and B cannot both be standard input")
    _check_width(width)
    _check_outputs({"A": a, "B": b}, {"--html": html, "--output": output})
    options = CompareOptions(
        keep_boilerplate=keep_boilerplate,
        max_bytes=max_bytes,
        leads_meanwhile=_spare_core(threads),
    )
    only_html = html is not None and format is None and output is None
    result = _run(
        compare_reports,
        _input(a, max_bytes, clock),
        _input(b, max_bytes, clock),
        encoder=encoder,
        options=options,
        html=html is not None,
        fmt=None if only_html else (format or Format.terminal).value,
        screen=_screen(output, width),
        show_all=show_all,
        clock=clock,
        threads=threads,
        what=f"comparing {a} with {b}",
    )
    if html is not None and result.html is not None:
        _write(result.html, html)
        typer.echo(f"storydiff: wrote the HTML report to {html}", err=True)
        if only_html:
            typer.echo(f"{result.summary}; report: {html}")
            return
    _write(result.report or "", output)


@app.command("facts")
def facts_cmd(
    source: Annotated[str, typer.Argument(help="An article: a .txt or .html file, or -")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format")] = (
        Format.terminal
    ),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file")] = None,
    max_bytes: Annotated[int, typer.Option(help=_MAX_BYTES_HELP)] = DEFAULT_MAX_BYTES,
    width: Annotated[int | None, typer.Option(help="Terminal report width")] = None,
    timeout: Annotated[float, typer.Option(help=_TIMEOUT_HELP)] = DEFAULT_TIMEOUT_S,
    threads: Annotated[int | None, typer.Option(help=_THREADS_HELP)] = None,
) -> None:
    """List the facts of one article with their language-neutral values."""
    clock = _Clock(timeout)
    _check_max_bytes(max_bytes)
    _check_width(width)
    _check_outputs({"the article": source}, {"--output": output})
    report = _run(
        facts_report,
        _input(source, max_bytes, clock),
        max_bytes=max_bytes,
        fmt=format.value,
        screen=_screen(output, width),
        clock=clock,
        threads=threads,
        what=f"reading the facts of {source}",
    )
    _write(report, output)


@app.command("serve")
def serve_cmd(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    db: Annotated[Path | None, typer.Option(help="SQLite file for stored comparisons")] = None,
    max_bytes: Annotated[
        int,
        typer.Option(
            help=f"Refuse documents larger than this many bytes (default "
            f"{format_size(DEFAULT_MAX_BYTES)})"
        ),
    ] = DEFAULT_MAX_BYTES,
    timeout: Annotated[
        float, typer.Option(help="Seconds allowed per comparison; its worker is stopped then")
    ] = DEFAULT_TIMEOUT_S,
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes for comparisons (default: up to 2, one per core)"),
    ] = None,
    slow_after: Annotated[
        float,
        typer.Option(help="Seconds after which a comparison counts as long (lowest priority)"),
    ] = 3.0,
    max_slow: Annotated[
        int, typer.Option(help="Long comparisons allowed at once, on workers of their own")
    ] = 2,
    threads: Annotated[int | None, typer.Option(help=_THREADS_HELP + ", per worker")] = None,
    body_idle: Annotated[
        float,
        typer.Option(help="Seconds a request body may send nothing before it ends with a 408"),
    ] = 30.0,
    spool_limit: Annotated[
        int | None,
        typer.Option(
            help="Bytes of large request bodies kept on disk at once; past it a 503 "
            "(default: 8 bodies of the largest size)"
        ),
    ] = None,
    report_pages: Annotated[
        int,
        typer.Option(help="Rendered report pages kept on disk; the least recently viewed go"),
    ] = 200,
    report_pages_bytes: Annotated[
        int,
        typer.Option(help="Bytes of rendered report pages kept on disk (default 200 MB)"),
    ] = 200_000_000,
) -> None:
    """Run the web app and REST API (http://HOST:PORT, API docs at /docs)."""
    import uvicorn

    from storydiff.web import incidents
    from storydiff.web.app import Settings, create_app, default_db_path

    problem = first_error(
        count_error("--port", port, 1, 65535),
        bytes_error("--max-bytes", max_bytes),
        seconds_error("--timeout", timeout),
        count_error("--workers", workers, 1, MAX_PROCESSES),
        count_error("--max-slow", max_slow, 0, MAX_PROCESSES),
        seconds_error("--slow-after", slow_after),
        seconds_error("--body-idle", body_idle),
        bytes_error("--spool-limit", spool_limit),
        count_error("--report-pages", report_pages, 1, 1_000_000),
        bytes_error("--report-pages-bytes", report_pages_bytes),
    )
    if problem:
        _fail(problem)
    _check_threads(threads)
    settings = Settings(
        db_path=db or default_db_path(),
        max_bytes=max_bytes,
        timeout_s=timeout,
        max_slow=max_slow,
        slow_after_s=slow_after,
        threads=threads,
        body_idle_s=body_idle,
        spool_bytes=spool_limit,
        report_pages=report_pages,
        report_pages_bytes=report_pages_bytes,
    )
    if settings.spool_limit < settings.max_body:
        _fail(
            f"--spool-limit must be at least one largest body ({settings.max_body} bytes: "
            "two documents of --max-bytes and their envelope)"
        )
    if workers is not None:
        settings = replace(settings, workers=workers)
    try:
        application = create_app(settings)
    except OSError as exc:
        _fail(f"{settings.db_path}: cannot open the database ({exc.strerror or exc})")
    incidents.log_to_stderr()  # a worker's traceback, under the id its answer names
    typer.echo(f"storydiff on http://{host}:{port}  (stored comparisons: {settings.db_path})")
    uvicorn.run(application, host=host, port=port, log_level="warning")


class AlignFormat(StrEnum):
    beads = "beads"
    json = "json"


@app.command("align")
def align_cmd(
    a: Annotated[str, typer.Argument(help="First text: a file, or - for stdin")],
    b: Annotated[str, typer.Argument(help="Second text: a file, or -")],
    presegmented: Annotated[
        bool,
        typer.Option("--presegmented", help="Inputs hold one sentence per line; no extraction"),
    ] = False,
    format: Annotated[
        AlignFormat, typer.Option("--format", "-f", help="beads ([i]:[j, k]:score) or json")
    ] = AlignFormat.beads,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file")] = None,
    encoder: Annotated[str, typer.Option(help="Sentence encoder: use, e5, sbert:<path>")] = "use",
    max_bytes: Annotated[int, typer.Option(help=_MAX_BYTES_HELP)] = DEFAULT_MAX_BYTES,
    timeout: Annotated[float, typer.Option(help=_TIMEOUT_HELP)] = DEFAULT_TIMEOUT_S,
    threads: Annotated[int | None, typer.Option(help=_THREADS_HELP)] = None,
) -> None:
    """Align the sentences of two texts (Vecalign's output format by default)."""
    clock = _Clock(timeout)
    _check_max_bytes(max_bytes)
    if a == "-" and b == "-":
        _fail("A and B cannot both be standard input")
    _check_outputs({"A": a, "B": b}, {"--output": output})
    report = _run(
        align_report,
        _input(a, max_bytes, clock),
        _input(b, max_bytes, clock),
        presegmented=presegmented,
        encoder=encoder,
        max_bytes=max_bytes,
        fmt=format.value,
        clock=clock,
        threads=threads,
        what=f"aligning {a} with {b}",
    )
    _write(report, output)


class _Clock:
    """The command's time limit (``--timeout``), counted from its start."""

    def __init__(self, timeout: float) -> None:
        _check_timeout(timeout)
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout

    def left(self) -> float:
        return self.deadline - time.monotonic()


def _input(arg: str, max_bytes: int, clock: _Clock) -> Path | RawDocument:
    """A command-line argument always names a file (or ``-``), never inline text.

    Standard input is read here, in the parent: the analysis process does not get it."""
    if arg != "-":
        return Path(arg)
    try:
        return read_source("-", max_bytes=max_bytes, deadline_s=max(clock.left(), 0.001))
    except InputError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


def _run(
    fn: Callable[..., T],
    *args: Any,
    clock: _Clock,
    what: str,
    threads: int | None = None,
    **kwargs: Any,
) -> T:
    """``fn(*args, **kwargs)`` in a child process stopped when the command's time is up,
    with ``threads`` BLAS threads (see storydiff.threads); user errors and the deadline
    become one line and exit 2, input warnings one line each."""
    _check_threads(threads)
    late = (
        f"{what} took longer than {clock.timeout:g} s and was stopped. Pass --timeout to allow more"
    )
    if clock.left() <= 0:
        _fail(late)
    try:
        value, notes = run_with_deadline(
            run_with_threads, threads, fn, *args, timeout=clock.left(), **kwargs
        )
    except InputError as exc:
        _fail(str(exc))
    except DeadlineExceeded:
        _fail(late)
    except WorkerError as exc:
        raise RuntimeError(f"storydiff failed ({what}):\n{exc}") from None
    for note in notes:
        typer.echo(f"storydiff: warning: {one_line(note)}", err=True)
    return value


def _screen(output: Path | None, width: int | None) -> Screen:
    """How to draw a terminal report: as the terminal would show it, or as plain text of
    ``width`` (default 120) columns for a file."""
    if output is None:
        return Screen.of(Console(width=width, highlight=False))
    return Screen(width or 120)


def _check_outputs(inputs: dict[str, str], outputs: dict[str, Path | None]) -> None:
    """Refuse to write a report over an input, or two reports into one file."""
    named = [(flag, path) for flag, path in outputs.items() if path is not None]
    for flag, path in named:
        for label, arg in inputs.items():
            if arg != "-" and _same_file(Path(arg), path):
                _fail(
                    f"{flag} {path} is also an input ({label}): the report would overwrite it. "
                    "Choose another file name"
                )
    if len(named) == 2 and _same_file(named[0][1], named[1][1]):
        _fail(f"--html and --output name the same file ({named[0][1]}). Choose two names")


def _same_file(p: Path, q: Path) -> bool:
    """The same file (links included) or, where one does not exist yet, the same path."""
    try:
        return os.path.samefile(p, q)
    except (OSError, ValueError):
        try:
            return os.path.realpath(p) == os.path.realpath(q)
        except (OSError, ValueError):
            return False


def _spare_core(threads: int | None = None) -> bool:
    """May E5 read the two leads beside the analysis (``CompareOptions.leads_meanwhile``)?
    A command compares one pair, so the cores besides its own are otherwise unused. E5's
    call runs as many threads as every model call (``threads``, else
    ``storydiff.threads.current()``): it needs as many cores again, and a machine that is
    not already saturated (one-minute load average under the core count; on a saturated
    one the reading would only take CPU from others, and for nothing where the grade
    turns out not to need the leads). The load average is not held to "cores less one":
    it counts this command's own predecessors, so commands run one after another would
    see the second core as taken while it idles."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on this system (Windows): no sign of other work
        load = 0.0
    wanted = threads or current_threads()
    return cores >= 2 * wanted and load < cores


def _check_threads(threads: int | None) -> None:
    if threads is not None and threads < 1:
        _fail(f"--threads must be at least 1 (got {threads})")


def _check_width(width: int | None) -> None:
    if width is not None and not MIN_WIDTH <= width <= MAX_WIDTH:
        _fail(f"--width must be {MIN_WIDTH} to {MAX_WIDTH} columns (got {width})")


def _check_timeout(timeout: float) -> None:
    problem = seconds_error("--timeout", timeout)
    if problem:
        _fail(problem)


def _check_max_bytes(max_bytes: int) -> None:
    problem = bytes_error("--max-bytes", max_bytes)
    if problem:
        _fail(problem)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    with _open_output(output) as fh:
        try:
            fh.write(text)
        except OSError as exc:  # a full disk, /dev/full
            _fail(f"{output}: cannot write ({exc.strerror or exc})")


def _open_output(output: Path):
    try:
        return output.open("w", encoding="utf-8")
    except OSError as exc:
        _fail(f"{output}: cannot write ({exc.strerror or exc})")


def _fail(message: str) -> None:
    """One line on stderr, exit code 2: the contract for every user error."""
    typer.echo(f"storydiff: error: {one_line(message)}", err=True)
    raise typer.Exit(2)


def main() -> None:
    """Run the command line and end the process without tearing the interpreter down
    (``exit_now``)."""
    try:
        app()
    except SystemExit as exc:
        exit_now(exc.code)
    exit_now(0)


def exit_now(code: int | str | None) -> NoReturn:
    """End the process with ``code`` as ``sys.exit(code)`` would, less the teardown of
    every module and object of the import graph: that took 0.08 s of a one-second cold
    ``compare`` (``import storydiff.cli`` and exit: median 0.42 s, with os._exit 0.34 s,
    12 runs). What an exit must still do is done: the atexit handlers (logging,
    multiprocessing) run and the standard streams are flushed. While another thread runs
    the exit is the ordinary one, which waits for it."""
    if threading.active_count() > 1:
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message") prints the message and ends with 1
        if sys.stderr is not None:
            print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started without it (>&-)
            continue
        try:
            stream.flush()
        except BrokenPipeError:  # a reader that had enough (| head): nothing to say
            pass
        except (OSError, ValueError) as exc:  # a full disk, a closed stream
            if stream is sys.stdout:
                problem = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                with contextlib.suppress(Exception):
                    print(
                        f"storydiff: error: could not write the output: {problem}", file=sys.stderr
                    )
                    sys.stderr.flush()
                status = status or 2
    os._exit(status)


# index, find, cluster and pipeline live in their own modules; importing them registers
# them on ``app``.
from storydiff import cli_collection, cli_pipeline  # noqa: E402, F401
