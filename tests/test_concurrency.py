"""assert_awaited_concurrently, assert_not_awaited_concurrently, max concurrency."""

from __future__ import annotations

import asyncio

import pytest
import trio
import trio.testing
from tests.soundness import assert_frames_hidden

import fakes
from fakes.errors import (
    ConcurrencyError,
    FakesError,
    FakesTypeError,
    FakesValueError,
    MatcherError,
)


def run(flow):
    """Run ``flow()`` in a task named ``main``, so that messages are stable."""

    async def main():
        await asyncio.create_task(flow(), name="main")

    asyncio.run(main())


def meeting(count):
    """A side_effect that returns once ``count`` awaits are inside it at once."""
    state = {"inside": 0, "everyone": None}

    async def side_effect(*args, **kwargs):
        if state["everyone"] is None:
            state["everyone"] = asyncio.Event()
        state["inside"] += 1
        if state["inside"] == count:
            state["everyone"].set()
        await state["everyone"].wait()

    return side_effect


async def in_tasks(*calls):
    """Run each ``(name, coroutine function, args)`` in a task of that name."""
    tasks = [asyncio.create_task(fn(*args), name=name) for name, fn, args in calls]
    await asyncio.gather(*tasks)


def test_assert_awaited_concurrently_passes_for_overlapping_awaits():
    """Two awaits in flight at the same moment pass."""
    a = fakes.async_double(name="a")
    b = fakes.async_double(name="b")
    a.side_effect = b.side_effect = meeting(2)

    run(lambda: in_tasks(("ta", a, ()), ("tb", b, ())))

    fakes.assert_awaited_concurrently(a, b)
    fakes.assert_awaited_concurrently(b, a)


def test_assert_awaited_concurrently_same_double_twice():
    """The same double twice asks for two of its awaits in flight at once."""
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect = meeting(2)

    run(lambda: in_tasks(("t1", fetch, (1,)), ("t2", fetch, (2,))))

    fakes.assert_awaited_concurrently(fetch, fetch)
    fakes.assert_awaited_concurrently(fakes.awaited(fetch, 2), fakes.awaited(fetch, 1))


def test_assert_awaited_concurrently_sequential_message():
    """Awaits one after the other fail, showing the closest they came."""
    a = fakes.async_double(name="a")
    b = fakes.async_double(name="b")

    async def flow():
        await a()
        await b()

    run(flow)

    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_awaited_concurrently(a, b)

    assert str(caught.value) == (
        "The awaits were not in flight at the same time.\n"
        "Expected one await of each of these in flight at once:\n"
        "  1. a (any arguments)\n"
        "  2. b (any arguments)\n"
        "At most 1 of the 2 were in flight at once, first at #1 (>>).\n"
        "Awaits of a and b, from start to end:\n"
        "      #  task  event     call\n"
        "  >>  1  main  started   a()\n"
        "      2  main  returned  a()\n"
        "      4  main  started   b()\n"
        "      5  main  returned  b()\n"
        "Fix: start them together (asyncio.gather, a TaskGroup, a trio nursery) "
        "and make each double suspend while it runs (a gate, or a side_effect "
        "that awaits): a double that returns at once never overlaps another."
    )


def test_assert_awaited_concurrently_gather_without_suspension_fails():
    """gather of doubles that return at once does not overlap them."""
    a = fakes.async_double(name="a")
    b = fakes.async_double(name="b")

    run(lambda: in_tasks(("ta", a, ()), ("tb", b, ())))

    with pytest.raises(ConcurrencyError):
        fakes.assert_awaited_concurrently(a, b)
    fakes.assert_not_awaited_concurrently(a, b)


def test_assert_awaited_concurrently_never_awaited_message():
    """An item never awaited is named."""
    a = fakes.async_double(name="a")
    b = fakes.async_double(name="b")

    async def flow():
        await a(1)

    run(flow)

    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_awaited_concurrently(a, fakes.awaited(b, 1))

    assert str(caught.value) == (
        "The awaits were not in flight at the same time.\n"
        "Expected one await of each of these in flight at once:\n"
        "  1. a (any arguments)\n"
        "  2. b(1)\n"
        "2. b(1) was never awaited.\n"
        "Awaits of a and b, from start to end:\n"
        "  #  task  event     call\n"
        "  1  main  started   a(1)\n"
        "  2  main  returned  a(1)\n"
        "Fix: start them together (asyncio.gather, a TaskGroup, a trio nursery) "
        "and make each double suspend while it runs (a gate, or a side_effect "
        "that awaits): a double that returns at once never overlaps another."
    )


