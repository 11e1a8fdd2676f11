"""Sentences in, beads out: embedding runs of sentences and calling the DP.

``align.py`` is the pure algorithm over arrays; this module connects it to an encoder
and to sentence texts, for ``storydiff compare`` and ``storydiff align`` alike.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storydiff.align import AlignParams, RawBead, Runs, align_runs
from storydiff.analyse import MAX_SENTENCES, too_many_sentences
from storydiff.encoders import Encoder, as_encoder
from storydiff.encoders.base import RunEncoder, joined_runs
from storydiff.inputs import Input, load_article, to_raw
from storydiff.model import Alignment, Bead
from storydiff.readers import DEFAULT_MAX_BYTES

# Longest run of sentences on one side of a bead (beads are at most 5 sentences in all).
MAX_RUN = 4


def encode_runs(texts: Sequence[str], encoder: Encoder, max_run: int = MAX_RUN) -> Runs:
    """Embeddings of every run of 1..max_run consecutive sentences, read as one text.

    An encoder with ``encode_runs`` (the default USE, through its cache) builds them from
    one pass over the sentences; any other embeds each run as a joined text, all in one
    batch.
    """
    if isinstance(encoder, RunEncoder):
        return encoder.encode_runs(texts, max_run)
    return joined_runs(texts, max_run, encoder.encode, encoder.dim)


def align_sentences(
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    runs_a: Runs,
    runs_b: Runs,
    params: AlignParams | None = None,
) -> list[RawBead]:
    """Align two lists of sentences whose runs are already embedded."""
    return align_runs(
        runs_a,
        runs_b,
        params,
        lengths_a=np.array([len(t) for t in texts_a], dtype=np.float64),
        lengths_b=np.array([len(t) for t in texts_b], dtype=np.float64),
    )


def align_texts(
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    encoder: Encoder,
    params: AlignParams | None = None,
) -> list[RawBead]:
    """Embed and align two lists of sentences (the presegmented path)."""
    return align_sentences(
        texts_a, texts_b, encode_runs(texts_a, encoder), encode_runs(texts_b, encoder), params
    )


def align_documents(
    a: Input,
    b: Input,
    *,
    presegmented: bool = False,
    encoder: Encoder | str | None = None,
    params: AlignParams | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Alignment:
    """Align two documents. ``presegmented``: each line of a file is one sentence (as in
    Text+Berg and Vecalign's inputs); otherwise storydiff extracts and segments them."""
    enc = as_encoder(encoder)
    sides = []
    for source in (a, b):
        if presegmented:
            raw = to_raw(source, max_bytes)
            lines = presegmented_lines(raw.text)
            if len(lines) > MAX_SENTENCES:
                raise too_many_sentences(raw.source, MAX_SENTENCES)
            sides.append((raw.source, lines))
        else:
            article = load_article(source, encoder=enc, max_bytes=max_bytes)
            sides.append((article.source, [s.text for s in article.sentences]))
    (src_a, texts_a), (src_b, texts_b) = sides
    raw_beads = align_texts(texts_a, texts_b, enc, params)
    return Alignment(
        source_a=src_a,
        source_b=src_b,
        sentences_a=texts_a,
        sentences_b=texts_b,
        beads=[Bead(list(r.a), list(r.b), r.score) for r in raw_beads],
        encoder=f"{enc.name} {enc.version}",
    )


def presegmented_lines(text: str) -> list[str]:
    """One sentence per line; a final newline does not make an extra empty sentence."""
    lines = text.split("\n")
    if lines and not lines[-1].strip():
        lines.pop()
    return [line.strip() for line in lines]
