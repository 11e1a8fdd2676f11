"""The pipeline: the same results on the local, Ray and Dask engines (real local clusters
started here), resumable after a killed worker with output identical to an uninterrupted
run, the same stories as `storydiff cluster` on one machine, and the CLI faces."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import PAIRS, SEED_DE, SEED_FR, STORY_KEYS, run_cli, write_warc

from storydiff.collection import Index
from storydiff.errors import InputError
from storydiff.pipeline import load_run_stories, run_pipeline, status
from storydiff.pipeline.runner import ORDER

FILES = {
    "seed.de": SEED_DE,
    "seed.fr": SEED_FR,
    "rail.de": PAIRS / "rail-release.de.txt",
    "rail.en": PAIRS / "rail-release.en.txt",
    "library.en": PAIRS / "library.en.txt",
    "library-edited.en": PAIRS / "library-edited.en.txt",
    "bakery.fr": PAIRS / "bakery.fr.txt",
    "football.en": PAIRS / "football.en.txt",
    "flood.en": PAIRS / "flood-report-1.en.txt",
    "flood.fr": PAIRS / "flood-report-2.fr.txt",
}
DATES = {
    "seed.de": "2024-09-10",
    "seed.fr": "2024-09-11",
    "rail.de": "2024-09-02",
    "rail.en": "2024-09-03",
    "library.en": "2024-09-20",
    "bakery.fr": "2024-09-21",
}


def _inputs(folder: Path) -> Path:
    """A small real multilingual collection in three kinds of input: a JSONL feed (with
    dates, and one broken line), a WARC archive, and a folder of text files."""
    folder.mkdir(parents=True, exist_ok=True)
    feed_names = ["seed.de", "rail.de", "library.en", "bakery.fr"]
    with open(folder / "feed.jsonl", "w", encoding="utf-8") as fh:
        for n, name in enumerate(feed_names):
            fh.write(
                json.dumps(
                    {
                        "url": f"https://feed.example/{name}",
                        "date": DATES[name],
                        "text": FILES[name].read_text(encoding="utf-8"),
                    }
                )
                + "\n"
            )
            if n == 1:
                fh.write('{"url": "https://feed.example/broken", "text": \n')
    with open(folder / "more.jsonl", "w", encoding="utf-8") as fh:
        for name in ["seed.fr", "rail.en"]:
            fh.write(
                json.dumps(
                    {
                        "url": f"https://more.example/{name}",
                        "date": DATES[name],
                        "text": FILES[name].read_text(encoding="utf-8"),
                    }
                )
                + "\n"
            )
    pages = []
    for name in ["football.en", "flood.en"]:
        paragraphs = FILES[name].read_text(encoding="utf-8").split("\n\n")
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        pages.append(
            (f"https://web.example/{name}", f"<html><body><article>{body}</article></body></html>")
        )
    write_warc(folder / "crawl.warc.gz", pages)
    texts = folder / "pages"
    texts.mkdir(exist_ok=True)
    for name in ["flood.fr", "library-edited.en"]:
        (texts / f"{name}.txt").write_text(FILES[name].read_text(encoding="utf-8"))
    # the seed again under another URL: one article with two sources
    (texts / "seed-copy.txt").write_text(SEED_DE.read_text(encoding="utf-8"))
    return folder


def digest(run: Path) -> dict[str, str]:
    """A digest of every stage's outputs (all rows, all columns, vectors included)."""
    out = {}
    for stage in ORDER:
        h = hashlib.sha1()
        for f in sorted((run / stage).glob("*.parquet")):
            rows = pq.read_table(f).to_pylist()
            h.update(f.name.encode())
            h.update(json.dumps(rows, sort_keys=True, default=lambda b: b.hex()).encode())
        out[stage] = h.hexdigest()
    return out


def _groups(stories) -> set[frozenset[str]]:
    return {frozenset(Path(src).name for a in s.articles for src in a["sources"]) for s in stories}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    return _inputs(tmp_path_factory.mktemp("pipeline-inputs"))


