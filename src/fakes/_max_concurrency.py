"""The peak of awaits in flight at once, and the assertion that bounds it."""

from __future__ import annotations

from typing import Any

from fakes import _render
from fakes._in_flight import span_seqs, sweep
from fakes._items import Item, items_of, rows
from fakes._ledger import Ledger, current_ledger
from fakes.errors import ConcurrencyError, FakesTypeError, FakesValueError

__all__ = ["assert_max_concurrency", "max_in_flight"]


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
    for seq, call, which, started in sweep(ledger, [item]):
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
    seqs = span_seqs(ledger, [resolved])
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
