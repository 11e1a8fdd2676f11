"""One input of any kind -> RawDocument or Article: what every face accepts.

A path, ``-`` (standard input), a string of text or HTML, a RawDocument or an Article.

A string that names an existing file (or ends in a document suffix) is read as that file,
with the caller's permissions: the Python API serves its caller's own inputs, as ``open``
does. Text that comes from someone else (a web form, a queue) goes in as a
``RawDocument``, which is never taken for a path; the web app does that with every body.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from storydiff.analyse import build_article
from storydiff.encoders import Encoder, as_encoder
from storydiff.extract import extract
from storydiff.model import Article, RawDocument
from storydiff.readers import DEFAULT_MAX_BYTES, read_bytes, read_source
from storydiff.readers.text import clean_text

Input = str | Path | Article | RawDocument

_DOCUMENT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".md"}
_MAX_NAME = 255  # bytes in one path component (NAME_MAX on Linux, macOS, Windows)
_MAX_PATH = 4096  # bytes in a whole path (PATH_MAX on Linux)


def to_raw(source: Input, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read a path or ``-``; wrap a string that is not a path as the document itself."""
    if isinstance(source, RawDocument):
        return replace(source, text=clean_text(source.text))
    if isinstance(source, Article):
        raise TypeError("an Article is already analysed; pass it to compare_articles")
    if isinstance(source, Path) or looks_like_path(source):
        return read_source(source, max_bytes=max_bytes)
    # clean_text first: a lone surrogate cannot be encoded, and needs no warning.
    return read_bytes(clean_text(source).encode("utf-8"), source="<text>", max_bytes=max_bytes)


def looks_like_path(value: str) -> bool:
    """A short one-line string that names a file (existing, or with a document suffix,
    so that a mistyped path gives "no such file" rather than being read as text).

    Never raises: a string no file system could take as a name (a component longer than
    255 bytes, a NUL character, lone surrogates) is text, whatever it ends with."""
    if value == "-":
        return True
    if "\n" in value or "\x00" in value or len(value) > _MAX_PATH:
        return False
    try:
        parts = [os.fsencode(part) for part in Path(value).parts]
    except (UnicodeError, ValueError):
        return False
    if any(len(part) > _MAX_NAME for part in parts):
        return False
    try:
        if os.path.exists(value):
            return True
    except (OSError, ValueError):
        return False
    return Path(value).suffix.lower() in _DOCUMENT_SUFFIXES


def load_article(
    source: Input,
    *,
    encoder: Encoder | str | None = None,
    keep_boilerplate: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read and analyse one input on its own (no counterpart test for uncertain lines).

    A string naming a file is read from the file system (see the module's note); pass
    text from untrusted sources as ``RawDocument(source=..., text=...)``."""
    if isinstance(source, Article):
        return source
    enc = as_encoder(encoder)
    ex = extract(to_raw(source, max_bytes), keep_boilerplate=keep_boilerplate)
    return build_article(ex, supported_scripts=enc.scripts)
