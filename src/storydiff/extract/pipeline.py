"""From a RawDocument to content paragraphs, structure fields and removed boilerplate."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storydiff.errors import SPLIT_DOCUMENT, InputError, refuse_past
from storydiff.extract.boilerplate import LineVerdict, classify_line, opens_comments
from storydiff.extract.structure import (
    byline_name,
    is_body_line,
    is_credit,
    is_headline_shape,
)
from storydiff.language import has_letters, no_language_error
from storydiff.model import BoilerplateLine, RawDocument
from storydiff.readers.html import extract_html
from storydiff.readers.text import clean_text

_ENDS_SENTENCE = re.compile(r"[.!?…:;»\"“”)]\s*$")


@dataclass
class Paragraph:
    """A content paragraph. ``uncertain`` paragraphs may still turn out to be furniture."""

    text: str
    line: int
    uncertain: bool = False
    reason: str = ""
    last_line: int = -1

    def __post_init__(self) -> None:
        if self.last_line < 0:
            self.last_line = self.line


@dataclass
class Extracted:
    source: str
    paragraphs: list[Paragraph]
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    url: str | None = None
    credits: list[str] = field(default_factory=list)
    boilerplate: list[BoilerplateLine] = field(default_factory=list)

    def drop(self, paragraph: Paragraph, reason: str) -> None:
        """Move a paragraph to the boilerplate list (kept, so the user sees it)."""
        self.drop_all([(paragraph, reason)])

    def drop_all(self, dropped: list[tuple[Paragraph, str]]) -> None:
        """Move paragraphs to the boilerplate list, each with its reason, in one pass:
        time linear in the number of lines however many are dropped (dropping them one
        at a time re-sorted the list each time, quadratic on a page of short lines)."""
        if not dropped:
            return
        gone = {id(p) for p, _ in dropped}
        self.paragraphs = [p for p in self.paragraphs if id(p) not in gone]
        self.boilerplate += [BoilerplateLine(p.text, why, p.line) for p, why in dropped]
        self.boilerplate.sort(key=lambda b: b.line)


def extract(raw: RawDocument, *, keep_boilerplate: bool = False) -> Extracted:
    """Split a document into content paragraphs, structure and boilerplate."""
    title = byline = date = url = None
    text = raw.text
    if raw.kind == "html":
        page = extract_html(text, source=raw.source)
        text, title, byline, date, url = page.text, page.title, page.byline, page.date, page.url
    out = _extract_lines(text, raw.source, keep_boilerplate, title=title, byline=byline)
    out.date, out.url = date, url
    if not out.paragraphs:
        if not has_letters(text):  # no boilerplate option can help: say what is wrong
            raise no_language_error(raw.source)
        removed = len(out.boilerplate)
        raise InputError(
            raw.source,
            f"no text left after removing boilerplate ({removed} lines removed)",
            "Use --keep-boilerplate to compare anyway",
        )
    return out


def _extract_lines(
    text: str, source: str, keep_boilerplate: bool, *, title: str | None, byline: str | None
) -> Extracted:
    out = Extracted(source=source, paragraphs=[], title=title, byline=byline)
    text = clean_text(text)  # HTML entities such as &rlm; become controls only now
    _check_lines(text, source)
    lines = [(n, ln.strip()) for n, ln in enumerate(text.split("\n")) if ln.strip()]
    verdicts = [classify_line(ln, i, len(lines)) for i, (_, ln) in enumerate(lines)]
    # reader comments: from the line that opens them to the end of the page
    opened = next((i for i, (_, ln) in enumerate(lines) if opens_comments(ln, i, len(lines))), None)
    if opened is not None:
        for i in range(opened, len(lines)):
            verdicts[i] = LineVerdict("boilerplate", "reader comments after the article")
    kept: list[tuple[int, str, bool, str]] = []
    for (lineno, line), verdict in zip(lines, verdicts, strict=True):
        if verdict.label == "boilerplate" and not keep_boilerplate:
            out.boilerplate.append(BoilerplateLine(line, verdict.reason, lineno))
        else:
            kept.append((lineno, line, verdict.label == "uncertain", verdict.reason))

    first_body = next((i for i, k in enumerate(kept) if is_body_line(k[1])), len(kept))
    content: list[tuple[int, str, bool, str]] = []
    headline_line: tuple[int, str, bool, str] | None = None
    for i, (lineno, line, uncertain, reason) in enumerate(kept):
        in_top = i < first_body
        near_end = i >= len(kept) - 2 and i > first_body
        if is_credit(line):
            out.credits.append(line)
            continue
        if out.title and _same(line, out.title) and i <= first_body:
            continue  # the HTML title repeated as the first line of the text
        name = byline_name(line) if (in_top or near_end) else None
        if name and (out.byline is None or _same(name, out.byline)):
            out.byline = name
            continue
        wrapped = i + 1 < len(kept) and _continues(Paragraph(line, lineno), *kept[i + 1][:2])
        if in_top and out.title is None and is_headline_shape(line) and not wrapped:
            out.title = line
            headline_line = (lineno, line, uncertain, reason)
            continue
        content.append((lineno, line, uncertain, reason))
    if not content and headline_line is not None:
        # The only line of content is no headline: it is the article (an article stored
        # as one line without a final full stop, or a short text pasted as it is).
        out.title = title
        content.append(headline_line)

    # A paragraph's lines are joined once at the end: joining each line to the text so
    # far copied it again for every line (quadratic in a paragraph of many wrapped lines).
    # Meanwhile its ``text`` holds the end of the joined text, all ``_continues`` reads.
    parts: list[list[str]] = []
    for lineno, line, uncertain, reason in content:
        prev = out.paragraphs[-1] if out.paragraphs else None
        if prev is not None and _continues(prev, lineno, line):
            parts[-1].append(line)
            prev.text = f"{prev.text[-_TAIL:]} {line}"
            prev.last_line = lineno
            continue
        out.paragraphs.append(Paragraph(line, lineno, uncertain, reason))
        parts.append([line])
    for paragraph, lines_of in zip(out.paragraphs, parts, strict=True):
        if len(lines_of) > 1:
            paragraph.text = " ".join(lines_of)
    return out


# What ``_continues`` reads of a paragraph being built: its end (a sentence end, a
# wrapped line's last WRAPPED_LINE characters).
_TAIL = 256
# The most non-blank lines storydiff reads in one document: a line is at least one
# sentence or a line of furniture, and each costs about 1 KB while the page is sorted
# into content and boilerplate (1.2 million lines of "word." took 1 GB and 28 s).
MAX_LINES = 100_000
_LINE = re.compile(r"^[^\S\n]*\S", re.MULTILINE)


def _check_lines(text: str, source: str) -> None:
    """Refuse a text of more than MAX_LINES non-blank lines, counted without building them."""
    refuse_past(
        _LINE,
        text,
        MAX_LINES,
        source,
        "lines",
        SPLIT_DOCUMENT,
    )


def _continues(prev: Paragraph, lineno: int, line: str) -> bool:
    """A hard-wrapped line continues the previous one: the very next line, no sentence end
    before it, and it starts in lower case -- or the previous line is as long as wrapped
    lines are and stops mid-phrase (on a lower-case word or a comma), which also joins a
    line that starts with a capitalised German noun. Blank lines always separate
    paragraphs."""
    if lineno != prev.last_line + 1 or prev.uncertain or _ENDS_SENTENCE.search(prev.text):
        return False
    if line[:1].islower():
        return True
    last_line = prev.text[-WRAPPED_LINE:]
    return len(last_line) >= WRAPPED_LINE and bool(_MID_PHRASE.search(last_line))


# Plain-text e-mail and press wires wrap at 60-80 characters; a shorter line that stops
# without a full stop is a heading or a list item.
WRAPPED_LINE = 40
_MID_PHRASE = re.compile(r"(?:\b[^\W\d_]*[a-zà-ÿß]|,)$")


def _same(a: str, b: str) -> bool:
    norm = re.compile(r"\W+")
    return norm.sub(" ", a).strip().casefold() == norm.sub(" ", b).strip().casefold()