def test_assert_awaited_concurrently_one_item_message():
    """At least two items are needed."""
    a = fakes.async_double(name="a")

    with pytest.raises(FakesTypeError) as caught:
        fakes.assert_awaited_concurrently(a)

    assert str(caught.value) == (
        "assert_awaited_concurrently() needs at least 2 items: pass doubles made "
        "by fakes.async_double (any await of them) or fakes.awaited(double, "
        "*args, **kwargs) (an await with those arguments)."
    )


def test_assert_not_awaited_concurrently_passes_for_sequential_awaits():
    """Awaits one after the other pass."""
    a = fakes.async_double(name="a")
    b = fakes.async_double(name="b")

    async def flow():
        await a()
        await b()

    run(flow)

    fakes.assert_not_awaited_concurrently(a, b)


def test_assert_not_awaited_concurrently_overlap_message():
    """The first overlap is marked on both awaits."""
    a = fakes.async_double(name="a")
    b = fakes.async_double(name="b")
    a.side_effect = b.side_effect = meeting(2)

    run(lambda: in_tasks(("ta", a, (1,)), ("tb", b, (2,))))

    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_not_awaited_concurrently(a, b)

    assert str(caught.value) == (
        "The awaits overlapped.\n"
        "Expected no two of these in flight at once:\n"
        "  1. a (any arguments)\n"
        "  2. b (any arguments)\n"
        "#3 b(2) started while #2 a(1) was still in flight (>>).\n"
        "Awaits of a and b, from start to end:\n"
        "      #  task  event     call\n"
        "  >>  2  ta    started   a(1)\n"
        "  >>  3  tb    started   b(2)\n"
        "      4  tb    returned  b(2)\n"
        "      5  ta    returned  a(1)\n"
        "Fix: make the code finish one before it starts the other (await in "
        "turn, or guard them with a lock), or drop this assertion if they may "
        "overlap."
    )


def test_assert_not_awaited_concurrently_ignores_overlap_within_one_item():
    """Awaits of the same item may overlap each other."""
    fetch = fakes.async_double(name="fetch")
    other = fakes.async_double(name="other")
    fetch.side_effect = meeting(2)

    async def flow():
        await in_tasks(("t1", fetch, (1,)), ("t2", fetch, (2,)))
        await other()

    run(flow)

    fakes.assert_not_awaited_concurrently(fetch, other)
    with pytest.raises(ConcurrencyError):
        fakes.assert_not_awaited_concurrently(
            fakes.awaited(fetch, 1), fakes.awaited(fetch, 2)
        )


def test_max_in_flight_reads_the_peak():
    """max_in_flight() is the most awaits of a double in flight at once."""
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect = meeting(3)
    idle = fakes.async_double(name="idle")

    run(lambda: in_tasks(*((f"t{n}", fetch, (n,)) for n in range(3))))

    assert fakes.max_in_flight(fetch) == 3
    assert fakes.max_in_flight(fakes.awaited(fetch, 1)) == 1
    assert fakes.max_in_flight(idle) == 0


def test_assert_max_concurrency_passes_under_semaphore():
    """A semaphore of 2 keeps at most 2 awaits in flight."""
    fetch = fakes.async_double(name="fetch")

    async def pause(*args):
        await asyncio.sleep(0)

    fetch.side_effect = pause

    async def flow():
        limit = asyncio.Semaphore(2)

        async def guarded(n):
            async with limit:
                await fetch(n)

        await asyncio.gather(*(guarded(n) for n in range(6)))

    run(flow)

    fakes.assert_max_concurrency(fetch, 2)
    assert fakes.max_in_flight(fetch) == 2


def test_assert_max_concurrency_exceeded_message():
    """The await that passed the limit is marked and the ones in flight listed."""
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect = meeting(3)

    run(lambda: in_tasks(*((f"t{n}", fetch, (n,)) for n in range(3))))

    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_max_concurrency(fetch, 2)

    assert str(caught.value) == (
        "fetch had up to 3 awaits in flight at once; expected at most 2 awaits.\n"
        "The limit was first exceeded at #5 (>>): #3, #4 and #5 were in flight.\n"
        "Awaits of fetch, from start to end:\n"
        "      #  task  event     call\n"
        "      3  t0    started   fetch(0)\n"
        "      4  t1    started   fetch(1)\n"
        "  >>  5  t2    started   fetch(2)\n"
        "      6  t2    returned  fetch(2)\n"
        "      7  t0    returned  fetch(0)\n"
        "      8  t1    returned  fetch(1)\n"
        "Fix: bound the concurrency in the code (an asyncio.Semaphore(2), a pool "
        "of workers), or expect a higher limit."
    )


