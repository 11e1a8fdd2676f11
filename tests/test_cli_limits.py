"""Nonsensical limits on the command line are usage errors: one line, exit code 2.

`storydiff serve --max-bytes 0` used to start a server that refused every document, and a
negative size or a count of no workers went through the same way. Each case runs the real
command in a subprocess; a server that started would never return, so the test's timeout
catches an accepted value.
"""

from __future__ import annotations

import pytest
from conftest import SEED_DE, SEED_FR, run_cli

SERVE_BAD = [
    ("--max-bytes", "0"),
    ("--max-bytes", "-5"),
    ("--timeout", "0"),
    ("--timeout", "-1"),
    ("--timeout", "nan"),
    ("--workers", "0"),
    ("--workers", "-2"),
    ("--workers", "100000"),
    ("--max-slow", "-1"),
    ("--max-slow", "100000"),
    ("--slow-after", "0"),
    ("--slow-after", "nan"),
    ("--body-idle", "0"),
    ("--body-idle", "-3"),
    ("--body-idle", "inf"),
    ("--spool-limit", "0"),
    ("--spool-limit", "-1"),
    ("--port", "-1"),
    ("--port", "70000"),
    ("--threads", "0"),
]


def assert_usage_error(result, option: str) -> None:
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert option in lines[0] and "must be" in lines[0], stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize(("option", "value"), SERVE_BAD)
def test_serve_refuses_a_nonsensical_limit(tmp_path, option, value):
    db = tmp_path / "data" / "db.sqlite"
    result = run_cli("serve", "--db", str(db), option, value, timeout=60)
    assert_usage_error(result, option)
    assert not db.parent.exists()  # refused before anything was created


@pytest.mark.parametrize("command", ["compare", "align"])
@pytest.mark.parametrize("value", ["0", "-1"])
def test_compare_and_align_refuse_a_size_limit_below_one_byte(command, value):
    result = run_cli(command, str(SEED_DE), str(SEED_FR), "--max-bytes", value)
    assert_usage_error(result, "--max-bytes")


def test_facts_and_index_refuse_a_size_limit_below_one_byte(tmp_path):
    assert_usage_error(run_cli("facts", str(SEED_DE), "--max-bytes", "0"), "--max-bytes")
    db = tmp_path / "news.sqlite"
    result = run_cli("index", str(SEED_DE), "--db", str(db), "--max-bytes", "0")
    assert_usage_error(result, "--max-bytes")
