"""gate(): holding awaits, releasing and failing them, under asyncio and trio."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
import trio
import trio.testing

import fakes
from fakes.errors import (
    FakesTypeError,
    FakesValueError,
    GateError,
    ProtocolMismatchError,
)


class UserRepo:
    async def get(self, user_id: int) -> dict[str, str]:
        raise NotImplementedError

    async def save(self, user: dict[str, str]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class Feed:
    async def stream(self) -> AsyncIterator[int]:
        yield 0


class Profile:
    """Code under test: keeps the newest name, whatever order replies come in."""

    def __init__(self, repo: UserRepo) -> None:
        self.repo = repo
        self.name = ""
        self._requests = 0

    async def refresh(self) -> None:
        self._requests += 1
        request = self._requests
        user = await self.repo.get(1)
        if request == self._requests:
            self.name = user["name"]


async def test_gate_release_returns_value():
    """A held await returns the value given to release()."""
    repo = fakes.async_double(UserRepo)
    gate = repo.get.gate()
    task = asyncio.ensure_future(repo.get(1))

    await gate.wait_entered(1)
    gate.release({"name": "ada"})

    assert await task == {"name": "ada"}


async def test_gate_race_second_overtakes_first():
    """A held first await is overtaken by the second; the newest reply wins."""
    repo = fakes.async_double(UserRepo)
    gate = repo.get.gate()
    profile = Profile(repo)
    first = asyncio.ensure_future(profile.refresh())
    await gate.wait_entered(1)
    second = asyncio.ensure_future(profile.refresh())
    await gate.wait_entered(2)

    gate.held[1].release({"name": "new"})
    await second
    gate.release({"name": "stale"})
    await first

    assert profile.name == "new"
    assert gate.held == []


async def test_gate_release_without_value_uses_configuration():
    """release() without a value lets the double do what it is configured to."""
    repo = fakes.async_double(UserRepo)
    repo.get.script({"name": "scripted"})
    gate = repo.get.gate()
    task = asyncio.ensure_future(repo.get(1))

    await gate.wait_entered()
    gate.release()

    assert await task == {"name": "scripted"}


async def test_gate_fail_raises_in_the_held_await(fakes_ledger):
    """fail() makes the held await raise; the ledger records it."""
    repo = fakes.async_double(UserRepo)
    gate = repo.save.gate()
    task = asyncio.ensure_future(repo.save({"name": "ada"}))
    await gate.wait_entered(1)

    gate.fail(ConnectionError("down"))

    with pytest.raises(ConnectionError, match="down"):
        await task
    assert [event.kind for event in fakes_ledger] == ["called", "started", "raised"]


async def test_gate_release_all_lets_every_await_go():
    """release_all() releases every held await with the same value."""
    fetch = fakes.async_double(name="fetch")
    gate = fetch.gate()
    tasks = [asyncio.ensure_future(fetch(n)) for n in range(3)]
    await gate.wait_entered(3)

    released = gate.release_all("done")

    assert released == 3
    assert await asyncio.gather(*tasks) == ["done", "done", "done"]


async def test_gate_held_shows_arguments():
    """held lists the held awaits with their arguments, oldest first."""
    fetch = fakes.async_double(name="fetch")
    gate = fetch.gate()
    tasks = [asyncio.ensure_future(fetch(n, page=n)) for n in (1, 2)]

    await gate.wait_entered(2)

    assert [(held.args, held.kwargs) for held in gate.held] == [
        ((1,), {"page": 1}),
        ((2,), {"page": 2}),
    ]
    gate.release_all()
    await asyncio.gather(*tasks)


async def test_gate_open_stops_holding():
    """open() releases held awaits and lets later ones through."""
    fetch = fakes.async_double(name="fetch").returns("value")
    gate = fetch.gate()
    task = asyncio.ensure_future(fetch())
    await gate.wait_entered(1)

    gate.open()

    assert await task == "value"
    assert await fetch() == "value"


async def test_gate_same_gate_for_repeated_calls():
    """gate() on a gated double returns its gate."""
    fetch = fakes.async_double(name="fetch")

    gate = fetch.gate()

    assert fetch.gate() is gate


async def test_gate_cancelled_held_await_is_no_longer_held(fakes_ledger):
    """Cancelling a held await removes it from the gate and is recorded."""
    fetch = fakes.async_double(name="fetch")
    gate = fetch.gate()
    task = asyncio.ensure_future(fetch())
    await gate.wait_entered(1)

    task.cancel()

    with pytest.raises(asyncio.CancelledError):
        await task
    assert gate.held == []
    assert [event.kind for event in fakes_ledger][-1] == "cancelled"


async def test_gate_problems_reports_held_awaits(fakes_ledger):
    """A gate registers with the ledger; problems() lists held awaits."""
    repo = fakes.async_double(UserRepo)
    gate = repo.save.gate()
    task = asyncio.ensure_future(repo.save({"name": "ada"}))
    await gate.wait_entered(1)

    problems = [p for item in fakes_ledger.watched() for p in item.problems()]

    assert problems == [
        "The gate of UserRepo.save still holds 1 await: "
        "UserRepo.save({'name': 'ada'}). Let them go with gate.release(), "
        "gate.fail() or gate.release_all() before the test ends."
    ]
    gate.release()
    await task
    assert gate.problems() == []


def test_gate_release_with_nothing_held_message():
    """release() with no held await is refused."""
    fetch = fakes.async_double(name="fetch")
    gate = fetch.gate()

    with pytest.raises(GateError) as caught:
        gate.release(1)

    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == (
        "The gate of fetch holds no await, so release() has nothing to let go: "
        "first wait for one with 'await gate.wait_entered(1)'."
    )


def test_gate_fail_with_nothing_held_message():
    """fail() with no held await is refused."""
    gate = fakes.async_double(name="fetch").gate()

    with pytest.raises(GateError) as caught:
        gate.fail(KeyError)

    assert str(caught.value) == (
        "The gate of fetch holds no await, so fail() has nothing to let go: "
        "first wait for one with 'await gate.wait_entered(1)'."
    )


async def test_gate_held_await_released_twice_message():
    """A held await can be let go only once."""
    fetch = fakes.async_double(name="fetch")
    gate = fetch.gate()
    task = asyncio.ensure_future(fetch())
    await gate.wait_entered(1)
    held = gate.held[0]
    held.release(1)

    with pytest.raises(GateError) as caught:
        held.release(2)

    assert str(caught.value) == (
        "This await of fetch is no longer held by its gate, so release() has "
        "nothing to let go: take held awaits from gate.held just before."
    )
    assert await task == 1


def test_gate_fail_with_non_exception_message():
    """fail() takes only exceptions."""
    gate = fakes.async_double(name="fetch").gate()

    with pytest.raises(FakesTypeError) as caught:
        gate.fail("boom")  # type: ignore[arg-type]

    assert str(caught.value) == (
        "The gate of fetch fails an await with an exception instance or class, "
        "got 'boom'; to return the value use release()."
    )


def test_gate_release_with_two_values_message():
    """release() returns at most one value."""
    gate = fakes.async_double(name="fetch").gate()

    with pytest.raises(FakesValueError) as caught:
        gate.release(1, 2)

    assert str(caught.value) == (
        "The gate of fetch releases an await with at most one value, got 2: "
        "pass a tuple to return a tuple."
    )


async def test_gate_wait_entered_bad_count_message():
    """wait_entered() counts from 1."""
    gate = fakes.async_double(name="fetch").gate()

    with pytest.raises(FakesValueError) as caught:
        await gate.wait_entered(0)

    assert str(caught.value) == (
        "gate.wait_entered() of fetch waits for 1 or more held awaits, got 0."
    )


def test_gate_on_sync_member_message():
    """A sync member is never awaited, so it cannot be gated."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(ProtocolMismatchError) as caught:
        repo.close.gate()

    assert str(caught.value) == (
        "UserRepo.close.gate() holds awaits, but UserRepo.close is a sync "
        "member that is not awaited.\nFix: gate an async member instead."
    )


