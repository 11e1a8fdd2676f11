"""Extracted text -> Article: language, sentences with spans, per-sentence language, facts."""

from __future__ import annotations

from typing import NamedTuple

from storydiff.errors import SPLIT_DOCUMENT, InputError, TooManySentences
from storydiff.extract import Extracted
from storydiff.facts import extract_facts
from storydiff.language import (
    detect_language,
    dominant_script,
    no_language_error,
    sentence_language,
)
from storydiff.model import Article, Sentence
from storydiff.segment import split_sentences

PARAGRAPH_SEPARATOR = "\n\n"
# The most sentences of one document that storydiff analyses. Memory and time grow with
# the sentences (each has four run vectors of 2 KB for the alignment, and the model reads
# it four times): 10,000 sentences a side took a worker from 240 to 530-590 MB and 43-60 s
# on 2 cores (20,000: 800 MB and 60-90 s). News articles have tens to hundreds of
# sentences; a 20 MB page of one-word sentences has 3 million, and is refused after
# segmenting a little more than this many, in seconds.
MAX_SENTENCES = 10_000


def build_article(
    ex: Extracted,
    *,
    supported_scripts: frozenset[str] | None = None,
    segmented: Segmented | None = None,
    facts: bool = True,
) -> Article:
    """Segment the content paragraphs, identify languages and extract the facts.

    ``supported_scripts`` are the writing systems the encoder can embed; text in another
    script would give meaningless vectors, so it is refused with a clear message.
    ``segmented``: what ``segment_paragraphs(ex, ...)`` gave for these paragraphs, when
    the caller has it already. ``facts=False`` leaves the facts out (``extract_facts``
    later: a collection extracts them on first use).
    """
    if segmented is None:
        segmented = segment_paragraphs(ex, supported_scripts=supported_scripts)
    text, language, sentences = segmented
    article = Article(
        source=ex.source,
        text=text,
        paragraphs=[p.text for p in ex.paragraphs],
        sentences=list(sentences),
        language=language,
        title=ex.title,
        byline=ex.byline,
        date=ex.date,
        url=ex.url,
        credits=list(ex.credits),
        boilerplate=list(ex.boilerplate),
    )
    if facts:
        article.facts = extract_facts(article)
    return article


class Segmented(NamedTuple):
    """The content text, its language and its sentences (``Sentence.paragraph`` indexes
    the paragraphs they were read from)."""

    text: str
    language: str | None
    sentences: list[Sentence]


def segment_paragraphs(
    ex: Extracted,
    *,
    supported_scripts: frozenset[str] | None = None,
    max_sentences: int = MAX_SENTENCES,
) -> Segmented:
    """The first steps of ``build_article``: script check, language, sentences.

    Raises TooManySentences as soon as the text has more than ``max_sentences``."""
    paragraphs = [p.text for p in ex.paragraphs]
    text = PARAGRAPH_SEPARATOR.join(paragraphs)
    script = dominant_script(text)
    if supported_scripts is not None and script is None:
        raise no_language_error(ex.source)
    if supported_scripts is not None and script not in supported_scripts:
        raise InputError(
            ex.source,
            f"text is in an unsupported script ({script.title()})",
            "Supported: "
            + ", ".join(sorted(s.title() for s in supported_scripts))
            + "; pass --encoder with a model that covers this script",
        )
    language, _ = detect_language(text)
    sentences: list[Sentence] = []
    offset = 0
    for p_index, paragraph in enumerate(paragraphs):
        spans = split_sentences(paragraph, language, limit=max_sentences - len(sentences))
        if len(sentences) + len(spans) > max_sentences:
            raise too_many_sentences(ex.source, max_sentences)
        for start, end in spans:
            sent_text = paragraph[start:end]
            sentences.append(
                Sentence(
                    index=len(sentences),
                    text=sent_text,
                    paragraph=p_index,
                    start=offset + start,
                    end=offset + end,
                    language=sentence_language(sent_text, language),
                )
            )
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return Segmented(text, language, sentences)


def too_many_sentences(source: str, limit: int) -> TooManySentences:
    """The error for a document with more than ``limit`` sentences."""
    return TooManySentences(
        source,
        f"more than {limit:,} sentences, the most storydiff analyses in one document",
        SPLIT_DOCUMENT,
    )
