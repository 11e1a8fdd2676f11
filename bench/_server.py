"""What the server benchmarks share: waiting for a started server to answer."""

from __future__ import annotations


def wait_until_up(url: str, seconds: float) -> None:
    """Poll ``url``/healthz until the server answers 200, for at most ``seconds``."""
    import time

    import httpx

    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
