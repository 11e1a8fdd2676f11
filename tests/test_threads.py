"""storydiff chooses the BLAS thread count itself and leaves the user's variables alone."""

from __future__ import annotations

import os

import numpy as np
import pytest
from conftest import run_cli
from threadpoolctl import threadpool_info, threadpool_limits

from storydiff import threads
from storydiff.threads import USER_VARIABLES

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "examples")


def blas_threads() -> set[int]:
    np.ones((4, 4)) @ np.ones((4, 4))  # BLAS is loaded
    return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}


@pytest.fixture()
def clean(monkeypatch):
    """No user thread variables; the process's limits and choice restored afterwards."""
    for name in USER_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with threadpool_limits(limits=None):
        yield
    threads.choose(None)


def test_one_thread_by_default(clean):
    assert threads.current() == 1
    threads.apply()
    assert blas_threads() == {1}


def test_a_chosen_count_is_applied_without_touching_the_environment(clean):
    threads.apply(2)
    assert threads.current() == 2
    assert blas_threads() == {2}
    assert not any(name in os.environ for name in USER_VARIABLES)


def test_the_users_variable_is_followed_and_never_overridden(clean, monkeypatch):
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")
    with threadpool_limits(limits=2):  # what the user's environment made of BLAS
        threads.apply()
        assert blas_threads() == {2}  # left as it was
        assert threads.current() == 3  # and the encoders follow the variable
    assert os.environ["OPENBLAS_NUM_THREADS"] == "3"


def test_an_explicit_count_wins_over_the_variable_for_storydiffs_own_calls(clean, monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    threads.apply(1)
    assert threads.current() == 1 and blas_threads() == {1}
    assert os.environ["OMP_NUM_THREADS"] == "4"


def test_a_count_under_one_is_refused(clean):
    with pytest.raises(ValueError, match="at least 1"):
        threads.choose(0)


def test_the_encoder_takes_the_chosen_count(clean):
    from storydiff.encoders.use import USEEncoder

    threads.choose(2)
    assert USEEncoder()._model.threads == 2


def test_cli_threads_option_is_checked():
    de = os.path.join(EXAMPLES, "openai-paris.de.txt")
    fr = os.path.join(EXAMPLES, "openai-paris.fr.txt")
    bad = run_cli("compare", de, fr, "--threads", "0")
    assert bad.returncode == 2
    assert bad.stderr.decode().strip() == "storydiff: error: --threads must be at least 1 (got 0)"


def test_shared_work_the_caller_takes_the_pieces_the_thread_has_not_begun():
    import threading

    started, release = threading.Event(), threading.Event()
    ran_in: dict[int, str] = {}
    order: list[int] = []

    def piece(i: int):
        def run():
            ran_in[i] = threading.current_thread().name
            order.append(i)
            if i == 0:  # the thread's first piece holds it until the caller is done
                started.set()
                assert release.wait(10)
            return i * 10

        return run

    job = threads.Shared([piece(i) for i in range(5)], name="helper")
    assert started.wait(10)
    caller = threading.current_thread().name
    # the thread is held in piece 0: every other piece is the caller's
    release_later = threading.Timer(0.2, release.set)
    release_later.start()
    values = job.results()
    assert values == [0, 10, 20, 30, 40]
    assert ran_in == {0: "helper", 1: caller, 2: caller, 3: caller, 4: caller}
    assert order == [0, 4, 3, 2, 1]  # the caller's last first


def test_shared_work_raises_what_the_thread_raised():
    import threading

    started, release = threading.Event(), threading.Event()

    def failing():
        started.set()
        assert release.wait(10)
        raise ValueError("the thread's piece failed")

    job = threads.Shared([failing, lambda: 1, lambda: 2])
    assert started.wait(10)
    threading.Timer(0.2, release.set).start()
    with pytest.raises(ValueError, match="the thread's piece failed"):
        job.results()


def test_shared_work_runs_each_piece_once_and_raises_the_first_error():
    import threading

    counts = [0] * 50
    lock = threading.Lock()

    def piece(i: int):
        def run():
            with lock:
                counts[i] += 1
            return i

        return run

    assert threads.Shared([piece(i) for i in range(50)]).results() == list(range(50))
    assert counts == [1] * 50

    def boom():
        raise ValueError("piece failed")

    job = threads.Shared([boom, piece(0)])
    with pytest.raises(ValueError, match="piece failed"):
        job.results()


def test_cancelled_shared_work_takes_no_further_piece():
    import threading

    started, release = threading.Event(), threading.Event()
    ran: list[int] = []

    def first():
        started.set()
        assert release.wait(10)
        ran.append(0)

    job = threads.Shared([first, lambda: ran.append(1), lambda: ran.append(2)])
    assert started.wait(10)
    threading.Timer(0.2, release.set).start()
    job.cancel()
    assert ran == [0]
    with pytest.raises(RuntimeError, match="cancelled"):
        job.results()
