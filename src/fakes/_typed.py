"""``fakes.on``: configure a double, checked by the type checker.

A double is typed as its spec (``async_double(UserRepo)`` is a ``UserRepo``),
so ``repo.get.returns(...)`` is unknown to mypy and pyright: ``repo.get`` is
the spec's method as far as they know. ``fakes.on(repo.get)`` gives them a
builder typed from the member's parameters and (awaited) return type, so
every value, script step, answer and argument is checked against the spec.
The member's return type picks the builder: an async iterator gives
``yields``, an async context manager ``enters``, an awaitable ``gate`` and
the await assertions. ``fakes.on(double)`` of a double of an async iterable
or async context manager configures the double itself.

No checker plugin is involved; both checkers understand the overloads and
generics below.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any, Generic, ParamSpec, Protocol, TypeVar, overload
from unittest import mock

from typing_extensions import Self

from fakes import _async_gen, _render
from fakes._async_iter import async_iter
from fakes._builders import (
    AsyncMemberBuilder,
    Builder,
    MemberBuilder,
    ScriptStep,
    label_of,
    stdlib,
)
from fakes._double.awaitable import AwaitableMixin
from fakes._double.configured import configured
from fakes._double.doubles import AsyncDouble, SyncDouble
from fakes._double.object_doubles import ClassDouble
from fakes._double.recorder import Recorder
from fakes._double.short_forms import ShortForms
from fakes._double.state import state_of
from fakes._gate import Gate
from fakes._kinds import Kind
from fakes._script import Step
from fakes.errors import FakesTypeError

__all__ = [
    "AsyncContextBuilder",
    "AsyncContextMemberBuilder",
    "AsyncIterContextBuilder",
    "AsyncIterMemberBuilder",
    "AsyncIterableBuilder",
    "AwaitableBuilder",
    "on",
]

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")
U = TypeVar("U")
T_co = TypeVar("T_co", covariant=True)
U_co = TypeVar("U_co", covariant=True)
T_contra = TypeVar("T_contra", contravariant=True)
U_contra = TypeVar("U_contra", contravariant=True)

_Error = BaseException | type[BaseException]
_CALLABLE_DOUBLES = (AsyncDouble, SyncDouble, ClassDouble)


def _kind(double: Any) -> Kind | None:
    member = state_of(double).member
    return None if member is None else member.kind


def _has(double: Any, name: str) -> bool:
    """Whether the double's spec has the member ``name``."""
    spec = state_of(double).spec
    return spec is not None and spec.member(name) is not None


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
        if _kind(double) is Kind.ASYNC_GEN:
            ShortForms.yields(double, *items, raises=raises)
        else:
            # A method that returns an iterator object, or a class double of
            # a self-iterating class: each call gets a fresh iterator double
            # over the items, kept for the iterator assertions.
            _async_gen.hand_out(double, items, raises)
            configured(double, state_of(double), "yields")
        return self


class _Enters(Builder):
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
    _Enters, MemberBuilder[P, AbstractAsyncContextManager[T_contra]]
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
        if _kind(double) is Kind.ASYNC_CM:
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


class _OpenMemberBuilder(_IterationAssertions, AsyncContextMemberBuilder[Any, Any]):
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


class AsyncContextBuilder(_Enters, Generic[T_contra]):
    """What ``fakes.on(double)`` gives for a double of an async context manager.

    Example:
        >>> import asyncio, fakes
        >>> class Session: ...
        >>> class Connection:
        ...     async def __aenter__(self) -> Session: ...
        ...     async def __aexit__(self, *exc_info: object) -> None: ...
        >>> conn = fakes.async_double(Connection)
        >>> session = fakes.async_double(Session)
        >>> builder = fakes.on(conn).enters(session)
        >>> async def main() -> Session:
        ...     async with conn as entered:
        ...         return entered
        >>> asyncio.run(main()) is session
        True
        >>> builder.assert_entered_once()
    """

    __slots__ = ()

    def _context(self) -> Any:
        return self._double

    def enters(
        self,
        value: T_contra,
        /,
        *,
        enter_raises: _Error | None = None,
        exit_raises: _Error | None = None,
        suppress: bool | type[BaseException] | tuple[type[BaseException], ...] = False,
    ) -> Self:
        """Make ``async with double`` give ``value``."""
        self._enters(value, enter_raises, exit_raises, suppress)
        return self


