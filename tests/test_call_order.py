"""assert_called_in_order and called(): the order of calls and awaits together."""

from __future__ import annotations

import asyncio

import pytest

import fakes
from fakes.errors import AwaitOrderError, FakesTypeError


class Context:
    def set_trailing_metadata(self, metadata: tuple[str, ...]) -> None:
        raise NotImplementedError

    async def abort(self, code: int, details: str) -> None:
        raise NotImplementedError

    async def write(self, message: str) -> None:
        raise NotImplementedError


def run(flow):
    """Run ``flow()`` in a task named ``main``, so that messages are stable."""

    async def main():
        await asyncio.create_task(flow(), name="main")

    asyncio.run(main())


def handled(ctx, *, metadata_first=True):
    """A handler that sets trailing metadata and aborts, in either order."""

    async def flow():
        if metadata_first:
            ctx.set_trailing_metadata(("retry", "no"))
        await ctx.abort(3, "bad request")
        if not metadata_first:
            ctx.set_trailing_metadata(("retry", "no"))

    run(flow)


def test_assert_called_in_order_sync_then_async_passes():
    """A sync member's call and an async member's call are ordered together."""
    ctx = fakes.async_double(Context)

    handled(ctx)

    fakes.assert_called_in_order(ctx.set_trailing_metadata, ctx.abort)
    fakes.assert_called_in_order(
        fakes.called(ctx.set_trailing_metadata, ("retry", "no")),
        fakes.awaited(ctx.abort, 3, "bad request"),
        strict=True,
    )


def test_assert_called_in_order_wrong_order_message():
    """Calls in the other order fail, the early call marked in the timeline."""
    ctx = fakes.async_double(Context)
    handled(ctx, metadata_first=False)

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_called_in_order(ctx.set_trailing_metadata, ctx.abort)

    assert str(caught.value) == (
        "The calls were not in the expected order.\n"
        "Expected, in this order (other calls may come between):\n"
        "  1. Context.set_trailing_metadata (any arguments)\n"
        "  2. Context.abort (any arguments)\n"
        "Matched 1 of 2 (1 at #3); 2. Context.abort was called at #0 (>>), "
        "before 1. Context.set_trailing_metadata (#3), and not after it.\n"
        "Calls of Context.set_trailing_metadata and Context.abort, in the "
        "order they were made:\n"
        "      #  task  event   call\n"
        "  >>  0  main  called  Context.abort(3, 'bad request')\n"
        "  1   3  main  called  Context.set_trailing_metadata(('retry', 'no'))\n"
        "Fix: change the code so that it calls them in the expected order, or "
        "list the items in the order above if that order is right."
    )


def test_assert_called_in_order_awaited_item_message():
    """An awaited() item stands for the await: calls and awaits are shown."""
    ctx = fakes.async_double(Context)

    async def flow():
        pending = ctx.write("hello")
        ctx.set_trailing_metadata(("retry", "no"))
        await pending

    run(flow)

    fakes.assert_called_in_order(ctx.write, ctx.set_trailing_metadata)
    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_called_in_order(
            fakes.awaited(ctx.write, "hello"), ctx.set_trailing_metadata
        )

    assert str(caught.value) == (
        "The calls were not in the expected order.\n"
        "Expected, in this order (other calls may come between):\n"
        "  1. Context.write('hello') (an await)\n"
        "  2. Context.set_trailing_metadata (any arguments)\n"
        "Matched 1 of 2 (1 at #3); 2. Context.set_trailing_metadata was called "
        "at #1 (>>), before 1. Context.write('hello') (#3), and not after it.\n"
        "Calls and awaits of Context.write and Context.set_trailing_metadata, "
        "in the order they happened:\n"
        "      #  task  event    call\n"
        "  >>  1  main  called   Context.set_trailing_metadata(('retry', 'no'))\n"
        "  1   3  main  started  Context.write('hello')\n"
        "Fix: change the code so that it calls them in the expected order, or "
        "list the items in the order above if that order is right."
    )


def test_assert_called_in_order_strict_message():
    """strict=True marks the call that came where the next item was due."""
    ctx = fakes.async_double(Context)

    async def flow():
        ctx.set_trailing_metadata(("a",))
        await ctx.write("x")
        await ctx.abort(3, "bad")

    run(flow)

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_called_in_order(
            ctx.set_trailing_metadata, ctx.abort, ctx.write, strict=True
        )

    assert str(caught.value) == (
        "The calls were not in the expected order.\n"
        "Expected, in this order, with no other call of these doubles between "
        "them:\n"
        "  1. Context.set_trailing_metadata (any arguments)\n"
        "  2. Context.abort (any arguments)\n"
        "  3. Context.write (any arguments)\n"
        "Matched 1 of 3 (1 at #0); 2. Context.abort was expected next, but the "
        "next call of these doubles was #2 Context.write('x') (>>).\n"
        "Calls of Context.set_trailing_metadata, Context.abort and "
        "Context.write, in the order they were made:\n"
        "      #  task  event   call\n"
        "  1   0  main  called  Context.set_trailing_metadata(('a',))\n"
        "  >>  2  main  called  Context.write('x')\n"
        "      5  main  called  Context.abort(3, 'bad')\n"
        "Fix: change the code so that it calls them in the expected order, or "
        "list the items in the order above if that order is right. Pass "
        "strict=False to allow other calls between them."
    )


