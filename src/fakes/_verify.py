"""Calls never awaited, and strict verification of the whole ledger."""

from __future__ import annotations

from itertools import compress
from typing import Any

from fakes import _render
from fakes._double.state import state_of
from fakes._items import items_of, matches, rows
from fakes._ledger import CALLED, RAISED, STARTED, Ledger, current_ledger
from fakes._unused import problems as unused_problems
from fakes.errors import FakesTypeError, NotAwaitedError, VerificationError

__all__ = ["assert_all_awaited", "end_of_body", "end_of_test", "verify"]


# ``bytes.translate`` tables: 1 for the kinds named, 0 for every other byte.
_CALLED = bytes(code == CALLED for code in range(256))
_RAISED = bytes(code == RAISED for code in range(256))
_STARTED = bytes(code == STARTED for code in range(256))


def _never_started(ledger: Ledger) -> list[int]:
    """The ``called`` events that no other event of their call followed.

    A sync double's call is followed by ``returned`` or ``raised``, an
    awaited call by ``started``: only a coroutine never started has none.
    """
    kinds, calls, doubles = ledger.columns()
    # ``called`` is kind 0, so the kinds themselves select every other event.
    followed = set(compress(calls, kinds))
    return [
        seq
        for seq in compress(range(len(kinds)), kinds.translate(_CALLED))
        if seq not in followed and not _await_optional(doubles[seq])
    ]


def _await_optional(double: Any) -> bool:
    """Whether the spec lets a call's result go unawaited (``T | Awaitable[T]``)."""
    member = state_of(double).member
    return member is not None and bool(member.optional_await())


def assert_all_awaited(*items: Any) -> None:
    """Assert that every call of an async double was awaited.

    A call returns a coroutine; if nothing awaits it, the double's body never
    runs and nothing the test configured happens.

    Args:
        *items: Check only these doubles (or :func:`fakes.awaited` items);
            every double by default.

    Raises:
        NotAwaitedError: Some calls were never awaited; the message lists them.
        FakesTypeError: An item that is not a double.

    Example:
        >>> import asyncio, fakes
        >>> fetch = fakes.async_double(name="fetch")
        >>> coroutine = fetch(1)
        >>> try:
        ...     fakes.assert_all_awaited()
        ... except AssertionError as error:
        ...     print(str(error).splitlines()[0])
        1 call was never awaited:
        >>> _ = asyncio.run(coroutine)
        >>> fakes.assert_all_awaited()
    """
    __tracebackhide__ = True
    resolved = items_of("assert_all_awaited", items, minimum=0)
    ledger = current_ledger()
    missing = _never_started(ledger)
    if resolved:
        # Loops, not comprehensions: a matcher that raises then leaves no
        # frame that pytest would show.
        wanted: list[int] = []
        for seq in missing:
            key = id(ledger[seq].double)
            for item in resolved:
                if item.key == key and matches(item, ledger, seq, seq):
                    wanted.append(seq)
                    break
        missing = wanted
    if missing:
        raise NotAwaitedError(
            _render.not_awaited(rows(ledger, missing, {}, None), len(missing))
        )


def _ran_out(error: Any) -> bool:
    """Whether ``error`` is the StopAsyncIteration of an exhausted side_effect."""
    return isinstance(error, StopAsyncIteration) and isinstance(
        error.__context__, StopIteration
    )


def problems(ledger: Ledger) -> list[str]:
    """Every problem strict verification finds in the ledger, as text."""
    kinds, calls, doubles = ledger.columns()
    ran_out = [
        seq
        for seq in compress(range(len(kinds)), kinds.translate(_RAISED))
        if _ran_out(ledger.detail(seq))
    ]
    texts: dict[int, str] = {}
    if ran_out:
        # Which await of its double each exhausted call was: one more pass,
        # only over the started events, only when there is something to say.
        wanted = {calls[seq] for seq in ran_out}
        counters: dict[int, int] = {}
        number: dict[int, int] = {}
        for seq in compress(range(len(kinds)), kinds.translate(_STARTED)):
            key = id(doubles[seq])
            counters[key] = counters.get(key, 0) + 1
            if calls[seq] in wanted:
                number[calls[seq]] = counters[key]
        for seq in ran_out:
            texts[seq] = _render.problem_side_effect_ran_out(
                seq, _call_text(ledger, seq), number[calls[seq]]
            )
    for seq in _never_started(ledger):
        texts[seq] = _render.problem_not_awaited(seq, _call_text(ledger, seq))
    found = [texts[seq] for seq in sorted(texts)]
    for watched in ledger.watched():
        found.extend(str(problem) for problem in watched.problems())
    for double in ledger.watched_doubles():
        found.extend(unused_problems(double))
    return found


def end_of_body(ledger: Ledger) -> None:
    """Tell the registered gates that the test's body has ended.

    An await a gate still holds then, and that the runner cancels before
    verification runs, is reported as held (not as an ordinary cancel).
    """
    for watched in ledger.watched():
        mark = getattr(watched, "end_of_body", None)
        if mark is not None:
            mark()


def end_of_test(ledger: Ledger) -> None:
    """Tell the registered gates that the test is over (see :func:`end_of_body`)."""
    for watched in ledger.watched():
        mark = getattr(watched, "end_of_test", None)
        if mark is not None:
            mark()


def _call_text(ledger: Ledger, seq: int) -> str:
    event = ledger[seq]
    return _render.format_call(event.name, event.args, event.kwargs)


def verify(ledger: Ledger | None = None) -> None:
    """Fail with every problem strict verification finds in the current ledger.

    Reported together, in this order: calls never awaited and stdlib
    ``side_effect`` iterables that ran out (by sequence number), then the
    problems of gates, argument rules and other registered behaviour.

    Args:
        ledger: The ledger to check; the current one by default.

    Raises:
        VerificationError: Some problems were found; the message lists all.
        FakesTypeError: ``ledger`` is not a ``fakes.Ledger``.

    Example:
        >>> import asyncio, fakes
        >>> fetch = fakes.async_double(name="fetch")
        >>> fetch.side_effect = [1]
        >>> async def main():
        ...     await fetch()
        ...     try:
        ...         await fetch()
        ...     except StopAsyncIteration:
        ...         pass
        >>> with fakes.Ledger() as ledger:
        ...     asyncio.run(main())
        >>> fakes.verify(ledger)
        Traceback (most recent call last):
        fakes.errors.VerificationError: fakes.verify() found 1 problem:
          1. fetch() raised StopAsyncIteration (#5) because its side_effect
          ran out of values at await 2, which silently ends an 'async for':
          give it one value per await, or use script(...).
    """
    __tracebackhide__ = True
    if ledger is not None and not isinstance(ledger, Ledger):
        raise FakesTypeError(_render.not_a_ledger("fakes.verify()", ledger))
    found = problems(current_ledger() if ledger is None else ledger)
    if found:
        raise VerificationError(_render.verification_failure(found))
