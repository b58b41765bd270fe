"""The async-context-manager double: ``fakes.async_context`` and its records.

:class:`AsyncContextDouble` records ``entered`` and ``exited`` (with the
exception that left the block), decides what entering gives and which
exceptions leaving suppresses, and asserts on its entries and exits. Every
async-context-manager double has one: the standalone ``fakes.async_context(...)``
is one, and the doubles that are async context managers keep one as their
state (``fakes._context_protocol``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from unittest import mock

from fakes import _render
from fakes._double.not_awaitable import RefusesAwait
from fakes._ledger import ENTERED, EXITED, Ledger, current_ledger
from fakes._runtime import interruption_class, is_interruption
from fakes._script import fresh
from fakes._stdlib import Call, is_exception
from fakes.errors import FakesAssertionError, FakesTypeError, NotAwaitableError

__all__ = [
    "UNSET",
    "AsyncContextDouble",
    "async_context",
    "check_error",
    "check_suppress",
]

_Call: Any = Call
_DEFAULT = mock.DEFAULT
UNSET: Any = object()


def check_error(label: str, what: str, error: Any) -> None:
    """Refuse an ``enter_raises=`` or ``exit_raises=`` that is not an exception."""
    if error is not None and not is_exception(error):
        raise FakesTypeError(_render.context_not_exception(label, what, error))


def check_suppress(label: str, suppress: Any) -> None:
    """Refuse a ``suppress=`` other than a bool or exception classes to swallow."""
    if suppress is True or suppress is False:
        return
    classes = suppress if isinstance(suppress, tuple) else (suppress,)
    for cls in classes:
        if not (isinstance(cls, type) and issubclass(cls, BaseException)):
            raise FakesTypeError(_render.context_bad_suppress(label, suppress))
        if interruption_class(cls):
            raise FakesTypeError(_render.context_suppress_interruption(label, cls))


class AsyncContextDouble(RefusesAwait):
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
        self._value: Any = UNSET
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

    def _fakes_not_awaitable(self) -> NotAwaitableError:
        member = self._owner is not self
        return NotAwaitableError(_render.awaited_context(self._label, member))

    def enters(
        self,
        value: Any = None,
        *,
        enter_raises: Any = None,
        exit_raises: Any = None,
        suppress: Any = False,
    ) -> AsyncContextDouble:
        """Configure entering and leaving; see :func:`fakes.async_context`."""
        check_error(self._label, "enter_raises", enter_raises)
        check_error(self._label, "exit_raises", exit_raises)
        check_suppress(self._label, suppress)
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
        if value is UNSET:
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
        """Record an entry and return the configured value (or ``UNSET``)."""
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
            self._value is not UNSET
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
