"""Collections: what is worked out on first use and kept (an article's facts, the E5 vector
of its lead), the run parts kept at indexing, the verdict-only comparison clustering asks
for, and stores of schema 1 and 2."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import numpy as np
import pytest
from conftest import PAIRS, SEED_DE, SEED_FR, run_cli

import storydiff
from storydiff.collection import Index
from storydiff.collection.store import SCHEMA_VERSION
from storydiff.encoders import e5
from storydiff.encoders.use_runs import RunPooler
from storydiff.inputs import load_article

COLLECTION = [
    SEED_DE,
    SEED_FR,
    PAIRS / "rail-release.de.txt",
    PAIRS / "rail-release.en.txt",
    PAIRS / "bakery.fr.txt",
    PAIRS / "football.en.txt",
]


@pytest.fixture
def index(tmp_path):
    with Index.open(tmp_path / "news.sqlite") as idx:
        idx.add(COLLECTION)
        yield idx


def _id(idx: Index, path) -> int:
    (row,) = idx.store.db.execute("SELECT id FROM articles WHERE source = ?", (str(path),))
    return int(row[0])


def _facts_done(idx: Index) -> dict[str, bool]:
    rows = idx.store.db.execute("SELECT source, facts_done FROM articles")
    return {source: bool(done) for source, done in rows}


def _leads_kept(idx: Index) -> set[str]:
    rows = idx.store.db.execute(
        "SELECT a.source FROM lead_vectors l JOIN articles a ON a.id = l.article_id"
    )
    return {r[0] for r in rows}


def test_indexing_leaves_facts_and_leads_for_first_use(index):
    assert not any(_facts_done(index).values())
    assert index.store.article(_id(index, SEED_FR)).facts == []
    assert not _leads_kept(index)


def test_facts_worked_out_on_first_use_are_those_of_the_analysis_and_kept(index):
    fr = _id(index, SEED_FR)
    article = index.article(fr)
    expected = load_article(SEED_FR).facts
    assert article.facts == expected and expected
    assert _facts_done(index)[str(SEED_FR)]
    assert index.store.article(fr).facts == expected  # read back from the store


def test_find_keeps_what_it_worked_out_and_gives_the_same_hits_again(tmp_path):
    db = tmp_path / "news.sqlite"
    with Index.open(db) as index:
        index.add(COLLECTION)
        _, first = index.find(SEED_DE, k=3)
        assert first[0].article.source == str(SEED_FR) and first[0].fact_differences
        assert _leads_kept(index) >= {str(SEED_FR)}
        assert _facts_done(index)[str(SEED_FR)]
        # a different story left out: neither its facts nor its lead were worked out
        assert first.left_out >= 1
        assert not _facts_done(index)[str(PAIRS / "football.en.txt")]
        assert str(PAIRS / "football.en.txt") not in _leads_kept(index)

    # opened again, the kept lead vectors stand in for E5: with E5's in-memory cache
    # emptied, it reads the query file's lead and nothing else
    e5_model = e5.second_opinion().__self__
    e5_model._memory.clear()
    before = e5_model.misses
    with Index.open(db) as index:
        _, again = index.find(SEED_DE, k=3)
    assert [h.to_dict() for h in again] == [h.to_dict() for h in first]
    assert e5_model.misses - before == 1


def test_a_found_version_is_graded_as_compare_grades_it(index):
    _, hits = index.find(SEED_DE, k=1)
    cmp = storydiff.compare(SEED_DE, SEED_FR)
    assert hits[0].verdict == cmp.verdict
    assert hits[0].story_similarity == pytest.approx(cmp.story_similarity, abs=1e-4)
    assert (hits[0].coverage_a, hits[0].coverage_b) == pytest.approx(
        (cmp.coverage_a, cmp.coverage_b)
    )


def test_the_verdict_alone_is_the_verdict_of_the_whole_comparison(index):
    de, en = _id(index, PAIRS / "rail-release.de.txt"), _id(index, PAIRS / "rail-release.en.txt")
    football = _id(index, PAIRS / "football.en.txt")
    for a, b in ((de, en), (de, football)):
        assert index.verdict(a, b) == index.compare_stored(a, b).verdict
    assert index.verdict(de, en) == "same_story"


def test_keeping_gives_up_at_once_while_another_process_writes(index):
    fr = _id(index, SEED_FR)
    other = sqlite3.connect(index.store.path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # an indexing run holding the write lock
    try:
        index.derived.article(fr)
        assert index.derived.keep() is False
    finally:
        other.rollback()
        other.close()
    assert not _facts_done(index)[str(SEED_FR)]
    assert index.article(fr).facts  # worked out again, and kept this time
    assert _facts_done(index)[str(SEED_FR)]


def test_a_store_of_schema_1_is_migrated_and_keeps_its_facts(tmp_path):
    db = tmp_path / "old.sqlite"
    with Index.open(db) as idx:
        idx.add([SEED_DE, SEED_FR])
        fr = _id(idx, SEED_FR)
        idx.article(fr)  # facts in the article, as schema 1 stored them
    with sqlite3.connect(db) as con:  # back to schema 1
        con.execute("DROP TABLE lead_vectors")
        con.execute("ALTER TABLE articles DROP COLUMN facts_done")
        con.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    with Index.open(db) as idx:
        assert idx.store.meta("schema") == str(SCHEMA_VERSION)
        assert all(_facts_done(idx).values())  # a schema-1 article holds its facts
        assert idx.store.article(fr).facts
        _, hits = idx.find(SEED_DE, k=1)
        assert hits[0].verdict == "same_story" and _leads_kept(idx) == {str(SEED_FR)}


def test_find_reads_the_lead_of_each_of_its_hits_with_e5_once(index, monkeypatch):
    from storydiff.collection.story import e5_lead

    e5_model = e5.second_opinion().__self__
    e5_model._memory.clear()
    read: list[str] = []
    real = e5_model.inner.encode
    monkeypatch.setattr(e5_model.inner, "encode", lambda texts: read.extend(texts) or real(texts))
    _, hits = index.find(_id(index, PAIRS / "bakery.fr.txt"), k=5, keep_different=True)
    graded_by_leads = _leads_kept(index)
    assert len(hits) == 5 and len(graded_by_leads) >= 3  # the query and at least two hits
    # in calls of a few leads each (E5's cost is per token: a call adds about 8 ms)
    leads = [e5_lead(load_article(Path(source))) for source in graded_by_leads]
    assert sorted(t for t in read if t in leads) == sorted(leads)


def test_a_stored_query_comes_back_with_its_facts(index):
    article, _ = index.find(_id(index, SEED_FR), k=1)
    assert article.facts and article.facts == load_article(SEED_FR).facts


def _parts_kept(idx: Index) -> set[str]:
    rows = idx.store.db.execute(
        "SELECT a.source FROM run_parts r JOIN articles a ON a.id = r.article_id WHERE r.model = ?",
        (idx.encoder.parts_key,),
    )
    return {r[0] for r in rows}


def _find_json(idx: Index, query, k: int = 4) -> list[dict]:
    idx.encoder._memory.clear()  # no run vectors served from an earlier search
    _, hits = idx.find(query, k=k, keep_different=True)
    return [h.to_dict() for h in hits]


def test_indexed_articles_keep_run_parts_that_find_aligns_them_with(index, monkeypatch):
    assert _parts_kept(index) == {str(p) for p in COLLECTION}
    read: list[int] = []  # sentences the model reads token by token
    real = RunPooler._sentences
    monkeypatch.setattr(
        RunPooler, "_sentences", lambda self, ids: read.append(len(ids)) or real(self, ids)
    )
    hits = _find_json(index, SEED_DE)
    assert len(hits) == 4
    # the query file's sentences and its headline; none of the four stored candidates'
    assert sum(read) <= len(load_article(SEED_DE).sentences) + 1


def test_a_store_without_run_parts_finds_the_same_and_can_gain_them(tmp_path):
    db = tmp_path / "news.sqlite"
    with Index.open(db) as idx:
        idx.add(COLLECTION)
        queries = (SEED_DE, _id(idx, PAIRS / "rail-release.en.txt"), PAIRS / "bakery.fr.txt")
        with_parts = [_find_json(idx, q) for q in queries]
    with sqlite3.connect(db) as con:  # a store of schema 2: no run parts
        con.execute("DROP TABLE run_parts")
        con.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
    with Index.open(db) as idx:
        assert idx.store.meta("schema") == str(SCHEMA_VERSION) and not _parts_kept(idx)
        assert [_find_json(idx, q) for q in queries] == with_parts
        assert idx.fill_run_parts() == len(COLLECTION) and idx.fill_run_parts() == 0
        assert _parts_kept(idx) == {str(p) for p in COLLECTION}
        assert [_find_json(idx, q) for q in queries] == with_parts


def test_run_parts_of_another_model_or_code_are_not_used(index):
    with index.store.db:
        index.store.db.execute("UPDATE run_parts SET model = 'use-multilingual-v3 0.0.1'")
    assert not _parts_kept(index)
    assert index._kept_parts([_id(index, SEED_FR)]) == {}
    assert index.fill_run_parts() == len(COLLECTION)


def test_a_stored_query_is_aligned_from_its_own_run_parts(index, monkeypatch):
    read: list[int] = []  # sentences the model reads token by token
    real = RunPooler._sentences
    monkeypatch.setattr(
        RunPooler, "_sentences", lambda self, ids: read.append(len(ids)) or real(self, ids)
    )
    hits = _find_json(index, _id(index, SEED_DE))
    assert len(hits) == 4 and hits[0]["source"] == str(SEED_FR)
    assert sum(read) == 0  # neither the query's sentences nor any candidate's
    index.encoder._memory.clear()
    cmp = index.compare_stored(_id(index, SEED_DE), _id(index, SEED_FR))
    assert cmp.verdict == "same_story" and sum(read) == 0


def test_runs_from_kept_parts_are_the_model_s_and_leave_the_embedding_cache_alone(tmp_path):
    from storydiff.compare import article_parts, article_runs

    enc = _use_with_disk_cache(tmp_path / "cache")
    article = load_article(SEED_FR)
    parts = article_parts(article, enc)
    enc._memory.clear()
    rows = enc._db.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
    from_parts = article_runs(article, enc, parts)
    assert enc._memory == {}  # nothing looked up, nothing stored
    assert enc._db.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0] == rows
    by_model = article_runs(article, enc)
    assert from_parts.runs.keys() == by_model.runs.keys()
    for k, runs in by_model.runs.items():
        assert np.array_equal(from_parts.runs[k], runs)
    assert np.array_equal(from_parts.lead, by_model.lead)


def _use_with_disk_cache(cache_dir):
    """The loaded USE model behind a cache of its own on disk (get_encoder with a
    cache_dir would also move the process's tables there, for the tests that follow)."""
    from storydiff.encoders import as_encoder
    from storydiff.encoders.base import CachedEncoder

    return CachedEncoder(as_encoder(None).inner, cache_dir=cache_dir)


def test_the_embedding_cache_commits_without_waiting_for_the_disk(tmp_path):
    enc = _use_with_disk_cache(tmp_path / "cache")
    # under WAL, NORMAL (1) loses at most the last writes in a power cut, never the file
    assert enc._db.execute("PRAGMA synchronous").fetchone()[0] == 1


def test_find_reads_with_e5_while_it_compares_the_hits_facts(index, monkeypatch):
    from storydiff.collection import index as index_module

    compared = threading.Event()
    helped: list[bool] = []  # per E5 call in the helper thread: did facts get compared meanwhile
    e5_model = e5.second_opinion().__self__
    e5_model._memory.clear()
    real_encode, real_diff = e5_model.inner.encode, index_module.aligned_differences

    def encode(texts):
        if threading.current_thread().name == "storydiff-e5":
            helped.append(compared.wait(timeout=20))
        return real_encode(texts)

    def differences(aligned, **kw):
        compared.set()
        return real_diff(aligned, **kw)

    index.store.db.execute("DELETE FROM lead_vectors")
    index.store.db.commit()
    index.derived._leads.clear()
    monkeypatch.setattr(e5_model.inner, "encode", encode)
    monkeypatch.setattr(index_module, "aligned_differences", differences)
    _, hits = index.find(_id(index, PAIRS / "bakery.fr.txt"), k=5, keep_different=True)
    # E5 read in its own thread while the hits' facts were compared here
    assert helped and all(helped)
    assert len(hits) == 5 and _leads_kept(index)


def test_what_e5_raises_in_its_thread_reaches_the_search(index, monkeypatch):
    from storydiff.collection import derived

    def broken(articles):
        raise RuntimeError("E5 failed")

    index.store.db.execute("DELETE FROM lead_vectors")
    index.store.db.commit()
    index.derived._leads.clear()
    monkeypatch.setattr(derived, "lead_vectors", broken)
    with pytest.raises(RuntimeError, match="E5 failed"):
        index.find(_id(index, PAIRS / "bakery.fr.txt"), k=5, keep_different=True)


def test_index_without_inputs_adds_the_run_parts_an_older_store_lacks(tmp_path):
    db = tmp_path / "news.sqlite"
    with Index.open(db) as idx:
        idx.add(COLLECTION)
        query = str(_id(idx, SEED_DE))

    def find() -> tuple[list[dict], str]:
        out = run_cli("find", "--id", query, "--db", str(db), "-f", "json", "-k", "4", "--all")
        assert out.returncode == 0, out.stderr.decode()
        return json.loads(out.stdout)["hits"], out.stderr.decode()

    with_parts, quiet = find()
    assert "storydiff index" not in quiet
    with sqlite3.connect(db) as con:  # a store of schema 2: no run parts
        con.execute("DROP TABLE run_parts")
        con.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
    hits, hint = find()
    assert hits == with_parts
    # one line saying what to run
    assert len(hint.strip().splitlines()) == 1
    assert f"run 'storydiff index --db {db}' once" in hint
    clustered = run_cli("cluster", "--db", str(db), "--format", "json")
    assert clustered.returncode == 0 and "storydiff index --db" in clustered.stderr.decode()

    added = run_cli("index", "--db", str(db), "--format", "json")
    assert added.returncode == 0, added.stderr.decode()
    assert json.loads(added.stdout) == {
        "run_parts_added": len(COLLECTION),
        "articles": len(COLLECTION),
        "encoder_makes_run_parts": True,
    }
    with Index.open(db) as idx:
        assert _parts_kept(idx) == {str(p) for p in COLLECTION}
    hits, quiet = find()
    assert hits == with_parts and "storydiff index" not in quiet
    again = run_cli("index", "--db", str(db))
    assert again.returncode == 0 and "added run parts to 0 articles" in again.stdout.decode()


def test_index_without_inputs_needs_an_existing_collection(tmp_path):
    out = run_cli("index", "--db", str(tmp_path / "missing.sqlite"))
    err = out.stderr.decode()
    assert out.returncode == 2 and "no such collection" in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "missing.sqlite").exists()


