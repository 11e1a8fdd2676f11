"""``storydiff index``, ``find`` and ``cluster``: thin handlers over :class:`Index`.

Registered on the main ``storydiff`` command (``storydiff.cli``). Like every command, a
user error is one line on stderr and exit code 2. Indexing shows a progress bar with the
rate and, over the input files, the time left; Ctrl-C stops it cleanly (what is stored
stays stored, and the same command carries on later).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from storydiff.cli import _MAX_BYTES_HELP, Format, _check_outputs, _fail, _screen, _write, app
from storydiff.cli_limits import bytes_error
from storydiff.errors import InputError
from storydiff.model import Hits, Story
from storydiff.readers import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from storydiff.collection import Index

# standard input as an input name (``readers.records.STDIN``; that module and rich's
# progress bar are imported by the commands that use them, not by every command)
STDIN = "-"
MAX_WINDOW_DAYS = 3650  # ten years: a longer window is no window
_DB_HELP = "The collection: a SQLite file (created by storydiff index)"
_WINDOW = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([hdw]?)\s*$")


class ClusterFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    jsonl = "jsonl"


def parse_window(text: str) -> float:
    """'7d' -> 7.0, '36h' -> 1.5, '2w' -> 14.0, '3' -> 3.0 (days). Exits 2 on anything else."""
    m = _WINDOW.match(text)
    if not m or float(m.group(1)) <= 0:
        _fail(f"--window must be a positive number of days, hours or weeks (7d, 36h, 2w): {text!r}")
        raise AssertionError  # unreachable: _fail exits
    scale = {"h": 1 / 24, "d": 1.0, "": 1.0, "w": 7.0}[m.group(2)]
    days = float(m.group(1)) * scale
    if days > MAX_WINDOW_DAYS:
        _fail(f"--window must be at most {MAX_WINDOW_DAYS} days (got {text!r})")
    return days


def _progress_bar(title: str, counts: str, console: Console, quiet: bool):
    """A rich progress bar for a long store write: the title, the bar, done/total, the
    ``counts`` column (a rich format over the task's fields), elapsed time and ETA;
    silent when ``quiet`` or when stderr is no terminal."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn(f"[bold]{title}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(counts),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=quiet or not console.is_terminal,
    )


def _interrupted(index: Index, kept: str) -> NoReturn:
    """Ctrl-C during a long store write: close the store (what was committed stays), say
    what is kept and how to carry on, and exit 130."""
    index.close()
    typer.echo(f"storydiff: interrupted; {kept}. Run the same command again to carry on", err=True)
    raise typer.Exit(130) from None


def _open(db: Path, encoder: str, *, create: bool):
    from storydiff.collection import Index

    try:
        return Index.open(db, encoder=encoder, create=create)
    except InputError as exc:
        _fail(str(exc))
        raise  # unreachable


def _files_in(inputs: list[Path]) -> list[Path]:
    from storydiff.readers.records import walk

    out: list[Path] = []
    for path in inputs:
        if str(path) == STDIN:
            if path in out:
                _fail("standard input (-) can be read only once")
            out.append(path)
            continue
        if not path.exists():
            _fail(f"{path}: no such file or folder. Check the path")
        out += walk(path) if path.is_dir() else [path]
    return out


