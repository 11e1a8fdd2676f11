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
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

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


NOT_JSON = "body is not valid JSON"
JSON_SHAPE = 'expected {"a": "<text or HTML>", "b": "<text or HTML>"}'
# A JSON body up to this size is parsed whole; a larger one field by field (_read_fields).
_WHOLE_JSON = 1 << 20
# A field the API does not read is skipped only while it holds at most this many values
# (and is nested at most _MAX_DEPTH deep): past that it is refused, not parsed.
MAX_SKIPPED_VALUES = 100_000
_MAX_DEPTH = 200


def json_documents(body: bytes, max_bytes: int) -> tuple[Document, Document]:
    """``{"a": text, "b": text}`` -> the two versions."""
    if len(body) <= _WHOLE_JSON:
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # incl. invalid UTF-8 and absurd nesting
            raise BadBody(NOT_JSON) from None
        refusal = None
    else:
        data, refusal = _read_fields(body, '"a" and "b" (text or HTML)')
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in "ab"):
        raise refusal or BadBody(JSON_SHAPE)
    docs = []
    for key in "ab":
        if not data[key].strip():
            raise empty(key)
        docs.append(text_document(data[key], key, max_bytes))
    if refusal is not None:
        raise refusal
    return docs[0], docs[1]


def load_json(body: bytes, reads: str) -> Any:
    """A JSON request body of a few fields, in memory a small multiple of its size
    whatever its shape (see ``_read_fields``): the parsed value (for a large body that is
    no object, None). BadBody for a body that is no JSON or holds a field too large to
    skip; ``reads`` names the fields the API reads, for that message."""
    if len(body) <= _WHOLE_JSON:
        try:
            return json.loads(body)
        except (ValueError, RecursionError):
            raise BadBody(NOT_JSON) from None
    data, refusal = _read_fields(body, reads)
    if refusal is not None:
        raise refusal
    return data


_WS = re.compile(r"[ \t\n\r]*")
_STRUCTURE = re.compile(r'["\[\]{}]')
_DECODER = json.JSONDecoder()


def _read_fields(body: bytes, reads: str) -> tuple[dict[str, Any] | None, BadBody | None]:
    """A large JSON body, read one top-level field at a time: (its fields, or None when it
    is no object; a refusal of one field, to be given after any fault of "a" or "b").

    ``json.loads`` builds every value of the body: a 40 MB list of small numbers is 20
    million items, 260 MB. A request is an object of a few fields, so here each string is
    read by the json module's own scanner (in C), and a field that holds a structure is
    parsed only when it is small; one of more than ``MAX_SKIPPED_VALUES`` values is
    refused without being built. Memory: the body and its text, a few times its size."""
    try:
        text = body.decode(json.detect_encoding(body), "surrogatepass")
    except (UnicodeDecodeError, LookupError):
        raise BadBody(NOT_JSON) from None
    try:
        return _fields(text, reads)
    except (ValueError, RecursionError, IndexError):
        raise BadBody(NOT_JSON) from None


def _fields(text: str, reads: str) -> tuple[dict[str, Any] | None, BadBody | None]:
    i = _WS.match(text, 0).end()  # type: ignore[union-attr]
    if text[i] != "{":
        if text[i] not in '["-0123456789tfn':
            raise ValueError("no JSON value")
        return None, None  # JSON, but no object: the shape is wrong, whatever follows
    fields: dict[str, Any] = {}
    refusal: BadBody | None = None
    i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
    if text[i] == "}":
        return _end(text, i + 1, fields), refusal
    while True:
        if text[i] != '"':
            raise ValueError("expected a field name")
        key, i = json.decoder.scanstring(text, i + 1)
        i = _WS.match(text, i).end()  # type: ignore[union-attr]
        if text[i] != ":":
            raise ValueError("expected ':'")
        i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
        if text[i] == '"':
            fields[key], i = json.decoder.scanstring(text, i + 1)
        elif text[i] in "[{":
            end = _structure_end(text, i)
            if end is None:  # too many pieces even to find its end: read no further
                return fields, refusal or _too_many_values(key, reads)
            if text.count(",", i, end) + text.count(":", i, end) >= MAX_SKIPPED_VALUES:
                refusal = refusal or _too_many_values(key, reads)
                fields.pop(key, None)
            else:
                fields[key] = json.loads(text[i:end])
            i = end
        else:
            fields[key], i = _DECODER.raw_decode(text, i)  # a number, true, false or null
        i = _WS.match(text, i).end()  # type: ignore[union-attr]
        if text[i] == "}":
            return _end(text, i + 1, fields), refusal
        if text[i] != ",":
            raise ValueError("expected ',' or '}'")
        i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]


def _too_many_values(key: str, reads: str) -> BadBody:
    return BadBody(
        f'field "{key}" holds more than {MAX_SKIPPED_VALUES:,} values; this API reads only {reads}'
    )


def _end(text: str, i: int, fields: dict[str, Any]) -> dict[str, Any]:
    if _WS.match(text, i).end() != len(text):  # type: ignore[union-attr]
        raise ValueError("extra data after the object")
    return fields


def _structure_end(text: str, start: int) -> int | None:
    """Where the array or object at ``start`` ends: its brackets matched, its strings
    skipped by the json scanner; ValueError for an unterminated or too deep one, None when
    it has too many brackets and strings to be worth finding. The values between are
    checked by ``json.loads`` when the structure is small enough to be parsed, or not at
    all when it is refused unread."""
    depth = 0
    i = start
    visited = 0
    while True:
        found = _STRUCTURE.search(text, i)
        if found is None:
            raise ValueError("unterminated structure")
        i = found.end()
        visited += 1
        if visited > 2 * MAX_SKIPPED_VALUES:
            return None
        char = found.group()
        if char == '"':
            _, i = json.decoder.scanstring(text, i)
        elif char in "[{":
            depth += 1
            if depth > _MAX_DEPTH:
                raise ValueError("nested too deeply")
        else:
            depth -= 1
            if depth == 0:
                return i


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
