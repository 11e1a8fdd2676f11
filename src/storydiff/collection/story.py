"""What a story is about, as one vector, and how much two texts tell the same story (0-1).

The document vector is the sum of two unit vectors in the encoder's multilingual space:
the body's sentence vectors averaged, with the first sentences (the lead) and the headline
weighted up, and the model's own vector of the headline and lead read as one text (the
first LEAD_TEXT_SENTENCES sentences). News puts the who/what/where in the headline and
the first paragraph; on SemEval-2022 Task 8 pairs (bench/story_similarity.py) the
sentence mean alone correlates 0.65 with the human rating, with the lead and headline
weighted up 0.69, and with the lead read as one text added 0.72 -- above the plain cosine
of the two whole texts (0.70), at the cost of embedding the lead a second time.

``story_similarity`` grades a pair from two signals, each in 0-1, and takes the larger:
- topic: the cosine of the two document vectors, rescaled from the range where unrelated
  news lies (about 0.1 with USE) to where versions of one story lie (0.95);
- alignment: how much of the texts is aligned sentence for sentence
  (``Comparison.similarity``), so that a translation or a copy scores near 1 however
  its document vectors compare.

Signals measured and left out (bench/story_similarity.py; chosen on the first 490
SemEval-2022 pairs, the other 185 held out): a 0.1 share of shared names and figures
(``anchor_overlap``) costs German more than it gives French (train Pearson 0.724 with
it, 0.728 without); a share of shared word stems (same-language pairs only) 0.729 at
best. As document vectors (cosine alone, train): this one 0.730, dropping cookie and
newsletter sentences 0.731, a chunked mean of three-sentence pieces 0.724, the sentence
mean weighted by likeness to the headline 0.722. What holds German back on those pairs
is the scrapes (cookie banners, a forum's text pasted into articles, police-feed headers
shared by unrelated reports), which no weighting of two texts alone tells from the story.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from storydiff.encoders.base import Span
from storydiff.model import Article, Fact

# Stores record which document vectors they hold; another version is recomputed when the
# store is opened (storydiff.collection.index), from what the store already holds.
DOCUMENT_VECTOR_VERSION = "2"
LEAD_SENTENCES = 3
LEAD_TEXT_SENTENCES = 8  # the headline and these first sentences, embedded as one text
TITLE_WEIGHT = 1.0  # the headline counts as much as the mean of the lead ...
LEAD_WEIGHT = 1.0  # ... and the lead as much as the mean of the whole body
# cosine of document vectors -> 0..1: below TOPIC_FLOOR nothing in common, above
# TOPIC_CEILING the same story.
TOPIC_FLOOR = 0.1
TOPIC_CEILING = 0.95
# aligned share (Comparison.similarity) -> 0..1: a translation aligns 0.6-0.9
ALIGNED_FLOOR = 0.3
ALIGNED_CEILING = 0.8
ANCHOR_TYPES = frozenset({"person", "organization", "location", "money", "number", "percent"})


def lead_text(article: Article) -> str:
    """The headline and the first LEAD_TEXT_SENTENCES sentences, as one text to embed."""
    lead = " ".join(s.text for s in article.sentences[:LEAD_TEXT_SENTENCES])
    return f"{article.title}\n{lead}" if article.title else lead


def lead_span(title: str | None, sentences: int) -> Span:
    """``lead_text`` of an article with this title and this many sentences, as a span of
    its sentences, so that an encoder can build its vector from the sentences it has
    embedded already."""
    return Span(0, min(LEAD_TEXT_SENTENCES, sentences), title or None)


def document_vector(
    article: Article,
    sentence_vectors: np.ndarray,
    title_vector: np.ndarray | None,
    lead_vector: np.ndarray | None = None,
) -> np.ndarray:
    """(n, dim) unit sentence vectors, the (dim,) vectors of the title and of
    ``lead_text(article)`` (each optional) -> (dim,) unit document vector.

    An article without sentences gets its title's vector, or zeros."""
    dim = sentence_vectors.shape[1]
    parts: list[np.ndarray] = []
    if len(sentence_vectors):
        parts.append(sentence_vectors.mean(0))
        parts.append(LEAD_WEIGHT * sentence_vectors[:LEAD_SENTENCES].mean(0))
    if title_vector is not None and article.title:
        parts.append(TITLE_WEIGHT * title_vector)
    if not parts:
        return np.zeros(dim, dtype=np.float32)
    vec = _unit(np.sum(parts, axis=0).astype(np.float32))
    if lead_vector is not None:
        vec = _unit(vec + lead_vector.astype(np.float32))
    return vec


def _unit(vec: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec


def anchors(facts: Iterable[Fact]) -> set[str]:
    """Language-neutral keys of the names and figures an article states (measured as a
    signal by bench/story_similarity.py; not part of ``story_similarity``)."""
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


def story_similarity(cosine: float, alignment: float) -> float:
    """Graded same-story score, 0-1, from document-vector cosine and aligned share
    (``Comparison.similarity``): the larger of the two, each rescaled to 0-1."""
    aligned = (alignment - ALIGNED_FLOOR) / (ALIGNED_CEILING - ALIGNED_FLOOR)
    return round(max(topic_score(cosine), float(np.clip(aligned, 0.0, 1.0))), 4)


__all__ = [
    "DOCUMENT_VECTOR_VERSION",
    "anchor_overlap",
    "anchors",
    "document_vector",
    "lead_span",
    "lead_text",
    "story_similarity",
    "topic_score",
]
