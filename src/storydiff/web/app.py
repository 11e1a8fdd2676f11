"""FastAPI app: the same compare call and the same JSON as the CLI, plus stored reports.

Routes: ``GET /`` upload page, ``POST /compare`` (form) -> redirect to ``/c/{id}`` (the
HTML report), ``POST /api/compare`` (multipart files ``a``/``b`` or JSON
``{"a": text, "b": text}``), ``GET /api/comparisons/{id}``, ``GET /healthz``; OpenAPI at
``/docs``. Bad input is a 4xx with ``{"error": ...}`` (JSON) or a message on the page,
never a 500. Limits are the CLI's: bytes per document, and a time limit per comparison.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from storydiff.compare import compare
from storydiff.errors import InputError
from storydiff.model import Comparison, RawDocument
from storydiff.readers import DEFAULT_MAX_BYTES, read_bytes
from storydiff.report import render_html
from storydiff.web.store import ComparisonStore


@dataclass(frozen=True)
class Settings:
    db_path: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout_s: float = 120.0
    encoder: str = "use"


def default_db_path() -> Path:
    env = os.environ.get("STORYDIFF_DB")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "share"
    )
    return Path(base) / "storydiff" / "comparisons.sqlite"


class BadInput(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings(db_path=default_db_path())
    store = ComparisonStore(settings.db_path)
    pages = Environment(
        loader=PackageLoader("storydiff.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    app = FastAPI(
        title="storydiff",
        description="Find the same news story in any language and show what differs.",
        version=_version(),
    )
    app.state.store = store
    app.state.settings = settings

    def index(error: str | None = None, texts: dict[str, str] | None = None, status: int = 200):
        html = pages.get_template("index.html.j2").render(
            error=error,
            texts=texts or {},
            max_bytes=settings.max_bytes,
            timeout=int(settings.timeout_s),
        )
        return HTMLResponse(html, status_code=status)

    async def run_compare(a: RawDocument, b: RawDocument) -> Comparison:
        job = partial(compare, a, b, encoder=settings.encoder)
        try:
            return await asyncio.wait_for(run_in_threadpool(job), settings.timeout_s)
        except InputError as exc:
            raise BadInput(str(exc), 422) from None
        except TimeoutError:
            raise BadInput(f"comparison took longer than {settings.timeout_s:.0f} s", 408) from None

    async def document(form: Any, key: str, *, file_field: str, text_field: str) -> RawDocument:
        upload = form.get(file_field)
        if upload is not None and hasattr(upload, "read"):
            data = await upload.read(settings.max_bytes + 1)
            if data:
                name = Path(upload.filename or key).name or key  # a name only, never a path
                return _decode(data, name, settings.max_bytes)
        text = form.get(text_field)
        if isinstance(text, str) and text.strip():
            return _decode(text.encode("utf-8"), f"pasted {key.upper()}", settings.max_bytes)
        raise BadInput(f"version {key.upper()} is empty: upload a file or paste its text")

    @app.exception_handler(BadInput)
    async def bad_input(request: Request, exc: BadInput):
        return JSONResponse({"error": str(exc)}, status_code=exc.status)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home():
        return index()

    @app.post("/compare", response_class=HTMLResponse, include_in_schema=False)
    async def compare_form(request: Request):
        form = await request.form()
        texts = {k: str(form.get(f"text_{k}") or "") for k in ("a", "b")}
        try:
            a = await document(form, "a", file_field="file_a", text_field="text_a")
            b = await document(form, "b", file_field="file_b", text_field="text_b")
            result = await run_compare(a, b)
        except BadInput as exc:
            return index(str(exc), texts, exc.status)
        key = store.add(result.to_dict())
        return RedirectResponse(f"/c/{key}", status_code=303)

    @app.get("/c/{key}", response_class=HTMLResponse, include_in_schema=False)
    async def report(key: str):
        data = store.get(key)
        if data is None:
            return index("no stored comparison with that id", status=404)
        links = {"JSON": f"/api/comparisons/{key}", "New comparison": "/"}
        return HTMLResponse(render_html(Comparison.from_dict(data), links))

    @app.post("/api/compare", summary="Compare two documents (multipart a/b or JSON a/b)")
    async def api_compare(request: Request):
        if request.headers.get("content-type", "").startswith("application/json"):
            try:
                body = await request.json()
            except ValueError:
                raise BadInput("body is not valid JSON") from None
            if not isinstance(body, dict) or not all(isinstance(body.get(k), str) for k in "ab"):
                raise BadInput('expected {"a": "<text or HTML>", "b": "<text or HTML>"}')
            a = _decode(body["a"].encode("utf-8"), "a", settings.max_bytes)
            b = _decode(body["b"].encode("utf-8"), "b", settings.max_bytes)
        else:
            form = await request.form()
            a = await document(form, "a", file_field="a", text_field="text_a")
            b = await document(form, "b", file_field="b", text_field="text_b")
        result = await run_compare(a, b)
        data = result.to_dict()
        key = store.add(data)
        return JSONResponse(
            data, headers={"Location": f"/api/comparisons/{key}", "X-Comparison-Id": key}
        )

    @app.get("/api/comparisons/{key}", summary="A stored comparison, same JSON as the CLI")
    async def api_get(key: str):
        data = store.get(key)
        if data is None:
            raise BadInput("no stored comparison with that id", 404)
        return JSONResponse(data)

    @app.get("/healthz", summary="Liveness")
    async def healthz():
        return {"status": "ok", "version": _version()}

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon():
        return Response(status_code=204)

    return app


def _decode(data: bytes, source: str, max_bytes: int) -> RawDocument:
    if len(data) > max_bytes:
        raise BadInput(f"{source}: too large (limit {max_bytes / 1e6:.1f} MB)", 413)
    try:
        return read_bytes(
            data, source=source, max_bytes=max_bytes, suffix=Path(source).suffix.lower()
        )
    except InputError as exc:
        raise BadInput(str(exc), 422) from None


def _version() -> str:
    from storydiff import __version__

    return __version__
