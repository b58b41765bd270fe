"""Assertions about concurrency, read from the current ledger.

An await is in flight from its ``started`` event to its ``returned``,
``raised`` or ``cancelled`` event. Each function sweeps the events of the
named doubles once, in order, keeping the set of awaits in flight.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress, islice
from typing import Any

from fakes import _render
from fakes._items import Item, items_of, matches, rows
from fakes._ledger import CANCELLED, RAISED, RETURNED, STARTED, Ledger, current_ledger
from fakes.errors import ConcurrencyError, FakesTypeError, FakesValueError

__all__ = [
    "assert_awaited_concurrently",
    "assert_max_concurrency",
    "assert_not_awaited_concurrently",
    "max_in_flight",
]

_SPAN = bytes(
    1 if code in (STARTED, RETURNED, RAISED, CANCELLED) else 0 for code in range(256)
)


def _sweep(
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


def _seqs(ledger: Ledger, items: list[Item]) -> list[int]:
    kinds, _, doubles = ledger.columns()
    keys = {item.key for item in items}
    spans = compress(range(len(kinds)), kinds.translate(_SPAN))
    return [seq for seq in spans if id(doubles[seq]) in keys]


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
    for seq, call, which, started in _sweep(ledger, resolved):
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
    seqs = _seqs(ledger, resolved)
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
    for seq, call, which, started in _sweep(ledger, resolved):
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
    seqs = _seqs(ledger, items)
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


def _peak(ledger: Ledger, item: Item, limit: int | None) -> tuple[int, list[int]]:
    """The most awaits in flight at once, and where ``limit`` was first passed.

    Returns:
        The peak, and the ``started`` sequence numbers of the awaits in flight
        when ``limit`` was first passed (none if it never was), in order.
    """
    __tracebackhide__ = True
    flying: dict[int, int] = {}
    peak = 0
    passed: list[int] = []
    for seq, call, which, started in _sweep(ledger, [item]):
        if not which:
            continue
        if not started:
            del flying[call]
            continue
        flying[call] = seq
        peak = max(peak, len(flying))
        if limit is not None and len(flying) > limit and not passed:
            passed = sorted(flying.values())
    return peak, passed


def max_in_flight(item: Any) -> int:
    """The most awaits of ``item`` that were in flight at the same time.

    Args:
        item: A double or a :func:`fakes.awaited` item.

    Returns:
        The peak; 0 if it was never awaited.

    Example:
        >>> import asyncio, fakes
        >>> fetch = fakes.async_double(name="fetch")
        >>> async def pause(*args):
        ...     await asyncio.sleep(0)
        >>> fetch.side_effect = pause
        >>> async def main():
        ...     await asyncio.gather(fetch(1), fetch(2), fetch(3))
        >>> asyncio.run(main())
        >>> fakes.max_in_flight(fetch)
        3
    """
    __tracebackhide__ = True
    (resolved,) = items_of("max_in_flight", [item])
    return _peak(current_ledger(), resolved, None)[0]


def assert_max_concurrency(item: Any, limit: int) -> None:
    """Assert that at most ``limit`` awaits of ``item`` were in flight at once.

    Args:
        item: A double or a :func:`fakes.awaited` item.
        limit: The most awaits allowed in flight at the same time (1 or more).

    Raises:
        ConcurrencyError: More were in flight; the message marks where the
            limit was first passed.
        FakesTypeError: ``item`` is not a double, or ``limit`` not an int.
        FakesValueError: ``limit`` is less than 1.

    Example:
        >>> import asyncio, fakes
        >>> fetch = fakes.async_double(name="fetch")
        >>> async def main():
        ...     limit = asyncio.Semaphore(2)
        ...     async def guarded(n):
        ...         async with limit:
        ...             await fetch(n)
        ...     await asyncio.gather(*(guarded(n) for n in range(5)))
        >>> asyncio.run(main())
        >>> fakes.assert_max_concurrency(fetch, 2)
    """
    __tracebackhide__ = True
    (resolved,) = items_of("assert_max_concurrency", [item])
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise FakesTypeError(_render.bad_limit_type("assert_max_concurrency", limit))
    if limit < 1:
        raise FakesValueError(
            _render.bad_limit("assert_max_concurrency", resolved.label, limit)
        )
    ledger = current_ledger()
    peak, passed = _peak(ledger, resolved, limit)
    if peak <= limit:
        return
    first = passed[-1]
    seqs = _seqs(ledger, [resolved])
    raise ConcurrencyError(
        _render.max_concurrency_failure(
            item=resolved.text,
            limit=limit,
            peak=peak,
            seq=first,
            in_flight=passed,
            rows=rows(ledger, seqs, {first: ">>"}, seqs.index(first)),
        )
    )
