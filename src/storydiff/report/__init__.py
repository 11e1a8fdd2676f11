"""Reporters: render a Comparison for a terminal, as JSON, (later) as HTML."""

from typing import Any

from storydiff.report.json import comparison_json
from storydiff.report.terminal import render_facts, render_terminal


def __getattr__(name: str) -> Any:
    # the HTML report (and jinja2 behind it) is imported when it is asked for, not by
    # every ``storydiff compare``
    if name == "render_html":
        from storydiff.report.html import render_html

        return render_html
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["comparison_json", "render_facts", "render_html", "render_terminal"]
