"""Validation errors as one line that names each field at fault.

Both a JSON body checked by a pydantic model (``POST /api/find``) and query parameters
checked by FastAPI (``GET /api/stories?limit=abc``) come back as
``{"error": "\\"limit\\": must be a valid integer, ..."}``: the field, then pydantic's own
words. The value sent is never echoed back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# Where FastAPI says a request value came from: not part of the field's name.
_PLACES = frozenset({"body", "query", "path", "header", "cookie"})
MAX_NAMED = 5


def field_errors(errors: Iterable[Mapping[str, Any]], hint: str = "see /docs") -> str:
    """'"k": must be a valid integer; "lang": must be a valid list (see /docs)'."""
    parts = []
    for err in list(errors)[:MAX_NAMED]:
        loc = [str(p) for p in err.get("loc", ())]
        if loc and loc[0] in _PLACES:
            loc = loc[1:]
        message = str(err.get("msg", "is not valid")).removeprefix("Value error, ")
        if message.startswith("Input should be "):
            message = "must be " + message.removeprefix("Input should be ")
        if not loc:
            parts.append("the body must be a JSON object")
            continue
        parts.append(f'"{".".join(loc)}": {message}')
    return "; ".join(parts or ["the request is not valid"]) + f" ({hint})"


__all__ = ["field_errors"]
