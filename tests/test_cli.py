"""The storydiff command as a user runs it: outputs, stdin, files, and exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import PAIRS, SEED_DE, SEED_FR, run_cli
from typer.testing import CliRunner

from storydiff.cli import app

runner = CliRunner()


def test_terminal_report_on_the_seed_pair():
    result = runner.invoke(app, ["compare", str(SEED_DE), str(SEED_FR), "--width", "100"])
    assert result.exit_code == 0, result.output
    assert "same story" in result.output
    assert "Milos Schmidt" in result.output
    assert "Exit mobile version" in result.output  # shown as removed, not hidden
    assert "Removed as boilerplate" in result.output


@pytest.mark.parametrize("width", [80, 160])
def test_terminal_report_fits_the_width(width):
    result = runner.invoke(app, ["compare", str(SEED_DE), str(SEED_FR), "--width", str(width)])
    assert result.exit_code == 0
    assert max(len(line) for line in result.output.splitlines()) <= width


def test_json_output_follows_the_contract():
    result = runner.invoke(app, ["compare", str(SEED_DE), str(SEED_FR), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    for key in (
        "verdict",
        "similarity",
        "coverage",
        "documents",
        "alignment",
        "only_in_a",
        "only_in_b",
        "fact_differences",
    ):
        assert key in data
    assert data["verdict"] == "same_story"
    assert set(data["coverage"]) == {"a", "b"}
    doc_a = data["documents"]["a"]
    assert doc_a["language"] == "de"
    assert doc_a["boilerplate"] == ["Share.", "Exit mobile version"]
    assert {"index", "text", "paragraph"} <= set(doc_a["sentences"][0])
    assert data["documents"]["b"]["byline"] == "Milos Schmidt"
    assert {"a", "b", "score"} == set(data["alignment"][0])


def test_stdin_and_output_file(tmp_path):
    out = tmp_path / "cmp.json"
    result = run_cli(
        "compare", "-", str(SEED_FR), "--format", "json", "-o", str(out), stdin=SEED_DE.read_bytes()
    )
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["documents"]["a"]["source"] == "<stdin>"
    assert data["verdict"] == "same_story"


def test_terminal_report_to_file_has_no_colour_codes(tmp_path):
    out = tmp_path / "report.txt"
    result = runner.invoke(app, ["compare", str(SEED_DE), str(SEED_FR), "-o", str(out)])
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "same story" in text and "\x1b[" not in text


def _bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(4000))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, sparse: cheap to make
    georgian = tmp_path / "georgian.txt"
    georgian.write_text(
        "საქართველოს მთავრობამ ორშაბათს ახალი სარკინიგზო გეგმა დაამტკიცა. "
        "სამუშაოები მომავალ გაზაფხულზე დაიწყება.\n",
        encoding="utf-8",
    )
    return {
        "empty file": (empty, "is empty"),
        "binary file": (binary, "binary"),
        "directory": (tmp_path, "is a directory"),
        "missing path": (tmp_path / "missing.txt", "no such file"),
        "50 MB file": (huge, "too large"),
        "unsupported script": (georgian, "unsupported script (Georgian)"),
    }


@pytest.mark.parametrize(
    "case",
    ["empty file", "binary file", "directory", "missing path", "50 MB file", "unsupported script"],
)
def test_bad_input_exits_2_with_one_line(tmp_path, case):
    path, reason = _bad_inputs(tmp_path)[case]
    result = run_cli("compare", str(path), str(SEED_FR))
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert reason in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert "Traceback" not in stderr
    assert result.stdout == b""


def test_both_sides_from_stdin_is_refused():
    result = run_cli("compare", "-", "-", stdin=b"text")
    assert result.returncode == 2 and "both" in result.stderr.decode()


def test_unknown_encoder_is_a_user_error():
    result = run_cli("compare", str(SEED_DE), str(SEED_FR), "--encoder", "nope")
    assert result.returncode == 2 and "unknown encoder" in result.stderr.decode()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("storydiff ")


def test_html_against_text(tmp_path):
    page = tmp_path / "rail.html"
    body = "".join(
        f"<p>{line}</p>"
        for line in (PAIRS / "rail-release.en.txt").read_text(encoding="utf-8").split("\n\n")[2:]
    )
    page.write_text(
        "<html><head><title>Rail</title></head><body><nav>Home | News | Share</nav>"
        f"<article><h1>Commission approves rail money</h1>{body}</article>"
        "<footer>Cookie settings</footer></body></html>",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["compare", str(page), str(PAIRS / "rail-release.de.txt"), "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["verdict"] == "same_story"
    assert data["coverage"]["a"] == 1.0


def test_align_presegmented_prints_vecalign_beads(tmp_path):
    de = tmp_path / "a.de"
    fr = tmp_path / "a.fr"
    de.write_text(
        "Der Rat hat den Haushalt am Montag verabschiedet .\n"
        "Die Debatte dauerte bis spät in den Abend .\n"
        "Die Opposition stimmte dagegen .\n",
        encoding="utf-8",
    )
    fr.write_text(
        "Le conseil a adopté le budget lundi .\n"
        "Le débat a duré jusque tard dans la soirée .\n"
        "L' opposition a voté contre .\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["align", str(de), str(fr), "--presegmented"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert [line.rsplit(":", 1)[0] for line in lines] == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]
    assert all(0.0 < float(line.rsplit(":", 1)[1]) <= 1.0 for line in lines)


def test_align_segments_articles_and_writes_json():
    result = runner.invoke(app, ["align", str(SEED_DE), str(SEED_FR), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert len(data["a"]["sentences"]) == 23
    assert data["alignment"][0] == {"a": [0], "b": [0], "score": data["alignment"][0]["score"]}


def test_align_bad_input_exits_2(tmp_path):
    result = run_cli("align", str(tmp_path / "missing.de"), str(SEED_FR), "--presegmented")
    assert result.returncode == 2 and "no such file" in result.stderr.decode()


def test_serve_starts_the_web_app(tmp_path):
    import socket
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "STORYDIFF_CACHE_DIR": ""}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "storydiff",
            "serve",
            "--port",
            str(port),
            "--db",
            str(tmp_path / "db.sqlite"),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.time() + 60
        status = None
        while time.time() < deadline and status != 200:
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code
            except httpx.HTTPError:
                time.sleep(0.2)
        assert status == 200
        assert (tmp_path / "db.sqlite").exists()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_with_an_unusable_database_path_exits_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli("serve", "--db", str(blocker / "sub" / "db.sqlite"))
    assert result.returncode == 2 and "database" in result.stderr.decode()


def _python(code: str, **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered output
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run([sys.executable, "-c", code], timeout=60, env=env, **pipes)


_EXIT_PROBE = """
import atexit, sys
from storydiff.cli import exit_now

