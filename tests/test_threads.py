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
