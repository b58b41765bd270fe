"""The ledger: events, scoping and thread safety."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import gc
import inspect
import math
import subprocess
import sys
import threading
import time
from array import array
from collections.abc import AsyncIterator
from unittest import mock

import pytest
import trio
import trio.testing

import fakes
from fakes.errors import FakesTypeError, FakesValueError


async def test_ledger_records_called_started_returned():
    """One await records called, started and returned, in that order."""
    fetch = fakes.async_double(name="fetch")

    with fakes.Ledger() as ledger:
        await fetch(1, key="x")

    kinds = [(event.seq, event.kind, event.name) for event in ledger]
    assert kinds == [
        (0, "called", "fetch"),
        (1, "started", "fetch"),
        (2, "returned", "fetch"),
    ]
    assert all(event.args == (1,) and event.kwargs == {"key": "x"} for event in ledger)
    assert {event.task for event in ledger} == {asyncio.current_task().get_name()}


async def test_ledger_records_raised_with_exception():
    """A raising await records raised with the exception."""
    fetch = fakes.async_double(name="fetch").raises(KeyError("k"))

    with fakes.Ledger() as ledger, pytest.raises(KeyError):
        await fetch()

    raised = ledger.events("raised")
    assert len(raised) == 1
    assert isinstance(raised[0].detail, KeyError)


async def test_ledger_time_is_loop_time():
    """Events inside a loop carry the loop's time."""
    fetch = fakes.async_double(name="fetch")
    before = asyncio.get_running_loop().time()

    with fakes.Ledger() as ledger:
        await fetch()

    assert all(before <= event.time for event in ledger)


def test_ledger_time_outside_loop_is_nan():
    """A call made outside any loop has no time and no task."""
    fetch = fakes.async_double(name="fetch")

    with fakes.Ledger() as ledger:
        coroutine = fetch()
    coroutine.close()

    assert math.isnan(ledger[0].time)
    assert ledger[0].task is None


def test_ledger_nested_scopes_restore_outer():
    """Leaving a nested ledger makes the outer one current again."""
    with fakes.Ledger() as outer:
        with fakes.Ledger() as inner:
            assert fakes.current_ledger() is inner
        assert fakes.current_ledger() is outer


def test_ledger_events_filter_by_double():
    """events() keeps only one double's events when asked."""
    a = fakes.async_double(name="a")
    b = fakes.async_double(name="b")

    with fakes.Ledger() as ledger:
        asyncio.run(a())
        asyncio.run(b())

    assert [event.name for event in ledger.events("started", double=b)] == ["b"]


def test_ledger_events_unknown_kind_message():
    """An unknown event kind is refused with the list of kinds."""
    with pytest.raises(FakesValueError) as caught:
        fakes.Ledger().events("awaited")

    assert str(caught.value) == (
        "unknown event kind 'awaited': use one of called, started, returned, "
        "raised, cancelled, entered, exited, yielded, closed.\nFix: pass the "
        "kind's name, such as ledger.events('started') for the awaits that "
        "began."
    )


