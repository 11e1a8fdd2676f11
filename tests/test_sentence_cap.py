"""A document of very many small parts is refused early, with the limit named, before it
costs much memory: one test per shape (one paragraph of many sentences, many lines, an
HTML page of many elements) on the real CLI and the real server, and the pieces that keep
memory per sentence small.

Two requests of 7 MB of "word. " took the server and its workers to 1.7 GB and ended in
422s about memory; a document of many short sentences now stops at MAX_SENTENCES, a few
seconds into segmenting it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import numpy as np
import pytest
from conftest import SEED_DE, SEED_FR
from hypothesis import given, settings
from hypothesis import strategies as st
from test_web_hostile import Server

from storydiff.analyse import MAX_SENTENCES, segment_paragraphs
from storydiff.encoders.base import CachedEncoder, normalise_rows
from storydiff.errors import InputError
from storydiff.extract import extract
from storydiff.language import _flat_prefix
from storydiff.model import RawDocument
from storydiff.segment import split_sentences

SEVEN_MB = 7_000_000
SHAPES = {
    "one paragraph of one-word sentences": ("a.txt", "word. " * (SEVEN_MB // 6), "sentences"),
    "one-word lines": ("a.txt", "word.\n" * (SEVEN_MB // 6), "lines"),
    "an HTML page of one-word paragraphs": (
        "a.html",
        "<html><body><article>" + "<p>word.</p>" * (SEVEN_MB // 12) + "</article></body></html>",
        "HTML elements",
    ),
}
# Resident memory of the CLI's processes while refusing such a document (110 MB measured;
# 820 MB for the HTML page and until the 120 s limit for the others before the caps).
REFUSAL_RSS = 300_000_000


def _compare_with_peak(tmp_path: Path, *paths: Path) -> tuple[subprocess.CompletedProcess, int]:
    """`storydiff compare` in a subprocess, and the peak resident memory of the processes
    it ran (the analysis runs in a child of the CLI)."""
    probe = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "sys.stderr.buffer.write(r.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)\n"
        "sys.exit(r.returncode)\n"
    )
    cmd = [sys.executable, "-c", probe, sys.executable, "-m", "storydiff", "compare"]
    result = subprocess.run(
        [*cmd, *map(str, paths), "--format", "json"], capture_output=True, timeout=300
    )
    return result, int(result.stdout.decode().strip().splitlines()[-1])


@pytest.mark.parametrize("shape", SHAPES)
def test_the_cli_refuses_a_document_of_very_many_parts_early(tmp_path, shape):
    name, text, what = SHAPES[shape]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result, peak = _compare_with_peak(tmp_path, path, path)
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    assert re.search(rf"more than [\d,]+ {what}", stderr), stderr
    assert peak < REFUSAL_RSS, peak


def test_the_server_refuses_two_such_documents_at_once_without_growing(tmp_path):
    # the attacker's case: two requests of 7 MB of one-word sentences, at the default
    # limit of 20 MB per document
    server = Server(tmp_path, "--workers", "2", "--max-slow", "0")
    body = json.dumps({"a": "word. " * (SEVEN_MB // 6), "b": "word. " * 1000})
    answers: list[httpx.Response] = []

    def send() -> None:
        answers.append(
            httpx.post(
                f"{server.url}/api/compare",
                content=body,
                headers={"Content-Type": "application/json"},
                timeout=200,
            )
        )

    try:
        senders = [threading.Thread(target=send) for _ in range(2)]
        for t in senders:
            t.start()
        for t in senders:
            t.join()
        peaks = [_peak_rss(pid) for pid in [server.proc.pid, *server.children()]]
        normal = httpx.post(
            f"{server.url}/api/compare",
            json={"a": SEED_DE.read_text("utf-8"), "b": SEED_FR.read_text("utf-8")},
            timeout=120,
        )
    finally:
        server.stop()
    for answer in answers:
        assert answer.status_code == 422, answer.text
        error = answer.json()["error"]
        assert f"more than {MAX_SENTENCES:,} sentences" in error, error
    # the server and its workers together, each at its own peak (570 MB at rest; the
    # attacker's two requests took them to 1.7 GB)
    assert sum(peaks) < 800_000_000, peaks
    assert normal.status_code == 200 and normal.json()["verdict"] == "same_story"


def _peak_rss(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found.group(1)) * 1024 if found else 0


def test_segmenting_stops_soon_after_the_limit():
    paragraph = "Der Rat tagte. " * 200_000
    spans = split_sentences(paragraph, "de", limit=1000)
    assert 1000 < len(spans) < 5000  # not the 200,000 sentences of the whole paragraph
    assert split_sentences("Der Rat tagte. " * 50, "de", limit=1000) == split_sentences(
        "Der Rat tagte. " * 50, "de"
    )


def test_the_sentence_limit_is_exact():
    def segmented(count: int):
        days = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"]
        text = " ".join(f"Der Rat tagte am {day}." for day in days[:count])
        return segment_paragraphs(extract(RawDocument("a.txt", text)), max_sentences=5)

    assert len(segmented(5).sentences) == 5
    with pytest.raises(InputError, match="more than 5 sentences"):
        segmented(6)


class _Fresh:
    """An encoder whose runs come as fresh arrays, like the model's."""

    name, version, dim, scripts = "fresh", "1", 4, None

    def encode(self, texts):
        return np.ones((len(texts), 4), dtype=np.float32)

    def encode_runs(self, texts, max_run):
        return {k: np.full((len(texts) - k + 1, 4), 2.0, np.float32) for k in range(1, max_run + 1)}


def test_cached_vectors_do_not_keep_a_jobs_matrices_alive():
    # a cached row that is a view keeps its whole matrix: after a long document a worker
    # held hundreds of MB of finished run vectors this way
    enc = CachedEncoder(_Fresh(), cache_dir=None)
    runs = enc.encode_runs([f"s{i}" for i in range(50)], 4)
    assert enc._memory and all(v.base is None for v in enc._memory.values())
    assert np.allclose(runs[2], 0.5)  # normalised, in place


def test_of_more_run_vectors_than_the_memory_cache_holds_only_the_last_are_copied():
    enc = CachedEncoder(_Fresh(), cache_dir=None, max_memory_items=100)
    enc.encode_runs([f"s{i}" for i in range(50)], 4)  # 194 run vectors
    assert len(enc._memory) == 100 and all(v.base is None for v in enc._memory.values())


def test_normalising_in_place_gives_the_same_values():
    rng = np.random.default_rng(0)
    matrix = rng.standard_normal((10_000, 16)).astype(np.float32)
    copy = normalise_rows(matrix)
    same = normalise_rows(matrix.copy(), in_place=True)
    assert np.array_equal(copy, same)
    expected = matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    assert np.array_equal(copy, expected)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\t\u3000é.")), max_size=400), st.integers(1, 60))
def test_the_language_sample_is_read_from_the_start_of_the_text_only(text, size):
    # the same sample as from the whole text split into words, which took 80 MB on 7 MB
    assert _flat_prefix(text, size) == " ".join(text.split())[:size]


def test_the_sentence_limit_is_stated_on_the_page_and_in_the_readme():
    from storydiff.web import pages

    stated = f"{MAX_SENTENCES:,} sentences per document"
    assert stated in pages.index_page(pages.Limits(20_000_000, 120))
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert stated in readme
