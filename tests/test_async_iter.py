"""async_iter() and yields(): items, errors, closing, assertions, trio."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import AsyncIterator
from typing import Any

import pytest
import trio
from tests.soundness import assert_frames_hidden

import fakes
from fakes.errors import (
    FakesAssertionError,
    FakesTypeError,
    FakesValueError,
    ProtocolMismatchError,
    VerificationError,
)


class Feed:
    async def stream(self, topic: str) -> AsyncIterator[int]:
        yield 0

    async def get(self, topic: str) -> int:
        raise NotImplementedError


def kinds(ledger: fakes.Ledger) -> list[str]:
    return [event.kind for event in ledger]


async def collect(iterator: AsyncIterator[int], into: list[int]) -> None:
    async for item in iterator:
        into.append(item)


async def test_async_iter_hands_out_items_and_records_them(fakes_ledger):
    """Every item handed out is a yielded event."""
    pages = fakes.async_iter([1, 2], name="pages")

    items = [item async for item in pages]

    assert items == [1, 2]
    assert kinds(fakes_ledger) == ["called", "yielded", "yielded"]
    assert [event.detail for event in fakes_ledger.events("yielded")] == [1, 2]
    pages.assert_exhausted()
    pages.assert_closed()
    pages.assert_consumed(2)


async def test_async_iter_raises_after_items(fakes_ledger):
    """raises= is raised after the last item, and recorded."""
    pages_error = ConnectionError("lost")
    pages = fakes.async_iter([1], raises=pages_error, name="pages")
    seen: list[int] = []

    with pytest.raises(ConnectionError, match="lost"):
        await collect(pages, seen)

    assert seen == [1]
    assert kinds(fakes_ledger)[-1] == "raised"
    assert fakes_ledger.events("raised")[0].detail is pages_error
    pages.assert_exhausted()


async def test_async_iter_aclose_is_recorded(fakes_ledger):
    """aclose() before the end closes the iterator and records it."""
    pages = fakes.async_iter([1, 2, 3], name="pages")

    async with contextlib.aclosing(pages):
        async for item in pages:
            if item == 1:
                break

    assert kinds(fakes_ledger) == ["called", "yielded", "closed"]
    assert pages.closed
    assert not pages.exhausted
    assert [item async for item in pages] == []


async def test_async_iter_aclose_after_the_end_records_nothing(fakes_ledger):
    """Closing an exhausted iterator is a no-op, as for async generators."""
    pages = fakes.async_iter([1], name="pages")

    async with contextlib.aclosing(pages):
        _ = [item async for item in pages]

    assert kinds(fakes_ledger) == ["called", "yielded"]


async def test_async_iter_athrow_closes_and_propagates(fakes_ledger):
    """athrow() raises the error in the consumer and records closed."""
    pages = fakes.async_iter([1, 2], name="pages")
    await pages.__anext__()

    with pytest.raises(KeyError):
        await pages.athrow(KeyError("x"))

    closed = fakes_ledger.events("closed")
    assert [type(event.detail) for event in closed] == [KeyError]
    pages.assert_closed()


def test_async_iter_raises_not_exception_message():
    """raises= takes only exceptions."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.async_iter([1], raises="end", name="pages")

    assert str(caught.value) == (
        "pages can end with an exception instance or class, got 'end' for "
        "raises=; put values among the items instead."
    )


async def test_async_iter_assert_exhausted_message():
    """assert_exhausted() says how far the consumer got."""
    pages = fakes.async_iter([1, 2, 3], name="pages")
    await pages.__anext__()

    with pytest.raises(FakesAssertionError) as caught:
        pages.assert_exhausted()

    assert str(caught.value) == (
        "pages was expected to be iterated to the end, but 1 of its 3 items "
        "were consumed: the consumer stopped early."
    )


async def test_async_iter_assert_closed_message():
    """assert_closed() fails while the iterator is open."""
    pages = fakes.async_iter([1, 2], name="pages")
    await pages.__anext__()

    with pytest.raises(FakesAssertionError) as caught:
        pages.assert_closed()

    assert str(caught.value) == (
        "pages was expected to be closed, but it is still open after 1 of its "
        "2 items: the consumer should iterate to the end or call aclose() "
        "(contextlib.aclosing)."
    )


