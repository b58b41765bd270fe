"""assert_awaited_in_order, awaited() and assert_completed_in_order."""

from __future__ import annotations

import asyncio
from unittest import mock
from unittest.mock import ANY

import pytest
import trio
import trio.testing
from dirty_equals import IsInt, IsPartialDict
from tests.soundness import assert_frames_hidden

import fakes
from fakes.errors import AwaitOrderError, FakesError, FakesTypeError, MatcherError


class UserRepo:
    async def get(self, user_id: int) -> dict[str, int]:
        raise NotImplementedError

    async def save(self, user: dict[str, int]) -> None:
        raise NotImplementedError


class Mailer:
    async def send(self, text: str) -> None:
        raise NotImplementedError


def run(flow):
    """Run ``flow()`` in a task named ``main``, so that messages are stable."""

    async def main():
        await asyncio.create_task(flow(), name="main")

    asyncio.run(main())


@pytest.fixture
def doubles():
    """A repository and a mailer, awaited get(1), save({...}), send('hi')."""
    repo = fakes.async_double(UserRepo)
    mailer = fakes.async_double(Mailer)

    async def flow():
        await repo.get(1)
        await repo.save({"id": 1})
        await mailer.send("hi")

    run(flow)
    return repo, mailer


def test_assert_awaited_in_order_passes_for_subsequence(doubles):
    """Items in the order they were awaited pass, others may come between."""
    repo, mailer = doubles

    fakes.assert_awaited_in_order(repo.get, repo.save, mailer.send)
    fakes.assert_awaited_in_order(repo.get, mailer.send)
    fakes.assert_awaited_in_order(mailer.send)


def test_assert_awaited_in_order_strict_passes_for_consecutive(doubles):
    """strict=True passes when no other await of the named doubles is between."""
    repo, mailer = doubles

    fakes.assert_awaited_in_order(repo.get, repo.save, strict=True)
    fakes.assert_awaited_in_order(repo.get, mailer.send, strict=True)


def test_assert_awaited_in_order_wrong_order_message(doubles):
    """An item awaited before the previous one is marked in the timeline."""
    repo, mailer = doubles

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(repo.get, mailer.send, repo.save)

    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order (other awaits may come between):\n"
        "  1. UserRepo.get (any arguments)\n"
        "  2. Mailer.send (any arguments)\n"
        "  3. UserRepo.save (any arguments)\n"
        "Matched 2 of 3 (1 at #1, 2 at #7); 3. UserRepo.save was awaited at #4 "
        "(>>), before 2. Mailer.send (#7), and not after it.\n"
        "Awaits of UserRepo.get, Mailer.send and UserRepo.save, in the order "
        "they started:\n"
        "      #  task  event    call\n"
        "  1   1  main  started  UserRepo.get(1)\n"
        "  >>  4  main  started  UserRepo.save({'id': 1})\n"
        "  2   7  main  started  Mailer.send('hi')\n"
        "Fix: change the code so that it awaits them in the expected order, or "
        "list the items in the order above if that order is right."
    )


def test_assert_awaited_in_order_strict_other_await_between_message(doubles):
    """strict=True marks the await that came where the next item was due."""
    repo, mailer = doubles

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(repo.get, mailer.send, repo.save, strict=True)

    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order, with no other await of these doubles between "
        "them:\n"
        "  1. UserRepo.get (any arguments)\n"
        "  2. Mailer.send (any arguments)\n"
        "  3. UserRepo.save (any arguments)\n"
        "Matched 1 of 3 (1 at #1); 2. Mailer.send was expected next, but the "
        "next await of these doubles was #4 UserRepo.save({'id': 1}) (>>).\n"
        "Awaits of UserRepo.get, Mailer.send and UserRepo.save, in the order "
        "they started:\n"
        "      #  task  event    call\n"
        "  1   1  main  started  UserRepo.get(1)\n"
        "  >>  4  main  started  UserRepo.save({'id': 1})\n"
        "      7  main  started  Mailer.send('hi')\n"
        "Fix: change the code so that it awaits them in the expected order, or "
        "list the items in the order above if that order is right. Pass "
        "strict=False to allow other awaits between them."
    )


