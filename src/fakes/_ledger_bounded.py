"""The record path of a ledger whose first event kept is not event 0.

A bounded ledger (the process-wide default) drops its oldest events when it
is full, and any ledger counts the events it forgot after ``clear()``: its
sequence numbers are then absolute, offset by the events dropped.
"""

from __future__ import annotations

import time as _time
from asyncio.events import _get_running_loop
from typing import Any

from fakes._ledger_clock import (
    Mock,
    loop_time_unpatched,
    monotonic,
    now_outside_asyncio,
    stock_loop_time,
)
from fakes._ledger_clock import (
    current_task as _current_task,
)
from fakes._ledger_columns import LedgerColumns

__all__ = ["BoundedRecord"]


class BoundedRecord(LedgerColumns):
    """The record path of ``_OffsetLedger``: absolute numbers, drops when full.

    Plain ledgers keep the cheaper ``Ledger.record``.
    """

    __slots__ = ()

    def record(self, kind: int, double: Any, call: int, detail: Any) -> int:
        """Append one event and return its absolute sequence number.

        The same as ``Ledger.record`` (kept apart, not shared, because it
        runs three times per await), except that the sequence number counts
        the dropped events too, and that a full ledger drops its oldest.

        Args:
            kind: The numeric kind (an index into ``KINDS``).
            double: The double the event belongs to.
            call: Sequence number of the ``called`` event, or -1 to make this
                event its own call (for ``called`` events).
            detail: For ``called`` events the ``unittest.mock.call`` of the
                arguments; otherwise what the event carries.

        Returns:
            The new event's sequence number.
        """
        # The asyncio case first, inline: this runs three times per await.
        loop = _get_running_loop()
        if loop is None:
            task, now = now_outside_asyncio()
        else:
            current = _current_task(loop)
            task = None if current is None else current.get_name()
            if type(loop).time is stock_loop_time and "time" not in loop.__dict__:
                # A stock loop's clock is time.monotonic: read the original
                # directly, whether or not the test patched the module's.
                now = monotonic()
            else:
                clock = loop.time
                if _time.monotonic is monotonic and not isinstance(clock, Mock):
                    now = clock()
                else:
                    now = loop_time_unpatched(loop, clock)
        lock = self._lock
        # Nothing in the locked region can run Python code of anyone else
        # (no object is freed and no tracked object allocated there), so a
        # finaliser that records can never wait for this lock on its own thread.
        lock.acquire()
        try:
            kinds = self._kinds
            seq = len(kinds) + self._base
            kinds.append(kind)
            self._times.append(now)
            self._calls.append(seq if call < 0 else call)
            self._doubles.append(double)
            self._tasks.append(task)
            self._details.append(detail)
        finally:
            lock.release()
        if seq >= self._limit:
            self._drop_oldest()
        return seq

    def _drop_oldest(self) -> None:
        """Drop the oldest events, keeping half of the capacity.

        The kept events are copied while the lock is free (copying allocates,
        and an allocation may run the garbage collector, and with it a
        finaliser that records); under the lock, the few events recorded
        meanwhile are added and the new columns replace the old ones, which
        are freed after the lock is released.
        """
        capacity = self._capacity
        assert capacity is not None
        lock = self._lock
        with lock:
            kinds, times, calls = self._kinds, self._times, self._calls
            doubles, tasks, details = self._doubles, self._tasks, self._details
            size = len(kinds)
            full = self._base + size > self._limit
        if not full:
            return  # another thread dropped them first
        cut = size - capacity // 2
        new_kinds, new_times, new_calls = kinds[cut:], times[cut:], calls[cut:]
        new_doubles, new_tasks = doubles[cut:size], tasks[cut:size]
        new_details = details[cut:size]
        with lock:
            if self._kinds is not kinds:
                return  # dropped or cleared by another thread meanwhile
            for index in range(size, len(doubles)):
                new_doubles.append(doubles[index])
                new_tasks.append(tasks[index])
                new_details.append(details[index])
            new_kinds[size - cut :] = kinds[size:]
            new_times[size - cut :] = times[size:]
            new_calls[size - cut :] = calls[size:]
            self._kinds, self._times, self._calls = new_kinds, new_times, new_calls
            self._doubles, self._tasks = new_doubles, new_tasks
            self._details = new_details
            self._base += cut
            self._limit = self._base + capacity
