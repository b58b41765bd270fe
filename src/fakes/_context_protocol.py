"""Doubles that are async context managers, and how they record.

Two kinds of double are async context managers besides the standalone
``fakes.async_context(...)``: a member decorated with ``@asynccontextmanager``
or annotated as returning one (each call returns the member's one
context-manager double, as ``return_value`` does), and a double of a class
with ``__aenter__``/``__aexit__`` (or a double without a spec), whose magic
methods record through hooks. Both keep an :class:`AsyncContextDouble` as
their state and share its configuration and assertions.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any
from unittest import mock

from fakes import _render
from fakes._async_context import (
    UNSET,
    AsyncContextDouble,
    check_error,
    check_suppress,
)
from fakes._behaviour import (
    Behaviour,
    DoubleBehaviour,
    await_as_call,
    call_through_stdlib,
    set_behaviour,
    stdlib_configured,
)
from fakes._double.state import state_of, stdlib_await
from fakes._kinds import Kind
from fakes._member import declare
from fakes._stdlib import Call, set_raw_return_value
from fakes.errors import ProtocolMismatchError

__all__ = [
    "AwaitableContextDouble",
    "configure",
    "context_of",
    "magic_hook",
]

_Call: Any = Call


class AwaitableContextDouble(AsyncContextDouble):
    """The result of a member that is entered or awaited, as an HTTP request is.

    Awaiting it gives what entering would (the configured value, or the
    default), or raises ``enter_raises``; it records no entry.
    """

    def __await__(self) -> Generator[Any, None, Any]:
        return self._awaited().__await__()

    async def _awaited(self) -> Any:
        error = self._enter_raises
        if error is not None:
            raise error
        value = self._value
        if value is UNSET:
            value = self._default()
        return value


class ContextFactory:
    """The behaviour of an async-context-manager member: its one manager."""

    __slots__ = ("context",)

    def __init__(self, context: AsyncContextDouble) -> None:
        self.context = context

    __call__ = await_as_call  # only sync doubles hold this

    def configurable(self) -> None:
        """None: configuration wraps this behaviour as its default."""

    def call_sync(
        self, double: Any, seq: int, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> AsyncContextDouble:
        return self.context._bind(_Call((args, kwargs), two=True))

    def without_defaults(self) -> None:
        return None


class _MagicHook:
    """The behaviour of ``__aenter__``/``__aexit__`` of a double.

    It records the entry or exit first, whatever else is configured on the
    method: a gate, rules or a script (:meth:`configurable`) run after the
    record, and fall back to the manager's own value.
    """

    __slots__ = ("_inner", "_name", "_owner")

    def __init__(self, owner: Any, name: str) -> None:
        self._owner = owner
        self._name = name
        self._inner: Behaviour | _MagicDefault = _MagicDefault(owner, name)

    async def __call__(
        self, double: Any, call: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        context = context_of(self._owner)
        if self._name == "__aenter__":
            context._enter(call)
        else:
            context._exit(*(*args, None, None)[:2])
        return await self._inner(double, call, args, kwargs)

    call_sync = call_through_stdlib  # only awaitable doubles hold this

    def configurable(self) -> Behaviour:
        """The method's gate, rules and script, created on first use."""
        inner = self._inner
        if isinstance(inner, _MagicDefault):
            inner = self._inner = Behaviour(inner)
        return inner

    def without_defaults(self) -> _MagicHook:
        context = state_of(self._owner).context
        if context is not None and self._name == "__aenter__":
            context._value = UNSET
        # Forgets a script in place; the default behind it always stays.
        self._inner.without_defaults()
        return self


class _MagicDefault:
    """What ``__aenter__``/``__aexit__`` give when nothing on them decides."""

    __slots__ = ("_name", "_owner")

    def __init__(self, owner: Any, name: str) -> None:
        self._owner = owner
        self._name = name

    async def __call__(
        self, double: Any, call: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        context = context_of(self._owner)
        if self._name == "__aenter__":
            value = context._value
            if value is not UNSET:
                return value
            if (
                not stdlib_configured(double)
                and not context._configured()
                and _returns_owner(double, self._owner)
            ):
                return self._owner
            return await stdlib_await(double, args, kwargs)
        if context._configured() or not stdlib_configured(double):
            return context._suppresses(*(*args, None, None)[:2])
        return await stdlib_await(double, args, kwargs)

    call_sync = call_through_stdlib  # only awaitable doubles hold this

    def configurable(self) -> None:
        """None: configuration wraps this behaviour as its default."""

    def without_defaults(self) -> _MagicDefault:
        return self


def _returns_owner(double: Any, owner: Any) -> bool:
    """Whether ``__aenter__`` is annotated to return the spec's own class.

    ``-> Self``, a self-typed ``TypeVar`` and the class's own name (or a
    base's: the object is one) all say that entering gives the object itself.
    """
    member = state_of(double).member
    spec = state_of(owner).spec
    if member is None or spec is None:
        return False
    returns = member.return_class()
    return isinstance(returns, type) and issubclass(spec.cls, returns)


def magic_hook(owner: Any, name: str) -> DoubleBehaviour:
    """The behaviour to give ``owner.__aenter__`` or ``owner.__aexit__``."""
    return _MagicHook(owner, name)


def _check_context(double: Any) -> bool:
    """Whether the double is a context-manager member, or usable in ``async with``.

    ``True`` for an async-context-manager member, ``False`` for a double
    entered itself. Changes nothing.

    Raises:
        ProtocolMismatchError: The double is not an async context manager.
    """
    own = state_of(double)
    member = own.member
    if member is not None and member.kind is Kind.ASYNC_CM:
        return True
    spec = own.spec
    # A double without a member is an AsyncMock only when it has no spec.
    if member is None and (
        isinstance(double, mock.AsyncMock)
        or (spec is not None and spec.member("__aenter__") is not None)
    ):
        return False
    kind = None if member is None else member.kind.value
    raise ProtocolMismatchError(_render.not_async_context(double._fakes_label(), kind))


def context_of(double: Any) -> AsyncContextDouble:
    """The context-manager state of a double, created on first use.

    Raises:
        ProtocolMismatchError: The double is not an async context manager.
    """
    own = state_of(double)
    context: AsyncContextDouble | None = own.context
    if context is not None:
        return context
    is_member = _check_context(double)
    make = AsyncContextDouble
    if is_member and own.member.result_awaitable():
        make = AwaitableContextDouble
    context = own.context = make(None, double)
    if is_member:
        set_behaviour(double, ContextFactory(context))
        # Its return_value, as for a mock; set directly, not as configuration.
        set_raw_return_value(double, context)
    # Otherwise its __aenter__ and __aexit__ record through the hooks they
    # were made with (magic_hook).
    return context


def configure(double: Any, value: Any, **options: Any) -> None:
    """``double.enters(value, **options)``: all checks first, then the change.

    Raises:
        ProtocolMismatchError: The double is not an async context manager.
        FakesTypeError: An option is refused.
    """
    if state_of(double).context is None:
        declare(double, Kind.ASYNC_CM)
        _check_context(double)
    label = double._fakes_label()
    check_error(label, "enter_raises", options["enter_raises"])
    check_error(label, "exit_raises", options["exit_raises"])
    check_suppress(label, options["suppress"])
    context_of(double).enters(value, **options)