def test_async_iter_assert_consumed_message():
    """assert_consumed() compares the number of items handed out."""
    pages = fakes.async_iter([1, 2], name="pages")

    with pytest.raises(FakesAssertionError) as caught:
        pages.assert_consumed(2)

    assert str(caught.value) == (
        "pages was expected to hand out 2 items, but handed out 0."
    )


async def test_async_iter_member_yields_fresh_iterator_per_call(fakes_ledger):
    """Each call of an async-generator member iterates over the items again."""
    feed = fakes.async_double(Feed)
    feed.stream.yields(1, 2)

    first = [item async for item in feed.stream("a")]
    second = [item async for item in feed.stream("b")]

    assert first == second == [1, 2]
    feed.stream.assert_exhausted()
    feed.stream.assert_consumed(4)
    yielded = [(event.name, event.args, event.detail) for event in fakes_ledger]
    assert yielded[:4] == [
        ("Feed.stream", ("a",), None),
        ("Feed.stream", ("a",), None),
        ("Feed.stream", ("a",), 1),
        ("Feed.stream", ("a",), 2),
    ]


async def test_async_iter_member_raises_after_items():
    """yields(..., raises=) ends each iteration with the error."""
    feed = fakes.async_double(Feed)
    feed.stream.yields(1, raises=ConnectionError)
    seen: list[int] = []

    with pytest.raises(ConnectionError):
        await collect(feed.stream("a"), seen)

    assert seen == [1]


async def test_async_iter_member_early_exit_is_recorded(fakes_ledger):
    """A consumer that leaves async for early and drops the iterator: closed."""
    feed = fakes.async_double(Feed)
    feed.stream.yields(1, 2, 3)

    async for item in feed.stream("a"):
        if item == 1:
            break

    assert kinds(fakes_ledger)[-1] == "closed"
    feed.stream.assert_closed()
    with pytest.raises(FakesAssertionError) as caught:
        feed.stream.assert_exhausted()
    assert str(caught.value) == (
        "Feed.stream('a') was expected to be iterated to the end, but 1 of its "
        "3 items were consumed: the consumer stopped early."
    )


async def test_async_iter_member_default_yields_nothing():
    """An async-generator member yields nothing until configured."""
    feed = fakes.async_double(Feed)

    items = [item async for item in feed.stream("a")]

    assert items == []
    feed.stream.assert_called_once_with("a")


def test_async_iter_member_never_called_message():
    """Iterator assertions on a member that was never called say so."""
    feed = fakes.async_double(Feed)

    with pytest.raises(FakesAssertionError) as caught:
        feed.stream.assert_exhausted()

    assert str(caught.value) == (
        "Feed.stream was never called, so it handed out no iterator: check "
        "that the code under test iterates over it."
    )


def test_async_iter_yields_on_async_member_message():
    """yields() on a member that is not an async generator is refused."""
    feed = fakes.async_double(Feed)

    with pytest.raises(ProtocolMismatchError) as caught:
        feed.get.yields(1)

    assert isinstance(caught.value, TypeError)
    assert str(caught.value) == (
        "Feed.get.yields() configures an async generator, but Feed.get is an "
        "async member.\nFix: use returns() or script() for it, or give the double a "
        "spec whose member is an async generator."
    )


def test_async_iter_yields_on_spec_less_double_message():
    """yields() on a double without a spec is refused."""
    double = fakes.async_double(name="client")

    with pytest.raises(ProtocolMismatchError) as caught:
        double.yields(1)

    assert str(caught.value) == (
        "client.yields() configures an async generator, but client is a double "
        "without a spec.\nFix: use returns() or script() for it, or give the double "
        "a spec whose member is an async generator."
    )


async def test_async_iter_member_return_value_replaces_yields():
    """Setting return_value later wins over yields()."""
    feed = fakes.async_double(Feed)
    feed.stream.yields(1)

    feed.stream.return_value = fakes.async_iter([7])

    assert [item async for item in feed.stream("a")] == [7]


async def test_async_iter_of_async_generator_function():
    """A double of an async generator function yields its items."""

    async def ticks(count: int) -> AsyncIterator[int]:
        yield count

    double = fakes.async_double(ticks).yields(1, 2)

    assert [item async for item in double(2)] == [1, 2]


