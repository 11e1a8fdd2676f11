"""HTML: main text, title, byline and date through trafilatura.

trafilatura is the best maintained extractor for news pages; we only ask it for the main
text with metadata and leave boilerplate detection on the extracted lines to
``storydiff.extract`` so that HTML and plain text go through the same classifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storydiff.errors import InputError, refuse_past

_HTML_START = re.compile(
    r"^\s*(<!doctype html|<html|<head|<body|<meta|<article|<div|<p[\s>])", re.I
)
_TAG = re.compile(r"</?(p|div|span|a|html|body|br|h[1-6]|article|section|li)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """Content sniffing for inputs without a telling suffix (stdin, .dat, no suffix)."""
    head = text[:4096]
    return bool(_HTML_START.search(head)) or len(_TAG.findall(head)) >= 3


@dataclass
class ExtractedHTML:
    text: str
    title: str | None
    byline: str | None
    date: str | None
    url: str | None


# Class and id names of reader-comment sections in storydiff's languages; trafilatura knows
# the English ones ("comments") but lets "kommentare", "commentaires", "reacties" through.
_COMMENT_WORDS = (
    r"(?:leser)?(?:kommentar\w*|commentaire\w*|comentario\w*|commento|commenti|reacties|"
    r"reactie|comentário\w*|leserbrief\w*|réactions?|reacciones)"
)
_COMMENT_SECTION = re.compile(rf"(?:^|[\s_-]){_COMMENT_WORDS}(?:$|[\s_-])", re.IGNORECASE)
_MENTIONS_COMMENTS = re.compile(_COMMENT_WORDS, re.IGNORECASE)


def _without_comment_sections(html: str) -> str:
    """The page without elements whose class or id names a reader-comment section."""
    if not _MENTIONS_COMMENTS.search(html):
        return html
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html
    doomed = [
        el
        for el in tree.iter()
        if isinstance(el.tag, str)
        and _COMMENT_SECTION.search(f"{el.get('class', '')} {el.get('id', '')}")
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    return lxml.html.tostring(tree, encoding="unicode")


# The most elements storydiff parses in one page. A news page has a few thousand; each
# element costs the HTML parser and the main-text extraction time and memory (7 MB of
# <p>word.</p>, 580,000 elements, ran past the 120 s limit at 820 MB).
MAX_ELEMENTS = 200_000
_ELEMENT = re.compile(r"<[A-Za-z]")


def _check_elements(html: str, source: str) -> None:
    """Refuse a page of more than MAX_ELEMENTS elements (opening tags) before it is parsed."""
    refuse_past(
        _ELEMENT,
        html,
        MAX_ELEMENTS,
        source,
        "HTML elements",
        "Save the article's own page, or its text, and compare that",
    )


def extract_html(html: str, *, source: str) -> ExtractedHTML:
    """Main text and metadata of a page; raises InputError when nothing is left."""
    import trafilatura  # imported lazily: it pulls in lxml and is not needed for text input

    _check_elements(html, source)
    doc = trafilatura.bare_extraction(
        _without_comment_sections(html),
        with_metadata=True,
        include_comments=False,
        favor_recall=True,
        include_tables=False,
        # the date from the page's metadata and URL only: htmldate's extensive search
        # takes any date in the text ("depuis 2017") for the publication date
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (doc.text if doc is not None else None) or ""
    if not text.strip():
        raise InputError(
            source, "no article text found in the HTML", "Pass the article page or its text"
        )
    return ExtractedHTML(
        text=text,
        title=doc.title or None,
        byline=doc.author or None,
        date=doc.date or None,
        url=doc.url or None,
    )
