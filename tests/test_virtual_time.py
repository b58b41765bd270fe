"""virtual_time: a virtual asyncio clock that jumps to the next timer when idle."""

from __future__ import annotations

import asyncio
import faulthandler
import itertools
import math
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

import fakes
from fakes.errors import FakesTypeError, VirtualTimeError

# asyncio.TimeoutError is the builtin TimeoutError from 3.11 on.
AsyncioTimeout = asyncio.TimeoutError

#: Real seconds any one test here may take; virtual time makes them all quick.
REAL_TIME_LIMIT = 10

needs_311 = pytest.mark.skipif(
    sys.version_info < (3, 11), reason="asyncio.timeout and TaskGroup are 3.11+"
)


def _plugin_args(config: pytest.Config) -> list[str]:
    """Load the plugin in pytester runs when no entry point installed it."""
    return (
        []
        if config.pluginmanager.has_plugin("fakes")
        else ["-p", "fakes.pytest_plugin"]
    )


def _is_real(loop: asyncio.AbstractEventLoop) -> bool:
    return "time" not in vars(loop) and "select" not in vars(loop._selector)


@pytest.fixture(autouse=True)
def _no_real_waiting() -> Iterator[None]:
    """A test here that waits in real time ends the run instead of hanging it."""
    faulthandler.dump_traceback_later(REAL_TIME_LIMIT, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


async def _virtual_sleep(seconds: float) -> None:
    """asyncio.sleep on a virtual clock; fails at once on the real clock."""
    assert not _is_real(asyncio.get_running_loop()), "the loop's clock is real"
    await asyncio.sleep(seconds)


async def test_virtual_time_sleep_an_hour_at_once():
    """sleep(3600) ends 3600 s later in loop time, ahead of the real clock."""
    loop = asyncio.get_running_loop()

    async with fakes.virtual_time() as clock:
        start = loop.time()
        await asyncio.sleep(3600)
        end = loop.time()

    assert end - start == 3600
    assert clock.elapsed == 3600
    assert loop.time() < end


async def test_virtual_time_retry_schedule_in_ledger(fakes_ledger):
    """A retry loop's backoff of 1, 2, 4, 8 s shows exactly in the ledger."""
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect = [ConnectionError()] * 4 + ["ok"]

    async def fetch_with_retry() -> str:
        for attempt in range(5):
            try:
                return await fetch()
            except ConnectionError:
                await asyncio.sleep(2**attempt)
        raise AssertionError("unreachable")

    async with fakes.virtual_time() as clock:
        result = await fetch_with_retry()

    times = [event.time for event in fakes_ledger.events("started")]
    assert result == "ok"
    assert [later - earlier for earlier, later in itertools.pairwise(times)] == [
        1,
        2,
        4,
        8,
    ]
    assert clock.elapsed == 15


async def test_virtual_time_wait_for_times_out_at_five():
    """wait_for around a coroutine that never ends times out at virtual 5 s."""
    never = fakes.async_double(name="never")

    async def wait_forever() -> None:
        await asyncio.Event().wait()

    never.side_effect = wait_forever

    async with fakes.virtual_time() as clock:
        with pytest.raises(AsyncioTimeout):
            await asyncio.wait_for(never(), 5)

    assert clock.elapsed == 5
    never.assert_awaited_once()


async def test_virtual_time_call_later_runs_in_order():
    """Timers of several tasks fire in time order, each at its own time."""
    loop = asyncio.get_running_loop()
    fired: list[tuple[str, float]] = []

    async with fakes.virtual_time() as clock:
        start = clock.now
        for name, delay in (("c", 30), ("a", 10), ("b", 20)):
            loop.call_later(delay, lambda n=name: fired.append((n, loop.time())))
        await asyncio.gather(*(asyncio.sleep(d) for d in (5, 25, 40)))

    assert fired == [("a", start + 10), ("b", start + 20), ("c", start + 30)]
    assert clock.elapsed == 40


@needs_311
async def test_virtual_time_asyncio_timeout_and_task_group():
    """asyncio.timeout() cancels a TaskGroup at the virtual deadline."""
    finished: list[int] = []

    async def work(seconds: int) -> None:
        await asyncio.sleep(seconds)
        finished.append(seconds)

    async def run_all_within_15() -> None:
        async with asyncio.timeout(15), asyncio.TaskGroup() as group:
            for seconds in (10, 20, 30):
                group.create_task(work(seconds))

    async with fakes.virtual_time() as clock:
        with pytest.raises(TimeoutError):
            await run_all_within_15()

    assert finished == [10]
    assert clock.elapsed == 15


async def test_virtual_time_double_side_effect_sleeps_virtually(fakes_ledger):
    """A double whose side effect sleeps returns after virtual time only."""
    slow = fakes.async_double(name="slow")

    async def take_a_minute() -> str:
        await asyncio.sleep(60)
        return "done"

    slow.side_effect = take_a_minute

    async with fakes.virtual_time() as clock:
        result = await slow()

    started, returned = (
        fakes_ledger.events("started")[0].time,
        fakes_ledger.events("returned")[0].time,
    )
    assert result == "done"
    assert returned - started == 60
    assert clock.elapsed == 60


async def test_virtual_time_loopback_echo_still_works():
    """A loopback TCP echo works while the clock jumps past a long sleep."""

    async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        writer.write(await reader.readline())
        await writer.drain()
        writer.close()

    async with fakes.virtual_time() as clock:
        server = await asyncio.start_server(echo, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]

        async def client() -> bytes:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"ping\n")
            line = await asyncio.wait_for(reader.readline(), 5)
            writer.close()
            await writer.wait_closed()
            return line

        line, _ = await asyncio.gather(client(), asyncio.sleep(60))
        server.close()
        await server.wait_closed()

    assert line == b"ping\n"
    assert clock.elapsed == 60


