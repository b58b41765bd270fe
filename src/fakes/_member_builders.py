"""``fakes.on(member)`` builders of members that hand out iterators or contexts.

A member whose return type is an async iterator gets ``yields`` and the
iterator assertions; one returning an async context manager gets ``enters``
and the enter and exit assertions; a sync member without a return
annotation gets both, as on the double itself.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from typing import Any, ParamSpec, TypeVar

from typing_extensions import Self

from fakes import _async_gen
from fakes._builders import Builder, MemberBuilder, stdlib
from fakes._double.configured import configured
from fakes._double.short_forms import ShortForms
from fakes._double.state import state_of
from fakes._kinds import Kind

__all__ = [
    "AsyncContextMemberBuilder",
    "AsyncIterMemberBuilder",
    "Enters",
    "OpenMemberBuilder",
    "kind_of",
]

P = ParamSpec("P")
T_contra = TypeVar("T_contra", contravariant=True)

_Error = BaseException | type[BaseException]


def kind_of(double: Any) -> Kind | None:
    member = state_of(double).member
    return None if member is None else member.kind


class _IterationAssertions(Builder):
    """The assertions of a member that hands out async iterators."""

    __slots__ = ()

    def assert_exhausted(self) -> None:
        """Assert that every iterator the member handed out was iterated to the end."""
        __tracebackhide__ = True
        ShortForms.assert_exhausted(self._double)

    def assert_closed(self) -> None:
        """Assert that every iterator the member handed out is finished or closed."""
        __tracebackhide__ = True
        ShortForms.assert_closed(self._double)

    def assert_consumed(self, count: int) -> None:
        """Assert that the member's iterators handed out ``count`` items in all."""
        __tracebackhide__ = True
        ShortForms.assert_consumed(self._double, count)


class AsyncIterMemberBuilder(
    _IterationAssertions, MemberBuilder[P, AsyncIterator[T_contra]]
):
    """What ``fakes.on(member)`` gives for a member returning an async iterator.

    Async generator methods, and methods returning ``AsyncIterator[T]``:
    ``yields(*items)`` takes items of type ``T``.

    Example:
        >>> import asyncio, fakes
        >>> from collections.abc import AsyncIterator
        >>> class Feed:
        ...     async def stream(self, topic: str) -> AsyncIterator[int]:
        ...         yield 0
        >>> feed = fakes.async_double(Feed)
        >>> builder = fakes.on(feed.stream).yields(1, 2)
        >>> async def main() -> list[int]:
        ...     return [item async for item in feed.stream("news")]
        >>> asyncio.run(main())
        [1, 2]
        >>> builder.assert_exhausted()
    """

    __slots__ = ()

    def yields(self, *items: T_contra, raises: _Error | None = None) -> Self:
        """Make each call's iterator hand out ``items``, then end (or raise)."""
        double = self._double
        if kind_of(double) is Kind.ASYNC_GEN:
            ShortForms.yields(double, *items, raises=raises)
        else:
            # A method that returns an iterator object, or a class double of
            # a self-iterating class: each call gets a fresh iterator double
            # over the items, kept for the iterator assertions.
            _async_gen.hand_out(double, items, raises)
            configured(double, state_of(double), "yields")
        return self


class Enters(Builder):
    """``enters`` and the exit assertions, on the double a builder names."""

    __slots__ = ()

    def _context(self) -> Any:
        raise NotImplementedError

    def _enters(
        self, value: Any, enter_raises: Any, exit_raises: Any, suppress: Any
    ) -> None:
        ShortForms.enters(
            self._context(),
            value,
            enter_raises=enter_raises,
            exit_raises=exit_raises,
            suppress=suppress,
        )

    def assert_entered_once(self) -> None:
        """Assert that the context manager was entered exactly once."""
        __tracebackhide__ = True
        ShortForms.assert_entered_once(self._context())

    def assert_exited_with(self, error_type: type[BaseException]) -> None:
        """Assert that the last exit of the context manager raised ``error_type``."""
        __tracebackhide__ = True
        ShortForms.assert_exited_with(self._context(), error_type)

    def assert_exited_cleanly(self) -> None:
        """Assert that the last exit of the context manager had no exception."""
        __tracebackhide__ = True
        ShortForms.assert_exited_cleanly(self._context())


class AsyncContextMemberBuilder(
    Enters, MemberBuilder[P, AbstractAsyncContextManager[T_contra]]
):
    """What ``fakes.on(member)`` gives for a member returning an async context manager.

    ``@asynccontextmanager`` methods, methods returning
    ``AbstractAsyncContextManager[T]`` or a class whose ``__aenter__``
    returns ``T``, and class doubles of such a class: ``enters(value)``
    takes a ``T``.

    Example:
        >>> import asyncio, fakes
        >>> from collections.abc import AsyncIterator
        >>> from contextlib import asynccontextmanager
        >>> class Db:
        ...     @asynccontextmanager
        ...     async def transaction(self) -> AsyncIterator[str]:
        ...         yield "tx"
        >>> db = fakes.async_double(Db)
        >>> builder = fakes.on(db.transaction).enters("fake tx")
        >>> async def main() -> str:
        ...     async with db.transaction() as tx:
        ...         return tx
        >>> asyncio.run(main())
        'fake tx'
        >>> builder.assert_exited_cleanly()
    """

    __slots__ = ()

    def _context(self) -> Any:
        double = self._double
        if kind_of(double) is Kind.ASYNC_CM:
            return double
        # A class double, or a method returning a context-manager object:
        # what its calls return is the context manager.
        return stdlib(double, "return_value")

    def enters(
        self,
        value: T_contra,
        /,
        *,
        enter_raises: _Error | None = None,
        exit_raises: _Error | None = None,
        suppress: bool | type[BaseException] | tuple[type[BaseException], ...] = False,
    ) -> Self:
        """Make ``async with`` of what the member returns give ``value``."""
        self._enters(value, enter_raises, exit_raises, suppress)
        return self


class OpenMemberBuilder(_IterationAssertions, AsyncContextMemberBuilder[Any, Any]):
    """``fakes.on(member)`` for a sync member without a return annotation.

    Its spec does not say what it returns (asyncpg's ``Pool.acquire``,
    ``Connection.cursor``): ``enters()`` or ``yields()`` says it, as on the
    double itself.
    """

    __slots__ = ()

    def _context(self) -> Any:
        return self._double

    def yields(self, *items: Any, raises: _Error | None = None) -> Self:
        """Make each call's iterator hand out ``items``, then end (or raise)."""
        ShortForms.yields(self._double, *items, raises=raises)
        return self
