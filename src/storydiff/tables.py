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


def package_string_tables(
    package: str, resource: str, parse: Callable[[bytes], dict[str, Any]]
) -> dict[str, StringTable]:
    """``parse(data)`` of a data file shipped in ``package`` (a dict of named sets or
    ``str -> int`` dicts), each as a ``StringTable`` from the cache (see
    ``string_table``); keyed by the file's hash, so an edited file is parsed again."""
    from importlib.resources import files

    data = files(package).joinpath(resource).read_bytes()
    key = f"{package}/{resource} {hashlib.sha1(data).hexdigest()}"
    stem = resource.rsplit("/", 1)[-1].split(".")[0]
    parsed: list[dict[str, Any]] = []

    def parse_once() -> dict[str, Any]:
        if not parsed:
            parsed.append(parse(data))
        return parsed[0]

    names = cached(f"{stem}-names", key, lambda: sorted(parse_once()))
    return {
        name: string_table(f"{stem}-{name}", key, lambda name=name: parse_once()[name])
        for name in names
    }


def gzip_json(data: bytes) -> Any:
    """The JSON value of gzip-compressed ``data``: the parser of the shipped ``.json.gz``
    tables for ``package_table``."""
    import gzip
    import json

    return json.loads(gzip.decompress(data))


def alternation(words: Any) -> str:
    """A regex alternation of ``words`` taken literally, longest first (so that "kronen"
    is tried before "krone" and a pattern takes the whole word)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


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


# answers a StringTable remembers (the words of the input), cleared when full
_MAX_ANSWERS = 200_000


class StringTable:
    """A large table of strings, each with a whole number or a string (or a set of
    strings: every number 1), looked up without building it: the keys sorted in one numpy
    array of fixed width, read back from the disk cache memory-mapped, and found by binary
    search.

    Unpacking a dict or a frozenset makes a Python object per entry (and hashes it): the
    model's tokeniser (250,000 prefixes) and the German nouns (220,000) took 0.2 s and
    0.1 s of a cold compare, which asks a few thousand of them. A lookup here costs a few
    microseconds; ``get`` and ``in`` remember their answers, ``find`` asks many at once.
    A table built from pairs may hold a key more than once (``get_all``).
    """

    def __init__(self, keys: Any, values: Any) -> None:
        import numpy as np

        # as plain arrays: indexing a memory map (np.memmap) costs more than the search
        self._keys = np.asarray(keys)  # numpy "U<width>", sorted
        self._values = np.asarray(values)  # numpy int32 or "U<width>", the same length
        self._width = int(keys.dtype.itemsize // 4)
        self._answers: dict[str, Any] = {}

    @classmethod
    def of(cls, table: Any) -> StringTable:
        """The table of a dict (``str -> int`` or ``str -> str``), of a list of
        ``(key, value)`` pairs (a key may repeat; ``get`` gives the smallest value), or of
        an iterable of strings (a set)."""
        import numpy as np

        if isinstance(table, dict):
            items = sorted(table.items())
        else:
            entries = list(table)
            if entries and isinstance(entries[0], tuple):
                items = sorted(entries)
            else:
                items = [(key, 1) for key in sorted(set(entries))]
        if not items:
            return cls(np.array([], dtype="<U1"), np.array([], dtype=np.int32))
        values = [v for _, v in items]
        for text in [k for k, _ in items] + [v for v in values if isinstance(v, str)]:
            if "\0" in text:  # numpy's strings end at a NUL
                raise ValueError(f"a table string holds a NUL: {text!r}")
        if all(isinstance(v, str) for v in values):
            value_array = np.array(values, dtype=str)
        elif all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            value_array = np.array(values, dtype=np.int32)
        else:
            raise ValueError("a table's values are all whole numbers or all strings")
        return cls(np.array([k for k, _ in items], dtype=str), value_array)

    def __len__(self) -> int:
        return int(self._keys.shape[0])

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, or ``default`` when the table does not hold it."""
        try:
            answer = self._answers[key]
        except KeyError:
            if len(self._answers) >= _MAX_ANSWERS:
                self._answers.clear()
            answer = self._answers[key] = self._one(key)
        return default if answer is None else answer

    def _one(self, key: str) -> Any:
        """The (first) value of ``key``, or None: one binary search, no arrays built."""
        keys = self._keys
        if len(key) > self._width or "\0" in key or not keys.shape[0]:
            return None
        at = int(keys.searchsorted(key))
        if at < keys.shape[0] and keys[at] == key:
            return self._values[at].item()
        return None

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def get_all(self, key: str) -> list[Any]:
        """Every value of ``key``, in order (none when the table does not hold it)."""
        if len(key) > self._width or "\0" in key:
            return []
        import numpy as np

        wanted = np.array(key, dtype=self._keys.dtype)
        start = int(np.searchsorted(self._keys, wanted, side="left"))
        end = int(np.searchsorted(self._keys, wanted, side="right"))
        return self._values[start:end].tolist()

    def find(self, keys: list[str]) -> dict[str, Any]:
        """The entries of ``keys`` that the table holds, in one search."""
        return self._search(keys)

    def to_dict(self) -> dict[str, Any]:
        """Every entry, as a dict (builds the objects this class avoids; of a key held
        more than once, the last value)."""
        return dict(zip(self._keys.tolist(), self._values.tolist(), strict=True))

    def update_dict(self, target: dict[str, Any], chunk: int = 16_384) -> None:
        """``target.update(self.to_dict())`` a chunk at a time, without a second copy of
        the whole table in between."""
        for start in range(0, len(self), chunk):
            keys = self._keys[start : start + chunk].tolist()
            target.update(zip(keys, self._values[start : start + chunk].tolist(), strict=True))

    def _search(self, keys: list[str]) -> dict[str, Any]:
        import numpy as np

        n = len(self)
        # longer than the widest key, or with a NUL, a string cannot be one (and numpy
        # would cut it short or end it early)
        asked = [k for k in keys if len(k) <= self._width and "\0" not in k]
        if not asked or n == 0:
            return {}
        wanted = np.array(asked, dtype=self._keys.dtype)
        at = np.minimum(np.searchsorted(self._keys, wanted), n - 1)
        hit = self._keys[at] == wanted
        found = np.flatnonzero(hit)
        values = self._values[at[found]].tolist()
        return {asked[i]: v for i, v in zip(found.tolist(), values, strict=True)}