async def test_virtual_time_thread_work_is_waited_for():
    """Work in a thread keeps a timeout from firing early: the loop waits for it."""

    def blocking_call() -> str:
        threading.Event().wait(0.05)  # a blocking call that takes 50 ms
        return "from a thread"

    async with fakes.virtual_time() as clock:
        result = await asyncio.wait_for(asyncio.to_thread(blocking_call), 5)

    assert result == "from a thread"
    assert clock.elapsed == 0


async def test_virtual_time_thread_work_is_waited_for_until_the_last_job_ends():
    """Each job in a thread counts: the clock jumps again only once all are done."""
    first_done = threading.Event()

    def quick() -> str:
        first_done.set()
        return "quick"

    def slow() -> str:
        first_done.wait()
        threading.Event().wait(0.05)  # a blocking call that takes 50 ms
        return "slow"

    loop = asyncio.get_running_loop()
    async with fakes.virtual_time() as clock:
        results = await asyncio.wait_for(
            asyncio.gather(
                loop.run_in_executor(None, quick), loop.run_in_executor(None, slow)
            ),
            5,
        )
        before = time.monotonic()
        await asyncio.sleep(5)
        waited = time.monotonic() - before

    assert results == ["quick", "slow"]
    assert clock.elapsed == 5
    assert waited < 2.5


async def test_virtual_time_short_sleeps_do_not_wait_in_real_time():
    """By default even sub-second timers fire at once, however the clock is made."""
    waited: list[float] = []

    for clock in (fakes.virtual_time(), fakes.VirtualClock()):
        async with clock:
            before = time.monotonic()
            for _ in range(10):
                await asyncio.sleep(0.25)
            waited.append(time.monotonic() - before)
        assert clock.elapsed == 2.5

    assert all(seconds < 1 for seconds in waited), waited


async def test_virtual_time_run_in_executor_passes_executor_and_arguments():
    """run_in_executor under virtual time runs on the given executor, with the args."""

    def where(prefix: str) -> str:
        return prefix + threading.current_thread().name

    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="worker") as pool:
        async with fakes.virtual_time():
            name = await loop.run_in_executor(pool, where, "in ")

    assert name.startswith("in worker")


async def test_virtual_time_subprocess_output_arrives():
    """A subprocess's output arrives while the clock jumps past a sleep."""
    async with fakes.virtual_time() as clock:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", "print('hi')", stdout=asyncio.subprocess.PIPE
        )
        (output, _), _ = await asyncio.gather(process.communicate(), asyncio.sleep(10))

    assert output.strip() == b"hi"
    assert clock.elapsed == 10


