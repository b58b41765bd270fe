"""What awaiting gives, read from annotations.

A spec's member is awaited without being ``async def`` when its class has
``__await__`` or its return annotation says ``Awaitable[T]`` or
``Coroutine[..., T]``; these functions read which, and what ``T`` is. They
read annotations only, so the spec reader uses them without depending on
the doubles that answer such awaits (``_double/awaitable.py``).
"""

from __future__ import annotations

import inspect
import types
import typing
from collections import abc
from typing import Any

from fakes import _hints, _return_hints
from fakes._hints import MISSING

__all__ = [
    "await_class",
    "awaited_class",
    "awaiting_optional",
    "has_await",
    "returns_awaitable",
]

# Annotations whose last parameter is what awaiting gives.
_AWAITABLES = (abc.Awaitable, abc.Coroutine)
_UNIONS = (typing.Union, types.UnionType)


def has_await(cls: Any) -> bool:
    """Whether instances of ``cls`` are awaitable by a ``__await__`` of its own."""
    return (
        isinstance(cls, type)
        and not _hints.describes_shape(cls)
        and any("__await__" in vars(klass) for klass in cls.__mro__[:-1])
    )


def _return_hint(func: Any, owner: type | None) -> tuple[Any, _hints.Scope]:
    scope = _hints.scope_of_function(func, owner)
    value = _hints.hint(getattr(func, "__annotations__", None), "return", scope)
    return scope.resolve(value), scope


def returns_awaitable(func: Any, owner: type | None = None) -> bool:
    """Whether a sync function is annotated as returning something awaitable.

    A union with an awaitable in it counts: redis's commands are annotated
    ``int | Awaitable[int]`` because one class serves the sync and the async
    client, and the async client's results are awaited.
    """
    value, _ = _return_hint(func, owner)
    return any(_is_awaitable(part) for part in _union_parts(value))


def awaiting_optional(func: Any, owner: type | None = None) -> bool:
    """Whether a sync function's result may be awaited or used as it is.

    ``int | Awaitable[int]``: redis's pipeline buffers the very commands
    that the client awaits, and calls them without ``await``.
    """
    if inspect.iscoroutinefunction(func):
        return False
    value, _ = _return_hint(func, owner)
    verdicts = {_is_awaitable(part) for part in _union_parts(value)}
    return verdicts == {True, False}


def _union_parts(value: Any) -> tuple[Any, ...]:
    """The members of a union annotation, or the annotation alone."""
    if typing.get_origin(value) in _UNIONS:
        return typing.get_args(value)
    return (value,)


def _is_awaitable(value: Any) -> bool:
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
        return _return_hints.return_class(func, owner)
    value, scope = _return_hint(func, owner)
    if value is MISSING:
        return MISSING
    # ``int | Awaitable[int]``: what the awaitable part gives.
    value = next((p for p in _union_parts(value) if _is_awaitable(p)), value)
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