def test_assert_max_concurrency_limit_below_one_message():
    """A limit below 1 is refused."""
    fetch = fakes.async_double(name="fetch")

    with pytest.raises(FakesValueError) as caught:
        fakes.assert_max_concurrency(fetch, 0)

    assert str(caught.value) == (
        "assert_max_concurrency() needs a limit of at least 1, got 0: to check "
        "that fetch was never awaited, use fetch.assert_not_awaited()."
    )


def test_assert_max_concurrency_limit_not_int_message():
    """A limit that is not an int is refused."""
    fetch = fakes.async_double(name="fetch")

    with pytest.raises(FakesTypeError) as caught:
        fakes.assert_max_concurrency(fetch, "2")

    assert str(caught.value) == (
        "assert_max_concurrency() takes the limit as an int, got '2' (str)."
    )


def test_assert_max_concurrency_bad_item_message():
    """The item must be a double."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.assert_max_concurrency(print, 2)

    assert str(caught.value) == (
        "assert_max_concurrency() item 1 is <built-in function print> "
        "(builtin_function_or_method), which is not a double: pass a double made "
        "by fakes.async_double (any await of it) or fakes.awaited(double, *args, "
        "**kwargs) (an await with those arguments)."
    )


def test_assert_awaited_concurrently_long_timeline_is_cut():
    """Only rows around the mark are shown when there are many."""
    a = fakes.async_double(name="a")
    b = fakes.async_double(name="b")

    async def flow():
        for _ in range(20):
            await a()
        await b()

    run(flow)

    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_awaited_concurrently(b, a)

    lines = str(caught.value).splitlines()
    assert lines[4] == "At most 1 of the 2 were in flight at once, first at #1 (>>)."
    assert lines[6:9] == [
        "       #  task  event     call",
        "  >>   1  main  started   a()",
        "       2  main  returned  a()",
    ]
    assert lines[-2] == "  ... 12 later not shown"
    assert len(lines) == 6 + 1 + 30 + 1 + 1


def test_assert_max_concurrency_under_trio():
    """Concurrency is measured under trio, with trio's mock clock."""
    fetch = fakes.async_double(name="fetch")

    async def slow(*args):
        await trio.sleep(1)

    fetch.side_effect = slow

    async def main():
        limit = trio.Semaphore(2)

        async def guarded(n):
            async with limit:
                await fetch(n)

        async with trio.open_nursery() as nursery:
            for n in range(5):
                nursery.start_soon(guarded, n)

    trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))

    fakes.assert_max_concurrency(fetch, 2)
    assert fakes.max_in_flight(fetch) == 2
    fakes.assert_awaited_concurrently(fetch, fetch)
    with pytest.raises(ConcurrencyError):
        fakes.assert_max_concurrency(fetch, 1)


def test_assert_awaited_concurrently_pairwise_overlap_is_not_enough():
    """a overlaps b and b overlaps c, but a and c never: all three fail."""
    a = fakes.async_double(name="a")
    b = fakes.async_double(name="b")
    c = fakes.async_double(name="c")
    a_done = asyncio.Event()

    async def hold_b(*args):
        await a_done.wait()
        await c()

    async def pause_a(*args):
        await asyncio.sleep(0)
        a_done.set()

    a.side_effect = pause_a
    b.side_effect = hold_b

    run(lambda: in_tasks(("ta", a, ()), ("tb", b, ())))

    fakes.assert_awaited_concurrently(a, b)
    fakes.assert_awaited_concurrently(b, c)
    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_awaited_concurrently(a, b, c)
    assert str(caught.value).splitlines()[5] == (
        "At most 2 of the 3 were in flight at once, first at #3 (>>)."
    )


def test_assert_awaited_concurrently_same_double_never_overlapping():
    """fetch twice fails when its awaits ran one after the other."""
    fetch = fakes.async_double(name="fetch")

    async def flow():
        await fetch(1)
        await fetch(2)

    run(flow)

    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_awaited_concurrently(fetch, fetch)
    assert str(caught.value).splitlines()[4] == (
        "At most 1 of the 2 were in flight at once, first at #1 (>>)."
    )


class Broken:
    """A matcher whose comparison always raises."""

    def __eq__(self, other):
        raise ValueError("boom")

    __hash__ = object.__hash__


