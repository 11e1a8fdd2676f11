"""HTML: main text, title, byline and date through trafilatura.

trafilatura is the best maintained extractor for news pages; we only ask it for the main
text with metadata and leave boilerplate detection on the extracted lines to
``storydiff.extract`` so that HTML and plain text go through the same classifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storydiff.errors import InputError

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


def extract_html(html: str, *, source: str) -> ExtractedHTML:
    """Main text and metadata of a page; raises InputError when nothing is left."""
    import trafilatura  # imported lazily: it pulls in lxml and is not needed for text input

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_recall=True, include_tables=False
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
