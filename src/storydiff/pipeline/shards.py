"""Input shards: whole input files, grouped so that each shard is a sensible unit of work.

A feed (JSONL) or a web archive (WARC) is one shard of its own; loose text and HTML files
are grouped in name order, up to SHARD_FILES files or SHARD_BYTES bytes a shard, so a
folder of 100,000 pages does not become 100,000 tasks. Shards are numbered in input order
and recorded in the run's plan, so a re-run of the same command finds the same shards.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from storydiff.errors import InputError
from storydiff.readers.records import FEED_SUFFIXES, WARC_SUFFIXES, walk

SHARD_FILES = 200
SHARD_BYTES = 32 * 1024 * 1024


def expand_inputs(inputs: Iterable[str]) -> list[Path]:
    """Files named by ``inputs`` (files, folders walked in name order, glob patterns such
    as ``crawl/*.warc.gz`` or ``feeds/**/*.jsonl``), each once, in input order.

    Raises InputError for an input that names nothing."""
    out: list[Path] = []
    seen: set[Path] = set()
    for item in inputs:
        text = str(item)
        if any(ch in text for ch in "*?["):
            matched = sorted(glob.glob(text, recursive=True))
            paths = [Path(m) for m in matched]
            if not paths:
                raise InputError(text, "the pattern matches no file", "Check the pattern")
        else:
            paths = [Path(text)]
        for path in paths:
            if not path.exists():
                raise InputError(str(path), "no such file or folder", "Check the path")
            if not path.is_dir() and not path.is_file():
                raise InputError(str(path), "is not a regular file or a folder (a pipe?)")
            for file in walk(path) if path.is_dir() else [path]:
                key = file.resolve()
                if key not in seen:
                    seen.add(key)
                    out.append(file)
    return out


def plan_shards(files: list[Path]) -> list[dict[str, object]]:
    """Group files into shards: ``[{"id": "e00000", "files": [...], "bytes": n}, ...]``."""
    shards: list[list[Path]] = []
    loose: list[Path] = []
    loose_bytes = 0

    def flush() -> None:
        nonlocal loose, loose_bytes
        if loose:
            shards.append(loose)
        loose, loose_bytes = [], 0

    for file in files:
        size = file.stat().st_size
        if file.name.lower().endswith(FEED_SUFFIXES + WARC_SUFFIXES):
            flush()
            shards.append([file])
            continue
        if len(loose) >= SHARD_FILES or loose_bytes + size > SHARD_BYTES:
            flush()
        loose.append(file)
        loose_bytes += size
    flush()
    return [
        {
            "id": f"e{n:05d}",
            "files": [str(f) for f in group],
            "bytes": sum(f.stat().st_size for f in group),
        }
        for n, group in enumerate(shards)
    ]


def fingerprint(files: list[Path]) -> str:
    """Identifies an input set: resolved paths, sizes and modification times (a file
    edited in place is another input)."""
    h = hashlib.sha1()
    for f in files:
        st = f.stat()
        h.update(os.fsencode(f.resolve()) + f"\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


__all__ = ["SHARD_BYTES", "SHARD_FILES", "expand_inputs", "fingerprint", "plan_shards"]
