"""fakes.timeline(): the ledger as a table."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

import fakes


def test_timeline_empty_ledger():
    """An empty ledger renders as (no events)."""
    with fakes.Ledger():
        assert fakes.timeline() == "(no events)"


def test_timeline_one_line_per_event():
    """Each event is one aligned line with its call."""
    fetch = fakes.async_double(name="fetch").raises(KeyError("k"))

    with fakes.Ledger() as ledger:
        coroutine = fetch(1, key="x")
        with contextlib.suppress(KeyError):
            coroutine.send(None)

    assert fakes.timeline(ledger) == (
        "#  time  task  event    call\n"
        "0  -     -     called   fetch(1, key='x')\n"
        "1  -     -     started  fetch(1, key='x')\n"
        "2  -     -     raised   fetch(1, key='x') -> KeyError('k')"
    )


def test_timeline_shortens_long_arguments():
    """An argument whose repr is longer than 80 characters is cut to 80."""
    fetch = fakes.async_double(name="fetch")

    with fakes.Ledger() as ledger:
        fetch("a" * 78).close()
        fetch("b" * 79).close()

    assert fakes.timeline(ledger) == (
        "#  time  task  event   call\n"
        f"0  -     -     called  fetch('{'a' * 78}')\n"
        f"1  -     -     called  fetch('{'b' * 76}...)"
    )


def test_timeline_survives_a_broken_repr():
    """An argument whose repr raises is named by its class."""

    class Broken:
        def __repr__(self):
            raise ValueError("no")

    fetch = fakes.async_double(name="fetch")

    with fakes.Ledger() as ledger:
        fetch(Broken()).close()

    assert fakes.timeline(ledger) == (
        "#  time  task  event   call\n"
        "0  -     -     called  fetch(<Broken object; repr() raised ValueError>)"
    )


class Source:
    async def stream(self):
        yield 1


def test_timeline_shows_loop_times_tasks_and_details():
    """Loop times have three decimals; yields and failed exits show their value."""
    source = fakes.async_double(Source)
    source.stream.yields(None, 2)
    conn = fakes.async_context(name="conn", suppress=True)

    async def flow():
        async for _ in source.stream():
            pass
        await asyncio.sleep(1.5)
        async with conn:
            pass
        async with conn:
            raise KeyError("k")

    async def main():
        await asyncio.create_task(flow(), name="flow")

    with fakes.virtual_time(), fakes.Ledger() as ledger:
        asyncio.run(main())

    start = ledger[0].time
    assert start == int(start)
    first, later = f"{start:.3f}", f"{start + 1.5:.3f}"
    pad = " " * (len(first) - 4)
    assert fakes.timeline(ledger) == (
        f"#  time{pad}  task  event     call\n"
        f"0  {first}  flow  called    Source.stream()\n"
        f"1  {first}  flow  returned  Source.stream()\n"
        f"2  {first}  flow  yielded   Source.stream() -> None\n"
        f"3  {first}  flow  yielded   Source.stream() -> 2\n"
        f"4  {later}  flow  entered   conn()\n"
        f"5  {later}  flow  exited    conn()\n"
        f"6  {later}  flow  entered   conn()\n"
        f"7  {later}  flow  exited    conn() -> KeyError('k')"
    )


def test_timeline_refuses_what_is_not_a_ledger():
    """timeline("x") is a FakesTypeError naming what it takes and the fix."""

    with pytest.raises(fakes.errors.FakesTypeError) as caught:
        fakes.timeline("x")  # type: ignore[arg-type]

    assert str(caught.value) == (
        "fakes.timeline() takes a fakes.Ledger, or nothing for the current "
        "ledger; got 'x' (str).\n"
        "Fix: call fakes.timeline() without an argument, or pass the ledger of "
        "a 'with fakes.Ledger() as ledger:' block or the fakes_ledger fixture."
    )


def test_timeline_states_how_many_events_were_dropped():
    """A ledger that dropped events says so above its table."""
    ping = fakes.async_double(name="ping")

    with fakes.Ledger(capacity=4) as ledger:
        for number in range(2):
            asyncio.run(ping(number))

    assert fakes.timeline(ledger).splitlines()[0] == (
        "(3 earlier events dropped: this ledger keeps the last 4 at most; use "
        "'with fakes.Ledger():' or the pytest plugin to keep every event of a test)"
    )
