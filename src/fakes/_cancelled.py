"""The cancellation assertion, read from the current ledger.

An await was cancelled when its ``started`` event is followed by a
``cancelled`` event of the same call. The assertion reads the ledger once
(``Ledger.scan``), so its cost is linear in the ledger's size.
"""

from __future__ import annotations

from typing import Any

from fakes import _render
from fakes._event import KINDS
from fakes._items import items_of, matches, rows
from fakes._ledger import CANCELLED, RAISED, RETURNED, STARTED, current_ledger
from fakes.errors import NotCancelledError

__all__ = ["assert_cancelled"]

_SPAN = frozenset({STARTED, RETURNED, RAISED, CANCELLED})
_Events = list[tuple[int, int, int, Any]]


def assert_cancelled(*items: Any) -> None:
    """Assert that for each item, an await of it was cancelled.

    Args:
        *items: Doubles (any await of them) or :func:`fakes.awaited` items.

    Raises:
        NotCancelledError: An item has no cancelled await; the message counts
            how its awaits ended and shows them.
        FakesTypeError: No items, or an item that is not a double.

    Example:
        >>> import asyncio, fakes
        >>> fetch = fakes.async_double(name="fetch")
        >>> async def forever(*args):
        ...     await asyncio.Event().wait()
        >>> fetch.side_effect = forever
        >>> async def main():
        ...     task = asyncio.create_task(fetch())
        ...     await asyncio.sleep(0)
        ...     task.cancel()
        ...     await asyncio.gather(task, return_exceptions=True)
        >>> asyncio.run(main())
        >>> fakes.assert_cancelled(fetch)
    """
    __tracebackhide__ = True
    resolved = items_of("assert_cancelled", items)
    ledger = current_ledger()
    keys = {item.key for item in resolved}
    events = ledger.scan(_SPAN, keys)
    counts = [
        {"returned": 0, "raised": 0, "cancelled": 0, "started": 0} for _ in resolved
    ]
    starts: dict[int, list[int]] = {}
    for seq, kind, call, double in events:
        if kind == STARTED:
            # A loop, not a comprehension: a matcher that raises then leaves
            # no frame that pytest would show.
            which: list[int] = []
            starts[call] = which
            for number, item in enumerate(resolved):
                if item.key == id(double) and matches(item, ledger, seq, call):
                    which.append(number)
                    counts[number]["started"] += 1
            continue
        for number in starts.pop(call, ()):
            counts[number]["started"] -= 1
            counts[number][KINDS[kind]] += 1
    for number, item in enumerate(resolved):
        if counts[number]["cancelled"]:
            continue
        seqs = _of_double(events, item.key)
        raise NotCancelledError(
            _render.not_cancelled(
                item=item.text,
                label=item.label,
                plain=item.plain,
                counts=counts[number],
                rows=rows(ledger, seqs, {}, len(seqs) - 1),
            )
        )


def _of_double(events: _Events, key: int) -> list[int]:
    return [event[0] for event in events if id(event[3]) == key]
