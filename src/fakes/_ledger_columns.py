"""A ledger's columns, and reading its events back out of them.

The ledger stores events in columns (arrays and lists), one slot each; the
record paths (``Ledger`` and ``_ledger_bounded``) append to them, and this
base class reads them. An ``Event`` is built only for the events somebody
reads, and the fast readers (:meth:`LedgerColumns.scan`,
:meth:`LedgerColumns.columns`) build none.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Collection, Iterator
from itertools import compress, repeat
from operator import sub
from typing import Any, ClassVar

from fakes._event import KINDS, Event
from fakes._render import events_by_name, unknown_event_kind
from fakes.errors import FakesTypeError, FakesValueError

__all__ = ["LedgerColumns"]


class LedgerColumns:
    """The columns of :class:`fakes.Ledger`, and the methods that read them."""

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
        "_watch_limit",
        "_watched",
        "_watched_doubles",
        "serial",
    )

    #: The class of the weak owners among the doubles (set by the ledger).
    _owner_type: ClassVar[type[Any]]
    _base: int
    _calls: array[int]
    _capacity: int | None
    _details: list[Any]
    _doubles: list[Any]
    _kinds: array[int]
    _limit: int
    _lock: threading.Lock
    #: A number no other ledger of this process has.
    serial: int
    _tasks: list[str | None]
    _times: array[float]
    _watched: list[Any]
    _watch_limit: int
    _watched_doubles: list[Any]

    def __len__(self) -> int:
        return len(self._kinds)

    def __getitem__(self, seq: int) -> Event:
        kind = self._kinds[seq]
        position = seq if seq >= 0 else len(self._kinds) + seq
        call = self._calls[seq] - self._base
        args, kwargs = self.arguments(call)
        double = self._doubles[seq]
        name = double._fakes_label()
        if type(double) is self._owner_type:
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

    def events(self, kind: str | None = None, double: Any = None) -> list[Event]:
        """Return the events, optionally only of one kind and one double.

        Args:
            kind: Keep only events of this kind (such as ``"started"``).
            double: Keep only events of this double.

        Returns:
            The matching events in order.

        Raises:
            ValueError: ``kind`` is not a known event kind.
            TypeError: ``kind`` is not a string.
            TypeError: ``double`` is a name (a ``str``), not a double.
        """
        if isinstance(double, str):
            # Events keep the double itself; a name matches none of them.
            raise FakesTypeError(events_by_name(double))
        code = None
        if kind is not None:
            if not isinstance(kind, str):
                raise FakesTypeError(unknown_event_kind(kind, KINDS))
            if kind not in KINDS:
                raise FakesValueError(unknown_event_kind(kind, KINDS))
            code = KINDS.index(kind)
        kinds, doubles = self._kinds, self._doubles
        return [
            self[seq]
            for seq in range(len(kinds))
            if (code is None or kinds[seq] == code)
            and (double is None or self._is_owner(doubles[seq], double))
        ]

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

    def _is_owner(self, recorded: Any, double: Any) -> bool:
        """Whether ``recorded`` (a doubles column entry) stands for ``double``."""
        return recorded is double or (
            type(recorded) is self._owner_type and recorded() is double
        )
