"""assert_cancelled: an await of a double was cancelled."""

from __future__ import annotations

import asyncio
import sys

import pytest
import trio
import trio.testing
from tests.soundness import assert_frames_hidden

import fakes
from fakes.errors import FakesError, FakesTypeError, MatcherError, NotCancelledError


def run(flow):
    """Run ``flow()`` in a task named ``main``, so that messages are stable."""

    async def main():
        await asyncio.create_task(flow(), name="main")

    asyncio.run(main())


def hanging():
    """A side_effect that never returns, and an event set once it is entered."""
    entered = {}

    async def side_effect(*args, **kwargs):
        entered["event"].set()
        await asyncio.Event().wait()

    def event():
        entered["event"] = asyncio.Event()
        return entered["event"]

    return side_effect, event


def test_assert_cancelled_passes_after_task_cancel():
    """A task cancelled while awaiting the double records the cancellation."""
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect, entered = hanging()

    async def flow():
        inside = entered()
        task = asyncio.create_task(fetch(1), name="worker")
        await inside.wait()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    run(flow)

    fakes.assert_cancelled(fetch)
    fakes.assert_cancelled(fakes.awaited(fetch, 1))


def test_assert_cancelled_passes_after_wait_for_timeout():
    """asyncio.wait_for cancels the await when it times out."""
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect, entered = hanging()

    async def flow():
        entered()
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(fetch(), timeout=0.001)

    run(flow)

    fakes.assert_cancelled(fetch)


def test_assert_cancelled_not_cancelled_message():
    """Awaits that returned or raised are counted and shown."""
    fetch = fakes.async_double(name="fetch")

    async def flow():
        await fetch(1)
        fetch.side_effect = KeyError("k")
        with pytest.raises(KeyError):
            await fetch(2)

    run(flow)

    with pytest.raises(NotCancelledError) as caught:
        fakes.assert_cancelled(fetch)

    assert str(caught.value) == (
        "No await of fetch was cancelled.\n"
        "Expected an await of fetch (any arguments) to be cancelled.\n"
        "Its 2 awaits: 1 returned, 1 raised.\n"
        "Awaits of fetch, from start to end:\n"
        "  #  task  event     call\n"
        "  1  main  started   fetch(1)\n"
        "  2  main  returned  fetch(1)\n"
        "  4  main  started   fetch(2)\n"
        "  5  main  raised    fetch(2) -> KeyError('k')\n"
        "Fix: check that the code cancels it (task.cancel(), a timeout, a "
        "TaskGroup or nursery whose sibling failed); the ledger records a "
        "cancellation when it reaches the double's await."
    )


def test_assert_cancelled_other_arguments_message():
    """With awaited(), only awaits with matching arguments count."""
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect, entered = hanging()

    async def flow():
        inside = entered()
        task = asyncio.create_task(fetch(1), name="worker")
        await inside.wait()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    run(flow)

    with pytest.raises(NotCancelledError) as caught:
        fakes.assert_cancelled(fetch, fakes.awaited(fetch, 2))

    assert str(caught.value) == (
        "No matching await of fetch(2) was cancelled.\n"
        "Expected an await of fetch(2) to be cancelled.\n"
        "No await had these arguments.\n"
        "Awaits of fetch, from start to end:\n"
        "  #  task    event      call\n"
        "  1  worker  started    fetch(1)\n"
        "  2  worker  cancelled  fetch(1)\n"
        "Fix: check that the code cancels it (task.cancel(), a timeout, a "
        "TaskGroup or nursery whose sibling failed); the ledger records a "
        "cancellation when it reaches the double's await."
    )


def test_assert_cancelled_still_in_flight_is_counted():
    """An await that never ended is counted as still in flight."""
    fetch = fakes.async_double(name="fetch")

    async def pause(*args):
        await asyncio.sleep(0)

    fetch.side_effect = pause
    coroutine = fetch()
    coroutine.send(None)

    with pytest.raises(NotCancelledError) as caught:
        fakes.assert_cancelled(fetch)

    assert str(caught.value).splitlines()[2] == "Its 1 await: 1 still in flight."
    coroutine.close()
    fakes.assert_cancelled(fetch)