async def test_virtual_time_autojump_threshold_gives_io_time():
    """With autojump_threshold, a timeout around a subprocess waits for its I/O."""
    async with fakes.virtual_time(autojump_threshold=5) as clock:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", "print('hi')", stdout=asyncio.subprocess.PIPE
        )
        output, _ = await asyncio.wait_for(process.communicate(), 10)

    assert output.strip() == b"hi"
    assert clock.elapsed == 0


async def test_virtual_time_advance_moves_clock_and_fires_timers():
    """advance() moves loop time at once; timers due by then fire."""
    loop = asyncio.get_running_loop()
    fired: asyncio.Future[float] = loop.create_future()

    async with fakes.virtual_time() as clock:
        start = loop.time()
        loop.call_later(20, lambda: fired.set_result(loop.time()))
        clock.advance(30)
        fired_at = await fired
        now = clock.now

    assert fired_at == start + 30
    assert clock.elapsed == 30
    assert now == start + 30


def test_virtual_time_sync_with_applies_to_asyncio_run():
    """A sync block outside any loop applies to the loops run inside it."""
    seen: list[float] = []

    async def main() -> None:
        loop = asyncio.get_running_loop()
        seen.append(loop.time())
        await _virtual_sleep(30)
        seen.append(loop.time())

    with fakes.virtual_time() as clock:
        asyncio.run(main())
        asyncio.run(main())

    assert [later - seen[0] for later in seen] == [0, 30, 30, 60]
    assert clock.elapsed == 60


def test_virtual_time_sync_with_leaves_other_threads_alone():
    """Loops run in other threads during a sync block keep the real clock."""
    real: list[bool] = []

    async def check() -> None:
        real.append(_is_real(asyncio.get_running_loop()))

    with fakes.virtual_time():
        thread = threading.Thread(target=asyncio.run, args=(check(),))
        thread.start()
        thread.join()
        asyncio.run(check())

    assert real == [True, False]


def test_virtual_time_sync_with_restores_run_once():
    """After the block, asyncio's loop iteration is the original again."""
    original = asyncio.BaseEventLoop._run_once

    with fakes.virtual_time():
        patched = asyncio.BaseEventLoop._run_once

    assert patched is not original
    assert asyncio.BaseEventLoop._run_once is original


async def test_virtual_time_sync_with_inside_running_loop():
    """A sync block inside a coroutine applies to the running loop."""
    loop = asyncio.get_running_loop()

    with fakes.virtual_time() as clock:
        await asyncio.sleep(100)
        inside = loop.time()
        now = clock.now

    assert inside == now
    assert clock.elapsed == 100
    assert _is_real(loop)


async def test_virtual_time_exit_restores_real_clock():
    """Leaving the block gives the loop back its real clock and selector."""
    loop = asyncio.get_running_loop()

    async with fakes.virtual_time():
        await asyncio.sleep(3600)
        virtual = loop.time()

    assert _is_real(loop)
    assert math.isclose(loop.time(), time.monotonic(), abs_tol=1)
    assert virtual - loop.time() > 3000


async def test_virtual_time_exit_keeps_remaining_delay_of_timers():
    """A timer still pending when the block ends keeps its remaining delay."""
    loop = asyncio.get_running_loop()

    async with fakes.virtual_time():
        handle = loop.call_later(100, lambda: None)
        await asyncio.sleep(40)

    remaining = handle.when() - loop.time()
    handle.cancel()
    assert math.isclose(remaining, 60, abs_tol=0.5)


async def test_virtual_time_entry_keeps_remaining_delay_of_timers():
    """A timer already pending when a block starts keeps its remaining delay."""
    loop = asyncio.get_running_loop()

    async with fakes.virtual_time() as outer:
        outer.advance(0.5)
        handle = loop.call_later(100, lambda: None)
        async with fakes.virtual_time() as inner:
            remaining = handle.when() - loop.time()
            started = inner.now - outer.now
        handle.cancel()

    assert (remaining, started) == (100, 0.0)


