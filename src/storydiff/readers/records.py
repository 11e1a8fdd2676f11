"""Many articles from files, folders, JSONL feeds and WARC archives -> records.

A collection is read as a stream of :class:`Record` (one article with what the input
says about it: URL, title, date, language, id) and :class:`BadRecord` (a record that
could not be read, with where it is and why). A bad record never stops the stream: the
caller counts and logs it and goes on, so one broken line in a feed of 100,000 does not
lose the other 99,999.

Inputs by name: ``*.jsonl`` / ``*.jsonl.gz`` / ``*.ndjson`` are feeds (one JSON object a
line: ``text`` or ``html``, optional ``url``, ``title``, ``date``, ``lang``, ``id``);
``*.warc`` / ``*.warc.gz`` are web archives read with warcio (response records whose
payload is HTML; every other record is skipped and counted); a folder is walked in name
order; any other file is one article. The content has the last word on archives: a file
that begins as a WARC or ARC archive is read as one whatever its name, and a file named
``.warc`` that does not is read as one article (and counted in ``ReadStats.notes``).
``-`` is standard input: a JSON Lines feed when it begins with ``{``, else one article.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from storydiff.errors import InputError
from storydiff.model import RawDocument
from storydiff.readers.base import DEFAULT_MAX_BYTES, format_size, read_bytes, read_source
from storydiff.readers.dates import normalise_date

DATE_NOT_UNDERSTOOD = "date not read for certain (kept undated)"
NAMED_AS_ARCHIVE = "web archive's name but no archive inside (read as one article)"
STDIN = "-"  # standard input, as an input name
STDIN_NAME = "<stdin>"
FEED_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
# Files in a folder that are not articles (a crawl folder's logs, images, indexes).
_DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class Record:
    """One article read from a collection input.

    ``position`` says where it came from in a way a person can find it again
    ("feed.jsonl line 12", "crawl.warc.gz record at byte 48213"). ``raw.source`` is the
    article's URL when the input gives one, else the file path."""

    raw: RawDocument
    position: str
    url: str | None = None
    title: str | None = None
    date: str | None = None
    language: str | None = None
    id: str | None = None
    fetched: str | None = None  # when a crawler fetched it (WARC-Date), not when published


@dataclass(frozen=True)
class BadRecord:
    """A record that could not be read: where it is and why (one line)."""

    position: str
    reason: str


@dataclass
class ReadStats:
    """What a pass over the inputs saw: articles read, bad records, skipped records."""

    read: int = 0
    bad: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    # records read, but with something left out ("date not understood: kept undated")
    notes: dict[str, int] = field(default_factory=dict)

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1

    def note(self, what: str) -> None:
        self.notes[what] = self.notes.get(what, 0) + 1


def iter_records(
    inputs: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stats: ReadStats | None = None,
) -> Iterator[Record | BadRecord]:
    """Every article in ``inputs`` (paths of files or folders), in input order.

    Raises InputError only for an input that does not exist or cannot be opened at all;
    a bad record inside an input is yielded as a BadRecord. ``stats`` (optional) is
    updated as records go by, with counts of what was skipped and why."""
    stats = stats if stats is not None else ReadStats()
    for item in inputs:
        if str(item) == STDIN:
            for rec in read_stdin(max_bytes=max_bytes, stats=stats):
                if isinstance(rec, BadRecord):
                    stats.bad += 1
                else:
                    stats.read += 1
                yield rec
            continue
        path = Path(item)
        if not path.exists():
            raise InputError(str(item), "no such file or folder", "Check the path")
        if not path.is_dir() and not path.is_file():
            raise InputError(str(item), "is not a regular file or a folder (a pipe, a device?)")
        files = walk(path) if path.is_dir() else [path]
        for file in files:
            # one file, one source, however its path was spelt ("pages/", "./pages")
            for rec in _shown(_read_file(file.resolve(), max_bytes, stats), file):
                if isinstance(rec, BadRecord):
                    stats.bad += 1
                else:
                    stats.read += 1
                yield rec


def walk(folder: Path) -> list[Path]:
    """The article files in a folder and its subfolders, in name order (regular files
    only: a pipe or a device named like an article would block the reader)."""
    out: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            lower = name.lower()
            if lower.endswith(FEED_SUFFIXES + WARC_SUFFIXES + _DOCUMENT_SUFFIXES):
                path = Path(root) / name
                if path.is_file():
                    out.append(path)
    return out


def _shown(records: Iterator[Record | BadRecord], file: Path) -> Iterator[Record | BadRecord]:
    """Records of a file whose name is not valid UTF-8 (bytes a file system allows):
    their position and source name it with those bytes replaced, so that it can be
    shown, stored and written (the file itself is read under its real name)."""
    name = str(file.resolve())
    shown = printable(name)
    if shown == name:
        yield from records
        return
    for rec in records:
        position = printable(rec.position)
        if isinstance(rec, BadRecord):
            yield BadRecord(position, rec.reason)
        else:
            raw = rec.raw
            source = printable(raw.source)
            raw = RawDocument(source=source, text=raw.text, kind=raw.kind, encoding=raw.encoding)
            yield Record(
                raw, position, rec.url, rec.title, rec.date, rec.language, rec.id, rec.fetched
            )