def test_assert_awaited_in_order_never_awaited_message():
    """A double that was never awaited is named as such."""
    repo = fakes.async_double(UserRepo)
    mailer = fakes.async_double(Mailer)

    async def flow():
        await repo.get(1)

    run(flow)

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(mailer.send, repo.get)

    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order (other awaits may come between):\n"
        "  1. Mailer.send (any arguments)\n"
        "  2. UserRepo.get (any arguments)\n"
        "Matched 0 of 2; 1. Mailer.send was never awaited.\n"
        "Awaits of Mailer.send and UserRepo.get, in the order they started:\n"
        "  #  task  event    call\n"
        "  1  main  started  UserRepo.get(1)\n"
        "Fix: change the code so that it awaits them in the expected order, or "
        "list the items in the order above if that order is right."
    )


def test_assert_awaited_in_order_same_double_twice(doubles):
    """The same double may be an item several times: one await each."""
    repo, _ = doubles

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(repo.get, repo.get)

    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order (other awaits may come between):\n"
        "  1. UserRepo.get (any arguments)\n"
        "  2. UserRepo.get (any arguments)\n"
        "Matched 1 of 2 (1 at #1); 2. UserRepo.get has no await after #1.\n"
        "Awaits of UserRepo.get, in the order they started:\n"
        "     #  task  event    call\n"
        "  1  1  main  started  UserRepo.get(1)\n"
        "Fix: change the code so that it awaits them in the expected order, or "
        "list the items in the order above if that order is right."
    )


def test_assert_awaited_in_order_repeated_double_passes():
    """get, save, get passes when the code awaited get twice around save."""
    repo = fakes.async_double(UserRepo)

    async def flow():
        await repo.get(1)
        await repo.save({"id": 1})
        await repo.get(1)

    run(flow)

    fakes.assert_awaited_in_order(repo.get, repo.save, repo.get, strict=True)


def test_assert_awaited_in_order_checks_await_order_not_call_order():
    """x() and y() created in that order, awaited y then x: the order is y, x."""
    x = fakes.async_double(name="x")
    y = fakes.async_double(name="y")

    async def flow():
        first = x()
        second = y()
        await second
        await first

    run(flow)

    fakes.assert_awaited_in_order(y, x)
    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(x, y)
    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order (other awaits may come between):\n"
        "  1. x (any arguments)\n"
        "  2. y (any arguments)\n"
        "Matched 1 of 2 (1 at #4); 2. y was awaited at #2 (>>), before 1. x "
        "(#4), and not after it.\n"
        "Awaits of x and y, in the order they started:\n"
        "      #  task  event    call\n"
        "  >>  2  main  started  y()\n"
        "  1   4  main  started  x()\n"
        "Fix: change the code so that it awaits them in the expected order, or "
        "list the items in the order above if that order is right."
    )


def test_assert_awaited_in_order_gathered_call_order_differs():
    """Coroutines passed to gather start in argument order, not creation order."""
    x = fakes.async_double(name="x")
    y = fakes.async_double(name="y")

    async def flow():
        first = x()
        second = y()
        await asyncio.gather(second, first)

    run(flow)

    fakes.assert_awaited_in_order(y, x, strict=True)


def test_assert_awaited_in_order_across_unrelated_doubles():
    """Doubles that share no parent are ordered by the one ledger."""
    fetch = fakes.async_double(name="fetch")
    repo = fakes.async_double(UserRepo)
    other = fakes.async_double(UserRepo)

    async def flow():
        await other.get(2)
        await fetch("a")
        await repo.get(1)

    run(flow)

    fakes.assert_awaited_in_order(other.get, fetch, repo.get, strict=True)


