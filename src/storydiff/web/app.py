"""FastAPI app: the same compare call and the same JSON as the CLI, plus stored reports.

Routes: ``GET /`` upload page, ``POST /compare`` (form) -> redirect to ``/c/{id}`` (the
HTML report), ``POST /api/compare`` (multipart files ``a``/``b`` or JSON
``{"a": text, "b": text}``), ``GET /api/comparisons/{id}``, ``GET /healthz``; OpenAPI at
``/docs`` (Swagger UI served from the ``swagger-ui-py`` package: works offline).

What keeps one request from hurting the others:

* comparisons run in worker processes (``storydiff.worker.WorkerPool``); at the time
  limit the worker is killed and replaced, so the limit is real, and the event loop only
  waits on a pipe, so ``/healthz`` answers at once while comparisons run;
* a request body is counted while it streams in and refused (413) as soon as it passes
  the limit, before it is parsed or stored (``BodyLimit``); the server never parses a
  body: the raw bytes go to a worker, which parses them (``bodies``) and compares;
* a stored comparison is kept and sent as JSON text, and its HTML page is rendered by a
  worker under the same deadline: nothing whose cost grows with what a client sent runs
  on the event loop;
* a body that sends nothing for ``body_idle_s`` is a 408 (its file removed), and the
  spool folder holds at most ``spool_limit`` bytes: past it a large body is a 503 before
  it is stored;
* a large answer (a stored comparison, a report page) is sent in 64 kB pieces read from
  the database or a file as the client takes them, at most ``max_sending`` at once: a
  client that never reads costs the server a few pieces, not the answer;
* every malformed body is a 4xx with ``{"error": ...}`` (or a message on the page);
  never a 500; a bug in a worker is a 500 naming an incident id, its traceback in the
  server's log (``incidents``), and the upload page keeps the pasted texts whenever its
  comparison never answered (``refill``);
* rendered report pages are kept in a bounded folder (``report_pages``);
* every response carries ``nosniff``, frame protection and a Content-Security-Policy.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.staticfiles import StaticFiles

from storydiff import threads as storydiff_threads
from storydiff.collection.store import is_store
from storydiff.encoders.base import DEFAULT_DISK_ITEMS
from storydiff.errors import InputError
from storydiff.readers import DEFAULT_MAX_BYTES
from storydiff.readers.base import format_size
from storydiff.web import incidents, jobs, pages, refill
from storydiff.web.bodies import FORM_MEDIA, is_json, media_type
from storydiff.web.collection import collection_routes
from storydiff.web.fields import field_errors
from storydiff.web.report_pages import DEFAULT_MAX_BYTES as DEFAULT_PAGES_BYTES
from storydiff.web.report_pages import DEFAULT_MAX_PAGES, ReportPages
from storydiff.web.spool import BodySpool, SpoolError
from storydiff.web.store import ComparisonStore
from storydiff.worker import (
    DeadlineExceeded,
    TooManySlow,
    WorkerBusy,
    WorkerDied,
    WorkerError,
    WorkerPool,
)

# Room for the form or JSON around the two documents (field names, boundaries, quotes).
ENVELOPE_BYTES = 1_000_000


@dataclass(frozen=True)
class Settings:
    db_path: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout_s: float = 120.0
    encoder: str = "use"
    # Worker processes for comparisons (each holds the model: ~250 MB with USE) ...
    workers: int = max(1, min(2, os.cpu_count() or 1))
    # ... plus this many for long comparisons: one still running after slow_after_s drops
    # to the lowest CPU priority, and at most max_slow run at once (one more: a 429), so
    # `workers` processes always stay free for ordinary comparisons.
    max_slow: int = 2
    slow_after_s: float = 3.0
    # Start the workers (and load the model) when the app starts, not on first use.
    preload: bool = True
    # Embedding cache: None -> "cache" beside the database (the server's data folder),
    # unless $STORYDIFF_CACHE_DIR says otherwise (empty: no disk cache).
    cache_dir: Path | None = None
    cache_items: int = DEFAULT_DISK_ITEMS
    # How long a request waits for a free worker before a 503.
    queue_timeout_s: float = 60.0
    # Address space each worker may use (0: no limit); a comparison that needs more is a
    # 422 ("too complex to analyse") instead of a case for the out-of-memory killer.
    worker_memory: int = 2_000_000_000
    # BLAS threads per worker (None: storydiff.threads' default rule, one per process).
    threads: int | None = None
    # A request body that sends nothing for this long ends with a 408 (its file removed).
    body_idle_s: float = 30.0
    # Stored answers (GET /api/comparisons/{id}, the answer of POST /api/compare) and report
    # pages (GET /c/{id}) being sent at once; one more is a 503 with Retry-After. Each holds
    # about two 64 kB pieces in the server while its client reads, whatever its size.
    max_sending: int = 256
    # Rendered report pages kept in the data folder's report-pages/ (the least recently
    # viewed go first past either bound; an evicted page is rendered again when asked for).
    report_pages: int = DEFAULT_MAX_PAGES
    report_pages_bytes: int = DEFAULT_PAGES_BYTES
    # Request bodies kept in the data folder's incoming/ at once (None: 8 bodies of the
    # largest size); a large body past it is a 503 with Retry-After, before it is stored.
    spool_bytes: int | None = None

    @property
    def max_body(self) -> int:
        """Two documents and their envelope."""
        return 2 * self.max_bytes + ENVELOPE_BYTES

    @property
    def spool_limit(self) -> int:
        return self.spool_bytes if self.spool_bytes is not None else 8 * self.max_body

    def resolved_cache_dir(self) -> str | None:
        if self.cache_dir is not None:
            return str(self.cache_dir)
        env = os.environ.get("STORYDIFF_CACHE_DIR")
        if env is not None:
            return env.strip() or None
        return str(self.db_path.parent / "cache")


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


class BodyTooLarge(Exception):
    """Raised from inside ``receive`` when the body passes the limit mid-stream."""


# ------------------------------------------------------------------ ASGI middleware

HTML_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"

ASGIApp = Callable[[dict, Callable[[], Awaitable[dict]], Callable[[dict], Awaitable[None]]], Any]


class SecurityHeaders:
    """nosniff, no framing, no referrer, and a Content-Security-Policy on every response:
    strict for pages (no script at all), 'self' scripts for the API docs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in _SECURITY_HEADER_NAMES
                ]
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                if path == "/docs" or path.startswith("/static/"):
                    csp = DOCS_CSP
                elif content_type.startswith(b"text/html"):
                    csp = HTML_CSP
                else:
                    csp = API_CSP
                headers += [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        return await self.app(scope, receive, send_with_headers)


_SECURITY_HEADER_NAMES = {
    b"content-security-policy",
    b"x-content-type-options",
    b"x-frame-options",
    b"referrer-policy",
}


class BodyIdle(Exception):
    """Raised from inside ``receive`` when no byte of the body came for ``idle_s``."""


class BodyLimit:
    """Refuse a request body over ``limit`` bytes: at once when Content-Length says so,
    otherwise as soon as the streamed (e.g. chunked) body passes it, before anything is
    parsed or written to a temporary file. A body that stops coming (no bytes for
    ``idle_s`` seconds) ends the request: a 408, and its temporary file goes with it."""

    def __init__(
        self,
        app: ASGIApp,
        limit: int,
        refuse: Callable[[dict, str], Response],
        idle_s: float | None = None,
    ):
        self.app = app
        self.limit = limit
        self.refuse = refuse
        self.idle_s = idle_s

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        message = (
            f"request body too large (limit {format_size(self.limit)}: two documents of "
            f"at most {format_size((self.limit - ENVELOPE_BYTES) // 2)} each)"
        )
        if declared is not None:
            try:
                too_large = int(declared) > self.limit
            except ValueError:
                too_large = False  # the server itself refuses a malformed length
            if too_large:
                response = self.refuse(scope, message)
                return await response(scope, receive, send)
        seen = 0
        done = False  # the whole body came (later receives wait for a disconnect)

        async def counting_receive():
            nonlocal seen, done
            if done or self.idle_s is None:
                msg = await receive()
            else:
                try:
                    msg = await asyncio.wait_for(receive(), self.idle_s)
                except TimeoutError:
                    raise BodyIdle(
                        f"the request body stopped coming (nothing for {self.idle_s:g} s)"
                    ) from None
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                done = not msg.get("more_body", False)
                if seen > self.limit:
                    raise BodyTooLarge(message)
            return msg

        return await self.app(scope, counting_receive, send)


# ------------------------------------------------------------------ the app


def create_app(settings: Settings | None = None) -> FastAPI:
    """The web app for ``settings`` (default: the database in the user's data folder)."""
    settings = settings or Settings(db_path=default_db_path())
    store = ComparisonStore(settings.db_path)
    cache_dir = settings.resolved_cache_dir()
    pool = WorkerPool(
        settings.workers,
        max_slow=settings.max_slow,
        slow_after=settings.slow_after_s,
        max_memory=settings.worker_memory,
        setup=_Warm(settings.encoder, cache_dir, settings.cache_items, settings.threads),
    )
    analysis = jobs.Analysis(settings.encoder, cache_dir, settings.cache_items, settings.max_bytes)
    limits = pages.Limits(settings.max_bytes, settings.timeout_s)
    # the upload page with the pasted texts, when a comparison never answered
    refills = refill.Refill(limits)
    # large bodies wait in the data folder, not in the server's memory
    spool = BodySpool(settings.db_path.parent / "incoming", settings.spool_limit)
    spool.remove_stale()
    # rendered report pages, one file per stored comparison, sent from there in pieces;
    # emptied at start, since a new version may render them differently
    reports = ReportPages(
        settings.db_path.parent / "report-pages",
        settings.report_pages,
        settings.report_pages_bytes,
        stale_after_s=settings.timeout_s + 60,
    )
    reports.clear()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if settings.preload:
            await pool.start()
        try:
            yield
        finally:
            await pool.close()
            await refills.close()

    app = FastAPI(
        title="storydiff",
        description="Find the same news story in any language and show what differs.",
        version=_version(),
        docs_url=None,  # served below from local assets, not a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    sending = Sending(settings.max_sending)
    app.state.store = store
    app.state.settings = settings
    app.state.pool = pool
    app.state.sending = sending

    def index(error: str | None = None, status: int = 200) -> HTMLResponse:
        # small: no pasted text (a page that gives texts back is rendered by a worker)
        return HTMLResponse(pages.index_page(limits, error), status_code=status)

    def refuse(scope: dict, message: str) -> Response:
        if scope.get("path") == "/compare":
            return index(message, status=413)
        return JSONResponse({"error": message}, status_code=413)

    async def in_worker(
        fn: Callable[..., Any], *args: Any, weight: int, subject: str = ""
    ) -> tuple[Any, list]:
        """``fn(*args)`` on a worker under the time limit: (value, input warnings). Every
        way it can fail is a BadInput with its status. A bug or a dead worker is logged
        (``incidents``) with ``subject`` (the request) under an id the answer names."""
        try:
            return await pool.run(
                fn,
                *args,
                timeout=settings.timeout_s,
                queue_timeout=settings.queue_timeout_s,
                weight=weight,
            )
        except InputError as exc:
            raise BadInput(str(exc), 422) from None
        except DeadlineExceeded:
            raise BadInput(
                f"{_what(fn)} took longer than {settings.timeout_s:g} s and was stopped", 408
            ) from None
        except TooManySlow:
            raise BadInput(
                f"{_what(fn)} still running after {settings.slow_after_s:g} s while "
                f"{settings.max_slow} other long jobs run; stopped: try again shortly",
                429,
            ) from None
        except WorkerBusy as exc:
            raise BadInput(f"the server is busy ({exc}); try again shortly", 503) from None
        except WorkerDied as exc:
            # killed from outside or out of memory: the pool has replaced the worker
            incident = incidents.new_id()
            incidents.worker_died(incident, _what(fn), subject or "a request", str(exc))
            raise BadInput(
                f"{exc} while working on this request (incident {incident}); try again, "
                "or send a smaller input",
                503,
            ) from None
        except WorkerError as exc:
            # the traceback goes to the server's log, never to the client
            incident = incidents.new_id()
            incidents.worker_bug(incident, _what(fn), subject or "a request", str(exc))
            raise BadInput(
                f"{_what(fn)} failed on this input (a bug in storydiff, incident "
                f"{incident} in the server's log); please report it",
                500,
            ) from None

    @app.exception_handler(BadInput)
    async def bad_input(request: Request, exc: BadInput):
        retry = {"Retry-After": "10"} if exc.status in (429, 503) else None
        return JSONResponse({"error": str(exc)}, status_code=exc.status, headers=retry)

    @app.exception_handler(SpoolError)
    async def spool_failed(request: Request, exc: SpoolError):
        message = f"the server cannot take the request body now ({exc}); try again later"
        return JSONResponse({"error": message}, status_code=503, headers={"Retry-After": "60"})

    @app.exception_handler(sqlite3.Error)
    async def storage_failed(request: Request, exc: sqlite3.Error):
        # the data folder's disk is full or failing, or the database is locked: the
        # request is fine, the server cannot keep its answer now
        message = f"the server cannot store or read comparisons now ({exc}); try again later"
        return JSONResponse({"error": message}, status_code=503, headers={"Retry-After": "60"})

    @app.exception_handler(BodyTooLarge)
    async def body_too_large(request: Request, exc: BodyTooLarge):
        return refuse(request.scope, str(exc))

    @app.exception_handler(BodyIdle)
    async def body_idle(request: Request, exc: BodyIdle):
        if request.scope.get("path") == "/compare":
            return index(str(exc), status=408)
        return JSONResponse({"error": str(exc)}, status_code=408)

    @app.exception_handler(ClientDisconnect)
    async def client_gone(request: Request, exc: ClientDisconnect):
        # Nobody reads this answer; it only keeps a client that hung up mid-body from
        # being logged as a server error.
        return JSONResponse({"error": "the client closed the connection"}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else "bad request"
        return JSONResponse({"error": detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return JSONResponse({"error": field_errors(exc.errors())}, status_code=422)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home():
        return index()

    @app.post("/compare", response_class=HTMLResponse, include_in_schema=False)
    async def compare_form(request: Request):
        try:
            # the body, counted (and cut off at the limit) by BodyLimit, goes to a worker
            # as bytes or, when large, as the path of its file: parsing is the worker's job
            async with spool.body(request) as body:
                try:
                    outcome, _ = await in_worker(
                        jobs.page_compare,
                        body,
                        analysis,
                        limits,
                        weight=body.size(),
                        subject="POST /compare",
                    )
                except BadInput as exc:
                    if exc.status not in refill.KEEP_TEXTS:
                        raise
                    # the comparison never answered: the texts come back all the same
                    return await refills.page(body, str(exc), exc.status)
        except BadInput as exc:
            return index(str(exc), exc.status)
        except SpoolError as exc:
            page = index(f"the server cannot take the request body now ({exc})", 503)
            page.headers["Retry-After"] = "60"
            return page
        if isinstance(outcome, jobs.Refused):
            return HTMLResponse(outcome.page, status_code=outcome.status)
        key = await asyncio.to_thread(store.add, outcome.json_text)
        return RedirectResponse(f"/c/{key}", status_code=303)

    @app.get("/c/{key}", response_class=HTMLResponse, include_in_schema=False)
    async def report(key: str):
        size = await asyncio.to_thread(store.size, key)
        if size is None:
            return index("no stored comparison with that id", status=404)
        # only an id the store holds (random, URL-safe) becomes a file name
        handle = await asyncio.to_thread(reports.open, key)
        if handle is None:
            try:
                # the worker reads the stored comparison itself and writes the page to a
                # file: neither passes through the server
                path, _ = await in_worker(
                    jobs.report_page,
                    str(settings.db_path),
                    key,
                    str(reports.folder),
                    weight=size,
                    subject=f"GET /c/{key} (comparison {key})",
                )
            except BadInput as exc:
                return index(str(exc), exc.status)
            if path is None:  # removed meanwhile
                return index("no stored comparison with that id", status=404)
            handle = await asyncio.to_thread(reports.open, key)
            # opened first: evicting it now cannot cut its answer short
            await asyncio.to_thread(reports.prune)
            if handle is None:  # evicted by other pages rendered at the same moment
                page = index("the server is rendering many pages now; try again shortly", 503)
                page.headers["Retry-After"] = "10"
                return page
        # sent in 64 kB pieces as the client takes them: a slow reader holds one piece
        try:
            return sending.bounded(_file_response(handle))
        except BadInput as exc:
            handle.close()
            page = index(str(exc), exc.status)
            page.headers["Retry-After"] = "10"
            return page

    @app.post("/api/compare", summary="Compare two documents (multipart a/b or JSON a/b)")
    async def api_compare(request: Request):
        media = media_type(request.headers.get("content-type", ""))
        if not (is_json(media) or media in FORM_MEDIA):
            raise BadInput(
                f"unsupported Content-Type {media or '(none)'!r}: send multipart/form-data "
                'with files a and b, or application/json {"a": "...", "b": "..."}',
                415,
            )
        async with spool.body(request) as body:
            outcome, notes = await in_worker(
                jobs.api_compare, body, analysis, weight=body.size(), subject="POST /api/compare"
            )
        if isinstance(outcome, jobs.Refused):
            raise BadInput(outcome.message, outcome.status)
        key = await asyncio.to_thread(store.add, outcome.json_text)
        del outcome  # the answer is sent from the store, in pieces, like a stored one
        headers = {"Location": f"/api/comparisons/{key}", "X-Comparison-Id": key}
        response = await stored_json(store, key, notes, headers)
        if response is None:  # removed meanwhile
            raise BadInput("the comparison was removed before it could be sent", 404)
        return sending.bounded(response)

    @app.get("/api/comparisons/{key}", summary="A stored comparison, same JSON as the CLI")
    async def api_get(key: str):
        response = await stored_json(store, key)
        if response is None:
            raise BadInput("no stored comparison with that id", 404)
        return sending.bounded(response)

    @app.get("/healthz", summary="Liveness, and how many comparison workers are ready")
    async def healthz():
        return {"status": "ok", "version": _version(), "workers": pool.status()}

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon():
        return Response(status_code=204)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    async def docs():
        return HTMLResponse(pages.docs_page())

    if is_store(settings.db_path):

        async def run_job(fn: Callable[..., Any], *args: Any, weight: int) -> Any:
            return (await in_worker(fn, *args, weight=weight))[0]

        job_args = (settings.encoder, cache_dir, settings.cache_items)
        routes = collection_routes(
            settings.db_path, pages.environment(), run_job, job_args, settings.max_bytes, spool
        )
        app.include_router(routes)

    app.mount("/static/swagger", StaticFiles(directory=_swagger_assets()), name="swagger")
    app.mount(
        "/static/storydiff",
        StaticFiles(packages=[("storydiff.web", "static")]),
        name="storydiff-static",
    )
    app.add_middleware(
        BodyLimit, limit=settings.max_body, refuse=refuse, idle_s=settings.body_idle_s
    )
    app.add_middleware(SecurityHeaders)
    return app


def with_id(key: str, json_text: str, warnings: list[str] | None = None) -> str:
    """``{"id": key, ...the stored object..., "warnings": [...]}`` built around the stored
    JSON text, without parsing it (the server never parses a comparison)."""
    inner = json_text.strip()[1:-1].strip()
    parts = [f'"id":{json.dumps(key)}']
    if inner:
        parts.append(inner)
    if warnings:
        parts.append(f'"warnings":{json.dumps(warnings, ensure_ascii=False)}')
    return "{" + ",".join(parts) + "}"


class Sending:
    """How many large answers are being sent now, at most ``limit`` (each holds about two
    pieces in the server until its client has read it)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.now = 0

    def bounded(self, response: Response) -> Response:
        """``response``, counted while it is sent; a BadInput (503) past the limit."""
        if self.now >= self.limit:
            raise BadInput(
                f"the server is sending {self.now} large answers already; try again shortly",
                503,
            )
        self.now += 1
        return _Counted(response, self)


class _Counted(Response):
    """A response that gives its place back when it is sent, or its client is gone."""

    def __init__(self, inner: Response, sending: Sending) -> None:
        self.inner = inner
        self.sending = sending
        self.background = None
        self.status_code = inner.status_code

    async def __call__(self, scope, receive, send) -> None:
        try:
            if self.background is not None and self.inner.background is None:
                self.inner.background = self.background
            await self.inner(scope, receive, send)
        finally:
            self.sending.now -= 1


# A stored answer is sent in pieces of this many bytes, each read from the database when
# the client has taken the one before (uvicorn waits while its write buffer is over 64 kB):
# a slow reader holds about two pieces in the server, whatever the answer's size.
PIECE_BYTES = 64 * 1024
_SPACE = b" \t\r\n"


def _file_response(handle: BinaryIO) -> StreamingResponse:
    """An open HTML file sent in pieces of ``PIECE_BYTES`` as the client takes them, and
    closed when it is sent or its client is gone."""
    length = os.fstat(handle.fileno()).st_size

    async def pieces() -> AsyncIterator[bytes]:
        try:
            while piece := await asyncio.to_thread(handle.read, PIECE_BYTES):
                yield piece
        finally:
            handle.close()

    return StreamingResponse(
        pieces(),
        media_type="text/html; charset=utf-8",
        headers={"Content-Length": str(length)},
    )


async def stored_json(
    store: ComparisonStore,
    key: str,
    warnings: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> Response | None:
    """The stored comparison as ``with_id`` writes it, streamed from the database in
    pieces of ``PIECE_BYTES`` (before, each request held the whole text and two copies of
    it until the client had read it: 600 clients that never read a 3 MB answer took the
    server to 2.6 GB); None if there is no comparison with that id."""
    found = await asyncio.to_thread(store.locate, key)
    if found is None:
        return None
    # the stored text is one JSON object: send its members between '{"id": key,' and '}'
    start = len(found.head) - len(found.head.lstrip(_SPACE)) + 1
    while start < len(found.head) and found.head[start] in _SPACE:
        start += 1
    tail_at = found.size - len(found.tail)
    end = tail_at + len(found.tail.rstrip(_SPACE)) - 1
    while end > tail_at and found.tail[end - tail_at - 1] in _SPACE:
        end -= 1
    opening = "{" + f'"id":{json.dumps(key)}'
    closing = "}"
    if warnings:
        closing = f',"warnings":{json.dumps(warnings, ensure_ascii=False)}' + closing
    if end > start:
        opening += ","
    first, last = opening.encode(), closing.encode()
    length = len(first) + max(0, end - start) + len(last)

    async def pieces() -> AsyncIterator[bytes]:
        yield first
        offset = start
        while offset < end:
            piece = await asyncio.to_thread(
                store.piece, found.rowid, offset, min(PIECE_BYTES, end - offset)
            )
            if not piece:  # the row went away meanwhile: end the answer short
                return
            offset += len(piece)
            yield piece
        yield last

    headers = {**(headers or {}), "Content-Length": str(length)}
    return StreamingResponse(pieces(), media_type="application/json", headers=headers)


_JOB_NAMES = {
    "report_page": "rendering the report",
    "api_find": "finding versions",
    "search_form": "finding versions",
    "find_versions": "finding versions",
    "list_stories": "listing the stories",
    "one_story": "reading the story",
}


def _what(fn: Callable[..., Any]) -> str:
    """What a job is called in an error message."""
    return _JOB_NAMES.get(getattr(fn, "__name__", ""), "comparison")


class _Warm:
    """A worker's setup: load the encoder once (picklable, for spawned processes)."""

    def __init__(
        self, spec: str, cache_dir: str | None, cache_items: int, threads: int | None = None
    ) -> None:
        self.args = (spec, cache_dir, cache_items)
        self.threads = threads

    def __call__(self) -> None:
        storydiff_threads.apply(self.threads)
        jobs.warm(*self.args)


def _swagger_assets() -> str:
    import swagger_ui

    return str(Path(swagger_ui.__file__).parent / "static")


def _version() -> str:
    from storydiff import __version__

    return __version__