def test_async_iter_under_trio(fakes_ledger):
    """Iterator doubles work under trio."""
    feed = fakes.async_double(Feed)
    feed.stream.yields(1, 2, raises=KeyError)
    pages = fakes.async_iter(["a"], name="pages")

    async def main() -> list[object]:
        seen: list[object] = [item async for item in pages]
        try:
            async for item in feed.stream("t"):
                seen.append(item)
        except KeyError:
            seen.append("error")
        return seen

    seen = trio.run(main)

    assert seen == ["a", 1, 2, "error"]
    assert "yielded" in kinds(fakes_ledger)
    pages.assert_exhausted()
    feed.stream.assert_exhausted()


def drive(coroutine: Any) -> Any:
    """Run a coroutine that never suspends, outside any loop."""
    try:
        coroutine.send(None)
    except StopIteration as stop:
        return stop.value
    raise AssertionError("the coroutine suspended")


def test_async_iter_timeline_shows_items_and_closing():
    """The timeline shows each item handed out and the closing."""
    feed = fakes.async_double(Feed)
    feed.stream.yields(1, 2)

    with fakes.Ledger() as ledger:
        stream = feed.stream("news")
        drive(stream.__anext__())
        drive(stream.aclose())

    assert fakes.timeline(ledger) == (
        "#  time  task  event     call\n"
        "0  -     -     called    Feed.stream('news')\n"
        "1  -     -     returned  Feed.stream('news')\n"
        "2  -     -     yielded   Feed.stream('news') -> 1\n"
        "3  -     -     closed    Feed.stream('news')"
    )


async def test_async_iter_member_script_then_return_value():
    """script() on a member wins over yields(); return_value then wins over both."""
    feed = fakes.async_double(Feed)
    feed.stream.yields(1)
    feed.stream.script(fakes.async_iter([5]), fakes.repeat_last())

    scripted = [item async for item in feed.stream("a")]
    feed.stream.return_value = fakes.async_iter([6])
    plain = [item async for item in feed.stream("a")]

    assert (scripted, plain) == ([5], [6])


async def test_async_iter_member_rules_fall_back_to_yields():
    """A call no rule matches gets the member's iterator over its items."""
    feed = fakes.async_double(Feed)
    feed.stream.yields(1, 2)
    feed.stream.when("empty").returns(fakes.async_iter([]))

    empty = [item async for item in feed.stream("empty")]
    other = [item async for item in feed.stream("news")]

    assert (empty, other) == ([], [1, 2])


async def test_async_iter_asend_hands_out_the_next_item(fakes_ledger):
    """asend() hands out the next item, ignoring the value sent."""
    pages = fakes.async_iter([1, 2], name="pages")

    first = await pages.asend(None)
    second = await pages.asend("ignored")

    assert (first, second) == (1, 2)
    assert [event.detail for event in fakes_ledger.events("yielded")] == [1, 2]
    pages.assert_consumed(2)


async def test_async_iter_athrow_class_with_value_builds_the_error():
    """athrow(cls, value, traceback) raises cls(value), as for async generators."""
    pages = fakes.async_iter([1, 2], name="pages")

    with pytest.raises(KeyError) as caught:
        await pages.athrow(KeyError, "x", None)

    assert caught.value.args == ("x",)
    assert pages.closed


async def test_async_iter_athrow_class_alone(fakes_ledger):
    """athrow(cls) raises an instance of cls and records it as the closing."""
    pages = fakes.async_iter([1, 2], name="pages")

    with pytest.raises(KeyError) as caught:
        await pages.athrow(KeyError)

    assert caught.value.args == ()
    (closed,) = fakes_ledger.events("closed")
    assert closed.detail is caught.value


async def test_async_iter_athrow_after_the_end_does_nothing(fakes_ledger):
    """athrow() on a finished iterator returns None and records nothing."""
    pages = fakes.async_iter([1], name="pages")
    _ = [item async for item in pages]

    result = await pages.athrow(KeyError("x"))

    assert result is None
    assert kinds(fakes_ledger) == ["called", "yielded"]
    assert pages.exhausted
    assert not pages.closed


