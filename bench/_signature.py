"""A sacrebleu-style signature for every benchmark figure, so it can be reproduced."""

from __future__ import annotations

import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
SHARED = Path(os.environ.get("STORYDIFF_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def signature(encoder: str | None = None, dataset: str | None = None) -> dict:
    import storydiff

    sig = {
        "storydiff": storydiff.__version__,
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {os.cpu_count()} cores",
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
    }
    if encoder:
        sig["encoder"] = encoder
    if dataset:
        sig["dataset"] = dataset
    sig["signature"] = "|".join(f"{k}:{v}" for k, v in sig.items())
    return sig


def write_result(name: str, payload: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