def test_ledger_events_kind_that_is_not_a_name_is_a_type_error():
    """A kind that is not a string is misuse of the wrong type."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.Ledger().events(1)  # type: ignore[arg-type]

    assert str(caught.value).startswith("unknown event kind 1: use one of called")


def test_ledger_thread_safety_no_event_lost(fakes_ledger):
    """8 threads with their own loops awaiting doubles lose no event."""
    shared = fakes.async_double(name="shared")
    rounds = 10_000

    async def work(private):
        for _ in range(rounds):
            await shared()
            await private()

    def run():
        asyncio.run(work(fakes.async_double(name="private")))

    # New threads start with an empty context, so they record to the
    # process-wide ledger, which the plugin made fresh for this test.
    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    ledger = fakes_ledger
    assert len(ledger) == 8 * rounds * 2 * 3
    assert shared.await_count == 8 * rounds
    assert [event.seq for event in ledger] == list(range(len(ledger)))


def test_ledger_keeps_no_coroutine_alive():
    """The ledger holds no reference to the coroutine of a call."""
    import gc
    import weakref

    fetch = fakes.async_double(name="fetch")
    with fakes.Ledger():
        coroutine = fetch()
        ref = weakref.ref(coroutine)
        coroutine.close()
        del coroutine
        gc.collect()

        assert ref() is None


def test_ledger_scan_filters_kinds_and_doubles():
    """scan() returns (seq, kind, call, double) of the chosen kinds and doubles."""
    from fakes._ledger import RETURNED, STARTED

    a = fakes.async_double(name="a")
    b = fakes.async_double(name="b")

    with fakes.Ledger() as ledger:
        asyncio.run(a(1))
        asyncio.run(b(2))

    assert ledger.scan({STARTED}) == [(1, STARTED, 0, a), (4, STARTED, 3, b)]
    assert ledger.scan({STARTED, RETURNED}, {id(b)}) == [
        (4, STARTED, 3, b),
        (5, RETURNED, 3, b),
    ]
    assert ledger.arguments(3) == ((2,), {})
    assert ledger.detail(5) is None
    kinds, calls, doubles = ledger.columns()
    assert (list(kinds), list(calls), doubles) == (
        [0, 1, 2, 0, 1, 2],
        [0, 0, 0, 3, 3, 3],
        [a, a, a, b, b, b],
    )


async def test_ledger_negative_index_and_detail():
    """ledger[-1] is the last event; a called event carries no detail."""
    fetch = fakes.async_double(name="fetch").raises(KeyError("k"))

    with fakes.Ledger() as ledger, pytest.raises(KeyError):
        await fetch(1)

    assert ledger[-1].seq == 2
    assert ledger[-1].kind == "raised"
    assert ledger[0].detail is None
    assert ledger.detail(0) is None
    assert isinstance(ledger.detail(2), KeyError)


async def test_ledger_events_without_filters_returns_all():
    """events() with no kind and no double returns every event."""
    fetch = fakes.async_double(name="fetch")

    with fakes.Ledger() as ledger:
        await fetch()

    assert [event.seq for event in ledger.events()] == [0, 1, 2]


async def test_ledger_records_loop_callback_without_task():
    """A call from a loop callback has the loop's time and no task."""
    parse = fakes.async_double(lambda text: None, name="parse")
    loop = asyncio.get_running_loop()
    done = asyncio.Event()

    def callback():
        try:
            parse("x")
        finally:
            done.set()

    with fakes.Ledger() as ledger:
        loop.call_soon(callback)
        await done.wait()

    (event,) = ledger.events("called")
    assert event.task is None
    assert not math.isnan(event.time)


def test_set_default_ledger_returns_previous():
    """set_default_ledger() returns the ledger it replaces."""
    from fakes._ledger import set_default_ledger

    first = fakes.Ledger()
    previous = set_default_ledger(first)

    try:
        assert set_default_ledger(fakes.Ledger()) is first
    finally:
        set_default_ledger(previous)


def test_ledger_time_outside_loop_without_trio_is_nan(monkeypatch):
    """Without trio imported, a call outside any loop has no time and no task."""
    monkeypatch.delitem(sys.modules, "trio", raising=False)
    fetch = fakes.async_double(name="fetch")

    with fakes.Ledger() as ledger:
        coroutine = fetch()
    coroutine.close()

    assert math.isnan(ledger[0].time)
    assert ledger[0].task is None


def test_ledger_records_trio_task_and_time():
    """Under trio, events carry trio's task name and clock time."""
    fetch = fakes.async_double(name="fetch")

    async def main() -> tuple[str, float]:
        await trio.sleep(5)
        await fetch()
        return trio.lowlevel.current_task().name, trio.current_time()

    with fakes.Ledger() as ledger:
        task, now = trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))

    assert [(event.kind, event.task, event.time) for event in ledger] == [
        ("called", task, now),
        ("started", task, now),
        ("returned", task, now),
    ]


