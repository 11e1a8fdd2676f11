"""Tune the aligner's constants on Text+Berg *dev* only (test stays for reporting).

    python bench/tune_align.py          # writes bench/results/align_tuning.json

Grid over the skip cost and the weight of the neighbour margin. Dev is one 470-sentence
document full of OCR debris, so the single best grid point is noisy; the choice is the
point whose dev F1, averaged with its grid neighbours, is highest (a smoothed optimum).
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _signature import signature, write_result
from align_textberg import load_docs

from storydiff.align import AlignParams, align_runs
from storydiff.aligner import encode_runs
from storydiff.encoders import get_encoder
from storydiff.score import score_alignments

SKIPS = (0.0, 0.05, 0.1, 0.15, 0.2)
MARGINS = (0.0, 0.25, 0.5, 0.75, 1.0)


def main() -> None:
    os.environ.setdefault("STORYDIFF_CACHE_DIR", "")
    encoder = get_encoder("use")
    docs = []
    for de, fr, gold in load_docs(["dev"]):
        docs.append(
            (
                encode_runs(de, encoder),
                encode_runs(fr, encoder),
                np.array([len(s) for s in de], float),
                np.array([len(s) for s in fr], float),
                gold,
            )
        )
    grid: dict[tuple[int, int], float] = {}
    for (si, skip), (mi, margin) in itertools.product(enumerate(SKIPS), enumerate(MARGINS)):
        params = AlignParams(skip=skip, margin=margin)
        predicted = [
            [(b.a, b.b) for b in align_runs(a, b, params, lengths_a=la, lengths_b=lb)]
            for a, b, la, lb, _ in docs
        ]
        grid[(si, mi)] = score_alignments([d[-1] for d in docs], predicted)["f1_strict"]
    smoothed = {}
    for (si, mi), _ in grid.items():
        near = [
            grid[(a, b)]
            for a in (si - 1, si, si + 1)
            for b in (mi - 1, mi, mi + 1)
            if (a, b) in grid
        ]
        smoothed[(si, mi)] = sum(near) / len(near)
    best = max(smoothed, key=smoothed.get)
    print("dev strict F1 (rows: skip, columns: margin weight)")
    print("skip  " + " ".join(f"{m:>6}" for m in MARGINS))
    for si, skip in enumerate(SKIPS):
        print(f"{skip:<5} " + " ".join(f"{grid[(si, mi)]:6.3f}" for mi in range(len(MARGINS))))
    print(
        f"chosen (best smoothed): skip={SKIPS[best[0]]}, margin={MARGINS[best[1]]}, "
        f"dev F1 {grid[best]:.3f}, smoothed {smoothed[best]:.3f}"
    )
    write_result(
        "align_tuning",
        {
            **signature(encoder="use", dataset="Text+Berg de-fr dev"),
            "grid": [
                {
                    "skip": SKIPS[s],
                    "margin": MARGINS[m],
                    "f1_strict": round(v, 4),
                    "smoothed": round(smoothed[(s, m)], 4),
                }
                for (s, m), v in grid.items()
            ],
            "chosen": {"skip": SKIPS[best[0]], "margin": MARGINS[best[1]]},
        },
    )


if __name__ == "__main__":
    main()
