"""``fakes.timeline()``: the current ledger as a readable table."""

from __future__ import annotations

from fakes import _render
from fakes._ledger import Ledger, current_ledger
from fakes.errors import FakesTypeError

__all__ = ["timeline"]


def timeline(ledger: Ledger | None = None) -> str:
    """Render every event of the ledger, one event a line.

    Args:
        ledger: The ledger to show; the current one by default.

    Raises:
        FakesTypeError: ``ledger`` is not a ``fakes.Ledger``.

    Returns:
        An aligned table with the sequence number, loop time, task, event kind
        and the call of each event.

    Example:
        >>> import asyncio, fakes
        >>> fetch = fakes.async_double(name="fetch")
        >>> async def main():
        ...     await fetch(1)
        >>> with fakes.Ledger():
        ...     asyncio.run(main())
        ...     print(fakes.timeline())  # doctest: +ELLIPSIS
        #  time ... event     call
        0  ... called    fetch(1)
        1  ... started   fetch(1)
        2  ... returned  fetch(1)
    """
    if ledger is not None and not isinstance(ledger, Ledger):
        raise FakesTypeError(_render.not_a_ledger("fakes.timeline()", ledger))
    chosen = current_ledger() if ledger is None else ledger
    return _render.timeline_rows(chosen, chosen.dropped, chosen.capacity)
