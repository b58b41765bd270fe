"""assert_all_awaited and fakes.verify()."""

from __future__ import annotations

import asyncio

import pytest
from tests.soundness import assert_frames_hidden

import fakes
from fakes.errors import (
    FakesError,
    FakesTypeError,
    MatcherError,
    NotAwaitedError,
    VerificationError,
)


class Problems:
    """A watched object, as gates and argument rules register themselves."""

    def __init__(self, *problems):
        self.found = list(problems)

    def problems(self):
        return self.found


def test_assert_all_awaited_passes_when_every_call_was_awaited():
    """Awaited calls and sync calls pass."""
    fetch = fakes.async_double(name="fetch")

    def parse(text: str) -> int: ...

    parser = fakes.async_double(parse)

    parser("1")
    asyncio.run(fetch(1))

    fakes.assert_all_awaited()


def test_assert_all_awaited_never_awaited_message():
    """A call whose coroutine never started is listed."""
    fetch = fakes.async_double(name="fetch")
    save = fakes.async_double(name="save")
    forgotten = fetch(1)
    asyncio.run(fetch(2))
    also = save(x=1)

    with pytest.raises(NotAwaitedError) as caught:
        fakes.assert_all_awaited()

    assert str(caught.value) == (
        "2 calls were never awaited:\n"
        "  #  task  event   call\n"
        "  0  -     called  fetch(1)\n"
        "  4  -     called  save(x=1)\n"
        "Calling an async double returns a coroutine that does nothing until it "
        "is awaited: await it (or pass it to asyncio.gather or create_task), or "
        "do not call it."
    )
    forgotten.close()
    also.close()


def test_assert_all_awaited_restricted_to_items():
    """With items, only their calls are checked."""
    fetch = fakes.async_double(name="fetch")
    save = fakes.async_double(name="save")
    forgotten = save()
    other = fetch(2)
    asyncio.run(fetch(1))

    fakes.assert_all_awaited(fakes.awaited(fetch, 1))
    with pytest.raises(NotAwaitedError) as caught:
        fakes.assert_all_awaited(fetch)

    assert str(caught.value).splitlines()[:3] == [
        "1 call was never awaited:",
        "  #  task  event   call",
        "  1  -     called  fetch(2)",
    ]
    forgotten.close()
    other.close()


def test_assert_all_awaited_bad_item_message():
    """Items must be doubles."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.assert_all_awaited(None)

    assert str(caught.value) == (
        "assert_all_awaited() item 1 is None (NoneType), which is not a double: "
        "pass a double made by fakes.async_double (any await of it) or "
        "fakes.awaited(double, *args, **kwargs) (an await with those arguments)."
    )


def test_verify_passes_on_a_clean_ledger():
    """Nothing wrong: verify() returns None."""
    fetch = fakes.async_double(name="fetch")
    asyncio.run(fetch())
    fakes.current_ledger().watch(Problems())

    assert fakes.verify() is None


def test_verify_lists_every_problem_together():
    """Never awaited, exhausted side_effect and watched problems, in one message."""
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect = [1]
    stream = fakes.async_double(name="stream")
    forgotten = stream("a")
    fakes.current_ledger().watch(Problems("gate fetch still holds 1 await"))
    fakes.current_ledger().watch(Problems())
    fakes.current_ledger().watch(Problems("rule when(2) was never used\nsecond line"))

    async def main():
        assert await fetch() == 1
        with pytest.raises(StopAsyncIteration):
            await fetch()

    asyncio.run(main())

    with pytest.raises(VerificationError) as caught:
        fakes.verify()

    assert str(caught.value) == (
        "fakes.verify() found 4 problems:\n"
        "  1. stream('a') was called (#0) but never awaited: await the coroutine "
        "it returns, or do not call it.\n"
        "  2. fetch() raised StopAsyncIteration (#6) because its side_effect ran "
        "out of values at await 2, which silently ends an 'async for': give it "
        "one value per await, or use script(...).\n"
        "  3. gate fetch still holds 1 await\n"
        "  4. rule when(2) was never used\n"
        "     second line"
    )
    forgotten.close()


def test_verify_ignores_a_deliberate_stop_async_iteration():
    """A StopAsyncIteration the test configured is not an exhausted side_effect."""
    anext_double = fakes.async_double(name="next").raises(StopAsyncIteration())

    async def main():
        with pytest.raises(StopAsyncIteration):
            await anext_double()

    asyncio.run(main())

    fakes.verify()


class Broken:
    """A matcher whose comparison always raises."""

    def __eq__(self, other):
        raise ValueError("boom")

    __hash__ = object.__hash__


def _verify_failures(fetch):
    return {
        "not awaited": lambda: fakes.assert_all_awaited(),
        "not awaited item": lambda: fakes.assert_all_awaited(fetch),
        "matcher": lambda: fakes.assert_all_awaited(fakes.awaited(fetch, Broken())),
        "bad item": lambda: fakes.assert_all_awaited(None),
        "verify": lambda: fakes.verify(),
    }


@pytest.mark.parametrize(
    "case", ["not awaited", "not awaited item", "matcher", "bad item", "verify"]
)
def test_verify_failures_hide_their_frames(case):
    """A failing verification shows the test's line, not the library's."""
    fetch = fakes.async_double(name="fetch")
    forgotten = fetch(1)
    fail = _verify_failures(fetch)[case]

    with pytest.raises(FakesError) as caught:
        fail()

    assert_frames_hidden(caught)
    forgotten.close()


def test_verify_ignores_a_stop_async_iteration_that_left_a_block():
    """Only an await that raised can have run out of side_effect values."""
    conn = fakes.async_context(name="conn")

    async def leave():
        async with conn:
            try:
                next(iter(()))
            except StopIteration:
                raise StopAsyncIteration from None

    async def main():
        with pytest.raises(StopAsyncIteration):
            await leave()

    asyncio.run(main())

    fakes.verify()


def test_verify_counts_the_awaits_of_the_exhausted_double_only():
    """The await a side_effect ran out at counts that double's awaits alone."""
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect = [1]
    other = fakes.async_double(name="other")

    async def main():
        await other()
        await fetch()
        await other()
        with pytest.raises(StopAsyncIteration):
            await fetch()

    asyncio.run(main())

    with pytest.raises(VerificationError) as caught:
        fakes.verify()

    assert str(caught.value) == (
        "fakes.verify() found 1 problem:\n"
        "  1. fetch() raised StopAsyncIteration (#11) because its side_effect ran "
        "out of values at await 2, which silently ends an 'async for': give it "
        "one value per await, or use script(...)."
    )


