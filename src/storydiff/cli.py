"""The ``storydiff`` command: thin handlers over the library.

Every user error (InputError) becomes one line on stderr and exit code 2; a traceback
means a bug in storydiff.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from storydiff import __version__
from storydiff.aligner import align_documents
from storydiff.compare import CompareOptions, compare
from storydiff.errors import InputError
from storydiff.inputs import load_article
from storydiff.readers import DEFAULT_MAX_BYTES
from storydiff.report import comparison_json, render_facts, render_html, render_terminal
from storydiff.score import format_beads

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Find the same news story in any language, align the versions, show what differs.",
)


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
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format")] = (
        Format.terminal
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file")
    ] = None,
    encoder: Annotated[
        str, typer.Option(help="Sentence encoder: use (bundled), e5, or sbert:<model path>")
    ] = "use",
    keep_boilerplate: Annotated[
        bool, typer.Option("--keep-boilerplate", help="Compare page furniture lines too")
    ] = False,
    max_bytes: Annotated[
        int, typer.Option(help="Refuse inputs larger than this many bytes")
    ] = DEFAULT_MAX_BYTES,
    width: Annotated[
        int | None, typer.Option(help="Terminal report width (default: the terminal's)")
    ] = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a self-contained HTML report")
    ] = None,
    show_all: Annotated[
        bool,
        typer.Option("--all", help="Also show less certain fact differences (JSON has all)"),
    ] = False,
) -> None:
    """Compare two versions of a story: verdict, aligned sentences, what is only in one."""
    if a == "-" and b == "-":
        _fail("A and B cannot both be standard input")
    options = CompareOptions(keep_boilerplate=keep_boilerplate, max_bytes=max_bytes)
    try:
        result = compare(_path(a), _path(b), encoder=encoder, options=options)
    except InputError as exc:
        _fail(str(exc))
    if html is not None:
        with _open_output(html) as fh:
            fh.write(render_html(result))
    if format is Format.json:
        _write(comparison_json(result) + "\n", output)
        return
    _render(lambda console: render_terminal(result, console, show_all=show_all), output, width)


@app.command("facts")
def facts_cmd(
    source: Annotated[str, typer.Argument(help="An article: a .txt or .html file, or -")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format")] = (
        Format.terminal
    ),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file")] = None,
    max_bytes: Annotated[
        int, typer.Option(help="Refuse inputs larger than this many bytes")
    ] = DEFAULT_MAX_BYTES,
    width: Annotated[int | None, typer.Option(help="Terminal report width")] = None,
) -> None:
    """List the facts of one article with their language-neutral values."""
    try:
        article = load_article(_path(source), max_bytes=max_bytes)
    except InputError as exc:
        _fail(str(exc))
    if format is Format.json:
        facts = [f.to_dict() for f in article.facts]
        payload = {"source": article.source, "language": article.language, "facts": facts}
        _write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", output)
        return
    _render(lambda console: render_facts(article, console), output, width)


@app.command("serve")
def serve_cmd(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    db: Annotated[Path | None, typer.Option(help="SQLite file for stored comparisons")] = None,
    max_bytes: Annotated[
        int, typer.Option(help="Refuse documents larger than this many bytes")
    ] = DEFAULT_MAX_BYTES,
    timeout: Annotated[float, typer.Option(help="Seconds allowed per comparison")] = 120.0,
) -> None:
    """Run the web app and REST API (http://HOST:PORT, API docs at /docs)."""
    import uvicorn

    from storydiff.web.app import Settings, create_app, default_db_path

    settings = Settings(db_path=db or default_db_path(), max_bytes=max_bytes, timeout_s=timeout)
    try:
        application = create_app(settings)
    except OSError as exc:
        _fail(f"{settings.db_path}: cannot open the database ({exc.strerror or exc})")
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
    max_bytes: Annotated[
        int, typer.Option(help="Refuse inputs larger than this many bytes")
    ] = DEFAULT_MAX_BYTES,
) -> None:
    """Align the sentences of two texts (Vecalign's output format by default)."""
    if a == "-" and b == "-":
        _fail("A and B cannot both be standard input")
    try:
        result = align_documents(
            _path(a), _path(b), presegmented=presegmented, encoder=encoder, max_bytes=max_bytes
        )
    except InputError as exc:
        _fail(str(exc))
    if format is AlignFormat.json:
        _write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", output)
    else:
        _write(format_beads((bead.a, bead.b, bead.score) for bead in result.beads), output)


def _path(arg: str) -> str | Path:
    """A command-line argument always names a file (or ``-``), never inline text."""
    return arg if arg == "-" else Path(arg)


def _render(draw: Callable[[Console], None], output: Path | None, width: int | None) -> None:
    """Draw a rich report on the terminal, or as plain text into ``output``."""
    if output is None:
        draw(Console(width=width, highlight=False))
        return
    with _open_output(output) as fh:
        draw(Console(file=fh, width=width or 120, no_color=True))


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    with _open_output(output) as fh:
        fh.write(text)


def _open_output(output: Path):
    try:
        return output.open("w", encoding="utf-8")
    except OSError as exc:
        _fail(f"{output}: cannot write ({exc.strerror or exc})")


def _fail(message: str) -> None:
    """One line on stderr, exit code 2: the contract for every user error."""
    typer.echo(f"storydiff: error: {message}", err=True)
    raise typer.Exit(2)


def main() -> None:
    app()
