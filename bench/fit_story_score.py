"""Fit the weights of storydiff's story grade (``collection.story.STORY_WEIGHTS``).

    python bench/story_similarity.py --features feats.jsonl   # one line a pair
    python bench/fit_story_score.py feats.jsonl               # weights to paste

The grade is ``clip(lead * lead_cosine + topic * doc_cosine + bias, 0, 1)``: a least-squares
fit (three parameters) of the human Overall rating of SemEval-2022 Task 8, mapped to
(4 - overall) / 3 (1 = the very same story ... 0 = very dissimilar), on the pairs the
features file marks ``train`` (the first 490 of pairs.jsonl) only. Prints the weights and
Pearson of the clipped grade per language on train and on the held-out pairs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from story_similarity import pearson

FEATURES = ("lead_cosine", "doc_cosine")  # in the order of STORY_WEIGHTS' lead, topic


def fit(rows: list[dict]) -> np.ndarray:
    """Least-squares weights (one per FEATURES, then the bias) for (4 - overall) / 3."""
    x = np.array([[r[f] for f in FEATURES] + [1.0] for r in rows])
    y = np.array([(4.0 - r["overall"]) / 3.0 for r in rows])
    weights, *_ = np.linalg.lstsq(x, y, rcond=None)
    return weights


def grade(row: dict, weights: np.ndarray) -> float:
    return float(np.clip(np.dot(weights[:-1], [row[f] for f in FEATURES]) + weights[-1], 0, 1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("features", type=Path, help="JSONL from story_similarity.py --features")
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.features.open(encoding="utf-8")]
    rows = [r for r in rows if all(r.get(f) is not None for f in FEATURES)]
    weights = fit([r for r in rows if r["split"] == "train"])
    names = ("lead", "topic", "bias")
    print(
        "STORY_WEIGHTS = {"
        + ", ".join(f'"{n}": {w:.3f}' for n, w in zip(names, weights, strict=True))
        + "}"
    )
    for split in ("train", "held_out"):
        for lang in ("de", "en", "fr", "all"):
            part = [r for r in rows if r["split"] == split and lang in (r["lang"], "all")]
            target = [-r["overall"] for r in part]
            print(
                f"{split:8} {lang:3} {len(part):4d} pairs  grade r "
                f"{pearson([grade(r, weights) for r in part], target):.3f}  "
                f"lead alone {pearson([r['lead_cosine'] for r in part], target):.3f}"
            )


if __name__ == "__main__":
    main()