def test_awaited_matches_arguments(doubles):
    """awaited() matches values, ANY, mock.call and dirty-equals matchers."""
    repo, mailer = doubles

    fakes.assert_awaited_in_order(
        fakes.awaited(repo.get, 1),
        fakes.awaited(repo.save, ANY),
        fakes.awaited(mailer.send, ANY),
    )
    fakes.assert_awaited_in_order(
        fakes.awaited(repo.get, IsInt(gt=0)),
        fakes.awaited(repo.save, IsPartialDict(id=1)),
        fakes.awaited(mailer.send, mock.call("hi")),
    )


def test_awaited_other_arguments_message(doubles):
    """An item whose arguments match no await marks the first await of its double."""
    repo, _ = doubles

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(fakes.awaited(repo.get, 2), repo.save)

    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order (other awaits may come between):\n"
        "  1. UserRepo.get(2)\n"
        "  2. UserRepo.save (any arguments)\n"
        "Matched 0 of 2; 1. UserRepo.get(2) matches no await; the first await "
        "of UserRepo.get, #1 (>>), has other arguments.\n"
        "Awaits of UserRepo.get and UserRepo.save, in the order they started:\n"
        "      #  task  event    call\n"
        "  >>  1  main  started  UserRepo.get(1)\n"
        "      4  main  started  UserRepo.save({'id': 1})\n"
        "Fix: change the code so that it awaits them in the expected order, or "
        "list the items in the order above if that order is right."
    )


def test_awaited_expected_value_is_compared_first():
    """The expected value's __eq__ runs first, even if the actual one would refuse."""
    fetch = fakes.async_double(name="fetch")

    class Stubborn:
        def __eq__(self, other):
            return False

        __hash__ = object.__hash__

    class Always:
        def __eq__(self, other):
            return True

        __hash__ = object.__hash__

    async def flow():
        await fetch(Stubborn())

    run(flow)

    fakes.assert_awaited_in_order(fakes.awaited(fetch, Always()))


def test_awaited_matcher_that_raises_is_reported():
    """A matcher whose __eq__ raises is reported with the await it met."""
    fetch = fakes.async_double(name="fetch")

    class Broken:
        def __eq__(self, other):
            raise ValueError("boom")

        __hash__ = object.__hash__

        def __repr__(self):
            return "Broken()"

    async def flow():
        await fetch(1)

    run(flow)

    with pytest.raises(MatcherError) as caught:
        fakes.assert_awaited_in_order(fakes.awaited(fetch, Broken()))

    assert str(caught.value) == (
        "comparing fetch(Broken()) with the await #1 fetch(1) raised "
        "ValueError('boom'): a matcher's __eq__ must return True or False; fix "
        "the matcher, or compare that argument with unittest.mock.ANY."
    )
    assert isinstance(caught.value.__cause__, ValueError)
    fakes.assert_awaited_in_order(fakes.awaited(fetch, 1))


def test_awaited_repr():
    """awaited() shows as it was written."""
    fetch = fakes.async_double(name="fetch")

    item = fakes.awaited(fetch, 1, key=ANY)

    assert repr(item) == "awaited(fetch, 1, key=<ANY>)"
    assert repr(fakes.awaited(fetch)) == "awaited(fetch)"