async def test_async_iter_repr_shows_progress_and_state():
    """The repr names the iterator, its progress, and whether it is finished."""
    pages = fakes.async_iter([1, 2], name="pages")
    closing = fakes.async_iter([1, 2], name="closing")

    fresh = repr(pages)
    _ = [item async for item in pages]
    await closing.__anext__()
    await closing.aclose()

    assert fresh == "<async_iter pages: 0 of 2 items consumed, open>"
    assert repr(pages) == "<async_iter pages: 2 of 2 items consumed, exhausted>"
    assert repr(closing) == "<async_iter closing: 1 of 2 items consumed, closed>"


def test_async_iter_member_records_in_the_ledger_of_its_call():
    """A member's iterator records in the ledger that was current at the call."""
    feed = fakes.async_double(Feed)
    feed.stream.yields(1, 2)
    with fakes.Ledger() as ledger:
        stream = feed.stream("news")

    with fakes.Ledger() as later:
        drive(stream.__anext__())

    assert kinds(ledger) == ["called", "returned", "yielded"]
    assert kinds(later) == []


def test_async_iter_records_in_the_ledger_of_its_first_use():
    """A standalone iterator keeps recording in the ledger of its first item."""
    pages = fakes.async_iter([1, 2], name="pages")
    with fakes.Ledger() as ledger:
        drive(pages.__anext__())

    with fakes.Ledger() as later:
        drive(pages.__anext__())

    assert [(event.kind, event.call, event.args, event.detail) for event in ledger] == [
        ("called", 0, (), None),
        ("yielded", 0, (), 1),
        ("yielded", 0, (), 2),
    ]
    assert kinds(later) == []


def test_async_iter_default_name_and_items():
    """Without arguments, the iterator is called async_iter and has no items."""
    pages = fakes.async_iter()

    assert repr(pages) == "<async_iter async_iter: 0 of 0 items consumed, open>"


async def test_async_iter_member_assert_consumed_counts_every_iterator():
    """A member's assert_consumed() adds up the items of all its iterators."""
    feed = fakes.async_double(Feed)
    feed.stream.yields(1, 2)
    _ = [item async for item in feed.stream("a")]
    await feed.stream("b").__anext__()

    with pytest.raises(FakesAssertionError) as caught:
        feed.stream.assert_consumed(4)

    assert str(caught.value) == (
        "Feed.stream was expected to hand out 4 items, but handed out 3."
    )


def test_async_iter_member_yields_raises_not_exception_message():
    """yields(raises=) takes only exceptions, naming the member."""
    feed = fakes.async_double(Feed)

    with pytest.raises(FakesTypeError) as caught:
        feed.stream.yields(1, raises="end")

    assert str(caught.value) == (
        "Feed.stream can end with an exception instance or class, got 'end' for "
        "raises=; put values among the items instead."
    )


def test_async_iter_member_iterator_dropped_unused_is_not_closed(fakes_ledger):
    """A member's iterator dropped before its first item records no closing."""
    feed = fakes.async_double(Feed)
    feed.stream.yields(1, 2)

    feed.stream("a")

    assert kinds(fakes_ledger) == ["called", "returned"]
    with pytest.raises(FakesAssertionError):
        feed.stream.assert_closed()


async def test_async_iter_member_iterator_dropped_at_the_end_is_not_closed(
    fakes_ledger,
):
    """A member's iterator dropped after its last item stays exhausted, not closed."""
    feed = fakes.async_double(Feed)
    feed.stream.yields(1)

    items = [item async for item in feed.stream("a")]

    assert items == [1]
    assert kinds(fakes_ledger) == ["called", "returned", "yielded"]
    feed.stream.assert_exhausted()


def test_async_iter_yields_on_double_of_an_object_message():
    """yields() on a double of an object is refused, naming what it is."""
    feed = fakes.async_double(Feed)

    with pytest.raises(ProtocolMismatchError) as caught:
        feed.yields(1)

    assert str(caught.value) == (
        "Feed.yields() configures an async generator, but Feed is a double of "
        "an object.\nFix: use returns() or script() for it, or give the double a "
        "spec whose member is an async generator."
    )


