"""Two versions of a story -> Comparison: alignment, coverage, verdict, what differs.

The thresholds below were set on the pairs in ``tests/data/`` (translations, an edited
copy, independent reports of one event, unrelated articles) with the default USE encoder;
``tests/test_verdict.py`` holds pairs on both sides of each one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from storydiff.align import AlignParams, RawBead, Runs, align_runs
from storydiff.analyse import build_article
from storydiff.encoders import CachedEncoder, Encoder, get_encoder
from storydiff.errors import InputError
from storydiff.extract import Extracted, extract
from storydiff.model import Article, Bead, Comparison, FieldDifference, RawDocument, Verdict
from storydiff.readers import DEFAULT_MAX_BYTES, read_source
from storydiff.readers.base import read_bytes

# A two-sided bead is a real link only if its sides are this similar. Translations of one
# sentence score 0.6-0.95 with USE; different sentences on the same topic 0.2-0.5.
LINK_MIN = 0.5
# An "uncertain" line (very short, at the page edge) is furniture unless some paragraph of
# the other version is at least this similar to it.
COUNTERPART_MIN = 0.5
# same_story: at least this share of one version's sentences has a counterpart in the
# other (max of the two, so an excerpt or a shortened copy still counts).
SAME_STORY_COVERAGE = 0.5
# related: a few sentences in common, or both texts about the same subject (centroid).
RELATED_COVERAGE = 0.15
RELATED_CENTROID = 0.55
# Titles whose embeddings are this similar say the same thing.
TITLE_SAME = 0.6
MAX_RUN = 3  # longest run of sentences on one side of a bead

Input = str | Path | Article | RawDocument


@dataclass(frozen=True)
class CompareOptions:
    keep_boilerplate: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    align: AlignParams = field(default_factory=AlignParams)


def compare(
    a: Input,
    b: Input,
    *,
    encoder: Encoder | str | None = None,
    options: CompareOptions | None = None,
) -> Comparison:
    """Compare two versions of a story. ``a``/``b``: a path, ``-``, text, or an Article."""
    options = options or CompareOptions()
    enc = _encoder(encoder)
    art_a, art_b = _articles(a, b, enc, options)
    return compare_articles(art_a, art_b, encoder=enc, options=options)


def compare_articles(
    art_a: Article,
    art_b: Article,
    *,
    encoder: Encoder | str | None = None,
    options: CompareOptions | None = None,
) -> Comparison:
    """Compare two analysed articles (the step every face ends in)."""
    options = options or CompareOptions()
    enc = _encoder(encoder)
    runs_a = encode_runs([s.text for s in art_a.sentences], enc)
    runs_b = encode_runs([s.text for s in art_b.sentences], enc)
    raw = align_runs(runs_a, runs_b, options.align)
    beads = _links(raw)
    aligned_a = {i for bead in beads if bead.a and bead.b for i in bead.a}
    aligned_b = {j for bead in beads if bead.a and bead.b for j in bead.b}
    only_a = [i for i in range(len(art_a.sentences)) if i not in aligned_a]
    only_b = [j for j in range(len(art_b.sentences)) if j not in aligned_b]
    cov_a = len(aligned_a) / max(1, len(art_a.sentences))
    cov_b = len(aligned_b) / max(1, len(art_b.sentences))
    similarity = _similarity(beads, art_a, art_b)
    centroid = _centroid_similarity(runs_a[1], runs_b[1])
    verdict = decide_verdict(cov_a, cov_b, centroid)
    return Comparison(
        a=art_a,
        b=art_b,
        verdict=verdict,
        similarity=similarity,
        coverage_a=cov_a,
        coverage_b=cov_b,
        alignment=beads,
        only_in_a=only_a,
        only_in_b=only_b,
        structure_differences=structure_differences(art_a, art_b, enc),
        details={
            "encoder": f"{enc.name} {enc.version}",
            "topic_similarity": round(centroid, 4),
            "thresholds": {
                "link_min": LINK_MIN,
                "same_story_coverage": SAME_STORY_COVERAGE,
                "related_coverage": RELATED_COVERAGE,
                "related_topic": RELATED_CENTROID,
            },
        },
    )


def decide_verdict(coverage_a: float, coverage_b: float, topic_similarity: float) -> Verdict:
    """same_story when most of one version is found in the other; related when some of
    it is, or when both are about the same subject; different otherwise."""
    best = max(coverage_a, coverage_b)
    if best >= SAME_STORY_COVERAGE:
        return "same_story"
    if best >= RELATED_COVERAGE or topic_similarity >= RELATED_CENTROID:
        return "related"
    return "different"


def load_article(
    source: Input,
    *,
    encoder: Encoder | str | None = None,
    options: CompareOptions | None = None,
) -> Article:
    """Read and analyse one input on its own (no counterpart test for uncertain lines)."""
    options = options or CompareOptions()
    if isinstance(source, Article):
        return source
    enc = _encoder(encoder)
    ex = extract(_raw(source, options), keep_boilerplate=options.keep_boilerplate)
    return build_article(ex, supported_scripts=enc.scripts)


def encode_runs(texts: Sequence[str], encoder: Encoder, max_run: int = MAX_RUN) -> Runs:
    """Embeddings of every run of 1..max_run consecutive sentences, read as one text.

    All runs are encoded in one batch: one call to the model is much faster than many.
    """
    batch: list[str] = []
    slices: dict[int, slice] = {}
    for k in range(1, max_run + 1):
        if len(texts) < k:
            break
        start = len(batch)
        batch += [" ".join(texts[i : i + k]) for i in range(len(texts) - k + 1)]
        slices[k] = slice(start, len(batch))
    if not batch:
        return {1: np.zeros((0, encoder.dim), dtype=np.float32)}
    vectors = encoder.encode(batch)
    return {k: vectors[s] for k, s in slices.items()}


def structure_differences(a: Article, b: Article, encoder: Encoder) -> list[FieldDifference]:
    """Headline, byline and credits present in one version only, or differing."""
    diffs: list[FieldDifference] = []
    for name in ("title", "byline"):
        va, vb = getattr(a, name), getattr(b, name)
        if va and not vb:
            diffs.append(FieldDifference(name, "only_in_a", va, None))
        elif vb and not va:
            diffs.append(FieldDifference(name, "only_in_b", None, vb))
        elif va and vb:
            score = float(np.dot(*encoder.encode([va, vb])))
            same = score >= TITLE_SAME if name == "title" else va.casefold() == vb.casefold()
            if not same:
                diffs.append(FieldDifference(name, "differs", va, vb, score))
    for credit in a.credits:
        diffs.append(FieldDifference("credit", "only_in_a", credit, None))
    for credit in b.credits:
        diffs.append(FieldDifference("credit", "only_in_b", None, credit))
    return diffs


# --- helpers -----------------------------------------------------------------------------


def _encoder(encoder: Encoder | str | None) -> CachedEncoder:
    if encoder is None or isinstance(encoder, str):
        return get_encoder(encoder or "use")
    if isinstance(encoder, CachedEncoder):
        return encoder
    return CachedEncoder(encoder)


def _raw(source: Input, options: CompareOptions) -> RawDocument:
    if isinstance(source, RawDocument):
        return source
    if isinstance(source, Path) or _looks_like_path(source):
        return read_source(source, max_bytes=options.max_bytes)
    assert isinstance(source, str)
    return read_bytes(source.encode("utf-8"), source="<text>", max_bytes=options.max_bytes)


def _looks_like_path(value: object) -> bool:
    if not isinstance(value, str):
        return False
    if value == "-":
        return True
    if "\n" in value or len(value) > 1024:
        return False
    return Path(value).exists() or Path(value).suffix.lower() in {".txt", ".html", ".htm"}


def _articles(
    a: Input, b: Input, enc: CachedEncoder, options: CompareOptions
) -> tuple[Article, Article]:
    if isinstance(a, Article) and isinstance(b, Article):
        return a, b
    ex_a = (
        None
        if isinstance(a, Article)
        else extract(_raw(a, options), keep_boilerplate=options.keep_boilerplate)
    )
    ex_b = (
        None
        if isinstance(b, Article)
        else extract(_raw(b, options), keep_boilerplate=options.keep_boilerplate)
    )
    if ex_a is not None and ex_b is not None and not options.keep_boilerplate:
        resolve_with_counterpart(ex_a, ex_b, enc)
        resolve_with_counterpart(ex_b, ex_a, enc)
    art_a = a if isinstance(a, Article) else build_article(ex_a, supported_scripts=enc.scripts)  # type: ignore[arg-type]
    art_b = b if isinstance(b, Article) else build_article(ex_b, supported_scripts=enc.scripts)  # type: ignore[arg-type]
    return art_a, art_b


def resolve_with_counterpart(ex: Extracted, other: Extracted, encoder: Encoder) -> None:
    """Drop uncertain lines of ``ex`` that nothing in ``other`` resembles.

    A two-word line at the bottom of one copy and nowhere in the other is the
    republisher's furniture; the same line in both copies is part of the story.
    """
    uncertain = [p for p in ex.paragraphs if p.uncertain]
    if not uncertain or not other.paragraphs:
        return
    vec_u = encoder.encode([p.text for p in uncertain])
    vec_o = encoder.encode([p.text for p in other.paragraphs])
    best = (vec_u @ vec_o.T).max(axis=1)
    for paragraph, score in zip(uncertain, best, strict=True):
        if score < COUNTERPART_MIN and len(ex.paragraphs) > 1:
            ex.drop(paragraph, f"{paragraph.reason}, with no counterpart in the other version")


def _links(raw: list[RawBead]) -> list[Bead]:
    """Keep two-sided beads that are similar enough; split the rest into one-sided ones."""
    out: list[Bead] = []
    for bead in raw:
        if bead.a and bead.b and bead.score < LINK_MIN:
            out += [Bead([i], [], 0.0) for i in bead.a]
            out += [Bead([], [j], 0.0) for j in bead.b]
        else:
            out.append(Bead(list(bead.a), list(bead.b), bead.score))
    return out


def _similarity(beads: list[Bead], a: Article, b: Article) -> float:
    """Share of both texts' characters that is aligned, weighted by link similarity."""
    len_a = [len(s.text) for s in a.sentences]
    len_b = [len(s.text) for s in b.sentences]
    total = sum(len_a) + sum(len_b)
    if not total:
        return 0.0
    weighted = sum(
        bead.score * (sum(len_a[i] for i in bead.a) + sum(len_b[j] for j in bead.b))
        for bead in beads
        if bead.a and bead.b
    )
    return float(weighted / total)


def _centroid_similarity(va: np.ndarray, vb: np.ndarray) -> float:
    """Cosine of the two documents' mean sentence vectors: what the texts are about."""
    if not len(va) or not len(vb):
        return 0.0
    ca, cb = va.mean(0), vb.mean(0)
    denom = float(np.linalg.norm(ca) * np.linalg.norm(cb))
    return float(ca @ cb / denom) if denom else 0.0


__all__ = ["CompareOptions", "InputError", "compare", "compare_articles", "load_article"]
