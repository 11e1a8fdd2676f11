"""Extraction: from raw text or HTML to content paragraphs, structure and boilerplate."""

from storydiff.extract.pipeline import Extracted, extract

__all__ = ["Extracted", "extract"]
