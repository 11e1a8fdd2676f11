"""Pick the reader for an input and enforce the limits every face shares.

The checks here run before any decoding so that a directory, a missing file, a binary
file or a 50 MB dump is refused with a clear reason instead of a traceback or an
out-of-memory kill. A path that cannot even be looked at (a name too long for the file
system, a folder without read permission) is a user error too, and so is a FIFO or a
device that sends nothing: such inputs are read with a deadline, never waited on forever.
"""

from __future__ import annotations

import errno
import os
import select
import stat
import sys
import time
from pathlib import Path
from typing import BinaryIO

from storydiff.errors import InputError
from storydiff.model import RawDocument
from storydiff.readers.html import looks_like_html
from storydiff.readers.text import decode_bytes

# A long news article is ~50 KB of text and a heavy news page ~2 MB of HTML; 20 MB leaves a
# wide margin while keeping a single compare's memory bounded. Decimal megabytes, so that
# "20 MB" in the README, the CLI's help, the web page and every error message is the
# same number (format_size).
DEFAULT_MAX_BYTES = 20_000_000
# A FIFO, a character device or a socket: how long to wait for data before giving up.
STREAM_WAIT_S = 30.0


def format_size(n: int) -> str:
    """20000000 -> '20 MB', 1500000 -> '1.5 MB', 200000 -> '200 kB', 512 -> '512 bytes'."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= scale:
            value = n / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"


def read_source(
    source: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    stream_wait_s: float = STREAM_WAIT_S,
    deadline_s: float | None = None,
) -> RawDocument:
    """Read a path, or ``-`` for standard input, into a RawDocument.

    Standard input, a FIFO or a device is read until its end, and given up (InputError)
    after ``stream_wait_s`` seconds without data or, for standard input, ``deadline_s``
    seconds in all (the CLI's --timeout)."""
    name = str(source)
    if name == "-":
        if stdin is None and sys.stdin is None:
            raise InputError("<stdin>", "standard input is closed", "Pass a file, or pipe text in")
        if stdin is not None:
            data = stdin.read(max_bytes + 1)
        else:
            data = _read_stdin(max_bytes, stream_wait_s, deadline_s)
        return read_bytes(data, source="<stdin>", max_bytes=max_bytes)
    try:
        info = os.stat(name)
    except (OSError, ValueError) as exc:
        raise _path_error(name, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory, not a file", "Pass one article file per side")
    if not stat.S_ISREG(info.st_mode):
        data = _read_stream(name, max_bytes, stream_wait_s)
        return read_bytes(data, source=name, max_bytes=max_bytes, suffix=Path(name).suffix.lower())
    if info.st_size > max_bytes:
        raise InputError(
            name,
            f"file too large ({format_size(info.st_size)}, limit {format_size(max_bytes)})",
            "Pass --max-bytes to raise the limit, or split the file",
        )
    try:
        with open(name, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    return read_bytes(data, source=name, max_bytes=max_bytes, suffix=Path(name).suffix.lower())


def _path_error(name: str, exc: Exception) -> InputError:
    code = getattr(exc, "errno", None)
    if isinstance(exc, ValueError):  # an embedded NUL character
        return InputError(name[:80], "is not a usable file name (it contains a NUL character)")
    if code == errno.ENAMETOOLONG:
        return InputError(
            name[:80] + "…",
            f"file name too long ({len(name)} characters)",
            "Check the path; to compare text, pass it through standard input (-)",
        )
    if code == errno.EACCES:
        return InputError(
            name, "cannot be opened: permission denied", "Check the permissions of its folders"
        )
    if code in (errno.ENOENT, errno.ENOTDIR):
        return InputError(name, "no such file", "Check the path, or pass - to read standard input")
    strerror = getattr(exc, "strerror", None) or str(exc)
    return InputError(name, f"cannot be opened ({strerror})")


def _read_stdin(max_bytes: int, wait_s: float, deadline_s: float | None) -> bytes:
    """Standard input, read with select so that a pipe whose writer sends nothing (``sleep
    90 | storydiff compare - B``) ends after ``wait_s`` seconds of silence or
    ``deadline_s`` in all, instead of blocking the run."""
    try:
        fd = sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests, embedding)
        return sys.stdin.buffer.read(max_bytes + 1)
    chunks: list[bytes] = []
    size = 0
    start = time.monotonic()
    silent_since = start
    while size <= max_bytes:
        now = time.monotonic()
        if deadline_s is not None and now - start >= deadline_s:
            raise InputError(
                "<stdin>",
                f"still reading after {round(deadline_s, 1):g} s",
                "Pass --timeout to allow more, or a file",
            )
        if now - silent_since >= wait_s:
            raise InputError(
                "<stdin>",
                f"no data arrived within {wait_s:g} s",
                "Pipe text in, or pass a file",
            )
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
        except OSError as exc:
            raise InputError("<stdin>", f"cannot be read ({exc.strerror or exc})") from None
        if not chunk:
            break  # the end of the input
        chunks.append(chunk)
        size += len(chunk)
        silent_since = time.monotonic()
    return b"".join(chunks)


def _read_stream(name: str, max_bytes: int, wait_s: float) -> bytes:
    """Read a FIFO, character device or socket, giving up after ``wait_s`` seconds without
    data (a FIFO nobody writes to would otherwise block forever)."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise _path_error(name, exc) from None
    chunks: list[bytes] = []
    size = 0
    deadline = time.monotonic() + wait_s
    writer_seen = False
    try:
        while size <= max_bytes:
            left = deadline - time.monotonic()
            if left <= 0:
                raise InputError(
                    name,
                    f"no data arrived within {wait_s:g} s (a FIFO or device nobody writes to)",
                    "Pass a regular file, or - for standard input",
                )
            ready, _, _ = select.select([fd], [], [], min(left, 0.5))
            if not ready:
                continue
            try:
                chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            except BlockingIOError:
                continue
            except OSError as exc:
                raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
            if not chunk:
                if writer_seen or not stat.S_ISFIFO(os.fstat(fd).st_mode):
                    break
                time.sleep(0.05)  # a FIFO whose writer has not written yet
                continue
            writer_seen = True
            deadline = time.monotonic() + wait_s  # the limit is on silence, not on length
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)


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
            f"input too large (more than {format_size(max_bytes)})",
            "Pass --max-bytes to raise the limit",
        )
    text, encoding = decode_bytes(data, source=source)
    is_html = suffix in {".html", ".htm", ".xhtml"} or (
        suffix not in {".txt", ".text", ".md"} and looks_like_html(text)
    )
    return RawDocument(
        source=source, text=text, kind="html" if is_html else "text", encoding=encoding
    )
