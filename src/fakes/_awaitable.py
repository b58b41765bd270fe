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

from fakes import _hints
from fakes._behaviour import DoubleBehaviour
from fakes._fastmock import recorded_call
from fakes._hints import MISSING
from fakes._ledger import CALLED, CANCELLED, RAISED, RETURNED, STARTED, current_ledger
from fakes._runtime import is_cancellation
from fakes._schedule import HOOK as _EXPLORING
from fakes._stdlib import is_exception

__all__ = [
    "AwaitableMixin",
    "await_class",
    "awaited_class",
    "has_await",
    "returns_awaitable",
]

_DEFAULT = mock.DEFAULT
# Annotations whose last parameter is what awaiting gives.
_AWAITABLES = (abc.Awaitable, abc.Coroutine)
_GENERATORS = (abc.Generator, abc.Iterator, abc.Iterable)


def has_await(cls: Any) -> bool:
    """Whether instances of ``cls`` are awaitable by a ``__await__`` of its own."""
    return (
        isinstance(cls, type)
        and not _hints.describes_shape(cls)
        and any("__await__" in vars(klass) for klass in cls.__mro__[:-1])
    )


def _unwrapped(value: Any, scope: _hints.Scope) -> Any:
    for _ in range(20):  # strings and forward references, one layer each
        if isinstance(value, str):
            value = scope.evaluate(value)
        elif isinstance(value, typing.ForwardRef):
            value = scope.evaluate(value.__forward_arg__)
        else:
            break
    return value


def _return_hint(func: Any, owner: type | None) -> tuple[Any, _hints.Scope]:
    scope = _hints.scope_of_function(func, owner)
    value = _hints.hint(getattr(func, "__annotations__", None), "return", scope)
    return _unwrapped(value, scope), scope


def returns_awaitable(func: Any, owner: type | None = None) -> bool:
    """Whether a sync function is annotated as returning something awaitable."""
    value, _ = _return_hint(func, owner)
    origin = typing.get_origin(value) or value
    if isinstance(origin, type) and issubclass(origin, _AWAITABLES):
        return _hints.describes_shape(origin) or has_await(origin)
    return has_await(origin)


def awaited_class(func: Any, owner: type | None = None) -> Any:
    """The class awaiting what ``func`` returns gives, ``None`` for ``None``.

    ``async def f() -> T``, ``def f() -> Awaitable[T]``, ``def f() ->
    Coroutine[Any, Any, T]`` and ``def f() -> Call`` (``Call`` with a
    ``__await__`` annotated ``-> Generator[Any, None, T]``) all give ``T``.

    Returns:
        A class, ``None``, or ``MISSING`` when nothing useful is known.
    """
    if inspect.iscoroutinefunction(func):
        return _hints.return_class(func, owner)
    value, scope = _return_hint(func, owner)
    if value is MISSING:
        return MISSING
    origin = typing.get_origin(value) or value
    if isinstance(origin, type) and _hints.describes_shape(origin):
        args = typing.get_args(value)
        if issubclass(origin, _AWAITABLES) and args:
            return _hints.class_of(args[-1], scope)
        return MISSING
    if has_await(origin):
        return await_class(origin)
    return MISSING


def await_class(cls: type) -> Any:
    """The class awaiting an instance of ``cls`` gives, read from ``__await__``.

    ``def __await__(self) -> Generator[Any, None, T]`` gives ``T``.

    Returns:
        A class, ``None``, or ``MISSING`` when nothing useful is known.
    """
    for klass in cls.__mro__[:-1]:
        func = vars(klass).get("__await__")
        if func is not None:
            break
    else:
        return MISSING
    value, scope = _return_hint(func, cls)
    origin = typing.get_origin(value)
    args = typing.get_args(value)
    if isinstance(origin, type) and issubclass(origin, abc.Generator) and args:
        return _hints.class_of(args[-1], scope)
    return MISSING


class AwaitableMixin:
    """``await double``: recorded on the double, answered by its configuration.

    The class that mixes it in provides ``_fakes_await_default()``: what an
    unconfigured await gives.
    """

    def __await__(self) -> typing.Generator[Any, None, Any]:
        return _run(self).__await__()

    async def _fakes_stdlib(self, args: Any, kwargs: Any) -> Any:
        """``return_value`` and ``side_effect``, as an ``AsyncMock`` reads them."""
        state = self.__dict__
        effect = state.get("_mock_side_effect")
        if effect is not None:
            if is_exception(effect):
                raise effect
            if not callable(effect):
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
    try:
        if _EXPLORING:  # fakes.explore holds the await until it picks it
            await _EXPLORING[0](double, seq)
        behaviour: DoubleBehaviour | None = double.__dict__.get("_fakes_behaviour")
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
