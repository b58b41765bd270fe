"""The callable doubles: ``AsyncDouble`` and its await path, ``SyncDouble``.

Every call and every await of these doubles writes to the current ledger;
a spec'd double checks each call against the spec's signature when it is
made. ``AsyncDouble`` awaits the configured behaviour, or does what
``AsyncMock`` does, with the stdlib's semantics.
"""

from __future__ import annotations

import inspect
from typing import Any
from unittest import mock

from fakes import _render, _script
from fakes._double.fastmock import FastMockMixin, public_class, recorded_call
from fakes._double.optional_await import OptionalAwait
from fakes._double.recorder import Recorder
from fakes._double.state import KEY, state_of
from fakes._ledger import (
    CALLED,
    CANCELLED,
    RAISED,
    RETURNED,
    STARTED,
    current_ledger,
)
from fakes._runtime import is_cancellation
from fakes._schedule import HOOK as _EXPLORING
from fakes._stdlib import ASYNC_MAGICS, SYNC_MAGICS, is_callable, is_exception
from fakes.errors import AwaitedSyncMemberError, NotAwaitableError

__all__ = ["AsyncDouble", "SyncDouble"]

_DEFAULT = mock.DEFAULT


class AsyncDouble(Recorder, FastMockMixin, mock.AsyncMock):
    """An awaitable double: an ``AsyncMock`` that records every await.

    A drop-in for ``unittest.mock.AsyncMock``: it takes the same arguments
    (``spec``, ``return_value``, ``side_effect``, ``wraps``, ``name``, ...),
    keeps the stdlib semantics, works as ``new_callable=`` of
    ``unittest.mock.patch``, and adds the ledger, ``returns()``,
    ``script()``, ``when()`` and ``gate()``. Every awaitable double is an
    instance of it, including those :func:`fakes.async_double` and
    :func:`fakes.patch_async` build; prefer those for a spec'd double, whose
    members follow the spec.

    Example:
        >>> import asyncio, fakes
        >>> from unittest import mock
        >>> fetch = fakes.AsyncDouble(return_value={"id": 1})
        >>> asyncio.run(fetch(1))
        {'id': 1}
        >>> fetch.assert_awaited_once_with(1)
        >>> target = "asyncio.open_connection"
        >>> with mock.patch(target, new_callable=fakes.AsyncDouble) as connect:
        ...     _ = asyncio.run(asyncio.open_connection("db", 5432))
        >>> connect.assert_awaited_once_with("db", 5432)
        >>> isinstance(fakes.async_double(asyncio.sleep), fakes.AsyncDouble)
        True
    """

    def __call__(self, /, *args: Any, **kwargs: Any) -> Any:
        member = self.__dict__[KEY].member
        if member is not None:
            member.check(args, kwargs, self)
        self._mock_check_sig(*args, **kwargs)
        call = self._fakes_increment(args, kwargs)
        if member is not None and member.optional_await():
            return OptionalAwait(self._fakes_execute(call, args, kwargs))
        return self._fakes_execute(call, args, kwargs)

    def _execute_mock_call(self, /, *args: Any, **kwargs: Any) -> Any:
        return self._fakes_execute(recorded_call((args, kwargs)), args, kwargs)

    def _fakes_execute(self, call: Any, args: Any, kwargs: Any) -> Any:
        ledger = current_ledger()
        seq = ledger.record(CALLED, self, -1, call)
        return self._fakes_run(ledger, seq, call, args, kwargs)

    async def _fakes_run(
        self, ledger: Any, seq: int, call: Any, args: Any, kwargs: Any
    ) -> Any:
        ledger.record(STARTED, self, seq, None)
        state = self.__dict__
        plain = state["_mock_delegate"] is None
        if plain:
            state["_mock_await_count"] += 1
            state["_mock_await_args"] = call
            state["_mock_await_args_list"].append(call)
        else:
            self.await_count += 1
            self.await_args = call
            self.await_args_list.append(call)
        try:
            if _EXPLORING:  # fakes.explore holds the await until it picks it
                await _EXPLORING[0](self, seq)
            behaviour = state[KEY].behaviour
            if behaviour is not None:
                result = await behaviour(self, call, args, kwargs)
            elif (
                plain
                and state["_mock_side_effect"] is None
                and state["_mock_return_value"] is not _DEFAULT
            ):
                # Only a return value is configured (the common case): what
                # the stdlib path returns, without its second coroutine.
                result = state["_mock_return_value"]
            else:
                result = await self._fakes_stdlib(args, kwargs)
        except BaseException as error:
            ledger.record(
                CANCELLED if is_cancellation(error) else RAISED, self, seq, error
            )
            raise
        ledger.record(RETURNED, self, seq, None)
        return result

    async def _fakes_stdlib(self, args: Any, kwargs: Any) -> Any:
        """What ``AsyncMock`` does when awaited, with stdlib semantics.

        The await itself is counted by ``_fakes_run``, before any behaviour.
        An awaitable double (``_double.awaitable``) takes this path too, with
        its own ``_fakes_await_default``.
        """
        state = self.__dict__
        effect = self.side_effect
        if effect is not None:
            if is_exception(effect):
                raise _script.fresh(effect)
            if not is_callable(effect):
                try:
                    result = next(effect)
                except StopIteration:
                    # The stdlib's choice, kept for compatibility; the ledger
                    # records it as raised so that verification reports it.
                    raise StopAsyncIteration from None
                if is_exception(result):
                    raise result
            elif inspect.iscoroutinefunction(effect):
                result = await effect(*args, **kwargs)
            else:
                result = effect(*args, **kwargs)
            if result is not _DEFAULT:
                return result
        if state["_mock_return_value"] is not _DEFAULT:
            return self.return_value
        wraps = state["_mock_wraps"]
        if wraps is not None:
            if inspect.iscoroutinefunction(wraps):
                return await wraps(*args, **kwargs)
            return wraps(*args, **kwargs)
        return self._fakes_await_default()

    def _fakes_await_default(self) -> Any:
        """What an await gives when nothing is configured: ``return_value``."""
        return self.return_value

    def _fakes_not_awaitable(self) -> NotAwaitableError:
        """What awaiting the double itself, not a call of it, raises."""
        return _uncalled(self, is_async=True)

    def __dir__(self) -> list[str]:
        # An AsyncMock keeps __code__ in its own __dict__, where dir() finds
        # it; a double builds it on first use, from its class.
        names: list[str] = super().__dir__()
        return names if "__code__" in names else sorted([*names, "__code__"])

    def _fakes_child_class(self, new_name: Any) -> type:
        if new_name in self.__dict__["_spec_asyncs"] or new_name in ASYNC_MAGICS:
            return AsyncDouble
        if new_name in SYNC_MAGICS:
            return _MagicDouble
        methods = self._mock_methods
        if methods and new_name in methods:
            return SyncDouble
        return AsyncDouble


