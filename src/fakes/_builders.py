"""The builders ``fakes.on(member)`` gives: typed configuration of a member.

A builder holds the double and configures it through the library's own
functions, never through the double's attributes: a spec whose class has a
member called ``returns``, ``when`` or ``gate`` keeps that member on the
double, and its configuration is still reachable here. Each builder is
generic in the member's parameters ``P`` and its (awaited) return type, so
mypy and pyright check every value and argument given to it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, Protocol, TypeVar
from unittest import mock

from typing_extensions import Self

from fakes._double.recorder import Recorder
from fakes._double.short_forms import SHORT_FORMS, ShortForms
from fakes._gate import Gate
from fakes._script import Ending, Step

__all__ = [
    "AsyncMemberBuilder",
    "Builder",
    "MemberBuilder",
    "RuleBuilder",
    "ScriptStep",
    "label_of",
    "stdlib",
]

P = ParamSpec("P")
R_contra = TypeVar("R_contra", contravariant=True)

#: A step of a script that fits any member: an exception to raise (instance
#: or class), or the final ``fakes.repeat_last()`` / ``fakes.cycle()``.
ScriptStep = BaseException | type[BaseException] | Ending


_STDLIB_CALLED: Any = mock.NonCallableMock.called


def label_of(double: Any) -> str:
    """The double's dotted name (read without touching its attributes)."""
    return Recorder._fakes_label(double)