def string_table(name: str, key: str, build: Callable[[], Any]) -> StringTable:
    """The ``StringTable`` of ``build()`` (what ``StringTable.of`` takes), its arrays
    kept in the disk cache under ``(name, key)`` and memory-mapped from there by the next
    process; built in memory without a disk cache or when the files cannot be read or
    written."""
    import numpy as np

    folder = table_path(name, key, suffix="")
    if folder is not None and (folder / "done").exists():
        try:
            keys = np.load(folder / "keys.npy", mmap_mode="r")
            values = np.load(folder / "values.npy", mmap_mode="r")
            if keys.dtype.kind == "U" and values.dtype.kind in "iU" and values.shape == keys.shape:
                return StringTable(keys, values)
        except (OSError, ValueError):
            pass
    table = StringTable.of(build())
    if folder is not None:
        write_arrays(folder, {"keys.npy": table._keys, "values.npy": table._values})
    return table


def write_arrays(folder: Path, arrays: dict[str, Any], layout: Any = None) -> None:
    """Write numpy arrays as ``.npy`` files in ``folder`` (and ``layout``, when given, as
    ``layout.marshal``), then its ``done`` marker: each file renamed into place, so a
    reader never sees half of one; a failure leaves no marker (and raises nothing: the
    cache is only a cache)."""
    import numpy as np

    try:
        folder.mkdir(parents=True, exist_ok=True)
        for file_name, value in arrays.items():
            tmp = folder / f".{file_name}.{os.getpid()}"
            with open(tmp, "wb") as fh:
                np.save(fh, value)
            os.replace(tmp, folder / file_name)
        if layout is not None:
            write(folder / "layout.marshal", layout)
        (folder / "done").touch()
    except OSError:
        pass