class AsyncIterableBuilder(Builder, Generic[T_contra]):
    """What ``fakes.on(double)`` gives for a double of an async iterable.

    Example:
        >>> import asyncio, fakes
        >>> from collections.abc import AsyncIterator
        >>> class Ticker:
        ...     def __aiter__(self) -> AsyncIterator[int]: ...
        >>> ticker = fakes.async_double(Ticker)
        >>> _ = fakes.on(ticker).yields(1, 2, 3)
        >>> async def main() -> list[int]:
        ...     return [tick async for tick in ticker]
        >>> asyncio.run(main())
        [1, 2, 3]
    """

    __slots__ = ()

    def yields(self, *items: T_contra, raises: _Error | None = None) -> Self:
        """Make ``async for`` over the double give ``items``, then end (or raise)."""
        double = self._double
        if _has(double, "__anext__"):
            # The double is its own iterator.
            ShortForms.yields(double, *items, raises=raises)
        else:
            # ``__aiter__`` hands out an iterator: a fresh one per ``async for``.
            name = f"{label_of(double)}.__aiter__()"
            ShortForms.answers(
                double.__aiter__,
                lambda: async_iter(items, raises=raises, name=name),
            )
        return self


class AsyncIterContextBuilder(
    AsyncIterableBuilder[T_contra], AsyncContextBuilder[U_contra]
):
    """``fakes.on(double)`` for a double that is both: ``yields`` and ``enters``.

    ``T_contra`` is what ``async for`` gives, ``U_contra`` what ``async with``
    gives (often the object itself, as for a websocket connection).

    Example:
        >>> import asyncio, fakes
        >>> from collections.abc import AsyncIterator
        >>> class Socket:
        ...     def __aiter__(self) -> AsyncIterator[bytes]: ...
        ...     async def __aenter__(self) -> "Socket": ...
        ...     async def __aexit__(self, *exc_info: object) -> None: ...
        >>> socket = fakes.async_double(Socket)
        >>> _ = fakes.on(socket).enters(socket).yields(b"hi")
        >>> async def main() -> list[bytes]:
        ...     async with socket as open_socket:
        ...         return [message async for message in open_socket]
        >>> asyncio.run(main())
        [b'hi']
    """

    __slots__ = ()


class _IterContext(Protocol[T_co, U_co]):
    """An async iterable that is also an async context manager."""

    def __aiter__(self) -> AsyncIterator[T_co]: ...

    async def __aenter__(self) -> U_co: ...

    async def __aexit__(self, *exc_info: Any) -> bool | None: ...


class AwaitableBuilder(Builder, Generic[T_contra]):
    """What ``fakes.on(double)`` gives for an awaitable double that is not a call.

    A double of an object whose class has ``__await__`` (a call object, a
    future-like class), or of an async property: what awaiting it gives is
    checked against the awaited type.

    Example:
        >>> import asyncio, fakes
        >>> class Device:
        ...     @property
        ...     async def ready(self) -> bool: ...
        >>> device = fakes.async_double(Device)
        >>> _ = fakes.on(device.ready).returns(True)
        >>> async def main() -> bool:
        ...     return await device.ready
        >>> asyncio.run(main())
        True
    """

    __slots__ = ()

    def returns(self, value: T_contra, /) -> Self:
        """Make every await give ``value``."""
        ShortForms.returns(self._double, value)
        return self

    def raises(self, error: _Error, /) -> Self:
        """Make every await raise ``error``."""
        ShortForms.raises(self._double, error)
        return self

    def script(self, *steps: T_contra | Step[T_contra] | ScriptStep) -> Self:
        """Perform one step per await (see ``script()`` of a member)."""
        ShortForms.script(self._double, *steps)
        return self

    def gate(self) -> Gate:
        """Hold every await of the double until the gate releases it."""
        return ShortForms.gate(self._double)


