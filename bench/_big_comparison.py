"""A stored comparison of any size, made by repeating a real one: what a large page costs
to render, without spending minutes comparing a long pair first."""

from __future__ import annotations

import copy
from typing import Any

_SEPARATOR = 2  # paragraphs are joined by a blank line


def repeated(data: dict[str, Any], times: int) -> dict[str, Any]:
    """The comparison ``data`` (its JSON form) as if each document were ``times`` copies of
    itself one after the other: sentences, paragraphs, facts, alignment and differences
    repeated, every index and character offset moved to its copy."""
    out = copy.deepcopy(data)
    sizes = {}
    for side in "ab":
        doc = data["documents"][side]
        n_sentences, n_paragraphs = len(doc["sentences"]), len(doc["paragraphs"])
        text = sum(len(p) for p in doc["paragraphs"]) + _SEPARATOR * n_paragraphs
        sizes[side] = n_sentences
        new = out["documents"][side]
        new["paragraphs"] = doc["paragraphs"] * times
        new["sentences"] = [
            {
                **s,
                "index": s["index"] + k * n_sentences,
                "paragraph": s["paragraph"] + k * n_paragraphs,
                "start": s["start"] + k * text,
                "end": s["end"] + k * text,
            }
            for k in range(times)
            for s in doc["sentences"]
        ]
        new["facts"] = [
            {
                **f,
                "sentence": f["sentence"] + k * n_sentences,
                "start": f["start"] + k * text,
                "end": f["end"] + k * text,
            }
            for k in range(times)
            for f in doc["facts"]
        ]
    out["alignment"] = [
        {
            **bead,
            "a": [i + k * sizes["a"] for i in bead["a"]],
            "b": [j + k * sizes["b"] for j in bead["b"]],
        }
        for k in range(times)
        for bead in data["alignment"]
    ]
    for side in "ab":
        out[f"only_in_{side}"] = [
            i + k * sizes[side] for k in range(times) for i in data[f"only_in_{side}"]
        ]
    out["fact_differences"] = [
        {
            **d,
            **{
                side: {**d[side], "sentence": d[side]["sentence"] + k * sizes[side]}
                for side in "ab"
                if d.get(side)
            },
        }
        for k in range(times)
        for d in data["fact_differences"]
    ]
    return out
