"""Formatting shared by the messages: values, calls, signatures, lists and columns."""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

_MAX_REPR = 80


def safe_repr(value: Any) -> str:
    """``repr(value)``, shortened, and never raising."""
    try:
        text = repr(value)
    except Exception as error:
        return f"<{type(value).__name__} object; repr() raised {type(error).__name__}>"
    if len(text) > _MAX_REPR:
        text = text[: _MAX_REPR - 3] + "..."
    return text


def format_call(name: str, args: Sequence[Any], kwargs: dict[str, Any]) -> str:
    """Render a call as ``name(1, key='x')``."""
    parts = [safe_repr(arg) for arg in args]
    parts.extend(f"{key}={safe_repr(value)}" for key, value in kwargs.items())
    return f"{name}({', '.join(parts)})"


def _annotation(value: Any) -> str:
    return value if isinstance(value, str) else inspect.formatannotation(value)


def format_signature(name: str, sig: inspect.Signature) -> str:
    """Render ``name`` with its signature as ``UserRepo.get(user_id: int)``.

    Rendered here rather than by ``str(Signature)`` so that the text is the
    same on every Python version and with postponed annotations.
    """
    kinds = inspect.Parameter
    parts: list[str] = []
    for param in sig.parameters.values():
        text = param.name
        if param.kind is kinds.VAR_POSITIONAL:
            text = "*" + text
        elif param.kind is kinds.VAR_KEYWORD:
            text = "**" + text
        if param.annotation is not param.empty:
            text += f": {_annotation(param.annotation)}"
        if param.default is not param.empty:
            spacer = " = " if param.annotation is not param.empty else "="
            text += spacer + safe_repr(param.default)
        parts.append(text)
    # Parameters come in the order of their kinds: positional-only ones first.
    order = [param.kind for param in sig.parameters.values()]
    if kinds.KEYWORD_ONLY in order and kinds.VAR_POSITIONAL not in order:
        parts.insert(order.index(kinds.KEYWORD_ONLY), "*")
    if kinds.POSITIONAL_ONLY in order:
        parts.insert(order.count(kinds.POSITIONAL_ONLY), "/")
    text = f"{name}({', '.join(parts)})"
    if sig.return_annotation is not sig.empty:
        text += f" -> {_annotation(sig.return_annotation)}"
    return text


def did_you_mean(suggestions: Sequence[str]) -> str:
    if not suggestions:
        return ""
    return " Did you mean " + " or ".join(repr(s) for s in suggestions) + "?"


def event_call(event: Any) -> str:
    if event.call < 0:
        # The call's ``called`` event was dropped, and with it the arguments.
        return f"{event.name}(...)"
    text = format_call(event.name, event.args, event.kwargs)
    shows_detail = event.kind in ("raised", "exited") and event.detail is not None
    if shows_detail or event.kind == "yielded":
        text += f" -> {safe_repr(event.detail)}"
    return text


def aligned(rows: Sequence[tuple[str, ...]], right: int) -> list[str]:
    """The rows as lines of aligned columns, column ``right`` to the right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(widths[i]) if i == right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]


def expected_rows(items: Sequence[str], plain: Sequence[bool]) -> list[str]:
    return [
        f"  {number}. {text}{' (any arguments)' if plain[number - 1] else ''}"
        for number, text in enumerate(items, 1)
    ]


def join_labels(labels: Sequence[str]) -> str:
    *rest, last = dict.fromkeys(labels)
    return f"{', '.join(rest)} and {last}" if rest else last


def times_text(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def plural_of(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def with_article(kind: str) -> str:
    """``kind`` with its indefinite article: ``an async function``."""
    return f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}"
