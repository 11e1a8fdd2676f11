"""One record -> one analysed, embedded article: the steps ``storydiff index`` and the
pipeline's stages share (one code path for both).

    extract_record(record)            -> Extracted      (main text, title, date; or InputError)
    analyse_extracted(ex, record)     -> Article        (language, sentences, facts)
    embed_articles(encoder, articles) -> [(sentence vectors, document vector)]
    embed_with_parts(encoder, articles) -> [(sentence vectors, document vector, run parts)]

The pipeline runs the first two as separate stages (its ``extract`` and ``analyse``
shards); ``Index.add`` runs them one after the other.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storydiff.analyse import build_article
from storydiff.collection.story import document_vector, lead_text
from storydiff.encoders import CachedEncoder
from storydiff.encoders.base import normalise_rows
from storydiff.errors import InputError
from storydiff.extract import extract
from storydiff.extract.pipeline import Extracted
from storydiff.model import Article
from storydiff.readers.dates import normalise_date
from storydiff.readers.records import Record


def extract_record(rec: Record) -> Extracted:
    """The article text of one record. Raises InputError when there is none."""
    ex = extract(rec.raw)
    if not ex.paragraphs:
        raise InputError(rec.position, "no article text found")
    return ex


def analyse_extracted(
    ex: Extracted,
    rec: Record,
    *,
    supported_scripts: frozenset[str] | None = None,
    facts: bool = True,
) -> Article:
    """Language, sentences and (unless ``facts=False``) facts of an extracted article,
    with what the record says about it (URL, title, date, language). Raises InputError
    when no sentence is found."""
    article = build_article(ex, supported_scripts=supported_scripts, facts=facts)
    if not article.sentences:
        raise InputError(rec.position, "no sentences found")
    return replace_metadata(article, rec)


def embed_articles(
    encoder: CachedEncoder, articles: Sequence[Article]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Sentence vectors ((n_sentences, dim) float32, unit rows) and the document vector
    ((dim,) float32, unit) of each article, with every sentence, title and lead of the
    batch embedded in one call to the model (each distinct text once)."""
    texts: list[str] = []
    for art in articles:
        texts += [s.text for s in art.sentences]
        texts.append(lead_text(art))
        if art.title:
            texts.append(art.title)
    unique = list(dict.fromkeys(texts))
    if not unique:
        return []
    vectors = normalise_rows(encoder.inner.encode(unique))
    row = {t: i for i, t in enumerate(unique)}
    out: list[tuple[np.ndarray, np.ndarray]] = []
    for art in articles:
        sent = vectors[[row[s.text] for s in art.sentences]]
        title = vectors[row[art.title]] if art.title else None
        lead = vectors[row[lead_text(art)]]
        out.append((sent, document_vector(art, sent, title, lead)))
    return out


def embed_with_parts(
    encoder: CachedEncoder, articles: Sequence[Article]
) -> list[tuple[np.ndarray, np.ndarray, object | None]]:
    """``embed_articles``, with each article's run parts (``compare.article_parts``: what
    aligning it needs of the encoder, kept by a collection) from one pass of the model
    over its sentences: its sentence vectors and lead come from that pass too (equal to
    ``embed_articles``' up to float32 rounding, as the aligner's runs are), so only the
    titles are embedded on their own. Articles the encoder makes no parts for (another
    encoder; more than 256 sentences) are embedded as ``embed_articles`` does, parts
    None."""
    from storydiff.compare import article_parts, parts_spans

    out: list[tuple[np.ndarray, np.ndarray, object | None] | None] = [None] * len(articles)
    made: list[tuple[int, np.ndarray, np.ndarray, object]] = []
    for n, art in enumerate(articles):
        parts = article_parts(art, encoder)
        vectors = None if parts is None else encoder.vectors_from_parts(*parts_spans(art), parts)
        if vectors is not None:
            made.append((n, *vectors, parts))
    titles = list(dict.fromkeys(articles[n].title for n, *_ in made if articles[n].title))
    title_vectors = dict(
        zip(titles, normalise_rows(encoder.inner.encode(titles)) if titles else [], strict=True)
    )
    for n, sent, lead, parts in made:
        art = articles[n]
        title = title_vectors[art.title] if art.title else None
        out[n] = (sent, document_vector(art, sent, title, lead[0]), parts)
    rest = [n for n, item in enumerate(out) if item is None]
    for n, (sent, doc) in zip(
        rest, embed_articles(encoder, [articles[n] for n in rest]), strict=True
    ):
        out[n] = (sent, doc, None)
    return [item for item in out if item is not None]


def replace_metadata(article: Article, rec: Record) -> Article:
    """What the input record says (title, date, URL, language) wins over what extraction
    guessed; a crawl date stands in for a missing publication date."""
    article.url = rec.url or article.url
    article.title = rec.title or article.title
    article.date = (
        normalise_date(rec.date) or normalise_date(article.date) or normalise_date(rec.fetched)
    )
    if rec.language:
        article.language = rec.language.lower()
    if rec.url:
        article.source = rec.url
    return article


__all__ = [
    "analyse_extracted",
    "embed_articles",
    "embed_with_parts",
    "extract_record",
    "replace_metadata",
]
