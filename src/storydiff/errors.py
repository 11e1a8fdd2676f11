"""Errors a user can fix. Faces turn these into one line on stderr and exit code 2."""

from __future__ import annotations

import re
import unicodedata

# Characters that would break a one-line message or hide what it says: controls (a
# newline in a file name), line and paragraph separators, format characters (bidi
# overrides that reorder what is shown), and the lone surrogates that stand for bytes of a
# file name that are not UTF-8 (which could not even be printed).
_ESCAPED_CATEGORIES = frozenset({"Cc", "Zl", "Zp", "Cf", "Cs"})


def one_line(text: str) -> str:
    """``text`` with every character that could break or disguise a one-line message
    escaped as Python writes it (``\\n``, ``\\x1b``, ``\\u202e``, ``\\udcff``)."""
    if text.isprintable():  # the usual case, at C speed
        return text
    return "".join(
        ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        if unicodedata.category(ch) in _ESCAPED_CATEGORIES
        else ch
        for ch in text
    )


class InputError(Exception):
    """Bad input: the message names the input, what was wrong and what to do.

    Kept as one class (not a hierarchy) because every face treats all user errors the
    same way: show the message, stop, never print a traceback.
    """

    def __init__(self, source: str, problem: str, hint: str | None = None) -> None:
        self.source = source
        self.problem = problem
        self.hint = hint
        message = f"{one_line(source)}: {problem}"
        if hint:
            message += f". {hint}"
        super().__init__(message)


class TooManySentences(InputError):
    """A document with more sentences than storydiff analyses (``analyse.MAX_SENTENCES``).

    An InputError like any other for every face; its own class only so that a step that
    retries after an InputError (``compare``'s handling of uncertain lines) does not
    retry this one, which no retry can fix."""


class InputWarning(UserWarning):
    """Input that was read, but not cleanly (mixed encodings, a wrong byte-order mark).

    The CLI prints these as one line on stderr; the web API returns them under
    ``warnings``. The message names the input and what was done about it.
    """


# What to do with a document past one of the limits on its size in parts.
SPLIT_DOCUMENT = "Compare a part of it (a chapter, a section), or split it into several documents"


def refuse_past(
    pattern: re.Pattern[str], text: str, limit: int, source: str, what: str, hint: str
) -> None:
    """Raise :class:`InputError` when ``pattern`` matches ``text`` more than ``limit`` times
    (``what`` names one match in the message, ``hint`` says what to do); the count stops at
    the limit, so nothing is built from a text past it."""
    for count, _ in enumerate(pattern.finditer(text), 1):
        if count > limit:
            raise InputError(
                source,
                f"more than {limit:,} {what}, the most storydiff reads in one document",
                hint,
            )
