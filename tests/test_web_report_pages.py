"""The folder of rendered report pages is bounded: the least recently viewed go first.

Before, ``report-pages/`` kept one page per comparison ever viewed until the server
restarted (a page of a large comparison is megabytes). The count bound is tested on the
real server (`storydiff serve` on 127.0.0.1); the byte bound and the removal of pieces a
killed worker left behind on the folder itself.
"""

from __future__ import annotations

import os
import time

import httpx
from test_web_hostile import Server, _stored

from storydiff.web.report_pages import ReportPages
from storydiff.web.store import ComparisonStore


def _pages(folder) -> set[str]:
    return {p.stem for p in folder.glob("*.html")}


def test_the_server_keeps_at_most_the_bound_of_report_pages(tmp_path):
    server = Server(tmp_path, "--workers", "1", "--max-slow", "0", "--report-pages", "2")
    try:
        store = ComparisonStore(server.data / "db.sqlite")
        stored = _stored(1)
        keys = [store.add(stored) for _ in range(4)]
        folder = server.data / "report-pages"
        for key in keys:
            page = httpx.get(f"{server.url}/c/{key}", timeout=120)
            assert page.status_code == 200 and "Euronews Next" in page.text
            time.sleep(0.05)  # distinct times of use, whatever the file system's clock
        assert _pages(folder) == set(keys[2:])  # the two viewed last
        # an evicted page is rendered again when it is asked for
        again = httpx.get(f"{server.url}/c/{keys[0]}", timeout=120)
        assert again.status_code == 200 and "Euronews Next" in again.text
        assert _pages(folder) == {keys[3], keys[0]}
    finally:
        server.stop()


def _page(folder, name: str, size: int, age_s: float) -> None:
    path = folder / name
    path.write_bytes(b"x" * size)
    when = time.time() - age_s
    os.utime(path, (when, when))


def test_pages_past_the_byte_bound_go_least_recently_viewed_first(tmp_path):
    for name, age in (("old", 30), ("mid", 20), ("new", 10)):
        _page(tmp_path, f"{name}.html", 400, age)
    pages = ReportPages(tmp_path, max_pages=10, max_bytes=1000)
    assert pages.prune() == 1
    assert _pages(tmp_path) == {"mid", "new"}
    handle = pages.open("mid")  # viewed again: now the most recent
    assert handle is not None
    handle.close()
    _page(tmp_path, "newest.html", 400, 0)
    pages.prune()
    assert _pages(tmp_path) == {"mid", "newest"}


def test_the_newest_page_stays_even_when_it_alone_passes_the_byte_bound(tmp_path):
    _page(tmp_path, "older.html", 10, 20)
    _page(tmp_path, "huge.html", 5000, 0)
    ReportPages(tmp_path, max_pages=10, max_bytes=1000).prune()
    assert _pages(tmp_path) == {"huge"}


def test_pieces_left_by_a_killed_worker_are_removed_once_stale(tmp_path):
    _page(tmp_path, ".part-stale", 100, 3600)
    _page(tmp_path, ".part-being-written", 100, 0)
    ReportPages(tmp_path, stale_after_s=600).prune()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".part-being-written"]
