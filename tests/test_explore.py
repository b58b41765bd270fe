"""fakes.explore: schedules of the doubles' completions, strategies, reports, replay."""

from __future__ import annotations

import asyncio
import runpy
import subprocess
import sys
import textwrap
import threading
import unittest
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

import fakes
from fakes.errors import (
    FakesTypeError,
    FakesValueError,
    InterleavingError,
    NoProgressError,
    ReplayError,
)


def _three_fetches(order: list[int]):
    async def scenario() -> None:
        fetch = fakes.async_double(name="fetch")
        fetch.side_effect = order.append
        await asyncio.gather(fetch(1), fetch(2), fetch(3))

    return scenario


def _racy_cache():
    """Two callers of get_or_load; the second checks a token first."""

    async def scenario() -> None:
        loader = fakes.async_double(name="loader")
        loader.returns("v")
        auth = fakes.async_double(name="auth")
        values: dict[str, str] = {}

        async def get(key: str) -> str:
            if key not in values:
                values[key] = await loader(key)
            return values[key]

        async def request() -> str:
            await auth("bob")
            return await get("k")

        await asyncio.gather(get("k"), request())
        if loader.await_count != 1:
            raise AssertionError(f"loaded {loader.await_count} times")

    return scenario


def _ledger_rows(ledger: fakes.Ledger) -> list[tuple[object, ...]]:
    return [(e.seq, e.kind, e.name, e.args, e.task) for e in ledger]


def test_explore_exhaustive_three_awaits_runs_six_schedules():
    """Three concurrent awaits of doubles: exactly 3! schedules, and it says so."""
    orders: list[int] = []

    report = fakes.explore(strategy="exhaustive")(_three_fetches(orders))()

    assert (report.runs, report.distinct, report.exhausted) == (6, 6, True)
    assert str(report) == (
        "explore: every schedule ran: 6 schedules in 6 runs "
        "(strategy 'exhaustive'), no failure."
    )
    runs = [tuple(orders[i : i + 3]) for i in range(0, 18, 3)]
    assert sorted(runs) == sorted(
        {(1, 2, 3), (1, 3, 2), (2, 1, 3), (2, 3, 1), (3, 1, 2), (3, 2, 1)}
    )


def test_explore_exhaustive_stops_at_runs_and_says_so():
    """Exhaustive with fewer runs than schedules says that not every one ran."""
    report = fakes.explore(2, strategy="exhaustive")(_three_fetches([]))()

    assert str(report) == (
        "explore: 2 runs (strategy 'exhaustive'), 2 distinct schedules, no "
        "failure. Not every schedule ran: raise runs= to run them all."
    )


@pytest.mark.parametrize("strategy", ["random", "pct"])
def test_explore_same_seed_same_schedules_and_ledgers(strategy: str):
    """Two explorations with one seed run the same schedules, same ledgers."""
    seen: list[list[list[tuple[object, ...]]]] = [[], []]

    def scenario(into: list[list[tuple[object, ...]]]):
        async def body() -> None:
            await _three_fetches([])()
            into.append(_ledger_rows(fakes.current_ledger()))

        return body

    first = fakes.explore(30, seed=11, strategy=strategy)(scenario(seen[0]))()
    second = fakes.explore(30, seed=11, strategy=strategy)(scenario(seen[1]))()

    assert seen[0] == seen[1]
    assert len(seen[0]) == 30
    assert (first.distinct, str(first)) == (second.distinct, str(second))
    assert first.distinct > 1


def test_explore_other_seed_other_schedules():
    """Another seed runs the schedules in another order."""
    orders: list[list[int]] = [[], []]

    fakes.explore(10, seed=1, strategy="random")(_three_fetches(orders[0]))()
    fakes.explore(10, seed=2, strategy="random")(_three_fetches(orders[1]))()

    assert orders[0] != orders[1]


