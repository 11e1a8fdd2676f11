"""A bounded mixed load of normal and hostile requests on `storydiff serve`, 127.0.0.1 only.

    python bench/serve_hostile.py                 # 60 s, 8 clients, writes serve_hostile.json
    python bench/serve_hostile.py --seconds 20    # shorter
    python bench/serve_hostile.py --clients 2 --out serve_hostile_2clients   # one hostile

Starts the server in a subprocess (fresh SQLite file and cache folder) and runs two phases:

1. **unloaded**: only the normal clients (half of --clients) post the seed pair, back to
   back, for a third of --seconds: the reference latency of normal requests;
2. **control**: --clients normal clients for a third of --seconds: what the same number
   of clients costs when none of them is hostile;
3. **mixed**: the normal clients of phase 1 plus as many hostile clients for --seconds; each
   hostile client cycles through the inputs of issue 13 (a 1 MB unbroken word, long runs
   that the fact patterns are slow on, a 300 MB chunked upload, a declared 300 MB body,
   lone surrogates, 100,000-deep JSON, invalid UTF-8, bidi controls, an empty version,
   a broken multipart body, upper-case Content-Type), and the ones found after it: a 40 MB
   url-encoded form of ``%XX`` escapes, a 40 MB JSON body of many small values, and the
   page of a stored comparison of 4,800 sentences (``GET /c/{id}``; put in the database
   before the server starts, by repeating the seed pair's comparison). A prober asks
   /healthz every 50 ms.

Everything stops by itself: each request has a client timeout, the load a fixed duration.
The targets (issue 13): the server's memory (server plus its worker processes) stays under
1.5 GB, /healthz p99 < 200 ms, normal requests' p95 under load within 2x of the unloaded
phase, and no 5xx at all. Nothing is sent anywhere but 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

from _big_comparison import repeated
from _server import wait_until_up
from _signature import signature, write_result

ROOT = Path(__file__).resolve().parents[1]
SEED_DE = ROOT / "examples" / "openai-paris.de.txt"
SEED_FR = ROOT / "examples" / "openai-paris.fr.txt"
HOST = "127.0.0.1"  # the only address this script ever talks to


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def tree_rss(pid: int) -> tuple[int, int, int]:
    """(RSS of the process, RSS of it and all its descendants, RSS of the largest
    descendant) in bytes, from /proc."""
    page = os.sysconf("SC_PAGE_SIZE")

    def rss(p: int) -> int:
        try:
            with open(f"/proc/{p}/statm", encoding="ascii") as fh:
                return int(fh.read().split()[1]) * page
        except (OSError, ValueError, IndexError):
            return 0

    def children(p: int) -> list[int]:
        out: list[int] = []
        for path in Path(f"/proc/{p}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                out += [int(c) for c in path.read_text().split()]
        return out

    own = rss(pid)
    total, largest, todo = own, 0, children(pid)
    while todo:
        p = todo.pop()
        size = rss(p)
        total += size
        largest = max(largest, size)
        todo += children(p)
    return own, total, largest


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))] if ordered else 0.0


# ---------------------------------------------------------------- hostile inputs

BLOB = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo"


def raw_exchange(port: int, head: bytes, chunks=(), chunked: bool = False) -> tuple[int, int]:
    """Send a request by hand (bodies httpx will not send), writing the body only while
    the server has not answered; return (status, body bytes sent before the answer)."""
    sent = 0
    with socket.create_connection((HOST, port), timeout=30) as sock:
        sock.sendall(head)
        response = b""
        pending = b""
        source = iter(chunks)
        while True:
            if not pending:
                chunk = next(source, None)
                if chunk is None:
                    break
                pending = b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk
                sent += len(chunk)
            readable, writable, _ = select.select([sock], [sock], [], 30)
            if readable:
                break  # the server answered (or closed) before the body was complete
            if not writable:
                raise TimeoutError("the server neither read nor answered for 30 s")
            try:
                pending = pending[sock.send(pending) :]
            except ConnectionError:
                break
        while b"\r\n" not in response:
            try:
                part = sock.recv(65536)
            except ConnectionError:
                break
            if not part:
                break
            response += part
    return int(response.split(b" ", 2)[1]), sent


# Bodies just under the limit of the default --max-bytes (2 x 20 MB + 1 MB): 40 MB.
ESCAPES = 13_300_000
SMALL_VALUES = 19_900_000
# The seed pair's comparison repeated: 4,807 sentences a side.
BIG_PAGE_REPEATS = 209


def hostile_kinds(url: str, port: int, seed: dict[str, str], big_page: str):
    """name -> a function(client) -> status code. ``big_page``: the id of a large stored
    comparison."""
    api = url + "/api/compare"

    def post_json(c: httpx.Client, body: bytes, ctype: str = "application/json") -> int:
        return c.post(api, content=body, headers={"content-type": ctype}).status_code

    def texts(a: str, b: str) -> bytes:
        return json.dumps({"a": a, "b": b}, ensure_ascii=False).encode()

    rlm = "\u200f"
    bidi = "\n".join(f"{rlm}{line}{rlm}\n{rlm}" for line in seed["b"].split("\n"))
    preamble = b'--xx\r\nContent-Disposition: form-data; name="a"; filename="a.txt"\r\n\r\n'
    chunk_head = (
        b"POST /api/compare HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        b"Content-Type: multipart/form-data; boundary=xx\r\n\r\n"
    )
    form_escapes = b"text_a=" + b"%41" * ESCAPES + b"&text_b="
    small_values = texts(seed["a"], "")[:-1] + b', "pad": [' + b"1," * SMALL_VALUES + b"1]}"
    declared_head = (
        b"POST /api/compare HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 300000000\r\n\r\n"
    )
    return {
        "1 MB unbroken word": lambda c: post_json(
            c, texts(seed["a"] + " " + BLOB * 30_000, seed["b"])
        ),
        "60 kB run of capitals": lambda c: post_json(c, texts("A" * 60_000, seed["b"])),
        "60 kB run of letters": lambda c: post_json(c, texts(seed["a"] + "a" * 60_000, seed["b"])),
        "300 MB chunked upload": lambda c: raw_exchange(
            port, chunk_head, [preamble] + [b"x" * 65536] * 4600, chunked=True
        )[0],
        "declared 300 MB body": lambda c: raw_exchange(port, declared_head)[0],
        "lone surrogates": lambda c: post_json(
            c, b'{"a": "Der Rat \\ud800 hat beschlossen.", "b": "\\udfff Le conseil a vot\\u00e9."}'
        ),
        "100,000-deep JSON": lambda c: post_json(c, b"[" * 100_000 + b"]" * 100_000),
        "invalid UTF-8 JSON": lambda c: post_json(c, b'{"a": "\xff\xfe\xfd", "b": "x"}'),
        "bidi controls": lambda c: post_json(c, texts(seed["a"], bidi)),
        "empty version": lambda c: post_json(c, texts("   ", seed["b"])),
        "broken multipart": lambda c: post_json(
            c, b"--xx\r\nContent-Disposition: form-data; name=", "multipart/form-data; boundary=xx"
        ),
        "upper-case Content-Type": lambda c: post_json(
            c, texts(seed["a"], seed["b"]), "APPLICATION/JSON"
        ),
        "40 MB url-encoded %XX form": lambda c: post_json(
            c, form_escapes, "application/x-www-form-urlencoded"
        ),
        "40 MB JSON of small values": lambda c: post_json(c, small_values),
        "4,800-sentence stored page": lambda c: c.get(f"{url}/c/{big_page}").status_code,
    }


# ---------------------------------------------------------------- the load


def run_phase(
    url, port, seconds, normal_clients, hostile_clients, files, seed, rss_samples, big_page=""
):
    stop = time.monotonic() + seconds
    normal: list[float] = []
    health: list[float] = []
    statuses: dict[str, Counter] = defaultdict(Counter)
    hostile_latency: dict[str, list[float]] = defaultdict(list)
    lock = threading.Lock()
    kinds = list(hostile_kinds(url, port, seed, big_page).items())

    def record(kind: str, status: int | str) -> None:
        with lock:
            statuses[kind][str(status)] += 1

    def normal_client() -> None:
        with httpx.Client(timeout=180) as c:
            while time.monotonic() < stop:
                t = time.perf_counter()
                try:
                    r = c.post(url + "/api/compare", files=files)
                    status: int | str = r.status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                with lock:
                    if status == 200:
                        normal.append(time.perf_counter() - t)
                record("normal", status)

    def hostile_client(offset: int) -> None:
        i = offset
        with httpx.Client(timeout=180) as c:
            while time.monotonic() < stop:
                name, send = kinds[i % len(kinds)]
                i += 1
                t = time.perf_counter()
                try:
                    status: int | str = send(c)
                except (httpx.HTTPError, OSError) as exc:
                    status = type(exc).__name__
                with lock:
                    hostile_latency[name].append(time.perf_counter() - t)
                record(name, status)

    def prober() -> None:
        with httpx.Client(timeout=10) as c:
            while time.monotonic() < stop:
                t = time.perf_counter()
                try:
                    status = c.get(url + "/healthz").status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                with lock:
                    health.append(time.perf_counter() - t)
                record("healthz", status)
                time.sleep(0.05)

    def sampler(server_pid: int) -> None:
        while time.monotonic() < stop:
            rss_samples.append(tree_rss(server_pid))
            time.sleep(0.5)

    threads = [threading.Thread(target=normal_client) for _ in range(normal_clients)]
    threads += [
        threading.Thread(target=hostile_client, args=(k * 3,)) for k in range(hostile_clients)
    ]
    threads += [threading.Thread(target=prober), threading.Thread(target=sampler, args=(PID[0],))]
    started = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "normal_clients": normal_clients,
        "hostile_clients": hostile_clients,
        "normal": {
            "ok": len(normal),
            "p50_ms": round(pct(normal, 0.5) * 1000),
            "p95_ms": round(pct(normal, 0.95) * 1000),
            "max_ms": round(max(normal, default=0) * 1000),
        },
        "healthz": {
            "n": len(health),
            "p50_ms": round(pct(health, 0.5) * 1000, 1),
            "p99_ms": round(pct(health, 0.99) * 1000, 1),
            "max_ms": round(max(health, default=0) * 1000, 1),
        },
        "statuses": {k: dict(v) for k, v in sorted(statuses.items())},
        "hostile_median_ms": {
            k: round(statistics.median(v) * 1000) for k, v in sorted(hostile_latency.items())
        },
    }


PID: list[int] = [0]


def store_big_comparison(db: Path) -> str:
    """Put a comparison of 4,800 sentences a side into the server's database; its id."""
    import storydiff
    from storydiff.web.store import ComparisonStore

    data = repeated(storydiff.compare(SEED_DE, SEED_FR).to_dict(), BIG_PAGE_REPEATS)
    return ComparisonStore(db).add(json.dumps(data, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8, help="half normal, half hostile")
    parser.add_argument("--timeout", type=float, default=10, help="the server's --timeout")
    parser.add_argument("--workers", type=int, default=None, help="the server's --workers")
    parser.add_argument("--slow-after", type=float, default=None, help="the server's --slow-after")
    parser.add_argument(
        "--out", default="serve_hostile", help="name of the result file in bench/results"
    )
    args = parser.parse_args()
    normal_clients = max(1, args.clients // 2)
    hostile_clients = max(1, args.clients - normal_clients)
    port = free_port()
    url = f"http://{HOST}:{port}"
    files = {"a": (SEED_DE.name, SEED_DE.read_bytes()), "b": (SEED_FR.name, SEED_FR.read_bytes())}
    seed = {"a": SEED_DE.read_text("utf-8"), "b": SEED_FR.read_text("utf-8")}
    with tempfile.TemporaryDirectory() as tmp:
        big_page = store_big_comparison(Path(tmp) / "db.sqlite")
        cmd = [sys.executable, "-m", "storydiff", "serve", "--host", HOST, "--port", str(port)]
        cmd += ["--db", str(Path(tmp) / "db.sqlite"), "--timeout", str(args.timeout)]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        if args.slow_after:
            cmd += ["--slow-after", str(args.slow_after)]
        env = {k: v for k, v in os.environ.items() if k != "STORYDIFF_CACHE_DIR"}
        server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        PID[0] = server.pid
        rss_samples: list[tuple[int, int, int]] = []
        try:
            wait_until_up(url, 90)
            for _ in range(2 * (args.workers or 2)):  # every worker has loaded its model
                httpx.post(url + "/api/compare", files=files, timeout=180)
            single: list[float] = []
            with httpx.Client(timeout=180) as c:
                for _ in range(5):
                    t = time.perf_counter()
                    c.post(url + "/api/compare", files=files)
                    single.append(time.perf_counter() - t)
            print("phase 1: unloaded (normal clients only)", flush=True)
            unloaded = run_phase(
                url, port, args.seconds / 3, normal_clients, 0, files, seed, rss_samples
            )
            print("phase 2: control (as many clients, all normal)", flush=True)
            control = run_phase(
                url, port, args.seconds / 3, args.clients, 0, files, seed, rss_samples
            )
            print("phase 3: mixed (normal + hostile clients)", flush=True)
            mixed = run_phase(
                url,
                port,
                args.seconds,
                normal_clients,
                hostile_clients,
                files,
                seed,
                rss_samples,
                big_page,
            )
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
    five_xx = sum(
        n
        for phase in (unloaded, control, mixed)
        for counts in phase["statuses"].values()
        for status, n in counts.items()
        if status.startswith("5")
    )
    ratio = mixed["normal"]["p95_ms"] / max(1, unloaded["normal"]["p95_ms"])
    result = {
        "config": {
            "seconds": args.seconds,
            "clients": args.clients,
            "server_timeout_s": args.timeout,
            "server_workers": args.workers or "default",
            "server_slow_after_s": args.slow_after or "default (3)",
            "host": HOST,
        },
        "single_client_ms": {
            "median": round(statistics.median(single) * 1000),
            "max": round(max(single) * 1000),
        },
        "unloaded": unloaded,
        "control": control,
        "mixed": mixed,
        "rss_mb": {
            "server_max": round(max(s[0] for s in rss_samples) / 1e6),
            "server_and_workers_max": round(max(s[1] for s in rss_samples) / 1e6),
            "largest_worker_max": round(max(s[2] for s in rss_samples) / 1e6),
        },
        "five_xx": five_xx,
        "normal_p95_ratio": round(ratio, 2),
        # what the hostile clients cost the normal ones, against the same number of clients
        # sending only normal requests (the hostile inputs that pass validation are real
        # comparisons too, and compete for the same cores)
        "normal_p95_ratio_to_control": round(
            mixed["normal"]["p95_ms"] / max(1, control["normal"]["p95_ms"]), 2
        ),
    }
    result["targets"] = {
        "rss_under_1_5_GB": result["rss_mb"]["server_and_workers_max"] < 1500,
        "healthz_p99_under_200_ms": mixed["healthz"]["p99_ms"] < 200,
        "normal_p95_within_2x": ratio <= 2.0,
        "zero_5xx": five_xx == 0,
    }
    print(json.dumps(result, indent=2))
    payload = {**signature(encoder="use-multilingual-v3", dataset="seed pair + issue 13 inputs")}
    payload |= result
    path = write_result(args.out, payload)
    print(f"signature: {payload['signature']}\nwritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
