"""Shared fixtures: real inputs, the real default encoder, no disk cache in $HOME."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
PAIRS = DATA / "pairs"
SEED_DE = ROOT / "examples" / "openai-paris.de.txt"
SEED_FR = ROOT / "examples" / "openai-paris.fr.txt"
# the keys of one story in `storydiff cluster --format jsonl` (design.md)
STORY_KEYS = {"id", "size", "languages", "first_seen", "last_seen", "articles", "disagreements"}

# Tests must not read or write a user's embedding cache.
os.environ["STORYDIFF_CACHE_DIR"] = ""


def run_cli(*args: str, stdin: bytes | None = None, timeout: float = 120):
    """The real console entry point in a subprocess, so a traceback would show for real."""
    env = {**os.environ, "STORYDIFF_CACHE_DIR": "", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "storydiff", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=timeout,
    )


@pytest.fixture()
def client(tmp_path):
    """The web app in process, on a fresh database, with one worker and a 200 kB limit."""
    from fastapi.testclient import TestClient

    from storydiff.web.app import Settings, create_app

    settings = Settings(
        db_path=tmp_path / "db.sqlite", max_bytes=200_000, timeout_s=60, workers=1, preload=False
    )
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture(scope="session")
def seed_comparison():
    import storydiff

    return storydiff.compare(SEED_DE, SEED_FR)


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads((DATA / "seed-gold.json").read_text(encoding="utf-8"))


def _squash(text: str) -> str:
    """Collapse every kind of space (the French texts use no-break spaces) to one."""
    return " ".join(text.split())


def find_sentence(article, snippet: str) -> int:
    """Index of the one sentence of ``article`` that contains ``snippet``."""
    hits = [s.index for s in article.sentences if _squash(snippet) in _squash(s.text)]
    assert len(hits) == 1, f"snippet {snippet!r} found in {len(hits)} sentences"
    return hits[0]


def write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    """A gzipped WARC written with warcio: a warcinfo record, a response and a request
    record per page, and an image response (not an article)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "test"}))
        for url, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(html.encode()), http_headers=headers
                )
            )
            writer.write_record(
                writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET /"))
            )
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://x.example/a.png",
                "response",
                payload=io.BytesIO(b"\x89PNG"),
                http_headers=image,
            )
        )