# A call dropped without being awaited warns "coroutine
# 'AsyncMockMixin._execute_mock_call' was never awaited", word for word as
# for an AsyncMock, so that warning filters written for one apply to the
# other. Tracebacks still show the code's own name.
_RUN: Any = vars(AsyncDouble)["_fakes_run"]
_RUN.__name__ = "_execute_mock_call"
_RUN.__qualname__ = "AsyncMockMixin._execute_mock_call"


class SyncDouble(Recorder, FastMockMixin, mock.MagicMock):
    """A plain callable double: a ``MagicMock`` that records every call.

    A drop-in for ``unittest.mock.MagicMock`` (same arguments, same
    semantics, also as ``new_callable=``) that writes each call to the
    ledger. Sync members of a spec are ``SyncDouble`` objects; its async
    magic methods (``__aenter__``, ``__anext__``, ...) are ``AsyncDouble``.

    Example:
        >>> import fakes
        >>> def parse(text: str) -> int: ...
        >>> double = fakes.async_double(parse).returns(3)
        >>> double("3")
        3
        >>> isinstance(double, fakes.SyncDouble)
        True
        >>> fakes.SyncDouble(return_value=2)("x")
        2
    """

    def __call__(self, /, *args: Any, **kwargs: Any) -> Any:
        member = self.__dict__[KEY].member
        if member is not None:
            member.check(args, kwargs, self)
        self._mock_check_sig(*args, **kwargs)
        call = self._fakes_increment(args, kwargs)
        ledger = current_ledger()
        seq = ledger.record(CALLED, self, -1, call)
        try:
            behaviour = self.__dict__[KEY].behaviour
            if behaviour is None:
                result = self._mock_call(*args, **kwargs)
            else:
                # Sync doubles take a sync behaviour: call_sync(double, seq, ...).
                result = behaviour.call_sync(self, seq, args, kwargs)
        except BaseException as error:
            ledger.record(RAISED, self, seq, error)
            raise
        ledger.record(RETURNED, self, seq, None)
        return result

    def _fakes_not_awaitable(self) -> NotAwaitableError:
        """What awaiting the double raises: it is called, not awaited."""
        return _uncalled(self, is_async=False)

    def _fakes_child_class(self, new_name: Any) -> type:
        if new_name in self.__dict__["_spec_asyncs"] or new_name in ASYNC_MAGICS:
            return AsyncDouble
        public = public_class(type(self))
        if new_name in SYNC_MAGICS:
            return _magic_class(public)
        return public


def _uncalled(double: Any, is_async: bool) -> NotAwaitableError:
    """The refusal of a callable double awaited without being called."""
    label = double._fakes_label()
    member = state_of(double).member
    if member is None:
        return NotAwaitableError(_render.awaited_spec_less(label, is_async))
    method = member.owner is not None
    return NotAwaitableError(
        _render.awaited_member(label, member.name, member.kind.value, method)
    )


class _MagicDouble(SyncDouble):
    """A magic method of a spec-less double: stdlib behaviour, no ledger events.

    ``str(double)`` or ``bool(double)`` are not calls the test makes, so they
    stay out of the ledger (they are in ``mock_calls``, as the stdlib has it).
    """

    __call__ = mock.CallableMixin.__call__


# Shown in reprs, as a MagicMock's magic methods show "MagicMock": the name
# of the public class it is one of.
_MagicDouble.__name__ = "SyncDouble"


def _magic_class(public: type) -> type:
    """The class of a magic method of a double of ``public``.

    As with ``MagicMock`` subclasses, a magic method of a double of a
    subclass is an instance of that subclass; like ``_MagicDouble``, it
    leaves the ledger alone. One class per subclass, kept on the subclass.
    """
    if issubclass(public, _MagicDouble) or public is SyncDouble:
        return _MagicDouble
    magic: type | None = public.__dict__.get("_fakes_magic_class")
    if magic is None:
        namespace = {
            "__doc__": public.__doc__,
            "__module__": public.__module__,
            "__qualname__": public.__qualname__,
        }
        magic = type(public.__name__, (public, _MagicDouble), namespace)
        type.__setattr__(public, "_fakes_magic_class", magic)
    return magic


class _SyncResult(SyncDouble):
    """The default result of a spec'd sync member: awaiting it is an error."""

    def _fakes_not_awaitable(self) -> NotAwaitableError:
        parent = self.__dict__["_mock_new_parent"]
        member = state_of(parent).member
        return AwaitedSyncMemberError(
            _render.awaited_sync_member(parent._fakes_label(), member.name)
        )
