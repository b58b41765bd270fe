"""What kind of double a callable or a value becomes.

A function is async, sync, an async generator or an async context manager by
how it is defined and what its return annotation says; a value is a constant
the double keeps, an object worth a nested double, or plain data.
"""

from __future__ import annotations

import contextlib
import enum
import inspect
import sys
import typing
from collections import abc
from typing import Any

from fakes import _awaited, _hints

__all__ = [
    "Kind",
    "awaits",
    "function_kind",
    "has_members",
    "is_constant",
    "value_kind",
]


class Kind(enum.Enum):
    """What kind of double a member becomes."""

    ASYNC = "async"
    SYNC = "sync"
    ASYNC_GEN = "async generator"
    ASYNC_CM = "async context manager"
    OBJECT = "object"
    CLASS = "class"
    VALUE = "value"
    AWAITABLE = "awaitable"


_ASYNC_CM_TYPES = (contextlib.AbstractAsyncContextManager,)
_ASYNC_ITER_TYPES = (abc.AsyncIterator, abc.AsyncGenerator, abc.AsyncIterable)
# "AbstractAsyncContextManager" contains the first word.
_ASYNC_CM_WORDS = ("AsyncContextManager",)
_ASYNC_ITER_WORDS = ("AsyncIterator", "AsyncGenerator", "AsyncIterable")


def _mentions(annotation: Any, words: tuple[str, ...], types: tuple[type, ...]) -> bool:
    if isinstance(annotation, str):
        return any(word in annotation for word in words)
    origin = typing.get_origin(annotation) or annotation
    return isinstance(origin, type) and issubclass(origin, types)


def function_kind(func: Any, owner: type | None = None) -> Kind:
    """Classify a callable as async, sync, async generator or context manager.

    A return annotation written as a string is evaluated in the function's
    module (and with ``owner``'s class names); when that fails, the words of
    the string decide.
    """
    if inspect.iscoroutinefunction(func):
        return Kind.ASYNC
    if inspect.isasyncgenfunction(func):
        return Kind.ASYNC_GEN
    if inspect.isasyncgenfunction(getattr(func, "__wrapped__", None)):
        return Kind.ASYNC_CM
    annotations = getattr(func, "__annotations__", None)
    returns = annotations.get("return") if isinstance(annotations, dict) else None
    if isinstance(returns, str):
        returns = _hints.hint(
            annotations, "return", _hints.scope_of_function(func, owner)
        )
    if returns is not None:
        if _mentions(returns, _ASYNC_CM_WORDS, _ASYNC_CM_TYPES):
            return Kind.ASYNC_CM
        if _mentions(returns, _ASYNC_ITER_WORDS, _ASYNC_ITER_TYPES):
            return Kind.ASYNC_GEN
        if _awaited.returns_awaitable(func, owner):
            # ``-> Awaitable[T]``: calling it and awaiting the result is
            # what the double of an async method records.
            return Kind.ASYNC
    return Kind.SYNC


_SIMPLE = (int, float, complex, str, bytes, bool, type(None), range)
# Immutable classes of the standard library, by (module, name), so that
# reading a spec never imports a module only to compare against its classes.
_IMMUTABLE_CLASSES = frozenset(
    {
        ("datetime", "date"),
        ("datetime", "time"),
        ("datetime", "timedelta"),
        ("datetime", "timezone"),
        ("decimal", "Decimal"),
        ("fractions", "Fraction"),
        ("uuid", "UUID"),
        ("pathlib", "PurePath"),
        ("pathlib._local", "PurePath"),
        ("ipaddress", "_BaseAddress"),
        ("ipaddress", "_BaseNetwork"),
    }
)


def is_constant(value: Any, depth: int = 0) -> bool:
    """Whether a class attribute is a constant the double keeps as it is.

    Numbers, strings, enum members, dates and durations, decimals, frozen
    dataclass instances, and tuples or frozensets of such: values nobody can
    change, so the double gives the spec's own.
    """
    if isinstance(value, (_SIMPLE, enum.Enum)):
        return True
    if isinstance(value, (tuple, frozenset)):
        return depth < 10 and all(is_constant(item, depth + 1) for item in value)
    cls = type(value)
    params = getattr(cls, "__dataclass_params__", None)
    if params is not None and getattr(params, "frozen", False):
        return True
    return any(
        (getattr(klass, "__module__", None), klass.__name__) in _IMMUTABLE_CLASSES
        for klass in cls.__mro__[:-1]
    )


def awaits(fget: Any, owner: type | None) -> bool:
    """Whether a property's value is awaited: ``async def`` or annotated so."""
    return fget is not None and (
        inspect.iscoroutinefunction(fget) or _awaited.returns_awaitable(fget, owner)
    )


def value_kind(cls: Any) -> Kind:
    """An object double for a class, a value double for anything else."""
    return Kind.OBJECT if isinstance(cls, type) else Kind.VALUE


_STDLIB_MODULES: frozenset[str] = frozenset(getattr(sys, "stdlib_module_names", ())) - {
    "__main__"
}


_DATA_MODULES = ("builtins", "typing")


def has_members(value: Any) -> bool:
    """Whether an attribute value is an object worth a nested double."""
    module = type(value).__module__
    # Not ``_hints.describes_shape``: a value of a builtin or typing class is
    # data, but a value of a contextlib or types class (an AsyncExitStack, a
    # SimpleNamespace) is an object whose members its double should have,
    # even though an annotation naming that class says nothing useful.
    if module in _DATA_MODULES:
        return False
    # The standard library's private modules hold C classes without Python
    # signatures (_io, _thread, _socket); a user's own (__main__, _private)
    # hold classes like any other.
    return not (module.startswith("_") and module.partition(".")[0] in _STDLIB_MODULES)