def test_ledger_clear_forgets_events_and_watched_objects():
    """clear() empties the ledger; the next event is number 0 again."""
    fetch = fakes.async_double(name="fetch")
    other = fakes.async_double(name="other")
    with fakes.Ledger() as ledger:
        fetch.when(1).returns("one")
        fetch(1).close()

        ledger.clear()
        emptied = (len(ledger), ledger.events(), ledger.watched(), ledger.columns())
        asyncio.run(other(2))

    assert emptied == (0, [], [], (b"", array("q"), []))
    assert [(event.seq, event.kind, event.name) for event in ledger] == [
        (0, "called", "other"),
        (1, "started", "other"),
        (2, "returned", "other"),
    ]
    assert ledger[0].args == (2,)
    assert ledger[1].task is not None
    assert not math.isnan(ledger[1].time)


async def test_ledger_repr_counts_events():
    """A ledger shows how many events it holds."""
    fetch = fakes.async_double(name="fetch")

    with fakes.Ledger() as ledger:
        await fetch()

    assert repr(ledger) == "<Ledger with 3 events>"


class _Shop:
    async def load(self, item: int) -> int: ...

    async def save(self, item: int) -> None: ...


async def _timed_purchase(shop: _Shop) -> float:
    """Code under test that times its own awaits with ``time.monotonic``."""
    start = time.monotonic()
    await shop.save(await shop.load(1))
    return time.monotonic() - start


async def test_ledger_time_never_calls_patched_monotonic():
    """A patched time.monotonic sees only the calls of the code under test."""
    shop = fakes.async_double(_Shop, name="shop")
    shop.load.returns(1)

    with (
        fakes.Ledger() as ledger,
        mock.patch("time.monotonic", side_effect=[1.0, 2.5]) as monotonic,
    ):
        elapsed = await _timed_purchase(shop)

    assert (elapsed, monotonic.call_count) == (1.5, 2)
    assert len(ledger) == 6
    assert all(event.time not in (1.0, 2.5) and event.time > 0 for event in ledger)


@pytest.mark.parametrize("cls", [mock.MagicMock, fakes.SyncDouble])
async def test_ledger_time_never_calls_a_patched_loop_time(cls):
    """A mock or a double in place of ``loop.time`` sees only the test's calls."""
    shop = fakes.async_double(_Shop, name="shop")
    shop.load.returns(1)
    loop = asyncio.get_running_loop()

    with (
        fakes.Ledger() as ledger,
        mock.patch.object(loop, "time", new_callable=cls) as clock,
    ):
        clock.side_effect = [1.0, 2.5]
        start = loop.time()
        await shop.save(await shop.load(1))
        elapsed = loop.time() - start

    assert (elapsed, clock.call_count) == (1.5, 2)
    assert [event.name for event in ledger if event.time in (1.0, 2.5)] == []
    assert len(shop.load.await_args_list) == 1


def test_ledger_time_reads_virtual_clock_while_monotonic_patched():
    """With virtual time and a patched time.monotonic, events carry virtual time."""
    shop = fakes.async_double(_Shop, name="shop")

    async def main() -> float:
        await asyncio.sleep(30)
        with mock.patch("time.monotonic", side_effect=[1.0, 2.0]):
            await _timed_purchase(shop)
        return asyncio.get_running_loop().time()

    with fakes.Ledger() as ledger, fakes.virtual_time():
        now = asyncio.run(main())

    assert [event.time for event in ledger] == [now] * 6


def test_ledger_time_under_trio_never_calls_patched_monotonic():
    """Under trio, a patched time.monotonic is not called by the ledger either."""
    shop = fakes.async_double(_Shop, name="shop")

    async def main() -> tuple[float, float]:
        with mock.patch("time.monotonic", side_effect=[1.0, 2.0]):
            elapsed = await _timed_purchase(shop)
        return elapsed, trio.current_time()

    with fakes.Ledger() as ledger:
        elapsed, now = trio.run(main, clock=trio.testing.MockClock())

    assert elapsed == 1.0
    assert [event.time for event in ledger] == [now] * 6


