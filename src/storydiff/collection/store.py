"""The collection's source of truth: one SQLite file of analysed articles.

Each article is stored once, keyed by the hash of its content text: the same article met
again (another URL, another crawl, a re-run) adds a *source* to the stored article, never
a second article. A row holds the analysed :class:`~storydiff.model.Article` (as
compressed JSON: sentences, facts, title, date), its sentence vectors (float16) and its
document vector (float32), so finding and verifying never re-read or re-embed inputs, and
the ANN index (a cache) can be rebuilt from the store alone.

Two parts of an article are worked out on first use, not when it is indexed, and kept
once worked out (schema 2): its facts (``facts_done`` is 0 until then; they are needed
only by a comparison that finds the same or a related story) and the E5 vector of its
lead (``lead_vectors``, for ``story_similarity``); see :mod:`storydiff.collection.derived`.
A store of schema 1 gains the column and the table when opened; its articles keep the
facts they were stored with.

What the aligner needs to read an article's runs of sentences again without the model
(``run_parts``, schema 3: for USE, float32 sums about 4 KB a sentence, written when the
article is indexed, under the key of the model and code that made them) lets ``find``
and ``cluster`` align a stored article without re-embedding it. A store without them (an
older one, or parts of another model or code) aligns as before, embedding the article's
sentences; ``Index.fill_run_parts`` adds them to such a store.

Writes happen in one transaction per batch, with SQLite's write-ahead log: a run killed
at any point (Ctrl-C, ``kill -9``) leaves every batch either fully stored or absent, and
the next run carries on where it stopped.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from storydiff.errors import InputError
from storydiff.model import Article, ArticleRef

SCHEMA_VERSION = 3
BUSY_TIMEOUT_S = 30  # how long a write waits for another process's transaction
_ANY = 2**62  # a sentence count no article reaches: no bound

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    url TEXT,
    title TEXT,
    language TEXT,
    date TEXT,
    added REAL NOT NULL,
    n_sentences INTEGER NOT NULL,
    article BLOB NOT NULL,
    sentence_vectors BLOB NOT NULL,
    vector BLOB NOT NULL,
    facts_done INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS articles_date ON articles (date);
CREATE TABLE IF NOT EXISTS sources (
    raw_hash TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    source TEXT NOT NULL,
    position TEXT NOT NULL,
    PRIMARY KEY (raw_hash, source)
);
CREATE INDEX IF NOT EXISTS sources_article ON sources (article_id);
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY,
    first_seen TEXT,
    last_seen TEXT,
    size INTEGER NOT NULL,
    centroid BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS story_members (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id),
    story_id INTEGER NOT NULL REFERENCES stories (id)
);
CREATE INDEX IF NOT EXISTS story_members_story ON story_members (story_id);
CREATE TABLE IF NOT EXISTS lead_vectors (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id),
    model TEXT NOT NULL,
    vector BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS run_parts (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id),
    model TEXT NOT NULL,
    parts BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS story_disagreements (
    story_id INTEGER PRIMARY KEY REFERENCES stories (id),
    members TEXT NOT NULL,
    disagreements TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class StoredArticle(ArticleRef):
    """One row of the store, without the heavy parts (those load on demand)."""

    n_sentences: int = 0

    def ref(self) -> ArticleRef:
        return ArticleRef(self.id, self.source, self.url, self.title, self.language, self.date)

    def summary(self) -> dict[str, object]:
        """The article as the JSON of ``find`` and ``cluster`` lists it."""
        return self.ref().to_dict()


@dataclass(frozen=True)
class NewArticle:
    """What indexing hands to the store for one article."""

    article: Article
    raw_hash: str
    position: str
    sentence_vectors: np.ndarray  # (n_sentences, dim) float32, unit rows
    vector: np.ndarray  # (dim,) float32, unit length
    facts_done: bool = True  # False: the article's facts are extracted on first use
    run_parts: tuple[str, bytes] | None = None  # (model key, bytes): see the module doc


def _unprepared_where(model: str | None) -> tuple[str, tuple[object, ...]]:
    """The WHERE condition (and its arguments) of ``Store.unprepared``."""
    if model is None:
        return "n_sentences >= 1 AND facts_done = 0", ()
    return (
        "n_sentences >= 1 AND (facts_done = 0"
        " OR id NOT IN (SELECT article_id FROM lead_vectors WHERE model = ?))",
        (model,),
    )


def sqlite_tables(path: Path) -> set[str] | None:
    """The table names of an existing SQLite file (read-only), or None if it is not one."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
            return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.Error:
        return None


