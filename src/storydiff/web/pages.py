"""The web app's HTML pages: the upload page and a stored comparison's report.

Both the server and its worker processes render with these: the server the small pages
(the empty upload page, an error without pasted text), the workers everything whose size
depends on what a client sent (a report of thousands of sentences, an error page that
gives the pasted texts back).
"""

from __future__ import annotations

import json
from functools import cache
from typing import NamedTuple

from jinja2 import Environment, PackageLoader, select_autoescape

from storydiff.analyse import MAX_SENTENCES
from storydiff.model import Comparison
from storydiff.readers.base import format_size
from storydiff.report import render_html


class Limits(NamedTuple):
    """What the upload page states: bytes per document, seconds per comparison."""

    max_bytes: int
    timeout_s: float


@cache
def environment() -> Environment:
    """The page templates, autoescaped (everything from a document is text)."""
    return Environment(
        loader=PackageLoader("storydiff.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )


def index_page(
    limits: Limits, error: str | None = None, texts: dict[str, str] | None = None
) -> str:
    """The upload/paste page, with an error and the pasted texts given back if any."""
    return (
        environment()
        .get_template("index.html.j2")
        .render(
            error=error,
            texts=texts or {},
            max_size=format_size(limits.max_bytes),
            max_sentences=f"{MAX_SENTENCES:,}",
            timeout=f"{limits.timeout_s:g}",
        )
    )


def docs_page() -> str:
    """The API docs page (Swagger UI from local assets)."""
    return environment().get_template("docs.html.j2").render()


def report_page(stored: str, key: str) -> str:
    """The HTML report of a stored comparison (its JSON text as the store keeps it)."""
    links = {"JSON": f"/api/comparisons/{key}", "New comparison": "/"}
    return render_html(Comparison.from_dict(json.loads(stored)), links)
