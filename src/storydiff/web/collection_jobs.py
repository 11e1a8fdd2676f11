"""What the web app's workers run for a collection: find, the story list, one story.

Module-level functions (sent to worker processes, see ``storydiff.worker``); the collection
is opened once per worker process and kept. Each returns plain JSON-ready data, the same
shapes as ``storydiff find --format json`` and ``storydiff cluster --format json``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from storydiff.collection.index import Index
from storydiff.errors import InputError
from storydiff.readers import read_bytes
from storydiff.web.bodies import (
    NOT_JSON,
    BadBody,
    RawBody,
    load_json,
    parse_form,
    sized,
    text_document,
)
from storydiff.web.fields import field_errors
from storydiff.web.jobs import Document, _encoder

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
DEFAULT_WINDOW_DAYS = 7.0  # as storydiff cluster's default --window


def _is_date(value: str) -> bool:
    """Exactly YYYY-MM-DD, and a real day of the calendar."""
    from datetime import date

    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


class FindRequest(BaseModel):
    """``POST /api/find``: an article (text or HTML) or the id of a stored one. Strict:
    ``"k": "5"`` or ``"id": true`` is refused, not guessed; so is an unknown field."""

    model_config = ConfigDict(strict=True, extra="forbid")

    text: str | None = Field(None, description="The article to look for (text or HTML)")
    id: int | None = Field(None, description="Or: the id of a stored article")
    k: int = Field(10, ge=1, le=100, description="How many versions to return")
    since: str | None = Field(None, description="Only articles dated on or after (YYYY-MM-DD)")
    until: str | None = Field(None, description="Only articles dated on or before (YYYY-MM-DD)")
    lang: list[str] | None = Field(None, description="Only these languages (ISO 639-1)")
    all: bool = Field(False, description="Also list candidates found to be different stories")


_FIELDS_READ = ", ".join(f'"{name}"' for name in FindRequest.model_fields) + " (see /docs)"


class Failed(BaseModel):
    """A job's refusal: the HTTP status and one message."""

    status: int
    error: str


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
    keep_different: bool = False,
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
        article, hits = index.find(
            target,
            k=k,
            since=since,
            until=until,
            languages=languages,
            keep_different=keep_different,
        )
    except KeyError:
        return None
    return find_payload(article, hits, article_id)


def api_find(
    db: str, body: RawBody, spec: str, cache_dir: str | None, cache_items: int, max_bytes: int
) -> dict[str, Any] | Failed:
    """``POST /api/find``: the JSON body parsed here, in the worker (its cost depends on
    what the client sent), then ``find_versions``."""
    try:
        req = FindRequest.model_validate(load_json(body.read(), _FIELDS_READ))
    except ValidationError as exc:
        return Failed(status=400, error=field_errors(exc.errors(), "see the form at /docs"))
    except BadBody as exc:
        if str(exc) == NOT_JSON:
            return Failed(status=400, error="the body is not valid JSON (see the form at /docs)")
        return Failed(status=exc.status, error=str(exc))
    if (req.text is None or not req.text.strip()) == (req.id is None):
        return Failed(status=400, error='send either "text" (an article) or "id" (a stored one)')
    for name in ("since", "until"):
        value = getattr(req, name)
        if value is not None and not _is_date(value):
            return Failed(status=400, error=f'"{name}" must be a calendar date as YYYY-MM-DD')
    try:
        query: Document | int = (
            req.id if req.id is not None else text_document(req.text or "", "query", max_bytes)
        )
    except BadBody as exc:
        return Failed(status=exc.status, error=str(exc))
    langs = [x.lower() for x in req.lang] if req.lang else None
    args = (db, query, spec, cache_dir, cache_items, req.k, req.since, req.until, langs, req.all)
    found = find_versions(*args)
    if found is None:
        return Failed(status=404, error=f"no article with id {req.id} in the collection")
    return found


def search_form(
    db: str, body: RawBody, spec: str, cache_dir: str | None, cache_items: int, max_bytes: int
) -> tuple[dict[str, Any] | None, str, Failed | None]:
    """``POST /search`` from the search page: (result, the pasted text, refusal)."""
    text = ""
    try:
        form = parse_form(body)
        text = form.texts.get("text", "")
        upload = form.files.get("file")
        if upload is not None and upload[1].strip():
            doc = sized(upload[1], Path(upload[0] or "upload").name or "upload", max_bytes)
        elif text.strip():
            doc = text_document(text, "pasted article", max_bytes)
        else:
            return None, text, Failed(status=400, error="paste or upload an article")
        return find_versions(db, doc, spec, cache_dir, cache_items), text, None
    except BadBody as exc:
        return None, text, Failed(status=exc.status, error=str(exc))
    except InputError as exc:
        return None, text, Failed(status=422, error=str(exc))


def list_stories(
    db: str,
    spec: str,
    cache_dir: str | None,
    cache_items: int,
    min_size: int = 1,
    limit: int = 100,
    offset: int = 0,
    with_disagreements: bool = True,
) -> dict[str, Any]:
    """Stories of the collection (new articles assigned first), largest first, one page:
    ``{"total", "offset", "limit", "window_days", "stories": [...]}``. Each story is the
    object ``storydiff cluster --format json`` prints (disagreements included; the HTML
    list, which shows none, passes ``with_disagreements=False``).

    Stories are formed with the window they were last formed with (``storydiff cluster
    --window``), DEFAULT_WINDOW_DAYS before the first clustering: the web app never
    re-forms them with a window of its own."""
    from storydiff.collection.cluster import (
        add_disagreements,
        assign_stories,
        load_stories,
        stored_window,
    )

    index = _index(db, spec, cache_dir, cache_items)
    window = stored_window(index) or DEFAULT_WINDOW_DAYS
    assign_stories(index, window_days=window)
    stories = load_stories(index, with_disagreements=False, min_size=min_size)
    page = stories[offset : offset + limit]
    if with_disagreements:
        add_disagreements(index, page)
    return {
        "total": len(stories),
        "offset": offset,
        "limit": limit,
        "window_days": window,
        "stories": [s.to_dict() for s in page],
    }


def one_story(
    db: str, story_id: int, spec: str, cache_dir: str | None, cache_items: int
) -> dict[str, Any] | None:
    """One story with its versions and where they disagree, or None if there is none."""
    from storydiff.collection.cluster import load_story

    index = _index(db, spec, cache_dir, cache_items)
    story = load_story(index, story_id)
    return None if story is None else story.to_dict()
