"""A bounded load test of `storydiff serve` on 127.0.0.1.

    python bench/serve_load.py --seconds 30 --clients 8   # writes bench/results/serve_load.json

Starts the server in a subprocess (fresh SQLite file), then N client threads post the
seed pair to POST /api/compare as multipart uploads, back to back, for the given time.
Prints throughput, p50/p95/max latency and the error count. Every request after the
first finds the pair's sentence embeddings in the server's cache, as it would for a
story that many clients submit; the alignment, facts and storage run every time.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server import wait_until_up
from _signature import signature, write_result

ROOT = Path(__file__).resolve().parents[1]
SEED_DE = ROOT / "examples" / "openai-paris.de.txt"
SEED_FR = ROOT / "examples" / "openai-paris.fr.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    files = {"a": (SEED_DE.name, SEED_DE.read_bytes()), "b": (SEED_FR.name, SEED_FR.read_bytes())}
    with tempfile.TemporaryDirectory() as tmp:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "storydiff",
                "serve",
                "--port",
                str(port),
                "--db",
                str(Path(tmp) / "db.sqlite"),
            ],
            env={**os.environ, "STORYDIFF_CACHE_DIR": ""},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(url, 60)
            httpx.post(url + "/api/compare", files=files, timeout=120)  # load the model
            latencies: list[float] = []
            errors: list[str] = []
            lock = threading.Lock()
            stop = time.time() + args.seconds

            def client() -> None:
                with httpx.Client(timeout=120) as c:
                    while time.time() < stop:
                        t = time.perf_counter()
                        try:
                            r = c.post(url + "/api/compare", files=files)
                            ok = r.status_code == 200 and r.json()["verdict"] == "same_story"
                            problem = None if ok else f"HTTP {r.status_code}"
                        except httpx.HTTPError as exc:
                            problem = type(exc).__name__
                        with lock:
                            latencies.append(time.perf_counter() - t)
                            if problem:
                                errors.append(problem)

            threads = [threading.Thread(target=client) for _ in range(args.clients)]
            start = time.perf_counter()
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            elapsed = time.perf_counter() - start
        finally:
            server.terminate()
            server.wait(timeout=10)
    lat = sorted(latencies)
    result = {
        "requests": len(lat),
        "errors": len(errors),
        "seconds": round(elapsed, 1),
        "clients": args.clients,
        "throughput_rps": round(len(lat) / elapsed, 2),
        "p50_ms": round(statistics.median(lat) * 1000),
        "p95_ms": round(lat[int(0.95 * (len(lat) - 1))] * 1000),
        "max_ms": round(lat[-1] * 1000),
    }
    print(
        f"{result['requests']} requests in {result['seconds']} s from {args.clients} clients: "
        f"{result['throughput_rps']} req/s, p50 {result['p50_ms']} ms, "
        f"p95 {result['p95_ms']} ms, max {result['max_ms']} ms, errors {result['errors']}"
    )
    payload = {**signature(encoder="use-multilingual-v3", dataset="seed pair"), **result}
    path = write_result("serve_load", payload)
    print(f"signature: {payload['signature']}\nwritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