async def test_virtual_time_nested_blocks():
    """An inner block's time flows into the outer clock when it ends."""
    loop = asyncio.get_running_loop()

    async with fakes.virtual_time() as outer:
        await asyncio.sleep(5)
        async with fakes.virtual_time() as inner:
            await asyncio.sleep(10)
        await asyncio.sleep(1)
        now = loop.time()
        outer_now = outer.now

    assert inner.elapsed == 10
    assert outer.elapsed == 16
    assert now == outer_now


def test_virtual_time_nested_sync_blocks():
    """Nested sync blocks both apply to asyncio.run; time flows outward."""
    with fakes.virtual_time() as outer:
        with fakes.virtual_time() as inner:
            asyncio.run(_virtual_sleep(10))
        asyncio.run(_virtual_sleep(5))

    assert inner.elapsed == 10
    assert outer.elapsed == 15


async def test_virtual_time_repeated_blocks():
    """Blocks used one after the other each get a fresh clock."""
    async with fakes.virtual_time() as first:
        await asyncio.sleep(7)
    async with fakes.virtual_time() as second:
        await asyncio.sleep(3)

    assert (first.elapsed, second.elapsed) == (7, 3)
    assert first is not second


async def test_virtual_time_many_sleeps_add_up_exactly():
    """A thousand one-second sleeps add up to exactly 1000 s of loop time."""
    async with fakes.virtual_time() as clock:
        for _ in range(1000):
            await asyncio.sleep(1.0)

    assert clock.elapsed == 1000


@pytest.mark.virtual_time
async def test_virtual_time_marker_on_async_test(fakes_clock):
    """The marker runs an async test under a virtual clock."""
    loop = asyncio.get_running_loop()
    start = loop.time()

    await _virtual_sleep(3600)

    assert loop.time() - start == 3600
    assert fakes_clock.elapsed == 3600


@pytest.mark.virtual_time
def test_virtual_time_marker_on_sync_test(fakes_clock):
    """The marker applies to asyncio.run inside a sync test."""
    asyncio.run(_virtual_sleep(90))

    assert fakes_clock.elapsed == 90


def test_virtual_time_marker_with_any_loop_scope(pytester, pytestconfig):
    """The marker works with function-, module- and session-scoped loops."""
    pytester.makeini(
        "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
    )
    pytester.makepyfile(
        """
        import asyncio
        import pytest

        @pytest.mark.asyncio(loop_scope="module")
        @pytest.mark.virtual_time
        async def test_module_loop(fakes_clock):
            assert "time" in vars(asyncio.get_running_loop())
            await asyncio.sleep(600)
            assert fakes_clock.elapsed == 600

        @pytest.mark.asyncio(loop_scope="module")
        async def test_module_loop_is_real_again():
            loop = asyncio.get_running_loop()
            assert "time" not in vars(loop)

        @pytest.mark.asyncio(loop_scope="session")
        @pytest.mark.virtual_time
        async def test_session_loop(fakes_clock):
            assert "time" in vars(asyncio.get_running_loop())
            await asyncio.wait_for(asyncio.sleep(1), 5)
            await asyncio.sleep(59)
            assert fakes_clock.elapsed == 60

        @pytest.mark.virtual_time
        async def test_function_loop():
            loop = asyncio.get_running_loop()
            assert "time" in vars(loop)
            start = loop.time()
            await asyncio.sleep(30)
            assert loop.time() - start == 30
        """
    )

    result = pytester.runpytest("-p", "no:cacheprovider", *_plugin_args(pytestconfig))

    result.assert_outcomes(passed=4)


def test_virtual_time_marker_is_registered(pytester, pytestconfig):
    """The marker is known to pytest, so --strict-markers accepts it."""
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")

    result = pytester.runpytest("--markers", *_plugin_args(pytestconfig))

    result.stdout.fnmatch_lines(["@pytest.mark.virtual_time(autojump_threshold=0.0):*"])


