"""Checks shared by the tests: a consistent ledger, hidden helper frames.

Imported as ``tests.soundness`` (tests/conftest.py puts the project root on
``sys.path``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

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


_PACKAGE = Path(fakes.__file__).parent


def assert_frames_hidden(caught: pytest.ExceptionInfo[BaseException]) -> None:
    """Every frame of the library below the test's own hides itself from pytest.

    A failed assertion of ``fakes`` then reports the test's line, not the
    library's internals. Frames of other code in between (wrappers a tool puts
    around functions) are not the library's and are not checked.
    """
    ours = [
        entry.frame.f_locals.get("__tracebackhide__", False)
        for entry in caught.traceback[1:]
        if Path(entry.path).parent == _PACKAGE
    ]
    assert ours, "no frame of the library in the traceback"
    assert all(ours), [entry.name for entry in caught.traceback[1:]]
