"""A check that a ledger is consistent, shared by the reliability tests.

Imported as ``tests.soundness`` (tests/conftest.py puts the project root on
``sys.path``).
"""

from __future__ import annotations

from collections import Counter

import fakes

_ENDS = frozenset({"returned", "raised", "cancelled"})


def assert_sound(ledger: fakes.Ledger) -> None:
    """Every event belongs to a call of its double and comes in the right order.

    Sequence numbers run 0, 1, 2, ...; every event points at an earlier
    ``called`` event of the same double; a call has at most one ``started``
    and at most one end (``returned``, ``raised`` or ``cancelled``), the end
    after the start; and every event can be read and rendered.
    """
    events = list(ledger)
    assert [event.seq for event in events] == list(range(len(ledger)))
    started: Counter[int] = Counter()
    ended: Counter[int] = Counter()
    for event in events:
        owner = events[event.call]
        assert owner.kind == "called", event
        assert owner.double is event.double, event
        assert event.call <= event.seq, event
        if event.kind == "called":
            assert event.call == event.seq, event
        elif event.kind == "started":
            started[event.call] += 1
            assert not ended[event.call], event
        elif event.kind in _ENDS:
            ended[event.call] += 1
    assert all(count == 1 for count in started.values())
    assert all(count == 1 for count in ended.values())
    with ledger:
        assert isinstance(fakes.timeline(), str)
