"""Reporters: render a Comparison for a terminal, as JSON, (later) as HTML."""

from storydiff.report.html import render_html
from storydiff.report.json import comparison_json
from storydiff.report.terminal import render_facts, render_terminal

__all__ = ["comparison_json", "render_facts", "render_html", "render_terminal"]
