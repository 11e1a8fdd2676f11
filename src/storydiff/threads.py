"""How many threads the numerical libraries (BLAS, OpenMP, onnxruntime) may use.

storydiff runs one BLAS thread per process unless told otherwise: on a shared machine two
threads collapse as soon as anything else runs (a warm compare of the seed pair went from
0.5 s to 10 s under load; one thread stayed under 2 s), and parallelism comes from
processes (the web app's workers), not from threads inside one. ``--threads N`` changes
it. storydiff never sets or changes the environment variables that choose a thread count
(OMP_NUM_THREADS, OPENBLAS_NUM_THREADS, ...): when the user has set one and no count was
given to storydiff, the libraries follow it.

The count is applied with threadpoolctl (through the libraries' own calls, not the
environment), to the whole process by ``apply`` and to each model call by the encoders.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

DEFAULT_THREADS = 1
# The variables through which a user chooses a thread count for these libraries.
USER_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)

_chosen: int | None = None


def user_threads() -> int | None:
    """The thread count the user's environment asks for (the first of USER_VARIABLES
    that holds a positive whole number), else None."""
    for name in USER_VARIABLES:
        value = os.environ.get(name, "").strip()
        if value.isdigit() and int(value) > 0:
            return int(value)
    return None


def current() -> int:
    """Threads for storydiff's model calls: the count chosen with ``choose``, else the
    user's environment's, else DEFAULT_THREADS."""
    if _chosen is not None:
        return _chosen
    return user_threads() or DEFAULT_THREADS


def choose(count: int | None) -> None:
    """Set the count for this process (None: back to the default rule of ``current``).

    Raises ValueError for a count under 1. Encoders read it when they load.
    """
    global _chosen
    if count is not None and count < 1:
        raise ValueError(f"the thread count must be at least 1 (got {count})")
    _chosen = count


def apply(count: int | None = None) -> None:
    """Choose ``count`` (see ``choose``) and limit every BLAS/OpenMP pool already loaded
    in this process to ``current()`` threads; with neither a count nor a user variable
    that is DEFAULT_THREADS. When the user's environment sets a count and ``count`` is
    None, the libraries are left as that environment made them."""
    choose(count)
    if count is None and user_threads() is not None:
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=current())


def in_this_thread() -> contextlib.AbstractContextManager[object]:
    """A context in which OpenMP runs ``current()`` threads in the calling thread (OpenMP
    keeps its count per thread: a thread storydiff starts does not inherit the limit the
    main thread was given); a no-op where ``apply`` leaves the libraries alone (the
    user's environment chose a count and storydiff was given none)."""
    if _chosen is None and user_threads() is not None:
        return contextlib.nullcontext()
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=current(), user_api="openmp")


def run_with_threads(count: int | None, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``apply(count)``, then ``fn(*args, **kwargs)``: how a child process sets its
    threads before it works (a module-level function, so a spawned child can take it)."""
    apply(count)
    return fn(*args, **kwargs)


class Meanwhile(Generic[T]):
    """``fn()`` run in a thread of its own, started now, while the caller works on;
    ``result()`` waits for it and returns its value or raises its exception. The thread
    limits OpenMP (E5's engine) to storydiff's thread count, as the calling thread is
    (``in_this_thread``). Worth it for work that runs without Python's lock (a model's
    engine): E5 reads leads on one core while the caller extracts facts on the other."""

    def __init__(self, fn: Callable[[], T], name: str = "storydiff-e5") -> None:
        self._fn = fn
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with in_this_thread():
                self._value = self._fn()
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc

    def result(self) -> T:
        """The value of ``fn()``, once it is done; raises what it raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]


class Shared(Generic[T]):
    """Pieces of work (``pieces``: functions of no argument) that a thread of its own
    takes one after another, in order, from now on, while the caller works on.

    ``results()`` is where the caller needs them: it takes the pieces the thread has not
    begun, last first, and runs them itself, then waits for the one the thread is on, and
    returns every piece's value in the pieces' order (len(pieces) values). Each piece runs
    exactly once, in one of the two threads. A search whose own work ends before E5 has
    read all its hits' leads would otherwise leave a core idle while it waits: with two
    threads on the remaining leads the wait halves (E5 gives the same floats in either
    thread, and one lead at a time as in a batch). ``results()`` raises what a piece raised:
    the caller's own piece's exception as it comes (the thread then takes no further
    piece), else the thread's (the thread took none after it). ``cancel()``: the thread
    takes no further piece; waits for the one it is on; ``results()`` then raises
    RuntimeError (the work is not all done)."""

    def __init__(self, pieces: list[Callable[[], T]], name: str = "storydiff-e5") -> None:
        self._pieces = list(pieces)
        self._values: list[T | None] = [None] * len(self._pieces)
        self._lock = threading.Lock()
        self._front = 0  # the next piece the thread takes
        self._back = len(self._pieces)  # the pieces from here on were taken by the caller
        self._error: BaseException | None = None
        self._cancelled = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _take_front(self) -> int | None:
        with self._lock:
            if self._error is not None or self._front >= self._back:
                return None
            self._front += 1
            return self._front - 1

    def _take_back(self) -> int | None:
        with self._lock:
            if self._error is not None or self._front >= self._back:
                return None
            self._back -= 1
            return self._back

    def _run(self) -> None:
        try:
            with in_this_thread():
                while (i := self._take_front()) is not None:
                    self._values[i] = self._pieces[i]()
        except BaseException as exc:  # handed to the caller by results()
            with self._lock:
                self._error = self._error or exc

    def results(self) -> list[T]:
        """Every piece's value, in order, once all have run (see the class)."""
        try:
            while (i := self._take_back()) is not None:
                self._values[i] = self._pieces[i]()
        except BaseException:
            self.cancel()
            raise
        self._thread.join()
        if self._error is not None:
            raise self._error
        if self._cancelled:
            raise RuntimeError("this shared work was cancelled: not every piece ran")
        return list(self._values)  # type: ignore[arg-type]

    def cancel(self) -> None:
        """Let the thread take no further piece, and wait for the one it is on."""
        with self._lock:
            self._cancelled = self._cancelled or self._front < self._back
            self._back = self._front
        self._thread.join()