@app.command("index")
def index_cmd(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders: text, HTML, JSONL feeds, WARC(.gz); - reads standard "
            "input (a JSONL feed, or one article)"
        ),
    ] = None,
    db: Annotated[Path, typer.Option(help=_DB_HELP)] = Path("storydiff.sqlite"),
    from_run: Annotated[
        Path | None,
        typer.Option(help="Load the analysed articles of a finished storydiff pipeline run"),
    ] = None,
    encoder: Annotated[str, typer.Option(help="Sentence encoder: use, e5, sbert:<path>")] = "use",
    max_bytes: Annotated[int, typer.Option(help=_MAX_BYTES_HELP)] = DEFAULT_MAX_BYTES,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="Summary as text or JSON")
    ] = Format.terminal,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar")] = False,
    prepare: Annotated[
        bool,
        typer.Option(
            "--prepare",
            help="Also work out every article's facts and E5 lead now, which a first find "
            "or cluster would otherwise do: first finds take half the time, indexing about "
            "four times as long",
        ),
    ] = False,
) -> None:
    """Add articles to a collection; a re-run adds only what is new. Without inputs,
    bring the collection's articles up to date (what an older storydiff did not store)."""
    if inputs and from_run is not None:
        _fail("pass either input files or folders, or --from-run RUN, not both")
    if problem := bytes_error("--max-bytes", max_bytes):
        _fail(problem)
    if from_run is not None:
        _index_run(from_run, db, encoder, format, prepare, quiet)
        return
    if not inputs:
        _complete(db, encoder, format, quiet, prepare)
        return
    files = _files_in(inputs or [])
    index = _open(db, encoder, create=True)
    console = Console(stderr=True)
    sizes = {str(f): 1 if str(f) == STDIN else max(1, f.stat().st_size) for f in files}
    progress = _progress_bar(
        "indexing", "files · {task.fields[records]} records · {task.fields[rate]}/s", console, quiet
    )
    task = progress.add_task("index", total=len(files), records=0, rate="0")
    done_files: set[str] = set()

    def tick(n: int, position: str) -> None:
        current = next((f for f in sizes if position == f or position.startswith(f + " ")), None)
        if current is not None and current not in done_files:
            done_files.add(current)
            progress.update(task, completed=len(done_files) - 1)
        elapsed = progress.tasks[0].elapsed or 0.0
        progress.update(task, records=n, rate=f"{n / elapsed:.1f}" if elapsed else "0")

    try:
        with progress:
            report = index.add(files, max_bytes=max_bytes, progress=tick)
            progress.update(task, completed=len(files))
    except KeyboardInterrupt:
        _interrupted(index, "what was stored is kept")
    except InputError as exc:
        index.close()
        _fail(str(exc))
    prepared = _prepare(index, console, quiet) if prepare else None
    total = len(index)
    index.close()
    if format is Format.json:
        payload = {**report.to_dict(), **_prepared_json(prepared), "articles": total}
        _write(json.dumps(payload, indent=2) + "\n", None)
        return
    for position, reason in report.bad[:20]:
        typer.echo(f"storydiff: skipped {position}: {reason}", err=True)
    if len(report.bad) > 20:
        typer.echo(f"storydiff: ... and {len(report.bad) - 20} more bad records", err=True)
    for what, n in sorted(report.notes.items()):
        typer.echo(f"storydiff: {n} record{'s' if n != 1 else ''} with a {what}", err=True)
    skipped = ", ".join(f"{n} {why}" for why, n in sorted(report.skipped.items()))
    typer.echo(
        f"added {report.added} articles ({report.duplicates} duplicates recorded as sources, "
        f"{report.already_indexed} already indexed, {len(report.bad)} bad records"
        + (f"; skipped {skipped}" if skipped else "")
        + f"); {total} articles in {db}"
        + _prepared_text(prepared)
    )


def _article_pass(
    index: Index,
    title: str,
    missing: int,
    work: Callable[..., int],
    console: Console,
    quiet: bool,
    kept: str,
) -> int:
    """Run ``work(progress=tick)`` (an ``Index`` method that goes over ``missing`` stored
    articles batch by batch) under a progress bar, unless nothing is missing; Ctrl-C
    closes the store and says what is ``kept``, a store that cannot be written fails."""
    progress = _progress_bar(
        title, "articles · {task.fields[rate]}/s", console, quiet or not missing
    )
    task = progress.add_task(title, total=missing, rate="0")

    def tick(done: int, _last: str) -> None:
        elapsed = progress.tasks[0].elapsed or 0.0
        progress.update(task, completed=done, rate=f"{done / elapsed:.1f}" if elapsed else "0")

    try:
        with progress:
            return work(progress=tick) if missing else 0
    except KeyboardInterrupt:
        _interrupted(index, kept)
    except InputError as exc:
        index.close()
        _fail(str(exc))
        raise  # unreachable


