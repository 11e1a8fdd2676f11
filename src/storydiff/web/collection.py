"""Web pages and REST routes over a collection (``storydiff serve --db news.sqlite``).

Pages: ``/search`` (paste or upload an article, or ?id=N: its versions with evidence),
``/stories`` (the story list) and ``/stories/{id}`` (a story's versions and where they
disagree). REST: ``POST /api/find``, ``GET /api/stories``, ``GET /api/stories/{id}``, the
same JSON as ``storydiff find --format json`` and ``storydiff cluster --format json``.
Every piece of work runs in the app's worker processes, under the app's deadline.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment
from pydantic import BaseModel, Field

from storydiff.web import collection_jobs as jobs
from storydiff.web.jobs import Document

RunJob = Callable[..., Awaitable[Any]]  # run_job(fn, *args, weight=n) -> fn's value
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
PAGE_SIZE = 50


def is_collection(path: Path) -> bool:
    """Does this SQLite file hold a collection (made by ``storydiff index``)?"""
    if not path.exists():
        return False
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
            row = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'"
            ).fetchone()
    except sqlite3.Error:
        return False
    return row is not None


class FindRequest(BaseModel):
    """``POST /api/find``: an article (text or HTML) or the id of a stored one."""

    text: str | None = Field(None, description="The article to look for (text or HTML)")
    id: int | None = Field(None, description="Or: the id of a stored article")
    k: int = Field(10, ge=1, le=100, description="How many versions to return")
    since: str | None = Field(None, description="Only articles dated on or after (YYYY-MM-DD)")
    until: str | None = Field(None, description="Only articles dated on or before (YYYY-MM-DD)")
    lang: list[str] | None = Field(None, description="Only these languages (ISO 639-1)")


class BadRequest(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def collection_routes(
    db_path: Path,
    pages: Environment,
    run_job: RunJob,
    job_args: tuple[str, str | None, int],
    max_bytes: int,
) -> APIRouter:
    """The collection's routes. ``job_args`` = (encoder spec, cache dir, cache items);
    ``run_job`` runs a job in a worker and maps failures to the app's errors."""
    router = APIRouter()
    db = str(db_path)

    async def find(query: Document | int, k: int, since, until, langs) -> dict[str, Any]:
        weight = len(query.data) if isinstance(query, Document) else 1
        found = await run_job(
            jobs.find_versions, db, query, *job_args, k, since, until, langs, weight=weight
        )
        if found is None:
            raise BadRequest(f"no article with id {query} in the collection", 404)
        return found

    def check(req: FindRequest) -> None:
        if (req.text is None or not req.text.strip()) == (req.id is None):
            raise BadRequest('send either "text" (an article) or "id" (a stored article)')
        for name in ("since", "until"):
            value = getattr(req, name)
            if value is not None and not _DATE.match(value):
                raise BadRequest(f'"{name}" must be a date as YYYY-MM-DD')
        if req.text is not None and len(req.text.encode("utf-8", "replace")) > max_bytes:
            raise BadRequest("the article is larger than the size limit", 413)

    @router.post("/api/find", summary="Versions of an article in the collection, verified")
    async def api_find(req: FindRequest):
        try:
            check(req)
            query: Document | int = (
                req.id
                if req.id is not None
                else Document(req.text.encode("utf-8", "replace"), "query")  # type: ignore[union-attr]
            )
            langs = [x.lower() for x in req.lang] if req.lang else None
            return JSONResponse(await find(query, req.k, req.since, req.until, langs))
        except BadRequest as exc:
            return JSONResponse({"error": str(exc)}, status_code=exc.status)

    @router.get("/api/stories", summary="The collection's stories, largest first")
    async def api_stories(min_size: int = 1, limit: int = PAGE_SIZE, offset: int = 0):
        if min_size < 1 or not 1 <= limit <= 1000 or offset < 0:
            return JSONResponse(
                {"error": "min_size >= 1, limit 1-1000, offset >= 0"}, status_code=400
            )
        data = await run_job(
            jobs.list_stories, db, *job_args, 7.0, min_size, limit, offset, weight=1
        )
        return JSONResponse(data)

    @router.get("/api/stories/{story_id}", summary="One story: versions and disagreements")
    async def api_story(story_id: int):
        data = await run_job(jobs.one_story, db, story_id, *job_args, weight=1)
        if data is None:
            return JSONResponse({"error": "no story with that id"}, status_code=404)
        return JSONResponse(data)

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(pages.get_template(name).render(**context), status_code=status)

    @router.get("/search", response_class=HTMLResponse, include_in_schema=False)
    async def search_page(id: int | None = None):
        if id is None:
            return page("search.html.j2", result=None, error=None, text="")
        try:
            result = await find(id, 10, None, None, None)
        except BadRequest as exc:
            return page("search.html.j2", result=None, error=str(exc), text="", status=exc.status)
        return page("search.html.j2", result=result, error=None, text="")

    @router.post("/search", response_class=HTMLResponse, include_in_schema=False)
    async def search_form(request: Request):
        form = await request.form(max_files=2, max_fields=8, max_part_size=max_bytes + 1)
        upload, text = form.get("file"), form.get("text")
        data, name = b"", "pasted article"
        if upload is not None and hasattr(upload, "read"):
            data = await upload.read(max_bytes + 1)
            name = Path(upload.filename or "upload").name or "upload"
        if not data.strip() and isinstance(text, str):
            data = text.encode("utf-8", "replace")
        shown = text if isinstance(text, str) else ""
        if not data.strip():
            return page(
                "search.html.j2",
                result=None,
                error="paste or upload an article",
                text=shown,
                status=400,
            )
        if len(data) > max_bytes:
            return page(
                "search.html.j2", result=None, error="the article is too large", text="", status=413
            )
        result = await find(Document(data, name), 10, None, None, None)
        return page("search.html.j2", result=result, error=None, text=shown)

    @router.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    async def stories_page(min_size: int = 2, offset: int = 0):
        min_size, offset = max(1, min_size), max(0, offset)
        data = await run_job(
            jobs.list_stories, db, *job_args, 7.0, min_size, PAGE_SIZE, offset, weight=1
        )
        return page(
            "stories.html.j2", data=data, min_size=min_size, offset=offset, page_size=PAGE_SIZE
        )

    @router.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(story_id: int):
        data = await run_job(jobs.one_story, db, story_id, *job_args, weight=1)
        if data is None:
            return page("story.html.j2", story=None, status=404)
        return page("story.html.j2", story=data)

    return router


__all__ = ["BadRequest", "FindRequest", "collection_routes", "is_collection"]
