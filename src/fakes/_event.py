"""What the ledger records: the kinds of event, and an event read back.

The ledger stores events in columns and numbers each kind by its index in
:data:`KINDS`; an :class:`Event` is built only when somebody reads one.
This module imports nothing of the package, so the ledger may use it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

__all__ = ["KINDS", "Event"]

#: The kinds of event, in the order of their numeric codes.
KINDS = (
    "called",
    "started",
    "returned",
    "raised",
    "cancelled",
    "entered",
    "exited",
    "yielded",
    "closed",
)


class Event(NamedTuple):
    """One thing that happened to a double.

    Attributes:
        seq: Global sequence number within the ledger (0, 1, 2, ...).
        kind: One of ``called``, ``started``, ``returned``, ``raised``,
            ``cancelled``, ``entered``, ``exited``, ``yielded``, ``closed``.
        name: The double's dotted name, such as ``UserRepo.get``.
        args: Positional arguments of the call this event belongs to.
        kwargs: Keyword arguments of the call this event belongs to.
        task: Name of the task that was running, or ``None`` outside a task.
        time: The running loop's time, or ``nan`` outside a loop.
        call: Sequence number of the ``called`` event this event belongs to.
        double: The double itself; for a standalone ``fakes.async_iter()``
            the iterator, or ``None`` once it has been freed (the ledger does
            not keep it alive, so that dropping it records ``closed``).
        detail: What the event carries: the exception of ``raised``; the
            cancellation (``asyncio.CancelledError`` or trio's ``Cancelled``)
            of ``cancelled``; the exception that left the block of
            ``exited`` (``None`` for a clean exit); the item of ``yielded``;
            the error thrown in by ``athrow()`` of ``closed`` (``None`` after
            ``aclose()`` or when the iterator was dropped); ``None`` for
            ``called``, ``started``, ``returned`` and ``entered``.

    Example:
        >>> import asyncio, fakes
        >>> fetch = fakes.async_double(name="fetch")
        >>> with fakes.Ledger() as ledger:
        ...     _ = asyncio.run(fetch(1, page=2))
        >>> started = ledger.events("started")[0]
        >>> started.kind, started.name, started.args, started.kwargs
        ('started', 'fetch', (1,), {'page': 2})
        >>> started.call == ledger.events("called")[0].seq
        True
    """

    seq: int
    kind: str
    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    task: str | None
    time: float
    call: int
    double: Any
    detail: Any
