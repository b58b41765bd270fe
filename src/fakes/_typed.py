"""``fakes.on``: configure a double's member, checked by the type checker.

A double is typed as its spec (``async_double(UserRepo)`` is a ``UserRepo``),
so ``repo.get.returns(...)`` is unknown to mypy and pyright: ``repo.get`` is
the spec's method as far as they know. ``fakes.on(repo.get)`` gives them a
builder typed from the member's parameters and (awaited) return type, so
``.returns(value)``, ``.when(*args)`` and the stdlib call and await
assertions are checked against the spec.

At run time ``on`` returns the double itself: the builder types describe
methods the double already has. No checker plugin is involved; both
checkers understand the overloads and generics below.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, Protocol, TypeVar, overload

from typing_extensions import Self

from fakes import _render
from fakes._double import AsyncDouble, ClassDouble, SyncDouble, _Recorder
from fakes.errors import FakesTypeError

__all__ = ["AsyncMemberBuilder", "MemberBuilder", "RuleBuilder", "on"]

P = ParamSpec("P")
R = TypeVar("R")
R_contra = TypeVar("R_contra", contravariant=True)

_CALLABLE_DOUBLES = (AsyncDouble, SyncDouble, ClassDouble)


class RuleBuilder(Protocol[R_contra]):
    """What ``fakes.on(member).when(...)`` gives: the outcome of one rule.

    ``R_contra`` is the member's return type (awaited, for an async member).

    Example:
        >>> import asyncio, fakes
        >>> class Prices:
        ...     async def get(self, sku: str) -> int: ...
        >>> prices = fakes.async_double(Prices)
        >>> _ = fakes.on(prices.get).when("tea").returns(3)
        >>> _ = fakes.on(prices.get).when("gold").raises(KeyError("gold"))
        >>> asyncio.run(prices.get("tea"))
        3
    """

    def returns(self, value: R_contra, /) -> None:
        """Make calls that match the rule return ``value``."""
        ...

    def raises(self, error: BaseException | type[BaseException], /) -> None:
        """Make calls that match the rule raise ``error``."""
        ...


class MemberBuilder(Protocol[P, R_contra]):
    """What ``fakes.on(member)`` gives for a sync member: typed configuration.

    ``P`` is the member's parameters and ``R_contra`` its return type. The
    stdlib call assertions are here too, with arguments checked against
    ``P``; ``unittest.mock.ANY`` fits any parameter.

    Example:
        >>> import fakes
        >>> class Settings:
        ...     def get(self, key: str) -> str: ...
        >>> settings = fakes.async_double(Settings)
        >>> builder = fakes.on(settings.get).returns("on")
        >>> settings.get("feature")
        'on'
        >>> builder.assert_called_once_with("feature")
    """

    call_count: int

    def returns(self, value: R_contra, /) -> Self:
        """Make every call return ``value``."""
        ...

    def raises(self, error: BaseException | type[BaseException], /) -> Self:
        """Make every call raise ``error``."""
        ...

    def when(self, *args: P.args, **kwargs: P.kwargs) -> RuleBuilder[R_contra]:
        """Start a rule for the calls made with these arguments."""
        ...

    def assert_called(self) -> None:
        """Assert that the member was called at least once."""
        ...

    def assert_called_once(self) -> None:
        """Assert that the member was called exactly once."""
        ...

    def assert_not_called(self) -> None:
        """Assert that the member was never called."""
        ...

    def assert_called_with(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Assert that the last call had these arguments."""
        ...

    def assert_called_once_with(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Assert that the member was called once, with these arguments."""
        ...

    def assert_any_call(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Assert that some call had these arguments."""
        ...


class AsyncMemberBuilder(MemberBuilder[P, R_contra], Protocol[P, R_contra]):
    """What ``fakes.on(member)`` gives for an async member: typed configuration.

    ``R_contra`` is what an await of the member gives. On top of what
    :class:`MemberBuilder` has, the stdlib await assertions.

    Example:
        >>> import asyncio, fakes
        >>> class UserRepo:
        ...     async def get(self, user_id: int) -> dict[str, int]: ...
        >>> repo = fakes.async_double(UserRepo)
        >>> builder = fakes.on(repo.get).returns({"id": 1})
        >>> asyncio.run(repo.get(1))
        {'id': 1}
        >>> builder.assert_awaited_once_with(1)
        >>> builder.await_count
        1
    """

    await_count: int

    def assert_awaited(self) -> None:
        """Assert that the member was awaited at least once."""
        ...

    def assert_awaited_once(self) -> None:
        """Assert that the member was awaited exactly once."""
        ...

    def assert_not_awaited(self) -> None:
        """Assert that the member was never awaited."""
        ...

    def assert_awaited_with(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Assert that the last await had these arguments."""
        ...

    def assert_awaited_once_with(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Assert that the member was awaited once, with these arguments."""
        ...

    def assert_any_await(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Assert that some await had these arguments."""
        ...


@overload
def on(member: Callable[P, Awaitable[R]], /) -> AsyncMemberBuilder[P, R]: ...
@overload
def on(member: Callable[P, R], /) -> MemberBuilder[P, R]: ...
def on(member: Any, /) -> Any:
    """Configure a member of a double with arguments checked against its spec.

    ``fakes.on(repo.get).returns(value)`` does what ``repo.get.returns(value)``
    does, but mypy and pyright check ``value`` against what ``UserRepo.get``
    returns (after ``await`` for an async member), and the arguments of
    ``.when(...)`` against its parameters.

    Args:
        member: A callable double: a member of a double
            (``repo.get``), a double of a function, a class double, or a
            double of an object whose spec defines ``__call__``.

    Returns:
        ``member`` itself (for a callable object, its ``__call__`` double),
        typed as a builder of its configuration.

    Raises:
        FakesTypeError: ``member`` is not a callable double.

    Example:
        >>> import asyncio, fakes
        >>> class UserRepo:
        ...     async def get(self, user_id: int) -> dict: ...
        >>> repo = fakes.async_double(UserRepo)
        >>> _ = fakes.on(repo.get).returns({"id": 1})
        >>> asyncio.run(repo.get(1))
        {'id': 1}
        >>> fakes.on(repo)
        Traceback (most recent call last):
        fakes.errors.FakesTypeError: fakes.on() takes a callable double, but ...
    """
    if isinstance(member, _CALLABLE_DOUBLES):
        return member
    if isinstance(member, _Recorder):
        if callable(member):
            # A double of an object whose spec defines ``__call__``: calling
            # the double calls that member, so that is what to configure.
            return member.__call__
        raise FakesTypeError(_render.on_not_callable(member._fakes_label()))
    raise FakesTypeError(_render.on_not_a_double(member))
