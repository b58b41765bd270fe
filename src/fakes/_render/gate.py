"""Messages about gates and the awaits they hold."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._text import plural_of, safe_repr


def gate_needs_async(name: str, member_kind: str | None, is_callable: bool) -> str:
    """``gate()`` on a double that is not awaited (``member_kind``: its spec's)."""
    if member_kind is not None:
        article = "an" if member_kind[0] in "aeiou" else "a"
        kind = f"{article} {member_kind} member"
    elif is_callable:
        kind = "a sync double"
    else:
        kind = "a double of an object"
    return (
        f"{name}.gate() holds awaits, but {name} is {kind} that is not "
        "awaited.\nFix: gate an async member instead."
    )


def gate_nothing_held(name: str, method: str) -> str:
    """``release()`` or ``fail()`` while the gate holds no await."""
    return (
        f"The gate of {name} holds no await, so {method}() has nothing to let "
        f"go: first wait for one with 'await gate.wait_entered(1)'."
    )


def gate_not_held(name: str, method: str) -> str:
    """``HeldAwait.release()`` or ``fail()`` of an await already let go."""
    return (
        f"This await of {name} is no longer held by its gate, so {method}() has "
        "nothing to let go: take held awaits from gate.held just before."
    )


def gate_release_arity(name: str, count: int) -> str:
    """``release()`` with more than one value."""
    return (
        f"The gate of {name} releases an await with at most one value, got "
        f"{count}: pass a tuple to return a tuple."
    )


def gate_fail_not_exception(name: str, value: Any) -> str:
    """``fail()`` with something that is not an exception."""
    return (
        f"The gate of {name} fails an await with an exception instance or "
        f"class, got {safe_repr(value)}; to return the value use release()."
    )


def gate_bad_count(name: str, count: int) -> str:
    """``wait_entered()`` with a count below 1."""
    return (
        f"gate.wait_entered() of {name} waits for 1 or more held awaits, got {count}."
    )


def gate_count_not_int(name: str, count: Any) -> str:
    """``wait_entered()`` with a count that is not a whole number."""
    return (
        f"gate.wait_entered() of {name} takes a whole number of held awaits, "
        f"got {safe_repr(count)} ({type(count).__name__}).\n"
        "Fix: pass an int, such as gate.wait_entered(2)."
    )


def gate_still_holding(name: str, calls: Sequence[str]) -> str:
    """A gate that still holds awaits when the test ends."""
    return (
        f"The gate of {name} still holds {plural_of(len(calls), 'await')}: "
        f"{', '.join(calls)}. Let them go with gate.release(), gate.fail() or "
        "gate.release_all() before the test ends."
    )


def gate_held_at_end(name: str, calls: Sequence[str]) -> str:
    """A gate that held awaits when the test body ended; the runner cancelled them."""
    return (
        f"The gate of {name} still held {plural_of(len(calls), 'await')} when the "
        f"test body ended: {', '.join(calls)}; the test runner cancelled "
        f"{'it' if len(calls) == 1 else 'them'} afterwards. Let them go with "
        "gate.release(), gate.fail() or gate.release_all() before the test ends."
    )
