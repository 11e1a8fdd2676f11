"""Collections: many articles indexed once, then found and clustered across languages.

``Index`` (in :mod:`storydiff.collection.index`) is the entry point: open a store, add
inputs, find the versions of an article, cluster stories. Imported lazily, because
:mod:`storydiff.compare` uses this package's story similarity and the index uses compare.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Index"]


def __getattr__(name: str) -> Any:
    if name == "Index":
        from storydiff.collection.index import Index

        return Index
    raise AttributeError(name)
