"""Awaitable doubles that are not coroutine functions.

Three shapes of spec are awaited without an ``async def`` to call:

* an object of a class with ``__await__`` (a gRPC call object, a future);
* an async property (``async def`` under ``@property``, or a property
  annotated as returning ``Awaitable[T]``), whose value is awaited;
* a sync method annotated as returning ``Awaitable[T]``, ``Coroutine[Any,
  Any, T]`` or a class with ``__await__`` (``stub.Method(request)``).

The last one becomes an async member (its call returns a coroutine). The
first two are doubles that are awaitable themselves: each await is recorded
on the double (``called``, ``started``, then ``returned``, ``raised`` or
``cancelled``) and gives what ``returns()``, ``raises()``, ``script()`` or a
gate says; unconfigured, a double of the type the annotations name.
"""

from __future__ import annotations

import inspect
import typing
from collections import abc
from typing import Any
from unittest import mock

from fakes._behaviour import DoubleBehaviour
from fakes._double.fastmock import recorded_call
from fakes._double.state import state_of
from fakes._ledger import CALLED, CANCELLED, RAISED, RETURNED, STARTED, current_ledger
from fakes._runtime import is_cancellation
from fakes._schedule import HOOK as _EXPLORING
from fakes._script import fresh
from fakes._stdlib import is_callable, is_exception

__all__ = ["AwaitableMixin", "OptionalAwait"]

_DEFAULT = mock.DEFAULT


class OptionalAwait(abc.Coroutine):  # type: ignore[type-arg]
    """A call's coroutine that the caller may also drop without awaiting it.

    It is a coroutine to asyncio (``create_task`` takes it); dropped before
    it was awaited, it is closed, so Python does not warn that it was never
    awaited. The call stays recorded as made and never awaited.
    """

    __slots__ = ("_coro", "_taken")

    def __init__(self, coro: Any) -> None:
        self._coro = coro
        self._taken = False

    def __await__(self) -> Any:
        self._taken = True
        return self._coro.__await__()

    def send(self, value: Any) -> Any:
        self._taken = True
        return self._coro.send(value)

    def throw(self, *args: Any) -> Any:
        self._taken = True
        return self._coro.throw(*args)

    def close(self) -> None:
        self._coro.close()

    def __del__(self) -> None:
        # Once awaited, the coroutine runs on without this wrapper.
        if not self._taken:
            self._coro.close()


class AwaitableMixin:
    """``await double``: recorded on the double, answered by its configuration.

    The class that mixes it in provides ``_fakes_await_default()``: what an
    unconfigured await gives.
    """

    # Strict verification counts awaits, not calls, as its uses.
    _fakes_awaitable = True

    def __await__(self) -> typing.Generator[Any, None, Any]:
        return _run(self).__await__()

    async def _fakes_stdlib(self, args: Any, kwargs: Any) -> Any:
        """``return_value`` and ``side_effect``, as an ``AsyncMock`` reads them."""
        state = self.__dict__
        effect = state.get("_mock_side_effect")
        if effect is not None:
            if is_exception(effect):
                # As the await path of AsyncDouble: no traceback piles up.
                raise fresh(effect)
            if not is_callable(effect):
                try:
                    result = next(effect)
                except StopIteration:
                    raise StopAsyncIteration from None
                if is_exception(result):
                    raise result
            elif inspect.iscoroutinefunction(effect):
                result = await effect()
            else:
                result = effect()
            if result is not _DEFAULT:
                return result
        value = state.get("_mock_return_value", _DEFAULT)
        if value is not _DEFAULT:
            return value
        return self._fakes_await_default()

    def _fakes_await_default(self) -> Any:
        raise NotImplementedError


async def _run(double: Any) -> Any:
    """One await of an awaitable double, recorded as a call and its await."""
    ledger = current_ledger()
    call = recorded_call(((), {}))
    seq = ledger.record(CALLED, double, -1, call)
    ledger.record(STARTED, double, seq, None)
    own = state_of(double)
    own.await_count += 1
    try:
        if _EXPLORING:  # fakes.explore holds the await until it picks it
            await _EXPLORING[0](double, seq)
        behaviour: DoubleBehaviour | None = own.behaviour
        if behaviour is not None:
            result = await behaviour(double, call, (), {})
        else:
            result = await double._fakes_stdlib((), {})
    except BaseException as error:
        kind = CANCELLED if is_cancellation(error) else RAISED
        ledger.record(kind, double, seq, error)
        raise
    ledger.record(RETURNED, double, seq, None)
    return result
