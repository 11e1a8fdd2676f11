"""What the server writes to its log when a request fails on the server's side.

A bug in a worker (an unexpected exception) or a worker that died is answered with a
short message and an incident id; the traceback, which may quote the documents, goes to
the server's log under that id, never to the client. Find it with
``grep INCIDENT-ID`` in the server's standard error.
"""

from __future__ import annotations

import logging
import secrets
import sys

LOGGER_NAME = "storydiff.web"
log = logging.getLogger(LOGGER_NAME)


def new_id() -> str:
    """A short random id that names one failure in the answer and in the log."""
    return secrets.token_hex(6)


def worker_bug(incident: str, what: str, path: str, traceback_text: str) -> None:
    """Log an unexpected error of a job with its traceback (from the worker process)."""
    log.error(
        "incident %s: %s for %s failed with an unexpected error (a bug in storydiff); "
        "the worker was replaced. Traceback from the worker:\n%s",
        incident,
        what,
        path,
        traceback_text.rstrip(),
    )


def worker_died(incident: str, what: str, path: str, reason: str) -> None:
    """Log a worker that died during a job (killed from outside, out of memory)."""
    log.warning("incident %s: %s for %s: %s; the worker was replaced", incident, what, path, reason)


def log_to_stderr() -> None:
    """Send the server's own messages to standard error with a time stamp (once)."""
    if any(getattr(h, "_storydiff", False) for h in log.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._storydiff = True  # type: ignore[attr-defined]
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
