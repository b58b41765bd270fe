"""Cost of the ledger assertions against the ledger's size.

Run with ``PYTHONPATH=src python benchmarks/bench_assertions.py``. Each
ledger holds awaits of four doubles (three events an await); the items of
the order checks are matched only at the very end, so every check reads the
whole ledger. Prints the best of several runs, in milliseconds.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from unittest.mock import ANY

import fakes

SIZES = (1_000, 10_000, 100_000)
REPEAT = 5


def build(events: int) -> tuple[fakes.Ledger, list[object]]:
    """A ledger of about ``events`` events; returns it and the doubles a-d."""
    a, b, c, noise = (fakes.async_double(name=name) for name in "abcn")
    awaits = events // 3

    async def main() -> None:
        for n in range(awaits - 3):
            await (noise if n % 4 else a)(n)
        await a(-1)
        await b(-1)
        await c(-1)

    with fakes.Ledger() as ledger:
        asyncio.run(main())
    return ledger, [a, b, c, noise]


def best(check: Callable[[], object], ledger: fakes.Ledger) -> float:
    times = []
    with ledger:
        for _ in range(REPEAT):
            start = time.perf_counter()
            check()
            times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    checks: dict[str, Callable[[list[object]], Callable[[], object]]] = {
        "in_order(a, b, c)": lambda d: (
            lambda: fakes.assert_awaited_in_order(d[0], d[1], d[2])
        ),
        "in_order strict": lambda d: (
            lambda: fakes.assert_awaited_in_order(d[0], d[1], d[2], strict=True)
        ),
        "in_order awaited(ANY)": lambda d: (
            lambda: fakes.assert_awaited_in_order(
                fakes.awaited(d[0], ANY), fakes.awaited(d[1], -1), d[2]
            )
        ),
        "completed_in_order": lambda d: (
            lambda: fakes.assert_completed_in_order(d[0], d[1], d[2])
        ),
        "max_concurrency(n)": lambda d: lambda: fakes.assert_max_concurrency(d[3], 1),
        "not_concurrently(a, n)": lambda d: (
            lambda: fakes.assert_not_awaited_concurrently(d[0], d[3])
        ),
        "verify()": lambda d: fakes.verify,
    }
    ledgers = {size: build(size) for size in SIZES}
    header = f"{'check':<24}" + "".join(f"{size:>12,} ev" for size in SIZES)
    print(header)
    print("-" * len(header))
    for name, make in checks.items():
        cells = []
        for size in SIZES:
            ledger, doubles = ledgers[size]
            cells.append(f"{best(make(doubles), ledger):>12.2f} ms")
        print(f"{name:<24}" + "".join(cells))
    print()
    print("events per ledger:", ", ".join(f"{len(ledgers[s][0]):,}" for s in SIZES))


if __name__ == "__main__":
    main()