def test_assert_called_in_order_never_called_message():
    """A member that was never called is named, with the timeline of the rest."""
    ctx = fakes.async_double(Context)

    async def flow():
        await ctx.abort(3, "bad")

    run(flow)

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_called_in_order(ctx.set_trailing_metadata, ctx.abort)

    assert str(caught.value) == (
        "The calls were not in the expected order.\n"
        "Expected, in this order (other calls may come between):\n"
        "  1. Context.set_trailing_metadata (any arguments)\n"
        "  2. Context.abort (any arguments)\n"
        "Matched 0 of 2; 1. Context.set_trailing_metadata was never called.\n"
        "Calls of Context.set_trailing_metadata and Context.abort, in the "
        "order they were made:\n"
        "  #  task  event   call\n"
        "  0  main  called  Context.abort(3, 'bad')\n"
        "Fix: change the code so that it calls them in the expected order, or "
        "list the items in the order above if that order is right."
    )


def test_assert_called_in_order_counts_a_call_never_awaited():
    """A call counts when it is made, even if its coroutine never runs."""
    ctx = fakes.async_double(Context)

    async def flow():
        pending = ctx.write("lost")
        ctx.set_trailing_metadata(("a",))
        pending.close()

    run(flow)

    fakes.assert_called_in_order(
        fakes.called(ctx.write, "lost"), ctx.set_trailing_metadata
    )
    with pytest.raises(AwaitOrderError):
        fakes.assert_called_in_order(fakes.awaited(ctx.write, "lost"))


def test_assert_awaited_in_order_sync_member_points_to_call_order():
    """assert_awaited_in_order of a sync member says it was called, not awaited."""
    ctx = fakes.async_double(Context)
    handled(ctx)

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(ctx.set_trailing_metadata, ctx.abort)

    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order (other awaits may come between):\n"
        "  1. Context.set_trailing_metadata (any arguments)\n"
        "  2. Context.abort (any arguments)\n"
        "Matched 0 of 2; 1. Context.set_trailing_metadata was never awaited, "
        "but was called at #0: a sync member is called, not awaited; check "
        "calls and awaits together with fakes.assert_called_in_order(...).\n"
        "Awaits of Context.set_trailing_metadata and Context.abort, in the "
        "order they started:\n"
        "  #  task  event    call\n"
        "  3  main  started  Context.abort(3, 'bad request')\n"
        "Fix: change the code so that it awaits them in the expected order, or "
        "list the items in the order above if that order is right."
    )


def test_called_item_in_an_await_assertion_is_refused():
    """A called() item is for call order only: the await assertions refuse it."""
    ctx = fakes.async_double(Context)

    with pytest.raises(FakesTypeError) as caught:
        fakes.assert_awaited_in_order(ctx.abort, fakes.called(ctx.write, "x"))

    assert str(caught.value) == (
        "assert_awaited_in_order() item 2 is a fakes.called(...) item, which "
        "stands for a call: pass it to fakes.assert_called_in_order(...), or "
        "use fakes.awaited(double, *args, **kwargs) for an await."
    )


def test_called_of_a_non_double_is_refused():
    """called() of something that is not a double says what to pass."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.called(print, 1)

    assert str(caught.value) == (
        "called() item 1 is <built-in function print> (builtin_function_or_method), "
        "which is not a double: pass a double made by fakes.async_double (any "
        "call of it), fakes.called(double, *args, **kwargs) (a call with those "
        "arguments) or fakes.awaited(double, *args, **kwargs) (an await with "
        "those arguments)."
    )


def test_called_repr_and_matching_through_the_signature():
    """called() reads as written and matches a call however it passed arguments."""
    ctx = fakes.async_double(Context)
    ctx.set_trailing_metadata(metadata=("a",))

    item = fakes.called(ctx.set_trailing_metadata, ("a",))

    assert repr(item) == "called(Context.set_trailing_metadata, ('a',))"
    fakes.assert_called_in_order(item)


def test_assert_called_in_order_needs_items():
    """No items at all is a misuse."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.assert_called_in_order()

    assert str(caught.value) == (
        "assert_called_in_order() needs at least one item: pass doubles made by "
        "fakes.async_double (any call of them), fakes.called(double, *args, "
        "**kwargs) (a call with those arguments) or fakes.awaited(double, "
        "*args, **kwargs) (an await with those arguments)."
    )


def test_assert_called_in_order_refuses_a_value_that_is_not_a_double():
    """An item that is not a double is refused, naming the items it could be."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.assert_called_in_order(42)

    assert str(caught.value) == (
        "assert_called_in_order() item 1 is 42 (int), which is not a double: "
        "pass a double made by fakes.async_double (any call of it), "
        "fakes.called(double, *args, **kwargs) (a call with those arguments) or "
        "fakes.awaited(double, *args, **kwargs) (an await with those arguments)."
    )
