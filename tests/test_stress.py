"""Stress: many threads and loops, and many concurrent awaits on one loop.

Marked ``stress``: skipped unless ``--run-stress`` or ``FAKES_STRESS=1`` is
given (``nox -s stress`` does both, with many hypothesis examples too). Each
test prints its figures: events recorded and expected, wall time, memory.
"""

from __future__ import annotations

import asyncio
import gc
import resource
import sys
import threading
import time
import tracemalloc

import pytest
from tests.soundness import assert_sound

import fakes

pytestmark = pytest.mark.stress

THREADS = 8
ROUNDS = 10_000
CONCURRENT = 100_000
# A thread that has not finished this long after the others is deadlocked.
JOIN_TIMEOUT = 600


def peak_rss_mib() -> float:
    """The process's peak resident memory, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def report(capsys, title: str, figures: dict[str, object]) -> None:
    with capsys.disabled():
        print(f"\n[stress] {title}")
        for name, value in figures.items():
            print(f"  {name}: {value}")


def test_ledger_threads_and_loops_lose_nothing(capsys):
    """8 threads, each with its own loop, await shared and private doubles."""
    shared = fakes.async_double(name="shared")
    privates = [fakes.async_double(name=f"private{n}") for n in range(THREADS)]
    start_line = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    async def work(private):
        for _ in range(ROUNDS):
            await shared()
            await private()

    def run(private):
        try:
            start_line.wait()
            asyncio.run(work(private))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    ledger = fakes.Ledger()
    previous = fakes._ledger.set_default_ledger(ledger)
    threads = [threading.Thread(target=run, args=(p,)) for p in privates]
    started = time.perf_counter()
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(JOIN_TIMEOUT)
    finally:
        fakes._ledger.set_default_ledger(previous)
    wall = time.perf_counter() - started

    alive = [thread.name for thread in threads if thread.is_alive()]
    expected = THREADS * ROUNDS * 2 * 3
    report(
        capsys,
        f"{THREADS} threads x {ROUNDS:,} rounds (shared + private double)",
        {
            "events recorded / expected": f"{len(ledger):,} / {expected:,}",
            "wall time": f"{wall:.2f} s",
            "events per second": f"{len(ledger) / wall:,.0f}",
            "peak RSS": f"{peak_rss_mib():.0f} MiB",
        },
    )
    assert not alive, f"deadlocked: {alive}"
    assert not errors
    assert len(ledger) == expected
    assert shared.await_count == THREADS * ROUNDS
    assert [p.await_count for p in privates] == [ROUNDS] * THREADS
    for kind in ("called", "started", "returned"):
        events = ledger.events(kind, shared)
        assert len(events) == THREADS * ROUNDS
        assert len({event.task for event in events}) >= 1
    assert_sound(ledger)


async def test_gate_releases_many_concurrent_awaits(capsys):
    """100,000 awaits held by one gate, released at once, are all recorded."""
    gc.collect()
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    started = time.perf_counter()
    with fakes.Ledger() as ledger:
        save = fakes.async_double(name="save")
        gate = save.gate()
        tasks = [asyncio.ensure_future(save(n)) for n in range(CONCURRENT)]
        await gate.wait_entered(CONCURRENT)
        released = gate.release_all("ok")
        results = await asyncio.gather(*tasks)
    wall = time.perf_counter() - started
    del tasks
    gc.collect()
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    expected = CONCURRENT * 3
    per_event = (retained - baseline) / len(ledger)
    report(
        capsys,
        f"{CONCURRENT:,} concurrent awaits behind one gate",
        {
            "events recorded / expected": f"{len(ledger):,} / {expected:,}",
            "wall time (under tracemalloc)": f"{wall:.2f} s",
            "peak traced memory": f"{(peak - baseline) / 2**20:.0f} MiB",
            "retained after the run": f"{(retained - baseline) / 2**20:.1f} MiB "
            f"({per_event:.0f} bytes per event, double's call lists included)",
            "peak RSS": f"{peak_rss_mib():.0f} MiB",
        },
    )
    assert released == CONCURRENT
    assert results == ["ok"] * CONCURRENT
    assert len(ledger) == expected
    assert save.await_count == CONCURRENT
    started_args = [event.args for event in ledger.events("started")]
    assert sorted(started_args) == [(n,) for n in range(CONCURRENT)]
    assert gate.problems() == []
    assert_sound(ledger)
