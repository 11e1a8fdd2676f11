"""A raw request body -> the two versions to compare, with one error for one fault.

This runs in a worker process, never in the server: parsing is work whose cost depends on
what the client sent (40 MB of ``%XX`` escapes, or of tiny JSON values, cost seconds and
gigabytes in a general-purpose parser), and the server's event loop must stay free. The
server only counts the raw bytes in (``BodyLimit``) and hands them over.

Memory here stays a small multiple of the body: form values are unescaped in pieces, and
multipart parts are copied once, as they stream through the parser.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from storydiff.readers.base import format_size
from storydiff.readers.text import clean_text

# At most this many fields and files in a form (the page and the API use four).
MAX_FIELDS = 16
MAX_FILES = 4
FORM_MEDIA = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})
# Form values are unescaped this many bytes at a time, so that the arrays the decoding
# works on stay small whatever the size of the value.
_UNQUOTE_PIECE = 1 << 20
# A spooled body is read this many bytes at a time where it can be parsed in pieces.
_READ_PIECE = 1 << 20


class Document(NamedTuple):
    """One uploaded or pasted version: its bytes and the name to show (never a path)."""

    data: bytes
    source: str


class RawBody(NamedTuple):
    """A request body exactly as it arrived, and its Content-Type header: its bytes, or
    for a large body the path of the file the server wrote it to (``web.spool``)."""

    content_type: str
    data: bytes = b""
    path: str | None = None

    def read(self) -> bytes:
        """The whole body."""
        if self.path is None:
            return self.data
        with open(self.path, "rb") as fh:
            return fh.read()

    def pieces(self, size: int = _READ_PIECE) -> Iterator[bytes]:
        """The body a piece at a time (a file is never read whole)."""
        if self.path is None:
            yield self.data
            return
        with open(self.path, "rb") as fh:
            while piece := fh.read(size):
                yield piece

    def size(self) -> int:
        return len(self.data) if self.path is None else os.path.getsize(self.path)


class BadBody(Exception):
    """The body cannot give two versions; ``status`` is the HTTP status to answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Form:
    """A parsed form: text fields by name, and files by field name as (file name, bytes)."""

    texts: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)


def media_type(content_type: str) -> str:
    """The media type of a Content-Type header, lower case, without parameters."""
    return content_type.split(";")[0].strip().lower()


def is_json(media: str) -> bool:
    """``application/json`` or any ``+json`` type."""
    return media == "application/json" or media.endswith("+json")


def empty(key: str) -> BadBody:
    """One fault, one error: an empty version, whether it came as a form or as JSON."""
    return BadBody(f"version {key.upper()} is empty: give its text or HTML")


# ---------------------------------------------------------------- JSON


