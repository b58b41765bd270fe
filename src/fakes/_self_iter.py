"""A double that is its own async iterator: ``async for item in double``.

A class whose ``__aiter__`` returns ``self`` and whose ``__anext__`` is
``async def`` iterates over itself. Its double does the same: ``__aiter__``
returns the double, and ``__anext__`` hands out what ``double.yields(...)``
configured, recorded as an iterator double records its items; until then it
ends at once. ``__anext__`` of any spec'd double ends at once while nothing
configures it, so no spec makes ``async for`` run for ever.
"""

from __future__ import annotations

from typing import Any

from fakes import _async_gen, _async_iter
from fakes._async_iter import AsyncIterDouble, IterState
from fakes._behaviour import (
    DoubleBehaviour,
    await_as_call,
    call_through_stdlib,
    stdlib_configured,
)
from fakes._double.state import state_of, stdlib_await
from fakes._kinds import Kind
from fakes._stdlib import parent_of

__all__ = [
    "SELF",
    "iterates_itself",
    "next_hook",
    "own_states",
    "set_items",
]


class _OwnIterator(AsyncIterDouble):
    """The items a self-iterating double hands out, kept on the double."""

    def __del__(self) -> None:
        # The double is the iterator: leaving 'async for' early drops nothing.
        pass


class _NextHook:
    """The behaviour of ``__anext__`` of a spec'd double.

    The configured items come first, then the stdlib configuration of the
    method (``__anext__.side_effect``), and without either the iteration
    ends. A gate, rules or a script on the method run before it.
    """

    __slots__ = ("_owner",)

    def __init__(self, owner: Any) -> None:
        self._owner = owner

    async def __call__(
        self, double: Any, call: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        iterator = state_of(self._owner).own_iter
        if iterator is not None:
            return await iterator.__anext__()
        if stdlib_configured(double):
            return await stdlib_await(double, args, kwargs)
        raise StopAsyncIteration

    call_sync = call_through_stdlib  # only awaitable doubles hold this

    def configurable(self) -> None:
        """None: configuration wraps this behaviour as its default."""

    def without_defaults(self) -> _NextHook:
        # Whether the stdlib configuration decides is read at each call.
        return self


class _ReturnsParent:
    """The behaviour of ``__aiter__`` of a self-iterating double: the double."""

    __slots__ = ()

    __call__ = await_as_call

    def configurable(self) -> None:
        """None: configuration wraps this behaviour as its default."""

    def call_sync(
        self, double: Any, seq: int, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        return parent_of(double)

    def without_defaults(self) -> None:
        return None


SELF: DoubleBehaviour = _ReturnsParent()


def next_hook(owner: Any) -> DoubleBehaviour:
    """The behaviour to give ``owner.__anext__``."""
    return _NextHook(owner)


def iterates_itself(double: Any) -> bool:
    """Whether the spec of ``double`` has an ``async def __anext__``."""
    spec = state_of(double).spec
    if spec is None or state_of(double).member is not None:
        return False
    member = spec.member("__anext__")
    return member is not None and member.kind is Kind.ASYNC


def _iterator_member(double: Any) -> Any:
    """``double.__aiter__`` when the spec makes it an async generator."""
    spec = state_of(double).spec
    if spec is None or state_of(double).member is not None:
        return None
    member = spec.member("__aiter__")
    if member is None or member.kind is not Kind.ASYNC_GEN:
        return None
    return double.__aiter__


def set_items(double: Any, items: tuple[Any, ...], raises: Any) -> None:
    """``double.yields(...)``: the items of the double's own iteration.

    A double whose spec's ``__aiter__`` is an async generator configures
    that member; any other double must be an async-generator member.

    Raises:
        ProtocolMismatchError: The double iterates over nothing of its own.
        FakesTypeError: ``raises`` is not an exception.
    """
    if iterates_itself(double):
        label = double._fakes_label()
        _async_iter.check_raises(label, raises)
        iterator = _OwnIterator(tuple(items), raises, label, double)
        state_of(double).own_iter = iterator
        return
    member = _iterator_member(double)
    _async_gen.set_items(double if member is None else member, items, raises)


def own_states(double: Any) -> list[IterState]:
    """The iteration states an iterator assertion on ``double`` checks."""
    __tracebackhide__ = True
    own = state_of(double)
    if own.own_iter is not None:
        return [own.own_iter._state]
    # A callable that hands out iterators of its own (a class double of a
    # self-iterating class) is what its assertions are about.
    member = None if own.iterators is not None else _iterator_member(double)
    return _async_gen.member_states(double if member is None else member)
