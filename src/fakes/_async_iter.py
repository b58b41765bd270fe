"""The async-iterator double: ``fakes.async_iter`` and what it records.

An iterator double hands out its items one by one and records each one
(``yielded``), the error it ends with (``raised``), and its closing before
the end (``closed``): by ``aclose()``, by ``athrow()``, or by a consumer that
stopped early and dropped it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fakes import _render
from fakes._double.not_awaitable import RefusesAwait
from fakes._ledger import (
    CALLED,
    CLOSED,
    RAISED,
    YIELDED,
    Ledger,
    WeakOwner,
    current_ledger,
)
from fakes._script import fresh
from fakes._stdlib import Call, is_exception
from fakes.errors import (
    FakesAssertionError,
    FakesTypeError,
    FakesValueError,
    NotAwaitableError,
)

__all__ = [
    "AsyncIterDouble",
    "IterState",
    "async_iter",
    "check_count",
    "check_raises",
]


_Call: Any = Call


def check_count(label: str, count: Any) -> None:
    """Refuse an ``assert_consumed`` count that no iteration can match.

    Raises:
        FakesTypeError: ``count`` is not an int.
        FakesValueError: ``count`` is negative.
    """
    if isinstance(count, bool) or not isinstance(count, int):
        raise FakesTypeError(_render.iter_bad_count(label, count))
    if count < 0:
        raise FakesValueError(_render.iter_bad_count(label, count))


def check_raises(label: str, raises: Any) -> None:
    """Refuse a ``raises=`` that is not an exception instance or class."""
    if raises is not None and not is_exception(raises):
        raise FakesTypeError(_render.iter_raises_not_exception(label, raises))


class IterState:
    """How far one iterator double got; kept by its member after it is dropped."""

    __slots__ = ("closed", "consumed", "exhausted", "label", "total")

    def __init__(self, label: str, total: int) -> None:
        self.label = label
        self.total = total
        self.consumed = 0
        self.exhausted = False
        self.closed = False

    @property
    def finished(self) -> bool:
        """Whether it is exhausted or closed."""
        return self.exhausted or self.closed

    def check_exhausted(self) -> None:
        """Raise unless the consumer iterated to the end."""
        __tracebackhide__ = True
        if not self.exhausted:
            raise FakesAssertionError(_render.iter_not_exhausted(*self._report()))

    def check_closed(self) -> None:
        """Raise unless it is exhausted or closed."""
        __tracebackhide__ = True
        if not self.finished:
            raise FakesAssertionError(_render.iter_not_closed(*self._report()))

    def _report(self) -> tuple[str, int, int]:
        return (self.label, self.consumed, self.total)


class AsyncIterDouble(RefusesAwait):
    """An async iterator over fixed items that records what it hands out.

    Build one with :func:`fakes.async_iter`, or get one by calling an
    async-generator member of a spec'd double.

    Attributes:
        consumed: How many items were handed out.
        exhausted: Whether the consumer got to the end (all items, then the
            end of iteration or the ``raises`` error).
        closed: Whether it ended before its end: ``aclose()``, ``athrow()`` or
            a consumer that stopped early and dropped it.

    Example:
        >>> import asyncio, fakes
        >>> pages = fakes.async_iter([1, 2], name="pages")
        >>> async def main() -> list[int]:
        ...     return [page async for page in pages]
        >>> asyncio.run(main())
        [1, 2]
        >>> pages.consumed, pages.exhausted, pages.closed
        (2, True, False)
    """

    def __init__(
        self,
        items: tuple[Any, ...],
        raises: Any,
        label: str,
        owner: Any = None,
        call: int = -1,
        ledger: Ledger | None = None,
    ) -> None:
        self._items = items
        self._raises = raises
        # A standalone iterator is its own owner, held weakly by the ledger.
        self._owner = WeakOwner(self, label) if owner is None else owner
        self._call = call
        self._ledger = ledger
        self._state = IterState(label, len(items))

    @property
    def consumed(self) -> int:
        """How many items were handed out."""
        return self._state.consumed

    @property
    def exhausted(self) -> bool:
        """Whether the consumer got to the end."""
        return self._state.exhausted

    @property
    def closed(self) -> bool:
        """Whether it was closed before its end."""
        return self._state.closed

    def _fakes_label(self) -> str:
        return self._state.label

    def _fakes_not_awaitable(self) -> NotAwaitableError:
        return NotAwaitableError(_render.awaited_iterator(self._state.label))

    def _record(self, kind: int, detail: Any) -> None:
        ledger = self._ledger
        if ledger is None:
            ledger = self._ledger = current_ledger()
        if self._call < 0:
            no_args = _Call(((), {}), two=True)
            self._call = ledger.record(CALLED, self._owner, -1, no_args)
        ledger.record(kind, self._owner, self._call, detail)

    def __aiter__(self) -> AsyncIterDouble:
        return self

    async def __anext__(self) -> Any:
        state = self._state
        if state.exhausted or state.closed:
            raise StopAsyncIteration
        index = state.consumed
        if index < len(self._items):
            item = self._items[index]
            state.consumed = index + 1
            self._record(YIELDED, item)
            return item
        state.exhausted = True
        error = self._raises
        if error is not None:
            self._record(RAISED, error)
            raise fresh(error)
        raise StopAsyncIteration

    async def asend(self, value: Any) -> Any:
        """Hand out the next item (the value sent is ignored)."""
        return await self.__anext__()

    async def athrow(self, error: Any, *rest: Any) -> Any:
        """Throw ``error`` in: the iterator closes and the error propagates."""
        if self._state.finished:
            return None
        self._state.closed = True
        if isinstance(error, type):
            error = error(*rest[:1])
        self._record(CLOSED, error)
        raise error

    async def aclose(self) -> None:
        """Close the iterator; later ``__anext__`` calls end the iteration."""
        if not self._state.finished:
            self._state.closed = True
            self._record(CLOSED, None)

    def __del__(self) -> None:
        # A consumer that leaves 'async for' early drops the iterator.
        state = self._state
        if state.consumed and not state.finished:
            try:
                state.closed = True
                self._record(CLOSED, None)
            except Exception:  # never fail in a finaliser
                pass

    def assert_exhausted(self) -> None:
        """Assert that the consumer iterated to the end.

        Raises:
            FakesAssertionError: It was not iterated to the end.
        """
        __tracebackhide__ = True
        self._state.check_exhausted()

    def assert_closed(self) -> None:
        """Assert that it is finished: exhausted, or closed before its end.

        Raises:
            FakesAssertionError: It is still open.
        """
        __tracebackhide__ = True
        self._state.check_closed()

    def assert_consumed(self, count: int) -> None:
        """Assert that exactly ``count`` items were handed out.

        Raises:
            FakesAssertionError: Another number of items was handed out.
        """
        __tracebackhide__ = True
        check_count(self._state.label, count)
        if self.consumed != count:
            raise FakesAssertionError(
                _render.iter_consumed_mismatch(self._state.label, count, self.consumed)
            )

    def __repr__(self) -> str:
        state = "exhausted" if self.exhausted else "closed" if self.closed else "open"
        return (
            f"<async_iter {self._state.label}: {self.consumed} of "
            f"{len(self._items)} items consumed, {state}>"
        )


def async_iter(
    items: Iterable[Any] = (), *, raises: Any = None, name: str = "async_iter"
) -> AsyncIterDouble:
    """An async iterator double over ``items``, optionally ending in an error.

    Args:
        items: What the iterator hands out, in order.
        raises: An exception (instance or class) raised after the last item,
            instead of ending the iteration.
        name: The name shown in the ledger and in messages.

    Returns:
        The iterator. It records every item handed out (``yielded``), the
        error (``raised``) and ``aclose()``/``athrow()`` (``closed``).

    Raises:
        FakesTypeError: ``items`` cannot be iterated, ``name`` is not a
            string, or ``raises`` is not an exception.

    Example:
        >>> import asyncio, fakes
        >>> pages = fakes.async_iter([1, 2], raises=ConnectionError, name="pages")
        >>> async def main():
        ...     seen = []
        ...     try:
        ...         async for page in pages:
        ...             seen.append(page)
        ...     except ConnectionError:
        ...         seen.append("lost")
        ...     return seen
        >>> asyncio.run(main())
        [1, 2, 'lost']
        >>> pages.assert_exhausted()
    """
    if not isinstance(name, str):
        raise FakesTypeError(_render.async_iter_bad_name(name))
    check_raises(name, raises)
    try:
        handed_out = tuple(items)
    except TypeError:
        raise FakesTypeError(_render.iter_items_not_iterable(name, items)) from None
    return AsyncIterDouble(handed_out, raises, name)