def test_virtual_time_under_trio_mock_clock():
    """Under trio, trio's MockClock with autojump plays the same part."""
    trio = pytest.importorskip("trio")
    testing = pytest.importorskip("trio.testing")

    slow = fakes.async_double(name="slow")

    async def take_a_minute() -> str:
        await trio.sleep(60)
        return "done"

    slow.side_effect = take_a_minute

    async def main() -> tuple[str, float]:
        start = trio.current_time()
        result = await slow()
        return result, trio.current_time() - start

    result = trio.run(main, clock=testing.MockClock(autojump_threshold=0))

    assert result == ("done", 60)


def test_virtual_time_advance_negative():
    """advance() with a negative number is refused."""
    clock = fakes.virtual_time()

    with pytest.raises(VirtualTimeError) as error:
        clock.advance(-1)

    assert str(error.value) == (
        "clock.advance() needs a finite number of seconds >= 0, got -1 seconds: "
        "virtual time only moves forward."
    )


def test_virtual_time_advance_not_a_number():
    """advance() with something that is not a number is a TypeError."""
    clock = fakes.virtual_time()

    with pytest.raises(FakesTypeError) as error:
        clock.advance("5")

    assert str(error.value) == (
        "clock.advance() needs a finite number of seconds >= 0, got '5' (str): "
        "virtual time only moves forward."
    )


def test_virtual_time_bad_autojump_threshold():
    """A negative or infinite autojump_threshold is refused."""
    with pytest.raises(VirtualTimeError) as error:
        fakes.virtual_time(autojump_threshold=math.inf)

    assert str(error.value) == (
        "virtual_time(autojump_threshold=...) needs a finite number of seconds "
        ">= 0, got inf seconds: virtual time only moves forward."
    )


def test_virtual_time_advance_never_entered():
    """advance() on a clock that was never entered names the fix."""
    clock = fakes.VirtualClock()

    with pytest.raises(VirtualTimeError) as error:
        clock.advance(1)

    assert str(error.value) == (
        "clock.advance() needs a virtual clock attached to an asyncio event loop, "
        "but this clock was never entered: use it inside 'with "
        "fakes.virtual_time() as clock:', from code that runs on the loop (an "
        "async test, or a coroutine given to asyncio.run() inside the block)."
    )


def test_virtual_time_advance_before_any_loop():
    """advance() in a sync block before any loop has run is refused."""
    with fakes.virtual_time() as clock, pytest.raises(VirtualTimeError) as error:
        clock.advance(1)

    assert str(error.value) == (
        "clock.advance() needs a virtual clock attached to an asyncio event loop, "
        "but no asyncio loop has run inside its virtual_time() block yet: use it "
        "inside 'with fakes.virtual_time() as clock:', from code that runs on the "
        "loop (an async test, or a coroutine given to asyncio.run() inside the "
        "block)."
    )


async def test_virtual_time_advance_after_block():
    """advance() after the block has ended is refused; the times stay readable."""
    async with fakes.virtual_time() as clock:
        await asyncio.sleep(2)

    with pytest.raises(VirtualTimeError) as error:
        clock.advance(1)

    assert str(error.value) == (
        "clock.advance() needs a virtual clock attached to an asyncio event loop, "
        "but its virtual_time() block has ended: use it inside 'with "
        "fakes.virtual_time() as clock:', from code that runs on the loop (an "
        "async test, or a coroutine given to asyncio.run() inside the block)."
    )
    assert clock.elapsed == 2


def test_virtual_time_now_before_any_loop():
    """now is unknown until a loop has run on the clock."""
    with fakes.virtual_time() as clock, pytest.raises(VirtualTimeError) as error:
        _ = clock.now

    assert str(error.value) == (
        "clock.now needs a virtual clock attached to an asyncio event loop, "
        "but no asyncio loop has run inside its virtual_time() block yet: use it "
        "inside 'with fakes.virtual_time() as clock:', from code that runs on the "
        "loop (an async test, or a coroutine given to asyncio.run() inside the "
        "block)."
    )
    assert clock.elapsed == 0


def test_virtual_time_async_with_outside_asyncio():
    """async with under trio (no asyncio loop) points to trio's MockClock."""
    trio = pytest.importorskip("trio")

    async def main() -> None:
        async with fakes.virtual_time():
            pass

    with pytest.raises(VirtualTimeError) as error:
        trio.run(main)

    assert str(error.value) == (
        "'async with fakes.virtual_time()' needs a running asyncio event loop, "
        "but none is running in this thread. Under trio use "
        "trio.testing.MockClock(autojump_threshold=0); outside any loop use "
        "'with fakes.virtual_time():', which applies to the loops run inside "
        "the block."
    )


