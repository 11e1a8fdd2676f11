"""Request bodies on their way to a worker (web/spool.py): a large one waits in a file in
the server's data folder, never in the server's memory, and the file goes with the request."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from starlette.requests import ClientDisconnect, Request

from storydiff.web.spool import SPOOL_ABOVE, BodySpool, SpoolFull


def _request(chunks: list[bytes], disconnect: bool = False, declared: int | None = None) -> Request:
    messages = [
        {"type": "http.request", "body": c, "more_body": i < len(chunks) - 1 or disconnect}
        for i, c in enumerate(chunks)
    ]
    if disconnect:
        messages.append({"type": "http.disconnect"})

    async def receive():
        return messages.pop(0)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/compare",
        "headers": [(b"content-type", b"application/json")],
    }
    if declared is not None:
        scope["headers"].append((b"content-length", str(declared).encode()))
    return Request(scope, receive)


def test_a_large_body_waits_in_a_file_in_the_data_folder_and_goes_with_the_request(tmp_path):
    spool = BodySpool(tmp_path / "incoming")
    chunks = [bytes([65 + i % 26]) * 65536 for i in range(3 * SPOOL_ABOVE // 65536)]

    async def main():
        async with spool.body(_request(chunks)) as body:
            assert body.data == b"" and body.path is not None
            assert Path(body.path).parent == tmp_path / "incoming"
            assert body.size() == sum(map(len, chunks))
            assert body.read() == b"".join(chunks)
            assert b"".join(body.pieces(1000)) == b"".join(chunks)
            return body.path

    path = asyncio.run(main())
    assert not os.path.exists(path) and not list((tmp_path / "incoming").iterdir())


def test_a_small_body_stays_in_memory(tmp_path):
    spool = BodySpool(tmp_path / "incoming")

    async def main():
        async with spool.body(_request([b'{"a": "x",', b' "b": "y"}'])) as body:
            return body

    body = asyncio.run(main())
    assert body.path is None and body.read() == b'{"a": "x", "b": "y"}'
    assert body.content_type == "application/json"
    assert not (tmp_path / "incoming").exists()


@pytest.mark.parametrize("fault", ["client gone", "job failed"])
def test_the_file_is_removed_whatever_ends_the_request(tmp_path, fault):
    spool = BodySpool(tmp_path / "incoming")
    chunks = [b"x" * 65536] * (2 * SPOOL_ABOVE // 65536)

    async def main():
        async with spool.body(_request(chunks, disconnect=fault == "client gone")):
            raise RuntimeError("the worker was stopped")

    expected = ClientDisconnect if fault == "client gone" else RuntimeError
    with pytest.raises(expected):
        asyncio.run(main())
    assert not list((tmp_path / "incoming").iterdir())


def test_files_left_by_a_killed_server_are_removed_at_start(tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    old, new, other = folder / "body-old", folder / "body-new", folder / "notes.txt"
    for path in (old, new, other):
        path.write_bytes(b"x")
    day_ago = time.time() - 2 * 86400
    os.utime(old, (day_ago, day_ago))
    os.utime(other, (day_ago, day_ago))
    BodySpool(folder).remove_stale()
    assert sorted(p.name for p in folder.iterdir()) == ["body-new", "notes.txt"]


def test_the_folder_holds_at_most_its_limit_and_a_body_past_it_is_refused_unstored(tmp_path):
    # stalled uploads kept 1 GB in the folder; now it holds at most ``limit`` bytes
    spool = BodySpool(tmp_path / "incoming", limit=5 * SPOOL_ABOVE)
    chunk = b"x" * 65536
    first = [chunk] * (3 * SPOOL_ABOVE // 65536)
    read: list[str] = []

    def untouched(declared: int) -> Request:
        async def receive():
            read.append("read")
            return {"type": "http.request", "body": chunk, "more_body": True}

        request = _request([], declared=declared)
        request._receive = receive
        return request

    async def main():
        async with spool.body(_request(first, declared=3 * SPOOL_ABOVE)) as body:
            assert body.path is not None and spool.held == 3 * SPOOL_ABOVE
            # declared past the room left: refused before a byte of it is read
            with pytest.raises(SpoolFull):
                async with spool.body(untouched(3 * SPOOL_ABOVE)):
                    pass
            assert read == [] and len(list((tmp_path / "incoming").iterdir())) == 1
            # sent chunked (no length): refused when it passes the limit, its file removed
            with pytest.raises(SpoolFull):
                async with spool.body(_request([chunk] * (4 * SPOOL_ABOVE // 65536))):
                    pass
            assert len(list((tmp_path / "incoming").iterdir())) == 1
            assert spool.held == 3 * SPOOL_ABOVE
        assert spool.held == 0
        # room again: a body that fits is taken
        async with spool.body(_request(first, declared=3 * SPOOL_ABOVE)) as body:
            assert body.size() == 3 * SPOOL_ABOVE

    asyncio.run(main())
    assert spool.held == 0 and not list((tmp_path / "incoming").iterdir())
