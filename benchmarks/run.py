"""Compare the cost of `fakes` doubles with `unittest.mock` in one process.

Run from the repository root:

    PYTHONPATH=src python benchmarks/run.py            # full run (about a minute)
    PYTHONPATH=src python benchmarks/run.py --quick    # smoke run (a few seconds)

Every scenario runs on `fakes` and on the `unittest.mock` (or hand-written)
alternative in the same process. Each measurement is repeated and the best
(lowest) repetition is kept; times are per operation. The last column is
other / fakes: above 1 means `fakes` is faster (or, for memory, smaller).
The garbage collector stays on (as in a real test run), and is run before
each repetition so that one does not pay for the garbage of another.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from unittest.mock import AsyncMock, create_autospec

import fakes

SIZES = (10, 100, 1000)
SUITE_METHODS = 20
SUITE_AWAITS = 5


# ---------------------------------------------------------------------------
# Generated specs


def make_class(name: str, methods: int) -> type:
    """A class with `methods` async methods `m0`, `m1`, ... built with exec."""
    lines = [f"class {name}:"]
    for index in range(methods):
        lines.append(f"    async def m{index}(self, x: int) -> int:")
        lines.append("        return x")
    namespace: dict[str, object] = {}
    exec("\n".join(lines), namespace)
    cls = namespace[name]
    assert isinstance(cls, type)
    return cls


def make_fake_class(name: str, methods: int) -> type:
    """A hand-written fake: a plain class whose async methods return constants."""
    lines = [f"class {name}:"]
    for index in range(methods):
        lines.append(f"    async def m{index}(self, x: int) -> int:")
        lines.append(f"        return {index}")
    namespace: dict[str, object] = {}
    exec("\n".join(lines), namespace)
    cls = namespace[name]
    assert isinstance(cls, type)
    return cls


class Repo:
    """The spec of the configured-await scenarios."""

    async def get(self, user_id: int) -> int:
        return user_id


CLASSES = {size: make_class(f"Service{size}", size) for size in SIZES}
SUITE_CLASS = make_class("Suite20", SUITE_METHODS)
SUITE_FAKE = make_fake_class("FakeSuite20", SUITE_METHODS)


# ---------------------------------------------------------------------------
# Measuring


@dataclass
class Settings:
    quick: bool
    notes: list[str] = field(default_factory=list)

    @property
    def repeat(self) -> int:
        return 1 if self.quick else 5

    def n(self, full: int, quick: int) -> int:
        return quick if self.quick else full


@dataclass
class Row:
    scenario: str
    fakes: float
    other: float
    other_name: str
    unit: str  # "us" (time per operation) or "B" (bytes per operation)


def best_of(repeat: int, *onces: Callable[[], float]) -> list[float]:
    """Best result of each measurement, taking turns so that load hits all alike.

    Each ``once`` returns seconds per operation; the repetitions are
    interleaved (a, b, c, a, b, c, ...) and the lowest of each is kept.
    """
    results: list[list[float]] = [[] for _ in onces]
    for _ in range(repeat):
        for once, found in zip(onces, results, strict=True):
            gc.collect()
            found.append(once())
    return [min(found) for found in results]


def per_call(func: Callable[[], object], number: int) -> Callable[[], float]:
    """A measurement of `func()` called `number` times."""

    def once() -> float:
        start = time.perf_counter()
        for _ in range(number):
            func()
        return (time.perf_counter() - start) / number

    return once


def per_kept(func: Callable[[], object], number: int) -> Callable[[], float]:
    """A measurement of `func()` called `number` times, every result kept alive.

    No object made is freed while the clock runs, so none of its parts can
    be used again for the next (``fakes`` hands the class of a freed root
    double to the next one).
    """

    def once() -> float:
        kept = []
        start = time.perf_counter()
        for _ in range(number):
            kept.append(func())
        elapsed = time.perf_counter() - start
        del kept
        return elapsed / number

    return once


def per_access(make: Callable[[], object], number: int) -> Callable[[], float]:
    """A measurement of the first access of `.m0` on `number` fresh objects."""

    def once() -> float:
        objects = [make() for _ in range(number)]
        gc.collect()
        start = time.perf_counter()
        for obj in objects:
            obj.m0  # noqa: B018
        return (time.perf_counter() - start) / number

    return once


# ---------------------------------------------------------------------------
# Scenarios


def creation(settings: Settings) -> list[Row]:
    """Creating doubles: spec-less, then of classes of 10, 100, 1,000 methods."""
    s = settings
    ours, mock = best_of(
        s.repeat,
        per_call(fakes.async_double, s.n(20_000, 200)),
        per_call(AsyncMock, s.n(1_000, 20)),
    )
    rows = [Row("create spec-less double", ours, mock, "AsyncMock()", "us")]
    autospec_numbers = {10: 40, 100: 4, 1000: 1}
    for size, cls in CLASSES.items():
        ours, spec, autospec = best_of(
            s.repeat,
            per_call(lambda cls=cls: fakes.async_double(cls), s.n(20_000, 200)),
            per_call(lambda cls=cls: AsyncMock(spec=cls), s.n(200, 5)),
            per_call(
                lambda cls=cls: create_autospec(cls, instance=True),
                s.n(autospec_numbers[size], 1),
            ),
        )
        rows.append(
            Row(f"create double, {size} methods", ours, spec, "AsyncMock(spec=C)", "us")
        )
        rows.append(
            Row(
                f"create double, {size} methods",
                ours,
                autospec,
                "create_autospec(C, instance=True)",
                "us",
            )
        )
    cls = CLASSES[10]
    ours, spec = best_of(
        s.repeat,
        per_kept(lambda: fakes.async_double(cls), s.n(2_000, 50)),
        per_kept(lambda: AsyncMock(spec=cls), s.n(200, 5)),
    )
    rows.append(
        Row(
            "create double, 10 methods, all kept", ours, spec, "AsyncMock(spec=C)", "us"
        )
    )
    return rows


def first_access(settings: Settings) -> list[Row]:
    """The first read of one member of a fresh double of a 10-method class."""
    s = settings
    cls = CLASSES[10]
    ours, spec, autospec = best_of(
        s.repeat,
        per_access(lambda: fakes.async_double(cls), s.n(5_000, 100)),
        per_access(lambda: AsyncMock(spec=cls), s.n(500, 20)),
        per_access(lambda: create_autospec(cls, instance=True), s.n(50, 5)),
    )
    return [
        Row("first access of .m0 (10 methods)", ours, spec, "AsyncMock(spec=C)", "us"),
        Row(
            "first access of .m0 (10 methods)",
            ours,
            autospec,
            "create_autospec(C, instance=True)",
            "us",
        ),
    ]


async def _awaits(
    make: Callable[[], Callable[[int], Awaitable[object]]], number: int
) -> float:
    """Time per `await double(1)`, in the running loop."""
    # A fresh ledger and double per repetition: each run records from zero.
    with fakes.Ledger():
        double = make()
        await double(1)  # builds whatever is built on first use
        gc.collect()
        start = time.perf_counter()
        for _ in range(number):
            await double(1)
        return (time.perf_counter() - start) / number


async def _best_of_async(
    repeat: int, *onces: Callable[[], Awaitable[float]]
) -> list[float]:
    """`best_of` for measurements that run in the running loop."""
    results: list[list[float]] = [[] for _ in onces]
    for _ in range(repeat):
        for once, found in zip(onces, results, strict=True):
            gc.collect()
            found.append(await once())
    return [min(found) for found in results]


def _spec_less() -> Callable[[int], Awaitable[object]]:
    return fakes.async_double(name="fetch").returns(1)  # type: ignore[no-any-return]


def _spec_member() -> Callable[[int], Awaitable[object]]:
    repo = fakes.async_double(Repo)
    return repo.get.returns(1)  # type: ignore[attr-defined,no-any-return]


def _async_mock() -> Callable[[int], Awaitable[object]]:
    return AsyncMock(return_value=1)


def _async_mock_member() -> Callable[[int], Awaitable[object]]:
    repo = AsyncMock(spec=Repo)
    repo.get.return_value = 1
    return repo.get  # type: ignore[no-any-return]


async def _plain(x: int) -> int:
    return 1


def awaiting(settings: Settings) -> list[Row]:
    """One await of a configured double, many times inside one running loop."""
    s = settings
    number = s.n(20_000, 200)

    async def measure() -> list[float]:
        return await _best_of_async(
            s.repeat,
            *(
                lambda make=make: _awaits(make, number)
                for make in (
                    _spec_less,
                    _spec_member,
                    _async_mock,
                    _async_mock_member,
                    lambda: _plain,
                )
            ),
        )

    spec_less, member, mock, mock_member, plain = asyncio.run(measure())
    settings.notes.append(
        f"reference: await of a plain `async def`: {plain * 1e6:.2f} us"
    )
    other = "AsyncMock(return_value=1)"
    return [
        Row("await, spec-less .returns(1)", spec_less, mock, other, "us"),
        Row("await, spec'd repo.get.returns(1)", member, mock, other, "us"),
        Row(
            "await, spec'd repo.get.returns(1)",
            member,
            mock_member,
            "AsyncMock(spec=C).get, return_value=1",
            "us",
        ),
    ]


def memory(settings: Settings) -> list[Row]:
    """Bytes retained per recorded await of one double (ledger included)."""
    number = settings.n(10_000, 200)

    async def retained(make: Callable[[], Callable[[int], Awaitable[object]]]) -> float:
        gc.collect()
        tracemalloc.start()
        try:
            # The ledger is created after tracing starts: it is counted.
            with fakes.Ledger():
                double = make()
                await double(1)
                gc.collect()
                before = tracemalloc.get_traced_memory()[0]
                for _ in range(number):
                    await double(1)
                gc.collect()
                after = tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
        return (after - before) / number

    async def measure() -> tuple[float, ...]:
        return (
            await retained(_spec_less),
            await retained(_spec_member),
            await retained(_async_mock),
            await retained(_async_mock_member),
        )

    spec_less, member, mock, mock_member = asyncio.run(measure())
    other = "AsyncMock(return_value=1)"
    return [
        Row("memory per await, spec-less", spec_less, mock, other, "B"),
        Row("memory per await, spec'd member", member, mock, other, "B"),
        Row(
            "memory per await, spec'd member",
            member,
            mock_member,
            "AsyncMock(spec=C).get, return_value=1",
            "B",
        ),
    ]


# The three suites run the same "test": build a double of a 20-method class,
# configure five members, await each once, check the results.


async def _test_fakes() -> None:
    with fakes.Ledger():  # what the pytest plugin gives each test
        repo = fakes.async_double(SUITE_CLASS)
        repo.m0.returns(0)  # type: ignore[attr-defined]
        repo.m1.returns(1)  # type: ignore[attr-defined]
        repo.m2.returns(2)  # type: ignore[attr-defined]
        repo.m3.returns(3)  # type: ignore[attr-defined]
        repo.m4.returns(4)  # type: ignore[attr-defined]
        total = (
            await repo.m0(1)  # type: ignore[attr-defined]
            + await repo.m1(1)  # type: ignore[attr-defined]
            + await repo.m2(1)  # type: ignore[attr-defined]
            + await repo.m3(1)  # type: ignore[attr-defined]
            + await repo.m4(1)  # type: ignore[attr-defined]
        )
        assert total == 10


async def _test_mock() -> None:
    repo = AsyncMock(spec=SUITE_CLASS)
    repo.m0.return_value = 0
    repo.m1.return_value = 1
    repo.m2.return_value = 2
    repo.m3.return_value = 3
    repo.m4.return_value = 4
    total = (
        await repo.m0(1)
        + await repo.m1(1)
        + await repo.m2(1)
        + await repo.m3(1)
        + await repo.m4(1)
    )
    assert total == 10


async def _test_fake() -> None:
    repo = SUITE_FAKE()
    total = (
        await repo.m0(1)  # type: ignore[attr-defined]
        + await repo.m1(1)  # type: ignore[attr-defined]
        + await repo.m2(1)  # type: ignore[attr-defined]
        + await repo.m3(1)  # type: ignore[attr-defined]
        + await repo.m4(1)  # type: ignore[attr-defined]
    )
    assert total == 10


def suite(settings: Settings) -> list[Row]:
    """1,000 tiny async tests, each run as a coroutine in one shared loop."""
    s = settings
    tests = s.n(1_000, 20)

    async def run(test: Callable[[], Awaitable[None]]) -> float:
        start = time.perf_counter()
        for _ in range(tests):
            await test()
        return time.perf_counter() - start

    async def measure() -> list[float]:
        return await _best_of_async(
            s.repeat,
            *(
                lambda test=test: run(test)
                for test in (_test_fakes, _test_mock, _test_fake)
            ),
        )

    ours, mock, fake = asyncio.run(measure())
    name = f"suite of {tests} tests (total ms)"
    return [
        Row(name, ours * 1e3, mock * 1e3, "AsyncMock(spec=C)", "ms"),
        Row(name, ours * 1e3, fake * 1e3, "hand-written fake class", "ms"),
    ]


EXPLORE_AWAITS = 10


async def _ten_awaits() -> None:
    """The explored body: 10 concurrent awaits of configured doubles."""
    fetch = fakes.async_double(name="fetch").returns(1)
    await asyncio.gather(*(fetch(i) for i in range(EXPLORE_AWAITS)))


def _plain_run() -> None:
    with fakes.Ledger():
        asyncio.run(_ten_awaits())


_explored_run = fakes.explore(1, seed=0, strategy="random")(_ten_awaits)


def explore_run(settings: Settings) -> list[Row]:
    """One run of fakes.explore against one asyncio.run of the same body."""
    number = settings.n(300, 5)
    explored, plain = best_of(
        settings.repeat,
        per_call(_explored_run, number),
        per_call(_plain_run, number),
    )
    settings.notes.append(
        f"one explore run / one asyncio.run of the same body ({EXPLORE_AWAITS} "
        f"awaits of doubles): {explored / plain:.2f}"
    )
    return [
        Row(
            f"explore: one run, {EXPLORE_AWAITS} awaits",
            explored,
            plain,
            "asyncio.run of the same body",
            "us",
        )
    ]


# ---------------------------------------------------------------------------
# Report


def format_value(value: float, unit: str) -> str:
    if unit == "us":
        return f"{value * 1e6:,.2f} us"
    if unit == "ms":
        return f"{value:,.2f} ms"
    return f"{value:,.0f} B"


def table(rows: list[Row]) -> str:
    header = ("scenario", "fakes", "other", "other/fakes", "other is")
    cells = [
        (
            row.scenario,
            format_value(row.fakes, row.unit),
            format_value(row.other, row.unit),
            f"{row.other / row.fakes:,.2f}" if row.fakes else "inf",
            row.other_name,
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(5)]

    def line(values: tuple[str, ...]) -> str:
        parts = [
            values[0].ljust(widths[0]),
            *(
                value.rjust(width)
                for value, width in zip(values[1:4], widths[1:4], strict=True)
            ),
            values[4].ljust(widths[4]),
        ]
        return "| " + " | ".join(parts) + " |"

    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([line(header), rule, *(line(cells) for cells in cells)])


SCENARIOS: dict[str, Callable[[Settings], list[Row]]] = {
    "create": creation,
    "access": first_access,
    "await": awaiting,
    "memory": memory,
    "suite": suite,
    "explore": explore_run,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="few iterations, one repetition"
    )
    parser.add_argument(
        "--only",
        choices=sorted(SCENARIOS),
        action="append",
        help="run only this scenario (repeatable)",
    )
    args = parser.parse_args(argv)
    settings = Settings(quick=args.quick)
    print(
        f"Python {sys.version.split()[0]} on {sys.platform}, "
        f"{'quick' if settings.quick else 'full'} run, best of {settings.repeat}"
    )
    rows: list[Row] = []
    for name, scenario in SCENARIOS.items():
        if not args.only or name in args.only:
            rows.extend(scenario(settings))
    print(table(rows))
    for note in settings.notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