def test_awaited_not_a_double_message():
    """awaited() refuses what is not a double."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.awaited("fetch", 1)

    assert str(caught.value) == (
        "awaited() item 1 is 'fetch' (str), which is not a double: pass a double "
        "made by fakes.async_double (any await of it) or fakes.awaited(double, "
        "*args, **kwargs) (an await with those arguments)."
    )


def test_assert_awaited_in_order_bad_item_message():
    """An item that is not a double is refused with its position."""
    fetch = fakes.async_double(name="fetch")

    with pytest.raises(FakesTypeError) as caught:
        fakes.assert_awaited_in_order(fetch, 42)

    assert str(caught.value) == (
        "assert_awaited_in_order() item 2 is 42 (int), which is not a double: "
        "pass a double made by fakes.async_double (any await of it) or "
        "fakes.awaited(double, *args, **kwargs) (an await with those arguments)."
    )


def test_assert_awaited_in_order_plain_asyncmock_message():
    """A plain AsyncMock is refused: its awaits are not in the ledger."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.assert_awaited_in_order(mock.AsyncMock())

    assert str(caught.value) == (
        "assert_awaited_in_order() item 1 is a plain AsyncMock, whose awaits are "
        "not in the ledger: create it with fakes.async_double(...) instead, which "
        "behaves like AsyncMock and records every await."
    )


def test_assert_awaited_in_order_empty_call_message():
    """Calling without items is refused."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.assert_awaited_in_order()

    assert str(caught.value) == (
        "assert_awaited_in_order() needs at least one item: pass doubles made by "
        "fakes.async_double (any await of them) or fakes.awaited(double, *args, "
        "**kwargs) (an await with those arguments)."
    )


def test_assert_awaited_in_order_hides_its_frames():
    """The helper's frames are hidden from pytest tracebacks."""
    fetch = fakes.async_double(name="fetch")

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(fetch)

    assert_frames_hidden(caught)


def test_assert_completed_in_order_differs_from_await_order():
    """A slow await started first can complete last."""
    slow = fakes.async_double(name="slow")
    fast = fakes.async_double(name="fast")
    go = asyncio.Event()

    async def wait_for_go(*args):
        await go.wait()

    async def release(*args):
        go.set()

    slow.side_effect = wait_for_go
    fast.side_effect = release

    async def flow():
        first = asyncio.create_task(slow(), name="first")
        second = asyncio.create_task(fast(), name="second")
        await asyncio.gather(first, second)

    run(flow)

    fakes.assert_awaited_in_order(slow, fast, strict=True)
    fakes.assert_completed_in_order(fast, slow, strict=True)
    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_completed_in_order(slow, fast)
    assert str(caught.value) == (
        "The awaits did not complete in the expected order.\n"
        "Expected, in this order (other completions may come between):\n"
        "  1. slow (any arguments)\n"
        "  2. fast (any arguments)\n"
        "Matched 1 of 2 (1 at #5); 2. fast was completed at #4 (>>), before 1. "
        "slow (#5), and not after it.\n"
        "Completions of slow and fast, in the order they completed:\n"
        "      #  task    event     call\n"
        "  >>  4  second  returned  fast()\n"
        "  1   5  first   returned  slow()\n"
        "Fix: change the code so that it completes them in the expected order, "
        "or list the items in the order above if that order is right."
    )


def test_assert_awaited_in_order_under_trio():
    """Await order is recorded and checked under trio as well."""
    get = fakes.async_double(name="get")
    save = fakes.async_double(name="save")
    started = trio.Event()

    async def slow(*args):
        started.set()
        await trio.sleep(1)

    get.side_effect = slow

    async def then_save():
        await started.wait()
        await save(2)

    async def main():
        async with trio.open_nursery() as nursery:
            nursery.start_soon(get, 1, name="getter")
            nursery.start_soon(then_save, name="saver")

    trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))

    fakes.assert_awaited_in_order(fakes.awaited(get, 1), save, strict=True)
    fakes.assert_completed_in_order(save, get, strict=True)
    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(save, get)
    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order (other awaits may come between):\n"
        "  1. save (any arguments)\n"
        "  2. get (any arguments)\n"
        "Matched 1 of 2 (1 at #3); 2. get was awaited at #1 (>>), before 1. "
        "save (#3), and not after it.\n"
        "Awaits of save and get, in the order they started:\n"
        "      #  task    event    call\n"
        "  >>  1  getter  started  get(1)\n"
        "  1   3  saver   started  save(2)\n"
        "Fix: change the code so that it awaits them in the expected order, or "
        "list the items in the order above if that order is right."
    )


