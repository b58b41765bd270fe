"""The ledger: one ordered record of every event of every double.

Events are stored in columns (arrays and lists) rather than one object per
event: a recorded await then costs a few machine words instead of several
Python objects, and an ``Event`` is only built when somebody reads it.
The ledger is the bottom of the data flow. Its modules (this one with the
record path; ``_event``: the kinds and ``Event``; ``_ledger_columns``: the
columns and reading them; ``_ledger_bounded``: the bounded record path;
``_ledger_clock``: an event's task and time; ``_ledger_scope``: the
current-ledger scopes; ``_ledger_watch``: what strict verification asks)
import only each other and the package's leaf modules (errors, message
text, runtime detection), which import nothing of the package themselves.
"""

from __future__ import annotations

import itertools
import sys
import threading
import time as _time
import weakref
from array import array
from asyncio.events import _get_running_loop
from typing import Any, NoReturn

from fakes._event import KINDS
from fakes._ledger_bounded import BoundedRecord
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
from fakes._ledger_scope import CURRENT, enter, leave
from fakes._ledger_watch import WATCH_LIMIT, LedgerWatch
from fakes._render import ledger_bad_capacity
from fakes.errors import FakesTypeError, FakesValueError

__all__ = [
    "CALLED",
    "CANCELLED",
    "CLOSED",
    "DEFAULT_CAPACITY",
    "ENTERED",
    "EXITED",
    "RAISED",
    "RETURNED",
    "STARTED",
    "YIELDED",
    "Ledger",
    "WeakOwner",
    "current_ledger",
    "set_default_ledger",
]

#: The numeric code of each kind that the record path takes (see ``KINDS``).
CALLED, STARTED, RETURNED, RAISED, CANCELLED, ENTERED, EXITED, YIELDED, CLOSED = range(
    len(KINDS)
)


class WeakOwner(weakref.ref[Any]):
    """The owner of events that the ledger must not keep alive.

    A standalone ``fakes.async_iter()`` records its events with one of
    these: dropping the iterator then frees it, and its finaliser records
    ``closed``. Events read back give the iterator while it lives.
    """

    __slots__ = ("label",)

    label: str

    def __new__(cls, target: Any, label: str) -> WeakOwner:
        self: WeakOwner = super().__new__(cls, target)
        self.label = label
        return self

    def _fakes_label(self) -> str:
        return self.label


_serials = itertools.count(1)

#: How many events the process-wide default ledger keeps (see ``capacity``).
DEFAULT_CAPACITY = 100_000