def _prepare(index: Index, console: Console, quiet: bool) -> int:
    """``--prepare``: ``Index.prepare`` with a progress bar; Ctrl-C keeps what is done."""
    return _article_pass(
        index,
        "preparing",
        index.unprepared(),
        index.prepare,
        console,
        quiet,
        "what was stored and prepared is kept",
    )


def _prepared_json(prepared: int | None) -> dict[str, int]:
    """The ``"prepared"`` entry of an index summary in JSON (none without --prepare)."""
    return {} if prepared is None else {"prepared": prepared}


def _prepared_text(prepared: int | None) -> str:
    """The end of an index summary line that says what --prepare did (empty without)."""
    return "" if prepared is None else f"; prepared {prepared} for finding"


def _complete(db: Path, encoder: str, format: Format, quiet: bool, prepare: bool) -> None:
    """``storydiff index --db X`` without inputs: add the run parts that articles stored
    by an older storydiff lack (``Index.fill_run_parts``), with a progress bar, and with
    ``--prepare`` the articles' facts and E5 leads; what is added is kept batch by batch,
    so Ctrl-C loses nothing and a re-run carries on."""
    if not db.exists():
        _fail(
            f"{db}: no such collection. Pass the files to index "
            "(storydiff index FILES... --db DB), or the --db of an existing one"
        )
    index = _open(db, encoder, create=False)
    console = Console(stderr=True)
    added = _article_pass(
        index,
        "adding run parts",
        index.missing_run_parts(),
        index.fill_run_parts,
        console,
        quiet,
        "the run parts added so far are kept",
    )
    prepared = _prepare(index, console, quiet) if prepare else None
    total = len(index)
    made = index.encoder.parts_key is not None
    index.close()
    if format is Format.json:
        payload = {
            "run_parts_added": added,
            "articles": total,
            "encoder_makes_run_parts": made,
            **_prepared_json(prepared),
        }
        _write(json.dumps(payload, indent=2) + "\n", None)
        return
    then = _prepared_text(prepared)
    if not made:
        typer.echo(
            f"nothing to add: the {encoder} encoder keeps no run parts; {total} articles "
            f"in {db}{then}"
        )
        return
    typer.echo(
        f"added run parts to {added} articles ({total - added} had them or are too long "
        f"to need them); {total} articles in {db}, up to date{then}"
    )


def slow_store_hint(index: Index, db: Path) -> None:
    """One line on stderr when a search or clustering aligned stored articles without
    their run parts (a store of an older storydiff): what to run to make it fast."""
    n = index.aligned_without_parts
    if n:
        typer.echo(
            f"storydiff: {n} article{'s' if n != 1 else ''} of {db} had to be embedded "
            f"again (stored without run parts by an older storydiff); run "
            f"'storydiff index --db {db}' once to add them and make find and cluster faster",
            err=True,
        )


def _index_run(
    run: Path, db: Path, encoder: str, format: Format, prepare: bool, quiet: bool
) -> None:
    from storydiff.pipeline import load_run_into
    from storydiff.pipeline.results import finished_run

    try:
        finished_run(run)  # before the collection is created
    except InputError as exc:
        _fail(str(exc))
    index = _open(db, encoder, create=True)
    try:
        report = load_run_into(index, run)
    except InputError as exc:
        index.close()
        _fail(str(exc))
        raise  # unreachable
    prepared = _prepare(index, Console(stderr=True), quiet) if prepare else None
    total = len(index)
    index.close()
    if format is Format.json:
        payload = {**report.to_dict(), **_prepared_json(prepared), "articles": total}
        _write(json.dumps(payload, indent=2) + "\n", None)
        return
    typer.echo(
        f"added {report.added} articles from {run} ({report.duplicates} already stored, "
        f"recorded as sources); {total} articles in {db}" + _prepared_text(prepared)
    )


