"""Run analyses in a separate process, so that a time limit really stops the work.

A thread cannot be stopped, and a regular expression that runs for minutes holds the
interpreter lock the whole time, so neither ``asyncio.wait_for`` nor a watchdog thread can
end it. A process can be killed. Every face that promises a time limit runs its work here:

* the CLI (``--timeout``) runs one job in one child process (:func:`run_with_deadline`);
* the web app keeps a small pool of warm worker processes (:class:`WorkerPool`) with the
  encoder loaded once each; a worker that passes the deadline is killed and replaced, and
  a worker whose memory has grown past a bound is recycled after its job.

Jobs are plain module-level functions and their arguments (picklable); what comes back is
``("ok", value, warnings)``, ``("input_error", message, warnings)`` for a user error, or
``("error", traceback text, warnings)`` for a bug, which is raised as :class:`WorkerError`.
"""

from __future__ import annotations

import contextlib
import gc
import heapq
import multiprocessing
import os
import threading
import time
import traceback
import warnings
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from storydiff.errors import InputError

if TYPE_CHECKING:
    import asyncio

# A worker whose resident memory passes this after a job is replaced by a fresh one (a
# ready worker holds 150-250 MB; one that kept more is holding on to a large job's heap).
DEFAULT_MAX_WORKER_RSS = 600_000_000
# Waiting jobs are ordered by arrival, a job of N input bytes counted as arriving
# N / HEADSTART_BYTES_PER_S seconds late: the seed pair (12 kB) 0.25 s, a 1 MB input 20 s.
HEADSTART_BYTES_PER_S = 50_000


class DeadlineExceeded(Exception):
    """The job did not finish in time; its process has been killed."""


class WorkerError(RuntimeError):
    """The job failed with an unexpected error (a bug), or its process died."""


class WorkerDied(WorkerError):
    """The job's process died before it answered (killed from outside, by the kernel's
    out-of-memory killer, or a crash in native code)."""


class WorkerBusy(Exception):
    """Every worker is busy and the queue of waiting jobs is full."""


class TooManySlow(WorkerBusy):
    """The job ran past ``slow_after`` while the most allowed long jobs were running; it
    was stopped so that the workers kept for short jobs stay free."""


def _context(method: str | None = None) -> multiprocessing.context.BaseContext:
    if method is None:
        # fork starts in milliseconds and inherits what the parent has loaded; where it is
        # not available (Windows, macOS by default), spawn.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def _execute(fn: Callable[..., Any], args: tuple, kwargs: dict) -> tuple[str, Any, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = fn(*args, **kwargs)
            status: tuple[str, Any] = ("ok", value)
        except InputError as exc:
            status = ("input_error", str(exc))
        except MemoryError:
            status = ("input_error", "input too complex to analyse within the memory limit")
        except Exception:
            status = ("error", traceback.format_exc())
    notes = list(dict.fromkeys(str(w.message) for w in caught if _is_input_warning(w)))
    return status[0], status[1], notes


def _is_input_warning(w: warnings.WarningMessage) -> bool:
    from storydiff.errors import InputWarning

    return issubclass(w.category, InputWarning)


