"""Checks of the limits a command is given (sizes, seconds, counts of processes).

A limit that makes no sense (``--max-bytes 0``, a negative ``--timeout``, ``--workers 0``,
``nan`` seconds) is a usage error: one line on stderr and exit code 2, never a server or a
run that refuses every input or never stops. Each check returns the message to show, or
None when the value is fine; ``first_error`` picks the first of several.
"""

from __future__ import annotations

import math

# A day: longer is no time limit, and nan or inf is none at all.
MAX_TIMEOUT_S = 86_400.0
# Worker processes of one server (each holds the model: ~250 MB with USE).
MAX_PROCESSES = 64


def bytes_error(option: str, value: int | None) -> str | None:
    """A size in bytes must be at least 1."""
    if value is not None and value < 1:
        return f"{option} must be at least 1 byte (got {value})"
    return None


def seconds_error(option: str, value: float | None) -> str | None:
    """A number of seconds must be more than 0 and at most a day (so not nan or inf)."""
    if value is None:
        return None
    if not (math.isfinite(value) and 0 < value <= MAX_TIMEOUT_S):
        return f"{option} must be more than 0 and at most {MAX_TIMEOUT_S:g} seconds (got {value:g})"
    return None


def count_error(option: str, value: int | None, least: int, most: int) -> str | None:
    """A count (workers, a port number) must lie in [least, most]."""
    if value is not None and not least <= value <= most:
        return f"{option} must be {least} to {most} (got {value})"
    return None


def first_error(*errors: str | None) -> str | None:
    """The first message that is not None."""
    return next((e for e in errors if e is not None), None)
