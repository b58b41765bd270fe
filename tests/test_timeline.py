"""fakes.timeline(): the ledger as a table."""

from __future__ import annotations

import contextlib

import fakes


def test_timeline_empty_ledger():
    """An empty ledger renders as (no events)."""
    with fakes.Ledger():
        assert fakes.timeline() == "(no events)"


def test_timeline_one_line_per_event():
    """Each event is one aligned line with its call."""
    fetch = fakes.async_double(name="fetch").raises(KeyError("k"))

    with fakes.Ledger() as ledger:
        coroutine = fetch(1, key="x")
        with contextlib.suppress(KeyError):
            coroutine.send(None)

    assert fakes.timeline(ledger) == (
        "#  time  task  event    call\n"
        "0  -     -     called   fetch(1, key='x')\n"
        "1  -     -     started  fetch(1, key='x')\n"
        "2  -     -     raised   fetch(1, key='x') -> KeyError('k')"
    )