def test_verify_numbers_a_problem_without_text():
    """A problem with empty text still gets its number."""
    fakes.current_ledger().watch(Problems(""))

    with pytest.raises(VerificationError) as caught:
        fakes.verify()

    assert str(caught.value) == "fakes.verify() found 1 problem:\n  1. "


def test_assert_all_awaited_lists_a_call_matching_two_items_once():
    """A call that matches several items is listed once."""
    fetch = fakes.async_double(name="fetch")
    forgotten = fetch(1)

    with pytest.raises(NotAwaitedError) as caught:
        fakes.assert_all_awaited(fetch, fakes.awaited(fetch, 1))

    assert str(caught.value).splitlines()[:3] == [
        "1 call was never awaited:",
        "  #  task  event   call",
        "  0  -     called  fetch(1)",
    ]
    forgotten.close()


def test_assert_all_awaited_shows_the_first_thirty_calls():
    """Of many calls never awaited, the first 30 are shown."""
    fetch = fakes.async_double(name="fetch")
    forgotten = [fetch(number) for number in range(32)]

    with pytest.raises(NotAwaitedError) as caught:
        fakes.assert_all_awaited()

    lines = str(caught.value).splitlines()
    assert lines[:3] == [
        "32 calls were never awaited:",
        "   #  task  event   call",
        "   0  -     called  fetch(0)",
    ]
    assert lines[-3:-1] == [
        "  29  -     called  fetch(29)",
        "  ... 2 later not shown",
    ]
    for coroutine in forgotten:
        coroutine.close()


def test_assert_all_awaited_matcher_that_raises_is_reported():
    """A matcher that raises names the call it was compared with."""

    class Raising:
        def __eq__(self, other):
            raise ValueError("boom")

        __hash__ = object.__hash__

        def __repr__(self):
            return "Raising()"

    fetch = fakes.async_double(name="fetch")
    forgotten = fetch(1)

    with pytest.raises(MatcherError) as caught:
        fakes.assert_all_awaited(fakes.awaited(fetch, Raising()))

    assert str(caught.value) == (
        "comparing fetch(Raising()) with the await #0 fetch(1) raised "
        "ValueError('boom'): a matcher's __eq__ must return True or False; fix "
        "the matcher, or compare that argument with unittest.mock.ANY."
    )
    forgotten.close()


def test_verify_refuses_what_is_not_a_ledger():
    """verify(1) is a FakesTypeError naming what it takes and the fix."""

    with pytest.raises(fakes.errors.FakesTypeError) as caught:
        fakes.verify(1)  # type: ignore[arg-type]

    assert str(caught.value) == (
        "fakes.verify() takes a fakes.Ledger, or nothing for the current ledger; "
        "got 1 (int).\n"
        "Fix: call fakes.verify() without an argument, or pass the ledger of a "
        "'with fakes.Ledger() as ledger:' block or the fakes_ledger fixture."
    )
