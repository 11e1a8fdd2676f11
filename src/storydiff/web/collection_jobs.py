"""What the web app's workers run for a collection: find, the story list, one story.

Module-level functions (sent to worker processes, see ``storydiff.worker``); the collection
is opened once per worker process and kept. Each returns plain JSON-ready data, the same
shapes as ``storydiff find --format json`` and ``storydiff cluster --format json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storydiff.collection.index import Index
from storydiff.readers import read_bytes
from storydiff.web.jobs import Document, _encoder

_OPEN: dict[tuple[str, str], Index] = {}


def _index(db: str, spec: str, cache_dir: str | None, cache_items: int) -> Index:
    key = (db, spec)
    if key not in _OPEN:
        _OPEN[key] = Index.open(db, encoder=_encoder(spec, cache_dir, cache_items), create=False)
    return _OPEN[key]


def find_versions(
    db: str,
    query: Document | int,
    spec: str,
    cache_dir: str | None,
    cache_items: int,
    k: int = 10,
    since: str | None = None,
    until: str | None = None,
    languages: list[str] | None = None,
) -> dict[str, Any] | None:
    """``storydiff find`` for an uploaded document or a stored article id; None for an
    id not in the collection. Raises InputError for bad input."""
    from storydiff.cli_collection import find_payload

    index = _index(db, spec, cache_dir, cache_items)
    if isinstance(query, Document):
        target: Any = read_bytes(
            query.data,
            source=query.source,
            max_bytes=len(query.data),
            suffix=Path(query.source).suffix,
        )
        article_id = None
    else:
        target = article_id = int(query)
    try:
        article, hits = index.find(target, k=k, since=since, until=until, languages=languages)
    except KeyError:
        return None
    return find_payload(article, hits, article_id)


def list_stories(
    db: str,
    spec: str,
    cache_dir: str | None,
    cache_items: int,
    window_days: float = 7.0,
    min_size: int = 1,
    limit: int = 100,
    offset: int = 0,
) -> dict[str, Any]:
    """Stories of the collection (new articles assigned first), largest first, one page:
    ``{"total": n, "stories": [story without disagreements, ...]}``."""
    from storydiff.collection.cluster import assign_stories, load_stories

    index = _index(db, spec, cache_dir, cache_items)
    assign_stories(index, window_days=window_days)
    stories = load_stories(index, with_disagreements=False, min_size=min_size)
    page = stories[offset : offset + limit]
    return {"total": len(stories), "stories": [s.to_dict() for s in page]}


def one_story(
    db: str, story_id: int, spec: str, cache_dir: str | None, cache_items: int
) -> dict[str, Any] | None:
    """One story with its versions and where they disagree, or None if there is none."""
    from storydiff.collection.cluster import load_story

    index = _index(db, spec, cache_dir, cache_items)
    story = load_story(index, story_id)
    return None if story is None else story.to_dict()