def test_explore_random_finds_racy_cache_and_replay_repeats_it():
    """A failing token replays the same failure, with the same schedule."""
    explored = fakes.explore(seed=3, strategy="random")(_racy_cache())
    with pytest.raises(InterleavingError) as found:
        explored()

    replayed = fakes.explore(replay=found.value.token)(_racy_cache())
    with pytest.raises(InterleavingError) as again:
        replayed()

    assert found.value.token == "random:0=1"
    assert again.value.token == found.value.token
    assert again.value.schedule == found.value.schedule
    assert (
        str(again.value.__cause__) == str(found.value.__cause__) == ("loaded 2 times")
    )
    assert _ledger_rows(again.value.ledger) == _ledger_rows(found.value.ledger)


def test_explore_same_seed_same_failure():
    """The same seed finds the same failure in the same run, with the same token."""
    errors = []
    for _ in range(2):
        with pytest.raises(InterleavingError) as found:
            fakes.explore(seed=5, strategy="pct")(_racy_cache())()
        errors.append(found.value)

    assert str(errors[0]) == str(errors[1])


def test_explore_shrunk_schedule_no_longer_than_first():
    """The reported schedule has no more reorderings than the first failing run."""
    scenario = _many_orders_fail()
    for seed in range(5):
        with pytest.raises(InterleavingError) as found:
            fakes.explore(seed=seed, strategy="random")(scenario)()

        error = found.value
        assert len(error.choices) <= len(error.first_choices)
        moved = [choice for choice in error.choices if choice]
        assert len(moved) <= len([c for c in error.first_choices if c])
        assert len(moved) == 1


def _many_orders_fail():
    """Fails unless the three saves complete in the order they started."""

    async def scenario() -> None:
        save = fakes.async_double(name="save")
        done: list[str] = []

        async def store(key: str) -> None:
            await save(key)
            done.append(key)

        await asyncio.gather(store("a"), store("b"), store("c"), store("d"))
        if done != ["a", "b", "c", "d"]:
            raise AssertionError(f"saved in the order {done}")

    return scenario


def test_explore_failure_message():
    """The whole report: run, token, shrunk schedule, failure, timeline, fix."""
    with pytest.raises(InterleavingError) as found:
        fakes.explore(strategy="exhaustive")(_racy_cache())()

    assert str(found.value) == MESSAGE
    assert isinstance(found.value, AssertionError)
    assert isinstance(found.value.__cause__, AssertionError)
    assert found.value.run == 2


MESSAGE = """\
explore: scenario() failed in run 2 (strategy 'exhaustive'; 2 schedules ran).
Replay it: @fakes.explore(replay='exhaustive:0=1')

Schedule (the order in which the doubles' awaits were let go; 1 of 3 out of \
first-come-first-served order, marked >):
     #  task    call
  >  3  Task-3  auth('bob')
     1  Task-2  loader('k')
     6  Task-3  loader('k')

Failure:
  AssertionError: loaded 2 times

Timeline of that run:
  #  task    event     call
  0  Task-2  called    loader('k')
  1  Task-2  started   loader('k')
  2  Task-3  called    auth('bob')
  3  Task-3  started   auth('bob')
  4  Task-3  returned  auth('bob')
  5  Task-3  called    loader('k')
  6  Task-3  started   loader('k')
  7  Task-2  returned  loader('k')
  8  Task-3  returned  loader('k')
Fix: make the code correct whatever order these awaits complete in (a lock, one \
future shared by the callers, a check made after the await), then run the replay \
token again to see it pass."""


def test_explore_plain_run_passes_with_doubles_that_answer_at_once():
    """The racy cache passes without exploration: doubles answer at once."""
    with fakes.Ledger():
        asyncio.run(_racy_cache()())


