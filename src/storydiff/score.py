"""Strict and lax precision, recall and F1 of a sentence alignment against a gold one.

The metric of Sennrich & Volk (2011), as used to report Vecalign and Bertalign on
Text+Berg, so storydiff's figures are comparable with the published ones:

* a predicted bead is a **strict** hit when the same bead (same sentences on both sides)
  is in the gold alignment, and a **lax** hit when it is strict or when it links at least
  one source sentence to a target sentence that the gold links it to;
* **precision** counts every predicted bead (deletions and insertions too: predicting a
  deletion that the gold does not have is an error);
* **recall** counts the gold beads that have both sides, scored the same way against the
  predicted beads that have both sides (insertions and deletions are ignored);
* counts are summed over all documents before dividing (micro average).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

BeadT = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass
class Counts:
    strict_hit: int = 0
    strict_miss: int = 0
    lax_hit: int = 0
    lax_miss: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.strict_hit += other.strict_hit
        self.strict_miss += other.strict_miss
        self.lax_hit += other.lax_hit
        self.lax_miss += other.lax_miss
        return self


def _as_beads(beads: Iterable[tuple[Sequence[int], Sequence[int]]]) -> set[BeadT]:
    return {(tuple(a), tuple(b)) for a, b in beads if len(a) or len(b)}


def _hits(reference: set[BeadT], predicted: set[BeadT]) -> Counts:
    """Score each predicted bead against the reference beads."""
    links: dict[int, set[int]] = {}
    for src, tgt in reference:
        for s in src:
            links.setdefault(s, set()).update(tgt)
    counts = Counts()
    for src, tgt in predicted:
        if (src, tgt) in reference:
            counts.strict_hit += 1
            counts.lax_hit += 1
            continue
        counts.strict_miss += 1
        if any(t in links.get(s, ()) for s in src for t in tgt):
            counts.lax_hit += 1
        else:
            counts.lax_miss += 1
    return counts


def _ratio(hit: int, miss: int) -> float:
    return hit / (hit + miss) if hit + miss else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_alignments(
    gold: Sequence[Iterable[tuple[Sequence[int], Sequence[int]]]],
    predicted: Sequence[Iterable[tuple[Sequence[int], Sequence[int]]]],
) -> dict[str, float]:
    """Micro-averaged strict/lax P/R/F1 over documents (gold[i] pairs with predicted[i])."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted must list the same documents")
    p_counts, r_counts = Counts(), Counts()
    for g_doc, t_doc in zip(gold, predicted, strict=True):
        g, t = _as_beads(g_doc), _as_beads(t_doc)
        p_counts += _hits(g, t)
        g_two = {b for b in g if b[0] and b[1]}
        t_two = {b for b in t if b[0] and b[1]}
        r_counts += _hits(t_two, g_two)
    ps, pl = (
        _ratio(p_counts.strict_hit, p_counts.strict_miss),
        _ratio(p_counts.lax_hit, p_counts.lax_miss),
    )
    rs, rl = (
        _ratio(r_counts.strict_hit, r_counts.strict_miss),
        _ratio(r_counts.lax_hit, r_counts.lax_miss),
    )
    return {
        "precision_strict": ps,
        "recall_strict": rs,
        "f1_strict": _f1(ps, rs),
        "precision_lax": pl,
        "recall_lax": rl,
        "f1_lax": _f1(pl, rl),
    }


def read_beads(path: str | Path) -> list[BeadT]:
    """Read a gold/predicted file with lines like ``[0]:[0, 1]`` or ``[1, 2]:[3]:0.71``."""
    beads: list[BeadT] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        parts = line.split(":")
        if len(parts) < 2:
            raise ValueError(f"{path}:{n}: expected '[i, ...]:[j, ...]', got {line!r}")
        src, tgt = ast.literal_eval(parts[0]), ast.literal_eval(parts[1])
        beads.append((tuple(src), tuple(tgt)))
    return beads


def format_beads(beads: Iterable[tuple[Sequence[int], Sequence[int], float]]) -> str:
    """Vecalign's output format: ``[i, j]:[k]:score`` one bead per line."""
    return "".join(f"{list(a)}:{list(b)}:{score:.6f}\n" for a, b, score in beads)
