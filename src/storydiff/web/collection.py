"""Web pages and REST routes over a collection (``storydiff serve --db news.sqlite``).

Pages: ``/search`` (paste or upload an article, or ?id=N: its versions with evidence),
``/stories`` (the story list) and ``/stories/{id}`` (a story's versions and where they
disagree). REST: ``POST /api/find``, ``GET /api/stories``, ``GET /api/stories/{id}``, the
same JSON as ``storydiff find --format json`` and ``storydiff cluster --format json``.
Every piece of work runs in the app's worker processes, under the app's deadline.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment

from storydiff.web import collection_jobs as jobs
from storydiff.web.spool import BodySpool

RunJob = Callable[..., Awaitable[Any]]  # run_job(fn, *args, weight=n) -> fn's value
PAGE_SIZE = 50
MAX_PAGE = 1000


def collection_routes(
    db_path: Path,
    pages: Environment,
    run_job: RunJob,
    job_args: tuple[str, str | None, int],
    max_bytes: int,
    spool: BodySpool,
) -> APIRouter:
    """The collection's routes. ``job_args`` = (encoder spec, cache dir, cache items);
    ``run_job`` runs a job in a worker and maps failures to the app's errors; ``spool``
    receives request bodies (a large one is handed to the worker as a file)."""
    router = APIRouter()
    db = str(db_path)

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(pages.get_template(name).render(**context), status_code=status)

    def failed(value: Any) -> JSONResponse | None:
        if isinstance(value, jobs.Failed):
            return JSONResponse({"error": value.error}, status_code=value.status)
        return None

    @router.post(
        "/api/find",
        summary="Versions of an article in the collection, verified",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": jobs.FindRequest.model_json_schema()}},
            }
        },
    )
    async def api_find(request: Request):
        async with spool.body(request) as body:  # counted and bounded by the app's BodyLimit
            found = await run_job(jobs.api_find, db, body, *job_args, max_bytes, weight=body.size())
        return failed(found) or JSONResponse(found)

    @router.get(
        "/api/stories",
        summary="The collection's stories, largest first",
        description=(
            "One page: `total`, `offset`, `limit`, `window_days` (the window the stories "
            "were formed with) and `stories`, each the object `storydiff cluster --format "
            "json` prints."
        ),
    )
    async def api_stories(min_size: int = 1, limit: int = PAGE_SIZE, offset: int = 0):
        wrong = paging_errors(min_size=min_size, limit=limit, offset=offset)
        if wrong:
            return JSONResponse({"error": wrong}, status_code=400)
        data = await run_job(jobs.list_stories, db, *job_args, min_size, limit, offset, weight=1)
        return JSONResponse(data)

    @router.get("/api/stories/{story_id}", summary="One story: versions and disagreements")
    async def api_story(story_id: int):
        data = await run_job(jobs.one_story, db, story_id, *job_args, weight=1)
        if data is None:
            return JSONResponse({"error": "no story with that id"}, status_code=404)
        return JSONResponse(data)

    @router.get("/search", response_class=HTMLResponse, include_in_schema=False)
    async def search_page(id: int | None = None):
        if id is None:
            return page("search.html.j2", result=None, error=None, text="")
        result = await run_job(jobs.find_versions, db, id, *job_args, weight=1)
        if result is None:
            return page(
                "search.html.j2", result=None, error="no article with that id", text="", status=404
            )
        return page("search.html.j2", result=result, error=None, text="")

    @router.post("/search", response_class=HTMLResponse, include_in_schema=False)
    async def search_form(request: Request):
        async with spool.body(request) as body:
            result, text, refused = await run_job(
                jobs.search_form, db, body, *job_args, max_bytes, weight=body.size()
            )
        if refused is not None:
            return page(
                "search.html.j2", result=None, error=refused.error, text=text, status=refused.status
            )
        return page("search.html.j2", result=result, error=None, text=text)

    @router.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    async def stories_page(min_size: int = 2, offset: int = 0):
        min_size, offset = max(1, min_size), max(0, offset)
        data = await run_job(
            jobs.list_stories, db, *job_args, min_size, PAGE_SIZE, offset, False, weight=1
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


def paging_errors(*, min_size: int, limit: int, offset: int) -> str | None:
    """'"limit": must be 1-1000' -- each paging field at fault, named; None if all fit."""
    wrong = []
    if min_size < 1:
        wrong.append('"min_size": must be at least 1')
    if not 1 <= limit <= MAX_PAGE:
        wrong.append(f'"limit": must be 1-{MAX_PAGE}')
    if offset < 0:
        wrong.append('"offset": must be 0 or more')
    return "; ".join(wrong) or None


__all__ = ["collection_routes"]