def test_explore_no_progress_fails_instead_of_hanging():
    """A run whose tasks all wait on something that is not a double fails, in time."""
    code = textwrap.dedent(
        """
        import asyncio, fakes

        @fakes.explore(3, seed=1)
        async def scenario():
            fetch = fakes.async_double(name="fetch")
            event = asyncio.Event()

            async def waiter():
                await fetch(1)
                await event.wait()

            await asyncio.gather(waiter(), fetch(2))

        try:
            scenario()
        except fakes.errors.InterleavingError as error:
            print(type(error.__cause__).__name__)
            print(error.__cause__)
        """
    )

    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )

    assert done.stdout == (
        "NoProgressError\n"
        "the run can make no progress: no await of a double is held, no timer "
        "is pending and no I/O or thread is at work, yet 2 tasks wait "
        "(outermost coroutine first):\n"
        "  Task-1: scenario\n"
        "  Task-2: scenario.<locals>.waiter -> Event.wait\n"
        "Fix: something that is not a double blocks these tasks for ever (an "
        "event nobody sets, a lock nobody releases, a queue nobody fills, "
        "fakes.hang()): make every wait able to end, or give it a timeout.\n"
    ), done.stderr


def test_explore_no_progress_when_cancellation_does_not_help():
    """A task that swallows the cancellation and waits again still ends the run."""
    code = textwrap.dedent(
        """
        import asyncio, fakes

        @fakes.explore(2, seed=1)
        async def scenario():
            while True:
                try:
                    await asyncio.Event().wait()
                except asyncio.CancelledError:
                    pass

        try:
            scenario()
        except fakes.errors.InterleavingError as error:
            print(type(error.__cause__).__name__)
        """
    )

    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )

    assert done.stdout == "NoProgressError\n", done.stderr


def test_explore_cancelled_while_held_is_recorded():
    """An await cancelled while the explorer holds it is recorded as cancelled."""
    kinds: list[list[str]] = []

    @fakes.explore(strategy="exhaustive")
    async def scenario() -> None:
        fetch = fakes.async_double(name="fetch")
        task = asyncio.ensure_future(fetch(1))
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        kinds.append([event.kind for event in fakes.current_ledger()])

    report = scenario()

    assert report.runs == 1
    assert kinds == [["called", "started", "cancelled"]]


def test_explore_gate_stays_under_user_control():
    """A gated double is released by the test, after the explorer lets it go."""

    @fakes.explore(strategy="exhaustive")
    async def scenario() -> None:
        save = fakes.async_double(name="save")
        fetch = fakes.async_double(name="fetch").returns(1)
        gate = save.gate()
        task = asyncio.ensure_future(save("x"))
        assert await fetch() == 1
        await gate.wait_entered(1)
        gate.release("saved")
        assert await task == "saved"

    report = scenario()

    assert str(report) == (
        "explore: every schedule ran: 2 schedules in 2 runs "
        "(strategy 'exhaustive'), no failure."
    )


def test_explore_delays_complete_in_time_order():
    """Timers keep their order: the explorer reorders only what is due together."""
    orders: list[list[str]] = []

    @fakes.explore(strategy="exhaustive")
    async def scenario() -> None:
        slow = fakes.async_double(name="slow")
        fast = fakes.async_double(name="fast")
        slow.script(fakes.delay(2, "slow"))
        fast.script(fakes.delay(1, "fast"))
        done: list[str] = []

        async def call(double) -> None:
            done.append(await double())

        async with fakes.virtual_time():
            await asyncio.gather(call(slow), call(fast))
        orders.append(done)

    report = scenario()

    assert report.runs == 2
    assert orders == [["fast", "slow"], ["fast", "slow"]]


class _UnittestCase(unittest.TestCase):
    @fakes.explore(strategy="exhaustive")
    async def test_race(self) -> None:
        fetch = fakes.async_double(name="fetch")
        results = await asyncio.gather(fetch(1), fetch(2))
        assert len(results) == 2


def test_explore_under_unittest():
    """A decorated unittest method is a sync test that gets self on every run."""
    result = unittest.TestResult()

    unittest.defaultTestLoader.loadTestsFromTestCase(_UnittestCase).run(result)

    assert (result.testsRun, result.failures, result.errors) == (1, [], [])


