"""script(): steps, delays, hangs, endings, exhaustion, under asyncio and trio."""

from __future__ import annotations

import asyncio
import math
import traceback
from collections.abc import AsyncIterator

import pytest
import trio
import trio.testing

import fakes
from fakes.errors import (
    FakesTypeError,
    ProtocolMismatchError,
    ScriptError,
    ScriptExhaustedError,
)


class UserRepo:
    async def get(self, user_id: int) -> dict[str, int]:
        raise NotImplementedError

    async def page(self, number: int) -> list[int]:
        raise NotImplementedError


def parse(text: str) -> int:
    raise NotImplementedError


class Connection:
    async def __aenter__(self) -> str:
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> None:
        raise NotImplementedError


async def test_script_returns_values_and_raises_errors_in_order():
    """Values are returned, exception instances and classes raised, in order."""
    repo = fakes.async_double(UserRepo)
    repo.get.script({"id": 1}, TimeoutError("slow"), KeyError, {"id": 2})

    first = await repo.get(1)
    with pytest.raises(TimeoutError, match="slow"):
        await repo.get(1)
    with pytest.raises(KeyError):
        await repo.get(1)
    last = await repo.get(2)

    assert (first, last) == ({"id": 1}, {"id": 2})
    assert repo.get.await_count == 4


async def test_script_exhausted_message():
    """One call too many names the double, the call number and the steps."""
    repo = fakes.async_double(UserRepo)
    repo.get.script({"id": 1}, TimeoutError())
    await repo.get(1)
    with pytest.raises(TimeoutError):
        await repo.get(1)

    with pytest.raises(ScriptExhaustedError) as caught:
        await repo.get(1)

    assert isinstance(caught.value, AssertionError)
    assert str(caught.value) == (
        "UserRepo.get was called 3 times but its script has 2 steps: "
        "[{'id': 1}, TimeoutError()]. Add steps, or end the script with "
        "fakes.repeat_last() or fakes.cycle()."
    )


async def test_script_exhausted_message_elides_long_scripts():
    """A long script is shown with its middle elided."""
    fetch = fakes.async_double(name="fetch").script(*range(12))
    for _ in range(12):
        await fetch()

    with pytest.raises(ScriptExhaustedError) as caught:
        await fetch()

    assert str(caught.value) == (
        "fetch was called 13 times but its script has 12 steps: "
        "[0, 1, 2, 3, 4, 5, 6, ... 4 more ..., 11]. Add steps, or end the "
        "script with fakes.repeat_last() or fakes.cycle()."
    )


async def test_script_paginator_fails_instead_of_ending_quietly():
    """An async for over pages whose script runs out fails loudly."""
    repo = fakes.async_double(UserRepo)
    repo.page.script([1, 2], [3])

    class Pages:
        def __init__(self) -> None:
            self.number = 0

        def __aiter__(self) -> Pages:
            return self

        async def __anext__(self) -> list[int]:
            self.number += 1
            page = await repo.page(self.number)
            if not page:
                raise StopAsyncIteration
            return page

    seen: list[list[int]] = []

    async def read_all() -> None:
        async for page in Pages():
            seen.append(page)

    with pytest.raises(ScriptExhaustedError) as caught:
        await read_all()

    assert seen == [[1, 2], [3]]
    assert str(caught.value) == (
        "UserRepo.page was called 3 times but its script has 2 steps: "
        "[[1, 2], [3]]. Add steps, or end the script with fakes.repeat_last() "
        "or fakes.cycle()."
    )


async def test_script_paginator_with_stdlib_side_effect_ends_quietly(fakes_ledger):
    """For contrast: a stdlib side_effect list ends the loop without an error."""
    fetch_page = fakes.async_double(name="fetch_page")
    fetch_page.side_effect = [[1, 2], [3]]

    class Pages:
        def __aiter__(self) -> Pages:
            return self

        async def __anext__(self) -> list[int]:
            return await fetch_page()

    seen = [page async for page in Pages()]

    assert seen == [[1, 2], [3]]
    (raised,) = fakes_ledger.events("raised")
    assert isinstance(raised.detail, StopAsyncIteration)