def _concurrency_failures():
    a = fakes.async_double(name="a")
    b = fakes.async_double(name="b")
    a.side_effect = b.side_effect = meeting(2)

    run(lambda: in_tasks(("ta", a, (1,)), ("tb", b, (2,)), ("tc", a, (3,))))
    return {
        "not concurrent": lambda: fakes.assert_awaited_concurrently(a, a, a),
        "concurrent matcher": lambda: fakes.assert_awaited_concurrently(
            a, fakes.awaited(b, Broken())
        ),
        "overlap": lambda: fakes.assert_not_awaited_concurrently(a, b),
        "max concurrency": lambda: fakes.assert_max_concurrency(a, 1),
        "max concurrency matcher": lambda: fakes.assert_max_concurrency(
            fakes.awaited(a, Broken()), 1
        ),
        "max concurrency limit": lambda: fakes.assert_max_concurrency(a, 0),
        "max in flight matcher": lambda: fakes.max_in_flight(
            fakes.awaited(a, Broken())
        ),
        "bad item": lambda: fakes.max_in_flight(None),
    }


@pytest.mark.parametrize(
    "case",
    [
        "not concurrent",
        "concurrent matcher",
        "overlap",
        "max concurrency",
        "max concurrency matcher",
        "max concurrency limit",
        "max in flight matcher",
        "bad item",
    ],
)
def test_concurrency_assertions_hide_their_frames(case):
    """Whichever way a concurrency assertion fails, the library's frames are hidden."""
    fail = _concurrency_failures()[case]

    with pytest.raises(FakesError) as caught:
        fail()

    assert_frames_hidden(caught)


async def pause(*args):
    """A side_effect that suspends once before it returns."""
    await asyncio.sleep(0)


class Source:
    async def stream(self):
        yield 1

    async def get(self): ...


def test_assert_max_concurrency_limit_of_one_message():
    """A limit of one is written in the singular."""
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect = meeting(2)

    run(lambda: in_tasks(("t1", fetch, (1,)), ("t2", fetch, (2,))))

    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_max_concurrency(fetch, 1)

    assert str(caught.value) == (
        "fetch had up to 2 awaits in flight at once; expected at most 1 await.\n"
        "The limit was first exceeded at #3 (>>): #2 and #3 were in flight.\n"
        "Awaits of fetch, from start to end:\n"
        "      #  task  event     call\n"
        "      2  t1    started   fetch(1)\n"
        "  >>  3  t2    started   fetch(2)\n"
        "      4  t2    returned  fetch(2)\n"
        "      5  t1    returned  fetch(1)\n"
        "Fix: bound the concurrency in the code (an asyncio.Semaphore(1), a pool "
        "of workers), or expect a higher limit."
    )


def test_assert_awaited_concurrently_shows_only_starts_and_ends():
    """Yields of an async generator member are left out of the awaits shown."""
    source = fakes.async_double(Source)
    source.stream.yields(1, 2)

    async def flow():
        async for _ in source.stream():
            pass
        await source.get()

    run(flow)

    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_awaited_concurrently(source.stream, source.get)

    assert str(caught.value) == (
        "The awaits were not in flight at the same time.\n"
        "Expected one await of each of these in flight at once:\n"
        "  1. Source.stream (any arguments)\n"
        "  2. Source.get (any arguments)\n"
        "1. Source.stream was never awaited.\n"
        "Awaits of Source.stream and Source.get, from start to end:\n"
        "  #  task  event     call\n"
        "  1  main  returned  Source.stream()\n"
        "  5  main  started   Source.get()\n"
        "  6  main  returned  Source.get()\n"
        "Fix: start them together (asyncio.gather, a TaskGroup, a trio nursery) "
        "and make each double suspend while it runs (a gate, or a side_effect "
        "that awaits): a double that returns at once never overlaps another."
    )
    fakes.assert_not_awaited_concurrently(source.stream, source.get)


def test_assert_awaited_concurrently_one_await_for_each_item():
    """A bare double and an awaited() item of it need two distinct awaits."""
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect = pause

    run(lambda: in_tasks(("t1", fetch, (1,)), ("t3", fetch, (3,))))

    fakes.assert_awaited_concurrently(fetch, fakes.awaited(fetch, 1))
    fakes.assert_awaited_concurrently(fakes.awaited(fetch, 1), fetch)
    with pytest.raises(ConcurrencyError):
        fakes.assert_awaited_concurrently(fetch, fakes.awaited(fetch, 2))


