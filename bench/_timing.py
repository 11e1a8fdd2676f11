"""What the timing benchmarks report beside their times: the machine's load and the
percentiles of a list of times."""

from __future__ import annotations

import os

import numpy as np


def load() -> list[float]:
    """The 1, 5 and 15 minute load averages, rounded to hundredths."""
    return [round(x, 2) for x in os.getloadavg()]


def pct(values: list[float]) -> dict[str, float]:
    """p50, p95 and max of ``values`` (seconds or milliseconds, as given), to 3 places."""
    return {
        "p50": round(float(np.percentile(values, 50)), 3),
        "p95": round(float(np.percentile(values, 95)), 3),
        "max": round(float(np.max(values)), 3),
    }
