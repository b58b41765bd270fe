"""The ledger: one ordered record of every event of every double.

Events are stored in columns (arrays and lists) rather than one object per
event: a recorded await then costs a few machine words instead of several
Python objects, and an ``Event`` is only built when somebody reads it.
The ledger is the bottom of the data flow: it imports only the package's
leaf modules (errors, message text, runtime detection), which import
nothing of the package themselves.
"""

from __future__ import annotations

import contextvars
import math
import sys
import threading
import time as _time
import weakref
from array import array
from asyncio import BaseEventLoop
from asyncio import current_task as _current_task
from asyncio.events import _get_running_loop
from collections.abc import Collection, Iterator
from itertools import compress, repeat
from operator import sub
from typing import Any, NamedTuple, NoReturn
from unittest.mock import NonCallableMock

from fakes._render import ledger_bad_capacity, unknown_event_kind
from fakes._runtime import running_trio
from fakes.errors import FakesTypeError, FakesValueError

__all__ = [
    "DEFAULT_CAPACITY",
    "KINDS",
    "Event",
    "Ledger",
    "WeakOwner",
    "current_ledger",
]

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
CALLED, STARTED, RETURNED, RAISED, CANCELLED, ENTERED, EXITED, YIELDED, CLOSED = range(
    len(KINDS)
)
_NO_TIME = math.nan
# Captured at import: the stock loop's ``time()`` looks ``time.monotonic`` up
# on every call, so a test that patches it would see the ledger's reads too.
_monotonic = _time.monotonic
_stock_loop_time = BaseEventLoop.time
# A test may patch ``loop.time`` itself with a mock (even with a double,
# whose calls record events): the ledger reads the real clock instead.
_Mock = NonCallableMock


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


def _is_owner(recorded: Any, double: Any) -> bool:
    """Whether ``recorded`` (a doubles column entry) stands for ``double``."""
    return recorded is double or (type(recorded) is WeakOwner and recorded() is double)


def _now_outside_asyncio() -> tuple[str | None, float]:
    """The task name and time without a running asyncio loop: trio's, or none."""
    trio = running_trio()
    if trio is not None:
        return trio.lowlevel.current_task().name, trio.current_time()
    return None, _NO_TIME


def _loop_time_unpatched(loop: Any, clock: Any) -> float:
    """The loop's time while its clock is patched, without calling the patch.

    A stock loop's clock is ``time.monotonic``, so the original is read, as
    it is when a test put a mock in place of ``loop.time``; a clock that
    replaced the loop's (virtual time, a loop's own ``time``) is asked as
    usual.
    """
    if isinstance(clock, _Mock) or (
        type(loop).time is _stock_loop_time and "time" not in vars(loop)
    ):
        return _monotonic()
    now: float = clock()
    return now


#: How many events the process-wide default ledger keeps (see ``capacity``).
DEFAULT_CAPACITY = 100_000