@app.command("find")
def find_cmd(
    query: Annotated[
        Path | None, typer.Argument(help="The article to look for: a .txt/.html file, or -")
    ] = None,
    db: Annotated[Path, typer.Option(help=_DB_HELP)] = Path("storydiff.sqlite"),
    article_id: Annotated[
        int | None, typer.Option("--id", help="Look for a stored article by its id instead")
    ] = None,
    k: Annotated[int, typer.Option("-k", "--top", help="How many versions to return")] = 10,
    since: Annotated[
        str | None, typer.Option(help="Only articles dated on or after (YYYY-MM-DD)")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only articles dated on or before (YYYY-MM-DD)")
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="Only these languages, comma-separated (de,fr)")
    ] = None,
    encoder: Annotated[str, typer.Option(help="Sentence encoder: use, e5, sbert:<path>")] = "use",
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format")] = (
        Format.terminal
    ),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file")] = None,
    all_hits: Annotated[
        bool, typer.Option("--all", help="Also list candidates found to be different stories")
    ] = False,
) -> None:
    """Find the versions of a story in a collection, each verified by alignment."""
    if (query is None) == (article_id is None):
        _fail("pass either an article file (or -) or --id N, not both or neither")
    if not 1 <= k <= 1000:
        _fail(f"-k must be 1 to 1000 (got {k})")
    for name, value in (("--since", since), ("--until", until)):
        _valid_date(name, value)
    inputs = {"--db": str(db)} | ({"the query": str(query)} if query is not None else {})
    _check_outputs(inputs, {"--output": output})
    languages = [x.strip().lower() for x in lang.split(",") if x.strip()] if lang else None
    index = _open(db, encoder, create=False)
    try:
        target = article_id if article_id is not None else str(query)
        article, hits = index.find(
            target, k=k, since=since, until=until, languages=languages, keep_different=all_hits
        )
    except KeyError:
        _fail(f"no article with id {article_id} in {db}")
        raise  # unreachable
    except InputError as exc:
        _fail(str(exc))
        raise
    finally:
        index.close()
    slow_store_hint(index, db)
    payload = find_payload(article, hits, article_id)
    if format is Format.json:
        _write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", output)
        return
    _write(_drawn(lambda console: _print_hits(console, payload), output), output)


def _drawn(draw, output: Path | None) -> str:
    """A rich report drawn into a string, as ``compare`` draws its own (cli._screen):
    for the terminal as it is, for a file as plain text."""
    import io

    buffer = io.StringIO()
    draw(_screen(output, None).console(buffer))
    return buffer.getvalue()


def _valid_date(name: str, value: str | None) -> None:
    from datetime import date

    if value is None:
        return
    try:
        ok = len(value) == 10 and value.isascii() and bool(date.fromisoformat(value))
    except ValueError:
        ok = False
    if not ok:
        _fail(f"{name} must be a calendar date as YYYY-MM-DD (got {value!r})")


def find_payload(article, hits: Hits, article_id: int | None) -> dict:
    """The JSON of ``find``: the query's summary and the hits, best first."""
    query = {
        "id": article_id,
        "source": article.source,
        "title": article.title,
        "language": article.language,
        "date": article.date,
        "sentences": len(article.sentences),
    }
    # verified candidates left out as different stories (listed with --all / "all": true)
    left_out = hits.left_out
    return {"query": query, "hits": [h.to_dict() for h in hits], "left_out_different": left_out}


def _print_hits(console: Console, payload: dict) -> None:
    q = payload["query"]
    name = escape(q["title"] or q["source"])
    console.print(f"[bold]{name}[/bold] ({q['language']}, {q['sentences']} sentences)")
    left_out = payload.get("left_out_different", 0)
    if not payload["hits"]:
        console.print("No versions found (--all lists the candidates that were different stories).")
        return
    table = Table(show_lines=False)
    for col in ("#", "story", "verdict", "lang", "date", "title / source", "differences"):
        table.add_column(col)
    for n, h in enumerate(payload["hits"], 1):
        diffs = "; ".join(_difference(d) for d in h["fact_differences"][:2])
        table.add_row(
            str(n),
            f"{h['story_similarity']:.2f}",
            h["verdict"].replace("_", " "),
            h["language"] or "?",
            (h["date"] or "")[:10],
            Text(f"{h['title'] or ''}\n{h['source']}".strip()),
            Text(diffs),
        )
    console.print(table)
    if left_out:
        stories = "story" if left_out == 1 else "stories"
        console.print(
            f"{left_out} more candidate(s) left out as different {stories} (--all lists them)."
        )