def test_a_text_two_threads_ask_for_together_is_embedded_once(tmp_path, monkeypatch):
    from storydiff.encoders.base import CachedEncoder

    class Slow:
        name, version, dim, scripts = "slow", "1", 4, None

        def __init__(self) -> None:
            self.read: list[str] = []

        def encode(self, texts):
            self.read += texts
            threading.Event().wait(0.3)  # long enough for the other thread to ask too
            return np.ones((len(texts), 4), dtype=np.float32)

    inner = Slow()
    enc = CachedEncoder(inner)
    ahead = threading.Thread(target=enc.encode, args=(["eins", "zwei"],))
    ahead.start()
    threading.Event().wait(0.05)
    rows = enc.encode(["zwei", "drei"])  # "zwei" is being embedded by the other thread
    ahead.join()
    assert sorted(inner.read) == ["drei", "eins", "zwei"]
    assert np.allclose(rows, 0.5)  # unit rows


def test_a_search_that_fails_leaves_no_e5_work_to_the_next(index, monkeypatch):
    from storydiff.collection import derived
    from storydiff.collection import index as index_module

    real_leads, real_diff = derived.lead_vectors, index_module.aligned_differences

    def broken_leads(articles):
        raise RuntimeError("E5 failed")

    def broken_diff(aligned, **kw):
        raise ValueError("the fact diff failed")

    index.store.db.execute("DELETE FROM lead_vectors")
    index.store.db.commit()
    index.derived._leads.clear()
    monkeypatch.setattr(derived, "lead_vectors", broken_leads)
    monkeypatch.setattr(index_module, "aligned_differences", broken_diff)
    query = _id(index, PAIRS / "bakery.fr.txt")
    with pytest.raises(ValueError, match="the fact diff failed"):
        index.find(query, k=5, keep_different=True)
    monkeypatch.setattr(derived, "lead_vectors", real_leads)
    monkeypatch.setattr(index_module, "aligned_differences", real_diff)
    _, hits = index.find(query, k=5, keep_different=True)  # not E5's earlier failure
    assert len(hits) == 5 and _leads_kept(index)