async def test_ledger_time_asks_a_replaced_loop_clock_while_monotonic_patched():
    """A loop whose time() was replaced is asked for the time, patched or not."""
    fetch = fakes.async_double(name="fetch")
    loop = asyncio.get_running_loop()

    def own_clock() -> float:
        return 7.0

    # A clock of the loop's own (a mock in its place is not asked: see above).
    with (
        fakes.Ledger() as ledger,
        mock.patch.object(loop, "time", new=own_clock),
        mock.patch("time.monotonic", side_effect=[]),
    ):
        await fetch()

    assert [event.time for event in ledger] == [7.0, 7.0, 7.0]


async def test_ledger_entered_by_overlapping_tasks():
    """Two tasks enter one ledger and leave it in the other order: both restore."""
    ledger = fakes.Ledger()
    outer = fakes.current_ledger()
    first_in, second_in, first_out = asyncio.Event(), asyncio.Event(), asyncio.Event()

    async def first():
        with ledger:
            first_in.set()
            await second_in.wait()
        first_out.set()
        return fakes.current_ledger()

    async def second():
        await first_in.wait()
        with ledger:
            second_in.set()
            await first_out.wait()
            inside = fakes.current_ledger()
        return inside, fakes.current_ledger()

    after_first, (inside_second, after_second) = await asyncio.gather(first(), second())

    assert (after_first, inside_second, after_second) == (outer, ledger, outer)
    assert fakes.current_ledger() is outer


def test_ledger_entered_by_several_threads_at_once():
    """Threads enter one ledger together; each records there and restores its own."""
    ledger = fakes.Ledger()
    ping = fakes.async_double(name="ping")
    inside = threading.Barrier(4, timeout=60)
    results: list[tuple[bool, bool]] = []

    def run():
        with ledger:
            inside.wait()
            asyncio.run(ping())
            current_inside = fakes.current_ledger() is ledger
            inside.wait()
        results.append((current_inside, fakes.current_ledger() is ledger))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert results == [(True, False)] * 4
    assert len(ledger) == 4 * 3


def test_ledger_nested_in_one_context_with_another_ledger_restores_in_order():
    """Entering the same ledger twice in one context unwinds one level at a time."""
    first, second = fakes.Ledger(), fakes.Ledger()

    with first:
        with second:
            with first:
                innermost = fakes.current_ledger()
            middle = fakes.current_ledger()
        outer = fakes.current_ledger()

    assert (innermost, middle, outer) == (first, second, first)


_CLEAR_DROPS_ITERATOR = """
import asyncio
from collections.abc import AsyncIterator

import fakes


class Feed:
    async def stream(self) -> AsyncIterator[int]:
        yield 0


async def main(ledger):
    feed = fakes.async_double(Feed)
    feed.stream.yields(1, 2, 3)
    consume = fakes.async_double(name="consume")
    iterator = feed.stream()
    await iterator.__anext__()
    await consume(iterator)
    consume.reset_mock()
    # From here on only the ledger (the arguments of consume's call) holds
    # the partly read iterator.


with fakes.Ledger() as ledger:
    asyncio.run(main(ledger))
    ledger.clear()
print([(event.kind, event.name, event.call) for event in ledger])
"""


def test_ledger_clear_runs_finalisers_outside_its_lock():
    """clear() frees a partly read iterator whose finaliser records: no deadlock."""
    command = [sys.executable, "-c", _CLEAR_DROPS_ITERATOR]

    completed = subprocess.run(command, capture_output=True, text=True, timeout=120)

    assert (completed.returncode, completed.stderr) == (0, "")
    assert completed.stdout == "[('closed', 'Feed.stream', -6)]\n"


def test_ledger_with_capacity_drops_oldest_half_and_counts_them():
    """A full ledger keeps its newest events and says how many it dropped."""
    ping = fakes.async_double(name="ping")

    with fakes.Ledger(capacity=10) as ledger:
        for number in range(5):
            asyncio.run(ping(number))

    assert (len(ledger), ledger.dropped, ledger.capacity) == (9, 6, 10)
    assert [(event.seq, event.kind, event.args, event.call) for event in ledger] == [
        (0, "called", (2,), 0),
        (1, "started", (2,), 0),
        (2, "returned", (2,), 0),
        (3, "called", (3,), 3),
        (4, "started", (3,), 3),
        (5, "returned", (3,), 3),
        (6, "called", (4,), 6),
        (7, "started", (4,), 6),
        (8, "returned", (4,), 6),
    ]
    assert repr(ledger) == "<Ledger with 9 events (6 dropped)>"


