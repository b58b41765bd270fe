"""Messages about the ledger and the virtual clock."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ._text import safe_repr


def unknown_event_kind(kind: Any, kinds: Iterable[str]) -> str:
    """An event kind that does not exist (or is not a string)."""
    return (
        f"unknown event kind {safe_repr(kind)}: use one of {', '.join(kinds)}.\n"
        "Fix: pass the kind's name, such as ledger.events('started') for the "
        "awaits that began."
    )


def events_by_name(name: str) -> str:
    """``Ledger.events(double=...)`` with a double's name instead of the double."""
    return (
        "Ledger.events(double=...) takes the double itself, which each event "
        f"keeps; got the name {name!r}, which matches no event.\nFix: pass "
        "the double, such as ledger.events(double=repo.get), or keep the "
        f"events whose event.name == {name!r}."
    )


def ledger_bad_capacity(value: Any) -> str:
    """``Ledger(capacity=...)`` with something that is not a count of events."""
    return (
        f"Ledger(capacity=...) takes a whole number of events, 2 or more, or "
        f"None to keep every event; got {safe_repr(value)} "
        f"({type(value).__name__}).\n"
        "Fix: pass an int such as Ledger(capacity=10_000), or leave it out."
    )


def events_dropped(dropped: int, capacity: int | None) -> str:
    """The line that says how many older events a ledger no longer has."""
    noun = "event" if dropped == 1 else "events"
    if capacity is None:
        return f"({dropped} earlier {noun} cleared)"
    return (
        f"({dropped} earlier {noun} dropped: this ledger keeps the last "
        f"{capacity} at most; use 'with fakes.Ledger():' or the pytest plugin "
        "to keep every event of a test)"
    )


def _seconds_text(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value!r} seconds"
    return f"{safe_repr(value)} ({type(value).__name__})"


def clock_bad_seconds(what: str, value: Any) -> str:
    """A duration that is not a finite number >= 0."""
    return (
        f"{what} needs a finite number of seconds >= 0, got "
        f"{_seconds_text(value)}: virtual time only moves forward."
    )


def clock_not_attached(what: str, state: str) -> str:
    """A clock used while no event loop can be running on it.

    Args:
        what: The operation, such as ``clock.advance()``.
        state: ``"new"`` (never entered), ``"waiting"`` (entered, no loop
            has run yet) or ``"ended"`` (the block has ended).
    """
    reason = {
        "new": "this clock was never entered",
        "waiting": "no asyncio loop has run inside its virtual_time() block yet",
        "ended": "its virtual_time() block has ended",
    }[state]
    return (
        f"{what} needs a virtual clock attached to an asyncio event loop, but "
        f"{reason}: use it inside 'with fakes.virtual_time() as clock:', from "
        "code that runs on the loop (an async test, or a coroutine given to "
        "asyncio.run() inside the block)."
    )


def clock_reused() -> str:
    """A clock entered a second time."""
    return (
        "this virtual clock was already entered; each 'with "
        "fakes.virtual_time() as clock:' block needs its own clock: call "
        "fakes.virtual_time() again."
    )


def clock_no_running_loop() -> str:
    """``async with virtual_time()`` without a running asyncio loop."""
    return (
        "'async with fakes.virtual_time()' needs a running asyncio event loop, "
        "but none is running in this thread. Under trio use "
        "trio.testing.MockClock(autojump_threshold=0); outside any loop use "
        "'with fakes.virtual_time():', which applies to the loops run inside "
        "the block."
    )


def clock_under_trio() -> str:
    """``with virtual_time()`` inside a trio run."""
    return (
        "fakes.virtual_time() makes asyncio loop time virtual, but this code "
        "runs under trio, whose clock it cannot change: the block would run on "
        "real time.\n"
        "Fix: run trio with trio.testing.MockClock(autojump_threshold=0), such "
        "as trio.run(main, clock=MockClock(autojump_threshold=0)), and drop the "
        "virtual_time() block."
    )


def clock_unsupported_loop(loop: Any) -> str:
    """A running loop that virtual time cannot control."""
    return (
        f"virtual_time() cannot control the running loop {safe_repr(loop)} "
        f"({type(loop).__module__}.{type(loop).__name__}): it needs a loop "
        "built on asyncio.BaseEventLoop (the standard selector or proactor "
        "loop). Run the test on the standard asyncio loop; uvloop is not "
        "supported."
    )


def not_a_ledger(function: str, value: Any) -> str:
    """A ledger argument that is not a ``fakes.Ledger``."""
    return (
        f"{function} takes a fakes.Ledger, or nothing for the current ledger; "
        f"got {safe_repr(value)} ({type(value).__name__}).\n"
        f"Fix: call {function} without an argument, or pass the ledger of a "
        "'with fakes.Ledger() as ledger:' block or the fakes_ledger fixture."
    )