@pytest.mark.parametrize(
    "check",
    [
        lambda feed: feed.assert_exhausted(),
        lambda feed: feed.assert_closed(),
        lambda feed: feed.assert_consumed(0),
    ],
    ids=["assert_exhausted", "assert_closed", "assert_consumed"],
)
def test_async_iter_assertions_on_a_double_of_an_object_message(check):
    """Iterator assertions on a double of an object are refused."""
    feed = fakes.async_double(Feed)

    with pytest.raises(ProtocolMismatchError) as caught:
        check(feed)

    assert str(caught.value) == (
        "Feed.yields() configures an async generator, but Feed is a double of "
        "an object.\nFix: use returns() or script() for it, or give the double a "
        "spec whose member is an async generator."
    )


def _member_called() -> Any:
    feed = fakes.async_double(Feed)
    feed.stream.yields(1, 2)
    feed.stream("a")
    return feed.stream


@pytest.mark.parametrize(
    "check",
    [
        lambda pages: pages.assert_exhausted(),
        lambda pages: pages.assert_closed(),
        lambda pages: pages.assert_consumed(2),
    ],
    ids=["assert_exhausted", "assert_closed", "assert_consumed"],
)
@pytest.mark.parametrize(
    "make",
    [
        lambda: fakes.async_iter([1, 2], name="pages"),
        _member_called,
        lambda: fakes.async_double(Feed).stream,
        lambda: fakes.async_double(Feed).get,
    ],
    ids=["async_iter", "member", "member_never_called", "async_member"],
)
def test_async_iter_assertions_hide_their_frames(make, check):
    """A failed iterator assertion reports the test's line, not the library's."""
    pages = make()

    with pytest.raises((FakesAssertionError, ProtocolMismatchError)) as caught:
        check(pages)

    assert_frames_hidden(caught)


class Stream:
    """An async iterator of its own: __aiter__ returns self."""

    def __aiter__(self) -> Stream:
        return self

    async def __anext__(self) -> int:
        raise StopAsyncIteration


async def test_async_iter_double_that_iterates_itself_ends_at_once(fakes_ledger):
    """Unconfigured, async for over a self-iterating double ends at once."""
    stream = fakes.async_double(Stream)

    items = [item async for item in stream]

    assert items == []
    assert stream.__aiter__() is stream
    assert [event.name for event in fakes_ledger.events("raised")] == [
        "Stream.__anext__"
    ]


async def test_async_iter_yields_on_double_that_iterates_itself(fakes_ledger):
    """double.yields() configures what async for over the double hands out."""
    stream = fakes.async_double(Stream, name="stream").yields(1, 2)

    items = [item async for item in stream]
    again = [item async for item in stream]

    assert items == [1, 2]
    assert again == []
    yielded = fakes_ledger.events("yielded")
    assert [(event.name, event.detail) for event in yielded] == [
        ("stream", 1),
        ("stream", 2),
    ]
    stream.assert_exhausted()
    stream.assert_consumed(2)


async def test_async_iter_yields_raises_on_double_that_iterates_itself(fakes_ledger):
    """raises= ends the double's own iteration with that error, recorded."""
    lost = ConnectionError("lost")
    stream = fakes.async_double(Stream, name="stream").yields(1, raises=lost)
    seen: list[int] = []

    with pytest.raises(ConnectionError, match="lost"):
        await collect(stream, seen)

    assert seen == [1]
    assert any(event.detail is lost for event in fakes_ledger.events("raised"))


async def test_async_iter_double_that_iterates_itself_stopped_early_message():
    """assert_exhausted() of a self-iterating double stopped early names it."""
    stream = fakes.async_double(Stream, name="stream").yields(1, 2, 3)

    async for _ in stream:
        break

    with pytest.raises(FakesAssertionError) as caught:
        stream.assert_exhausted()
    assert str(caught.value) == (
        "stream was expected to be iterated to the end, but 1 of its 3 items "
        "were consumed: the consumer stopped early."
    )


async def test_async_iter_anext_side_effect_on_double_that_iterates_itself():
    """The stdlib configuration of __anext__ still works, as on AsyncMock."""
    stream = fakes.async_double(Stream, name="stream")
    stream.__anext__.side_effect = [1, StopAsyncIteration()]

    items = [item async for item in stream]

    assert items == [1]


