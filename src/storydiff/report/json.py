"""The JSON contract of ``storydiff compare --format json`` (docs in design.md)."""

from __future__ import annotations

import json

from storydiff.model import Comparison


def comparison_json(comparison: Comparison, *, indent: int | None = 2) -> str:
    """Serialise a Comparison; ``ensure_ascii=False`` keeps „quotes“ and accents readable."""
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=indent)
