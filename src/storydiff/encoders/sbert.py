"""Adapter for sentence-transformers models (LaBSE, your own fine-tuned model ...).

Optional: ``pip install storydiff[sbert]``. Anything with sentence-transformers' ``encode``
signature can be wrapped, which is also how the adapter is tested without torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from storydiff.encoders.base import normalise_rows
from storydiff.errors import InputError


class SentenceTransformerEncoder:
    scripts: frozenset[str] | None = None  # unknown: the user chose the model

    def __init__(self, model: Any, *, name: str | None = None, batch_size: int = 64) -> None:
        self._model = model
        self.batch_size = batch_size
        self.name = name or str(getattr(model, "model_name_or_path", type(model).__name__))
        self.version = str(getattr(model, "__version__", "unknown"))
        # sentence-transformers 6 renamed the method; older releases have only the first
        dim = getattr(model, "get_embedding_dimension", None) or getattr(
            model, "get_sentence_embedding_dimension", None
        )
        self.dim = int(dim()) if callable(dim) else int(self.encode(["dim probe"]).shape[1])

    @classmethod
    def from_name(cls, name_or_path: str) -> SentenceTransformerEncoder:
        """Load a local model directory or a name already in the local HF cache."""
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise InputError(
                "--encoder sbert",
                "sentence-transformers is not installed",
                "Run: pip install 'storydiff[sbert]'",
            ) from None
        try:
            model = SentenceTransformer(name_or_path, local_files_only=True)
        except Exception as exc:  # the library raises many types for a missing model
            raise InputError(
                f"--encoder sbert:{name_or_path}",
                f"cannot load the model ({type(exc).__name__})",
                "Pass a local model directory; storydiff never downloads models",
            ) from None
        return cls(model, name=f"sbert-{name_or_path}")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, getattr(self, "dim", 0)), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return normalise_rows(vectors)