def test_gate_under_trio_race():
    """Under trio, the second await overtakes the held first one."""
    repo = fakes.async_double(UserRepo)
    gate = repo.get.gate()
    profile = Profile(repo)

    async def main() -> None:
        async with trio.open_nursery() as nursery:
            nursery.start_soon(profile.refresh)
            await gate.wait_entered(1)
            nursery.start_soon(profile.refresh)
            await gate.wait_entered(2)
            gate.held[1].release({"name": "new"})
            gate.release({"name": "stale"})

    trio.run(main)

    assert profile.name == "new"


def test_gate_under_trio_fail_and_cancel(fakes_ledger):
    """Under trio, fail() raises in the held await and cancellation is recorded."""
    fetch = fakes.async_double(name="fetch")
    gate = fetch.gate()
    outcomes: list[str] = []

    async def call() -> None:
        try:
            await fetch()
        except KeyError:
            outcomes.append("failed")

    async def main() -> None:
        async with trio.open_nursery() as nursery:
            nursery.start_soon(call)
            await gate.wait_entered(1)
            gate.fail(KeyError)
        with trio.move_on_after(1):
            await fetch()

    trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))

    assert outcomes == ["failed"]
    assert gate.held == []
    assert [event.kind for event in fakes_ledger][-1] == "cancelled"


