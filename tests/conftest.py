"""Shared fixtures: real inputs, the real default encoder, no disk cache in $HOME."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
PAIRS = DATA / "pairs"
SEED_DE = ROOT / "examples" / "openai-paris.de.txt"
SEED_FR = ROOT / "examples" / "openai-paris.fr.txt"

# Tests must not read or write a user's embedding cache.
os.environ["STORYDIFF_CACHE_DIR"] = ""


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
