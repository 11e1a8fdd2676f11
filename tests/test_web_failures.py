"""A request that fails on the server's side: the client gets a short message with an
incident id, the server's log gets the traceback under that id, and the worker is
replaced.

The bug is put into the real server (`storydiff serve` on 127.0.0.1) from outside: a
small module whose jobs raise stands in for storydiff's, so the server, its worker pool
and its log are the real ones.
"""

from __future__ import annotations

import os
import re
import sys
import textwrap

import httpx
import pytest
from test_web_hostile import Server

SECRET = "secret words from the pasted document"

BUGGY_JOBS = textwrap.dedent(
    f"""
    def api_compare(body, analysis):
        raise RuntimeError({SECRET!r})


    def page_compare(body, analysis, limits):
        raise RuntimeError({SECRET!r})
    """
)

# storydiff's CLI with the two compare jobs replaced by the buggy ones; the workers
# import them by name, as they do storydiff's.
LAUNCHER = (
    "import sys, buggy_jobs, storydiff.web.jobs as jobs\n"
    "jobs.api_compare = buggy_jobs.api_compare\n"
    "jobs.page_compare = buggy_jobs.page_compare\n"
    "from storydiff.cli import main\n"
    "main()\n"
)


@pytest.fixture()
def buggy_server(tmp_path):
    (tmp_path / "buggy_jobs.py").write_text(BUGGY_JOBS, encoding="utf-8")
    path = os.pathsep.join(p for p in (str(tmp_path), os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "STORYDIFF_CACHE_DIR": "", "PYTHONPATH": path}
    server = Server(
        tmp_path,
        *("--workers", "1", "--max-slow", "0"),
        env=env,
        launcher=[sys.executable, "-c", LAUNCHER],
    )
    yield server
    server.stop()


def _incident(message: str) -> str:
    found = re.search(r"incident ([0-9a-f]{12})", message)
    assert found, message
    return found.group(1)


def test_a_bug_in_a_worker_is_logged_with_its_traceback_never_sent(buggy_server):
    workers_before = buggy_server.children()
    api = httpx.post(f"{buggy_server.url}/api/compare", json={"a": "x", "b": "y"}, timeout=60)
    assert api.status_code == 500
    api_id = _incident(api.json()["error"])
    page = httpx.post(
        f"{buggy_server.url}/compare", data={"text_a": "x", "text_b": "y"}, timeout=60
    )
    assert page.status_code == 500
    page_id = _incident(page.text)
    for answer in (api.text, page.text):
        assert SECRET not in answer and "Traceback" not in answer
    # the failed worker was replaced by a fresh one, not kept for the next request
    assert buggy_server.children() - workers_before
    buggy_server.stop()
    log = buggy_server.proc.stderr.read().decode()
    for incident in (api_id, page_id):
        entry = log[log.index(f"incident {incident}") :]
        assert "Traceback" in entry and SECRET in entry
    assert "POST /api/compare" in log and "POST /compare" in log