# Messages of less common failures (each pins down a detail of the matching).

ORDER_FIX = (
    "Fix: change the code so that it awaits them in the expected order, or list "
    "the items in the order above if that order is right."
)
STRICT_FIX = " Pass strict=False to allow other awaits between them."


async def _in_task(*awaits):
    async def main():
        for double, args in awaits:
            await double(*args)

    await asyncio.create_task(main(), name="main")


async def test_assert_awaited_in_order_item_used_up_earlier(fakes_ledger):
    """An item whose only awaits match earlier items has none after the last."""
    fetch = fakes.async_double(name="fetch")
    save = fakes.async_double(name="save")
    await _in_task((save, ()), (fetch, ()))

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(save, fetch, save)

    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order (other awaits may come between):\n"
        "  1. save (any arguments)\n"
        "  2. fetch (any arguments)\n"
        "  3. save (any arguments)\n"
        "Matched 2 of 3 (1 at #1, 2 at #4); 3. save has no await after #4.\n"
        "Awaits of save and fetch, in the order they started:\n"
        "     #  task  event    call\n"
        "  1  1  main  started  save()\n"
        "  2  4  main  started  fetch()\n" + ORDER_FIX
    )


async def test_assert_awaited_in_order_never_after_a_match(fakes_ledger):
    """A double never awaited is reported as never awaited, even after a match."""
    fetch = fakes.async_double(name="fetch")
    save = fakes.async_double(name="save")
    await _in_task((fetch, ()))

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(fetch, save)

    assert "Matched 1 of 2 (1 at #1); 2. save was never awaited.\n" in str(caught.value)


async def test_assert_awaited_in_order_later_await_other_arguments(fakes_ledger):
    """The first later await of the double, with other arguments, is marked."""
    fetch = fakes.async_double(name="fetch")
    await _in_task((fetch, (1,)), (fetch, (3,)))

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(fakes.awaited(fetch, 1), fakes.awaited(fetch, 2))

    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order (other awaits may come between):\n"
        "  1. fetch(1)\n"
        "  2. fetch(2)\n"
        "Matched 1 of 2 (1 at #1); 2. fetch(2) matches no await after #1; the "
        "first await of fetch after #1, #4 (>>), has other arguments.\n"
        "Awaits of fetch, in the order they started:\n"
        "      #  task  event    call\n"
        "  1   1  main  started  fetch(1)\n"
        "  >>  4  main  started  fetch(3)\n" + ORDER_FIX
    )


async def test_assert_awaited_in_order_strict_first_longest_run(fakes_ledger):
    """Strict mode reports the first of equally long partial runs."""
    fetch = fakes.async_double(name="fetch")
    save = fakes.async_double(name="save")
    await _in_task((fetch, (1,)), (fetch, (2,)))

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(fetch, save, strict=True)

    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order, with no other await of these doubles between "
        "them:\n"
        "  1. fetch (any arguments)\n"
        "  2. save (any arguments)\n"
        "Matched 1 of 2 (1 at #1); 2. save was expected next, but the next await "
        "of these doubles was #4 fetch(2) (>>).\n"
        "Awaits of fetch and save, in the order they started:\n"
        "      #  task  event    call\n"
        "  1   1  main  started  fetch(1)\n"
        "  >>  4  main  started  fetch(2)\n" + ORDER_FIX + STRICT_FIX
    )


