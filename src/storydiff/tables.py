"""Tables derived from installed data, kept on disk so that a new process reads them
instead of rebuilding them (a cold ``storydiff compare`` spent 0.4 s parsing the default
model's tokeniser and 0.13 s reading gender-guesser's first names).

A table lives in ``<cache dir>/tables/`` (``encoders.base.default_cache_dir``, or the
folder an encoder's cache was given, see ``use_directory``; none when the disk cache is
disabled), stored with ``marshal`` under a name that hashes its key:
the caller puts into the key whatever the table is derived from (a file's hash, a
package's version), and the Python version is added, since marshal's format follows it.
A missing, unreadable or damaged file is rebuilt; a cache that cannot be written is
skipped. Never a reason for a run to fail.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = 1  # bump when what callers store changes shape

_UNSET = object()
_directory: object = _UNSET  # a Path, None (no disk cache) or _UNSET (the default rule)


def use_directory(cache_dir: Path | None) -> None:
    """Keep tables under ``cache_dir`` (None: nowhere) instead of the default cache
    directory: the web app keeps everything it writes beside its database."""
    global _directory
    _directory = cache_dir


def read(path: Path) -> Any:
    """A table written by ``write``; raises OSError, EOFError, ValueError or TypeError
    when it is missing or damaged.

    The garbage collector is paused while a table is unpacked: the largest (the model's
    tokeniser, the German nouns, the gazetteer) are millions of new objects, among which
    it ran some 140 collections, each going through all it had already unpacked, for
    nothing (unpacking makes no reference cycle); they cost a cold compare about 0.1 s."""
    data = path.read_bytes()
    paused = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(data)
    finally:
        if paused:
            gc.enable()


def cached(name: str, key: str, build: Callable[[], Any]) -> Any:
    """``build()``'s value, read from the disk cache when a file for ``(name, key)`` is
    there, else built and written for the next process. The value must be made of
    marshal's types (None, numbers, str, bytes, tuples, lists, dicts, sets)."""
    path = table_path(name, key)
    if path is not None:
        try:
            return read(path)
        except (OSError, EOFError, ValueError, TypeError):
            pass
    value = build()
    if path is not None:
        write(path, value)
    return value


def package_table(package: str, resource: str, parse: Callable[[bytes], Any]) -> Any:
    """``parse(data)`` of a data file shipped in ``package`` (a JSON list of 220,000
    German nouns, the gazetteer), read back from the cache after the first run: marshal
    reads a parsed table two to three times faster than ``json`` and ``gzip`` rebuild it.
    Keyed by the file's hash, so an edited file is parsed again."""
    from importlib.resources import files

    data = files(package).joinpath(resource).read_bytes()
    key = f"{package}/{resource} {hashlib.sha1(data).hexdigest()}"
    return cached(resource.rsplit("/", 1)[-1].split(".")[0], key, lambda: parse(data))


def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with the compiled program read back from the cache:
    for the few large patterns (the source credits, money per language) whose parsing was
    a tenth of a cold compare. CPython's own compiler builds the program (``re._parser``,
    ``re._compiler._code``) and ``_sre.compile`` makes the pattern from it, as
    ``re.compile`` does; ``_sre`` validates a program before it runs one. Keyed by the
    exact Python build and ``_sre``'s format; any other interpreter, or anything
    unexpected, compiles the pattern as usual."""
    flags = int(flags)
    try:
        import _sre

        digest = hashlib.sha1(pattern.encode("utf-8", "surrogatepass")).hexdigest()
        key = f"{sys.version} {_sre.MAGIC} {_sre.CODESIZE} {flags} {digest}"
        program = cached("regex", key, lambda: _regex_program(pattern, flags))
        flags_all, code, groups, groupindex, indexgroup = program
        return _sre.compile(pattern, flags_all, list(code), groups, groupindex, indexgroup)
    except Exception:  # any failure is a plain compile, never an error
        return re.compile(pattern, flags)


def _regex_program(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` (CPython 3.11-3.13)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        [int(op) for op in code],  # the opcodes are int subclasses, which marshal refuses
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def table_path(name: str, key: str, suffix: str = ".marshal") -> Path | None:
    """Where the table ``name`` derived from ``key`` is kept (a file, or a folder with
    ``suffix=""``); None without a disk cache."""
    if _directory is _UNSET:
        from storydiff.encoders.base import default_cache_dir

        directory = default_cache_dir()
    else:
        directory = _directory  # type: ignore[assignment]
    if directory is None:
        return None
    full_key = f"{FORMAT}\0{sys.version_info[0]}.{sys.version_info[1]}\0{key}"
    digest = hashlib.sha1(full_key.encode()).hexdigest()[:16]
    return directory / "tables" / f"{name}-{digest}{suffix}"


def write(path: Path, value: Any) -> None:
    """Write atomically (a temporary file renamed), so a concurrent reader never sees a
    half-written table; any failure leaves no file."""
    try:
        data = marshal.dumps(value)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        pass