class Teardown:
    def __del__(self):
        sys.stderr.write("torn down\\n")

kept = Teardown()
atexit.register(lambda: sys.stderr.write("atexit ran\\n"))
sys.stdout.write("a short report\\n")  # still in the buffer when the command ends
"""


def test_the_command_ends_without_tearing_the_interpreter_down():
    # the teardown of every module took 0.08 s of a cold compare; what an exit must do
    # (atexit handlers, buffered output) still happens, with the exit code asked for
    result = _python(_EXIT_PROBE + "exit_now(3)")
    assert result.returncode == 3
    assert result.stdout == b"a short report\n"
    assert result.stderr.decode().splitlines() == ["atexit ran"]


def test_output_that_cannot_be_written_is_one_error_line_and_a_closed_stdout_is_no_crash():
    with open("/dev/full", "wb") as full:
        result = _python(_EXIT_PROBE + "exit_now(0)", stdout=full)
    assert result.returncode == 2
    lines = result.stderr.decode().splitlines()
    assert lines[-1].startswith("storydiff: error: could not write the output")
    closed = _python(
        "import os, sys; os.close(1); sys.stdout = None\n"
        + _EXIT_PROBE.replace('sys.stdout.write("a short report\\n")', "pass")
        + "exit_now(0)"
    )
    assert closed.returncode == 0 and "Traceback" not in closed.stderr.decode()


def test_an_exit_message_and_a_running_thread_end_as_sys_exit_would():
    message = _python(_EXIT_PROBE + "exit_now('storydiff: stopped')")
    assert message.returncode == 1
    assert message.stderr.decode().splitlines()[:2] == ["storydiff: stopped", "atexit ran"]
    waiting = _python(
        _EXIT_PROBE
        + "import threading, time\n"
        + "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done'))).start()\n"
        + "exit_now(0)"
    )
    assert waiting.returncode == 0
    assert waiting.stdout.endswith(b"thread done\n")  # the ordinary exit waited for it


@pytest.mark.parametrize(
    ("cores", "load", "threads", "spare"),
    [
        (2, 0.3, None, True),
        (2, 1.3, None, True),  # one command after another: its predecessors' load
        (2, 2.4, None, False),  # saturated
        (1, 0.0, None, False),
        (8, 5.5, None, True),
        (2, 0.3, 2, False),  # the analysis' model calls take both cores already
        (8, 5.5, 4, True),
        (8, 9.0, 4, False),
    ],
)
def test_e5_reads_the_leads_beside_the_analysis_only_on_spare_cores(
    monkeypatch, cores, load, threads, spare
):
    from storydiff import cli
    from storydiff import threads as thread_counts

    for name in thread_counts.USER_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(thread_counts, "_chosen", None)  # no count chosen in this process
    monkeypatch.setattr(cli.os, "sched_getaffinity", lambda pid: set(range(cores)))
    monkeypatch.setattr(cli.os, "getloadavg", lambda: (load, load, load))
    assert cli._spare_core(threads) is spare


def test_without_load_figures_or_affinity_the_cores_are_counted(monkeypatch):
    from storydiff import cli

    monkeypatch.delattr(cli.os, "getloadavg")  # as on Windows
    monkeypatch.delattr(cli.os, "sched_getaffinity")
    monkeypatch.setattr(cli.os, "cpu_count", lambda: 4)
    assert cli._spare_core(1) is True
