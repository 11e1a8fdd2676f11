"""The folder of rendered report pages (``report-pages/`` beside the database), bounded.

A worker renders a stored comparison's page once to ``{id}.html``; the server sends it
from there in pieces. The folder holds at most ``max_pages`` pages and ``max_bytes``
bytes: past either, the least recently viewed pages go first (a page gone is rendered
again when it is next asked for). A page being sent is read from a handle opened before
any eviction, so removing it never cuts an answer short. Pieces of pages that a worker
never finished (killed at its deadline) are removed once they are older than
``stale_after_s``. The folder is emptied when the server starts, since a new version may
render pages differently.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import BinaryIO, NamedTuple

DEFAULT_MAX_PAGES = 200
DEFAULT_MAX_BYTES = 200_000_000


class _Page(NamedTuple):
    path: Path
    size: int
    used: float


class ReportPages:
    """Rendered pages in ``folder``: at most ``max_pages`` files and ``max_bytes`` bytes."""

    def __init__(
        self,
        folder: Path,
        max_pages: int = DEFAULT_MAX_PAGES,
        max_bytes: int = DEFAULT_MAX_BYTES,
        stale_after_s: float = 600.0,
    ) -> None:
        self.folder = folder
        self.max_pages = max_pages
        self.max_bytes = max_bytes
        self.stale_after_s = stale_after_s

    def clear(self) -> None:
        """Remove every page and unfinished piece (at start)."""
        for old in [*self.folder.glob("*.html"), *self.folder.glob(".part-*")]:
            with contextlib.suppress(OSError):
                old.unlink()

    def path(self, key: str) -> Path:
        """Where the page of comparison ``key`` is kept (``key`` is an id the store made:
        random and URL-safe, never a client's text)."""
        return self.folder / f"{key}.html"

    def open(self, key: str) -> BinaryIO | None:
        """The page of ``key``, opened for sending and marked as just used; None if it
        is not rendered (or was evicted)."""
        path = self.path(key)
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed by whoever sends it
        except OSError:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # least recently viewed goes first
        return handle

    def prune(self) -> int:
        """Evict the least recently viewed pages until both bounds hold; remove stale
        unfinished pieces. Returns how many pages were removed."""
        pages: list[_Page] = []
        now = time.time()
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                if entry.name.startswith(".part-"):
                    if now - stat.st_mtime > self.stale_after_s:
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)
                elif entry.name.endswith(".html"):
                    pages.append(_Page(Path(entry.path), stat.st_size, stat.st_mtime))
        pages.sort(key=lambda p: p.used, reverse=True)  # newest first
        kept_bytes, removed = 0, 0
        for rank, page in enumerate(pages):
            kept_bytes += page.size
            # the newest page always stays: it is the one about to be sent
            if rank > 0 and (rank >= self.max_pages or kept_bytes > self.max_bytes):
                with contextlib.suppress(OSError):
                    page.path.unlink()
                    removed += 1
                kept_bytes -= page.size
        return removed
