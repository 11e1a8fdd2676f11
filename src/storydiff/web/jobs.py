"""What the web app's worker processes run: module-level functions, so they can be sent to
a process (see ``storydiff.worker``). The encoder is loaded once per worker process."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from storydiff import tables
from storydiff.compare import compare
from storydiff.encoders.base import DEFAULT_DISK_ITEMS, CachedEncoder, _load
from storydiff.readers import read_bytes


class Document(NamedTuple):
    """One uploaded or pasted version: its bytes and the name to show (never a path)."""

    data: bytes
    source: str


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
    identifier, segmenter, gazetteer), before the first request needs it."""
    encoder = _encoder(spec, cache_dir, cache_items)
    compare(
        "The council approved the budget on Monday after a long debate in Paris.",
        "Le conseil a approuvé le budget lundi après un long débat à Paris.",
        encoder=encoder,
    )


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
