"""Collections: index (text, JSONL, WARC), incremental re-runs, resume after kill -9,
find and cluster on a small real multilingual collection."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PAIRS, SEED_DE, SEED_FR, STORY_KEYS, run_cli, write_warc

from storydiff.collection import Index
from storydiff.readers.records import (
    DATE_NOT_UNDERSTOOD,
    NAMED_AS_ARCHIVE,
    BadRecord,
    ReadStats,
    Record,
    iter_records,
)

COLLECTION = [
    SEED_DE,
    SEED_FR,
    PAIRS / "rail-release.de.txt",
    PAIRS / "rail-release.en.txt",
    PAIRS / "library.en.txt",
    PAIRS / "library-edited.en.txt",
    PAIRS / "bakery.fr.txt",
    PAIRS / "football.en.txt",
]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("collection")
    with Index.open(folder / "news.sqlite") as idx:
        report = idx.add(COLLECTION)
        assert report.added == len(COLLECTION) and not report.bad
        yield idx


def _id(idx: Index, path: Path) -> int:
    (row,) = idx.store.db.execute("SELECT id FROM articles WHERE source = ?", (str(path),))
    return int(row[0])


def test_find_returns_the_other_language_version_first_and_verified(index):
    article, hits = index.find(SEED_DE, k=3)
    assert article.language == "de"
    assert hits[0].article.source == str(SEED_FR)
    assert hits[0].verdict == "same_story"
    assert hits[0].story_similarity > 0.9
    assert hits[0].evidence and all(e["score"] >= 0.5 for e in hits[0].evidence)
    # the one real difference of the seed pair is the credited source
    assert any(d["type"] == "source" for d in hits[0].fact_differences)
    # the query itself is stored: it is not listed as its own version
    assert str(SEED_DE) not in [h.article.source for h in hits]
    # unrelated articles are left out; asked for, they rank below as different stories
    assert all(h.verdict != "different" for h in hits)
    _, every = index.find(SEED_DE, k=3, keep_different=True)
    assert len(every) == 3 and every[0].article.source == str(SEED_FR)
    assert {h.verdict for h in every[1:]} <= {"different", "related"}
    # and the search says how many it left out
    different = sum(h.verdict == "different" for h in every)
    assert different >= 1 and hits.left_out == different and len(hits) == 3 - different
    assert every.left_out == 0


def test_find_by_id_and_language_filter(index):
    rail_de = _id(index, PAIRS / "rail-release.de.txt")
    _, hits = index.find(rail_de, k=5, languages=["en"])
    assert hits and all(h.article.language == "en" for h in hits)
    assert hits[0].article.source == str(PAIRS / "rail-release.en.txt")
    with pytest.raises(KeyError):
        index.find(10_000)


def test_a_filter_applied_to_the_index_answers_gives_the_exact_search_answer(index, monkeypatch):
    """Above EXACT_LIMIT articles passing a filter, the index's answers are filtered (the
    store asked about those ids only): the same candidates as the exact search."""
    from storydiff.collection import index as index_module

    rail_de = _id(index, PAIRS / "rail-release.de.txt")
    _, vec = next(iter(index.store.vectors(ids=[rail_de])))
    exact_ids, exact_sims = index._candidates(vec[0], 3, None, None, ["en"])
    monkeypatch.setattr(index_module, "EXACT_LIMIT", 0)
    ids, sims = index._candidates(vec[0], 3, None, None, ["en"])
    assert ids.tolist() == exact_ids.tolist()
    assert sims == pytest.approx(exact_sims, abs=1e-2)  # the index holds float16
    assert index.store.get(int(ids[0])).source == str(PAIRS / "rail-release.en.txt")


def test_exact_search_of_a_subset_reads_the_index_memory_and_the_store_alike(index):
    from storydiff.collection.ann import AnnIndex, exact_search

    every = index.store.ids_where()
    _, vec = next(iter(index.store.vectors(ids=[every[0]])))
    store_ids, store_sims = exact_search(index.store, every, vec[0], 5)
    ids, sims = exact_search(index.store, every, vec[0], 5, index.ann)
    assert ids.tolist() == store_ids.tolist() and ids[0, 0] == every[0]
    assert sims == pytest.approx(store_sims, abs=1e-2)  # the index holds float16
    # articles the index does not hold (another process added them) come from the store
    partial = AnnIndex(None, index.ann.dim)
    partial.add(*next(iter(index.store.vectors(ids=every[:3]))))
    ids, _ = exact_search(index.store, every, vec[0], 5, partial)
    assert ids.tolist() == store_ids.tolist()


def test_store_counts_and_checks_a_filter_without_listing_every_article(index):
    store = index.store
    english = store.ids_where(languages=["en"])
    assert len(english) == 4 == store.count_where(languages=["en"])
    every = store.ids_where()
    assert store.keep_where(every, languages=["en"]) == set(english)
    assert store.keep_where(every[:2]) == set(every[:2])
    assert store.count_where(since="2999-01-01") == 0
    plan = store.db.execute(
        "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM articles WHERE language IN ('en')"
    ).fetchall()
    assert "articles_language" in str(plan)  # an index, not a scan of every row


def test_a_read_only_store_made_before_the_language_index_still_opens(index, tmp_path):
    """A store of an earlier storydiff has no language index; one that cannot be written
    opens without it, and its language filter reads the rows."""
    from storydiff.collection.store import Store

    index.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    old = tmp_path / "old.sqlite"
    with sqlite3.connect(old) as copy:
        index.store.db.backup(copy)
        copy.execute("DROP INDEX articles_language")
    old.chmod(0o444)
    if os.access(old, os.W_OK):  # root writes anyway
        pytest.skip("the file stays writable for this user")
    encoder = index.store.meta("encoder")
    with Store(old, encoder=encoder, dim=index.store.dim) as store:
        assert store.count_where(languages=["en"]) == len(store.ids_where(languages=["en"])) == 4


def test_cluster_groups_versions_across_languages(index):
    stories = index.cluster(window_days=7)
    groups = {frozenset(a["source"] for a in s.articles) for s in stories}
    assert frozenset({str(SEED_DE), str(SEED_FR)}) in groups
    assert (
        frozenset({str(PAIRS / "rail-release.de.txt"), str(PAIRS / "rail-release.en.txt")})
        in groups
    )
    assert (
        frozenset({str(PAIRS / "library.en.txt"), str(PAIRS / "library-edited.en.txt")}) in groups
    )
    assert frozenset({str(PAIRS / "bakery.fr.txt")}) in groups
    seed = next(s for s in stories if str(SEED_DE) in {a["source"] for a in s.articles})
    assert seed.languages == ["de", "fr"]
    kinds = {d["type"] for d in seed.disagreements}
    assert "source" in kinds
    # incremental: a second call assigns nothing new and gives the same stories
    again = index.cluster(window_days=7)
    assert {frozenset(a["id"] for a in s.articles) for s in again} == {
        frozenset(a["id"] for a in s.articles) for s in stories
    }


def _feed_line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"


def test_jsonl_bad_lines_are_counted_and_skipped(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        _feed_line(
            text=SEED_DE.read_text(), url="https://a.example/de", date="2024-09-26", lang="de"
        )
        + "{broken json\n"
        + "[1, 2]\n"
        + _feed_line(title="only a title")
        + "\n"
        + _feed_line(
            html=f"<html><body><article><p>{SEED_FR.read_text()}</p></article></body></html>",
            url="https://b.example/fr",
        )
    )
    stats = ReadStats()
    records = list(iter_records([feed], stats=stats))
    good = [r for r in records if isinstance(r, Record)]
    bad = [r for r in records if isinstance(r, BadRecord)]
    assert [r.url for r in good] == ["https://a.example/de", "https://b.example/fr"]
    assert good[0].date == "2024-09-26" and good[0].language == "de"
    assert good[1].raw.kind == "html"
    assert [b.position for b in bad] == [f"{feed} line 2", f"{feed} line 3", f"{feed} line 4"]
    assert stats.read == 2 and stats.bad == 3


def test_gzipped_feed_and_endless_line_are_bounded(tmp_path):
    feed = tmp_path / "feed.jsonl.gz"
    with gzip.open(feed, "wt", encoding="utf-8") as fh:
        fh.write('{"text": "' + "x" * 5000 + '"}\n')
        fh.write(_feed_line(text="A short article. It has two sentences."))
    records = list(iter_records([feed], max_bytes=1000))
    assert isinstance(records[0], BadRecord) and "longer than" in records[0].reason
    assert isinstance(records[1], Record)


def _page(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    head = f"<head><title>{title}</title></head>"
    return f"<html>{head}<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"


def test_warc_responses_are_indexed_and_the_rest_counted(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(
        warc,
        [
            ("https://de.example/openai", _page("OpenAI in Paris", SEED_DE.read_text())),
            ("https://fr.example/openai", _page("OpenAI à Paris", SEED_FR.read_text())),
        ],
    )
    with Index.open(tmp_path / "news.sqlite") as idx:
        report = idx.add([warc])
        assert report.added == 2
        assert report.skipped == {
            "warcinfo record": 1,
            "request record": 2,
            "response that is not HTML": 1,
        }
        _, hits = idx.find(1, k=1)
        assert (
            hits[0].article.url == "https://fr.example/openai" and hits[0].verdict == "same_story"
        )
        # a WARC record keeps its target URI as its source
        assert idx.store.get(1).source == "https://de.example/openai"


def test_rerun_adds_nothing_and_duplicates_are_one_article_with_two_sources(tmp_path):
    copy = tmp_path / "copy-of-seed.txt"
    copy.write_text(SEED_DE.read_text())
    db = tmp_path / "news.sqlite"
    with Index.open(db) as idx:
        first = idx.add([SEED_DE, copy])
        assert (first.added, first.duplicates) == (1, 0)  # same text: skipped before analysis
        again = idx.add([SEED_DE, copy])
        assert (again.added, again.already_indexed) == (0, 2)
        assert len(idx) == 1
        assert idx.store.sources(1) == [str(SEED_DE), str(copy)]
    # the same content in another wrapping (extra blank lines) is a duplicate with a source
    reflowed = tmp_path / "reflowed.txt"
    reflowed.write_text(SEED_DE.read_text().replace("\n\n", "\n\n\n"))
    with Index.open(db) as idx:
        third = idx.add([reflowed])
        assert (third.added, third.duplicates) == (0, 1)
        assert idx.store.sources(1) == [str(SEED_DE), str(copy), str(reflowed)]


def test_store_refuses_another_encoder(tmp_path):
    from storydiff.errors import InputError

    db = tmp_path / "news.sqlite"
    Index.open(db).close()
    with pytest.raises(InputError, match="encoder"):
        Index.open(db, encoder="e5")


def test_deleted_ann_cache_is_rebuilt_from_the_store(tmp_path):
    db = tmp_path / "news.sqlite"
    with Index.open(db) as idx:
        idx.add([SEED_DE, SEED_FR])
    Path(str(db) + ".usearch").unlink()
    with Index.open(db) as idx:
        assert len(idx.ann) == 2
        _, hits = idx.find(1, k=1)
        assert hits[0].article.source == str(SEED_FR)


def test_killed_index_run_resumes_without_loss_or_duplicates(tmp_path):
    """kill -9 in the middle of a run, run again: every article stored exactly once."""
    feed = tmp_path / "feed.jsonl"
    texts = [p.read_text() for p in COLLECTION]
    lines = []
    for n in range(60):  # 60 distinct articles: each real text with a numbered first line
        lines.append(
            _feed_line(
                text=f"Report number {n} of the day.\n\n" + texts[n % len(texts)],
                url=f"https://x.example/{n}",
            )
        )
    feed.write_text("".join(lines))
    db = tmp_path / "news.sqlite"
    env = {**os.environ, "STORYDIFF_CACHE_DIR": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "storydiff", "index", str(feed), "--db", str(db), "-q"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 240
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.5)
        try:
            with sqlite3.connect(db, timeout=5) as con:
                stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 32:  # the first batch is in; the run is in the middle of the next
            break
    assert proc.poll() is None, "the run ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < stored < 60
    result = run_cli("index", str(feed), "--db", str(db), "--format", "json", timeout=600)
    assert result.returncode == 0, result.stderr.decode()
    summary = json.loads(result.stdout)
    assert summary["articles"] == 60
    assert summary["already_indexed"] + summary["added"] == 60
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(DISTINCT content_hash) FROM articles").fetchone()[0] == 60
        assert con.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 60
    with Index.open(db) as idx:
        assert len(idx.ann) == 60


def test_cli_index_find_cluster_json(tmp_path):
    db = tmp_path / "news.sqlite"
    out = run_cli(
        "index", str(SEED_DE), str(SEED_FR), str(PAIRS / "bakery.fr.txt"), "--db", str(db)
    )
    assert out.returncode == 0, out.stderr.decode()
    assert "added 3 articles" in out.stdout.decode()
    found = run_cli("find", str(SEED_FR), "--db", str(db), "--format", "json", "-k", "2")
    assert found.returncode == 0, found.stderr.decode()
    payload = json.loads(found.stdout)
    assert payload["query"]["language"] == "fr"
    top = payload["hits"][0]
    assert top["source"] == str(SEED_DE) and top["verdict"] == "same_story"
    assert set(top) >= {
        "id",
        "url",
        "title",
        "story_similarity",
        "coverage",
        "evidence",
        "fact_differences",
    }
    clustered = run_cli("cluster", "--db", str(db), "--format", "jsonl")
    assert clustered.returncode == 0, clustered.stderr.decode()
    stories = [json.loads(line) for line in clustered.stdout.decode().splitlines()]
    assert [s["size"] for s in stories] == [2, 1]
    assert stories[0]["languages"] == ["de", "fr"]
    assert set(stories[0]) >= STORY_KEYS


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["find", "--db", "missing.sqlite", "--id", "1"], "no such collection"),
        (["cluster", "--db", "missing.sqlite", "--window", "soon"], "--window"),
        (["index", "no-such-folder", "--db", "x.sqlite"], "no such file or folder"),
        (["find", "--db", "x.sqlite"], "either an article file"),
        (["find", "--db", "x.sqlite", "--id", "1", "--since", "yesterday"], "YYYY-MM-DD"),
    ],
)
def test_collection_cli_errors_are_one_line(tmp_path, args, message):
    result = subprocess.run(
        [sys.executable, "-m", "storydiff", *args],
        cwd=tmp_path,
        capture_output=True,
        env={**os.environ, "STORYDIFF_CACHE_DIR": ""},
        timeout=120,
    )
    err = result.stderr.decode()
    assert result.returncode == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_damaged_warc_ends_with_one_bad_record(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    pages = [(f"https://x.example/{n}", _page(f"Page {n}", SEED_FR.read_text())) for n in range(3)]
    write_warc(warc, pages)
    data = warc.read_bytes()
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(data[: len(data) // 2] + b"\x00garbage" * 10)
    records = list(iter_records([broken]))
    assert records, "the intact records before the damage are read"
    assert isinstance(records[-1], BadRecord)
    assert all(isinstance(r, Record) for r in records[:-1])


def test_a_warc_cut_inside_a_record_header_ends_with_a_bad_record(tmp_path):
    import gzip

    packed = tmp_path / "crawl.warc.gz"
    pages = [(f"https://x.example/{n}", _page(f"Page {n}", SEED_FR.read_text())) for n in range(3)]
    write_warc(packed, pages)
    data = gzip.decompress(packed.read_bytes())  # a plain WARC
    last = data.rindex(b"WARC/1")
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: last + 10])  # the file ends ten bytes into the last header
    records = list(iter_records([cut]))
    assert isinstance(records[-1], BadRecord)
    assert "header" in records[-1].reason
    assert sum(isinstance(r, Record) for r in records) >= 2


def test_document_vectors_of_an_older_store_are_recomputed_on_open(tmp_path):
    import numpy as np

    db = tmp_path / "news.sqlite"
    with Index.open(db) as idx:
        idx.add([SEED_DE, SEED_FR])
        (_, before), *_ = idx.store.vectors()
        # a store written by an older storydiff: other document vectors, older version mark
        idx.store.set_vectors([(1, np.ones(idx.store.dim)), (2, -np.ones(idx.store.dim))])
        idx.store.set_meta("document_vector", "1")
    with Index.open(db) as idx:
        (_, after), *_ = idx.store.vectors()
        assert np.allclose(before, after, atol=1e-5)
        assert len(idx.ann) == 2
        assert idx.find(1, k=1)[1][0].article.source == str(SEED_FR)


def test_two_indexers_on_one_store_leave_a_complete_ann_cache(tmp_path):
    """Two runs adding to one store at once: the one that saves its cache last knows only
    its own articles; opening the store again must still find every article."""
    db = tmp_path / "news.sqlite"
    first, second = Index.open(db), Index.open(db)
    second.add([SEED_FR])
    first.add([SEED_DE, PAIRS / "bakery.fr.txt"])
    second.add([PAIRS / "football.en.txt"])
    first.close()
    second.close()  # saved last: holds SEED_FR and football only
    with Index.open(db) as idx:
        assert len(idx.ann) == len(idx) == 4
        seed_de = idx.store.id_of(idx.store.article(2))
        assert idx.find(seed_de, k=1)[1][0].article.source == str(SEED_FR)


def test_find_and_cluster_never_write_over_the_collection_or_into_other_files(tmp_path):
    db = tmp_path / "news.sqlite"
    assert run_cli("index", str(SEED_DE), str(SEED_FR), "--db", str(db)).returncode == 0
    before = db.read_bytes()
    for args in (
        ["find", "--id", "1", "--db", str(db), "-o", str(db)],
        ["cluster", "--db", str(db), "-o", str(db)],
        ["find", "--id", "1", "--db", str(db), "--since", "2024-13-45"],
        ["cluster", "--db", str(db), "--window", "99999999999999999999d"],
    ):
        result = run_cli(*args)
        err = result.stderr.decode()
        assert result.returncode == 2 and len(err.strip().splitlines()) == 1, (args, err)
    assert db.read_bytes()[:16] == before[:16] == b"SQLite format 3\x00"
    other = tmp_path / "other.sqlite"
    import sqlite3 as sq

    with sq.connect(other) as con:
        con.execute("CREATE TABLE notes (x TEXT)")
    result = run_cli("find", "--id", "1", "--db", str(other))
    assert result.returncode == 2 and b"not a storydiff collection" in result.stderr
    with sq.connect(other) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert tables == {"notes"} and not Path(str(other) + ".usearch").exists()


def test_feed_dates_in_common_forms_are_read_and_unclear_ones_noted(tmp_path):
    """ISO 8601, RFC 2822 (RSS), dotted day-first digits and months written as words in
    several languages are read; a date whose day and month order cannot be told
    (10/09/2024) or without a year is not guessed: kept undated, and counted."""
    given = {
        "2024-09-10T08:15:00Z": "2024-09-10T08:15:00+00:00",
        "Tue, 10 Sep 2024 08:15:00 +0200": "2024-09-10T08:15:00+02:00",
        "10.09.2024": "2024-09-10",
        "13/09/2024": "2024-09-13",
        "September 10, 2024 08:15": "2024-09-10T08:15:00",
        "Dienstag, 10. September 2024, 08:15 Uhr": "2024-09-10T08:15:00",
        "le 10 sept. 2024": "2024-09-10",
        "10 de septiembre de 2024": "2024-09-10",
        "10/09/2024": None,
        "10 September": None,
        "gestern": None,
    }
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(_feed_line(text=f"Article {n}. Two.", date=d) for n, d in enumerate(given)),
        encoding="utf-8",
    )
    stats = ReadStats()
    records = list(iter_records([feed], stats=stats))
    assert [r.date for r in records] == list(given.values())
    assert stats.notes == {DATE_NOT_UNDERSTOOD: 3}
    assert "kept undated" in DATE_NOT_UNDERSTOOD


def test_page_date_comes_from_its_metadata_never_from_a_year_in_the_text():
    from storydiff.readers.html import extract_html

    body = (
        "<article><p>Le club existe depuis 2017 et organise un tournoi le 12 mars 2019 à "
        "Lyon, avec des joueurs venus de toute la région.</p><p>Un second paragraphe, assez "
        "long pour que la page soit lue comme un article.</p></article>"
    )
    page = f"<html><head><title>Tournoi</title></head><body>{body}</body></html>"
    assert extract_html(page, source="p.html").date is None
    dated = page.replace(
        "<title>", '<meta property="article:published_time" content="2024-09-10T08:00:00Z"><title>'
    )
    assert extract_html(dated, source="p.html").date == "2024-09-10"


def test_content_not_the_name_says_what_is_an_archive(tmp_path):
    """A text file named .warc is read as the article it is (and the run says so); a WARC
    archive under another name is read as an archive."""
    fake = tmp_path / "notes.warc"
    fake.write_text(SEED_DE.read_text(), encoding="utf-8")
    archive = tmp_path / "crawl.bin"
    write_warc(archive, [("https://a.example/fr", f"<html><body><p>{SEED_FR.read_text()}</p>")])
    stats = ReadStats()
    records = list(iter_records([fake, archive], stats=stats))
    assert all(isinstance(r, Record) for r in records), records
    assert records[0].position == str(fake.resolve())
    assert records[1].url == "https://a.example/fr" and len(records) == 2
    assert stats.notes == {NAMED_AS_ARCHIVE: 1}


def test_index_reads_a_jsonl_feed_or_one_article_from_stdin(tmp_path):
    db = tmp_path / "news.sqlite"
    feed = _feed_line(text=SEED_DE.read_text(), url="https://a.example/de") + _feed_line(
        text=SEED_FR.read_text(), date="2024-09-26"
    )
    out = run_cli("index", "-", "--db", str(db), "--format", "json", stdin=feed.encode())
    assert out.returncode == 0, out.stderr.decode()
    assert json.loads(out.stdout)["added"] == 2
    one = run_cli("index", "-", "--db", str(db), stdin=(PAIRS / "bakery.fr.txt").read_bytes())
    assert one.returncode == 0 and "added 1 articles" in one.stdout.decode(), one.stderr
    with Index.open(db) as idx:
        sources = sorted(s for i in range(1, 4) for s in idx.store.sources(i))
    assert sources == ["<stdin>", "<stdin> line 2", "https://a.example/de"]
    twice = run_cli("index", "-", "-", "--db", str(db), stdin=b"x")
    assert twice.returncode == 2 and "only once" in twice.stderr.decode()


def test_another_window_forms_the_stories_again(tmp_path):
    """Versions ten days apart: two stories with a 7-day window, one with 14 days; asking
    for another window re-forms the stories already stored."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        _feed_line(text=SEED_DE.read_text(), url="https://a.example/de", date="2024-09-01")
        + _feed_line(text=SEED_FR.read_text(), url="https://b.example/fr", date="2024-09-11"),
        encoding="utf-8",
    )
    with Index.open(tmp_path / "news.sqlite") as idx:
        idx.add([feed])
        assert sorted(s.size for s in idx.cluster(window_days=7)) == [1, 1]
        assert [s.size for s in idx.cluster(window_days=14)] == [2]
        assert sorted(s.size for s in idx.cluster(window_days=7)) == [1, 1]


def test_reindexing_by_another_spelling_of_the_path_adds_no_source(tmp_path, monkeypatch):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "seed.de.txt").write_text(SEED_DE.read_text(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with Index.open(tmp_path / "news.sqlite") as idx:
        assert idx.add(["pages"]).added == 1
        again = idx.add(["./pages/", str(pages), "pages/../pages"])
        assert again.added == 0 and again.already_indexed == 3
        assert idx.store.sources(1) == [str(pages.resolve() / "seed.de.txt")]