_MILLION_AWAITS = """
import asyncio
import gc
import resource
import weakref

import fakes


class Big:
    def __init__(self):
        self.payload = bytearray(10_000_000)


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def main():
    refs = []
    for batch in range(1_000):
        # A double per batch, as a long-lived process makes one per job.
        fetch = fakes.async_double(name="fetch").returns(None)
        if batch < 3:
            big = Big()
            refs.append(weakref.ref(big))
            await fetch(big)
            fetch.reset_mock()
            del big
        for number in range(1_000):
            await fetch(number)
        if batch == 10:
            baseline = rss_mb()
    gc.collect()
    return refs, baseline


refs, baseline = asyncio.run(main())
ledger = fakes.current_ledger()
print(len(ledger) <= ledger.capacity, ledger.dropped > 2_900_000)
print([ref() is None for ref in refs])
print(rss_mb() - baseline < 64)
"""


def test_ledger_default_is_bounded_over_a_million_awaits():
    """A million awaits without the plugin: memory stays bounded, old arguments die."""
    command = [sys.executable, "-c", _MILLION_AWAITS]

    completed = subprocess.run(command, capture_output=True, text=True, timeout=600)

    assert (completed.returncode, completed.stderr) == (0, "")
    assert completed.stdout == "True True\n[True, True, True]\nTrue\n"


async def test_ledger_event_detail_for_every_kind():
    """Event.detail is what the Event docstring and the ledger guide say, per kind."""

    class Feed:
        async def stream(self) -> AsyncIterator[int]:
            yield 0

    error, thrown = KeyError("k"), ValueError("thrown")
    fetch = fakes.async_double(name="fetch")
    fails = fakes.async_double(name="fails").raises(error)
    hangs = fakes.async_double(name="hangs").script(fakes.hang())
    conn = fakes.async_context(enters="session", name="conn")
    feed = fakes.async_double(Feed, name="Feed")
    feed.stream.yields(1, 2)

    with fakes.Ledger() as ledger:
        await fetch()
        with contextlib.suppress(KeyError):
            await fails()
        task = asyncio.ensure_future(hangs())
        await asyncio.sleep(0)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        async with conn:
            pass
        with contextlib.suppress(KeyError):
            async with conn:
                raise error
        first = feed.stream()
        await first.__anext__()
        with contextlib.suppress(ValueError):
            await first.athrow(thrown)
        second = feed.stream()
        await second.__anext__()
        await second.aclose()

    details = [(event.name, event.kind, event.detail) for event in ledger]
    cancelled = ledger.events("cancelled")[0].detail
    assert isinstance(cancelled, asyncio.CancelledError)
    assert details == [
        ("fetch", "called", None),
        ("fetch", "started", None),
        ("fetch", "returned", None),
        ("fails", "called", None),
        ("fails", "started", None),
        ("fails", "raised", error),
        ("hangs", "called", None),
        ("hangs", "started", None),
        ("hangs", "cancelled", cancelled),
        ("conn", "entered", None),
        ("conn", "exited", None),
        ("conn", "entered", None),
        ("conn", "exited", error),
        ("Feed.stream", "called", None),
        ("Feed.stream", "returned", None),
        ("Feed.stream", "yielded", 1),
        ("Feed.stream", "closed", thrown),
        ("Feed.stream", "called", None),
        ("Feed.stream", "returned", None),
        ("Feed.stream", "yielded", 1),
        ("Feed.stream", "closed", None),
    ]
    assert [ledger.detail(seq) for seq in range(len(ledger))] == [
        event.detail for event in ledger
    ]