def test_explore_under_pytest_shows_token(pytester: pytest.Pytester):
    """Under pytest the decorated test is a sync test; a failure shows the token."""
    pytester.makepyfile(
        """
        import asyncio, fakes

        @fakes.explore(strategy="exhaustive")
        async def test_passes():
            fetch = fakes.async_double(name="fetch")
            await asyncio.gather(fetch(1), fetch(2))

        @fakes.explore(strategy="exhaustive")
        async def test_fails():
            fetch = fakes.async_double(name="fetch")
            done = []

            async def call(x):
                await fetch(x)
                done.append(x)

            await asyncio.gather(call(1), call(2))
            assert done == [1, 2]
        """
    )

    result = pytester.runpytest(
        "-p",
        "no:cacheprovider",
        "-p",
        "asyncio",
        "--asyncio-mode=auto",
        "-W",
        "error::pytest.PytestReturnNotNoneWarning",
        "-o",
        "asyncio_default_fixture_loop_scope=function",
    )

    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*Replay it: @fakes.explore(replay='exhaustive:0=1')"])


def test_explore_refuses_running_asyncio_loop():
    """Called inside a running loop, the decorated function says how to call it."""

    @fakes.explore
    async def scenario() -> None:
        pass

    async def main() -> None:
        scenario()

    with pytest.raises(FakesTypeError) as found:
        asyncio.run(main())

    assert str(found.value) == (
        "scenario() was called inside a running asyncio event loop, but "
        "fakes.explore runs every run on an event loop of its own. Fix: call it "
        "from sync code: a plain (not async) test function, with no asyncio or "
        "anyio marker."
    )


def test_explore_refuses_trio():
    """trio is refused with a message that says so."""
    trio = pytest.importorskip("trio")

    @fakes.explore
    async def scenario() -> None:
        pass

    async def main() -> None:
        scenario()

    with pytest.raises(FakesTypeError) as found:
        trio.run(main)

    assert str(found.value) == (
        "scenario() was called inside a trio run, but fakes.explore runs "
        "scenarios on asyncio event loops of its own and does not support trio. "
        "Fix: call it from sync code (a plain test function), with a body "
        "written for asyncio (or for anyio, which runs on asyncio)."
    )


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        (
            {"runs": 0},
            FakesValueError,
            "fakes.explore(runs=...) takes a whole number of at least 1, got 0.",
        ),
        (
            {"runs": 2.5},
            FakesTypeError,
            "fakes.explore(runs=...) takes a whole number of at least 1, got 2.5.",
        ),
        (
            {"depth": 0},
            FakesValueError,
            "fakes.explore(depth=...) takes a whole number of at least 1, got 0.",
        ),
        (
            {"seed": "1"},
            FakesTypeError,
            "fakes.explore(seed=...) takes an int or None, got '1'.",
        ),
        (
            {"strategy": "dfs"},
            FakesValueError,
            "fakes.explore(strategy=...) takes one of 'pct', 'random', "
            "'exhaustive', got 'dfs'.",
        ),
        (
            {"replay": "pct:x"},
            FakesValueError,
            "fakes.explore(replay=...) takes the token of an InterleavingError "
            "report, such as 'pct:3=1', got 'pct:x'.",
        ),
    ],
)
def test_explore_bad_options(options, error, message):
    """Bad options are refused when the decorator is made, with the rule."""
    with pytest.raises(error) as found:
        fakes.explore(**options)

    assert str(found.value) == message


def test_explore_not_async():
    """A sync function cannot be explored."""

    def scenario() -> None:
        pass

    with pytest.raises(FakesTypeError) as found:
        fakes.explore()(scenario)

    assert str(found.value).startswith(
        "fakes.explore() decorates an async function (async def), got <function "
    )


def test_explore_replay_token_that_does_not_fit():
    """A token from another scenario says that it does not fit."""
    explored = fakes.explore(replay="pct:0=5")(_three_fetches([]))

    with pytest.raises(ReplayError) as found:
        explored()

    assert str(found.value) == (
        "the schedule 'pct:0=5' does not fit this scenario: at scheduling point "
        "1 it releases held await number 6, but 3 awaits are held. Fix: the "
        "scenario changed since the token was made; explore it again (with the "
        "same seed) for a new token."
    )


