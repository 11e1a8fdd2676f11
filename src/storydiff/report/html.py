"""A self-contained HTML side-by-side report (one file, no external assets, no JS needed).

Everything that comes from a document goes through Jinja2's autoescaping: a document that
contains ``<script>``, event-handler attributes or ``javascript:`` links renders as text.
Fact highlighting is prepared here as a list of (text, fact) segments so that the
template never concatenates raw HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from storydiff.facts.diff import is_shown
from storydiff.model import Article, Comparison

TYPE_LABEL = {
    "money": "money",
    "percent": "percent",
    "number": "number",
    "date": "date",
    "time": "time",
    "person": "person",
    "organization": "organisation",
    "location": "place",
    "quote": "quote",
    "source": "source",
}


@dataclass
class Segment:
    text: str
    type: str | None = None
    conflict: int | None = None  # footnote number of the conflict this fact is part of
    other: str | None = None  # the counterpart's text, shown on hover


@dataclass
class Side:
    sentences: list[tuple[int, list[Segment]]] = field(default_factory=list)


@dataclass
class Row:
    anchor: str
    kind: str  # aligned | only_a | only_b
    score: float
    a: Side
    b: Side
    paragraph_break: bool = False
    placed: bool = False  # linked by its place between two links (``Bead.placed``)


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("storydiff.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(comparison: Comparison, links: dict[str, str] | None = None) -> str:
    """The whole report as one HTML string. ``links`` (label -> URL) are shown in the
    header when the report is served by the web app (JSON download, new comparison)."""
    conflicts = _conflict_marks(comparison)
    rows = _rows(comparison, conflicts)
    row_of = {}
    for row in rows:
        for i, _ in row.a.sentences:
            row_of[("a", i)] = row.anchor
        for j, _ in row.b.sentences:
            row_of[("b", j)] = row.anchor
    differences = []
    for n, d in enumerate(comparison.fact_differences, 1):
        side = "a" if d["a"] else "b"
        differences.append(
            {
                **d,
                "n": n,
                "shown": is_shown(d),
                "anchor": row_of.get((side, d[side]["sentence"]), ""),
            }
        )
    sources = {
        key: sorted({f.text for f in art.facts if f.type == "source"})
        for key, art in (("a", comparison.a), ("b", comparison.b))
    }
    shown = [d for d in comparison.fact_differences if is_shown(d)]
    counts = {
        "conflicts": sum(d["kind"] == "conflict" for d in shown),
        "polarity": sum(d["kind"] == "polarity" for d in shown),
        "only_facts": sum(d["kind"].startswith("only") for d in shown),
        "only_a": len(comparison.only_in_a),
        "only_b": len(comparison.only_in_b),
    }
    return (
        _env()
        .get_template("report.html.j2")
        .render(
            c=comparison,
            rows=rows,
            differences=differences,
            sources=sources,
            counts=counts,
            labels=TYPE_LABEL,
            links=links or {},
        )
    )


def _conflict_marks(c: Comparison) -> dict[tuple[str, int, str], tuple[int, str]]:
    """(side, sentence, fact text) -> (footnote number, counterpart text) for conflicts."""
    marks: dict[tuple[str, int, str], tuple[int, str]] = {}
    for n, d in enumerate(c.fact_differences, 1):
        if d["kind"] != "conflict" or not is_shown(d):
            continue
        marks[("a", d["a"]["sentence"], d["a"]["text"])] = (n, d["b"]["text"])
        marks[("b", d["b"]["sentence"], d["b"]["text"])] = (n, d["a"]["text"])
    return marks


def _segments(article: Article, index: int, side: str, marks) -> list[Segment]:
    sentence = article.sentences[index]
    facts = sorted(
        (f for f in article.facts if f.sentence == index and f.type != "quote"),
        key=lambda f: (f.start, -(f.end - f.start)),
    )
    out: list[Segment] = []
    cursor = sentence.start
    for f in facts:
        if f.start < cursor:
            continue  # overlapping facts: the first, longest one is shown
        out.append(Segment(article.text[cursor : f.start]))
        mark = marks.get((side, index, f.text))
        out.append(
            Segment(
                article.text[f.start : f.end],
                type=f.type,
                conflict=mark[0] if mark else None,
                other=mark[1] if mark else None,
            )
        )
        cursor = f.end
    out.append(Segment(article.text[cursor : sentence.end]))
    return [s for s in out if s.text]


def _rows(c: Comparison, marks) -> list[Row]:
    rows: list[Row] = []
    last_para: tuple[Any, Any] = (None, None)
    for n, bead in enumerate(c.alignment):
        kind = "aligned" if bead.a and bead.b else ("only_a" if bead.a else "only_b")
        para = (
            c.a.sentences[bead.a[0]].paragraph if bead.a else last_para[0],
            c.b.sentences[bead.b[0]].paragraph if bead.b else last_para[1],
        )
        rows.append(
            Row(
                anchor=f"row-{n}",
                kind=kind,
                score=bead.score,
                placed=bead.placed,
                a=Side([(i, _segments(c.a, i, "a", marks)) for i in bead.a]),
                b=Side([(j, _segments(c.b, j, "b", marks)) for j in bead.b]),
                paragraph_break=n > 0 and para != last_para,
            )
        )
        last_para = para
    return rows
