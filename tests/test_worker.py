"""The worker pool behind the web app: deadlines, long jobs, and who waits for whom."""

from __future__ import annotations

import asyncio
import functools
import os
import time

import pytest

from storydiff.worker import (
    DeadlineExceeded,
    TooManySlow,
    WorkerDied,
    WorkerError,
    WorkerPool,
)


def run(coro):
    return asyncio.run(coro)


async def _with_pool(body, **kwargs):
    pool = WorkerPool(**kwargs)
    await pool.start()
    try:
        return await body(pool)
    finally:
        await pool.close()


def test_small_jobs_waiting_go_before_a_large_one():
    async def body(pool):
        done: list[str] = []

        async def job(name, seconds, weight):
            await pool.run(time.sleep, seconds, timeout=30, queue_timeout=30, weight=weight)
            done.append(name)

        first = asyncio.create_task(job("running", 1.0, 0))
        await asyncio.sleep(0.3)  # the only worker is busy now
        large = asyncio.create_task(job("large", 0.01, 10_000_000))
        await asyncio.sleep(0.05)
        small = asyncio.create_task(job("small", 0.01, 10_000))
        await asyncio.gather(first, large, small)
        return done

    assert run(_with_pool(body, size=1)) == ["running", "small", "large"]


def test_a_job_past_its_deadline_is_killed_and_its_worker_replaced():
    async def body(pool):
        before = set(pool.pids())
        with pytest.raises(DeadlineExceeded):
            await pool.run(time.sleep, 30, timeout=0.5, queue_timeout=30)
        await pool.run(time.sleep, 0, timeout=30, queue_timeout=30)  # the pool still works
        return before, set(pool.pids())

    before, after = run(_with_pool(body, size=1))
    assert len(after) == 1 and not before & after
    for pid in before:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_a_worker_killed_mid_job_is_a_died_error_and_is_replaced():
    # what the kernel's out-of-memory killer or a native crash does to a worker
    async def body(pool):
        (pid,) = pool.pids()
        job = asyncio.create_task(pool.run(time.sleep, 30, timeout=60, queue_timeout=30))
        await asyncio.sleep(0.5)
        os.kill(pid, 9)
        with pytest.raises(WorkerDied, match="exit code -9"):
            await job
        await pool.run(time.sleep, 0, timeout=30, queue_timeout=30)  # the pool still works
        return pid, set(pool.pids())

    pid, after = run(_with_pool(body, size=1))
    assert len(after) == 1 and pid not in after


def test_a_worker_killed_while_starting_is_a_died_error_and_is_replaced():
    # a loaded machine can take seconds to start a worker; the out-of-memory killer may
    # pick it before it is ready
    async def body(pool):
        (pid,) = pool.pids()
        job = asyncio.create_task(pool.run(time.sleep, 0, timeout=60, queue_timeout=30))
        await asyncio.sleep(0.5)  # the worker is still in its 30 s setup
        os.kill(pid, 9)
        with pytest.raises(WorkerDied, match="exit code -9"):
            await job
        return pid, set(pool.pids())

    pid, after = run(_with_pool(body, size=1, setup=functools.partial(time.sleep, 30)))
    assert len(after) == 1 and pid not in after


def _failing_setup():
    raise RuntimeError("no model here")


def test_a_worker_whose_setup_fails_is_a_worker_error_not_a_died_one():
    # a missing model fails every worker alike: no "try again" (503) for the client
    async def body(pool):
        with pytest.raises(WorkerError, match="failed while starting") as caught:
            await pool.run(time.sleep, 0, timeout=60, queue_timeout=30)
        return caught.value

    error = run(_with_pool(body, size=1, setup=_failing_setup))
    assert not isinstance(error, WorkerDied)


def test_a_worker_killed_while_idle_is_a_died_error_not_a_broken_pipe():
    # the out-of-memory killer picks an idle worker too; its next job used to end in a
    # BrokenPipeError, a bare 500 from the server
    async def body(pool):
        await pool.run(time.sleep, 0, timeout=30, queue_timeout=30)  # ready and idle
        (pid,) = pool.pids()
        os.kill(pid, 9)
        await asyncio.sleep(0.2)
        with pytest.raises(WorkerDied):
            await pool.run(time.sleep, 0, timeout=30, queue_timeout=30)
        await pool.run(time.sleep, 0, timeout=30, queue_timeout=30)  # replaced
        return pid, set(pool.pids())

    pid, after = run(_with_pool(body, size=1))
    assert len(after) == 1 and pid not in after


def test_only_max_slow_long_jobs_run_at_once():
    async def body(pool):
        jobs = [
            pool.run(time.sleep, 2, timeout=30, queue_timeout=30) for _ in range(3)
        ]  # three long jobs on three workers: one past the cap of long jobs
        return await asyncio.gather(*jobs, return_exceptions=True)

    results = run(_with_pool(body, size=1, max_slow=2, slow_after=0.5))
    assert sum(isinstance(r, TooManySlow) for r in results) == 1
    assert sum(r == (None, []) for r in results) == 2


def _allocate(n: int) -> int:
    return len(bytearray(n))


def test_a_job_over_the_memory_limit_is_an_input_error_not_an_oom_kill():
    from storydiff.errors import InputError

    async def body(pool):
        with pytest.raises(InputError, match="memory limit"):
            await pool.run(_allocate, 3_000_000_000, timeout=30, queue_timeout=30)
        return await pool.run(_allocate, 1000, timeout=30, queue_timeout=30)

    value, _ = run(_with_pool(body, size=1, max_memory=1_000_000_000))
    assert value == 1000


_KEPT: list[bytes] = []


def _fragment_the_heap(megabytes: int) -> int:
    """Allocate ``megabytes`` in 1 kB pieces and free all but one in a thousand: the
    survivors keep the C heap from shrinking by itself."""
    pieces = [bytes(1000) for _ in range(megabytes * 1000)]
    _KEPT.extend(pieces[::1000])
    del pieces
    return len(_KEPT)


def test_a_worker_gives_a_large_jobs_memory_back():
    async def body(pool):
        (worker,) = pool._all
        await pool.run(time.sleep, 0, timeout=30, queue_timeout=30)
        before = worker.rss()
        await pool.run(_fragment_the_heap, 300, timeout=60, queue_timeout=30)
        return before, worker.rss(), pool.recycled

    before, after, recycled = run(_with_pool(body, size=1, start_method="fork", max_rss=0))
    assert recycled == 0 and after - before < 60_000_000, (before, after)


def test_a_worker_over_its_memory_bound_after_a_job_is_replaced():
    async def body(pool):
        first = set(pool.pids())
        await pool.run(_fragment_the_heap, 1, timeout=60, queue_timeout=30)
        return first, set(pool.pids()), pool.recycled

    first, after, recycled = run(_with_pool(body, size=1, start_method="fork", max_rss=1))
    assert recycled == 1 and len(after) == 1 and not first & after


def _frozen_objects() -> int:
    import gc

    return gc.get_freeze_count()


def test_a_one_job_child_leaves_what_it_inherited_out_of_the_collectors_sight():
    """The CLI's child runs one job; the modules and tables it inherited from the parent
    are frozen, so the collector does not go through them again during the job."""
    from storydiff.worker import run_with_deadline

    frozen, _ = run_with_deadline(_frozen_objects, timeout=60, start_method="fork")
    assert frozen > 1000  # storydiff.worker and everything imported before it
    assert _frozen_objects() == 0  # the parent's own collector is left as it was