class Ledger:
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

    __slots__ = (
        "_base",
        "_calls",
        "_capacity",
        "_details",
        "_doubles",
        "_kinds",
        "_limit",
        "_lock",
        "_tasks",
        "_times",
        "_watched",
    )

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
            task, now = _now_outside_asyncio()
        else:
            current = _current_task(loop)
            task = None if current is None else current.get_name()
            clock = loop.time
            # Two cheap checks while nothing patched the clock or its function.
            if _time.monotonic is _monotonic and not isinstance(clock, _Mock):
                now = clock()
            else:
                now = _loop_time_unpatched(loop, clock)
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

    def watch(self, item: Any) -> None:
        """Register an object whose ``problems()`` strict verification asks.

        Gates, argument rules and other stateful behaviour register here when
        they are created, so that ``fakes.verify()`` can report a gate that
        still holds awaits or a rule that was never used.
        """
        with self._lock:
            self._watched.append(item)

    def watched(self) -> list[Any]:
        """The objects registered with :meth:`watch`, in order."""
        with self._lock:
            watched, size = self._watched, len(self._watched)
        # Copied after the lock (see columns()); the list only grows.
        return watched[:size]

    def __len__(self) -> int:
        return len(self._kinds)

    def __getitem__(self, seq: int) -> Event:
        kind = self._kinds[seq]
        position = seq if seq >= 0 else len(self._kinds) + seq
        call = self._calls[seq] - self._base
        args, kwargs = self.arguments(call)
        double = self._doubles[seq]
        name = double._fakes_label()
        if type(double) is WeakOwner:
            double = double()
        return Event(
            seq=position,
            kind=KINDS[kind],
            name=name,
            args=args,
            kwargs=kwargs,
            task=self._tasks[seq],
            time=self._times[seq],
            call=call,
            double=double,
            # An event that opens its own call (``called``, ``entered``)
            # holds the call's arguments, not a detail.
            detail=None if call == position else self._details[seq],
        )

    def __iter__(self) -> Iterator[Event]:
        for seq in range(len(self._kinds)):
            yield self[seq]

    def __repr__(self) -> str:
        dropped = f" ({self._base} dropped)" if self._base else ""
        return f"<Ledger with {len(self)} events{dropped}>"

    def events(self, kind: str | None = None, double: Any = None) -> list[Event]:
        """Return the events, optionally only of one kind and one double.

        Args:
            kind: Keep only events of this kind (such as ``"started"``).
            double: Keep only events of this double.

        Returns:
            The matching events in order.

        Raises:
            ValueError: ``kind`` is not a known event kind.
        """
        code = None
        if kind is not None:
            if kind not in KINDS:
                raise FakesValueError(unknown_event_kind(kind, KINDS))
            code = KINDS.index(kind)
        kinds, doubles = self._kinds, self._doubles
        return [
            self[seq]
            for seq in range(len(kinds))
            if (code is None or kinds[seq] == code)
            and (double is None or _is_owner(doubles[seq], double))
        ]

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
            if self._base and type(self) is Ledger:
                # From now on recorders get numbers that count the events
                # forgotten here (a call made before the clear still finds
                # its own events), which only the offset record knows.
                self.__class__ = _OffsetLedger  # pyright: ignore[reportAttributeAccessIssue]
        del kinds, times, calls, doubles, tasks, details, watched

    def __enter__(self) -> Ledger:
        token = _current.set(self)
        # One stack of tokens per context: tasks and threads that enter the
        # same ledger at once each find their own token when they leave.
        _scopes.set((token, _scopes.get()))
        return self

    def __exit__(self, *exc_info: object) -> None:
        scopes = _scopes.get()
        if scopes is None:
            # Left in a context it was not entered in (a fixture whose setup
            # and teardown run in different contexts): nothing to restore.
            return
        token, outer = scopes
        _scopes.set(outer)
        try:
            _current.reset(token)
        except ValueError:
            # A token of a copied context (the same stack, inherited by a
            # task): restore the value it saved.
            previous = token.old_value
            _current.set(None if previous is contextvars.Token.MISSING else previous)

    def scan(
        self, kinds: Collection[int], doubles: Collection[int] | None = None
    ) -> list[tuple[int, int, int, Any]]:
        """The fast path for readers of many events, such as the assertions.

        Reads the columns once, under the lock, and builds no ``Event``.

        Args:
            kinds: The numeric kinds to keep (such as ``{STARTED}``).
            doubles: The ``id()`` of the doubles to keep; every double if
                ``None``.

        Returns:
            ``(seq, kind, call, double)`` of each matching event, in order.
        """
        codes, calls, owners = self.columns()
        table = bytes(1 if code in kinds else 0 for code in range(256))
        seqs = compress(range(len(codes)), codes.translate(table))
        if doubles is None:
            return [(seq, codes[seq], calls[seq], owners[seq]) for seq in seqs]
        return [
            (seq, codes[seq], calls[seq], owners[seq])
            for seq in seqs
            if id(owners[seq]) in doubles
        ]

    def columns(self) -> tuple[bytes, array[int], list[Any]]:
        """A snapshot of the kind, call and double columns, taken under the lock.

        ``kinds[seq]`` is the numeric kind of event ``seq``, ``calls[seq]``
        the sequence number of its ``called`` event, ``doubles[seq]`` its
        double. For readers that filter with C-speed tools
        (``bytes.translate``, ``itertools.compress``).
        """
        with self._lock:
            # Only references and a length are taken under the lock: copying
            # allocates, and an allocation may run the garbage collector and
            # with it a finaliser that records. The columns only grow (drops
            # and clears replace them), so the first ``size`` items are stable.
            kinds = self._kinds
            calls = self._calls
            doubles = self._doubles
            base = self._base
            size = len(kinds)
        codes = kinds[:size].tobytes()
        if base:
            return (
                codes,
                array("q", map(sub, calls[:size], repeat(base))),
                doubles[:size],
            )
        return codes, calls[:size], doubles[:size]

    def arguments(self, call: int) -> tuple[tuple[Any, ...], dict[str, Any]]:
        """``(args, kwargs)`` of the call whose ``called`` event is ``call``.

        A negative ``call`` is a call whose ``called`` event was dropped: its
        arguments are no longer known, and are given as ``((), {})``.
        """
        if call < 0:
            return (), {}
        args, kwargs = self._details[call]
        return args, kwargs

    def detail(self, seq: int) -> Any:
        """What event ``seq`` carries (see :attr:`Event.detail`)."""
        if self._calls[seq] - self._base == seq:
            return None
        return self._details[seq]


class _OffsetLedger(Ledger):
    """A ledger whose first event kept is not event 0.

    A bounded ledger (the process-wide default), or any ledger after
    ``clear()``. Plain ledgers keep the cheaper ``record``.
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
            task, now = _now_outside_asyncio()
        else:
            current = _current_task(loop)
            task = None if current is None else current.get_name()
            clock = loop.time
            # Two cheap checks while nothing patched the clock or its function.
            if _time.monotonic is _monotonic and not isinstance(clock, _Mock):
                now = clock()
            else:
                now = _loop_time_unpatched(loop, clock)
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


_current: contextvars.ContextVar[Ledger | None] = contextvars.ContextVar(
    "fakes_ledger", default=None
)


_scopes: contextvars.ContextVar[Any] = contextvars.ContextVar(
    "fakes_ledger_scopes", default=None
)
_default = [Ledger(DEFAULT_CAPACITY)]


def _bad_capacity(value: Any) -> NoReturn:
    raise FakesTypeError(ledger_bad_capacity(value))


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
    ledger = _current.get()
    return _default[0] if ledger is None else ledger


def set_default_ledger(ledger: Ledger) -> Ledger:
    """Make ``ledger`` the process-wide default and return the previous one."""
    previous = _default[0]
    _default[0] = ledger
    return previous
