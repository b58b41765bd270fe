"""Argument-aware answers: a function computes each call's result.

``fakes.on(repo.get).answers(lambda user_id: {...})`` (or the short form
``repo.get.answers(...)``) makes every call of the member call the function
with the call's arguments and give back what it returns; an ``async def``
answer (or one returning a coroutine) is awaited first.

Unlike ``side_effect``, the arguments are first bound to the member's
signature with its defaults applied: an answer whose parameters carry the
member's names gets every argument by name, however the call passed it, and
otherwise gets them as the signature orders them. Whether the answer can
take the member's arguments is checked when it is set, not at the first call.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any
from unittest.mock import AsyncMock

from fakes import _render
from fakes._double.state import state_of
from fakes.errors import AnswerError

__all__ = ["Answer", "answer_for"]

_Parameter = inspect.Parameter
_VARIADIC = (_Parameter.VAR_POSITIONAL, _Parameter.VAR_KEYWORD)


def _binds(
    sig: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> bool:
    try:
        sig.bind(*args, **kwargs)
    except TypeError:
        return False
    return True


def _placeholders(sig: inspect.Signature) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """Arguments shaped as the bound arguments of a call of ``sig`` are."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for param in sig.parameters.values():
        if param.kind is _Parameter.KEYWORD_ONLY:
            kwargs[param.name] = None
        elif param.kind not in _VARIADIC:
            args.append(None)
    return tuple(args), kwargs


class Answer:
    """A function that computes the result of each call from its arguments.

    Args:
        function: The answer.
        signature: The member's signature (without ``self``), or ``None``
            for a double without a spec: its arguments are passed as given.
        by_name: Pass every bound argument by name (the answer has the
            member's parameter names) rather than in the signature's order.
    """

    __slots__ = ("by_name", "function", "signature")

    def __init__(
        self,
        function: Callable[..., Any],
        signature: inspect.Signature | None,
        by_name: bool,
    ) -> None:
        self.function = function
        self.signature = signature
        self.by_name = by_name

    def _call(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        sig = self.signature
        if sig is None:
            return self.function(*args, **kwargs)
        bound = sig.bind(*args, **kwargs)
        bound.apply_defaults()
        if self.by_name:
            return self.function(**bound.arguments)
        return self.function(*bound.args, **bound.kwargs)

    async def run(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """The result of an awaited call: the answer's, awaited if it is a coroutine."""
        result = self._call(args, kwargs)
        if inspect.iscoroutine(result):
            result = await result
        return result

    def run_sync(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """The result of a call of a sync double."""
        return self._call(args, kwargs)

    def __repr__(self) -> str:
        return f"answers({_render.callable_name(self.function)})"


def _member_of(double: Any) -> Any:
    return state_of(double).member


def answer_for(double: Any, function: Any) -> Answer:
    """Check ``function`` against the double's signature and make the answer.

    Raises:
        AnswerError: ``function`` is not callable, is async for a sync
            member, or cannot take the arguments of a call of the member.
    """
    label = double._fakes_label()
    if not callable(function):
        raise AnswerError(_render.answer_not_callable(label, function))
    member = _member_of(double)
    if not isinstance(double, AsyncMock) and inspect.iscoroutinefunction(function):
        raise AnswerError(_render.answer_async_for_sync(label, function))
    sig = None if member is None else member.signature
    if sig is None:
        return Answer(function, None, by_name=False)
    try:
        own = inspect.signature(function)
    except (TypeError, ValueError):
        # A callable without a readable signature: trust it, as side_effect does.
        return Answer(function, sig, by_name=False)
    variadic = any(param.kind in _VARIADIC for param in sig.parameters.values())
    names = dict.fromkeys(sig.parameters)
    if not variadic and _binds(own, (), names):
        return Answer(function, sig, by_name=True)
    args, kwargs = _placeholders(sig)
    if _binds(own, args, kwargs):
        return Answer(function, sig, by_name=False)
    raise AnswerError(_render.answer_does_not_fit(label, function, own, sig))
