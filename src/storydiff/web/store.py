"""Comparisons kept in SQLite, so shared result URLs survive a restart.

One table, the Comparison's JSON (the same contract as the CLI's) under a random id. The
JSON is kept and handed back as text: the server never parses it (a comparison of
thousands of sentences takes a while to parse), workers do. The server sends it in
pieces read from the database as the client takes them (``locate`` then ``piece``), so
a client that reads slowly holds one piece in the server, never the whole text.
Requests never name a file: the database path is fixed when the app starts.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple


class Stored(NamedTuple):
    rowid: int
    size: int
    head: bytes
    tail: bytes


class ComparisonStore:
    """Comparisons by id in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS comparisons ("
            " id TEXT PRIMARY KEY, created TEXT NOT NULL, body TEXT NOT NULL)"
        )
        self._db.commit()

    def add(self, json_text: str) -> str:
        """Store a comparison's JSON text; its new random id."""
        key = secrets.token_urlsafe(9)
        with self._lock:
            self._db.execute(
                "INSERT INTO comparisons (id, created, body) VALUES (?, ?, ?)",
                (
                    key,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    json_text,
                ),
            )
            self._db.commit()
        return key

    @staticmethod
    def read(path: Path, key: str) -> str | None:
        """The JSON text stored under ``key`` in the database at ``path``, read through a
        connection of its own, read-only (what a worker process uses); None if absent."""
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT body FROM comparisons WHERE id = ?", (key,)).fetchone()
        finally:
            db.close()
        return None if row is None else row[0]

    def size(self, key: str) -> int | None:
        """The length of the JSON text stored under ``key``, or None: without reading it."""
        with self._lock:
            row = self._db.execute(
                "SELECT length(body) FROM comparisons WHERE id = ?", (key,)
            ).fetchone()
        return None if row is None else row[0]

    def locate(self, key: str, ends: int = 256) -> Stored | None:
        """Where the JSON text under ``key`` lies (its row and size in bytes) and its first
        and last ``ends`` bytes, without reading the rest; None if absent."""
        with self._lock:
            row = self._db.execute("SELECT rowid FROM comparisons WHERE id = ?", (key,)).fetchone()
            if row is None:
                return None
            with self._db.blobopen("comparisons", "body", row[0], readonly=True) as blob:
                size = len(blob)
                head = blob.read(min(ends, size))
                blob.seek(max(0, size - ends))
                tail = blob.read()
        return Stored(row[0], size, head, tail)

    def piece(self, rowid: int, offset: int, length: int) -> bytes:
        """``length`` bytes of the stored UTF-8 text in row ``rowid`` from ``offset`` (b""
        if the row is gone)."""
        with self._lock:
            try:
                blob = self._db.blobopen("comparisons", "body", rowid, readonly=True)
            except sqlite3.OperationalError:
                return b""
            with blob:
                blob.seek(offset)
                return blob.read(length)

    def get(self, key: str) -> str | None:
        """The JSON text stored under ``key``, or None."""
        with self._lock:
            row = self._db.execute("SELECT body FROM comparisons WHERE id = ?", (key,)).fetchone()
        return None if row is None else row[0]
