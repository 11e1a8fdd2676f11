"""A readable terminal report: header, structure differences, aligned table, boilerplate.

Built with rich so that the table wraps to the terminal's width (80 or 160 columns) and
colours degrade to plain text when output is redirected.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from storydiff.errors import one_line
from storydiff.facts.diff import is_shown
from storydiff.model import Article, Bead, Comparison

VERDICT_STYLE = {"same_story": "bold green", "related": "bold yellow", "different": "bold red"}
VERDICT_TEXT = {
    "same_story": "same story (versions of one article)",
    "related": "related (same subject, reported separately)",
    "different": "different stories",
}


def render_terminal(comparison: Comparison, console: Console, *, show_all: bool = False) -> None:
    """Print the whole report to ``console``: the confident fact differences, or every
    one with ``show_all`` (``--all``)."""
    console.print(_header(comparison))
    shown = [d for d in comparison.fact_differences if show_all or is_shown(d)]
    if shown:
        console.print(_facts(comparison, shown))
    hidden = len(comparison.fact_differences) - len(shown)
    if hidden:
        console.print(
            Text(
                f"{_count(hidden, 'less certain fact difference')} not shown; --all shows them.",
                style="dim",
            )
        )
    if comparison.structure_differences:
        console.print(_structure(comparison))
    console.print(_alignment_table(comparison, console.width))
    boiler = _boilerplate(comparison)
    if boiler is not None:
        console.print(boiler)


def _header(c: Comparison) -> Panel:
    lines = Text()
    lines.append("Verdict     ", style="bold")
    lines.append(VERDICT_TEXT[c.verdict], style=VERDICT_STYLE[c.verdict])
    lines.append(f"\nSimilarity  {c.similarity:.2f}")
    lines.append(f"   coverage A {c.coverage_a:.0%}, B {c.coverage_b:.0%}")
    lines.append(f"   same story {c.story_similarity:.2f}")
    for side, art in (("A", c.a), ("B", c.b)):
        lines.append(f"\n{side}  ", style="bold")
        lines.append(
            f"{one_line(art.source)}  [{art.language or '?'}]  {len(art.sentences)} sentences"
        )
    lines.append(
        f"\nOnly in A: {_count(len(c.only_in_a), 'sentence')}   "
        f"only in B: {_count(len(c.only_in_b), 'sentence')}"
    )
    return Panel(lines, title="storydiff compare", box=box.ROUNDED, expand=True)


KIND_TEXT = {
    "conflict": "conflict",
    "polarity": "polarity",
    "only_in_a": "only in A",
    "only_in_b": "only in B",
}


def _fact_side(article: Article, side: dict | None) -> Text:
    if side is None:
        return Text("—", style="dim")
    sentence = article.sentences[side["sentence"]].text
    text = Text()
    text.append(side["text"], style="bold")
    text.append(f"  (sentence {side['sentence']}: ", style="dim")
    text.append(_excerpt(sentence, side["text"]), style="dim")
    text.append(")", style="dim")
    return text


def _excerpt(sentence: str, fact: str, width: int = 70) -> str:
    """The sentence around the fact, so a reader sees it in context."""
    if len(sentence) <= width:
        return sentence
    at = max(0, sentence.find(fact))
    start = max(0, at - width // 3)
    piece = sentence[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(sentence) else "")


def _facts(c: Comparison, differences: list[dict]) -> Table:
    """Fact differences: conflicts first (the contract orders them so), each with why."""
    table = Table(title="Fact differences", box=box.SIMPLE_HEAD, expand=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("A", ratio=1, overflow="fold")
    table.add_column("B", ratio=1, overflow="fold")
    table.add_column("why", ratio=1, overflow="fold")
    for d in differences:
        style = "bold red" if d["kind"] in {"conflict", "polarity"} else "yellow"
        why = Text(d.get("reason", ""), style="dim")
        if "confidence" in d:
            why.append(f" ({d['confidence']:.2f})", style="dim")
        table.add_row(
            Text(KIND_TEXT.get(d["kind"], d["kind"]), style=style),
            d["type"],
            _fact_side(c.a, d["a"]),
            _fact_side(c.b, d["b"]),
            why,
        )
    return table


def render_facts(article: Article, console: Console) -> None:
    """The facts of one article with their normalised values (``storydiff facts``)."""
    table = Table(
        title=Text(f"Facts in {one_line(article.source)} [{article.language or '?'}]"),
        box=box.SIMPLE_HEAD,
        expand=True,
    )
    table.add_column("sent.", justify="right", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("text", ratio=1, overflow="fold")
    table.add_column("normalised value", ratio=1, overflow="fold")
    for f in article.facts:
        value = f.value
        if f.type == "quote":
            value = {"speaker": value.get("speaker")}
        table.add_row(str(f.sentence), f.type, Text(f.text), Text(_value_text(value)))
    console.print(table)


def _value_text(value) -> str:
    import json

    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _structure(c: Comparison) -> Table:
    table = Table(title="Headline, byline, credits", box=box.SIMPLE, expand=True)
    table.add_column("field", no_wrap=True)
    table.add_column("A", ratio=1)
    table.add_column("B", ratio=1)
    for d in c.structure_differences:
        table.add_row(
            f"{d.field} ({KIND_TEXT.get(d.kind, d.kind)})",
            Text(d.a or "—", style="" if d.a else "dim"),
            Text(d.b or "—", style="" if d.b else "dim"),
        )
    return table


def _side(article: Article, indices: list[int]) -> Text:
    if not indices:
        return Text("—", style="dim")
    text = Text()
    for n, i in enumerate(indices):
        if n:
            text.append(" ")
        text.append(f"{i}", style="dim cyan")
        text.append(" " + article.sentences[i].text)
    return text


def _alignment_table(c: Comparison, width: int) -> Table:
    table = Table(title="Aligned sentences", box=box.SIMPLE_HEAD, expand=True, show_lines=False)
    table.add_column("A", ratio=1, overflow="fold")
    table.add_column("sim", justify="right", no_wrap=True, width=5)
    table.add_column("B", ratio=1, overflow="fold")
    previous: Bead | None = None
    for bead in c.alignment:
        if previous is not None and _new_paragraph(c, previous, bead):
            table.add_section()
        one_sided = not (bead.a and bead.b)
        style = "yellow" if one_sided else ""
        score = "" if one_sided else f"{bead.score:.2f}" + ("*" if bead.placed else "")
        left, right = _side(c.a, bead.a), _side(c.b, bead.b)
        if one_sided:
            marker = Text("only in A" if bead.a else "only in B", style="bold yellow")
            (right if bead.a else left).append_text(Text("  ")).append_text(marker)
        table.add_row(left, score, right, style=style)
        previous = bead
    if any(bead.placed for bead in c.alignment):
        table.caption = (
            "sim*: linked by the sentences' place between two links, not by their similarity"
        )
    return table


def _new_paragraph(c: Comparison, prev: Bead, bead: Bead) -> bool:
    def para(article: Article, idx: list[int]) -> int | None:
        return article.sentences[idx[0]].paragraph if idx else None

    pa, pb = para(c.a, prev.a), para(c.b, prev.b)
    na, nb = para(c.a, bead.a), para(c.b, bead.b)
    return (na is not None and pa is not None and na != pa) or (
        nb is not None and pb is not None and nb != pb
    )


def _boilerplate(c: Comparison) -> Panel | None:
    rows = []
    for side, art in (("A", c.a), ("B", c.b)):
        for line in art.boilerplate:
            rows.append(
                Text.assemble(
                    (f"{side} line {line.line + 1}: ", "dim"),
                    (line.text, "strike dim"),
                    (f"  ({line.reason})", "dim italic"),
                )
            )
    if not rows:
        return None
    return Panel(Group(*rows), title="Removed as boilerplate", box=box.ROUNDED, expand=True)
