"""Link a sentence whose facts changed with its counterpart, judged by its other words.

Sentence encoders weigh figures and names heavily: with USE, "came into force in 2017"
against its translation scores 0.69, and the same translation with "1984" 0.42, below the
link threshold; a French sentence on what "la WestLB" would bring to a merger, against its
English translation, was linked, and with "HUF" for "WestLB" (0.43) the aligner left the
two apart. A sentence in which only a figure, a date or a name changed -- the change a
fact-checker most needs to see -- is then left without a counterpart, and its fact is
reported as one-sided (or, in a one-sentence text, not at all) instead of as a conflict.

So where the alignment leaves a gap of exactly one sentence on each side between two
links (or between a link and the text's edge), and both sentences state facts of the
kinds below, the two are compared again with every such fact replaced by one placeholder;
if the masked pair clears the link threshold, they are linked with that score. Sentences
that differ in more than their facts stay apart, and so do sentences made mostly of
facts, whose few words left say too little ("Angela Merkel lobte Emmanuel Macron in
Berlin." / "Olaf Scholz attacked Donald Trump in Washington." would be linked at 0.90).
In real translations such a gap is mostly a pair the encoder scored low; the masked
comparison is what keeps one that says something else apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from storydiff.model import Article, Bead

# Fact types masked before the words are compared: figures, dates, times and names.
MASKED_TYPES = frozenset(
    {"money", "percent", "number", "date", "time", "person", "organization", "location", "source"}
)
# What every masked fact becomes: one token that both languages read alike.
PLACEHOLDER = "0"


def link_fact_gaps(
    beads: list[Bead],
    a: Article,
    b: Article,
    embed: Callable[[list[str]], np.ndarray],
    threshold: float,
) -> list[Bead]:
    """``beads`` with each one-to-one gap whose sentences differ only in their facts
    linked (see the module docstring). ``embed``: texts -> unit vectors ``(n, d)``;
    ``threshold``: the cosine a masked pair needs (the 1-1 link threshold). All masked
    texts go to ``embed`` in one call. Returns a new list; ``beads`` is not changed."""
    gaps = []
    spans_a: dict[int, list[tuple[int, int]]] | None = None
    spans_b: dict[int, list[tuple[int, int]]] | None = None
    for k in range(len(beads) - 1):
        if not _one_to_one_gap(beads, k):
            continue
        if spans_a is None or spans_b is None:  # the facts read once, at the first gap
            spans_a, spans_b = _masked_spans(a), _masked_spans(b)
        i = (beads[k].a or beads[k + 1].a)[0]
        j = (beads[k].b or beads[k + 1].b)[0]
        if not (i in spans_a and j in spans_b):
            continue
        text_a, text_b = a.sentences[i].text, b.sentences[j].text
        masked = _masked(text_a, spans_a[i]), _masked(text_b, spans_b[j])
        if _words_left(text_a, masked[0]) and _words_left(text_b, masked[1]):
            gaps.append((k, i, j, masked))
    if not gaps:
        return list(beads)
    texts = [t for *_, masked in gaps for t in masked]
    vectors = np.asarray(embed(texts), dtype=np.float32)
    linked: dict[int, Bead] = {}
    for n, (k, i, j, _) in enumerate(gaps):
        score = float(vectors[2 * n] @ vectors[2 * n + 1])
        if score >= threshold:
            linked[k] = Bead([i], [j], score)
    out: list[Bead] = []
    k = 0
    while k < len(beads):
        if k in linked:
            out.append(linked[k])
            k += 2
        else:
            out.append(beads[k])
            k += 1
    return out


# What a masked sentence must keep to be compared by its words: so many words of three
# letters or more, and this share of its letters ("0 lobte 0 in 0." / "0 attacked 0 in
# 0." or "0 ist tot." / "0 is alive." are linked at 0.8 to 0.9 by what little is left)
MIN_WORDS_LEFT = 4
MIN_LETTERS_LEFT = 0.5
_WORD = re.compile(r"[^\W\d_]{3,}")
_LETTER = re.compile(r"[^\W\d_]")


def _words_left(text: str, masked: str) -> bool:
    """Does ``masked`` (``text`` with its facts masked) keep enough words to compare?"""
    letters = len(_LETTER.findall(text))
    return (
        len(_WORD.findall(masked)) >= MIN_WORDS_LEFT
        and len(_LETTER.findall(masked)) >= MIN_LETTERS_LEFT * letters
    )


def _one_to_one_gap(beads: list[Bead], k: int) -> bool:
    """Are beads k and k+1 a one-sided A sentence and a one-sided B sentence (either
    order) with a link or the text's edge on both sides of the pair?"""
    first, second = beads[k], beads[k + 1]
    one_each = {(len(first.a), len(first.b)), (len(second.a), len(second.b))} == {(1, 0), (0, 1)}
    before = k == 0 or bool(beads[k - 1].a and beads[k - 1].b)
    after = k + 2 >= len(beads) or bool(beads[k + 2].a and beads[k + 2].b)
    return one_each and before and after


def _masked_spans(article: Article) -> dict[int, list[tuple[int, int]]]:
    """Per sentence that has any, the character spans within it of its figures, dates,
    times and names, in order."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for f in article.facts:
        if f.type in MASKED_TYPES:
            offset = article.sentences[f.sentence].start
            spans.setdefault(f.sentence, []).append((f.start - offset, f.end - offset))
    return {sentence: sorted(found) for sentence, found in spans.items()}


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` (one sentence) with each of its ``spans`` (``_masked_spans``) replaced by
    PLACEHOLDER."""
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue  # overlapping spans: the first one covers it
        out += [text[last:start], PLACEHOLDER]
        last = end
    out.append(text[last:])
    return "".join(out)
