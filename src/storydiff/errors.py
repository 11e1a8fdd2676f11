"""Errors a user can fix. Faces turn these into one line on stderr and exit code 2."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: the message names the input, what was wrong and what to do.

    Kept as one class (not a hierarchy) because every face treats all user errors the
    same way: show the message, stop, never print a traceback.
    """

    def __init__(self, source: str, problem: str, hint: str | None = None) -> None:
        self.source = source
        self.problem = problem
        self.hint = hint
        message = f"{source}: {problem}"
        if hint:
            message += f". {hint}"
        super().__init__(message)


class InputWarning(UserWarning):
    """Input that was read, but not cleanly (mixed encodings, a wrong byte-order mark).

    The CLI prints these as one line on stderr; the web API returns them under
    ``warnings``. The message names the input and what was done about it.
    """
