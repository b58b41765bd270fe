"""Time one await of a scripted double against AsyncMock(side_effect=list).

Run with ``PYTHONPATH=src python benchmarks/bench_script.py``. Both doubles
are awaited in the same process and loop; only the awaits are timed (setting
up each round's script or side_effect is not). Prints microseconds per await
and the ratio; also shows that a step costs the same at the end of a 100x
longer script (consumption is an index, O(1) per call).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any
from unittest import mock

import fakes

STEPS = 1_000
ROUNDS = 60


async def _await_all(double: Any, count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        await double()
    return time.perf_counter() - start


async def _measure(make: Callable[[int], Any], steps: int, rounds: int) -> float:
    """Best-of-rounds time per await, in microseconds."""
    best = float("inf")
    for _ in range(rounds):
        double = make(steps)
        with fakes.Ledger():
            elapsed = await _await_all(double, steps)
        best = min(best, elapsed / steps)
    return best * 1e6


def _scripted(steps: int) -> Any:
    return fakes.async_double(name="fetch").script(*range(steps))


def _async_mock(steps: int) -> Any:
    return mock.AsyncMock(side_effect=list(range(steps)))


async def _measure_tail(steps: int, rounds: int) -> float:
    """Time per await of the last STEPS steps of a ``steps``-step script."""
    best = float("inf")
    for _ in range(rounds):
        double = _scripted(steps)
        with fakes.Ledger():
            await _await_all(double, steps - STEPS)
        with fakes.Ledger():
            elapsed = await _await_all(double, STEPS)
        best = min(best, elapsed / STEPS)
    return best * 1e6


def _plain(steps: int) -> Any:
    return fakes.async_double(name="fetch").returns(1)


async def main() -> None:
    for _ in range(2):  # warm up both paths
        await _measure(_scripted, STEPS, 3)
        await _measure(_async_mock, STEPS, 3)
    scripted = await _measure(_scripted, STEPS, ROUNDS)
    stdlib = await _measure(_async_mock, STEPS, ROUNDS)
    plain = await _measure(_plain, STEPS, ROUNDS)
    long_script = await _measure_tail(STEPS * 100, 5)
    print(f"double with a {STEPS:,}-step script : {scripted:7.2f} us per await")
    print(f"AsyncMock(side_effect=list)       : {stdlib:7.2f} us per await")
    print(f"double with returns() (no script) : {plain:7.2f} us per await")
    print(f"last steps of a {STEPS * 100:,}-step one: {long_script:7.2f} us per await")
    print(f"ratio script / AsyncMock          : {scripted / stdlib:7.2f}")


if __name__ == "__main__":
    asyncio.run(main())