def _difference(d: dict) -> str:
    a = (d.get("a") or {}).get("text", "—")
    b = (d.get("b") or {}).get("text", "—")
    return f"{d['type']}: {a} ≠ {b}"


@app.command("cluster")
def cluster_cmd(
    db: Annotated[Path, typer.Option(help=_DB_HELP)] = Path("storydiff.sqlite"),
    from_run: Annotated[
        Path | None,
        typer.Option(help="The stories of a finished storydiff pipeline run, instead of --db"),
    ] = None,
    window: Annotated[
        str, typer.Option(help="A story closes when not seen for this long (7d, 36h, 2w)")
    ] = "7d",
    min_size: Annotated[int, typer.Option(help="Only stories with this many articles")] = 1,
    encoder: Annotated[str, typer.Option(help="Sentence encoder: use, e5, sbert:<path>")] = "use",
    format: Annotated[
        ClusterFormat, typer.Option("--format", "-f", help="terminal, json or jsonl")
    ] = ClusterFormat.terminal,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file")] = None,
) -> None:
    """Group the collection's articles into stories across languages (incremental)."""
    from storydiff.collection.cluster import assign_stories, load_stories

    days = parse_window(window)
    if min_size < 1:
        _fail(f"--min-size must be at least 1 (got {min_size})")
    if from_run is not None:
        from storydiff.pipeline import load_run_stories

        if window != "7d" or encoder != "use" or db != Path("storydiff.sqlite"):
            _fail(
                "--from-run gives the run's own stories: --window, --encoder and --db do "
                "not apply (the run's settings hold; see storydiff pipeline status)"
            )

        try:
            stories = load_run_stories(from_run, min_size=min_size)
        except InputError as exc:
            _fail(str(exc))
            raise
        _check_outputs(_run_files(from_run), {"--output": output})
    else:
        _check_outputs({"--db": str(db)}, {"--output": output})
        index = _open(db, encoder, create=False)
        try:
            assign_stories(index, window_days=days)
            stories = load_stories(index, min_size=min_size)
        finally:
            index.close()
        slow_store_hint(index, db)
    if format is ClusterFormat.jsonl:
        _write("".join(json.dumps(s.to_dict(), ensure_ascii=False) + "\n" for s in stories), output)
    elif format is ClusterFormat.json:
        text = json.dumps([s.to_dict() for s in stories], ensure_ascii=False, indent=2)
        _write(text + "\n", output)
    else:
        _write(_drawn(lambda console: _print_stories(console, stories), output), output)


def _run_files(run: Path) -> dict[str, str]:
    """A run's input files and its own files, named for _check_outputs."""
    from storydiff.pipeline.layout import RunDir

    plan = RunDir(run).plan()
    inputs = [f for shard in plan["shards"] for f in shard["files"]]
    own = [str(p) for p in Path(run).rglob("*") if p.is_file()]
    return {f"an input of the run: {f}": f for f in inputs} | {
        f"a file of the run: {f}": f for f in own
    }


def describe_disagreement(d: dict) -> str:
    """'money: 6,5 Mrd. in 12 versions, 7,5 Mrd. in 1'"""
    parts = [
        f"{v['text']} in {v['count']} version{'s' if v['count'] != 1 else ''}" for v in d["values"]
    ]
    return f"{d['type']}: " + ", ".join(parts)


def _print_stories(console: Console, stories: list[Story]) -> None:
    multi = [s for s in stories if s.size > 1]
    console.print(f"{len(stories)} stories, {len(multi)} with more than one version")
    for s in stories:
        first = s.articles[0]
        console.print(
            f"[bold]#{s.id}[/bold] {s.size} version{'s' if s.size != 1 else ''} "
            f"({', '.join(s.languages) or '?'}) {escape(first['title'] or first['source'])}"
        )
        for d in s.disagreements[:3]:
            console.print(Text("    " + describe_disagreement(d), style="red"))
