"""Where the pipeline's tasks run: thin adapters over existing engines.

Every engine does one thing: run :func:`storydiff.pipeline.stages.run_task` on a list of
tasks and hand back each task's summary as it completes. What a task does, what it reads
and writes, is the same everywhere, so the engines give the same results.

* ``local`` -- a process pool on this machine (the default; nothing to install).
* ``ray``   -- Ray actors, each a stateful worker that loads the encoder once
  (``pip install 'storydiff[ray]'``); ``address`` joins an existing cluster
  (``ray://head:10001`` or ``auto``), none starts a local one.
* ``dask``  -- ``dask.distributed`` (``pip install 'storydiff[dask]'``); ``address`` joins
  a scheduler (``tcp://scheduler:8786``), none starts a ``LocalCluster``. The encoder is
  loaded once per worker process (kept in the process by ``worker_encoder``).

Workers must see the run directory and the inputs at the same paths (a shared filesystem)
and have storydiff installed. A worker that dies (killed, out of memory) raises
:class:`WorkerLost`: what finished is kept, and running the same command again resumes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from storydiff.errors import InputError
from storydiff.pipeline.stages import Task, prepare_worker, run_task

ENGINES = ("local", "ray", "dask")


class WorkerLost(RuntimeError):
    """A worker process died during a run; finished shards are kept."""


class Engine(Protocol):
    """What the driver needs of an engine: run tasks, hand back their summaries."""

    name: str
    workers: int

    def map(self, tasks: list[Task]) -> Iterator[dict[str, Any]]:
        """Run the tasks; yield each one's summary as it completes (any order)."""
        ...

    def close(self) -> None: ...


def default_workers() -> int:
    """This machine's CPU count (at least 1)."""
    return max(1, os.cpu_count() or 1)


class LocalEngine:
    """A pool of worker processes on this machine, each with the encoder loaded once."""

    name = "local"

    def __init__(self, workers: int, encoder: str, threads: int | None) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            # spawn: a fresh interpreter per worker, never a fork of a parent's threads
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_local_worker,
            initargs=(encoder, threads, os.getpid()),
        )

    def map(self, tasks: list[Task]) -> Iterator[dict[str, Any]]:
        try:
            # a worker killed after the last stage's final task breaks the pool before
            # any result is asked for: submit raises then, so it is inside the try too
            futures = [self._pool.submit(run_task, t) for t in tasks]
            for future in as_completed(futures):
                yield future.result()
        except BrokenProcessPool as exc:
            raise WorkerLost(f"a local worker process died ({exc})") from None

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _local_worker(encoder: str, threads: int | None, driver: int) -> None:
    """A local worker's start: end with the driver (a driver killed with SIGKILL cannot
    stop its pool, and its workers would run on, each holding a model), then load the
    encoder."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == driver:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="storydiff-driver-watch", daemon=True).start()
    prepare_worker(encoder, threads)


class _RayWorker:
    """The state a Ray actor keeps between tasks: the encoder, loaded once."""

    def __init__(self, encoder: str, threads: int | None) -> None:
        prepare_worker(encoder, threads)

    def run(self, task: Task) -> dict[str, Any]:
        return run_task(task)


class RayEngine:
    """Ray actors (one per worker, one CPU each) fed through an ActorPool."""

    name = "ray"

    def __init__(
        self, workers: int | None, encoder: str, threads: int | None, address: str | None
    ) -> None:
        ray = _need("ray", "ray")
        from ray.util import ActorPool

        self._ray = ray
        self._started = not ray.is_initialized()
        if self._started:
            if address:
                ray.init(address=address, log_to_driver=False)
            else:
                workers = workers or default_workers()
                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        # on a cluster, one worker (actor) per CPU it has unless told otherwise
        workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.workers = workers
        actor = ray.remote(num_cpus=1)(_RayWorker)
        self._actors = [actor.remote(encoder, threads) for _ in range(workers)]
        self._pool = ActorPool(self._actors)

    def map(self, tasks: list[Task]) -> Iterator[dict[str, Any]]:
        from ray.exceptions import RayActorError, WorkerCrashedError

        try:
            yield from self._pool.map_unordered(lambda a, t: a.run.remote(t), tasks)
        except (RayActorError, WorkerCrashedError) as exc:
            raise WorkerLost(f"a Ray worker died ({type(exc).__name__})") from None

    def close(self) -> None:
        for actor in self._actors:
            self._ray.kill(actor)
        if self._started:
            self._ray.shutdown()


class DaskEngine:
    """Tasks submitted to a dask.distributed cluster (a local one unless ``address``)."""

    name = "dask"

    def __init__(
        self, workers: int | None, encoder: str, threads: int | None, address: str | None
    ) -> None:
        distributed = _need("distributed", "dask")
        self._cluster = None
        if address:
            self._client = distributed.Client(address)
        else:
            import dask

            # Dask's nanny sets MALLOC_TRIM_THRESHOLD_ in its workers; a fixed threshold
            # also fixes glibc's mmap threshold, so each of the model's large temporary
            # arrays is mapped and unmapped again: about 12 % slower analysis here
            # (bench/pipeline_scale.py). The local cluster we start keeps glibc's default.
            with dask.config.set(
                {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
            ):
                self._cluster = distributed.LocalCluster(
                    n_workers=workers or default_workers(),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
            self._client = distributed.Client(self._cluster)
        # the scheduler uses every worker thread of the cluster
        self.workers = sum(self._client.nthreads().values())
        self._client.run(prepare_worker, encoder, threads)

    def map(self, tasks: list[Task]) -> Iterator[dict[str, Any]]:
        from distributed import as_completed as dask_completed
        from distributed.scheduler import KilledWorker

        futures = self._client.map(run_task, tasks, pure=False)
        try:
            for future in dask_completed(futures):
                yield future.result()
        except KilledWorker as exc:
            raise WorkerLost(f"a Dask worker died ({exc})") from None

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _need(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(
            f"--engine {extra}",
            f"{module} is not installed",
            f"Install it with: pip install 'storydiff[{extra}]'",
        ) from None


def make_engine(
    name: str,
    *,
    workers: int | None = None,
    encoder: str = "use",
    threads: int | None = 1,
    address: str | None = None,
) -> Engine:
    """An engine by name (see ENGINES) with ``workers`` processes (default: this machine's
    CPU count, or on an existing cluster, its CPUs). Raises InputError for an unknown
    name, an engine that is not installed, or an address given to ``local``."""
    if name == "local":
        if address:
            raise InputError(
                "--address",
                "the local engine runs on this machine only",
                "Drop --address, or use --engine ray or dask",
            )
        return LocalEngine(workers or default_workers(), encoder, threads)
    if name == "ray":
        return RayEngine(workers, encoder, threads, address)
    if name == "dask":
        return DaskEngine(workers, encoder, threads, address)
    raise InputError("--engine", f"unknown engine {name!r}", f"Use one of: {', '.join(ENGINES)}")


__all__ = [
    "ENGINES",
    "DaskEngine",
    "Engine",
    "LocalEngine",
    "RayEngine",
    "WorkerLost",
    "make_engine",
]
