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

No checker plugin is involved; both checkers understand the overloads
below and the builders' generics (``fakes._member_builders`` for members,
``fakes._object_builders`` for doubles that are not calls).
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any, ParamSpec, Protocol, TypeVar, overload
from unittest import mock

from fakes import _render
from fakes._builders import AsyncMemberBuilder, MemberBuilder, label_of
from fakes._double.awaitable import AwaitableMixin
from fakes._double.doubles import AsyncDouble, SyncDouble
from fakes._double.object_doubles import ClassDouble
from fakes._double.recorder import Recorder
from fakes._double.state import state_of
from fakes._kinds import Kind
from fakes._member_builders import (
    AsyncContextMemberBuilder,
    AsyncIterMemberBuilder,
    OpenMemberBuilder,
    kind_of,
)
from fakes._object_builders import (
    AsyncContextBuilder,
    AsyncIterableBuilder,
    AsyncIterContextBuilder,
    AwaitableBuilder,
    spec_has,
)
from fakes.errors import FakesTypeError

__all__ = ["on"]

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")
U = TypeVar("U")
T_co = TypeVar("T_co", covariant=True)
U_co = TypeVar("U_co", covariant=True)

_CALLABLE_DOUBLES = (AsyncDouble, SyncDouble, ClassDouble)


class _IterContext(Protocol[T_co, U_co]):
    """An async iterable that is also an async context manager."""

    def __aiter__(self) -> AsyncIterator[T_co]: ...

    async def __aenter__(self) -> U_co: ...

    async def __aexit__(self, *exc_info: Any) -> bool | None: ...


def _member_builder(double: Any) -> Any:
    kind = kind_of(double)
    if kind is Kind.ASYNC_GEN:
        return AsyncIterMemberBuilder(double)
    if kind is Kind.ASYNC_CM:
        return AsyncContextMemberBuilder(double)
    member = state_of(double).member
    if member is not None and member.declared_as(Kind.ASYNC_CM) is not None:
        return OpenMemberBuilder(double)
    if isinstance(double, mock.AsyncMock):
        return AsyncMemberBuilder(double)
    if isinstance(double, ClassDouble):
        # Calling a class double makes an instance: the class's protocol
        # says what the instance is.
        if spec_has(double, "__anext__"):
            return AsyncIterMemberBuilder(double)
        if spec_has(double, "__aenter__"):
            return AsyncContextMemberBuilder(double)
    return MemberBuilder(double)


def _object_builder(double: Any) -> Any:
    if isinstance(double, AwaitableMixin):
        return AwaitableBuilder(double)
    iterable = spec_has(double, "__aiter__")
    context = spec_has(double, "__aenter__")
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