def test_explore_replay_that_passes_reports_it():
    """Replaying a schedule that no longer fails returns a report."""
    report = fakes.explore(replay="random:0=2")(_three_fetches([]))()

    assert str(report) == "explore: the schedule 'random:0=2' ran once, no failure."


def test_explore_no_progress_error_is_an_assertion():
    """NoProgressError is an assertion failure."""
    assert issubclass(NoProgressError, AssertionError)


_EXAMPLES = Path(__file__).parent.parent / "examples"
_SERVICES = {
    "explore_cache.py": ("BuggyCache", "FixedCache"),
    "explore_lost_update.py": ("BuggyWallet", "FixedWallet"),
    "explore_cancel_cleanup.py": ("BuggyRefresher", "FixedRefresher"),
}


@pytest.mark.parametrize("strategy", ["random", "pct"])
@pytest.mark.parametrize("example", sorted(_SERVICES))
def test_explore_examples_buggy_found_fixed_passes(example: str, strategy: str):
    """Each example's bug is found within 200 runs for a few seeds; its fix passes."""
    module = runpy.run_path(str(_EXAMPLES / example))
    buggy, fixed = (module["scenario"](module[name]) for name in _SERVICES[example])

    found = []
    for seed in range(3):
        with pytest.raises(InterleavingError) as failure:
            fakes.explore(seed=seed, strategy=strategy)(buggy)()
        found.append(failure.value.run)
    report = fakes.explore(seed=0, strategy=strategy)(fixed)()

    assert max(found) <= 200
    assert report.runs == 200


@pytest.mark.parametrize(
    ("example", "to_find", "total"),
    [
        ("explore_cache.py", 2, 2),
        ("explore_lost_update.py", 2, 3),
        ("explore_cancel_cleanup.py", 2, 15),
    ],
)
def test_explore_examples_exhaustive(example: str, to_find: int, total: int):
    """Exhaustive finds each bug and says how many schedules it ran; fixes pass all."""
    module = runpy.run_path(str(_EXAMPLES / example))
    buggy, fixed = (module["scenario"](module[name]) for name in _SERVICES[example])

    with pytest.raises(InterleavingError) as failure:
        fakes.explore(strategy="exhaustive")(buggy)()
    report = fakes.explore(strategy="exhaustive")(fixed)()

    assert str(failure.value).startswith(
        f"explore: {buggy.__name__}() failed in run {to_find} (strategy "
        f"'exhaustive'; {to_find} schedules ran)."
    )
    assert str(report) == (
        f"explore: every schedule ran: {total} schedules in {total} runs "
        "(strategy 'exhaustive'), no failure."
    )


def test_explore_timeout_of_hung_double_under_virtual_time():
    """A hung double under wait_for times out: a pending timer is progress."""

    @fakes.explore(strategy="exhaustive")
    async def scenario() -> None:
        fetch = fakes.async_double(name="fetch")
        fetch.script(fakes.hang())
        async with fakes.virtual_time() as clock:
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(fetch(), 5)
            assert clock.elapsed == 5

    report = scenario()

    assert report.runs == 1


def test_explore_under_virtual_time_entered_outside():
    """A sync virtual_time() block around the call applies to every run's loop."""
    elapsed: list[float] = []

    @fakes.explore(3, seed=0)
    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        start = loop.time()
        await asyncio.sleep(60)
        elapsed.append(loop.time() - start)

    with fakes.virtual_time():
        scenario()

    assert elapsed == [60.0, 60.0, 60.0]


def test_explore_thread_work_is_not_a_lack_of_progress():
    """Waiting for work in a thread is waiting, not a run that cannot progress."""

    @fakes.explore(2, seed=0)
    async def scenario() -> None:
        fetch = fakes.async_double(name="fetch").returns(2)
        value = await asyncio.to_thread(sum, [1, 2])
        assert value + await fetch() == 5

    report = scenario()

    assert report.runs == 2