def test_gate_on_a_double_of_an_object_message():
    """A double of an object is never awaited, so it cannot be gated."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(ProtocolMismatchError) as caught:
        repo.gate()

    assert str(caught.value) == (
        "UserRepo.gate() holds awaits, but UserRepo is a double of an object "
        "that is not awaited.\nFix: gate an async member instead."
    )


async def test_gate_on_aenter_keeps_entered_recording():
    """Gating __aenter__ holds the entry and still records entered."""

    class Connection:
        async def __aenter__(self) -> Connection:
            return self

        async def __aexit__(self, *exc_info: object) -> None: ...

    conn = fakes.async_double(Connection)
    gate = conn.__aenter__.gate()
    entered = asyncio.Event()

    async def use() -> None:
        async with conn:
            entered.set()

    task = asyncio.ensure_future(use())
    await gate.wait_entered(1)
    assert not entered.is_set()
    gate.release()
    await task

    conn.assert_entered_once()
    conn.assert_exited_cleanly()


def test_gate_on_async_generator_member_message():
    """An async-generator member is called, not awaited: no gate."""
    feed = fakes.async_double(Feed)

    with pytest.raises(ProtocolMismatchError) as caught:
        feed.stream.gate()

    assert str(caught.value) == (
        "Feed.stream.gate() holds awaits, but Feed.stream is an async "
        "generator member that is not awaited.\nFix: gate an async member instead."
    )


def drive(coroutine: Any) -> Any:
    """Run a coroutine that never suspends, outside any loop."""
    try:
        coroutine.send(None)
    except StopIteration as stop:
        return stop.value
    coroutine.close()
    raise AssertionError("the coroutine suspended")


def advance(coroutine: Any) -> bool:
    """Run a coroutine until it suspends (False) or ends (True)."""
    try:
        coroutine.send(None)
    except StopIteration:
        return True
    return False


async def test_gate_wait_entered_wakes_when_the_count_is_reached():
    """A waiter wakes once as many awaits as it asked for are held together."""
    fetch = fakes.async_double(name="fetch")
    gate = fetch.gate()
    waiting = gate.wait_entered(2)
    first, second = fetch(1), fetch(2)

    steps = [advance(waiting), advance(first), advance(second), advance(waiting)]

    assert steps == [False, False, False, True]
    assert advance(gate.wait_entered(2))
    gate.release_all("done")
    assert (drive(first), drive(second)) == ("done", "done")


def test_gate_open_lets_later_awaits_through_at_once():
    """After open(), an await of the double is not held at all."""
    fetch = fakes.async_double(name="fetch").returns("value")
    gate = fetch.gate()

    gate.open()

    assert drive(fetch()) == "value"
    assert gate.held == []


async def test_gate_held_await_fail_picks_that_await():
    """held[i].fail() makes that await raise; the others stay held."""
    fetch = fakes.async_double(name="fetch")
    gate = fetch.gate()
    first = asyncio.ensure_future(fetch(1))
    second = asyncio.ensure_future(fetch(2))
    await gate.wait_entered(2)
    error = KeyError("second")

    gate.held[1].fail(error)

    with pytest.raises(KeyError) as caught:
        await second
    assert caught.value is error
    assert [held.args for held in gate.held] == [(1,)]
    gate.release("first")
    assert await first == "first"


async def test_gate_held_await_release_without_value_uses_configuration():
    """held[i].release() without a value lets the double do its configured thing."""
    fetch = fakes.async_double(name="fetch").returns("configured")
    gate = fetch.gate()
    task = asyncio.ensure_future(fetch())
    await gate.wait_entered(1)

    gate.held[0].release()

    assert await task == "configured"


async def test_gate_held_await_failed_twice_message():
    """A held await can be failed only once."""
    fetch = fakes.async_double(name="fetch")
    gate = fetch.gate()
    task = asyncio.ensure_future(fetch())
    await gate.wait_entered(1)
    held = gate.held[0]
    held.fail(KeyError)

    with pytest.raises(GateError) as caught:
        held.fail(KeyError)

    assert str(caught.value) == (
        "This await of fetch is no longer held by its gate, so fail() has "
        "nothing to let go: take held awaits from gate.held just before."
    )
    with pytest.raises(KeyError):
        await task


async def test_gate_held_await_fail_with_non_exception_message():
    """held[i].fail() takes only exceptions, and keeps the await held."""
    fetch = fakes.async_double(name="fetch")
    gate = fetch.gate()
    task = asyncio.ensure_future(fetch())
    await gate.wait_entered(1)

    with pytest.raises(FakesTypeError) as caught:
        gate.held[0].fail("boom")  # type: ignore[arg-type]

    assert str(caught.value) == (
        "The gate of fetch fails an await with an exception instance or class, "
        "got 'boom'; to return the value use release()."
    )
    assert len(gate.held) == 1
    gate.release(None)
    await task


async def test_gate_held_await_release_with_two_values_message():
    """held[i].release() returns at most one value, and keeps the await held."""
    fetch = fakes.async_double(name="fetch")
    gate = fetch.gate()
    task = asyncio.ensure_future(fetch())
    await gate.wait_entered(1)

    with pytest.raises(FakesValueError) as caught:
        gate.held[0].release(1, 2)

    assert str(caught.value) == (
        "The gate of fetch releases an await with at most one value, got 2: "
        "pass a tuple to return a tuple."
    )
    assert len(gate.held) == 1
    gate.release(None)
    await task


async def test_gate_release_all_with_two_values_message():
    """release_all() returns at most one value, and lets nothing go."""
    fetch = fakes.async_double(name="fetch")
    gate = fetch.gate()
    task = asyncio.ensure_future(fetch())
    await gate.wait_entered(1)

    with pytest.raises(FakesValueError) as caught:
        gate.release_all(1, 2)

    assert str(caught.value) == (
        "The gate of fetch releases an await with at most one value, got 2: "
        "pass a tuple to return a tuple."
    )
    assert len(gate.held) == 1
    gate.release(None)
    await task


async def test_gate_reprs_show_what_is_held():
    """A gate's repr counts held awaits; a held await's repr shows its arguments."""
    fetch = fakes.async_double(name="fetch")
    gate = fetch.gate()
    idle = repr(gate)
    tasks = [asyncio.ensure_future(fetch(1, page=2)), asyncio.ensure_future(fetch())]
    await gate.wait_entered(2)

    busy = repr(gate)
    held = [repr(held) for held in gate.held]

    assert idle == "<Gate of fetch holding 0>"
    assert busy == "<Gate of fetch holding 2>"
    assert held == ["<HeldAwait (1, page=2)>", "<HeldAwait ()>"]
    gate.release_all(None)
    await asyncio.gather(*tasks)


async def test_gate_problems_lists_every_held_await(fakes_ledger):
    """A gate holding several awaits names each of them."""
    fetch = fakes.async_double(name="fetch")
    gate = fetch.gate()
    tasks = [asyncio.ensure_future(fetch(n)) for n in (1, 2)]
    await gate.wait_entered(2)

    problems = gate.problems()

    assert problems == [
        "The gate of fetch still holds 2 awaits: fetch(1), fetch(2). Let them go "
        "with gate.release(), gate.fail() or gate.release_all() before the test "
        "ends."
    ]
    gate.release_all()
    await asyncio.gather(*tasks)


async def test_gate_wait_entered_refuses_a_count_that_is_not_an_int():
    """wait_entered("2") is a FakesTypeError naming the gate and the fix."""
    gate = fakes.async_double(name="save").gate()

    with pytest.raises(fakes.errors.FakesTypeError) as caught:
        await gate.wait_entered("2")  # type: ignore[arg-type]

    assert str(caught.value) == (
        "gate.wait_entered() of save takes a whole number of held awaits, "
        "got '2' (str).\n"
        "Fix: pass an int, such as gate.wait_entered(2)."
    )


_HELD_AT_END = """
import asyncio