def json_documents(body: bytes, max_bytes: int) -> tuple[Document, Document]:
    """``{"a": text, "b": text}`` -> the two versions."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # incl. invalid UTF-8 and absurd nesting
        raise BadBody("body is not valid JSON") from None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in "ab"):
        raise BadBody('expected {"a": "<text or HTML>", "b": "<text or HTML>"}')
    docs = []
    for key in "ab":
        if not data[key].strip():
            raise empty(key)
        docs.append(text_document(data[key], key, max_bytes))
    return docs[0], docs[1]


# ---------------------------------------------------------------- forms


def parse_form(body: RawBody) -> Form:
    """A multipart or url-encoded body -> its fields; any other media type, no fields
    (the versions are then reported as empty)."""
    media = media_type(body.content_type)
    if media == "multipart/form-data":
        return _parse_multipart(body.content_type, body.pieces())
    if media == "application/x-www-form-urlencoded":
        return _parse_urlencoded(body.read())
    return Form()


def form_documents(
    form: Form, *, file_fields: tuple[str, str], text_fields: tuple[str, str], max_bytes: int
) -> tuple[Document, Document]:
    """Each version from its file if one was sent with content, else from its text."""
    docs = []
    for key, file_field, text_field in zip("ab", file_fields, text_fields, strict=True):
        docs.append(_form_document(form, key, file_field, text_field, max_bytes))
    return docs[0], docs[1]


def _form_document(
    form: Form, key: str, file_field: str, text_field: str, max_bytes: int
) -> Document:
    upload = form.files.get(file_field)
    if upload is not None:
        filename, data = upload
        if data.strip():
            name = Path(filename or key).name or key  # a name only, never a path
            return sized(data, name, max_bytes)
    text = form.texts.get(text_field)
    if text is not None and text.strip():
        return text_document(text, f"pasted {key.upper()}", max_bytes)
    raise empty(key)


def _too_many() -> BadBody:
    return BadBody(f"too many form fields (at most {MAX_FIELDS} fields and {MAX_FILES} files)")


def _parse_urlencoded(data: bytes) -> Form:
    if data.count(b"&") >= MAX_FIELDS:
        raise _too_many()
    form = Form()
    for pair in data.split(b"&"):
        if not pair:
            continue
        name, _, value = pair.partition(b"=")
        form.texts[_unquote(name).decode("utf-8", "replace")] = _unquote(value).decode(
            "utf-8", "replace"
        )
    return form


def _unquote(data: bytes) -> bytes:
    """``+`` and ``%XX`` decoded, a piece at a time (never cutting an escape in two)."""
    out = bytearray()
    start = 0
    while start < len(data):
        end = min(len(data), start + _UNQUOTE_PIECE)
        if end < len(data):
            cut = data.rfind(b"%", end - 2, end)  # an escape that the piece would split
            if cut > start:
                end = cut
        out += _percent_decode(data[start:end].replace(b"+", b" "))
        start = end
    return bytes(out)


def _percent_decode(piece: bytes) -> bytes:
    """Every ``%`` followed by two hex digits replaced by that byte, in array operations
    (a Python loop over millions of escapes takes seconds); anything else is kept as it
    is, as ``urllib.parse.unquote_to_bytes`` does."""
    if b"%" not in piece:
        return piece
    raw = np.frombuffer(piece, dtype=np.uint8)
    digits = _HEX_VALUE[raw]
    percent = np.flatnonzero(raw[:-2] == ord("%"))
    escapes = percent[(digits[percent + 1] >= 0) & (digits[percent + 2] >= 0)]
    decoded = raw.copy()
    decoded[escapes] = digits[escapes + 1] * 16 + digits[escapes + 2]
    keep = np.ones(len(raw), dtype=bool)
    keep[escapes + 1] = False
    keep[escapes + 2] = False
    return decoded[keep].tobytes()


def _hex_values() -> np.ndarray:
    table = np.full(256, -1, dtype=np.int16)
    for value, digit in enumerate(b"0123456789abcdef"):
        table[digit] = value
        table[bytes([digit]).upper()[0]] = value
    return table


_HEX_VALUE = _hex_values()


class _Part:
    def __init__(self) -> None:
        self.headers: dict[bytes, bytes] = {}
        self.data = bytearray()
        self.header_field = bytearray()
        self.header_value = bytearray()


def _parse_multipart(content_type: str, pieces: Iterable[bytes]) -> Form:
    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise BadBody("multipart body without a boundary in its Content-Type")
    parts: list[_Part] = []
    current: list[_Part] = []

    def begin() -> None:
        if len(parts) >= MAX_FIELDS + MAX_FILES:
            raise _too_many()
        current[:] = [_Part()]

    def header_field(buf: bytes, start: int, end: int) -> None:
        current[0].header_field += buf[start:end]

    def header_value(buf: bytes, start: int, end: int) -> None:
        current[0].header_value += buf[start:end]

    def header_end() -> None:
        part = current[0]
        part.headers[bytes(part.header_field).lower()] = bytes(part.header_value)
        part.header_field.clear()
        part.header_value.clear()

    def part_data(buf: bytes, start: int, end: int) -> None:
        current[0].data += buf[start:end]

    def end() -> None:
        parts.append(current.pop())

    callbacks = {
        "on_part_begin": begin,
        "on_header_field": header_field,
        "on_header_value": header_value,
        "on_header_end": header_end,
        "on_part_data": part_data,
        "on_part_end": end,
    }
    try:
        parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
        for piece in pieces:
            parser.write(piece)
        parser.finalize()
    except MultipartParseError:
        raise BadBody("malformed multipart body") from None
    return _form_of(parts)


def _form_of(parts: list[_Part]) -> Form:
    form = Form()
    for part in parts:  # only complete parts: a body cut short loses its last one
        _, options = parse_options_header(part.headers.get(b"content-disposition", b""))
        name = options.get(b"name")
        if name is None:
            continue
        key = name.decode("utf-8", "replace")
        if b"filename" in options:
            if len(form.files) >= MAX_FILES:
                raise _too_many()
            filename = options[b"filename"].decode("utf-8", "replace")
            form.files[key] = (filename, bytes(part.data))
        else:
            form.texts[key] = part.data.decode("utf-8", "replace")
    return form


# ---------------------------------------------------------------- documents


def text_document(text: str, source: str, max_bytes: int) -> Document:
    """Pasted text as a document; a lone surrogate (JSON ``"\\ud800"``) becomes U+FFFD."""
    return sized(clean_text(text).encode("utf-8"), source, max_bytes)


def sized(data: bytes, source: str, max_bytes: int) -> Document:
    """The document, or a 413 that names it and the limit."""
    if len(data) > max_bytes:
        raise BadBody(f"{source}: too large (limit {format_size(max_bytes)})", 413)
    return Document(data, source)