async def test_assert_completed_in_order_strict_run_after_start(fakes_ledger):
    """A strict partial run that does not start at the first event is marked."""
    fetch = fakes.async_double(name="fetch")
    save = fakes.async_double(name="save")
    await _in_task((save, ()), (fetch, ()), (fetch, ()))

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_completed_in_order(fetch, save, strict=True)

    assert str(caught.value) == (
        "The awaits did not complete in the expected order.\n"
        "Expected, in this order, with no other completion of these doubles "
        "between them:\n"
        "  1. fetch (any arguments)\n"
        "  2. save (any arguments)\n"
        "Matched 1 of 2 (1 at #5); 2. save was expected next, but the next "
        "completion of these doubles was #8 fetch() (>>).\n"
        "Completions of fetch and save, in the order they completed:\n"
        "      #  task  event     call\n"
        "      2  main  returned  save()\n"
        "  1   5  main  returned  fetch()\n"
        "  >>  8  main  returned  fetch()\n"
        "Fix: change the code so that it completes them in the expected order, or "
        "list the items in the order above if that order is right." + STRICT_FIX
    )


def test_assert_completed_in_order_without_items():
    """No items is a TypeError naming the assertion."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.assert_completed_in_order()

    assert str(caught.value) == (
        "assert_completed_in_order() needs at least one item: pass doubles made "
        "by fakes.async_double (any await of them) or fakes.awaited(double, *args, "
        "**kwargs) (an await with those arguments)."
    )


def _rows(numbers, marks=None):
    width = max(len(mark) for mark in marks.values())
    return [
        f"  {marks.get(n, ''):<{width}}  {3 * n + 1:>3}  main  started  fetch({n})"
        for n in numbers
    ]


async def test_assert_awaited_in_order_long_ledger_window_around_mismatch(
    fakes_ledger,
):
    """Of 40 awaits, the 30 rows around the marked one are shown."""
    fetch = fakes.async_double(name="fetch")
    await _in_task(*[(fetch, (n,)) for n in range(40)])

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(
            fakes.awaited(fetch, 30), fakes.awaited(fetch, 20)
        )

    lines = str(caught.value).splitlines()
    table = lines[lines.index("Awaits of fetch, in the order they started:") + 1 : -1]
    assert table == [
        "        #  task  event    call",
        "  ... 5 earlier not shown",
        *_rows(range(5, 35), {20: ">>", 30: "1"}),
        "  ... 5 later not shown",
    ]


async def test_assert_awaited_in_order_long_ledger_window_at_last_match(
    fakes_ledger,
):
    """Without a marked mismatch, the window is centred on the last match."""
    fetch = fakes.async_double(name="fetch")
    save = fakes.async_double(name="save")
    await _in_task(*[(fetch, (n,)) for n in range(40)])

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(fakes.awaited(fetch, 35), save)

    lines = str(caught.value).splitlines()
    table = lines[
        lines.index("Awaits of fetch and save, in the order they started:") + 1 : -1
    ]
    assert table == [
        "       #  task  event    call",
        "  ... 10 earlier not shown",
        *_rows(range(10, 40), {35: "1"}),
    ]


class Broken:
    """A matcher whose comparison always raises."""

    def __eq__(self, other):
        raise ValueError("boom")

    __hash__ = object.__hash__

    def __repr__(self):
        return "Broken()"


def _order_failures():
    fetch = fakes.async_double(name="fetch")
    save = fakes.async_double(name="save")

    async def flow():
        await fetch(1)
        await save()

    run(flow)
    return {
        "wrong order": lambda: fakes.assert_awaited_in_order(save, fetch),
        "completed": lambda: fakes.assert_completed_in_order(save, fetch),
        "strict": lambda: fakes.assert_awaited_in_order(
            fetch, fetch, save, strict=True
        ),
        "matcher": lambda: fakes.assert_awaited_in_order(
            fakes.awaited(fetch, Broken())
        ),
        "strict matcher": lambda: fakes.assert_awaited_in_order(
            fakes.awaited(fetch, Broken()), strict=True
        ),
        "matcher explained": lambda: fakes.assert_awaited_in_order(
            save, fakes.awaited(fetch, Broken())
        ),
        "bad item": lambda: fakes.assert_awaited_in_order(None),
        "awaited bad double": lambda: fakes.awaited(None),
    }


@pytest.mark.parametrize(
    "case",
    [
        "wrong order",
        "completed",
        "strict",
        "matcher",
        "strict matcher",
        "matcher explained",
        "bad item",
        "awaited bad double",
    ],
)
def test_assert_awaited_in_order_failures_hide_their_frames(case):
    """Whichever way an order assertion fails, the library's frames are hidden."""
    fail = _order_failures()[case]

    with pytest.raises(FakesError) as caught:
        fail()

    assert_frames_hidden(caught)


