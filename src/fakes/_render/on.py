"""Messages of ``fakes.on``: typed configuration and answers."""

from __future__ import annotations

import inspect
from typing import Any

from ._text import format_signature, safe_repr


def on_not_a_double(value: Any) -> str:
    """``fakes.on()`` with something that is not a double."""
    return (
        f"fakes.on() takes a callable double made by fakes.async_double(), such "
        f"as a member of a double (fakes.on(repo.get)); got {safe_repr(value)} "
        f"({type(value).__name__}). Build the double with fakes.async_double(spec) "
        "and pass it, or one of its members, to fakes.on()."
    )


def on_not_callable(name: str) -> str:
    """``fakes.on()`` with a double that it cannot configure."""
    return (
        f"fakes.on() takes a callable double, or a double of an async iterable "
        f"or async context manager, but {name} is a double of an object that "
        "is none of these: pass one of its members, as in fakes.on(repo.get)."
    )


def callable_name(function: Any) -> str:
    """How messages name a function given to the library: ``<lambda>``, ``load``."""
    name = getattr(function, "__name__", None)
    return name if isinstance(name, str) else safe_repr(function)


def _answer_example(sig: inspect.Signature) -> str:
    kinds = inspect.Parameter
    parts: list[str] = []
    starred = False
    for param in sig.parameters.values():
        text = param.name
        if param.kind is kinds.VAR_POSITIONAL:
            text, starred = "*" + text, True
        elif param.kind is kinds.VAR_KEYWORD:
            text = "**" + text
        elif param.kind is kinds.KEYWORD_ONLY and not starred:
            parts.append("*")
            starred = True
        if param.default is not param.empty:
            text += "=" + safe_repr(param.default)
        parts.append(text)
    return f"lambda {', '.join(parts)}: ..." if parts else "lambda: ..."


def answer_not_callable(name: str, value: Any) -> str:
    """``answers()`` with something that cannot be called."""
    return (
        f"{name}.answers() takes a function that computes each call's result "
        f"from its arguments; got {safe_repr(value)} ({type(value).__name__}).\n"
        "Fix: pass a function or a lambda, or use returns(value) for a fixed "
        "result."
    )


def answer_async_for_sync(name: str, function: Any) -> str:
    """An ``async def`` answer for a member that is not awaited."""
    answer = callable_name(function)
    return (
        f"{name}.answers({answer}) cannot be used: {answer} is an async "
        f"function, but {name} is not awaited, so its callers would get a "
        "coroutine instead of a result.\nFix: pass a plain function."
    )


def answer_does_not_fit(
    name: str, function: Any, own: inspect.Signature, member: inspect.Signature
) -> str:
    """An answer that cannot take the arguments of the member's calls."""
    answer = callable_name(function)
    return (
        f"{name}.answers({answer}) cannot be used: "
        f"{format_signature(answer, own)} cannot take the arguments of a call "
        f"of {format_signature(name, member)}.\nFix: give the answer the "
        f"member's parameters, by name or in their order, such as "
        f"{_answer_example(member)} (a left-out argument arrives as its "
        "default)."
    )
