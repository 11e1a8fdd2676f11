"""Tune the aligner's constants on Text+Berg *dev* only (test stays for reporting).

    python bench/tune_align.py          # writes bench/results/align_tuning.json

Two grids, one after the other: first the skip cost against the weight of the neighbour
margin (orphans left where the DP puts them), then, with those fixed, the two thresholds
of the orphan pass (how similar an orphan must be to the bead beside it, how much joining
may lower the bead's similarity). Dev is one 470-sentence document full of OCR debris,
so the single best grid point is noisy; each choice is the point whose dev F1, averaged
with its grid neighbours, is highest (a smoothed optimum).
"""

from __future__ import annotations

import itertools
import os
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _signature import signature, write_result
from align_textberg import load_docs

from storydiff.align import AlignParams
from storydiff.aligner import align_sentences, encode_runs
from storydiff.encoders import get_encoder
from storydiff.score import score_alignments

SKIPS = (0.0, 0.05, 0.1, 0.15, 0.2)
MARGINS = (0.0, 0.25, 0.5, 0.75, 1.0)
ORPHAN_MIN_SIMS = (-0.2, -0.1, 0.0, 0.05, 0.1, 0.2)
ORPHAN_MAX_DROPS = (0.0, 0.02, 0.035, 0.05, 0.07, 0.1)


def main() -> None:
    os.environ.setdefault("STORYDIFF_CACHE_DIR", "")
    encoder = get_encoder("use")
    docs = [
        (de, fr, encode_runs(de, encoder), encode_runs(fr, encoder), gold)
        for de, fr, gold in load_docs(["dev"])
    ]

    def dev_f1(params: AlignParams) -> float:
        predicted = [
            [(b.a, b.b) for b in align_sentences(de, fr, a, b, params)] for de, fr, a, b, _ in docs
        ]
        return score_alignments([d[-1] for d in docs], predicted)["f1_strict"]

    base = AlignParams(orphan_min_sim=None)
    first = smoothed_grid(
        "skip", SKIPS, "margin", MARGINS, lambda s, m: dev_f1(replace(base, skip=s, margin=m))
    )
    base = replace(base, skip=first["chosen"]["skip"], margin=first["chosen"]["margin"])
    second = smoothed_grid(
        "orphan_min_sim",
        ORPHAN_MIN_SIMS,
        "orphan_max_drop",
        ORPHAN_MAX_DROPS,
        lambda t, d: dev_f1(replace(base, orphan_min_sim=t, orphan_max_drop=d)),
    )
    write_result(
        "align_tuning",
        {
            **signature(encoder="use", dataset="Text+Berg de-fr dev"),
            "dp_grid": first,
            "orphan_grid": second,
            "chosen": {**first["chosen"], **second["chosen"]},
        },
    )


def smoothed_grid(row_name, rows, col_name, cols, f1) -> dict:
    """Dev F1 over a 2-D grid; the choice is the best 3x3-neighbourhood mean."""
    grid = {
        (r, c): f1(rows[r], cols[c])
        for r, c in itertools.product(range(len(rows)), range(len(cols)))
    }
    smoothed = {}
    for r, c in grid:
        near = [
            grid[(a, b)] for a in (r - 1, r, r + 1) for b in (c - 1, c, c + 1) if (a, b) in grid
        ]
        smoothed[(r, c)] = sum(near) / len(near)
    best = max(smoothed, key=smoothed.get)
    print(f"dev strict F1 (rows: {row_name}, columns: {col_name})")
    print(f"{'':>7}" + " ".join(f"{v:>6}" for v in cols))
    for r, value in enumerate(rows):
        print(f"{value:>7} " + " ".join(f"{grid[(r, c)]:6.3f}" for c in range(len(cols))))
    chosen = {row_name: rows[best[0]], col_name: cols[best[1]]}
    print(
        f"chosen (best smoothed): {chosen}, dev F1 {grid[best]:.3f}, smoothed {smoothed[best]:.3f}"
    )
    return {
        "grid": [
            {
                row_name: rows[r],
                col_name: cols[c],
                "f1_strict": round(v, 4),
                "smoothed": round(smoothed[(r, c)], 4),
            }
            for (r, c), v in grid.items()
        ],
        "chosen": chosen,
    }


if __name__ == "__main__":
    main()