COMPLETED_FIX = (
    "Fix: change the code so that it completes them in the expected order, or "
    "list the items in the order above if that order is right."
)


async def test_assert_awaited_in_order_strict_first_item_unmatched(fakes_ledger):
    """Strict mode with no run at all explains the first item."""
    fetch = fakes.async_double(name="fetch")
    save = fakes.async_double(name="save")
    await _in_task((fetch, (1,)), (save, ()))

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(fakes.awaited(fetch, 2), save, strict=True)

    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order, with no other await of these doubles between "
        "them:\n"
        "  1. fetch(2)\n"
        "  2. save (any arguments)\n"
        "Matched 0 of 2; 1. fetch(2) matches no await; the first await of fetch, "
        "#1 (>>), has other arguments.\n"
        "Awaits of fetch and save, in the order they started:\n"
        "      #  task  event    call\n"
        "  >>  1  main  started  fetch(1)\n"
        "      4  main  started  save()\n" + ORDER_FIX + STRICT_FIX
    )


async def test_assert_awaited_in_order_strict_run_to_the_last_await(fakes_ledger):
    """A strict run that reaches the last await explains the item after it."""
    fetch = fakes.async_double(name="fetch")
    save = fakes.async_double(name="save")
    await _in_task((fetch, (1,)), (save, ()))

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(fetch, save, fetch, strict=True)

    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order, with no other await of these doubles between "
        "them:\n"
        "  1. fetch (any arguments)\n"
        "  2. save (any arguments)\n"
        "  3. fetch (any arguments)\n"
        "Matched 2 of 3 (1 at #1, 2 at #4); 3. fetch has no await after #4.\n"
        "Awaits of fetch and save, in the order they started:\n"
        "     #  task  event    call\n"
        "  1  1  main  started  fetch(1)\n"
        "  2  4  main  started  save()\n" + ORDER_FIX + STRICT_FIX
    )


async def test_assert_completed_in_order_never_completed_message(fakes_ledger):
    """An item that never completed is named as such."""
    fetch = fakes.async_double(name="fetch")
    other = fakes.async_double(name="other")
    await _in_task((fetch, (1,)))

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_completed_in_order(fetch, other)

    assert str(caught.value) == (
        "The awaits did not complete in the expected order.\n"
        "Expected, in this order (other completions may come between):\n"
        "  1. fetch (any arguments)\n"
        "  2. other (any arguments)\n"
        "Matched 1 of 2 (1 at #2); 2. other was never completed.\n"
        "Completions of fetch and other, in the order they completed:\n"
        "     #  task  event     call\n"
        "  1  2  main  returned  fetch(1)\n" + COMPLETED_FIX
    )


async def test_assert_completed_in_order_other_arguments_message(fakes_ledger):
    """A later completion with other arguments is marked."""
    fetch = fakes.async_double(name="fetch")
    save = fakes.async_double(name="save")
    await _in_task((fetch, (1,)), (save, ()))

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_completed_in_order(fetch, fakes.awaited(save, 1))

    assert str(caught.value) == (
        "The awaits did not complete in the expected order.\n"
        "Expected, in this order (other completions may come between):\n"
        "  1. fetch (any arguments)\n"
        "  2. save(1)\n"
        "Matched 1 of 2 (1 at #2); 2. save(1) matches no completion after #2; "
        "the first completion of save after #2, #5 (>>), has other arguments.\n"
        "Completions of fetch and save, in the order they completed:\n"
        "      #  task  event     call\n"
        "  1   2  main  returned  fetch(1)\n"
        "  >>  5  main  returned  save()\n" + COMPLETED_FIX
    )


