"""Assertions about order, read from the current ledger.

Await order is the order of ``started`` events; completion order the order of
``returned``, ``raised`` and ``cancelled`` events; call order the order of
``called`` events (sync and async doubles alike), with ``awaited(...)``
items standing for ``started`` events among them. Each assertion reads the
ledger once (``Ledger.scan``), so its cost is linear in the ledger's size.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from fakes import _render
from fakes._items import Item, items_of, matches, rows
from fakes._ledger import (
    CALLED,
    CANCELLED,
    RAISED,
    RETURNED,
    STARTED,
    Ledger,
    current_ledger,
)
from fakes.errors import AwaitOrderError

__all__ = [
    "assert_awaited_in_order",
    "assert_called_in_order",
    "assert_completed_in_order",
]

_ENDS = frozenset({RETURNED, RAISED, CANCELLED})
_Events = list[tuple[int, int, int, Any]]


def assert_awaited_in_order(*items: Any, strict: bool = False) -> None:
    """Assert that the items were awaited in this order.

    Await order is the order in which the awaits *started*, not the order of
    the calls: ``x()`` and ``y()`` created in that order but awaited ``y``
    first were awaited ``y`` then ``x``.

    Args:
        *items: Doubles (any await of them) or :func:`fakes.awaited` items
            (an await with matching arguments). A double may appear several
            times.
        strict: By default other awaits may come between the items; with
            ``strict=True`` the items must be consecutive among the awaits of
            the doubles they name.

    Raises:
        AwaitOrderError: No such order is in the ledger; the message shows
            the awaits of these doubles with the first mismatch marked.
        FakesTypeError: No items, or an item that is not a double.

    Example:
        >>> import asyncio, fakes
        >>> get = fakes.async_double(name="get")
        >>> save = fakes.async_double(name="save")
        >>> async def main():
        ...     await get(1)
        ...     await save("x")
        >>> asyncio.run(main())
        >>> fakes.assert_awaited_in_order(get, fakes.awaited(save, "x"))
    """
    __tracebackhide__ = True
    _in_order("assert_awaited_in_order", items, strict, _render.AWAITS)


def assert_completed_in_order(*items: Any, strict: bool = False) -> None:
    """Assert that awaits of the items completed in this order.

    An await completes when it returns, raises or is cancelled.

    Args:
        *items: Doubles or :func:`fakes.awaited` items, as for
            :func:`assert_awaited_in_order`.
        strict: Forbid other completions of the named doubles between them.

    Raises:
        AwaitOrderError: The completions are not in this order.
        FakesTypeError: No items, or an item that is not a double.

    Example:
        >>> import asyncio, fakes
        >>> slow = fakes.async_double(name="slow")
        >>> fast = fakes.async_double(name="fast")
        >>> async def pause(*args):
        ...     await asyncio.sleep(0)
        >>> slow.side_effect = pause
        >>> async def main():
        ...     await asyncio.gather(slow(), fast())
        >>> asyncio.run(main())
        >>> fakes.assert_awaited_in_order(slow, fast)
        >>> fakes.assert_completed_in_order(fast, slow)
    """
    __tracebackhide__ = True
    _in_order("assert_completed_in_order", items, strict, _render.COMPLETIONS)


def assert_called_in_order(*items: Any, strict: bool = False) -> None:
    """Assert that the items were called in this order, sync and async alike.

    Call order is the order of the ``called`` events: the moment a double
    was called, whether its result was awaited or not. So sync members
    (``ctx.set_trailing_metadata(...)``) and async ones (``ctx.abort(...)``)
    can be checked in one order. An item may also say which event it means:
    ``fakes.called(double, *args)`` a call with those arguments,
    ``fakes.awaited(double, *args)`` an await (its ``started`` event).

    Args:
        *items: Doubles (any call of them), :func:`fakes.called` items or
            :func:`fakes.awaited` items. A double may appear several times.
        strict: By default other calls may come between the items; with
            ``strict=True`` the items must be consecutive among the events of
            the doubles they name.

    Raises:
        AwaitOrderError: No such order is in the ledger; the message shows
            the calls (and awaits) of these doubles with the first mismatch
            marked.
        FakesTypeError: No items, or an item that is not a double.

    Example:
        >>> import asyncio, fakes
        >>> class Context:
        ...     def set_trailing_metadata(self, metadata: tuple) -> None: ...
        ...     async def abort(self, code: int, details: str) -> None: ...
        >>> ctx = fakes.async_double(Context)
        >>> async def handler():
        ...     ctx.set_trailing_metadata((("retry", "no"),))
        ...     await ctx.abort(3, "bad request")
        >>> asyncio.run(handler())
        >>> fakes.assert_called_in_order(ctx.set_trailing_metadata, ctx.abort)
        >>> fakes.assert_called_in_order(
        ...     ctx.set_trailing_metadata, fakes.awaited(ctx.abort, 3, "bad request")
        ... )
    """
    __tracebackhide__ = True
    _in_order("assert_called_in_order", items, strict, _render.CALLS)


def _event(item: Item) -> int:
    """The kind of event an item of ``assert_called_in_order`` stands for."""
    return CALLED if item.event is None else item.event


def _in_order(
    function: str, values: tuple[Any, ...], strict: bool, mode: _render.OrderMode
) -> None:
    __tracebackhide__ = True
    calls = mode is _render.CALLS
    items = items_of(function, values, calls=calls)
    ledger = current_ledger()
    kinds: Collection[int]
    if calls:
        # A bare double is its calls; awaited(...) items are awaits.
        items = [item._replace(event=_event(item)) for item in items]
        kinds = {_event(item) for item in items}
    else:
        kinds = _ENDS if mode is _render.COMPLETIONS else {STARTED}
    events = ledger.scan(kinds, {item.key for item in items})
    if calls and len(kinds) > 1:
        # Each double brings only the events its items stand for: the calls
        # of one, the awaits of another.
        wanted = {(item.key, item.event) for item in items}
        events = [event for event in events if (id(event[3]), event[1]) in wanted]

    def hit(item: Item, index: int) -> bool:
        __tracebackhide__ = True
        seq, kind, call, double = events[index]
        if id(double) != item.key or (calls and kind != item.event):
            return False
        return item.args is None or matches(item, ledger, seq, call)

    result = (_strict if strict else _greedy)(items, events, hit)
    if result is None:
        return
    matched, focus, reason_of = result
    if reason_of is None:
        reason, focus = _explain(items, events, matched, hit, mode, ledger)
    else:
        seq = events[reason_of][0]
        event = ledger[seq]
        call = _render.format_call(event.name, event.args, event.kwargs)
        reason = _render.order_next(
            len(matched) + 1, items[len(matched)].text, mode.noun, seq, call
        )
    marks = {events[index][0]: str(number) for number, index in enumerate(matched, 1)}
    if focus is not None:
        marks[events[focus][0]] = ">>"
    center = focus if focus is not None else (matched[-1] if matched else None)
    raise AwaitOrderError(
        _render.order_failure(
            mode=mode,
            strict=strict,
            items=[
                _render.order_item(mode, item.text, item.event == STARTED)
                for item in items
            ],
            plain=[item.plain for item in items],
            found=[events[index][0] for index in matched],
            reason=reason,
            labels=[item.label for item in items],
            rows=rows(ledger, [event[0] for event in events], marks, center),
        )
    )


_Hit = Callable[[Item, int], bool]
# (matched indices, index of the event to mark, index of the event that came
# instead of the next item in strict mode)
_Result = tuple[list[int], int | None, int | None]


def _greedy(items: list[Item], events: _Events, hit: _Hit) -> _Result | None:
    """Match the items as a subsequence: the earliest match is always best."""
    __tracebackhide__ = True
    matched: list[int] = []
    for index in range(len(events)):
        if hit(items[len(matched)], index):
            matched.append(index)
            if len(matched) == len(items):
                return None
    return matched, None, None


def _strict(items: list[Item], events: _Events, hit: _Hit) -> _Result | None:
    """Match the items as consecutive events; keep the longest partial run."""
    __tracebackhide__ = True
    best = range(0)
    for start in range(len(events)):
        count = 0
        while (
            count < len(items)
            and start + count < len(events)
            and hit(items[count], start + count)
        ):
            count += 1
        if count == len(items):
            return None
        if count > len(best):
            best = range(start, start + count)
    if not best:
        return [], None, None
    if best.stop < len(events):
        return list(best), best.stop, best.stop
    return list(best), None, None


def _explain(
    items: list[Item],
    events: _Events,
    matched: list[int],
    hit: _Hit,
    mode: _render.OrderMode,
    ledger: Ledger,
) -> tuple[str, int | None]:
    """Why the item after the matched ones was not found, and what to mark.

    An event of the item after the last match would have matched, unless the
    item has arguments (a bare double matches any event of it).
    """
    __tracebackhide__ = True
    number = len(matched) + 1
    item = items[len(matched)]
    noun, verb = mode.noun, mode.verb
    if mode is _render.CALLS and item.event == STARTED:
        noun, verb = _render.AWAITS.noun, _render.AWAITS.verb
    after = matched[-1] + 1 if matched else 0
    used = set(matched)
    for index in range(after):
        if index not in used and hit(item, index):
            previous = items[len(matched) - 1].text
            text = _render.order_before(
                number,
                item.text,
                verb,
                events[index][0],
                previous,
                events[after - 1][0],
            )
            return text, index
    same = [
        index
        for index, event in enumerate(events)
        if id(event[3]) == item.key
        and (mode is not _render.CALLS or event[1] == item.event)
    ]
    later = [index for index in same if index >= after]
    if later:
        previous_seq = events[after - 1][0] if matched else None
        seq = events[later[0]][0]
        text = _render.order_other_arguments(
            number, item.text, noun, item.label, seq, previous_seq
        )
        return text, later[0]
    if same:
        # Its events all came before the last match: there is one.
        seq = events[after - 1][0]
        return _render.order_none_after(number, item.text, noun, seq), None
    if mode is _render.AWAITS:
        calls = ledger.scan({CALLED}, {item.key})
        if calls:
            # A sync member is called, never awaited: say where to look.
            return _render.order_called_not_awaited(
                number, item.text, calls[0][0]
            ), None
    return _render.order_never(number, item.text, verb), None