def test_assert_not_awaited_concurrently_await_matching_two_items():
    """An await that matches both items conflicts with any other in flight."""
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect = pause

    async def flow():
        await fetch(2)
        await in_tasks(("t1", fetch, (1,)), ("t2", fetch, (2,)))

    run(flow)

    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_not_awaited_concurrently(fetch, fakes.awaited(fetch, 2))

    assert str(caught.value) == (
        "The awaits overlapped.\n"
        "Expected no two of these in flight at once:\n"
        "  1. fetch (any arguments)\n"
        "  2. fetch(2)\n"
        "#6 fetch(2) started while #5 fetch(1) was still in flight (>>).\n"
        "Awaits of fetch, from start to end:\n"
        "      #  task  event     call\n"
        "      1  main  started   fetch(2)\n"
        "      2  main  returned  fetch(2)\n"
        "  >>  5  t1    started   fetch(1)\n"
        "  >>  6  t2    started   fetch(2)\n"
        "      7  t1    returned  fetch(1)\n"
        "      8  t2    returned  fetch(2)\n"
        "Fix: make the code finish one before it starts the other (await in "
        "turn, or guard them with a lock), or drop this assertion if they may "
        "overlap."
    )


def test_assert_not_awaited_concurrently_awaits_of_one_item_only():
    """Awaits that match only the bare item may overlap each other."""
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect = pause

    run(lambda: in_tasks(("t1", fetch, (1,)), ("t3", fetch, (3,))))

    fakes.assert_not_awaited_concurrently(fetch, fakes.awaited(fetch, 2))


def test_assert_not_awaited_concurrently_after_an_ended_await():
    """An await that ended earlier does not excuse a later overlap."""
    a = fakes.async_double(name="a")
    b = fakes.async_double(name="b")
    a.side_effect = b.side_effect = pause

    async def flow():
        await a(0)
        await in_tasks(("tb", b, ()), ("ta", a, (1,)))

    run(flow)

    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_not_awaited_concurrently(a, b)

    assert str(caught.value) == (
        "The awaits overlapped.\n"
        "Expected no two of these in flight at once:\n"
        "  1. a (any arguments)\n"
        "  2. b (any arguments)\n"
        "#6 a(1) started while #5 b() was still in flight (>>).\n"
        "Awaits of a and b, from start to end:\n"
        "      #  task  event     call\n"
        "      1  main  started   a(0)\n"
        "      2  main  returned  a(0)\n"
        "  >>  5  tb    started   b()\n"
        "  >>  6  ta    started   a(1)\n"
        "      7  tb    returned  b()\n"
        "      8  ta    returned  a(1)\n"
        "Fix: make the code finish one before it starts the other (await in "
        "turn, or guard them with a lock), or drop this assertion if they may "
        "overlap."
    )


def test_max_in_flight_of_a_sync_double_is_zero():
    """Calls of a sync double are never in flight."""

    def parse(text: str) -> int: ...

    parser = fakes.async_double(parse)

    parser("x")

    assert fakes.max_in_flight(parser) == 0
    fakes.assert_not_awaited_concurrently(parser, parser)


def _long_run(*last):
    """20 awaits of ``a`` one after the other, then ``last`` in tasks at once."""
    a = fakes.async_double(name="a")
    b = fakes.async_double(name="b")
    a.side_effect = b.side_effect = pause
    named = {"a": a, "b": b}

    async def flow():
        for _ in range(20):
            await a()
        await in_tasks(*((f"t{n}", named[name], ()) for n, name in enumerate(last)))

    run(flow)
    return a, b


def test_assert_not_awaited_concurrently_long_timeline_shows_the_overlap():
    """Of many rows, those around the overlap are shown."""
    a, b = _long_run("a", "b")

    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_not_awaited_concurrently(a, b)

    lines = str(caught.value).splitlines()
    assert lines[4] == "#63 b() started while #62 a() was still in flight (>>)."
    assert lines[6:9] == [
        "       #  task  event     call",
        "  ... 14 earlier not shown",
        "      22  main  started   a()",
    ]
    assert lines[-6:-1] == [
        "      59  main  returned  a()",
        "  >>  62  t0    started   a()",
        "  >>  63  t1    started   b()",
        "      64  t0    returned  a()",
        "      65  t1    returned  b()",
    ]


