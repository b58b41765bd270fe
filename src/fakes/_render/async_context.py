"""Messages about async context managers (``enters()``, ``async_context``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._text import safe_repr, times_text, with_article
from .doubles import name_not_str


def context_no_attribute(label: str, name: str) -> str:
    """An attribute an async-context double has not got."""
    return (
        f"{label} has no attribute {name!r}: it is an async context manager "
        "double, and its spec names no class whose members it could have."
    )


def async_context_bad_name(value: Any) -> str:
    """``fakes.async_context(name=...)`` with something that is not a string."""
    return name_not_str("fakes.async_context", value, "(it is 'async_context')")


def not_async_context(name: str, member_kind: str | None) -> str:
    """``enters()`` or a context assertion on a double that is not one.

    ``member_kind`` is the kind of the spec member the double stands for.
    """
    kind = "double" if member_kind is None else f"{member_kind} member"
    return (
        f"{name} is {with_article(kind)}, not an async context manager, so it "
        "cannot be entered.\nFix: give the double a spec with __aenter__ and "
        "__aexit__, an @asynccontextmanager member, or use fakes.async_context()."
    )


def context_not_exception(name: str, what: str, value: Any) -> str:
    """``enter_raises=``/``exit_raises=`` with something not an exception."""
    return (
        f"{name} takes an exception instance or class for {what}=, got "
        f"{safe_repr(value)}."
    )


def context_bad_suppress(name: str, value: Any) -> str:
    """``suppress=`` with something that names no exceptions."""
    return (
        f"{name} takes True, False, an exception class or a tuple of exception "
        f"classes for suppress=, got {safe_repr(value)}.\n"
        "Fix: pass suppress=True to swallow any exception, or the classes to "
        "swallow, such as suppress=(KeyError, TimeoutError)."
    )


def context_suppress_interruption(name: str, cls: type) -> str:
    """``suppress=`` naming a cancellation or an interrupt."""
    module = "" if cls.__module__ == "builtins" else f"{cls.__module__}."
    return (
        f"{name} never suppresses {module}{cls.__qualname__}: "
        "cancellation, KeyboardInterrupt, SystemExit and GeneratorExit always "
        "leave the block, so that a timeout or a cancel scope around it works.\n"
        "Fix: name only the exceptions the block may swallow, or use "
        "suppress=True for every other exception."
    )


def context_entered_count(name: str, entered: int) -> str:
    """``assert_entered_once()`` failed."""
    return (
        f"{name} was expected to be entered once, but was entered "
        f"{times_text(entered) if entered else 'never'}."
    )


def context_not_exited(name: str, entered: int, exited: int) -> str:
    """An exit assertion while the block has not been left."""
    if not entered:
        return f"{name} was never entered, so it has not exited."
    return (
        f"{name} was entered {times_text(entered)} and exited {times_text(exited)}: "
        "the block is still running."
    )


def context_exited_otherwise(
    name: str, expected: type[BaseException] | None, exits: Sequence[Any]
) -> str:
    """``assert_exited_with()`` or ``assert_exited_cleanly()`` failed."""
    want = "without an exception" if expected is None else f"with {expected.__name__}"
    last = exits[-1]
    got = "without an exception" if last is None else f"with {safe_repr(last)}"
    shown = ", ".join("clean" if e is None else safe_repr(e) for e in exits)
    return (
        f"{name} was expected to exit {want}, but its last exit was {got} "
        f"(exits: {shown})."
    )
