"""The timeline and the event tables of assertion messages.

Tables in assertion messages leave out the loop time: the sequence
numbers already give the order, and messages stay the same from run to
run (``fakes.timeline()`` shows the times).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from ._text import aligned, event_call
from .ledger import events_dropped


def timeline_rows(
    events: Iterable[Any], dropped: int = 0, capacity: int | None = None
) -> str:
    """Render events as an aligned table, one event a line.

    Args:
        events: The events to show.
        dropped: How many earlier events the ledger no longer has.
        capacity: The ledger's capacity, ``None`` when it has none.

    Returns:
        The table, or ``(no events)``; after a line that states ``dropped``.
    """
    table = _timeline_table(events)
    if dropped:
        return f"{events_dropped(dropped, capacity)}\n{table}"
    return table


def _timeline_table(events: Iterable[Any]) -> str:
    rows: list[tuple[str, ...]] = [("#", "time", "task", "event", "call")]
    rows.extend(
        (
            str(event.seq),
            "-" if math.isnan(event.time) else f"{event.time:.3f}",
            event.task or "-",
            event.kind,
            event_call(event),
        )
        for event in events
    )
    if len(rows) == 1:
        return "(no events)"
    return "\n".join(aligned(rows, 0))


def assertion_rows(
    events: Sequence[Any],
    marks: dict[int, str],
    before: int,
    after: int,
    dropped: tuple[int, int | None] = (0, None),
) -> str:
    """A timeline without loop times, indented, for an assertion message.

    Args:
        events: The events to show.
        marks: Text in front of the row of an event, by sequence number.
        before: How many earlier events of the same selection are left out.
        after: How many later events of the same selection are left out.
        dropped: How many events the ledger dropped before its first one,
            and its capacity.
    """
    table = _assertion_table(events, marks, before, after)
    if dropped[0]:
        return f"  {events_dropped(*dropped)}\n{table}"
    return table


def _assertion_table(
    events: Sequence[Any], marks: dict[int, str], before: int, after: int
) -> str:
    rows: list[tuple[str, ...]] = [("", "#", "task", "event", "call")]
    rows.extend(
        (
            marks.get(event.seq, ""),
            str(event.seq),
            event.task or "-",
            event.kind,
            event_call(event),
        )
        for event in events
    )
    if len(rows) == 1:
        return "  (no events)"
    if not marks:
        rows = [row[1:] for row in rows]
    lines = ["  " + line for line in aligned(rows, 1 if marks else 0)]
    if before:
        lines.insert(1, f"  ... {before} earlier not shown")
    if after:
        lines.append(f"  ... {after} later not shown")
    return "\n".join(lines)