def test_assert_max_concurrency_long_timeline_shows_where_the_limit_passed():
    """Of many rows, those around the await that passed the limit are shown."""
    a, _ = _long_run("a", "a")

    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_max_concurrency(a, 1)

    lines = str(caught.value).splitlines()
    assert (
        lines[1]
        == "The limit was first exceeded at #63 (>>): #62 and #63 were in flight."
    )
    assert lines[3:6] == [
        "       #  task  event     call",
        "  ... 14 earlier not shown",
        "      22  main  started   a()",
    ]
    assert lines[-4:-1] == [
        "  >>  63  t1    started   a()",
        "      64  t0    returned  a()",
        "      65  t1    returned  a()",
    ]


def test_assert_awaited_concurrently_long_timeline_shows_the_closest_moment():
    """Of many rows, those around the moment most awaits were in flight are shown."""
    a, b = _long_run("a", "b")
    c = fakes.async_double(name="c")
    run(c)

    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_awaited_concurrently(a, b, c)

    lines = str(caught.value).splitlines()
    assert lines[5] == "At most 2 of the 3 were in flight at once, first at #63 (>>)."
    assert lines[7:10] == [
        "       #  task  event     call",
        "  ... 16 earlier not shown",
        "      25  main  started   a()",
    ]
    assert lines[-6:-1] == [
        "  >>  63  t1    started   b()",
        "      64  t0    returned  a()",
        "      65  t1    returned  b()",
        "      67  main  started   c()",
        "      68  main  returned  c()",
    ]


def test_assert_not_awaited_concurrently_one_item_message():
    """At least two items are needed."""
    a = fakes.async_double(name="a")

    with pytest.raises(FakesTypeError) as caught:
        fakes.assert_not_awaited_concurrently(a)

    assert str(caught.value) == (
        "assert_not_awaited_concurrently() needs at least 2 items: pass doubles "
        "made by fakes.async_double (any await of them) or fakes.awaited(double, "
        "*args, **kwargs) (an await with those arguments)."
    )


def test_assert_not_awaited_concurrently_skips_awaits_of_no_item():
    """An await that matches no item does not end the check."""
    fetch = fakes.async_double(name="fetch")
    b = fakes.async_double(name="b")
    fetch.side_effect = b.side_effect = pause

    async def flow():
        await fetch(9)
        await in_tasks(("t1", fetch, (1,)), ("tb", b, ()))

    run(flow)

    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_not_awaited_concurrently(fakes.awaited(fetch, 1), b)

    assert str(caught.value).splitlines()[4] == (
        "#6 b() started while #5 fetch(1) was still in flight (>>)."
    )


def test_assert_not_awaited_concurrently_many_awaits_of_one_item():
    """Three awaits of one item in flight at once do not conflict."""
    fetch = fakes.async_double(name="fetch")
    other = fakes.async_double(name="other")
    fetch.side_effect = pause

    async def flow():
        await fetch(0)
        await in_tasks(*((f"t{n}", fetch, (n,)) for n in range(1, 4)))

    run(flow)

    fakes.assert_not_awaited_concurrently(fetch, other)


def test_max_in_flight_bad_item_message():
    """The item must be a double."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.max_in_flight(None)

    assert str(caught.value) == (
        "max_in_flight() item 1 is None (NoneType), which is not a double: pass a "
        "double made by fakes.async_double (any await of it) or "
        "fakes.awaited(double, *args, **kwargs) (an await with those arguments)."
    )


def test_assert_awaited_concurrently_matcher_that_raises_is_reported():
    """A matcher that raises names the await it was compared with."""

    class Raising:
        def __eq__(self, other):
            raise ValueError("boom")

        __hash__ = object.__hash__

        def __repr__(self):
            return "Raising()"

    a = fakes.async_double(name="a")
    b = fakes.async_double(name="b")

    async def flow():
        await a()
        await b(1)

    run(flow)

    with pytest.raises(MatcherError) as caught:
        fakes.assert_awaited_concurrently(a, fakes.awaited(b, Raising()))

    assert str(caught.value) == (
        "comparing b(Raising()) with the await #4 b(1) raised ValueError('boom'): "
        "a matcher's __eq__ must return True or False; fix the matcher, or compare "
        "that argument with unittest.mock.ANY."
    )


def test_assert_max_concurrency_limit_bool_message():
    """A bool limit is refused, not read as 1."""
    fetch = fakes.async_double(name="fetch")

    with pytest.raises(FakesTypeError) as caught:
        fakes.assert_max_concurrency(fetch, True)

    assert str(caught.value) == (
        "assert_max_concurrency() takes the limit as an int, got True (bool)."
    )
