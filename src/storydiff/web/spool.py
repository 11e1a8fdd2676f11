"""Request bodies on their way to a worker: small ones in memory, large ones in a file.

The server never holds a large body: as it streams in (counted and cut off at the limit
by the app's ``BodyLimit``), everything past the first ``SPOOL_ABOVE`` bytes is written
to a temporary file in the server's data folder, and the worker that parses the body is
given the file's path, never the bytes. Before, the server held each body a few times
over (the chunks, the joined body, the pickled job): four 40 MB bodies arriving at once
took it from 77 to 318 MB. The file is removed when the request is done, whatever the
outcome (answer, refusal at the limit, client gone, worker stopped at the deadline, no
bytes for the app's idle time: a 408).

The folder holds at most ``limit`` bytes of bodies at once: a body whose declared length
(or, sent chunked, whose length so far) would pass it is refused (``SpoolFull``: a 503
with Retry-After) before it is stored. Before, 40 uploads that declared 41 MB, sent 25 MB
and stalled kept 1 GB in the folder for as long as their connections stayed open.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.requests import Request

from storydiff.web.bodies import RawBody

# Bodies up to this size stay in memory (a normal comparison: the seed pair is 12 kB).
SPOOL_ABOVE = 256 * 1024
# A body file older than this was left by a server that was killed; removed at start.
STALE_AFTER_S = 24 * 3600
_PREFIX = "body-"


class SpoolError(Exception):
    """The body could not be written to the data folder (disk full, no permission)."""


class SpoolFull(SpoolError):
    """The folder already holds as many bytes of bodies as it may: try again later."""


class BodySpool:
    """Temporary files for large request bodies, in ``folder`` (created when needed),
    at most ``limit`` bytes of them at once (None: no limit)."""

    def __init__(self, folder: Path, limit: int | None = None) -> None:
        self.folder = folder
        self.limit = limit
        self.held = 0  # bytes promised to bodies being spooled now (declared or written)

    def remove_stale(self, older_than_s: float = STALE_AFTER_S) -> None:
        """Remove body files left behind by a server that was killed mid-request."""
        cutoff = time.time() - older_than_s
        with contextlib.suppress(OSError):
            for path in self.folder.glob(f"{_PREFIX}*"):
                with contextlib.suppress(OSError):
                    if path.stat().st_mtime < cutoff:
                        path.unlink()

    @contextlib.asynccontextmanager
    async def body(self, request: Request) -> AsyncIterator[RawBody]:
        """The request's body, read to the end; its file (if any) is removed on exit."""
        content_type = request.headers.get("content-type", "")
        try:
            declared = int(request.headers.get("content-length", ""))
        except ValueError:
            declared = 0
        head = bytearray()
        path: str | None = None
        reserved = 0

        def reserve(size: int) -> None:
            # count ``size`` bytes of this body against the folder's limit
            nonlocal reserved
            if size <= reserved:
                return
            if self.limit is not None and self.held + size - reserved > self.limit:
                raise SpoolFull(
                    f"{self.held / 1e6:.0f} MB of request bodies are already waiting, the "
                    f"most the server keeps at once is {self.limit / 1e6:.0f} MB"
                )
            self.held += size - reserved
            reserved = size

        try:
            if declared > SPOOL_ABOVE:
                reserve(declared)  # refused before a byte of it is read
            handle = None
            written = 0
            try:
                async for chunk in request.stream():
                    if handle is not None:
                        written += len(chunk)
                        reserve(written)
                        handle.write(chunk)
                        continue
                    head += chunk
                    if len(head) > SPOOL_ABOVE:
                        written = len(head)
                        reserve(written)
                        handle, path = self._open()
                        handle.write(head)
                        head = bytearray()
            except OSError as exc:
                raise SpoolError(str(exc.strerror or exc)) from None
            finally:
                if handle is not None:
                    with contextlib.suppress(OSError):
                        handle.close()
            if path is None:
                yield RawBody(content_type, bytes(head))
            else:
                yield RawBody(content_type, path=path)
        finally:
            self.held -= reserved
            if path is not None:
                with contextlib.suppress(OSError):
                    os.unlink(path)

    def _open(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, path = tempfile.mkstemp(prefix=_PREFIX, dir=self.folder)
        return os.fdopen(fd, "wb"), path


__all__ = ["SPOOL_ABOVE", "BodySpool", "SpoolError", "SpoolFull"]