async def test_virtual_time_clock_entered_twice():
    """A clock is entered once; a second block needs a new clock."""
    clock = fakes.virtual_time()
    async with clock:
        pass

    with pytest.raises(VirtualTimeError) as error:
        async with clock:
            pass

    assert str(error.value) == (
        "this virtual clock was already entered; each 'with fakes.virtual_time() "
        "as clock:' block needs its own clock: call fakes.virtual_time() again."
    )


class OtherLoop:
    def __repr__(self) -> str:
        return "<OtherLoop>"


def test_virtual_time_unsupported_running_loop():
    """A running loop that is not an asyncio BaseEventLoop is refused."""

    asyncio.events._set_running_loop(OtherLoop())
    try:
        with pytest.raises(VirtualTimeError) as error, fakes.virtual_time():
            pass
    finally:
        asyncio.events._set_running_loop(None)

    assert str(error.value) == (
        "virtual_time() cannot control the running loop <OtherLoop> "
        "(test_virtual_time.OtherLoop): it needs a loop built on "
        "asyncio.BaseEventLoop (the standard selector or proactor loop). Run the "
        "test on the standard asyncio loop; uvloop is not supported."
    )


def test_virtual_time_repr_before_start():
    """A clock no loop has run on yet shows its state and that it has not started."""
    clock = fakes.virtual_time()
    shown = [repr(clock)]

    with clock:
        shown.append(repr(clock))

    assert shown == [
        "<VirtualClock new, not started>",
        "<VirtualClock active, not started>",
    ]


async def test_virtual_time_repr_shows_now_and_elapsed():
    """A started clock shows its state, the virtual time and the elapsed time."""
    async with fakes.virtual_time() as clock:
        await asyncio.sleep(10)
        inside = repr(clock)
        now = clock.now

    assert inside == f"<VirtualClock active now={now!r} elapsed=10.0>"
    assert repr(clock) == f"<VirtualClock ended now={now!r} elapsed=10.0>"


async def test_virtual_time_outer_block_ending_first_leaves_inner_in_charge():
    """An outer clock that ends before its inner one leaves the loop's time alone."""
    loop = asyncio.get_running_loop()
    outer = fakes.virtual_time()
    inner = fakes.virtual_time()
    await outer.__aenter__()
    await inner.__aenter__()
    try:
        await asyncio.sleep(10)
        handle = loop.call_later(100, lambda: None)

        await outer.__aexit__(None, None, None)
        remaining = handle.when() - loop.time()
        handle.cancel()
        await asyncio.sleep(5)
    finally:
        await inner.__aexit__(None, None, None)

    assert remaining == 100
    assert (outer.elapsed, inner.elapsed) == (0, 15)
    assert _is_real(loop)


async def test_virtual_time_nested_block_without_waiting_keeps_outer_time():
    """An inner block in which no time passes leaves the outer clock where it was."""
    async with fakes.virtual_time() as outer:
        await asyncio.sleep(5)
        async with fakes.virtual_time() as inner:
            inner_now = inner.now
        now = outer.now

    assert (outer.elapsed, inner.elapsed) == (5, 0)
    assert now == inner_now


def test_virtual_time_restores_loop_attributes_set_on_the_instance():
    """Loop attributes that were set on the instance are put back, not deleted."""
    loop = asyncio.new_event_loop()
    real_time = loop.time
    real_select = loop._selector.select

    def patched_time() -> float:
        return real_time()

    def patched_select(timeout: float | None = None) -> list[object]:
        return real_select(timeout)

    async def nap() -> None:
        assert vars(loop)["time"] is not patched_time, "the loop's clock is real"
        await asyncio.sleep(10)

    loop.time = patched_time  # type: ignore[method-assign]
    loop._selector.select = patched_select
    try:
        with fakes.virtual_time() as clock:
            loop.run_until_complete(nap())

        restored = (vars(loop)["time"], vars(loop._selector)["select"])
    finally:
        loop.close()

    assert restored == (patched_time, patched_select)
    assert clock.elapsed == 10


