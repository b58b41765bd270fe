"""Assertions about awaits overlapping, read from the current ledger.

Whether one await of each item was in flight at the same moment, or no two
items' awaits ever were. Each assertion sweeps the ledger once
(:func:`fakes._in_flight.sweep`).
"""

from __future__ import annotations

from itertools import islice
from typing import Any

from fakes import _render
from fakes._in_flight import span_seqs, sweep
from fakes._items import Item, items_of, rows
from fakes._ledger import Ledger, current_ledger
from fakes.errors import ConcurrencyError

__all__ = [
    "assert_awaited_concurrently",
    "assert_not_awaited_concurrently",
]


def _call(ledger: Ledger, seq: int) -> str:
    event = ledger[seq]
    return _render.format_call(event.name, event.args, event.kwargs)


def _matching(candidates: list[list[int]]) -> int:
    """The most items that distinct awaits in flight can stand for at once."""
    owner: dict[int, int] = {}

    def assign(number: int, seen: set[int]) -> bool:
        for call in candidates[number]:
            if call in seen:
                continue
            seen.add(call)
            if call not in owner or assign(owner[call], seen):
                owner[call] = number
                return True
        return False

    return sum(assign(number, set()) for number in range(len(candidates)))


def assert_awaited_concurrently(*items: Any) -> None:
    """Assert that one await of each item was in flight at the same moment.

    Args:
        *items: At least two doubles or :func:`fakes.awaited` items; the same
            double twice asks for two of its awaits in flight at once.

    Raises:
        ConcurrencyError: There was no such moment; the message says how
            close the awaits came and shows them.
        FakesTypeError: Fewer than two items, or an item that is not a double.

    Example:
        >>> import asyncio, fakes
        >>> a = fakes.async_double(name="a")
        >>> b = fakes.async_double(name="b")
        >>> async def pause(*args):
        ...     await asyncio.sleep(0)
        >>> a.side_effect = b.side_effect = pause
        >>> async def main():
        ...     await asyncio.gather(a(), b())
        >>> asyncio.run(main())
        >>> fakes.assert_awaited_concurrently(a, b)
    """
    __tracebackhide__ = True
    resolved = items_of("assert_awaited_concurrently", items, minimum=2)
    ledger = current_ledger()
    flying: list[set[int]] = [set() for _ in resolved]
    best, best_seq = 0, -1
    ever = [False] * len(resolved)
    for seq, call, which, started in sweep(ledger, resolved):
        if not started:
            for number in which:
                flying[number].remove(call)
            continue
        for number in which:
            flying[number].add(call)
            ever[number] = True
        # Cheap bound first: the items with an await in flight.
        covered = sum(map(bool, flying))
        if covered <= best:
            continue
        limit = len(resolved)
        most = _matching([list(islice(calls, limit)) for calls in flying])
        if most == len(resolved):
            return
        if most > best:
            best, best_seq = most, seq
    seqs = span_seqs(ledger, resolved)
    if not all(ever):
        number = ever.index(False)
        reason = _render.concurrency_never(number + 1, resolved[number].text)
        marks: dict[int, str] = {}
    else:
        reason = _render.concurrency_at_most(best, len(resolved), best_seq)
        marks = {best_seq: ">>"}
    raise ConcurrencyError(
        _render.concurrency_failure(
            items=[item.text for item in resolved],
            plain=[item.plain for item in resolved],
            reason=reason,
            labels=[item.label for item in resolved],
            rows=rows(ledger, seqs, marks, seqs.index(best_seq) if marks else None),
        )
    )


def assert_not_awaited_concurrently(*items: Any) -> None:
    """Assert that no two of the items had awaits in flight at the same time.

    Awaits of one item may overlap each other (see
    :func:`assert_max_concurrency` for those).

    Args:
        *items: At least two doubles or :func:`fakes.awaited` items.

    Raises:
        ConcurrencyError: Two of them overlapped; the message marks the first
            overlap.
        FakesTypeError: Fewer than two items, or an item that is not a double.

    Example:
        >>> import asyncio, fakes
        >>> a = fakes.async_double(name="a")
        >>> b = fakes.async_double(name="b")
        >>> async def main():
        ...     await a()
        ...     await b()
        >>> asyncio.run(main())
        >>> fakes.assert_not_awaited_concurrently(a, b)
    """
    __tracebackhide__ = True
    resolved = items_of("assert_not_awaited_concurrently", items, minimum=2)
    ledger = current_ledger()
    flying: dict[int, int] = {}
    # In flight awaits that match exactly one item, by item: an await that
    # starts conflicts with any in flight unless all of them match only its
    # own single item. Counting keeps each step O(1). The awaits in flight never
    # conflict with each other, so they are all of one single item, or one
    # await: the first of them conflicts with the new one whenever any does.
    alone = [0] * len(resolved)
    for seq, call, which, started in sweep(ledger, resolved):
        if not which:
            continue
        if not started:
            del flying[call]
            if len(which) == 1:
                alone[which[0]] -= 1
            continue
        first = which[0]
        if flying and (len(which) > 1 or len(flying) > alone[first]):
            _overlap(ledger, resolved, seq, next(iter(flying.values())))
        flying[call] = seq
        if len(which) == 1:
            alone[which[0]] += 1


def _overlap(ledger: Ledger, items: list[Item], seq: int, other_seq: int) -> None:
    __tracebackhide__ = True
    seqs = span_seqs(ledger, items)
    raise ConcurrencyError(
        _render.overlap_failure(
            items=[item.text for item in items],
            plain=[item.plain for item in items],
            seq=seq,
            call=_call(ledger, seq),
            other_seq=other_seq,
            other_call=_call(ledger, other_seq),
            labels=[item.label for item in items],
            rows=rows(ledger, seqs, {seq: ">>", other_seq: ">>"}, seqs.index(seq)),
        )
    )
