"""The upload page keeps what the user pasted when the comparison never answered.

A 408 (past the time limit), a 429 (too many long comparisons) or a 503 (a worker that
died) used to bring back an empty form. Each is provoked on the real server (`storydiff
serve` on 127.0.0.1); the page must hold both pasted texts in its form, escaped.
"""

from __future__ import annotations

import html
import os
import signal
import threading
import time
from pathlib import Path

import httpx
from test_web_hostile import WORST, Server

MARK = "<script>alert('kept')</script> Ünïcode & \"quotes\""


def _texts(tag: str) -> dict[str, str]:
    """Two long texts (far past the test server's deadline), marked and hostile."""
    return {"text_a": f"{MARK} {tag}-A. {WORST}", "text_b": f"{tag}-B {MARK}. {WORST}"}


def _assert_kept(page: httpx.Response, texts: dict[str, str]) -> None:
    body = page.text
    assert page.headers["content-type"].startswith("text/html")
    for name, text in texts.items():
        assert f'name="{name}"' in body
        assert html.escape(text, quote=False)[:300] in body.replace("&#39;", "'").replace(
            "&#34;", '"'
        )
    assert "<script>" not in body  # escaped, never markup


def _post(url: str, texts: dict[str, str], out: dict, key: str) -> None:
    out[key] = httpx.post(f"{url}/compare", data=texts, timeout=120)


def _workers(server: Server) -> list[int]:
    """The server's comparison workers (not multiprocessing's resource tracker)."""
    pids = []
    for pid in server.children():
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"resource_tracker" not in cmdline:
            pids.append(pid)
    return pids


def _wait_ready(server: Server) -> None:
    for _ in range(600):
        workers = httpx.get(f"{server.url}/healthz", timeout=5).json()["workers"]
        if workers["ready"] == workers["total"] and not workers["busy"]:
            return
        time.sleep(0.1)
    raise AssertionError("the workers did not come back")


def _cpu(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def _busiest(pids: list[int]) -> int:
    """The process that used the most CPU in the next half second."""
    before = {pid: _cpu(pid) for pid in pids}
    time.sleep(0.5)
    return max(pids, key=lambda pid: _cpu(pid) - before[pid])


def test_the_pasted_texts_come_back_on_408_429_and_503(tmp_path):
    server = Server(
        tmp_path,
        *("--timeout", "4", "--workers", "1", "--max-slow", "1", "--slow-after", "1"),
    )
    try:
        answers: dict[str, httpx.Response] = {}
        texts = {"one": _texts("one"), "two": _texts("two")}
        senders = [
            threading.Thread(target=_post, args=(server.url, texts[k], answers, k)) for k in texts
        ]
        for t in senders:
            t.start()
        for t in senders:
            t.join()
        # one long comparison runs on the worker kept for long ones until the deadline,
        # the other is stopped as one long comparison too many
        assert sorted(a.status_code for a in answers.values()) == [408, 429]
        for key, answer in answers.items():
            _assert_kept(answer, texts[key])
        assert answers["one"].text.count("one-A") == 1  # each page its own texts

        _wait_ready(server)  # the stopped workers' replacements have loaded the model
        died = _texts("died")
        sender = threading.Thread(target=_post, args=(server.url, died, answers, "died"))
        sender.start()
        time.sleep(1.0)
        os.kill(_busiest(_workers(server)), signal.SIGKILL)  # the one comparing
        sender.join()
        assert answers["died"].status_code == 503
        _assert_kept(answers["died"], died)
    finally:
        server.stop()