def _child_once(conn: Connection, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    """Run one job and send its outcome. What the process held before the job (modules,
    tables, a model: everything the parent had loaded, under fork) lives until the
    process ends, so it is moved out of the garbage collector's sight (``gc.freeze``):
    its collections then go through the job's own objects only (0.04 s of CPU in a cold
    seed compare went to collections that went through the modules again and again)."""
    gc.freeze()
    try:
        result = _execute(fn, args, kwargs)
        conn.send(result)
    except Exception:  # the value could not be pickled: a bug, reported as one
        conn.send(("error", traceback.format_exc(), []))
    finally:
        conn.close()


def run_with_deadline(
    fn: Callable[..., Any],
    *args: Any,
    timeout: float,
    start_method: str | None = None,
    **kwargs: Any,
) -> tuple[Any, list[str]]:
    """Run ``fn(*args, **kwargs)`` in a child process; kill it after ``timeout`` seconds.

    Returns (value, warnings). Raises InputError as the child raised it (message only),
    DeadlineExceeded, or WorkerError."""
    ctx = _context(start_method)
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child_once, args=(child, fn, args, kwargs), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise DeadlineExceeded(f"took longer than {timeout:g} s")
        try:
            status, value, notes = parent.recv()
        except EOFError:
            process.join(timeout=2)
            raise WorkerDied(f"the analysis process died (exit code {process.exitcode})") from None
    finally:
        _stop(process)
        parent.close()
    return _unwrap(status, value), notes


def _unwrap(status: str, value: Any) -> Any:
    if status == "ok":
        return value
    if status == "input_error":
        raise _MessageOnlyInputError(value)
    raise WorkerError(value)


class _MessageOnlyInputError(InputError):
    """An InputError rebuilt from its message on the other side of a process boundary."""

    def __init__(self, message: str) -> None:
        source, _, problem = message.partition(": ")
        Exception.__init__(self, message)
        self.source, self.problem, self.hint = source, problem, None


def _stop(process: multiprocessing.process.BaseProcess) -> None:
    if process.is_alive():
        process.kill()
    process.join(timeout=5)
    with contextlib.suppress(Exception):
        process.close()


# ---------------------------------------------------------------- the web app's pool


def _serve(
    conn: Connection, setup: Callable[[], None] | None, nice: int, max_memory: int = 0
) -> None:
    """A pool worker's loop: warm up once, then run jobs until the pipe closes.

    ``max_memory`` (bytes of address space, 0: none) is set after the warm-up: a job that
    needs more gets a MemoryError, reported as an input too complex to analyse, instead of
    the machine's out-of-memory killer."""
    if nice:
        with contextlib.suppress(OSError):
            os.nice(nice)  # the server process, which answers /healthz, goes first
    if setup is not None:
        setup()
    if max_memory:
        with contextlib.suppress(ImportError, ValueError, OSError):
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    conn.send(("ready", None, []))
    while True:
        try:
            fn, args, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        result = _execute(fn, args, kwargs)
        del fn, args, kwargs
        # before the answer, so that the pool's memory check after the job sees it done
        # (well under a millisecond after an ordinary comparison)
        _give_back_heap()
        try:
            conn.send(result)
        except Exception:
            conn.send(("error", traceback.format_exc(), []))
        del result


def _give_back_heap() -> None:
    """Return the free memory of the C heap to the system after a job (glibc keeps what a
    large job freed, and a worker would otherwise stay as large as its largest job)."""
    global _malloc_trim
    if _malloc_trim is None:
        try:
            import ctypes

            _malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _malloc_trim = False
    if _malloc_trim:
        _malloc_trim(0)


_malloc_trim: Any = None


def _renice(pid: int, nice: int) -> bool:
    """Set the priority of every thread of a process (on Linux, priority is per thread,
    and the model's BLAS threads do the work). False if any could not be set."""
    try:
        tids = [int(t) for t in os.listdir(f"/proc/{pid}/task")]
    except OSError:
        tids = [pid]
    done = True
    for tid in tids:
        try:
            os.setpriority(os.PRIO_PROCESS, tid, nice)
        except ProcessLookupError:
            continue  # a thread that just ended
        except OSError:
            done = False
    return done


class _Worker:
    def __init__(
        self,
        ctx: multiprocessing.context.BaseContext,
        setup: Callable | None,
        nice: int,
        max_memory: int = 0,
    ) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_serve, args=(child, setup, nice, max_memory), daemon=True
        )
        self.process.start()
        child.close()
        self.ready = False
        self.dead = False
        self.demoted = False
        self.exit_code: int | None = None

    def wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        if self.dead:  # found dead while starting by the pool's own wait for it
            raise self._start_error()
        if not self.conn.poll(timeout):
            raise WorkerError(f"a worker process did not start within {timeout:g} s")
        try:
            self.conn.recv()
        except EOFError:
            self._died()
            raise self._start_error() from None
        self.ready = True

    def _start_error(self) -> WorkerError:
        """The error for a worker that ended before it was ready (``_died`` read its exit
        code). Killed while importing (out of memory, kill -9: a negative code), the same
        WorkerDied as a worker that dies during a job; a setup that failed (a clean
        non-zero exit: a missing model, a bad setting) fails every worker alike, and is no
        reason to ask the client to try again: WorkerError."""
        if self.exit_code is not None and self.exit_code >= 0:
            return WorkerError(
                f"a worker process failed while starting (exit code {self.exit_code})"
            )
        return WorkerDied(f"the analysis process died (exit code {self.exit_code})")

    def call(
        self,
        job: tuple,
        timeout: float,
        start_timeout: float,
        slow_after: float | None = None,
        on_slow: Callable[[], bool] | None = None,
    ) -> tuple[str, Any, list]:
        """Run one job. Past ``slow_after`` seconds, ``on_slow()`` decides: True, the job
        goes on at the lowest CPU priority; False, it is stopped (TooManySlow)."""
        self.wait_ready(start_timeout)
        try:
            self.conn.send(job)
        except OSError:  # it died while idle (killed, out of memory): no job was sent
            raise self._died() from None
        first = timeout if slow_after is None else min(timeout, slow_after)
        if not self.conn.poll(first):
            if first < timeout and on_slow is not None:
                if not on_slow():
                    self.kill()
                    raise TooManySlow("too many long comparisons are running")
                self.demote()
                if self.conn.poll(timeout - first):
                    return self._receive()
            self.kill()
            raise DeadlineExceeded(f"took longer than {timeout:g} s")
        return self._receive()

    def demote(self) -> None:
        """Lowest CPU priority: a long job takes only what short ones leave."""
        self.demoted = _renice(self.process.pid, 19)

    def restore(self, nice: int) -> bool:
        """Back to the workers' priority after a demoted job; False where not permitted
        (raising priority needs privileges), and the worker is then replaced."""
        if not self.demoted:
            return True
        self.demoted = not _renice(self.process.pid, nice)
        return not self.demoted

    def _receive(self) -> tuple[str, Any, list]:
        try:
            return self.conn.recv()
        except EOFError:
            raise self._died() from None

    def _died(self) -> WorkerDied:
        """The error for a worker found dead, which is killed for good (its exit code read
        first: kill() closes the process object)."""
        self.process.join(timeout=2)
        self.exit_code = self.process.exitcode
        self.kill()
        return WorkerDied(f"the analysis process died (exit code {self.exit_code})")

    def alive(self) -> bool:
        return not self.dead and self.process.is_alive()

    def rss(self) -> int:
        """Resident memory in bytes (Linux /proc; 0 where unknown)."""
        try:
            with open(f"/proc/{self.process.pid}/statm", encoding="ascii") as fh:
                return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            return 0

    def kill(self) -> None:
        if self.dead:
            return
        self.dead = True
        with contextlib.suppress(Exception):
            self.conn.close()
        _stop(self.process)