async def test_script_repeat_last_repeats_the_final_step():
    """repeat_last() performs the step before it for every later call."""
    fetch = fakes.async_double(name="fetch").script(1, 2, fakes.repeat_last())

    results = [await fetch() for _ in range(5)]

    assert results == [1, 2, 2, 2, 2]


async def test_script_cycle_starts_again():
    """cycle() goes back to the first step."""
    fetch = fakes.async_double(name="fetch").script("a", KeyError, fakes.cycle())

    first = await fetch()
    with pytest.raises(KeyError):
        await fetch()
    again = await fetch()

    assert (first, again) == ("a", "a")


def test_script_ending_before_the_end_message():
    """repeat_last() or cycle() anywhere but last is refused."""
    fetch = fakes.async_double(name="fetch")

    with pytest.raises(ScriptError) as caught:
        fetch.script(1, fakes.cycle(), 2)

    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == (
        "fetch.script() has fakes.cycle() as step 2, but it can only be the "
        "final step: move it to the end, or remove it."
    )


def test_script_without_steps_message():
    """A script needs at least one step."""
    fetch = fakes.async_double(name="fetch")

    with pytest.raises(ScriptError) as caught:
        fetch.script()

    assert str(caught.value) == (
        "fetch.script() needs at least one step: pass the values or exceptions "
        "the calls should return or raise, in order."
    )


def test_script_only_an_ending_message():
    """An ending alone has nothing to repeat."""
    fetch = fakes.async_double(name="fetch")

    with pytest.raises(ScriptError) as caught:
        fetch.script(fakes.repeat_last())

    assert str(caught.value) == (
        "fetch.script() got only fakes.repeat_last(), which repeats the steps "
        "before it: put at least one step before it."
    )


async def test_script_delay_waits_on_the_loop_clock():
    """delay() sleeps on the running loop's clock, then performs its step."""
    loop = asyncio.get_running_loop()
    fetch = fakes.async_double(name="fetch").script(fakes.delay(0.02, "late"))

    before = loop.time()
    result = await fetch()

    assert result == "late"
    assert loop.time() - before >= 0.02


async def test_script_delay_of_an_exception_raises_it():
    """A delayed exception is raised after the delay."""
    fetch = fakes.async_double(name="fetch").script(fakes.delay(0, TimeoutError))

    with pytest.raises(TimeoutError):
        await fetch()


async def test_script_delay_without_a_step_returns_none():
    """delay(seconds) alone waits, then the call returns None."""
    step = fakes.delay(30)
    fetch = fakes.async_double(name="fetch").script(step)

    async with fakes.virtual_time() as clock:
        result = await fetch()

    assert result is None
    assert clock.elapsed == 30
    assert repr(step) == "fakes.delay(30, None)"


def test_script_delay_negative_message():
    """A negative delay is refused when the step is built."""
    with pytest.raises(ScriptError) as caught:
        fakes.delay(-1, "x")

    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == (
        "fakes.delay() needs a number of seconds of 0 or more, got -1: pass "
        "how long the call should take."
    )


def test_script_delay_nan_message():
    """A delay of NaN seconds is refused."""
    with pytest.raises(ScriptError) as caught:
        fakes.delay(math.nan)

    assert str(caught.value) == (
        "fakes.delay() needs a number of seconds of 0 or more, got nan: pass "
        "how long the call should take."
    )


def test_script_delay_not_a_number_message():
    """Seconds come first: a value in their place is refused."""
    with pytest.raises(ScriptError) as caught:
        fakes.delay("x", 1)  # type: ignore[arg-type]

    assert str(caught.value) == (
        "fakes.delay() takes the seconds to wait first, got 'x' (str): write "
        "fakes.delay(seconds, step)."
    )


async def test_script_hang_until_cancelled_is_recorded(fakes_ledger):
    """hang() never finishes; the cancellation is in the ledger."""
    fetch = fakes.async_double(name="fetch").script(fakes.hang())

    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(fetch(), 0.01)

    assert [event.kind for event in fakes_ledger] == [
        "called",
        "started",
        "cancelled",
    ]


async def test_script_returns_replaces_script():
    """returns() after script() wins: the last configuration wins."""
    fetch = fakes.async_double(name="fetch").script(1)

    fetch.returns(2)

    assert [await fetch(), await fetch()] == [2, 2]