def stdlib(double: Any, name: str) -> Any:
    """The ``unittest.mock`` attribute ``name`` of a double, read from its class.

    An attribute of the instance (a spec member of that name) cannot hide it.
    """
    return getattr(type(double), name).__get__(double, type(double))


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
        >>> _ = fakes.on(prices.get).when("milk").script(1, fakes.repeat_last())
        >>> asyncio.run(prices.get("tea"))
        3
    """

    def returns(self, value: R_contra, /) -> object:
        """Make calls that match the rule return ``value``."""
        ...

    def raises(self, error: BaseException | type[BaseException], /) -> object:
        """Make calls that match the rule raise ``error``."""
        ...

    def script(self, *steps: R_contra | Step[R_contra] | ScriptStep) -> object:
        """Make calls that match the rule consume ``steps``, one per call."""
        ...


class Builder:
    """What every builder is: a handle on one double."""

    __slots__ = ("_double",)

    def __init__(self, double: Any) -> None:
        self._double = double

    def __repr__(self) -> str:
        return f"fakes.on({label_of(self._double)})"

    if not TYPE_CHECKING:
        # Hidden from the checkers, so that they still reject a configuration
        # the member cannot take. Untyped code that calls one anyway gets the
        # refusal the double's own short form gives (``repo.get.yields()`` on
        # an async member), not an AttributeError of the builder.

        def __getattr__(self, name: str) -> Any:
            if name in _DOUBLE_ONLY:
                return functools.partial(getattr(ShortForms, name), self._double)
            return object.__getattribute__(self, name)


#: The short forms a builder without them passes to the double.
_DOUBLE_ONLY = SHORT_FORMS - {"called"}


class MemberBuilder(Builder, Generic[P, R_contra]):
    """What ``fakes.on(member)`` gives for a sync member: typed configuration.

    ``P`` is the member's parameters and ``R_contra`` its return type. The
    stdlib call assertions are here too, with arguments checked against
    ``P``; ``unittest.mock.ANY`` fits any parameter. Every method that
    configures returns the builder, so calls chain.

    Example:
        >>> import fakes
        >>> class Settings:
        ...     def get(self, key: str) -> str: ...
        >>> settings = fakes.async_double(Settings)
        >>> builder = fakes.on(settings.get).returns("on")
        >>> settings.get("feature")
        'on'
        >>> builder.assert_called_once_with("feature")
        >>> _ = builder.answers(lambda key: key.upper())
        >>> settings.get("beta")
        'BETA'
    """

    __slots__ = ()

    @property
    def call_count(self) -> int:
        """How many times the member was called."""
        count: int = stdlib(self._double, "call_count")
        return count

    @property
    def called(self) -> bool:
        """Whether the member was called: the stdlib's flag.

        Also when the spec has a member named ``called``, which
        ``double.called`` then gives.
        """
        return bool(_STDLIB_CALLED.__get__(self._double))

    def returns(self, value: R_contra, /) -> Self:
        """Make every call return ``value``."""
        ShortForms.returns(self._double, value)
        return self

    def raises(self, error: BaseException | type[BaseException], /) -> Self:
        """Make every call raise ``error``."""
        ShortForms.raises(self._double, error)
        return self

    def script(self, *steps: R_contra | ScriptStep) -> Self:
        """Consume one step per call: return a value or raise an exception.

        End with ``fakes.repeat_last()`` or ``fakes.cycle()`` to go on after
        the last step; otherwise one call too many raises
        ``ScriptExhaustedError``.
        """
        ShortForms.script(self._double, *steps)
        return self

    def answers(self, answer: Callable[P, R_contra], /) -> Self:
        """Compute each call's result with ``answer``, from its arguments.

        The call's arguments are bound to the member's signature, defaults
        applied: parameters named as the member's get them by name.
        """
        ShortForms.answers(self._double, answer)
        return self

    def when(self, *args: P.args, **kwargs: P.kwargs) -> RuleBuilder[R_contra]:
        """Start a rule for the calls made with these arguments."""
        rule: RuleBuilder[R_contra] = ShortForms.when(self._double, *args, **kwargs)
        return rule

    def _assert(self, name: str, *args: Any, **kwargs: Any) -> None:
        __tracebackhide__ = True
        stdlib(self._double, name)(*args, **kwargs)

    def assert_called(self) -> None:
        """Assert that the member was called at least once."""
        __tracebackhide__ = True
        self._assert("assert_called")

    def assert_called_once(self) -> None:
        """Assert that the member was called exactly once."""
        __tracebackhide__ = True
        self._assert("assert_called_once")

    def assert_not_called(self) -> None:
        """Assert that the member was never called."""
        __tracebackhide__ = True
        self._assert("assert_not_called")

    def assert_called_with(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Assert that the last call had these arguments."""
        __tracebackhide__ = True
        self._assert("assert_called_with", *args, **kwargs)

    def assert_called_once_with(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Assert that the member was called once, with these arguments."""
        __tracebackhide__ = True
        self._assert("assert_called_once_with", *args, **kwargs)

    def assert_any_call(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Assert that some call had these arguments."""
        __tracebackhide__ = True
        self._assert("assert_any_call", *args, **kwargs)


class AsyncMemberBuilder(MemberBuilder[P, R_contra]):
    """What ``fakes.on(member)`` gives for an async member: typed configuration.

    ``R_contra`` is what an await of the member gives. On top of what
    :class:`MemberBuilder` has: script steps that wait (``fakes.delay``,
    ``fakes.hang``), answers that are ``async def``, gates, and the stdlib
    await assertions.

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
        >>> _ = builder.script({"id": 2}, fakes.delay(0.01, {"id": 3}))
        >>> asyncio.run(repo.get(2)), asyncio.run(repo.get(3))
        ({'id': 2}, {'id': 3})
    """

    __slots__ = ()

    @property
    def await_count(self) -> int:
        """How many times the member was awaited."""
        count: int = stdlib(self._double, "await_count")
        return count

    def script(self, *steps: R_contra | Step[R_contra] | ScriptStep) -> Self:
        """Consume one step per call: a value, an exception, or a step.

        Steps may wait: ``fakes.delay(seconds, step)`` and ``fakes.hang()``.
        """
        ShortForms.script(self._double, *steps)
        return self

    def answers(
        self,
        answer: Callable[P, R_contra] | Callable[P, Coroutine[Any, Any, R_contra]],
        /,
    ) -> Self:
        """Compute each await's result with ``answer`` (sync or ``async def``).

        The call's arguments are bound to the member's signature, defaults
        applied: parameters named as the member's get them by name.
        """
        ShortForms.answers(self._double, answer)
        return self

    def gate(self) -> Gate:
        """Hold every await of the member until the gate releases it."""
        return ShortForms.gate(self._double)

    def assert_awaited(self) -> None:
        """Assert that the member was awaited at least once."""
        __tracebackhide__ = True
        self._assert("assert_awaited")

    def assert_awaited_once(self) -> None:
        """Assert that the member was awaited exactly once."""
        __tracebackhide__ = True
        self._assert("assert_awaited_once")

    def assert_not_awaited(self) -> None:
        """Assert that the member was never awaited."""
        __tracebackhide__ = True
        self._assert("assert_not_awaited")

    def assert_awaited_with(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Assert that the last await had these arguments."""
        __tracebackhide__ = True
        self._assert("assert_awaited_with", *args, **kwargs)

    def assert_awaited_once_with(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Assert that the member was awaited once, with these arguments."""
        __tracebackhide__ = True
        self._assert("assert_awaited_once_with", *args, **kwargs)

    def assert_any_await(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Assert that some await had these arguments."""
        __tracebackhide__ = True
        self._assert("assert_any_await", *args, **kwargs)