def printable(text: str) -> str:
    """A path as text that can be encoded: undecodable bytes (kept by Python as lone
    surrogates) become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read_file(path: Path, max_bytes: int, stats: ReadStats) -> Iterator[Record | BadRecord]:
    name = path.name.lower()
    archive = _is_archive_file(path)
    if name.endswith(FEED_SUFFIXES) and not archive:
        yield from read_feed(path, max_bytes=max_bytes, stats=stats)
    elif archive:
        yield from read_warc(path, max_bytes=max_bytes, stats=stats)
    else:
        if name.endswith(WARC_SUFFIXES):
            stats.note(NAMED_AS_ARCHIVE)
        try:
            raw = read_source(path, max_bytes=max_bytes)
        except InputError as exc:
            yield BadRecord(str(path), str(exc.problem))
            return
        yield Record(raw=raw, position=str(path))


# --- JSONL feeds -------------------------------------------------------------------------


def read_feed(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, stats: ReadStats | None = None
) -> Iterator[Record | BadRecord]:
    """One article per line of a JSON Lines file (plain or gzip).

    A line that is not a JSON object, has neither ``text`` nor ``html``, or is longer
    than ``max_bytes`` is a BadRecord; reading goes on with the next line. Lines are read
    with a length limit, so one endless line costs at most ``max_bytes`` of memory. A
    ``date`` that ``normalise_date`` cannot read for certain is dropped (the article is
    kept, undated) and counted in ``stats.notes``."""
    stats = stats if stats is not None else ReadStats()
    try:
        fh = _open_maybe_gzip(path)
    except OSError as exc:
        raise InputError(str(path), f"cannot be opened ({exc.strerror or exc})") from None
    with fh:
        yield from feed_lines(fh, str(path), max_bytes=max_bytes, stats=stats)


def read_stdin(
    *, max_bytes: int = DEFAULT_MAX_BYTES, stats: ReadStats | None = None, stream: Any = None
) -> Iterator[Record | BadRecord]:
    """Standard input (or ``stream``, a binary file): a JSON Lines feed (plain or gzip)
    when its first non-blank byte is ``{``, else one article (text or HTML) named
    ``<stdin>``. Feed lines without a ``url`` are named ``<stdin> line N``."""
    import sys

    stats = stats if stats is not None else ReadStats()
    raw_in = stream if stream is not None else sys.stdin.buffer
    fh: BinaryIO = raw_in if isinstance(raw_in, io.BufferedReader) else io.BufferedReader(raw_in)
    if fh.peek(2)[:2] == b"\x1f\x8b":
        fh = gzip.GzipFile(fileobj=fh)  # type: ignore[assignment]
        fh = io.BufferedReader(fh)  # type: ignore[arg-type]
    if fh.peek(4096)[:4096].lstrip()[:1] == b"{":
        yield from feed_lines(fh, STDIN_NAME, max_bytes=max_bytes, stats=stats)
        return
    data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield BadRecord(STDIN_NAME, f"more than {format_size(max_bytes)} on standard input")
        return
    try:
        raw = read_bytes(data, source=STDIN_NAME, max_bytes=max_bytes)
    except InputError as exc:
        yield BadRecord(STDIN_NAME, exc.problem)
        return
    yield Record(raw=raw, position=STDIN_NAME)


def feed_lines(
    fh: BinaryIO, name: str, *, max_bytes: int, stats: ReadStats
) -> Iterator[Record | BadRecord]:
    """The records of an open JSON Lines stream named ``name`` (see ``read_feed``)."""
    number = 0
    while True:
        number += 1
        position = f"{name} line {number}"
        try:
            line = fh.readline(max_bytes + 1)
        except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
            yield BadRecord(position, f"the file is damaged from here on ({exc})")
            return
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(fh, max_bytes)
            yield BadRecord(position, f"line longer than {format_size(max_bytes)}")
            continue
        if not line.strip():
            continue
        yield _feed_record(line, position, max_bytes, stats)


def _skip_rest_of_line(fh: BinaryIO, chunk: int) -> None:
    while True:
        piece = fh.readline(chunk)
        if not piece or piece.endswith(b"\n"):
            return


def _feed_record(
    line: bytes, position: str, max_bytes: int, stats: ReadStats
) -> Record | BadRecord:
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return BadRecord(position, f"not valid JSON ({str(exc).splitlines()[0][:80]})")
    if not isinstance(obj, dict):
        return BadRecord(position, 'not a JSON object (expected {"text": ...} or {"html": ...})')
    body, kind = _field(obj, "html"), "html"
    if not body:
        body, kind = _field(obj, "text"), "text"
    if not body:
        return BadRecord(position, 'no "text" or "html" field with content')
    url = _field(obj, "url")
    try:
        raw = read_bytes(
            body.encode("utf-8", "replace"), source=url or position, max_bytes=max_bytes
        )
    except InputError as exc:
        return BadRecord(position, exc.problem)
    raw = RawDocument(source=raw.source, text=raw.text, kind=kind, encoding=raw.encoding)
    given = _field(obj, "date")
    date = normalise_date(given)
    if given and date is None:
        stats.note(DATE_NOT_UNDERSTOOD)
    return Record(
        raw=raw,
        position=position,
        url=url,
        title=_field(obj, "title"),
        date=date,
        language=_field(obj, "lang") or _field(obj, "language"),
        id=_field(obj, "id"),
    )


def _field(obj: dict[str, Any], name: str) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return value.strip() or None if isinstance(value, str) else None


def _open_maybe_gzip(path: Path) -> BinaryIO:
    fh = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    magic = fh.peek(2)[:2] if isinstance(fh, io.BufferedReader) else b""
    if magic == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=fh)  # type: ignore[return-value]
    return fh


# --- WARC archives -----------------------------------------------------------------------


def read_warc(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, stats: ReadStats | None = None
) -> Iterator[Record | BadRecord]:
    """HTML pages from the response records of a WARC (or ARC) file, plain or gzip.

    Read with warcio (the Internet Archive's WARC library). Records that are not
    responses (requests, metadata, revisits, warcinfo) and responses whose payload is
    not HTML are skipped and counted in ``stats.skipped``; a response that cannot be
    decoded is a BadRecord; a damaged archive ends with one BadRecord at the damage."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    stats = stats if stats is not None else ReadStats()
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(str(path), f"cannot be opened ({exc.strerror or exc})") from None
    with fh:
        if not _looks_like_archive(fh):
            yield BadRecord(
                str(path),
                "not a WARC or ARC archive (it does not begin with a WARC record); "
                "rename it if it is an article",
            )
            return
        records = ArchiveIterator(fh, arc2warc=True)
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
                yield BadRecord(f"{path} after byte {fh.tell()}", f"damaged archive ({exc})")
                return
            if record.rec_type is None or record.rec_headers.get_header("Content-Length") is None:
                # warcio hands back the few bytes of a header the file ends inside as a
                # record without a type: the archive was cut there
                yield BadRecord(
                    f"{path} record at byte {records.get_record_offset()}",
                    "damaged archive (the file ends inside a record's header)",
                )
                return
            if record.rec_type != "response":
                stats.skip(f"{record.rec_type} record")
                continue
            if not _is_html(record):
                stats.skip("response that is not HTML")
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                payload = record.content_stream().read(max_bytes + 1)
                error = None
                if len(payload) <= max_bytes and getattr(record.raw_stream, "limit", 0) > 0:
                    error = "the record is cut short: the file ends inside it"
            except Exception as exc:  # a broken payload of any kind is one bad record
                payload, error = b"", exc
            # warcio finds a record's offset by reading it to its end: only after the payload
            position = f"{path} record at byte {records.get_record_offset()}"
            if error is not None:
                yield BadRecord(position, f"payload cannot be read ({error})")
                continue
            if len(payload) > max_bytes:
                yield BadRecord(position, f"page larger than {format_size(max_bytes)}")
                continue
            try:
                raw = read_bytes(payload, source=url or position, max_bytes=max_bytes)
            except InputError as exc:
                yield BadRecord(position, exc.problem)
                continue
            yield Record(
                raw=RawDocument(
                    source=raw.source, text=raw.text, kind="html", encoding=raw.encoding
                ),
                position=position,
                url=url,
                fetched=normalise_date(record.rec_headers.get_header("WARC-Date")),
            )


def _is_archive_file(path: Path) -> bool:
    """Does the file at ``path`` begin as a WARC or ARC archive (plain or gzip)? False
    when it cannot be opened (the reader that follows says why)."""
    try:
        with open(path, "rb") as fh:
            return _looks_like_archive(fh)
    except OSError:
        return False


def _looks_like_archive(fh: BinaryIO) -> bool:
    """Does the file (plain or gzip) begin as a WARC ("WARC/1.x") or ARC ("filedesc://")
    file? The file position is left at the start."""
    head = fh.read(4096)
    fh.seek(0)
    if head[:2] == b"\x1f\x8b":
        import zlib

        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc://"))


def _is_html(record: Any) -> bool:
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type") if headers else None) or ""
    return "html" in content_type.lower()


__all__ = ["BadRecord", "ReadStats", "Record", "iter_records", "read_feed", "read_warc"]
