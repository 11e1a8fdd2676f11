"""What the CLI's analysis process runs: the analysis and the report's rendering together.

``--timeout`` is the limit of the whole command, so the report is drawn (terminal table,
JSON, HTML) in the same child process as the analysis, and killed with it at the deadline:
drawing the report of a long pair can take longer than comparing it. The parent only
writes the finished text. Functions here are module-level, so they can be sent to a
process; their results are plain strings.
"""

from __future__ import annotations

import io
import json
from typing import NamedTuple

from rich.console import Console

from storydiff.aligner import align_documents
from storydiff.compare import CompareOptions, compare
from storydiff.inputs import Input, load_article
from storydiff.report import comparison_json, render_facts, render_terminal
from storydiff.score import format_beads


class Screen(NamedTuple):
    """How a terminal report is drawn: width in columns, colour system (None: plain
    text) and whether it goes to a terminal (rich's choices, made where the output is)."""

    width: int
    color_system: str | None = None
    terminal: bool = False

    @classmethod
    def of(cls, console: Console) -> Screen:
        """The choices rich made for ``console``."""
        return cls(console.width, console.color_system, console.is_terminal)

    def console(self, file: io.StringIO) -> Console:
        """A console that draws into ``file`` as it would on the real output."""
        return Console(
            file=file,
            width=self.width,
            color_system=self.color_system,  # type: ignore[arg-type]
            force_terminal=self.terminal,
            no_color=self.color_system is None,
            highlight=False,
        )


class CompareReports(NamedTuple):
    """The finished outputs of ``storydiff compare``."""

    summary: str  # the verdict in one line
    html: str | None  # the HTML report, when --html was given
    report: str | None  # the terminal or JSON report, when one is printed or written


def compare_reports(
    a: Input,
    b: Input,
    *,
    encoder: str,
    options: CompareOptions,
    html: bool,
    fmt: str | None,
    screen: Screen,
    show_all: bool = False,
) -> CompareReports:
    """Compare and draw what the command asked for: ``fmt`` "json", "terminal", or None
    (no report besides the HTML file)."""
    result = compare(a, b, encoder=encoder, options=options)
    coverage = f"coverage A {result.coverage_a:.0%}, B {result.coverage_b:.0%}"
    summary = f"{result.verdict.replace('_', ' ')} ({coverage})"
    report = None
    if fmt == "json":
        report = comparison_json(result) + "\n"
    elif fmt == "terminal":
        report = _draw(screen, lambda console: render_terminal(result, console, show_all=show_all))
    if html:
        from storydiff.report.html import render_html

        return CompareReports(summary, render_html(result), report)
    return CompareReports(summary, None, report)


def facts_report(source: Input, *, max_bytes: int, fmt: str, screen: Screen) -> str:
    """The facts of one article, as JSON or as a terminal table."""
    article = load_article(source, max_bytes=max_bytes)
    if fmt == "json":
        facts = [f.to_dict() for f in article.facts]
        payload = {"source": article.source, "language": article.language, "facts": facts}
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    return _draw(screen, lambda console: render_facts(article, console))


def align_report(
    a: Input, b: Input, *, presegmented: bool, encoder: str, max_bytes: int, fmt: str
) -> str:
    """The alignment as Vecalign's beads (``fmt`` "beads") or as JSON."""
    result = align_documents(a, b, presegmented=presegmented, encoder=encoder, max_bytes=max_bytes)
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    return format_beads((bead.a, bead.b, bead.score) for bead in result.beads)


def _draw(screen: Screen, draw) -> str:
    buffer = io.StringIO()
    draw(screen.console(buffer))
    return buffer.getvalue()