def test_find_keeps_the_fact_diffs_texts_off_the_disk_cache(tmp_path, monkeypatch):
    # the negation judge's texts, read ahead for E5, are embedded as the fact diff embeds
    # them: in memory only, never in the disk cache (CachedEncoder.encode, disk=False)
    from storydiff.collection import index as index_module

    base = (
        "The council met on Monday to discuss the new bridge over the river. "
        "The mayor said that the town {} afford the repairs this year. "
        "Engineers found cracks in two of the arches last autumn. "
        "Work is expected to take about eight months."
    )
    (tmp_path / "a.txt").write_text(base.format("can"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(base.format("cannot"), encoding="utf-8")
    enc = _use_with_disk_cache(tmp_path / "cache")
    asked: list[str] = []
    real_encode = enc.encode

    def encode(texts, *, disk=True):
        if disk:
            asked.extend(texts)
        return real_encode(texts, disk=disk)

    judged: list[str] = []
    real_judged = index_module.negation_judge_texts

    def judge_texts(*args, **kwargs):
        texts = real_judged(*args, **kwargs)
        judged.extend(texts)
        return texts

    monkeypatch.setattr(index_module, "negation_judge_texts", judge_texts)
    with Index.open(tmp_path / "news.sqlite", encoder=enc) as idx:
        idx.add([tmp_path / "a.txt", tmp_path / "b.txt"])
        monkeypatch.setattr(enc, "encode", encode)
        asked.clear()
        query = _id(idx, tmp_path / "a.txt")
        _, hits = idx.find(query, k=1)
    assert judged and hits  # a negation to judge: its sentences with "not" erased
    # what the search asks the disk cache for is the query's sentences and runs at most,
    # none of the fact diff's names, phrases or erased sentences
    assert not [t for t in asked if t not in base.format("can")]


# --- prepare: what first use would work out, worked out ahead --------------------------


def test_prepare_works_out_every_article_as_first_use_would(tmp_path):
    model = e5.second_opinion_name()
    with Index.open(tmp_path / "lazy.sqlite") as lazy:
        lazy.add(COLLECTION)
        lazy_hits = _find_json(lazy, SEED_DE)
        facts_first_use = {str(p): lazy.article(_id(lazy, p)).facts for p in COLLECTION}
        kept = lazy.store.lead_vectors([_id(lazy, p) for p in COLLECTION], model)
        leads_first_use = {str(p): kept[_id(lazy, p)] for p in COLLECTION if _id(lazy, p) in kept}
    assert leads_first_use  # the find read some hits' leads
    with Index.open(tmp_path / "prepared.sqlite") as idx:
        idx.add(COLLECTION)
        assert idx.unprepared() == len(COLLECTION)
        assert idx.prepare() == len(COLLECTION)
        assert idx.unprepared() == 0 and idx.prepare() == 0
        assert all(_facts_done(idx).values())
        assert _leads_kept(idx) == {str(p) for p in COLLECTION}
        leads = idx.store.lead_vectors([_id(idx, p) for p in COLLECTION], model)
        for p in COLLECTION:
            assert idx.store.article(_id(idx, p)).facts == facts_first_use[str(p)]
            if str(p) in leads_first_use:
                assert np.array_equal(leads[_id(idx, p)], leads_first_use[str(p)])
        # E5's in-memory cache emptied: a find reads the query file's lead and no hit's
        e5_model = e5.second_opinion().__self__
        e5_model._memory.clear()
        before = e5_model.misses
        assert _find_json(idx, SEED_DE) == lazy_hits
        assert e5_model.misses - before == 1


def test_an_interrupted_prepare_keeps_its_finished_batches_and_the_next_carries_on(index):
    seen: list[int] = []

    def stop_after_first_batch(done: int, _last: str) -> None:
        seen.append(done)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        index.prepare(progress=stop_after_first_batch, batch=4)
    assert seen == [4]
    assert sum(_facts_done(index).values()) == 4 and len(_leads_kept(index)) == 4
    assert index.unprepared() == len(COLLECTION) - 4
    assert index.prepare(batch=4) == len(COLLECTION) - 4
    assert all(_facts_done(index).values()) and len(_leads_kept(index)) == len(COLLECTION)


def test_an_article_whose_facts_fail_is_left_for_first_use_and_the_rest_prepared(
    index, monkeypatch, caplog
):
    from storydiff.collection import derived

    bad = _id(index, PAIRS / "bakery.fr.txt")
    real = derived.extract_facts

    def failing(article):
        if article.source == str(PAIRS / "bakery.fr.txt"):
            raise ValueError("broken")
        return real(article)

    monkeypatch.setattr(derived, "extract_facts", failing)
    assert index.prepare() == len(COLLECTION) - 1
    done = _facts_done(index)
    assert not done[str(PAIRS / "bakery.fr.txt")] and sum(done.values()) == len(COLLECTION) - 1
    assert f"article {bad}: facts not extracted (ValueError: broken)" in caplog.text
    # the article left for its first comparison does not stop a search or a clustering
    _, hits = index.find(bad, k=5, keep_different=True)
    assert len(hits) == 5
    assert _find_json(index, PAIRS / "bakery.fr.txt") and index.cluster(window_days=3650)
    monkeypatch.setattr(derived, "extract_facts", real)
    assert index.unprepared() == 1 and index.prepare() == 1


def test_clustering_extracts_an_article_s_facts_once_and_keeps_none(index, monkeypatch):
    from storydiff.collection import derived

    calls: list[str] = []
    real = derived.extract_facts
    monkeypatch.setattr(derived, "extract_facts", lambda a: calls.append(a.source) or real(a))
    de = _id(index, PAIRS / "rail-release.de.txt")
    en = _id(index, PAIRS / "rail-release.en.txt")
    for _ in range(3):
        assert index.verdict(de, en) == "same_story"
    assert sorted(calls) == sorted(
        [str(PAIRS / "rail-release.de.txt"), str(PAIRS / "rail-release.en.txt")]
    )
    assert not any(_facts_done(index).values())


def test_prepare_says_so_when_another_process_keeps_the_store_locked(index, monkeypatch):
    from storydiff.collection import index as index_module
    from storydiff.errors import InputError

    monkeypatch.setattr(index_module, "PREPARE_WAIT_S", 0.1)
    other = sqlite3.connect(index.store.path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # an indexing run holding the write lock
    try:
        with pytest.raises(InputError, match="could not write what was prepared"):
            index.prepare()
    finally:
        other.rollback()
        other.close()
    assert not any(_facts_done(index).values())
    assert index.prepare() == len(COLLECTION)


def test_index_prepare_on_the_command_line(tmp_path):
    db = tmp_path / "news.sqlite"
    files = [str(p) for p in COLLECTION]
    out = run_cli("index", *files, "--db", str(db), "--prepare", "-f", "json")
    assert out.returncode == 0, out.stderr.decode()
    report = json.loads(out.stdout)
    assert report["added"] == len(COLLECTION) and report["prepared"] == len(COLLECTION)
    with Index.open(db) as idx:
        assert idx.unprepared() == 0
    again = run_cli("index", "--db", str(db), "--prepare")
    assert again.returncode == 0, again.stderr.decode()
    assert "prepared 0 for finding" in again.stdout.decode()
    plain = run_cli("index", "--db", str(db), "-f", "json")
    assert "prepared" not in json.loads(plain.stdout)


def test_a_first_find_aligns_each_candidate_with_its_facts_as_a_later_one_does(
    tmp_path, monkeypatch
):
    """The alignment links gaps by the sentences' facts (``fact_gaps``): a candidate
    aligned before its facts were worked out was aligned, and graded, otherwise than by
    ``compare`` and by every later search."""
    from storydiff.collection import index as index_module

    seen: list[bool] = []
    real = index_module.align_articles

    def spy(a, b, **kw):
        seen.append(bool(b.facts))
        return real(a, b, **kw)

    monkeypatch.setattr(index_module, "align_articles", spy)
    with Index.open(tmp_path / "news.sqlite") as idx:
        idx.add(COLLECTION)
        first = _find_json(idx, SEED_DE, k=5)
        assert seen and all(seen)  # every candidate, hits and different stories alike
        assert _find_json(idx, SEED_DE, k=5) == first
        de = _id(idx, PAIRS / "rail-release.de.txt")
        en = _id(idx, PAIRS / "rail-release.en.txt")
        seen.clear()
        assert idx.verdict(de, en) == "same_story" and seen == [True]
    # clustering asked for verdicts inside its transaction: it kept nothing
    with Index.open(tmp_path / "news.sqlite") as idx:
        before = _facts_done(idx)
        idx.verdict(_id(idx, PAIRS / "bakery.fr.txt"), _id(idx, PAIRS / "football.en.txt"))
        assert _facts_done(idx) == before