async def test_assert_completed_in_order_none_after_message(fakes_ledger):
    """An item whose completions all came before the last match has none after."""
    fetch = fakes.async_double(name="fetch")
    save = fakes.async_double(name="save")
    await _in_task((fetch, (1,)), (save, ()))

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_completed_in_order(fetch, save, fetch)

    assert str(caught.value) == (
        "The awaits did not complete in the expected order.\n"
        "Expected, in this order (other completions may come between):\n"
        "  1. fetch (any arguments)\n"
        "  2. save (any arguments)\n"
        "  3. fetch (any arguments)\n"
        "Matched 2 of 3 (1 at #2, 2 at #5); 3. fetch has no completion after #5.\n"
        "Completions of fetch and save, in the order they completed:\n"
        "     #  task  event     call\n"
        "  1  2  main  returned  fetch(1)\n"
        "  2  5  main  returned  save()\n" + COMPLETED_FIX
    )


async def test_assert_awaited_in_order_strict_run_before_other_awaits(fakes_ledger):
    """A strict run passes with other awaits of the same doubles after it."""
    fetch = fakes.async_double(name="fetch")
    save = fakes.async_double(name="save")
    await _in_task((fetch, (1,)), (save, ()), (fetch, (2,)), (save, ()))

    fakes.assert_awaited_in_order(fetch, save, strict=True)
    fakes.assert_awaited_in_order(save, fakes.awaited(fetch, 2), strict=True)
    fakes.assert_completed_in_order(fetch, strict=True)


def test_awaited_named_call_is_an_argument_value():
    """Only a bare mock.call(...) stands for arguments; others are values."""
    fetch = fakes.async_double(name="fetch")

    async def flow():
        await fetch(mock.call.get(1))
        await fetch(mock.call(1), 2)

    run(flow)

    fakes.assert_awaited_in_order(
        fakes.awaited(fetch, mock.call.get(1)), fakes.awaited(fetch, mock.call(1), 2)
    )
    with pytest.raises(AwaitOrderError):
        fakes.assert_awaited_in_order(fakes.awaited(fetch, 1))


def test_awaited_compares_keyword_arguments():
    """An await with the same positional but other keyword arguments does not match."""
    fetch = fakes.async_double(name="fetch")

    run(lambda: fetch(1, key="a"))

    fakes.assert_awaited_in_order(fakes.awaited(fetch, 1, key="a"))
    with pytest.raises(AwaitOrderError):
        fakes.assert_awaited_in_order(fakes.awaited(fetch, 1, key="b"))


def test_awaited_plain_mock_message():
    """awaited() refuses a plain mock, whose awaits are not recorded."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.awaited(mock.AsyncMock())

    assert str(caught.value) == (
        "awaited() item 1 is a plain AsyncMock, whose awaits are not in the "
        "ledger: create it with fakes.async_double(...) instead, which behaves "
        "like AsyncMock and records every await."
    )


def test_awaited_call_with_keyword_arguments():
    """A bare mock.call(...) stands for its keyword arguments too."""
    fetch = fakes.async_double(name="fetch")

    run(lambda: fetch(1, key="a"))

    fakes.assert_awaited_in_order(fakes.awaited(fetch, mock.call(1, key="a")))
    assert repr(fakes.awaited(fetch, mock.call(1, key="a"))) == (
        "awaited(fetch, 1, key='a')"
    )
    with pytest.raises(AwaitOrderError):
        fakes.assert_awaited_in_order(fakes.awaited(fetch, mock.call(1, key="b")))
