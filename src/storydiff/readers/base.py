"""Pick the reader for an input and enforce the limits every face shares.

The checks here run before any decoding so that a directory, a missing file, a binary
file or a 50 MB dump is refused with a clear reason instead of a traceback or an
out-of-memory kill.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from storydiff.errors import InputError
from storydiff.model import RawDocument
from storydiff.readers.html import looks_like_html
from storydiff.readers.text import decode_bytes

# A long news article is ~50 KB of text and a heavy news page ~2 MB of HTML; 20 MB leaves a
# wide margin while keeping a single compare's memory bounded.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def read_source(
    source: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> RawDocument:
    """Read a path, or ``-`` for standard input, into a RawDocument."""
    name = str(source)
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        return read_bytes(data, source="<stdin>", max_bytes=max_bytes)
    path = Path(name)
    if not path.exists():
        raise InputError(name, "no such file", "Check the path, or pass - to read standard input")
    if path.is_dir():
        raise InputError(name, "is a directory, not a file", "Pass one article file per side")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            name,
            f"file too large ({size / 1e6:.1f} MB, limit {max_bytes / 1e6:.1f} MB)",
            "Pass --max-bytes to raise the limit, or split the file",
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    return read_bytes(data, source=name, max_bytes=max_bytes, suffix=path.suffix.lower())


def read_bytes(
    data: bytes,
    *,
    source: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    suffix: str = "",
) -> RawDocument:
    """Decode bytes and decide whether they are HTML or plain text."""
    if len(data) > max_bytes:
        raise InputError(
            source,
            f"input too large (more than {max_bytes / 1e6:.1f} MB)",
            "Pass --max-bytes to raise the limit",
        )
    text, encoding = decode_bytes(data, source=source)
    is_html = suffix in {".html", ".htm", ".xhtml"} or (
        suffix not in {".txt", ".text", ".md"} and looks_like_html(text)
    )
    return RawDocument(
        source=source, text=text, kind="html" if is_html else "text", encoding=encoding
    )
