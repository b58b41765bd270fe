"""Async-context-manager doubles: ``fakes.async_context`` and its kin.

Three kinds of double are async context managers: the standalone
``fakes.async_context(...)``; a member decorated with ``@asynccontextmanager``
or annotated as returning one (each call returns the member's one
context-manager double, as ``return_value`` does); and a double of a class
with ``__aenter__``/``__aexit__`` (or a double without a spec). All record
``entered`` and ``exited`` (with the exception that left the block) and share
the configuration and assertions of :class:`AsyncContextDouble`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Generator
from typing import Any
from unittest import mock

from fakes import _render
from fakes._behaviour import (
    Behaviour,
    DoubleBehaviour,
    set_behaviour,
    stdlib_configured,
)
from fakes._double.state import state_of, stdlib_await
from fakes._kinds import Kind
from fakes._ledger import ENTERED, EXITED, Ledger, current_ledger
from fakes._member import declare
from fakes._runtime import interruption_class, is_interruption
from fakes._script import fresh
from fakes._stdlib import (
    Call,
    call_stdlib,
    is_exception,
    set_raw_return_value,
)
from fakes.errors import FakesAssertionError, FakesTypeError, ProtocolMismatchError

__all__ = [
    "AsyncContextDouble",
    "AwaitableContextDouble",
    "async_context",
    "configure",
    "context_of",
    "magic_hook",
]

_Call: Any = Call
_DEFAULT = mock.DEFAULT
_UNSET: Any = object()


def _check_error(label: str, what: str, error: Any) -> None:
    if error is not None and not is_exception(error):
        raise FakesTypeError(_render.context_not_exception(label, what, error))


def _check_suppress(label: str, suppress: Any) -> None:
    if suppress is True or suppress is False:
        return
    classes = suppress if isinstance(suppress, tuple) else (suppress,)
    for cls in classes:
        if not (isinstance(cls, type) and issubclass(cls, BaseException)):
            raise FakesTypeError(_render.context_bad_suppress(label, suppress))
        if interruption_class(cls):
            raise FakesTypeError(_render.context_suppress_interruption(label, cls))


class AsyncContextDouble:
    """An async context manager double that records entering and leaving.

    Attributes:
        entered: How many times it was entered.
        exits: The exception that left the block, per exit (``None`` when the
            block finished normally), oldest first.

    Example:
        >>> import asyncio, fakes
        >>> tx = fakes.async_context(enters="session", name="tx")
        >>> async def main() -> str:
        ...     async with tx as session:
        ...         return session
        >>> asyncio.run(main())
        'session'
        >>> tx.entered, tx.exits
        (1, [None])
        >>> tx.assert_exited_cleanly()
    """

    def __init__(self, label: str | None, owner: Any = None) -> None:
        # A member's context is named by its double, worked out when shown.
        self._name = label
        self._owner = self if owner is None else owner
        self._value: Any = _UNSET
        self._enter_raises: Any = None
        self._exit_raises: Any = None
        self._suppress: Any = False
        self._call: Any = None
        self._open: list[int] = []
        self._ledger: Ledger | None = None
        self._default: Any = None
        self._members: Any = None
        self.entered = 0
        self.exits: list[BaseException | None] = []

    @property
    def _label(self) -> str:
        name = self._name
        if name is None:
            name = self._name = self._owner._fakes_label()
        return name

    def _fakes_label(self) -> str:
        return self._label

    def enters(
        self,
        value: Any = None,
        *,
        enter_raises: Any = None,
        exit_raises: Any = None,
        suppress: Any = False,
    ) -> AsyncContextDouble:
        """Configure entering and leaving; see :func:`fakes.async_context`."""
        _check_error(self._label, "enter_raises", enter_raises)
        _check_error(self._label, "exit_raises", exit_raises)
        _check_suppress(self._label, suppress)
        self._value = value
        self._enter_raises = enter_raises
        self._exit_raises = exit_raises
        self._suppress = suppress
        return self

    def _bind(self, call: Any) -> AsyncContextDouble:
        """Remember the arguments of the call that produced this manager."""
        self._call = call
        self._ledger = current_ledger()
        return self

    async def __aenter__(self) -> Any:
        value = self._enter(self._call)
        if value is _UNSET:
            value = self._default()
        return value

    def _default_from(self, make: Callable[[], Any]) -> None:
        """Enter what ``make()`` builds (once) until ``enters()`` says otherwise."""
        self._default = functools.cache(make)

    def _members_from(self, make: Callable[[], Any]) -> None:
        """Read other attributes from what ``make()`` builds (once), if anything.

        A member annotated as returning a class of the user's (``-> Pipeline``)
        gives an object that has that class's members besides entering.
        """
        self._members = functools.cache(make)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            # Private and magic names (copy, pickle) never reach the members.
            raise AttributeError(name)
        members = self.__dict__.get("_members")
        target = None if members is None else members()
        if target is None:
            raise AttributeError(_render.context_no_attribute(self._label, name))
        return getattr(target, name)

    async def __aexit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        return self._exit(exc_type, exc)

    def _enter(self, call: Any) -> Any:
        """Record an entry and return the configured value (or ``_UNSET``)."""
        error = self._enter_raises
        if error is not None:
            raise fresh(error)
        ledger = self._ledger or current_ledger()
        if call is None:
            call = _Call(((), {}), two=True)
        self._open.append(ledger.record(ENTERED, self._owner, -1, call))
        self.entered += 1
        return self._value

    def _exit(self, exc_type: Any, exc: Any) -> bool:
        """Record an exit; return whether the exception is suppressed.

        An exit with no entry open (``__aexit__`` awaited directly) ends no
        block: nothing is recorded for it.
        """
        if self._open:
            ledger = self._ledger or current_ledger()
            error = exc_type() if exc is None and exc_type is not None else exc
            ledger.record(EXITED, self._owner, self._open.pop(), error)
            self.exits.append(error)
        if self._exit_raises is not None:
            raise self._exit_raises
        return self._suppresses(exc_type, exc)

    def _suppresses(self, exc_type: Any, exc: Any) -> bool:
        """Whether ``enters(suppress=...)`` suppresses this exception.

        Cancellation, ``KeyboardInterrupt`` and ``SystemExit`` always leave
        the block: swallowing them would make a timeout or a cancel scope
        around the block do nothing.
        """
        if exc is None and exc_type is not None:
            exc = exc_type()
        suppress = self._suppress
        if exc is None or suppress is False or is_interruption(exc):
            return False
        if suppress is True:
            return True
        return isinstance(exc, suppress)

    def _configured(self) -> bool:
        return (
            self._value is not _UNSET
            or self._enter_raises is not None
            or self._exit_raises is not None
            or self._suppress is not False
        )

    def assert_entered_once(self) -> None:
        """Assert that the block was entered exactly once.

        Raises:
            FakesAssertionError: It was entered another number of times.
        """
        __tracebackhide__ = True
        if self.entered != 1:
            raise FakesAssertionError(
                _render.context_entered_count(self._label, self.entered)
            )

    def assert_exited_with(self, error_type: type[BaseException]) -> None:
        """Assert that the last exit was by an exception of ``error_type``.

        Raises:
            FakesAssertionError: It has not exited, or exited otherwise.
        """
        __tracebackhide__ = True
        last = self._last_exit()
        if not isinstance(last, error_type):
            raise FakesAssertionError(
                _render.context_exited_otherwise(self._label, error_type, self.exits)
            )

    def assert_exited_cleanly(self) -> None:
        """Assert that the last exit was without an exception.

        Raises:
            FakesAssertionError: It has not exited, or an exception left the block.
        """
        __tracebackhide__ = True
        if self._last_exit() is not None:
            raise FakesAssertionError(
                _render.context_exited_otherwise(self._label, None, self.exits)
            )

    def _last_exit(self) -> BaseException | None:
        __tracebackhide__ = True
        if self._open or not self.exits:
            raise FakesAssertionError(
                _render.context_not_exited(self._label, self.entered, len(self.exits))
            )
        return self.exits[-1]

    def __repr__(self) -> str:
        return (
            f"<async_context {self._label}: entered {self.entered}, "
            f"exited {len(self.exits)}>"
        )


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
        if value is _UNSET:
            value = self._default()
        return value


def async_context(
    enters: Any = None,
    *,
    enter_raises: Any = None,
    exit_raises: Any = None,
    suppress: Any = False,
    name: str = "async_context",
) -> AsyncContextDouble:
    """An async context manager double.

    Args:
        enters: What ``async with ... as x`` binds to ``x``.
        enter_raises: An exception raised on entering, instead of entering.
        exit_raises: An exception raised on leaving (after recording the exit).
        suppress: Whether an exception that leaves the block is swallowed:
            ``False`` (default), ``True`` for any exception, or an exception
            class or tuple of classes. Cancellation (asyncio's and trio's),
            ``KeyboardInterrupt``, ``SystemExit`` and ``GeneratorExit`` are
            never swallowed.
        name: The name shown in the ledger and in messages.

    Returns:
        The double; configure it again later with ``enters(...)``.

    Raises:
        FakesTypeError: ``name`` is not a string, or ``suppress=``,
            ``enter_raises=`` or ``exit_raises=`` is not what it takes.

    Example:
        >>> import asyncio, fakes
        >>> conn = fakes.async_context(enters="session", name="conn")
        >>> async def main():
        ...     async with conn as session:
        ...         return session
        >>> asyncio.run(main())
        'session'
        >>> conn.assert_entered_once()
        >>> conn.assert_exited_cleanly()
    """
    if not isinstance(name, str):
        raise FakesTypeError(_render.async_context_bad_name(name))
    double = AsyncContextDouble(name)
    return double.enters(
        enters, enter_raises=enter_raises, exit_raises=exit_raises, suppress=suppress
    )


class ContextFactory:
    """The behaviour of an async-context-manager member: its one manager."""

    __slots__ = ("context",)

    def __init__(self, context: AsyncContextDouble) -> None:
        self.context = context

    async def __call__(
        self, double: Any, call: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        """An await gives what a call gives (only sync doubles hold this)."""
        return self.call_sync(double, -1, args, kwargs)

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

    def call_sync(
        self, double: Any, seq: int, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        """A sync call goes to the stdlib (only async doubles hold this)."""
        return call_stdlib(double, args, kwargs)

    def configurable(self) -> Behaviour:
        """The method's gate, rules and script, created on first use."""
        inner = self._inner
        if isinstance(inner, _MagicDefault):
            inner = self._inner = Behaviour(inner)
        return inner

    def without_defaults(self) -> _MagicHook:
        context = state_of(self._owner).context
        if context is not None and self._name == "__aenter__":
            context._value = _UNSET
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
            if value is not _UNSET:
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

    def call_sync(
        self, double: Any, seq: int, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        """A sync call goes to the stdlib (only async doubles hold this)."""
        return call_stdlib(double, args, kwargs)

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
    _check_error(label, "enter_raises", options["enter_raises"])
    _check_error(label, "exit_raises", options["exit_raises"])
    _check_suppress(label, options["suppress"])
    context_of(double).enters(value, **options)
