"""The upload page given back with the user's pasted texts when a comparison could not run.

When a comparison from the upload page ends in a 408 (past the time limit), a 429 (too
many long comparisons), a 503 (server busy, or a worker that died) or a 500 (a bug), its
worker was stopped or never started, so it cannot hand back the page with the texts in
the form as it does for a 4xx about the input. The server never parses a body itself,
so a worker of its own (no model loaded, started on first use) reads the texts out of the
body and renders the page, escaped like every page, under its own short deadline. When
even that cannot run (it is busy too, or the body is malformed), the page says so and
points to the browser's Back button instead of losing the texts silently.
"""

from __future__ import annotations

from starlette.responses import HTMLResponse

from storydiff.errors import InputError
from storydiff.web import pages
from storydiff.web.bodies import BadBody, RawBody, parse_form
from storydiff.worker import DeadlineExceeded, WorkerBusy, WorkerError, WorkerPool

# Statuses of the upload page whose comparison never answered: the texts come back.
KEEP_TEXTS = frozenset({408, 429, 500, 503})
# Seconds to read the texts out of a body (at most two documents and their envelope)
# and render them into the page, and to wait for that worker when it is busy.
REFILL_TIMEOUT_S = 30.0
# Address space of that worker: parsing a body costs a small multiple of it.
REFILL_MEMORY = 1_500_000_000
_NOT_KEPT = " (the pasted texts could not be kept this time: use your browser's Back button)"


def page_with_texts(body: RawBody, limits: pages.Limits, message: str) -> str:
    """The upload page with ``message`` and the pasted texts of ``body`` in the form
    (a worker's job)."""
    try:
        form = parse_form(body)
    except BadBody:
        return pages.index_page(limits, message + _NOT_KEPT)
    texts = {k: form.texts.get(f"text_{k}", "") for k in "ab"}
    return pages.index_page(limits, message, texts)


def warm() -> None:
    """The worker's setup: load the page templates (and what they import) before its
    memory limit is set, so that the limit bounds the work on a body, not the imports."""
    pages.environment().get_template("index.html.j2")


class Refill:
    """Renders the upload page with the pasted texts on a worker of its own."""

    def __init__(self, limits: pages.Limits, max_waiting: int = 16) -> None:
        self.limits = limits
        self.pool = WorkerPool(
            1,
            max_slow=0,
            setup=warm,
            max_memory=REFILL_MEMORY,
            max_waiting=max_waiting,
            start_timeout=60,
        )

    async def page(self, body: RawBody, message: str, status: int) -> HTMLResponse:
        """The page for a comparison that ended with ``status`` and ``message``."""
        try:
            html, _ = await self.pool.run(
                page_with_texts,
                body,
                self.limits,
                message,
                timeout=REFILL_TIMEOUT_S,
                queue_timeout=REFILL_TIMEOUT_S,
                weight=body.size(),
            )
        except (WorkerBusy, DeadlineExceeded, WorkerError, InputError):
            html = pages.index_page(self.limits, message + _NOT_KEPT)
        response = HTMLResponse(html, status_code=status)
        if status in (429, 503):
            response.headers["Retry-After"] = "10"
        return response

    async def close(self) -> None:
        await self.pool.close()
