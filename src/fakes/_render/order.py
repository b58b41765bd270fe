"""Failures of the order assertions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ._text import expected_rows, join_labels

_FIX_ORDER = (
    "Fix: change the code so that it {verb} them in the expected order, or "
    "list the items in the order above if that order is right."
)


def order_never(number: int, item: str, verb: str) -> str:
    """In-order failure: the item never happened."""
    return f"{number}. {item} was never {verb}."


def order_before(
    number: int, item: str, verb: str, seq: int, previous: str, previous_seq: int
) -> str:
    """In-order failure: the item happened, but before the previous item."""
    return (
        f"{number}. {item} was {verb} at #{seq} (>>), before "
        f"{number - 1}. {previous} (#{previous_seq}), and not after it."
    )


def order_other_arguments(
    number: int, item: str, noun: str, label: str, seq: int, previous_seq: int | None
) -> str:
    """In-order failure: the double happened, but with other arguments."""
    after = "" if previous_seq is None else f" after #{previous_seq}"
    return (
        f"{number}. {item} matches no {noun}{after}; the first {noun} of "
        f"{label}{after}, #{seq} (>>), has other arguments."
    )


def order_none_after(number: int, item: str, noun: str, previous_seq: int) -> str:
    """In-order failure: the item has no occurrence after the previous one."""
    return f"{number}. {item} has no {noun} after #{previous_seq}."


def order_next(number: int, item: str, noun: str, seq: int, call: str) -> str:
    """Strict in-order failure: another event came where the item was due."""
    return (
        f"{number}. {item} was expected next, but the next {noun} of these "
        f"doubles was #{seq} {call} (>>)."
    )


class OrderMode(NamedTuple):
    """What an order assertion orders: the words its messages use."""

    noun: str  # one event: "await"
    verb: str  # "awaited"
    head: str
    order: str  # "they started"
    does: str  # what the code does to them, for the Fix: line


AWAITS = OrderMode(
    "await",
    "awaited",
    "The awaits were not in the expected order.",
    "they started",
    "awaits",
)


COMPLETIONS = OrderMode(
    "completion",
    "completed",
    "The awaits did not complete in the expected order.",
    "they completed",
    "completes",
)


CALLS = OrderMode(
    "call",
    "called",
    "The calls were not in the expected order.",
    "they were made",
    "calls",
)


_STARTED_ITEM = "(an await)"


def order_item(mode: OrderMode, text: str, is_await: bool) -> str:
    """An item as listed in an order failure: an awaited() item among calls says so."""
    if mode is CALLS and is_await:
        return f"{text} {_STARTED_ITEM}"
    return text


def order_called_not_awaited(number: int, item: str, seq: int) -> str:
    """Await-order failure: the item was called (a sync member), never awaited."""
    return (
        f"{number}. {item} was never awaited, but was called at #{seq}: a sync "
        "member is called, not awaited; check calls and awaits together with "
        "fakes.assert_called_in_order(...)."
    )


def order_failure(
    *,
    mode: OrderMode,
    strict: bool,
    items: Sequence[str],
    plain: Sequence[bool],
    found: Sequence[int],
    reason: str,
    labels: Sequence[str],
    rows: str,
) -> str:
    """``assert_awaited_in_order`` / ``_completed_`` / ``_called_in_order`` failed."""
    noun = "awaits" if mode is AWAITS else f"{mode.noun}s"
    if strict:
        expected = (
            f"Expected, in this order, with no other {noun[:-1]} of these "
            "doubles between them:"
        )
    else:
        expected = f"Expected, in this order (other {noun} may come between):"
    matched = ", ".join(f"{n} at #{seq}" for n, seq in enumerate(found, 1))
    summary = f"Matched {len(found)} of {len(items)}"
    summary += f" ({matched}); " if found else "; "
    shown = noun.capitalize()
    order = mode.order
    if mode is CALLS and any(item.endswith(_STARTED_ITEM) for item in items):
        shown, order = "Calls and awaits", "they happened"
    fix = _FIX_ORDER.format(verb=mode.does)
    if strict:
        between = "calls" if mode is CALLS else "awaits"
        fix += f" Pass strict=False to allow other {between} between them."
    return "\n".join(
        [
            mode.head,
            expected,
            *expected_rows(items, plain),
            summary + reason,
            f"{shown} of {join_labels(labels)}, in the order {order}:",
            rows,
            fix,
        ]
    )