async def test_script_return_value_replaces_script():
    """Setting return_value or side_effect replaces the script too."""
    fetch = fakes.async_double(name="fetch").script(1)
    other = fakes.async_double(name="other").script(1)

    fetch.return_value = 2
    other.side_effect = [3]

    assert (await fetch(), await other()) == (2, 3)


async def test_script_replaces_earlier_returns():
    """script() after returns() wins."""
    fetch = fakes.async_double(name="fetch").returns(1)

    fetch.script(2, fakes.repeat_last())

    assert await fetch() == 2


async def test_script_reading_return_value_keeps_script():
    """Reading return_value is not a configuration: the script stays."""
    fetch = fakes.async_double(name="fetch").script(1)

    _ = fetch.return_value

    assert await fetch() == 1


async def test_script_stdlib_side_effect_exhaustion_is_recorded(fakes_ledger):
    """An exhausted side_effect keeps stdlib behaviour; the ledger shows it."""
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect = [1]
    await fetch()

    with pytest.raises(StopAsyncIteration):
        await fetch()

    raised = fakes_ledger.events("raised")
    assert len(raised) == 1
    assert isinstance(raised[0].detail, StopAsyncIteration)


async def test_script_counts_awaits_like_async_mock():
    """A scripted double keeps await_count and await_args_list."""
    repo = fakes.async_double(UserRepo)
    repo.get.script(1, 2)

    await repo.get(1)
    await repo.get(2)

    repo.get.assert_awaited_with(2)
    assert repo.get.await_count == 2


def test_script_on_a_sync_double():
    """A sync double consumes its script on each call."""
    double = fakes.async_double(parse).script(1, ValueError("bad"))

    first = double("1")
    with pytest.raises(ValueError, match="bad"):
        double("x")

    assert first == 1


def test_script_delay_on_a_sync_double_message():
    """A sync double cannot wait: a delay step is refused when reached."""
    double = fakes.async_double(parse).script(fakes.delay(1, 2))

    with pytest.raises(FakesTypeError) as caught:
        double("1")

    assert str(caught.value) == (
        "parse is not awaited, so its script step fakes.delay(1, 2) cannot "
        "wait: use delays and hangs only in scripts of async doubles."
    )


def test_script_under_trio_with_mock_clock():
    """Under trio, delay() sleeps on trio's clock (a MockClock here)."""
    fetch = fakes.async_double(name="fetch")
    fetch.script(fakes.delay(30, "late"), KeyError, fakes.repeat_last())

    async def main() -> tuple[object, float]:
        start = trio.current_time()
        result = await fetch()
        with pytest.raises(KeyError):
            await fetch()
        return result, trio.current_time() - start

    result, elapsed = trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))

    assert result == "late"
    assert elapsed == 30


def test_script_exhausted_under_trio():
    """Running out raises ScriptExhaustedError under trio too."""
    fetch = fakes.async_double(name="fetch").script(1)

    async def main() -> None:
        await fetch()
        await fetch()

    with pytest.raises(ScriptExhaustedError):
        trio.run(main)


def test_script_hang_under_trio_is_cancelled(fakes_ledger):
    """hang() under trio waits until trio cancels it; the ledger records it."""
    fetch = fakes.async_double(name="fetch").script(fakes.hang())

    async def main() -> None:
        with trio.move_on_after(5):
            await fetch()

    trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))

    assert [event.kind for event in fakes_ledger][-1] == "cancelled"