import pytest

import fakes

save = fakes.async_double(name="save")
shared_gate = save.gate()  # made at import: used by the tests below


@pytest.mark.fakes_verify
async def test_releases_what_it_holds():
    task = asyncio.ensure_future(save(0))
    await shared_gate.wait_entered(1)
    shared_gate.release()
    await task


@pytest.mark.fakes_verify
async def test_leaves_an_await_held():
    asyncio.ensure_future(save(1))
    await shared_gate.wait_entered(1)
"""


def test_gate_held_when_the_body_ended_is_reported_after_the_runner_cancels(
    pytester,
):
    """The runner cancels the held await before verification: still reported."""
    pytester.makepyfile(_HELD_AT_END)

    result = pytester.runpytest(
        "-p",
        "no:cacheprovider",
        "-p",
        "asyncio",
        "--asyncio-mode=auto",
        "-o",
        "asyncio_default_fixture_loop_scope=function",
    )

    result.assert_outcomes(passed=2, errors=1)
    # pytest-asyncio 1.x cancels the test's leftover tasks before the plugin's
    # teardown; 0.23 closes its loop after it, so the await is still held.
    if int(pytest_asyncio.__version__.split(".")[0]) >= 1:
        problem = (
            "The gate of save still held 1 await when the test body ended: "
            "save(1); the test runner cancelled it afterwards."
        )
    else:
        problem = "The gate of save still holds 1 await: save(1)."
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_leaves_an_await_held*",
            "E*fakes.errors.VerificationError: fakes.verify() found 1 problem:",
            f"E*  1. {problem} Let them go with gate.release(), gate.fail() or "
            "gate.release_all() before the test ends.",
        ]
    )