def _member_builder(double: Any) -> Any:
    kind = _kind(double)
    if kind is Kind.ASYNC_GEN:
        return AsyncIterMemberBuilder(double)
    if kind is Kind.ASYNC_CM:
        return AsyncContextMemberBuilder(double)
    member = state_of(double).member
    if member is not None and member.declared_as(Kind.ASYNC_CM) is not None:
        return _OpenMemberBuilder(double)
    if isinstance(double, mock.AsyncMock):
        return AsyncMemberBuilder(double)
    if isinstance(double, ClassDouble):
        # Calling a class double makes an instance: the class's protocol
        # says what the instance is.
        if _has(double, "__anext__"):
            return AsyncIterMemberBuilder(double)
        if _has(double, "__aenter__"):
            return AsyncContextMemberBuilder(double)
    return MemberBuilder(double)


def _object_builder(double: Any) -> Any:
    if isinstance(double, AwaitableMixin):
        return AwaitableBuilder(double)
    iterable = _has(double, "__aiter__")
    context = _has(double, "__aenter__")
    if iterable and context:
        return AsyncIterContextBuilder(double)
    if iterable:
        return AsyncIterableBuilder(double)
    if context:
        return AsyncContextBuilder(double)
    raise FakesTypeError(_render.on_not_callable(label_of(double)))


# The member's return type picks the builder. A callable is matched first
# (its return type decides), then an object by the protocols it has. mypy
# sees the first two overlap the last callable one (a type may be both
# awaitable and an iterator); the earlier overload wins, as intended.
@overload
def on(  # type: ignore[overload-overlap]
    member: Callable[P, AsyncIterator[T]], /
) -> AsyncIterMemberBuilder[P, T]: ...
@overload
def on(  # type: ignore[overload-overlap]
    member: Callable[P, AbstractAsyncContextManager[T]], /
) -> AsyncContextMemberBuilder[P, T]: ...
@overload
def on(member: Callable[P, Awaitable[R]], /) -> AsyncMemberBuilder[P, R]: ...
@overload
def on(member: Callable[P, R], /) -> MemberBuilder[P, R]: ...
@overload
def on(double: _IterContext[T, U], /) -> AsyncIterContextBuilder[T, U]: ...
@overload
def on(double: AsyncIterable[T], /) -> AsyncIterableBuilder[T]: ...
@overload
def on(double: AbstractAsyncContextManager[T], /) -> AsyncContextBuilder[T]: ...
@overload
def on(double: Awaitable[T], /) -> AwaitableBuilder[T]: ...
def on(member: Any, /) -> Any:
    """Configure a double with values and arguments checked against its spec.

    ``fakes.on(repo.get).returns(value)`` does what ``repo.get.returns(value)``
    does, but mypy and pyright check ``value`` against what ``UserRepo.get``
    returns (after ``await`` for an async member), script steps and answers
    the same way, and the arguments of ``.when(...)`` and the assertions
    against its parameters. The builder also reaches configuration that a
    spec member of the same name hides on the double (a class with its own
    ``when`` method).

    Args:
        member: A callable double: a member of a double (``repo.get``), a
            double of a function, a class double, or a double of an object
            whose spec defines ``__call__``; or a double of an async
            iterable or async context manager.

    Returns:
        A builder: :class:`AsyncMemberBuilder`, :class:`MemberBuilder`,
        :class:`AsyncIterMemberBuilder` or :class:`AsyncContextMemberBuilder`
        for a callable (by what it returns); :class:`AsyncIterableBuilder`,
        :class:`AsyncContextBuilder` or :class:`AsyncIterContextBuilder` for
        an object.

    Raises:
        FakesTypeError: ``member`` is not a double, or is a double of an
            object that is neither callable, async iterable nor an async
            context manager.

    Example:
        >>> import asyncio, fakes
        >>> class UserRepo:
        ...     async def get(self, user_id: int) -> dict: ...
        >>> repo = fakes.async_double(UserRepo)
        >>> fakes.on(repo.get).returns({"id": 1})
        fakes.on(UserRepo.get)
        >>> asyncio.run(repo.get(1))
        {'id': 1}
        >>> fakes.on(repo)
        Traceback (most recent call last):
        fakes.errors.FakesTypeError: fakes.on() takes a callable double, or a ...
    """
    if isinstance(member, _CALLABLE_DOUBLES):
        return _member_builder(member)
    if isinstance(member, Recorder):
        if callable(member):
            # A double of an object whose spec defines ``__call__``: calling
            # the double calls that member, so that is what to configure.
            return _member_builder(member.__call__)
        return _object_builder(member)
    raise FakesTypeError(_render.on_not_a_double(member))