class WorkerPool:
    """Warm worker processes; ``await pool.run(fn, *args, timeout=..., queue_timeout=...)``.

    A job waits for a free worker at most ``queue_timeout`` seconds and behind at most
    ``max_waiting`` others (then WorkerBusy, a 503); it runs at most ``timeout`` seconds
    (then its worker is killed, a fresh one started, and DeadlineExceeded raised). The
    event loop only waits on pipes, so it stays free for other requests meanwhile.

    Long jobs do not crowd out short ones: the pool has ``size + max_slow`` workers; a job
    still running after ``slow_after`` seconds drops to the lowest CPU priority, and at
    most ``max_slow`` such jobs run at once (one more is stopped with TooManySlow), so
    ``size`` workers are always left for short jobs, at full priority. With ``max_slow``
    0 there is no such policy: every job runs, at the workers' priority, to its deadline.
    """

    def __init__(
        self,
        size: int,
        *,
        max_slow: int = 0,
        slow_after: float = 3.0,
        setup: Callable[[], None] | None = None,
        start_method: str = "spawn",
        max_rss: int = DEFAULT_MAX_WORKER_RSS,
        max_memory: int = 0,
        max_waiting: int | None = None,
        nice: int = 5,
        start_timeout: float = 120.0,
    ) -> None:
        self.size = max(1, size) + max(0, max_slow)
        self.max_slow = max(0, max_slow)
        self.slow_after = slow_after
        self._slow = 0
        self._slow_lock = threading.Lock()
        self._ctx = _context(start_method)
        self._setup = setup
        self._nice = nice
        self._max_rss = max_rss
        self._max_memory = max_memory
        self._start_timeout = start_timeout
        self._max_waiting = max_waiting if max_waiting is not None else 4 * self.size
        self._idle: list[_Worker] | None = None
        # jobs waiting for a worker: (virtual arrival time, arrival number, future)
        self._waiters: list[tuple[float, int, asyncio.Future]] = []
        self._arrivals = 0
        self._all: set[_Worker] = set()
        self._busy: set[_Worker] = set()
        self._starting: set[asyncio.Future] = set()
        self.recycled = 0
        self.killed = 0

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, self._setup, self._nice, self._max_memory)
        self._all.add(worker)
        return worker

    async def start(self) -> None:
        self._idle = []
        for _ in range(self.size):
            self._offer(self._spawn())

    def _release(self, worker: _Worker) -> None:
        """Hand a free worker to the lightest waiting job, or keep it idle."""
        assert self._idle is not None
        while self._waiters:
            _, _, waiter = heapq.heappop(self._waiters)
            if not waiter.done():  # not given up (queue timeout)
                waiter.set_result(worker)
                return
        self._idle.append(worker)

    def _offer(self, worker: _Worker) -> None:
        """Release a worker once it has loaded its model, so that a job never waits on a
        starting worker while a ready one is free."""
        import asyncio  # here, not at the top: only the web app's pool needs it

        if worker.ready:
            self._release(worker)
            return

        async def when_ready() -> None:
            # a job will then report the failure; OSError: the pool closed meanwhile
            with contextlib.suppress(WorkerError, OSError):
                await asyncio.to_thread(worker.wait_ready, self._start_timeout)
            self._release(worker)

        task = asyncio.ensure_future(when_ready())
        self._starting.add(task)
        task.add_done_callback(self._starting.discard)

    async def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        timeout: float,
        queue_timeout: float,
        weight: int = 0,
        **kw: Any,
    ) -> tuple[Any, list[str]]:
        """Run ``fn(*args, **kw)`` on a worker. While jobs wait for a worker, small ones go
        first: a job queues as if it had arrived ``weight / HEADSTART_BYTES_PER_S`` seconds
        later (at most half the queue timeout), so that a large or hostile input does not
        hold up the many small ones behind it, and is still served once it has waited
        that long (no starvation)."""
        import asyncio

        if self._idle is None:
            await self.start()  # started on first use when the app did not preload
        assert self._idle is not None
        if self._idle:
            worker = self._idle.pop()
        else:
            waiting = sum(1 for *_, w in self._waiters if not w.done())
            if waiting >= self._max_waiting:
                raise WorkerBusy(f"{waiting} comparisons are already waiting")
            waiter = asyncio.get_running_loop().create_future()
            self._arrivals += 1
            handicap = min(weight / HEADSTART_BYTES_PER_S, queue_timeout / 2)
            key = time.monotonic() + handicap
            heapq.heappush(self._waiters, (key, self._arrivals, waiter))
            try:
                worker = await asyncio.wait_for(waiter, queue_timeout)
            except TimeoutError:
                raise WorkerBusy(f"no worker became free within {queue_timeout:g} s") from None
        # Shielded: if the request is cancelled (client gone), the job still ends (by its
        # deadline at the latest) and the worker goes back to the pool, never twice.
        self._busy.add(worker)
        job = asyncio.ensure_future(self._call(worker, (fn, args, kw), timeout))
        status, value, notes = await asyncio.shield(job)
        return _unwrap(status, value), notes

    async def _call(self, worker: _Worker, job: tuple, timeout: float) -> tuple[str, Any, list]:
        import asyncio

        counted = False
        failed = False  # a bug: the worker may be left in a bad state

        def on_slow() -> bool:
            nonlocal counted
            with self._slow_lock:
                if self._slow >= self.max_slow:
                    return False
                self._slow += 1
                counted = True
                return True

        try:
            # max_slow 0: no policy for long jobs; every job runs to its deadline
            slow_after = self.slow_after if self.max_slow else None
            result = await asyncio.to_thread(
                worker.call, job, timeout, self._start_timeout, slow_after, on_slow
            )
            failed = result[0] == "error"
            return result
        except (DeadlineExceeded, TooManySlow):
            self.killed += 1
            raise
        finally:
            if counted:
                with self._slow_lock:
                    self._slow -= 1
            self._busy.discard(worker)
            self._offer(await asyncio.to_thread(self._keep_or_replace, worker, failed))

    def _keep_or_replace(self, worker: _Worker, failed: bool = False) -> _Worker:
        """The worker back, or a fresh one in its place when it died, grew past
        ``max_rss``, could not get its priority back, or its job failed with an unexpected
        error (whatever broke may have left the process in a bad state, and every later
        job on it would fail too)."""
        if (
            not failed
            and worker.alive()
            and (not self._max_rss or worker.rss() <= self._max_rss)
            and worker.restore(self._nice)
        ):
            return worker
        if worker.alive():
            self.recycled += 1
        worker.kill()
        self._all.discard(worker)
        return self._spawn()

    def status(self) -> dict[str, int]:
        """Workers in all, started (model loaded), busy, and running long jobs."""
        return {
            "total": len(self._all),
            "ready": sum(1 for w in self._all if w.ready),
            "busy": len(self._busy),
            "slow": self._slow,
        }

    def pids(self) -> list[int]:
        return [w.process.pid for w in self._all if w.process.pid is not None]

    async def close(self) -> None:
        import asyncio

        for worker in list(self._all):
            await asyncio.to_thread(worker.kill)
        self._all.clear()
