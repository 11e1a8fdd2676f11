"""Comparisons kept in SQLite, so shared result URLs survive a restart.

One table, the Comparison's JSON (the same contract as the CLI's) under a random id.
Requests never name a file: the database path is fixed when the app starts.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


class ComparisonStore:
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

    def add(self, data: dict[str, Any]) -> str:
        key = secrets.token_urlsafe(9)
        with self._lock:
            self._db.execute(
                "INSERT INTO comparisons (id, created, body) VALUES (?, ?, ?)",
                (
                    key,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    json.dumps(data, ensure_ascii=False),
                ),
            )
            self._db.commit()
        return key

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT body FROM comparisons WHERE id = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])