@pytest.fixture(scope="module")
def local_run(inputs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("runs") / "local"
    report = run_pipeline([str(inputs)], out, engine="local", workers=2)
    assert report.complete and not report.failed
    return out


def test_local_run_finds_the_stories_with_sources_and_bad_records(local_run, inputs):
    stories = load_run_stories(local_run)
    groups = _groups(stories)
    assert frozenset({"seed.de", "seed.fr", "seed-copy.txt"}) in groups
    assert frozenset({"rail.de", "rail.en"}) in groups
    # every article once: 11 records, the seed copy is a second source of one article
    found = status(local_run)
    assert found["complete"]
    assert found["counts"]["articles"] == 10 and found["counts"]["sources"] == 11
    seed = next(s for s in stories if any("seed.de" in a["source"] for a in s.articles))
    assert any(d["type"] == "source" for d in seed.disagreements)
    # the broken feed line is logged with its shard and position; the shard still finished
    extract = found["stages"]["extract"]
    assert extract["failed"] == 0 and extract["bad_records"] == 1
    (bad,) = extract["bad"]
    assert bad["shard"] == "e00001" and bad["position"].endswith("feed.jsonl line 3")
    assert "not valid JSON" in bad["reason"]


def test_same_stories_as_cluster_on_one_machine(local_run, inputs, tmp_path):
    with Index.open(tmp_path / "news.sqlite") as index:
        index.add([inputs])
        by_store = index.cluster(window_days=7)
    assert _groups(load_run_stories(local_run)) == _groups(by_store)


@pytest.mark.parametrize("engine", ["ray", "dask"])
def test_ray_and_dask_give_identical_outputs(engine, local_run, inputs, tmp_path):
    """Real local clusters: ray.init() with 2 CPUs, distributed.LocalCluster with 2 workers."""
    out = tmp_path / engine
    report = run_pipeline([str(inputs)], out, engine=engine, workers=2)
    assert report.complete and report.workers == 2
    assert digest(out) == digest(local_run)


def test_rerun_skips_completed_shards(local_run, inputs):
    before = {p: p.stat().st_mtime_ns for p in local_run.rglob("*.parquet")}
    report = run_pipeline([str(inputs)], local_run, engine="local", workers=2)
    assert report.complete and report.ran == {}
    assert {p: p.stat().st_mtime_ns for p in local_run.rglob("*.parquet")} == before


@pytest.mark.parametrize("second", ["catalogue/sources", "clusters/stories"])
def test_a_step_killed_between_its_two_shards_is_done_again(local_run, inputs, tmp_path, second):
    """The catalogue and clustering steps each write two shards; a kill between them
    leaves the first done and the second missing: the next run does the step again."""
    import shutil

    out = tmp_path / "between"
    shutil.copytree(local_run, out)
    (out / f"{second}.parquet").unlink()
    (out / f"{second}.done").unlink()
    report = run_pipeline([str(inputs)], out, engine="local", workers=2)
    assert report.complete
    assert digest(out) == digest(local_run)


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _run_command(inputs: Path, out: Path) -> tuple[list[str], dict[str, str]]:
    """`storydiff pipeline run` with 2 local workers, as a user starts it, and its env."""
    cmd = [sys.executable, "-m", "storydiff", "pipeline", "run", str(inputs), "--out", str(out)]
    return [*cmd, "--workers", "2"], {**os.environ, "STORYDIFF_CACHE_DIR": ""}


def _running(pid: int) -> bool:
    """Alive and not a zombie (an ended process its new parent has not reaped yet)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_killed_worker_then_rerun_gives_identical_output(local_run, inputs, tmp_path):
    """kill -9 one worker process mid-run: the run stops (exit 1, nothing partial kept),
    the same command resumes, and the output is identical to the uninterrupted run."""
    out = tmp_path / "killed"
    cmd, env = _run_command(inputs, out)
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    while not list((out / "extract").glob("*.done")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before a worker could be killed"
    workers = [p for p in _children(proc.pid) if b"spawn_main" in _cmdline(p)]
    assert workers, "no worker process found"
    os.kill(workers[-1], signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err.decode()
    assert "run the same command again" in err.decode().lower()
    # what the killed worker was writing never took a shard's name: every output has its
    # marker (a shard without one is simply not done)
    outputs = list(out.glob("*/*.parquet"))
    assert outputs and all(p.with_suffix(".done").is_file() for p in outputs)
    again = subprocess.run(cmd, capture_output=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr.decode()
    assert digest(out) == digest(local_run)
    assert not list(out.rglob("*.tmp")), "the resumed run left temporary files behind"
    ids = pq.read_table(out / "catalogue" / "articles.parquet")["id"].to_pylist()
    assert len(ids) == len(set(ids)) == 10


def test_cli_cluster_and_index_from_run(local_run, tmp_path):
    result = run_cli("cluster", "--from-run", str(local_run), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert set(lines[0]) == STORY_KEYS
    db = tmp_path / "news.sqlite"
    result = run_cli("index", "--from-run", str(local_run), "--db", str(db), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["articles"] == 10
    result = run_cli("find", str(SEED_FR), "--db", str(db), "--format", "json", "-k", "3")
    hits = json.loads(result.stdout)["hits"]
    assert hits[0]["verdict"] == "same_story" and "seed" in hits[0]["source"]
    result = run_cli("pipeline", "status", str(local_run), "--format", "json")
    assert json.loads(result.stdout)["complete"] is True


def test_cli_refuses_bad_runs_in_one_line(local_run, inputs, tmp_path):
    cases = [
        ("pipeline", "run", str(inputs / "more.jsonl"), "--out", str(local_run)),  # other inputs
        ("pipeline", "run", str(inputs), "--out", str(tmp_path / "x"), "--engine", "spark"),
        ("pipeline", "run", str(tmp_path / "nothing-*.jsonl"), "--out", str(tmp_path / "y")),
        ("pipeline", "status", str(tmp_path)),
        ("cluster", "--from-run", str(tmp_path)),
        ("index", "--from-run", str(local_run), str(inputs), "--db", str(tmp_path / "d.sqlite")),
        ("cluster", "--from-run", str(local_run), "-o", str(inputs / "more.jsonl")),
        ("cluster", "--from-run", str(local_run), "--window", "1d"),
    ]
    for args in cases:
        result = run_cli(*args)
        err = result.stderr.decode()
        assert result.returncode == 2, (args, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, (args, err)


def test_an_existing_dask_cluster_by_its_address(local_run, inputs, tmp_path):
    """--address: a scheduler someone else started (here a LocalCluster of 2 workers)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        out = tmp_path / "remote"
        report = run_pipeline([str(inputs)], out, engine="dask", address=cluster.scheduler_address)
        assert report.complete and report.workers == 2
    assert digest(out) == digest(local_run)


def test_pairs_nobody_verified_ahead_are_verified_in_later_passes(
    local_run, inputs, tmp_path, monkeypatch
):
    """With no pair verified ahead, every verdict the clustering rule asks for comes from
    a later pass (verified by the engine, in parallel): the stories are the same."""
    from storydiff.pipeline import steps

    monkeypatch.setattr(steps, "VERIFY_PER_ARTICLE", 0)  # the driver plans no verify shard
    cache = tmp_path / "cache"
    monkeypatch.setenv("STORYDIFF_CACHE_DIR", str(cache))  # the workers inherit it
    out = tmp_path / "late"
    report = run_pipeline([str(inputs)], out, engine="local", workers=2)
    # workers (maybe on many nodes) never share an embedding cache file
    assert not list(cache.rglob("*.sqlite*"))
    assert report.complete and report.ran["clusters"] >= 2  # passes
    assert json.loads((out / "verify" / "_tasks.json").read_text())  # late shards, listed
    for stage in ("clusters", "stories"):
        assert digest(out)[stage] == digest(local_run)[stage]


def test_hostile_inputs_never_stop_a_run(tmp_path):
    """A file name that is not UTF-8, a pipe named like a feed, a gzip feed damaged in
    its middle: each is skipped or reported as a bad record; the run completes."""
    import gzip

    folder = tmp_path / "in"
    folder.mkdir()
    text = SEED_DE.read_text(encoding="utf-8")
    (folder / os.fsdecode(b"bad\xffname.txt")).write_text(text, encoding="utf-8")
    os.mkfifo(folder / "pipe.jsonl")
    lines = "".join(json.dumps({"text": f"Line {n}. " + "word " * 40}) + "\n" for n in range(200))
    packed = bytearray(gzip.compress(lines.encode()))
    packed[200:400] = bytes(200)  # zeroed in the middle of the stream
    (folder / "damaged.jsonl.gz").write_bytes(bytes(packed))
    report = run_pipeline([str(folder)], tmp_path / "run", engine="local", workers=1)
    assert report.complete and report.counts["articles"] >= 1
    sources = pq.read_table(tmp_path / "run" / "catalogue" / "sources.parquet")["source"]
    assert any("bad\ufffdname.txt" in s for s in sources.to_pylist())
    found = status(tmp_path / "run")["stages"]["extract"]
    assert found["failed"] == 0
    assert any("damaged" in b["reason"] for b in found["bad"])
    with pytest.raises(InputError, match="not a regular file"):
        run_pipeline([str(folder / "pipe.jsonl")], tmp_path / "run2", engine="local", workers=1)


def test_run_folder_guards(inputs, tmp_path):
    """One driver at a time; --out a file; a damaged run.json; an input edited in place."""
    import fcntl

    run_dir = tmp_path / "run"
    run_dir.mkdir()
    with open(run_dir / ".lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(InputError, match="another storydiff pipeline run"):
            run_pipeline([str(inputs / "more.jsonl")], run_dir, engine="local", workers=1)
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(InputError, match="is a file"):
        run_pipeline([str(inputs / "more.jsonl")], a_file, engine="local", workers=1)
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "run.json").write_text("{}")
    with pytest.raises(InputError, match="damaged"):
        status(damaged)
    feed = tmp_path / "feed.jsonl"
    feed.write_text((inputs / "more.jsonl").read_text())
    report = run_pipeline([str(feed)], tmp_path / "edited", engine="local", workers=1)
    assert report.complete
    text = feed.read_text()
    feed.write_text(text.replace("a", "b", 1))  # same size, another text
    with pytest.raises(InputError, match="inputs changed"):
        run_pipeline([str(feed)], tmp_path / "edited", engine="local", workers=1)


def test_workers_end_with_a_killed_driver(inputs, tmp_path):
    out = tmp_path / "orphans"
    cmd, env = _run_command(inputs, out)
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = [p for p in _children(proc.pid) if b"spawn_main" in _cmdline(p)]
        time.sleep(0.1)
    assert workers, "no worker process found"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while any(_running(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    alive = [p for p in workers if _running(p)]
    for p in alive:
        os.kill(p, signal.SIGKILL)
    assert not alive, "workers outlived their driver"


@pytest.mark.parametrize("stop_at", [1, 2])
def test_a_shard_output_never_stands_without_its_marker(tmp_path, monkeypatch, stop_at):
    """The output's rename is the commit: a process stopped between the two renames (the
    output's and its marker's) leaves the shard not done, to be redone next time, and
    never an output without its marker."""
    import pyarrow as pa

    from storydiff.pipeline import layout

    run = layout.RunDir(tmp_path)
    table = pa.table({"id": [1, 2]})
    real_replace = os.replace
    calls = []

    def stopped(src, dst):
        calls.append(dst)
        if len(calls) == stop_at:
            raise KeyboardInterrupt  # what a signal at that point does
        real_replace(src, dst)

    monkeypatch.setattr(layout.os, "replace", stopped)
    with pytest.raises(KeyboardInterrupt):
        run.finish("extract", "e00001", table, {"bad": 0})
    outputs = list(tmp_path.glob("extract/*.parquet"))
    assert all(p.with_suffix(".done").is_file() for p in outputs)
    assert not run.is_done("extract", "e00001") and not list(tmp_path.rglob("*.tmp"))
    assert list(run.done_shards("extract")) == []
    monkeypatch.setattr(layout.os, "replace", real_replace)
    run.finish("extract", "e00001", table, {"bad": 0})
    assert list(run.done_shards("extract")) == ["e00001"]
    assert run.summary("extract", "e00001") == {"rows": 2, "bad": 0}


def test_a_pool_broken_between_stages_is_a_lost_worker():
    """A worker killed after a stage's last result breaks the pool before the next stage
    submits anything: that is a lost worker (the resume message), never a traceback."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from storydiff.pipeline.engines import LocalEngine, WorkerLost
    from storydiff.pipeline.stages import Task

    engine = object.__new__(LocalEngine)
    engine.workers = 1
    engine._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    with pytest.raises(BrokenProcessPool):
        engine._pool.submit(os._exit, 1).result(timeout=60)
    task = Task("/nonexistent", "extract", "s0", {}, {})
    with pytest.raises(WorkerLost, match="died"):
        list(engine.map([task]))
    engine.close()
