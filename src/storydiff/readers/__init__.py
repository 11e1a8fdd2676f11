"""Readers turn a path, ``-`` (stdin), raw bytes or a string into a :class:`RawDocument`."""

from storydiff.readers.base import DEFAULT_MAX_BYTES, read_bytes, read_source

__all__ = ["DEFAULT_MAX_BYTES", "read_bytes", "read_source"]