def test_virtual_time_clock_behind_another_loop_does_not_pull_it_back():
    """A clock leaving a loop where another clock is ahead leaves that clock ahead."""
    first = asyncio.new_event_loop()
    second = asyncio.new_event_loop()
    ahead = fakes.virtual_time()
    try:
        first.run_until_complete(ahead.__aenter__())
        first.run_until_complete(asyncio.sleep(1000))
        with fakes.virtual_time() as behind:
            second.run_until_complete(_virtual_sleep(10))
            first.run_until_complete(asyncio.sleep(0))
        first.run_until_complete(ahead.__aexit__(None, None, None))
    finally:
        first.close()
        second.close()

    assert (ahead.elapsed, behind.elapsed) == (1000, 10)


def test_virtual_time_advance_bool_message():
    """advance(True) is refused as a bool, not read as one second."""
    clock = fakes.virtual_time()

    with pytest.raises(FakesTypeError) as error:
        clock.advance(True)

    assert str(error.value) == (
        "clock.advance() needs a finite number of seconds >= 0, got True (bool): "
        "virtual time only moves forward."
    )


class BareLoop(asyncio.BaseEventLoop):
    def __repr__(self) -> str:
        return "<BareLoop>"


def test_virtual_time_running_loop_without_selector():
    """An asyncio loop without a selector to poll is refused."""
    loop = BareLoop()
    asyncio.events._set_running_loop(loop)
    try:
        with pytest.raises(VirtualTimeError) as error, fakes.virtual_time():
            pass
    finally:
        asyncio.events._set_running_loop(None)
        loop.close()

    assert str(error.value) == (
        "virtual_time() cannot control the running loop <BareLoop> "
        "(test_virtual_time.BareLoop): it needs a loop built on "
        "asyncio.BaseEventLoop (the standard selector or proactor loop). Run the "
        "test on the standard asyncio loop; uvloop is not supported."
    )


async def test_virtual_time_nested_block_after_advance_is_exact():
    """outer.advance(0.5) then a nested 10 s sleep: outer.elapsed is 10.5."""
    loop = asyncio.get_running_loop()
    fired: list[tuple[str, float]] = []

    async with fakes.virtual_time() as outer:
        outer.advance(0.5)
        start = outer.now
        loop.call_later(3, lambda: fired.append(("early", loop.time() - start)))
        loop.call_later(12, lambda: fired.append(("late", loop.time() - start)))
        async with fakes.virtual_time() as inner:
            await asyncio.sleep(10)
        await asyncio.sleep(5)

    assert (inner.elapsed, outer.elapsed) == (10.0, 15.5)
    assert fired == [("early", 3.0), ("late", 12.0)]


def test_virtual_time_now_after_the_block_raises():
    """clock.now after its block has ended is a VirtualTimeError, as documented."""
    with fakes.virtual_time() as clock:
        asyncio.run(_virtual_sleep(1))

    with pytest.raises(VirtualTimeError) as caught:
        _ = clock.now

    assert str(caught.value) == (
        "clock.now needs a virtual clock attached to an asyncio event loop, but "
        "its virtual_time() block has ended: use it inside 'with "
        "fakes.virtual_time() as clock:', from code that runs on the loop (an "
        "async test, or a coroutine given to asyncio.run() inside the block)."
    )
    assert clock.elapsed == 1.0


def test_virtual_time_sync_block_under_trio_raises():
    """A plain 'with virtual_time()' inside trio.run fails instead of doing nothing."""
    import trio

    async def main():
        with fakes.virtual_time():
            await trio.sleep(0)

    with pytest.raises(VirtualTimeError) as caught:
        trio.run(main)

    assert str(caught.value) == (
        "fakes.virtual_time() makes asyncio loop time virtual, but this code runs "
        "under trio, whose clock it cannot change: the block would run on real "
        "time.\n"
        "Fix: run trio with trio.testing.MockClock(autojump_threshold=0), such as "
        "trio.run(main, clock=MockClock(autojump_threshold=0)), and drop the "
        "virtual_time() block."
    )