async def test_async_iter_anext_script_on_double_that_iterates_itself():
    """A script on __anext__ runs before the configured items."""
    stream = fakes.async_double(Stream, name="stream").yields(9)
    stream.__anext__.script(1, StopAsyncIteration())

    items = [item async for item in stream]

    assert items == [1]


async def test_async_iter_aiter_return_value_on_double_that_iterates_itself():
    """``__aiter__.return_value`` replaces the double as what async for iterates."""
    stream = fakes.async_double(Stream, name="stream").yields(9)
    stream.__aiter__.return_value = fakes.async_iter([1, 2], name="other")

    items = [item async for item in stream]

    assert items == [1, 2]


class AwaitedStream:
    """A self-iterating class that declares ``__aiter__`` with ``async def``."""

    async def __aiter__(self) -> AwaitedStream:
        return self

    async def __anext__(self) -> int:
        raise StopAsyncIteration


async def test_async_iter_async_def_aiter_of_self_iterating_class_gives_double():
    """Awaiting an ``async def __aiter__`` of such a class gives the double itself."""
    stream = fakes.async_double(AwaitedStream, name="stream")

    iterated = await stream.__aiter__()

    assert iterated is stream


class Feeds:
    """An async iterable whose __aiter__ is an async generator."""

    async def __aiter__(self) -> AsyncIterator[int]:
        yield 0


async def test_async_iter_yields_on_double_of_async_iterable():
    """double.yields() on a class whose __aiter__ is an async generator."""
    feeds = fakes.async_double(Feeds, name="feeds").yields(4, 5)

    items = [item async for item in feeds]

    assert items == [4, 5]
    feeds.assert_exhausted()


def test_async_iter_yields_raises_not_exception_on_self_iterating_double_message():
    """raises= of a self-iterating double must be an exception."""
    stream = fakes.async_double(Stream, name="stream")

    with pytest.raises(FakesTypeError) as caught:
        stream.yields(1, raises="oops")

    assert str(caught.value) == (
        "stream can end with an exception instance or class, got 'oops' for "
        "raises=; put values among the items instead."
    )


async def test_async_iter_standalone_dropped_after_early_exit_records_closed():
    """A standalone iterator left early and dropped records closed, as members do."""
    with fakes.Ledger() as ledger:
        pages = fakes.async_iter([1, 2, 3], name="pages")
        async for _page in pages:
            break
        kept = [event.double is pages for event in ledger]

        del pages
        gc.collect()

    assert kept == [True, True]
    assert [(event.kind, event.name, event.double) for event in ledger] == [
        ("called", "pages", None),
        ("yielded", "pages", None),
        ("closed", "pages", None),
    ]


def test_async_iter_refuses_items_that_cannot_be_iterated():
    """async_iter(1) is a FakesTypeError with the fix, not Python's own TypeError."""

    with pytest.raises(FakesTypeError) as caught:
        fakes.async_iter(1, name="pages")  # type: ignore[arg-type]

    assert str(caught.value) == (
        "fakes.async_iter() takes an iterable of the items pages hands out; "
        "got 1 (int).\n"
        "Fix: pass a list or tuple of items, such as fakes.async_iter([1, 2])."
    )


class Cursors:
    """A driver whose sync method says nothing of what it returns."""

    def cursor(self, query, *args):
        raise NotImplementedError

    def count(self) -> int:
        return 0


async def test_async_iter_yields_on_unannotated_sync_member():
    """yields() makes a sync member without a return annotation iterate."""
    conn = fakes.async_double(Cursors, name="conn")
    conn.cursor.yields({"id": 1}, {"id": 2})

    rows = [row async for row in conn.cursor("SELECT id FROM users")]

    assert rows == [{"id": 1}, {"id": 2}]
    conn.cursor.assert_called_once_with("SELECT id FROM users")
    conn.cursor.assert_exhausted()


def test_async_iter_yields_on_annotated_sync_member_message():
    """A sync member whose annotation names what it returns is refused."""
    conn = fakes.async_double(Cursors, name="conn")

    with pytest.raises(ProtocolMismatchError) as caught:
        conn.count.yields(1)

    assert str(caught.value) == (
        "conn.count.yields() configures an async generator, but conn.count is "
        "a sync member.\nFix: use returns() or script() for it, or give the double a "
        "spec whose member is an async generator."
    )