def test_script_on_a_double_of_an_object_message():
    """A double of an object is never called, so script() is refused."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(ProtocolMismatchError) as caught:
        repo.script(1)

    assert str(caught.value) == (
        "UserRepo.script() says what calls do, but UserRepo is a double of an "
        "object, which is not called.\nFix: configure one of its members instead, "
        "such as UserRepo.<member>.script(...)."
    )


async def test_script_reset_mock_side_effect_forgets_script_and_rules():
    """reset_mock(side_effect=True) drops scripts and rules like side_effect."""
    double = fakes.async_double(name="fetch").script(1, 2)
    double.when(5).returns("five")
    double.return_value = "fallback"

    double.reset_mock(return_value=True, side_effect=True)
    double.return_value = "after"

    assert await double(5) == "after"
    assert await double() == "after"


async def test_script_reset_mock_plain_keeps_script():
    """A plain reset_mock() keeps the configuration, as in unittest.mock."""
    double = fakes.async_double(name="fetch").script(1, 2)

    double.reset_mock()

    assert await double() == 1
    assert double.await_count == 1


def test_script_steps_repr_as_written():
    """Steps show as they are written in a script."""
    steps = [
        fakes.hang(),
        fakes.delay(0.5, KeyError),
        fakes.cycle(),
        fakes.repeat_last(),
    ]

    shown = [repr(step) for step in steps]

    assert shown == [
        "fakes.hang()",
        "fakes.delay(0.5, KeyError)",
        "fakes.cycle()",
        "fakes.repeat_last()",
    ]


async def test_script_exhausted_message_shows_ten_steps_in_full():
    """A script of ten steps is shown whole."""
    fetch = fakes.async_double(name="fetch").script(*range(10))
    for _ in range(10):
        await fetch()

    with pytest.raises(ScriptExhaustedError) as caught:
        await fetch()

    assert str(caught.value) == (
        "fetch was called 11 times but its script has 10 steps: "
        "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]. Add steps, or end the script with "
        "fakes.repeat_last() or fakes.cycle()."
    )


async def test_script_exhausted_message_names_exception_classes():
    """An exception class step is shown by its name, as written."""
    fetch = fakes.async_double(name="fetch").script(KeyError)
    with pytest.raises(KeyError):
        await fetch()

    with pytest.raises(ScriptExhaustedError) as caught:
        await fetch()

    assert str(caught.value) == (
        "fetch was called 2 times but its script has 1 step: [KeyError]. Add "
        "steps, or end the script with fakes.repeat_last() or fakes.cycle()."
    )


async def test_script_on_aenter_replaced_by_return_value_still_records_entries(
    fakes_ledger,
):
    """return_value replaces a script of __aenter__; entries are still recorded."""
    conn = fakes.async_double(Connection)
    async with conn:
        pass
    conn.__aenter__.script("scripted")

    conn.__aenter__.return_value = "plain"
    async with conn as value:
        pass

    assert value == "plain"
    assert [event.kind for event in fakes_ledger.events(double=conn)] == [
        "entered",
        "exited",
        "entered",
        "exited",
    ]


async def test_script_replaced_by_returns_keeps_the_gate():
    """returns() replaces a script but not a gate: awaits are still held."""
    fetch = fakes.async_double(name="fetch").script("scripted")
    gate = fetch.gate()
    fetch.returns("plain")

    call = asyncio.ensure_future(fetch())
    await gate.wait_entered(1)
    gate.release_all()

    assert await call == "plain"


def _raises(double, error):
    return double.raises(error)


def _script_repeat_last(double, error):
    return double.script(error, fakes.repeat_last())


def _script_cycle(double, error):
    return double.script(error, fakes.cycle())


def _script_of_one_error(double, error):
    return double.script(error, error, error, error)


def _rule(double, error):
    return double.when().raises(error)


@pytest.mark.parametrize(
    "configure",
    [_raises, _script_repeat_last, _script_cycle, _script_of_one_error, _rule],
)
async def test_script_error_raised_again_starts_with_fresh_traceback(configure):
    """The same exception raised on every call keeps its identity, not old frames."""
    error = KeyError("k")
    fetch = configure(fakes.async_double(name="fetch"), error)
    depths = []

    for _ in range(4):
        with pytest.raises(KeyError) as caught:
            await fetch()
        assert caught.value is error
        depths.append(len(traceback.extract_tb(caught.value.__traceback__)))

    assert depths == [depths[0]] * 4


async def test_async_iter_error_raised_again_starts_with_fresh_traceback():
    """A member's iterators raise their error afresh each time."""

    class Feed:
        async def stream(self) -> AsyncIterator[int]:
            yield 0

    error = ConnectionError("lost")
    feed = fakes.async_double(Feed)
    feed.stream.yields(raises=error)
    depths = []

    for _ in range(3):
        with pytest.raises(ConnectionError) as caught:
            async for _item in feed.stream():
                pass
        assert caught.value is error
        depths.append(len(traceback.extract_tb(caught.value.__traceback__)))

    assert depths == [depths[0]] * 3
