"""Publication dates as inputs give them -> one form (ISO 8601), or None.

Feeds and crawls write dates in two families: ISO 8601 / RFC 3339 (JSON feeds, Atom,
``2024-09-10T08:15:00Z``) and the e-mail form of RFC 2822 that RSS uses
(``Tue, 10 Sep 2024 08:15:00 GMT``). Both are read with the standard library; anything
else is not guessed (a wrong date would silently move an article out of its story's time
window), and the caller counts it so that the user hears of it.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime


def normalise_date(value: str | None) -> str | None:
    """``value`` as ISO 8601: a date (``2024-09-10``) when only a day is given, else a
    date-time to the second, with its UTC offset when the input has one. None for an
    empty value or one in no form this module reads."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None:
        if "T" in text or " " in text:
            return parsed.isoformat(timespec="seconds")
        return parsed.date().isoformat()
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.isoformat(timespec="seconds")


__all__ = ["normalise_date"]