def is_store(path: Path) -> bool:
    """Does this file hold a storydiff collection (made by ``storydiff index``)?"""
    if not path.is_file():
        return False
    tables = sqlite_tables(path)
    return tables is not None and {"meta", "articles"} <= tables


def content_hash(article: Article) -> str:
    """Hash of an article's content text with whitespace collapsed (same text = same hash)."""
    return hashlib.sha1(" ".join(article.text.split()).encode()).hexdigest()


def raw_hash(text: str) -> str:
    """Hash of an input record's text, to skip records already indexed before analysing them."""
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()


class Store:
    """The SQLite store of one collection. Use as a context manager or call ``close``.

    ``encoder`` ("name version") is recorded at creation; opening the store with another
    encoder raises InputError, because vectors of two models do not compare."""

    def __init__(self, path: str | Path, *, encoder: str, dim: int) -> None:
        self.path = Path(path)
        if self.path.exists() and self.path.is_dir():
            raise InputError(str(path), "is a folder", "Pass a file name such as news.sqlite")
        try:
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise InputError(
                str(path), f"is not a storydiff store ({exc})", "Pass another --db file"
            ) from None
        self.dim = dim
        self._check_meta(encoder, dim)
        self._migrate()
        self._index_languages()

    def _check_meta(self, encoder: str, dim: int) -> None:
        meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        if not meta:
            with self.db:
                self.db.executemany(
                    "INSERT INTO meta VALUES (?, ?)",
                    [("schema", str(SCHEMA_VERSION)), ("encoder", encoder), ("dim", str(dim))],
                )
            return
        if meta.get("encoder") != encoder:
            raise InputError(
                str(self.path),
                f"was indexed with encoder {meta.get('encoder')!r}, not {encoder!r}",
                "Use the same --encoder, or index into a new --db file",
            )

    def _migrate(self) -> None:
        """Bring a store of an older schema to SCHEMA_VERSION (the new tables exist by now:
        the schema script creates what is missing)."""
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(articles)")}
        if "facts_done" in columns and self.meta("schema") == str(SCHEMA_VERSION):
            return
        with self.db:
            if "facts_done" not in columns:  # schema 1: every article holds its facts
                self.db.execute(
                    "ALTER TABLE articles ADD COLUMN facts_done INTEGER NOT NULL DEFAULT 1"
                )
            self.db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
            )

    def _index_languages(self) -> None:
        """Index the language column, where a filtered search counts and checks a language
        (stores made before it lack it: built once, on first open). A file that cannot be
        written opens without it, and a language filter reads every row instead."""
        with contextlib.suppress(sqlite3.OperationalError):  # a read-only file
            self.db.execute("CREATE INDEX IF NOT EXISTS articles_language ON articles (language)")

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def set_vectors(self, items: Iterable[tuple[int, np.ndarray]]) -> None:
        """Replace the document vectors of these (article id, (dim,) vector) in one
        transaction."""
        with self.db:
            self.db.executemany(
                "UPDATE articles SET vector = ? WHERE id = ?",
                [(v.astype(np.float32).tobytes(), int(i)) for i, v in items],
            )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------

    def _where_in(self, sql: str, values: Sequence[object]) -> Iterator[list[tuple]]:
        """Rows of ``sql`` (with one ``IN ({})``) for ``values``, 500 values a query
        (SQLite bounds the number of parameters), one list of rows per query."""
        for start in range(0, len(values), 500):
            chunk = list(values[start : start + 500])
            yield self.db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()

    def known_raw(self, hashes: Sequence[str]) -> set[str]:
        """Which of these input-record hashes are already in the store."""
        sql = "SELECT raw_hash FROM sources WHERE raw_hash IN ({})"
        return {r[0] for rows in self._where_in(sql, hashes) for r in rows}

    def add_sources(self, items: Iterable[tuple[str, str, str]]) -> None:
        """Record more sources (raw hash, source, position) of inputs already stored."""
        with self.db:
            for digest, source, position in items:
                self.db.execute(
                    "INSERT OR IGNORE INTO sources SELECT raw_hash, article_id, ?, ? FROM sources"
                    " WHERE raw_hash = ? LIMIT 1",
                    (source, position, digest),
                )

    def add(self, items: Iterable[NewArticle]) -> tuple[list[int], int]:
        """Store a batch in one transaction. Returns (ids of new articles, duplicates):
        an article whose content is already stored only gains a source."""
        new_ids: list[int] = []
        duplicates = 0
        with self.db:
            for item in items:
                art = item.article
                digest = content_hash(art)
                row = self.db.execute(
                    "SELECT id FROM articles WHERE content_hash = ?", (digest,)
                ).fetchone()
                if row is None:
                    cur = self.db.execute(
                        "INSERT INTO articles (content_hash, source, url, title, language, date,"
                        " added, n_sentences, article, sentence_vectors, vector, facts_done)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            digest,
                            art.source,
                            art.url,
                            art.title,
                            art.language,
                            art.date,
                            time.time(),
                            len(art.sentences),
                            _packed(art),
                            item.sentence_vectors.astype(np.float16).tobytes(),
                            item.vector.astype(np.float32).tobytes(),
                            int(item.facts_done),
                        ),
                    )
                    article_id = int(cur.lastrowid or 0)
                    new_ids.append(article_id)
                    if item.run_parts is not None:
                        self.db.execute(
                            "INSERT OR REPLACE INTO run_parts VALUES (?, ?, ?)",
                            (article_id, *item.run_parts),
                        )
                else:
                    article_id = int(row[0])
                    duplicates += 1
                self.db.execute(
                    "INSERT OR IGNORE INTO sources VALUES (?, ?, ?, ?)",
                    (item.raw_hash, article_id, art.url or art.source, item.position),
                )
        return new_ids, duplicates

    # --- reading ---------------------------------------------------------------------

    def id_of(self, article: Article) -> int | None:
        """The id of the stored article with this content, or None."""
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ?", (content_hash(article),)
        ).fetchone()
        return int(row[0]) if row else None

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def get(self, article_id: int) -> StoredArticle:
        """Raises KeyError for an id not in the store."""
        row = self.db.execute(
            "SELECT id, source, url, title, language, date, n_sentences FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise KeyError(article_id)
        return StoredArticle(*row)

    def many(self, ids: Sequence[int]) -> dict[int, StoredArticle]:
        sql = (
            "SELECT id, source, url, title, language, date, n_sentences FROM articles"
            " WHERE id IN ({})"
        )
        return {int(r[0]): StoredArticle(*r) for rows in self._where_in(sql, ids) for r in rows}

    def article(self, article_id: int) -> Article:
        """The analysed article (sentences, facts). Raises KeyError if absent."""
        row = self.db.execute("SELECT article FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        return Article.from_dict(json.loads(zlib.decompress(row[0])))

    def facts_done(self, article_id: int) -> bool:
        """Were this article's facts extracted (False: indexed without them, see the
        module's docstring)? Raises KeyError if absent."""
        row = self.db.execute(
            "SELECT facts_done FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise KeyError(article_id)
        return bool(row[0])

    def lead_vectors(self, ids: Sequence[int], model: str) -> dict[int, np.ndarray]:
        """The kept E5 lead vectors ((dim,) float32, unit) of these articles, by id, where
        ``model`` ("name version") made them."""
        sql = "SELECT article_id, model, vector FROM lead_vectors WHERE article_id IN ({})"
        return {
            int(i): np.frombuffer(v, dtype=np.float32)
            for rows in self._where_in(sql, ids)
            for i, m, v in rows
            if m == model
        }

    def keep_worked_out(
        self,
        *,
        facts: Iterable[tuple[int, Article]] = (),
        leads: Iterable[tuple[int, np.ndarray]] = (),
        model: str = "",
        wait_s: float = 0.2,
    ) -> bool:
        """Keep what was worked out on first use, in one transaction: articles whose
        facts were extracted (id, the article with its facts) and E5 lead vectors (id,
        (dim,) vector) made by ``model``. Only an optimisation: gives up, keeping nothing
        and returning False, when the file is read-only or another process holds the
        write lock for more than ``wait_s`` seconds (an indexing run), so a search never
        waits for a batch to be written."""
        facts, leads = list(facts), list(leads)
        if not facts and not leads:
            return True
        self.db.execute(f"PRAGMA busy_timeout = {int(wait_s * 1000)}")
        try:
            with self.db:
                self.db.executemany(
                    "UPDATE articles SET article = ?, facts_done = 1 WHERE id = ?",
                    [(_packed(art), int(i)) for i, art in facts],
                )
                self.db.executemany(
                    "INSERT OR REPLACE INTO lead_vectors VALUES (?, ?, ?)",
                    [(int(i), model, v.astype(np.float32).tobytes()) for i, v in leads],
                )
            return True
        except sqlite3.OperationalError:  # read-only, locked, disk full
            return False
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")

    def run_parts(self, ids: Sequence[int], model: str) -> dict[int, bytes]:
        """The kept run parts (see the module's docstring) of these articles that
        ``model`` made, by id."""
        sql = "SELECT article_id, model, parts FROM run_parts WHERE article_id IN ({})"
        return {
            int(i): bytes(blob)
            for rows in self._where_in(sql, ids)
            for i, m, blob in rows
            if m == model
        }

    def without_run_parts(
        self,
        model: str,
        *,
        after_id: int = 0,
        limit: int = 256,
        max_sentences: int | None = None,
    ) -> list[int]:
        """Up to ``limit`` ids above ``after_id``, in order, of articles without run parts
        that ``model`` made (of 1 to ``max_sentences`` sentences, when given: those the
        model makes parts for)."""
        rows = self.db.execute(
            "SELECT id FROM articles WHERE id > ? AND n_sentences BETWEEN 1 AND ?"
            " AND id NOT IN (SELECT article_id FROM run_parts WHERE model = ?)"
            " ORDER BY id LIMIT ?",
            (after_id, _ANY if max_sentences is None else max_sentences, model, limit),
        )
        return [int(r[0]) for r in rows]

    def count_without_run_parts(self, model: str, *, max_sentences: int | None = None) -> int:
        """How many articles ``without_run_parts`` lists in all (reads every row's
        sentence count: a moment at 10,000 articles, minutes at a million)."""
        row = self.db.execute(
            "SELECT COUNT(*) FROM articles WHERE n_sentences BETWEEN 1 AND ?"
            " AND id NOT IN (SELECT article_id FROM run_parts WHERE model = ?)",
            (_ANY if max_sentences is None else max_sentences, model),
        ).fetchone()
        return int(row[0])

    def unprepared(self, model: str | None, *, after_id: int = 0, limit: int = 64) -> list[int]:
        """Up to ``limit`` ids above ``after_id``, in order, of articles with sentences
        whose facts are not extracted yet or (``model``: the E5 model's "name version";
        None: facts only) that have no lead vector ``model`` made: what a first
        comparison would work out (``Index.prepare``)."""
        sql, args = _unprepared_where(model)
        rows = self.db.execute(
            f"SELECT id FROM articles WHERE id > ? AND {sql} ORDER BY id LIMIT ?",
            (after_id, *args, limit),
        )
        return [int(r[0]) for r in rows]

    def count_unprepared(self, model: str | None) -> int:
        """How many articles ``unprepared`` lists in all (reads every row: a moment at
        10,000 articles, minutes at a million)."""
        sql, args = _unprepared_where(model)
        return int(
            self.db.execute(f"SELECT COUNT(*) FROM articles WHERE {sql}", args).fetchone()[0]
        )

    def keep_run_parts(self, items: Iterable[tuple[int, bytes]], model: str) -> None:
        """Keep run parts (article id, bytes) that ``model`` made, in one transaction."""
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO run_parts VALUES (?, ?, ?)",
                [(int(i), model, blob) for i, blob in items],
            )

    def sentence_vectors(self, article_id: int) -> np.ndarray:
        row = self.db.execute(
            "SELECT sentence_vectors, n_sentences FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise KeyError(article_id)
        flat = np.frombuffer(row[0], dtype=np.float16).astype(np.float32)
        return flat.reshape(int(row[1]), self.dim)

    def sources(self, article_id: int) -> list[str]:
        rows = self.db.execute(
            "SELECT DISTINCT source FROM sources WHERE article_id = ? ORDER BY rowid",
            (article_id,),
        ).fetchall()
        return [r[0] for r in rows]

    def vectors(
        self, *, after_id: int = 0, ids: Sequence[int] | None = None, batch: int = 4096
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Document vectors in id order, in batches: (ids (n,) int64, vectors (n, dim))."""
        if ids is not None:
            sql = "SELECT id, vector FROM articles WHERE id IN ({}) ORDER BY id"
            for rows in self._where_in(sql, ids):
                if rows:
                    yield _stack(rows, self.dim)
            return
        last = after_id
        while True:
            rows = self.db.execute(
                "SELECT id, vector FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
            ).fetchall()
            if not rows:
                return
            yield _stack(rows, self.dim)
            last = int(rows[-1][0])

    def ids_where(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        languages: Sequence[str] | None = None,
    ) -> list[int]:
        """Ids of articles dated in [since, until] (ISO strings) and in these languages."""
        where, args = _filter(since, until, languages)
        return [
            int(r[0]) for r in self.db.execute(f"SELECT id FROM articles{where} ORDER BY id", args)
        ]

    def count_where(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        languages: Sequence[str] | None = None,
    ) -> int:
        """How many articles ``ids_where`` would return (counted in SQLite, on the date
        and language indexes, without listing them)."""
        where, args = _filter(since, until, languages)
        return int(self.db.execute(f"SELECT COUNT(*) FROM articles{where}", args).fetchone()[0])

    def keep_where(
        self,
        ids: Sequence[int],
        *,
        since: str | None = None,
        until: str | None = None,
        languages: Sequence[str] | None = None,
    ) -> set[int]:
        """Those of ``ids`` that ``ids_where`` would return: the cost grows with ``ids``,
        not with the store (a filter applied to the index's answers)."""
        where, args = _filter(since, until, languages)
        sql = f"SELECT id FROM articles WHERE id IN ({{}}){where.replace(' WHERE', ' AND', 1)}"
        out: set[int] = set()
        for start in range(0, len(ids), 500):
            chunk = [int(i) for i in ids[start : start + 500]]
            marks = ",".join("?" * len(chunk))
            out.update(int(r[0]) for r in self.db.execute(sql.format(marks), [*chunk, *args]))
        return out

    def max_id(self) -> int:
        return int(self.db.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0])

    def in_time_order(self, *, unassigned_only: bool = False) -> list[int]:
        """Article ids by date (undated last, in order of arrival), then id."""
        sql = "SELECT id FROM articles"
        if unassigned_only:
            sql += " WHERE id NOT IN (SELECT article_id FROM story_members)"
        sql += " ORDER BY date IS NULL, date, id"
        return [int(r[0]) for r in self.db.execute(sql)]


def _filter(
    since: str | None, until: str | None, languages: Sequence[str] | None
) -> tuple[str, list[str]]:
    """The WHERE clause (with its leading space, or empty) and arguments of a date range
    and language filter."""
    terms, args = [], []
    if since:
        terms.append("date >= ?")
        args.append(since)
    if until:
        terms.append("date <= ?")
        args.append(until + "\uffff")
    if languages:
        terms.append(f"language IN ({','.join('?' * len(languages))})")
        args.extend(languages)
    return (" WHERE " + " AND ".join(terms) if terms else ""), args


def _packed(article: Article) -> bytes:
    """An analysed article as the store holds it: compressed JSON."""
    return zlib.compress(json.dumps(article.to_dict()).encode(), 6)


def _stack(rows: list[tuple[int, bytes]], dim: int) -> tuple[np.ndarray, np.ndarray]:
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    vecs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), dim)
    return ids, vecs


__all__ = ["NewArticle", "Store", "StoredArticle", "content_hash", "is_store", "raw_hash"]
