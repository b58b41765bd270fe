"""pytest-xdist: ledgers stay per test and per worker process.

Run the tests with ``pytest -n 2 examples/runner_xdist.py``; run this file as
a script to have it run pytest on itself with two workers.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import fakes

ping = fakes.async_double(name="ping")  # shared by every test on purpose


@pytest.mark.parametrize("count", range(1, 9))
async def test_ledger_holds_only_this_test(
    fakes_ledger: fakes.Ledger, count: int
) -> None:
    for _ in range(count):
        await ping()

    assert len(fakes_ledger.events("started")) == count


if __name__ == "__main__":
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    command += ["-p", "asyncio", "--asyncio-mode=auto", "-n", "2", __file__]
    assert subprocess.run(command, check=False).returncode == 0
