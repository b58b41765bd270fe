"""All message text: errors, warnings, assertion failures and the timeline.

Every function returns a string; none raises. Values from user code are
shown through :func:`safe_repr`, so a broken ``__repr__`` never hides the
real failure.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Iterable, Sequence
from typing import Any

_MAX_REPR = 80


def safe_repr(value: Any) -> str:
    """``repr(value)``, shortened, and never raising."""
    try:
        text = repr(value)
    except Exception as error:  # noqa: BLE001 - a broken repr must not hide the failure
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
    previous = None
    star = False
    for param in sig.parameters.values():
        if previous is kinds.POSITIONAL_ONLY and param.kind is not previous:
            parts.append("/")
        if param.kind is kinds.KEYWORD_ONLY and not star:
            parts.append("*")
        star = star or param.kind in (kinds.VAR_POSITIONAL, kinds.KEYWORD_ONLY)
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
        previous = param.kind
    if previous is kinds.POSITIONAL_ONLY:
        parts.append("/")
    text = f"{name}({', '.join(parts)})"
    if sig.return_annotation is not sig.empty:
        text += f" -> {_annotation(sig.return_annotation)}"
    return text


def signature_mismatch(
    name: str,
    sig: inspect.Signature,
    args: Sequence[Any],
    kwargs: dict[str, Any],
    error: Exception,
) -> str:
    """A call that does not bind to the spec's signature."""
    return (
        f"{format_call(name, args, kwargs)} does not match the signature "
        f"{format_signature(name, sig)}: {error}"
    )


def unknown_attribute(spec_name: str, name: str, suggestions: list[str]) -> str:
    """An attribute the spec does not have."""
    hint = ""
    if suggestions:
        hint = " Did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
    return (
        f"{spec_name} has no attribute {name!r}.{hint} A double has only the "
        f"members of its spec: add {name!r} to {spec_name}, or set it on the "
        "double before using it."
    )


def deleted_attribute(spec_name: str, name: str) -> str:
    """An attribute that was deleted from a double."""
    return f"{spec_name}.{name} was deleted from the double; set it again to use it."


def bad_spec(value: Any) -> str:
    """Something that cannot be a spec."""
    return (
        f"async_double() cannot use {safe_repr(value)} ({type(value).__name__}) "
        "as a spec: pass an async function, a function, a class or an instance "
        "of a class, or only name=... for a double without a spec."
    )


def awaited_sync_member(name: str) -> str:
    """The result of a sync member was awaited."""
    return (
        f"{name} is a sync member of the spec, so its result cannot be awaited: "
        f"call it without 'await', or make {name} 'async def' in the spec."
    )


def returns_arity(name: str, count: int) -> str:
    """``returns()`` with other than one value."""
    return (
        f"{name}.returns() takes exactly one value, got {count}: pass a tuple "
        "to return a tuple, or use script() to return one value per call."
    )


def raises_not_exception(name: str, value: Any) -> str:
    """``raises()`` with something that is not an exception."""
    return (
        f"{name}.raises() takes an exception instance or class, got "
        f"{safe_repr(value)}; to return the value use returns()."
    )


def unknown_event_kind(kind: str, kinds: Iterable[str]) -> str:
    """An event kind that does not exist."""
    return f"unknown event kind {kind!r}: use one of {', '.join(kinds)}."


def _event_call(event: Any) -> str:
    text = format_call(event.name, event.args, event.kwargs)
    if event.kind in ("raised", "exited") and event.detail is not None:
        text += f" -> {safe_repr(event.detail)}"
    elif event.kind == "yielded":
        text += f" -> {safe_repr(event.detail)}"
    return text


def timeline_rows(events: Iterable[Any], marks: dict[int, str] | None = None) -> str:
    """Render events as an aligned table, one event a line.

    Args:
        events: The events to show.
        marks: Text to put in front of the row of an event, by sequence number.

    Returns:
        The table, or ``(no events)``.
    """
    marks = marks or {}
    rows: list[tuple[str, ...]] = [("", "#", "time", "task", "event", "call")]
    for event in events:
        when = "-" if math.isnan(event.time) else f"{event.time:.3f}"
        rows.append(
            (
                marks.get(event.seq, ""),
                str(event.seq),
                when,
                event.task or "-",
                event.kind,
                _event_call(event),
            )
        )
    if len(rows) == 1:
        return "(no events)"
    if not marks:
        rows = [row[1:] for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    number = 1 if marks else 0
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if i == number else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


# --- fakes.on: typed configuration -------------------------------------------


def on_not_a_double(value: Any) -> str:
    """``fakes.on()`` with something that is not a double."""
    return (
        f"fakes.on() takes a callable double made by fakes.async_double(), such "
        f"as a member of a double (fakes.on(repo.get)); got {safe_repr(value)} "
        f"({type(value).__name__}). Build the double with fakes.async_double(spec) "
        "and pass it, or one of its members, to fakes.on()."
    )


def on_not_callable(name: str) -> str:
    """``fakes.on()`` with a double that cannot be called."""
    return (
        f"fakes.on() takes a callable double, but {name} is a double of an "
        "object, which cannot be called: pass one of its members, as in "
        "fakes.on(repo.get)."
    )