async def test_async_iter_verify_reports_yields_of_a_double_never_iterated():
    """Strict verification reports yields() on a self-iterating double never used."""
    with fakes.Ledger() as ledger:
        used = fakes.async_double(Stream, name="used").yields()
        unused = fakes.async_double(Stream, name="unused").yields(1)
        _ = [item async for item in used]

        with pytest.raises(VerificationError) as caught:
            fakes.verify(ledger)

    assert str(caught.value) == "fakes.verify() found 1 problem:\n  1. " + (
        "unused.yields(...) was set, but unused was never iterated over after it: "
        "remove it, or check that the code iterates over unused."
    )
    assert unused is not None


def test_async_iter_name_not_a_string():
    """name= that is not a string is a FakesTypeError that names the default."""

    with pytest.raises(FakesTypeError) as caught:
        fakes.async_iter([1], name=3)  # type: ignore[arg-type]

    assert str(caught.value) == (
        "fakes.async_iter(name=...) takes a str, the name shown in the ledger "
        "and in messages; got 3 (int).\n"
        'Fix: pass a string such as name="repo", or leave name out (it is '
        "'async_iter')."
    )


class _Settings:
    retries = 3


class _Service:
    settings: _Settings


def test_yields_on_a_double_of_an_object_names_its_kind():
    """yields() on an attribute double of an object says it is one."""
    service = fakes.async_double(_Service, name="service")

    with pytest.raises(ProtocolMismatchError) as caught:
        service.settings.yields(1)

    assert str(caught.value) == (
        "service.settings.yields() configures an async generator, but "
        "service.settings is a double of an object.\nFix: use returns() or script() "
        "for it, or give the double a spec whose member is an async generator."
    )


class Catalog:
    # Unannotated, as such generators often are: nothing but the yield says
    # what it returns.
    def items(self):
        yield "tea"


def test_yields_on_sync_generator_member_is_refused():
    """A member that is a sync generator function is iterated with for: no yields()."""
    catalog = fakes.async_double(Catalog)
    catalog.items.returns(iter(["milk"]))

    with pytest.raises(ProtocolMismatchError) as caught:
        catalog.items.yields("tea", "coffee")
    with pytest.raises(ProtocolMismatchError) as through_on:
        fakes.on(catalog.items).yields("tea")  # type: ignore[attr-defined]

    assert str(caught.value) == (
        "Catalog.items.yields() configures an async generator, but "
        "Catalog.items is a generator function (a def with yield): the code "
        "under test iterates over Catalog.items() with for, not async for.\n"
        "Fix: use Catalog.items.returns(iter([...])) (return_value = "
        "iter([...])) for one call, or Catalog.items.answers(lambda *args, "
        "**kwargs: iter([...])) for a fresh iterator at each call."
    )
    assert str(through_on.value) == str(caught.value)
    assert list(catalog.items()) == ["milk"]
    catalog.items.assert_called_once_with()


def test_yields_on_sync_generator_member_the_fix_works():
    """What the refusal suggests gives a fresh sync iterator per call."""
    catalog = fakes.async_double(Catalog)

    catalog.items.answers(lambda *args, **kwargs: iter(["tea", "coffee"]))

    assert [list(catalog.items()), list(catalog.items())] == [["tea", "coffee"]] * 2


def test_assert_consumed_count_that_is_not_a_count_is_refused():
    """A negative or non-int count is misuse, not a failed assertion."""
    feed = fakes.async_double(Feed)
    feed.stream.yields(1)
    standalone = fakes.async_iter([1])

    with pytest.raises(FakesValueError) as negative:
        feed.stream.assert_consumed(-1)
    with pytest.raises(FakesTypeError) as not_int:
        standalone.assert_consumed("1")  # type: ignore[arg-type]

    assert str(negative.value) == (
        "Feed.stream.assert_consumed() takes how many items were handed out, "
        "a whole number of 0 or more; got -1 (int).\nFix: pass an int, such "
        "as Feed.stream.assert_consumed(2)."
    )
    assert str(not_int.value) == (
        "async_iter.assert_consumed() takes how many items were handed out, "
        "a whole number of 0 or more; got '1' (str).\nFix: pass an int, such "
        "as async_iter.assert_consumed(2)."
    )
    assert not isinstance(negative.value, AssertionError)
