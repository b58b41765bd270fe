"""Messages about the items passed to the ledger assertions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._text import format_call, safe_repr


def item_text(label: str, args: Sequence[Any] | None, kwargs: dict[str, Any]) -> str:
    """An assertion item: ``repo.get`` (any await) or ``repo.get(1)``."""
    return label if args is None else format_call(label, args, kwargs)


def _call_items(one: bool) -> str:
    doubles, them = ("a double", "it") if one else ("doubles", "them")
    return (
        f"pass {doubles} made by fakes.async_double (any call of {them}), "
        "fakes.called(double, *args, **kwargs) (a call with those arguments) or "
        "fakes.awaited(double, *args, **kwargs) (an await with those arguments)."
    )


def no_items(function: str, minimum: int, calls: bool = False) -> str:
    """An assertion called with too few items."""
    what = "at least one item" if minimum == 1 else f"at least {minimum} items"
    if calls:
        return f"{function}() needs {what}: {_call_items(one=False)}"
    return (
        f"{function}() needs {what}: pass doubles made by fakes.async_double "
        "(any await of them) or fakes.awaited(double, *args, **kwargs) (an "
        "await with those arguments)."
    )


def bad_item(function: str, position: int, value: Any, calls: bool = False) -> str:
    """An assertion item that is neither a double nor ``awaited(...)``."""
    head = (
        f"{function}() item {position} is {safe_repr(value)} "
        f"({type(value).__name__}), which is not a double: "
    )
    if calls:
        return head + _call_items(one=True)
    return head + (
        "pass a double made by fakes.async_double (any await of it) or "
        "fakes.awaited(double, *args, **kwargs) (an await with those arguments)."
    )


def plain_mock_item(function: str, position: int, value: Any) -> str:
    """An assertion item that is a ``unittest.mock`` object, not a double."""
    return (
        f"{function}() item {position} is a plain {type(value).__name__}, "
        "whose awaits are not in the ledger: create it with "
        "fakes.async_double(...) instead, which behaves like AsyncMock and "
        "records every await."
    )


def matcher_raised(item: str, seq: int, call: str, error: BaseException) -> str:
    """A matcher's ``__eq__`` raised while an await was compared with it."""
    return (
        f"comparing {item} with the await #{seq} {call} raised "
        f"{safe_repr(error)}: a matcher's __eq__ must return True or False; "
        "fix the matcher, or compare that argument with unittest.mock.ANY."
    )


def bad_limit_type(function: str, value: Any) -> str:
    """A concurrency limit that is not an int."""
    return (
        f"{function}() takes the limit as an int, got {safe_repr(value)} "
        f"({type(value).__name__})."
    )


def bad_limit(function: str, label: str, value: int) -> str:
    """A concurrency limit below one."""
    return (
        f"{function}() needs a limit of at least 1, got {value}: to check that "
        f"{label} was never awaited, use {label}.assert_not_awaited()."
    )


def called_item_elsewhere(function: str, position: int) -> str:
    """A ``called(...)`` item given to an assertion about awaits."""
    return (
        f"{function}() item {position} is a fakes.called(...) item, which "
        "stands for a call: pass it to fakes.assert_called_in_order(...), or "
        "use fakes.awaited(double, *args, **kwargs) for an await."
    )
