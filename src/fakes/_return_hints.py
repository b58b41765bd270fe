"""What a function's annotations say it returns, or enters when entered.

``return_class`` reads a return annotation as the class a double of the
result should have; ``entered_class`` reads what an async context manager
gives to ``async with ... as x``, through ``@asynccontextmanager``,
``AsyncContextManager[T]`` or the ``__aenter__`` of a generic class with its
parameters substituted. Both read each annotation with :mod:`fakes._hints`.
"""

from __future__ import annotations

import typing
from typing import Any

from fakes._hints import (
    MISSING,
    Scope,
    class_of,
    describes_shape,
    hint,
    scope_of_function,
)

__all__ = ["entered_class", "return_class"]


def _parameters(cls: type, args: tuple[Any, ...]) -> dict[type, dict[Any, Any]]:
    """What each generic class in ``cls``'s hierarchy has for its ``TypeVar``s.

    ``cls[args]`` fixes ``cls``'s own parameters; a base written as
    ``Base[ClientResponse]`` fixes ``Base``'s, through as many levels as there
    are.
    """
    found: dict[type, dict[Any, Any]] = {}
    pending: list[tuple[type, tuple[Any, ...], dict[Any, Any]]] = [(cls, args, {})]
    while pending:
        klass, given, outer = pending.pop()
        if klass in found:
            continue
        names = getattr(klass, "__parameters__", ())
        mapping = {
            param: outer.get(arg, arg) if isinstance(arg, typing.TypeVar) else arg
            for param, arg in zip(names, given, strict=False)
        }
        found[klass] = mapping
        for base in vars(klass).get("__orig_bases__", ()):
            origin = typing.get_origin(base)
            if isinstance(origin, type):
                pending.append((origin, typing.get_args(base), mapping))
    return found


def _self_typed(func: Any, scope: Scope, params: dict[Any, Any]) -> None:
    """``def f(self: T) -> T``: the ``TypeVar`` of ``self`` is the owner."""
    annotations = getattr(func, "__annotations__", None)
    code = getattr(func, "__code__", None)
    if code is None or not code.co_varnames or not isinstance(annotations, dict):
        return
    first = hint(annotations, code.co_varnames[0], scope)
    if isinstance(first, typing.TypeVar):
        params[first] = scope.owner
    elif typing.get_origin(first) is type:
        # A classmethod written ``def make(cls: type[T]) -> T``.
        args = typing.get_args(first)
        if args and isinstance(args[0], typing.TypeVar):
            params[args[0]] = scope.owner


def return_class(func: Any, owner: type | None) -> Any:
    """The class a function's return annotation names (see :func:`class_of`)."""
    annotations = getattr(func, "__annotations__", None)
    scope = scope_of_function(func, owner)
    value = hint(annotations, "return", scope)
    if value is MISSING:
        return MISSING
    params: dict[Any, Any] = {}
    if owner is not None:
        _self_typed(func, scope, params)
    return class_of(value, scope, params)


def _enter_of(cls: type) -> tuple[type, Any] | None:
    for klass in cls.__mro__:
        func = vars(klass).get("__aenter__")
        if func is not None:
            return klass, func
    return None


def entered_class(func: Any, owner: type | None = None) -> Any:
    """The class an async-context-manager function's annotation says it enters.

    ``AsyncIterator[Session]`` (under ``@asynccontextmanager``) and
    ``AsyncContextManager[Session]`` give ``Session``; a class with
    ``__aenter__`` gives what its ``__aenter__`` is annotated to return, with
    the class's parameters substituted (``RequestCM[Response]`` with
    ``async def __aenter__(self) -> T`` gives ``Response``; ``-> Self``
    gives ``RequestCM``).

    Returns:
        A class, or ``MISSING``.
    """
    scope = scope_of_function(func, owner)
    value = scope.resolve(hint(getattr(func, "__annotations__", None), "return", scope))
    origin = typing.get_origin(value) or value
    args = typing.get_args(value)
    if not isinstance(origin, type):
        return MISSING
    if describes_shape(origin):
        return class_of(args[0], scope) if args else MISSING
    found = _enter_of(origin)
    if found is None:
        return MISSING
    klass, enter = found
    params = _parameters(origin, args).get(klass, {})
    enter_scope = scope_of_function(enter, origin)
    _self_typed(enter, enter_scope, params)
    returned = hint(getattr(enter, "__annotations__", None), "return", enter_scope)
    return class_of(returned, enter_scope, params)
