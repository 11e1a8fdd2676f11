"""What a story is about, as one vector, and how much two texts tell the same story (0-1).

The document vector is the mean of the body's sentence vectors with the headline and the
lead (first sentences) weighted up, in the encoder's multilingual space: news puts the
who/what/where in the headline and the first paragraph, and an independent report of
the same event shares those more than its later background paragraphs
(``bench/story_similarity.py`` measures the weights against plain whole-text cosine).

``story_similarity`` grades a pair from three signals, each in 0-1:
- topic: the cosine of the two document vectors, rescaled from the range where unrelated
  news (about 0.2 with USE) and versions of one story (above 0.85) lie;
- alignment: how much of the texts is aligned sentence for sentence (``Comparison.similarity``),
  which is near 1 for translations and copies;
- anchors: the share of named people, organisations, places, amounts and years the two
  texts have in common (language-neutral fact values, so "Brüssel" meets "Bruxelles").
Versions of one article score by alignment; independent reports of one event by topic
and anchors. The weights were set on SemEval-2022 Task 8 training pairs and are reported
with the benchmark, beside the plain whole-text cosine.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from storydiff.model import Article, Fact

LEAD_SENTENCES = 3
TITLE_WEIGHT = 1.0  # the headline counts as much as the mean of the lead ...
LEAD_WEIGHT = 1.0  # ... and the lead as much as the mean of the whole body
# cosine of document vectors -> 0..1: below TOPIC_FLOOR nothing in common, above
# TOPIC_CEILING the same story.
TOPIC_FLOOR = 0.25
TOPIC_CEILING = 0.9
TOPIC_SHARE = 0.7  # topic vs anchors for texts that are not versions of one another
ANCHOR_TYPES = frozenset({"person", "organization", "location", "money", "number", "percent"})


def document_vector(
    article: Article, sentence_vectors: np.ndarray, title_vector: np.ndarray | None
) -> np.ndarray:
    """(n, dim) unit sentence vectors (+ optional (dim,) title vector) -> (dim,) unit vector.

    An article without sentences gets its title's vector, or zeros."""
    dim = sentence_vectors.shape[1] if sentence_vectors.ndim == 2 else len(title_vector or [])
    parts: list[np.ndarray] = []
    if len(sentence_vectors):
        parts.append(sentence_vectors.mean(0))
        parts.append(LEAD_WEIGHT * sentence_vectors[:LEAD_SENTENCES].mean(0))
    if title_vector is not None and article.title:
        parts.append(TITLE_WEIGHT * title_vector)
    if not parts:
        return np.zeros(dim, dtype=np.float32)
    vec = np.sum(parts, axis=0).astype(np.float32)
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec


def anchors(facts: Iterable[Fact]) -> set[str]:
    """Language-neutral keys of the names and figures an article states."""
    out: set[str] = set()
    for fact in facts:
        if fact.type not in ANCHOR_TYPES:
            continue
        value = fact.value
        if isinstance(value, dict):
            value = value.get("amount", value.get("value"))
        if value is None or value == "":
            continue
        group = "name" if fact.type in ("person", "organization", "location") else "figure"
        out.add(f"{group}:{value}")
    return out


def anchor_overlap(a: set[str], b: set[str]) -> float:
    """Overlap of two anchor sets, 0-1: shared / size of the smaller set (a short report
    that names only some of the long one's people still shares all it has)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def topic_score(cosine: float) -> float:
    """Cosine of two document vectors -> 0-1 (see TOPIC_FLOOR, TOPIC_CEILING)."""
    return float(np.clip((cosine - TOPIC_FLOOR) / (TOPIC_CEILING - TOPIC_FLOOR), 0.0, 1.0))


def story_similarity(cosine: float, alignment: float, overlap: float) -> float:
    """Graded same-story score, 0-1, from document-vector cosine, aligned share
    (``Comparison.similarity``) and anchor overlap (``anchor_overlap``)."""
    independent = TOPIC_SHARE * topic_score(cosine) + (1 - TOPIC_SHARE) * overlap
    versions = float(np.clip(alignment / 0.6, 0.0, 1.0))  # a translation aligns >= 0.6
    return round(max(independent, versions), 4)


__all__ = [
    "anchor_overlap",
    "anchors",
    "document_vector",
    "story_similarity",
    "topic_score",
]