class Ledger(LedgerWatch):
    """An ordered, thread-safe record of the events of every double.

    One ledger is current at a time: the one entered last in this context
    (``with Ledger() as ledger:``), else the process-wide default, which the
    pytest plugin replaces for every test. Several tasks and threads may
    enter the same ledger at once: each leaves it to its own previous one.

    Args:
        capacity: Keep at most this many events: when the ledger is full it
            drops its oldest events, down to half of ``capacity``, and counts
            them in :attr:`dropped`. ``None`` (the default) keeps every event;
            the process-wide default ledger keeps ``DEFAULT_CAPACITY``.

    Example:
        >>> import asyncio, fakes
        >>> fetch = fakes.async_double(name="fetch")
        >>> with fakes.Ledger() as ledger:
        ...     _ = asyncio.run(fetch(1))
        >>> [event.kind for event in ledger]
        ['called', 'started', 'returned']
    """

    __slots__ = ()

    _owner_type = WeakOwner

    def __init__(self, capacity: int | None = None) -> None:
        if capacity is not None and (
            isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 2
        ):
            _bad_capacity(capacity)
        self._lock = threading.Lock()
        self._capacity = capacity
        # Sequence numbers handed to recorders are absolute: ``_base`` events
        # were dropped before the first one kept, so that a call recorded
        # before a drop still finds its own events after it. Readers see
        # positions (0 is the oldest event kept).
        self._base = 0
        self._limit = sys.maxsize if capacity is None else capacity
        if capacity is not None:
            self.__class__ = _OffsetLedger  # pyright: ignore[reportAttributeAccessIssue]
        self._kinds = array("B")
        self._times = array("d")
        self._calls = array("q")
        self._doubles: list[Any] = []
        self._tasks: list[str | None] = []
        self._details: list[Any] = []
        self._watched: list[Any] = []
        self._watched_doubles: list[Any] = []
        self._watch_limit = WATCH_LIMIT
        self.serial = next(_serials)

    @property
    def capacity(self) -> int | None:
        """How many events this ledger keeps at most; ``None``: every event."""
        return self._capacity

    @property
    def dropped(self) -> int:
        """How many events were dropped (to stay within capacity, or by ``clear``)."""
        return self._base

    def record(self, kind: int, double: Any, call: int, detail: Any) -> int:
        """Append one event and return its sequence number.

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
            seq = len(kinds)
            kinds.append(kind)
            self._times.append(now)
            self._calls.append(seq if call < 0 else call)
            self._doubles.append(double)
            self._tasks.append(task)
            self._details.append(detail)
        finally:
            lock.release()
        return seq

    def __repr__(self) -> str:
        dropped = f" ({self._base} dropped)" if self._base else ""
        return f"<Ledger with {len(self)} events{dropped}>"

    def clear(self) -> None:
        """Forget every event (they count as :attr:`dropped`).

        The next event is number 0 again. An event of a call made before the
        clear (an iterator closed later) belongs to a forgotten call: its
        ``call`` is negative and its arguments are empty.
        """
        # Swapped, not emptied in place: the new columns are made before the
        # lock is taken and the old ones freed after it is released, since
        # allocating may run the garbage collector and freeing a double or an
        # argument may run a finaliser, either of which may record here.
        kinds, times, calls = array("B"), array("d"), array("q")
        doubles: list[Any] = []
        tasks: list[str | None] = []
        details: list[Any] = []
        watched: list[Any] = []
        watched_doubles: list[Any] = []
        with self._lock:
            self._base += len(self._kinds)
            self._limit = (
                sys.maxsize if self._capacity is None else self._base + self._capacity
            )
            kinds, self._kinds = self._kinds, kinds
            times, self._times = self._times, times
            calls, self._calls = self._calls, calls
            doubles, self._doubles = self._doubles, doubles
            tasks, self._tasks = self._tasks, tasks
            details, self._details = self._details, details
            watched, self._watched = self._watched, watched
            watched_doubles, self._watched_doubles = (
                self._watched_doubles,
                watched_doubles,
            )
            if self._base and type(self) is Ledger:
                # From now on recorders get numbers that count the events
                # forgotten here (a call made before the clear still finds
                # its own events), which only the offset record knows.
                self.__class__ = _OffsetLedger  # pyright: ignore[reportAttributeAccessIssue]
        del kinds, times, calls, doubles, tasks, details, watched, watched_doubles

    def __enter__(self) -> Ledger:
        enter(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        leave()


class _OffsetLedger(BoundedRecord, Ledger):
    """A ledger whose first event kept is not event 0.

    A bounded ledger (the process-wide default), or any ledger after
    ``clear()``. Plain ledgers keep the cheaper ``record``.
    """

    __slots__ = ()


_default = [Ledger(DEFAULT_CAPACITY)]
# Bound by assignment, not by the import: Python 3.11 compiles a method call
# on an imported name as an attribute load plus a call (it takes the name for
# a module), which makes every ``current_ledger()`` slower.
_current = CURRENT


def _bad_capacity(value: Any) -> NoReturn:
    # A whole number out of range is a bad value; anything else a bad type.
    whole = isinstance(value, int) and not isinstance(value, bool)
    error = FakesValueError if whole else FakesTypeError
    raise error(ledger_bad_capacity(value))


def current_ledger() -> Ledger:
    """Return the ledger that doubles record to in this context.

    The process-wide default, unless a ``with fakes.Ledger():`` block (or
    the pytest plugin's fixture) made another one current.

    Example:
        >>> import asyncio, fakes
        >>> ping = fakes.async_double(name="ping")
        >>> with fakes.Ledger() as ledger:
        ...     fakes.current_ledger() is ledger
        ...     _ = asyncio.run(ping())
        True
        >>> [event.kind for event in ledger]
        ['called', 'started', 'returned']
        >>> fakes.current_ledger() is ledger
        False
    """
    ledger: Ledger | None = _current.get()
    return _default[0] if ledger is None else ledger


def set_default_ledger(ledger: Ledger) -> Ledger:
    """Make ``ledger`` the process-wide default and return the previous one."""
    previous = _default[0]
    _default[0] = ledger
    return previous
