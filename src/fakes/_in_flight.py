"""Awaits in flight, swept from the ledger for the concurrency assertions.

An await is in flight from its ``started`` event to its ``returned``,
``raised`` or ``cancelled`` event. A sweep reads the events of the named
doubles once, in order, and reports each start and end.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress

from fakes._items import Item, matches
from fakes._ledger import CANCELLED, RAISED, RETURNED, STARTED, Ledger

__all__ = ["span_seqs", "sweep"]

_SPAN = bytes(
    1 if code in (STARTED, RETURNED, RAISED, CANCELLED) else 0 for code in range(256)
)


def sweep(
    ledger: Ledger, items: list[Item]
) -> Iterator[tuple[int, int, tuple[int, ...], bool]]:
    """``(seq, call, matching items, started)`` of each start and end, in order."""
    __tracebackhide__ = True
    kinds, calls, doubles = ledger.columns()
    numbers: dict[int, list[int]] = {}
    for number, item in enumerate(items):
        numbers.setdefault(item.key, []).append(number)
    # Doubles named only by bare items match every await: no comparison.
    fixed = {
        key: tuple(found)
        for key, found in numbers.items()
        if all(items[number].plain for number in found)
    }
    starts: dict[int, tuple[int, ...]] = {}
    for seq in compress(range(len(kinds)), kinds.translate(_SPAN)):
        key = id(doubles[seq])
        found = numbers.get(key)
        if found is None:
            continue
        call = calls[seq]
        if kinds[seq] != STARTED:
            if call in starts:
                yield seq, call, starts.pop(call), False
            continue
        which = fixed.get(key)
        if which is None:
            # A loop, not a generator: a matcher that raises then leaves no
            # frame that pytest would show.
            matching: list[int] = []
            for number in found:
                if matches(items[number], ledger, seq, call):
                    matching.append(number)
            which = tuple(matching)
        starts[call] = which
        yield seq, call, which, True


def span_seqs(ledger: Ledger, items: list[Item]) -> list[int]:
    kinds, _, doubles = ledger.columns()
    keys = {item.key for item in items}
    spans = compress(range(len(kinds)), kinds.translate(_SPAN))
    return [seq for seq in spans if id(doubles[seq]) in keys]
