"""Async-generator members: a fresh iterator double for each call.

A member that is an async generator (or annotated as returning an async
iterator) hands out a new :class:`AsyncIterDouble` per call, over the items
``yields()`` configured; the member keeps each iterator's state, so its
assertions see how far every iterator got, even after it was dropped.
"""

from __future__ import annotations

import inspect
from typing import Any

from fakes import _render
from fakes._async_iter import AsyncIterDouble, IterState, check_count, check_raises
from fakes._behaviour import await_as_call, set_behaviour
from fakes._double.state import state_of
from fakes._kinds import Kind
from fakes._ledger import current_ledger
from fakes._member import declare
from fakes.errors import FakesAssertionError, ProtocolMismatchError

__all__ = [
    "IterFactory",
    "assert_consumed",
    "hand_out",
    "iterators_of",
    "member_states",
    "set_items",
]


class IterFactory:
    """The behaviour of an async-generator member: a fresh iterator per call."""

    __slots__ = ("items", "raises")

    def __init__(self, items: tuple[Any, ...], raises: Any) -> None:
        self.items = items
        self.raises = raises

    __call__ = await_as_call  # only sync doubles hold this

    def configurable(self) -> None:
        """None: configuration wraps this behaviour as its default."""

    def call_sync(
        self, double: Any, seq: int, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> AsyncIterDouble:
        label = _render.format_call(double._fakes_label(), args, kwargs)
        iterator = AsyncIterDouble(
            self.items, self.raises, label, double, seq, current_ledger()
        )
        iterators_of(double).append(iterator._state)
        return iterator

    def without_defaults(self) -> None:
        return None


def iterators_of(double: Any) -> list[IterState]:
    """The states of the iterators an async-generator member handed out."""
    own = state_of(double)
    if own.iterators is None:
        own.iterators = []
    return own.iterators


def _is_async_gen(double: Any) -> bool:
    member = state_of(double).member
    return member is not None and member.kind is Kind.ASYNC_GEN


def set_items(double: Any, items: tuple[Any, ...], raises: Any) -> None:
    """Configure an async-generator member: what each call's iterator yields.

    Raises:
        ProtocolMismatchError: The double is not an async-generator member.
    """
    declare(double, Kind.ASYNC_GEN)
    if not _is_async_gen(double):
        raise ProtocolMismatchError(_not_async_generator(double))
    if raises is not None:
        # The label is worked out only for a message: a member's default
        # configuration passes no raises=.
        check_raises(double._fakes_label(), raises)
    set_behaviour(double, IterFactory(items, raises))


def hand_out(double: Any, items: tuple[Any, ...], raises: Any) -> None:
    """Make each call of ``double`` return a fresh iterator double over ``items``.

    For a callable that returns an async iterator without being an async
    generator (a method annotated so, a class double of a self-iterating
    class): its iterators are kept as an async-generator member's are, so
    the iterator assertions see them.

    Raises:
        FakesTypeError: ``raises`` is not an exception.
    """
    if raises is not None:
        check_raises(double._fakes_label(), raises)
    iterators_of(double)
    set_behaviour(double, IterFactory(items, raises))


def _not_async_generator(double: Any) -> str:
    member = state_of(double).member
    if member is not None and inspect.isgeneratorfunction(member.func):
        return _render.yields_on_generator(double._fakes_label())
    return _render.not_async_generator(
        double._fakes_label(),
        None if member is None else member.kind.value,
        has_spec=state_of(double).spec is not None,
    )


def member_states(double: Any) -> list[IterState]:
    """The iterators' states of a member, for its assertions.

    Raises:
        ProtocolMismatchError: The double is not an async-generator member,
            nor configured to hand out iterators (``hand_out``).
        FakesAssertionError: The member never handed out an iterator.
    """
    __tracebackhide__ = True
    if not _is_async_gen(double) and state_of(double).iterators is None:
        raise ProtocolMismatchError(_not_async_generator(double))
    states = iterators_of(double)
    if not states:
        raise FakesAssertionError(_render.iter_never_called(double._fakes_label()))
    return states


def assert_consumed(label: str, states: list[IterState], count: int) -> None:
    """``assert_consumed`` of a double: items handed out by all its iterators."""
    __tracebackhide__ = True
    check_count(label, count)
    total = sum(state.consumed for state in states)
    if total != count:
        raise FakesAssertionError(_render.iter_consumed_mismatch(label, count, total))