def test_ledger_plain_thread_records_into_the_default_ledger(fakes_ledger):
    """A threading.Thread starts with an empty context: the documented way round."""
    ping = fakes.async_double(name="ping")

    def run(*args):
        asyncio.run(ping(*args))

    with fakes.Ledger() as ledger:
        plain = threading.Thread(target=run, args=(0,))
        plain.start()
        plain.join(60)
        context = contextvars.copy_context()
        copied = threading.Thread(target=context.run, args=(run, 1))
        copied.start()
        copied.join(60)

    assert [event.args for event in fakes_ledger] == [(0,)] * 3
    assert [event.args for event in ledger] == [(1,)] * 3


def test_ledger_with_capacity_counts_every_event_under_threads():
    """Threads recording into a full ledger: kept plus dropped is every event."""
    ledger = fakes.Ledger(capacity=1_000)
    rounds = 2_000

    def run():
        ping = fakes.async_double(name="ping")

        async def work():
            for number in range(rounds):
                await ping(number)

        with ledger:
            asyncio.run(work())

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    assert len(ledger) + ledger.dropped == 4 * rounds * 3
    assert len(ledger) <= 1_000
    assert [event.seq for event in ledger] == list(range(len(ledger)))
    assert all(event.call < 0 or event.call <= event.seq for event in ledger)


def test_ledger_both_record_paths_read_task_and_time_alike():
    """The offset record repeats the plain one's reading of the task and time.

    It is kept apart for speed (three calls per await); this keeps the two
    from drifting apart when one of them changes.
    """
    from fakes._ledger import Ledger, _OffsetLedger

    def prelude(function):
        source = inspect.getsource(function)
        start = source.index("loop = _get_running_loop()")
        return source[start : source.index("lock = self._lock")]

    assert prelude(_OffsetLedger.record) == prelude(Ledger.record)


@pytest.mark.parametrize(
    ("capacity", "error", "shown"),
    [
        (0, FakesValueError, "0 (int)"),
        (-1, FakesValueError, "-1 (int)"),
        (1, FakesValueError, "1 (int)"),
        ("x", FakesTypeError, "'x' (str)"),
        (1.5, FakesTypeError, "1.5 (float)"),
        (True, FakesTypeError, "True (bool)"),
    ],
)
def test_ledger_capacity_refused_names_the_value_and_the_fix(capacity, error, shown):
    """A capacity that is not a whole number of 2 or more is refused with a fix."""
    with pytest.raises(error) as caught:
        fakes.Ledger(capacity=capacity)

    assert type(caught.value) is error
    assert str(caught.value) == (
        "Ledger(capacity=...) takes a whole number of events, 2 or more, or "
        f"None to keep every event; got {shown}.\n"
        "Fix: pass an int such as Ledger(capacity=10_000), or leave it out."
    )


async def test_ledger_events_by_name_instead_of_double_is_refused():
    """events(double='repo.get') would match nothing: the name is refused."""
    ledger = fakes.Ledger()
    get = fakes.async_double(name="repo.get")
    with ledger:
        await get(1)

    with pytest.raises(FakesTypeError) as caught:
        ledger.events(double="repo.get")

    assert str(caught.value) == (
        "Ledger.events(double=...) takes the double itself, which each event "
        "keeps; got the name 'repo.get', which matches no event.\nFix: pass "
        "the double, such as ledger.events(double=repo.get), or keep the "
        "events whose event.name == 'repo.get'."
    )
    assert [event.kind for event in ledger.events(double=get)] == [
        "called",
        "started",
        "returned",
    ]


def test_ledger_watch_double_forgets_freed_doubles():
    """A long-lived ledger keeps no reference for doubles configured and freed."""
    ledger = fakes.Ledger(capacity=100)
    kept = []

    with ledger:
        for number in range(10_000):
            double = fakes.async_double(name=f"job{number}").returns(number)
            if number % 1_000 == 0:
                kept.append(double)
            del double
            if number % 500 == 0:
                gc.collect()
    gc.collect()

    assert len(ledger._watched_doubles) < 2_048
    assert ledger.watched_doubles() == kept