def test_assert_cancelled_empty_call_message():
    """At least one item is needed."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.assert_cancelled()

    assert str(caught.value) == (
        "assert_cancelled() needs at least one item: pass doubles made by "
        "fakes.async_double (any await of them) or fakes.awaited(double, *args, "
        "**kwargs) (an await with those arguments)."
    )


@pytest.mark.skipif(sys.version_info < (3, 11), reason="TaskGroup is 3.11+")
def test_assert_cancelled_taskgroup_sibling_failure():
    """A failing sibling in a TaskGroup cancels the awaits of the others."""
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect, entered = hanging()
    broken = fakes.async_double(name="broken").raises(RuntimeError("down"))

    async def flow():
        inside = entered()

        async def fail_once_fetching():
            await inside.wait()
            await broken()

        async def checkout():
            async with asyncio.TaskGroup() as group:
                group.create_task(fetch(1))
                group.create_task(fail_once_fetching())

        with pytest.raises(ExceptionGroup):  # noqa: F821 - 3.11+ builtin
            await checkout()

    run(flow)

    fakes.assert_cancelled(fetch)
    fakes.assert_completed_in_order(broken, fetch)


def test_assert_cancelled_under_trio():
    """A trio cancel scope's cancellation is recorded as cancelled."""
    fetch = fakes.async_double(name="fetch")

    async def forever(*args):
        await trio.sleep_forever()

    fetch.side_effect = forever

    async def main():
        with trio.move_on_after(5):
            await fetch(1)

    trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))

    fakes.assert_cancelled(fakes.awaited(fetch, 1))


CANCEL_FIX = (
    "Fix: check that the code cancels it (task.cancel(), a timeout, a TaskGroup "
    "or nursery whose sibling failed); the ledger records a cancellation when it "
    "reaches the double's await."
)


def test_assert_cancelled_counts_every_await():
    """Several awaits that returned are all counted."""
    fetch = fakes.async_double(name="fetch")

    async def flow():
        for number in range(3):
            await fetch(number)

    run(flow)

    with pytest.raises(NotCancelledError) as caught:
        fakes.assert_cancelled(fetch)

    assert str(caught.value).splitlines()[2] == "Its 3 awaits: 3 returned."


def test_assert_cancelled_sync_double_never_awaited():
    """A sync double's calls end without starting: it was never awaited."""

    def parse(text: str) -> int:
        raise NotImplementedError

    double = fakes.async_double(parse, name="parse")
    double("x")

    with pytest.raises(NotCancelledError) as caught:
        fakes.assert_cancelled(double)

    assert str(caught.value) == (
        "No await of parse was cancelled.\n"
        "Expected an await of parse (any arguments) to be cancelled.\n"
        "It was never awaited.\n"
        "Awaits of parse, from start to end:\n"
        "  #  task  event     call\n"
        "  1  -     returned  parse('x')\n" + CANCEL_FIX
    )


def test_assert_cancelled_matcher_raises_names_the_await():
    """A matcher that raises is reported with the await it was compared with."""

    class Broken:
        def __eq__(self, other):
            raise RuntimeError("broken")

        __hash__ = None

        def __repr__(self):
            return "Broken()"

    fetch = fakes.async_double(name="fetch")
    run(lambda: fetch(1))

    with pytest.raises(MatcherError) as caught:
        fakes.assert_cancelled(fakes.awaited(fetch, Broken()))

    assert str(caught.value).startswith(
        "comparing fetch(Broken()) with the await #1 fetch(1) raised"
    )


def test_assert_cancelled_long_ledger_shows_the_last_rows():
    """Of many awaits, the last 30 rows are shown."""
    fetch = fakes.async_double(name="fetch")

    async def flow():
        for number in range(20):
            await fetch(number)

    run(flow)

    with pytest.raises(NotCancelledError) as caught:
        fakes.assert_cancelled(fetch)

    lines = str(caught.value).splitlines()
    assert lines[5:7] == [
        "  ... 10 earlier not shown",
        "  16  main  started   fetch(5)",
    ]
    assert lines[-2] == "  59  main  returned  fetch(19)"


class Broken:
    """A matcher whose comparison always raises."""

    def __eq__(self, other):
        raise ValueError("boom")

    __hash__ = object.__hash__


@pytest.mark.parametrize("matcher", [False, True])
def test_assert_cancelled_hides_its_frames(matcher):
    """A failing assert_cancelled shows the test's line, not the library's."""
    fetch = fakes.async_double(name="fetch")
    run(lambda: fetch(1))
    item = fakes.awaited(fetch, Broken()) if matcher else fetch

    with pytest.raises(FakesError) as caught:
        fakes.assert_cancelled(item)

    assert_frames_hidden(caught)


def test_assert_cancelled_never_awaited_message():
    """A double never awaited has no events to show."""
    fetch = fakes.async_double(name="fetch")

    with pytest.raises(NotCancelledError) as caught:
        fakes.assert_cancelled(fetch)

    assert str(caught.value) == (
        "No await of fetch was cancelled.\n"
        "Expected an await of fetch (any arguments) to be cancelled.\n"
        "It was never awaited.\n"
        "Awaits of fetch, from start to end:\n"
        "  (no events)\n" + CANCEL_FIX
    )
