"""What the web app's worker processes run: module-level functions, so they can be sent to
a process (see ``storydiff.worker``). The encoder is loaded once per worker process.

The server hands a job the raw request body; the job parses it (``bodies``), compares,
and returns the comparison's JSON text, or a refusal with its status, so that nothing
whose cost depends on the request runs in the server process.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

from storydiff import tables
from storydiff.compare import compare
from storydiff.encoders.base import DEFAULT_DISK_ITEMS, CachedEncoder, _load
from storydiff.errors import InputError
from storydiff.readers import read_bytes
from storydiff.web import pages
from storydiff.web.bodies import (
    BadBody,
    Document,
    RawBody,
    form_documents,
    is_json,
    json_documents,
    media_type,
    parse_form,
)
from storydiff.web.store import ComparisonStore

__all__ = ["Analysis", "Compared", "Document", "RawBody", "Refused"]


class Analysis(NamedTuple):
    """How a worker analyses: encoder, its disk cache, and the size limit per document."""

    spec: str
    cache_dir: str | None
    cache_items: int
    max_bytes: int


class Compared(NamedTuple):
    """The comparison's JSON (the CLI's contract), as text ready to store and send."""

    json_text: str


class Refused(NamedTuple):
    """The request cannot be compared: HTTP status, message, and for the upload page the
    page to show (the error and the pasted texts given back)."""

    status: int
    message: str
    page: str | None = None


_ENCODERS: dict[tuple[str, str | None], CachedEncoder] = {}


def _encoder(spec: str, cache_dir: str | None, cache_items: int) -> CachedEncoder:
    """The encoder, with its disk cache in ``cache_dir`` (None: memory only)."""
    key = (spec, cache_dir)
    if key not in _ENCODERS:
        # the model's tables (storydiff.tables) go where the embeddings go, or nowhere
        tables.use_directory(Path(cache_dir) if cache_dir else None)
        _ENCODERS[key] = CachedEncoder(
            _load(spec),
            cache_dir=Path(cache_dir) if cache_dir else None,
            max_disk_items=cache_items,
        )
    return _ENCODERS[key]


def warm(spec: str, cache_dir: str | None, cache_items: int = DEFAULT_DISK_ITEMS) -> None:
    """Load the model, and everything the first comparison would load on the way (language
    identifier, segmenter, gazetteer, page templates), before the first request needs it."""
    encoder = _encoder(spec, cache_dir, cache_items)
    compare(
        "The council approved the budget on Monday after a long debate in Paris.",
        "Le conseil a approuvé le budget lundi après un long débat à Paris.",
        encoder=encoder,
    )
    pages.environment().get_template("index.html.j2")


def compare_documents(
    a: Document,
    b: Document,
    spec: str,
    cache_dir: str | None,
    cache_items: int = DEFAULT_DISK_ITEMS,
) -> dict[str, Any]:
    """Decode both versions and compare them: the comparison's JSON (the CLI's contract),
    ready to store and send. Raises InputError for bad input."""
    raw_a, raw_b = (
        read_bytes(d.data, source=d.source, max_bytes=len(d.data), suffix=Path(d.source).suffix)
        for d in (a, b)
    )
    return compare(raw_a, raw_b, encoder=_encoder(spec, cache_dir, cache_items)).to_dict()


def _compared(a: Document, b: Document, analysis: Analysis) -> Compared:
    data = compare_documents(a, b, analysis.spec, analysis.cache_dir, analysis.cache_items)
    # the same text FastAPI's JSONResponse would send
    return Compared(json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")))


def api_compare(body: RawBody, analysis: Analysis) -> Compared | Refused:
    """``POST /api/compare``: multipart files ``a``/``b`` (or text fields ``text_a``/
    ``text_b``), a url-encoded form, or JSON ``{"a": ..., "b": ...}``."""
    try:
        if is_json(media_type(body.content_type)):
            a, b = json_documents(body.read(), analysis.max_bytes)
        else:
            a, b = form_documents(
                parse_form(body),
                file_fields=("a", "b"),
                text_fields=("text_a", "text_b"),
                max_bytes=analysis.max_bytes,
            )
        return _compared(a, b, analysis)
    except BadBody as exc:
        return Refused(exc.status, str(exc))
    except InputError as exc:
        return Refused(422, str(exc))


def page_compare(body: RawBody, analysis: Analysis, limits: pages.Limits) -> Compared | Refused:
    """``POST /compare`` from the upload page: a refusal comes with the page to show, the
    pasted texts filled in again."""
    texts: dict[str, str] = {}
    try:
        form = parse_form(body)
        texts = {k: form.texts.get(f"text_{k}", "") for k in "ab"}
        a, b = form_documents(
            form,
            file_fields=("file_a", "file_b"),
            text_fields=("text_a", "text_b"),
            max_bytes=analysis.max_bytes,
        )
        return _compared(a, b, analysis)
    except BadBody as exc:
        status, message = exc.status, str(exc)
    except InputError as exc:
        status, message = 422, str(exc)
    return Refused(status, message, pages.index_page(limits, message, texts))


def report_page(db_path: str, key: str, folder: str) -> str | None:
    """``GET /c/{key}``: the HTML report of a stored comparison, read here from the
    server's database and written to ``folder/{key}.html`` (a large one never passes
    through the server, which sends the file in pieces); the file's path, or None if
    there is no comparison with that id."""
    stored = ComparisonStore.read(Path(db_path), key)
    if stored is None:
        return None
    html = pages.report_page(stored, key).encode("utf-8")
    os.makedirs(folder, exist_ok=True)
    fd, part = tempfile.mkstemp(prefix=".part-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(html)
        path = os.path.join(folder, f"{key}.html")
        os.replace(part, path)  # whole or absent, for a reader in the server
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(part)
        raise
    return path
