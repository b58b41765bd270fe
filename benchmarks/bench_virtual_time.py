"""Wall time of sequential one-second sleeps, under virtual time and real time.

Run: ``PYTHONPATH=src python benchmarks/bench_virtual_time.py [--real N]``.
``asyncio.sleep(1.0)`` is what a double's ``delay(1.0, value)`` step awaits,
so the first two figures also stand for scripted delays.
"""

from __future__ import annotations

import argparse
import asyncio
import time

import fakes


async def sleeps(count: int) -> None:
    for _ in range(count):
        await asyncio.sleep(1.0)


async def double_awaits(count: int) -> None:
    slow = fakes.async_double(name="slow")

    async def one_second() -> None:
        await asyncio.sleep(1.0)

    slow.side_effect = one_second
    for _ in range(count):
        await slow()


def timed(label: str, count: int, main: object, virtual: bool) -> None:
    start = time.perf_counter()
    if virtual:
        with fakes.virtual_time() as clock, fakes.Ledger():
            asyncio.run(main(count))  # type: ignore[operator]
        loop_seconds = clock.elapsed
    else:
        with fakes.Ledger():
            asyncio.run(main(count))  # type: ignore[operator]
        loop_seconds = float(count)
    wall = time.perf_counter() - start
    print(
        f"{label:<44} {count:>6} awaits  loop time {loop_seconds:>8.1f} s  "
        f"wall {wall:8.4f} s  ({wall / count * 1e6:8.1f} us per await)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--virtual", type=int, default=1000)
    parser.add_argument("--real", type=int, default=10)
    options = parser.parse_args()
    timed("asyncio.sleep(1.0), virtual time", options.virtual, sleeps, True)
    timed(
        "double awaiting sleep(1.0), virtual time", options.virtual, double_awaits, True
    )
    timed("asyncio.sleep(1.0), real time", options.real, sleeps, False)


if __name__ == "__main__":
    main()