def test_explore_async_context_enter_and_exit_are_scheduling_points():
    """__aenter__ and __aexit__ of async context doubles are explored too."""

    class Conn:
        async def __aenter__(self) -> Conn:
            raise NotImplementedError

        async def __aexit__(self, *exc_info: object) -> None:
            raise NotImplementedError

    @fakes.explore(strategy="exhaustive")
    async def scenario() -> None:
        conn = fakes.async_double(Conn, name="conn")

        async def use() -> None:
            async with conn:
                pass

        await asyncio.gather(use(), use())

    report = scenario()

    assert (report.runs, report.distinct) == (6, 6)


def test_explore_bare_decorator_report():
    """@fakes.explore without parentheses: 200 pct runs, and the report says so."""

    @fakes.explore
    async def scenario() -> None:
        fetch = fakes.async_double(name="fetch")
        await asyncio.gather(fetch(1), fetch(2))

    report = scenario()

    assert (report.runs, report.distinct, report.strategy) == (200, 2, "pct")
    assert str(report) == (
        f"explore: 200 runs (strategy 'pct', seed {report.seed}), 2 distinct "
        "schedules, no failure."
    )


def test_explore_in_two_threads_at_once():
    """Two explorations in two threads keep their runs apart."""
    reports: list[fakes.ExploreReport] = []
    start = threading.Barrier(2)

    @fakes.explore(strategy="exhaustive")
    async def scenario() -> None:
        fetch = fakes.async_double(name="fetch")
        await asyncio.gather(fetch(1), fetch(2), fetch(3))
        assert len(fakes.current_ledger()) == 9

    def explore_once() -> None:
        start.wait(timeout=10)
        reports.append(scenario())

    threads = [threading.Thread(target=explore_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert [(report.runs, report.distinct) for report in reports] == [(6, 6), (6, 6)]


class _Call:
    """Like a gRPC call object: awaiting it gives the response."""

    def __await__(self) -> Generator[Any, None, str]:
        raise NotImplementedError
        yield


def test_explore_awaitable_doubles_are_scheduling_points():
    """Awaits of a double of an __await__ class are explored like other awaits."""
    orders: list[list[str]] = []

    @fakes.explore(strategy="exhaustive")
    async def scenario() -> None:
        first = fakes.async_double(_Call, name="first")
        second = fakes.async_double(_Call, name="second")
        done: list[str] = []

        async def wait(call: Any, name: str) -> None:
            await call
            done.append(name)

        await asyncio.gather(wait(first, "first"), wait(second, "second"))
        orders.append(done)

    report = scenario()

    assert (report.runs, report.distinct) == (2, 2)
    assert orders == [["first", "second"], ["second", "first"]]


def test_explore_scenario_called_without_its_arguments_is_refused_before_any_run():
    """A scenario whose required parameters get no argument is misuse, not a race."""
    started: list[int] = []

    @fakes.explore(runs=5, seed=1)
    async def scenario(user_id: int, *, retries: int) -> None:
        started.append(user_id)

    with pytest.raises(FakesTypeError) as caught:
        scenario()  # type: ignore[call-arg]

    assert str(caught.value) == (
        "explore: scenario() does not fit the scenario's parameters, "
        "scenario(user_id: int, *, retries: int). Each run calls the scenario "
        "with the arguments the explored function was called with, so no run "
        "was made.\nFix: pass the arguments it needs, or give it no required "
        "parameters and build its doubles and values inside it."
    )
    assert not isinstance(caught.value, InterleavingError)
    assert started == []


def test_explore_scenario_called_with_its_arguments_runs():
    """Arguments that fit are passed on to every run, as before."""
    seen: list[tuple[int, int]] = []

    @fakes.explore(runs=3, seed=1)
    async def scenario(user_id: int, *, retries: int) -> None:
        seen.append((user_id, retries))

    report = scenario(7, retries=2)

    assert report is not None
    assert report.runs == 3
    assert seen == [(7, 2)] * 3
