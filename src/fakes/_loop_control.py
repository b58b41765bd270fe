"""The loop attributes a virtual clock replaces, and the clocks stacked on a loop.

A loop's :class:`LoopControl` exists while at least one clock is attached to
it: the first attached clock replaces ``loop.time``, ``loop.run_in_executor``
and ``loop._selector.select``, and the last one detached restores them.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from typing import Any, Protocol

__all__ = ["LoopControl", "StackedClock", "can_control", "controls"]

_MISSING = object()


class StackedClock(Protocol):
    """What a loop's control reads and moves of the clocks stacked on it."""

    _now: float
    _start: float
    _started: bool
    _threshold: float

    def _jump(self, when: float) -> None: ...


class LoopControl:
    """The loop attributes a clock replaced, and the clocks stacked on a loop."""

    def __init__(self, loop: Any) -> None:
        self.loop = loop
        self.clocks: list[StackedClock] = []
        self.threads = 0
        self.selector = loop._selector
        self.saved = {
            name: loop.__dict__.get(name, _MISSING)
            for name in ("time", "run_in_executor")
        }
        self.saved_select = self.selector.__dict__.get("select", _MISSING)
        self.real_time: Callable[[], float] = loop.time
        self.real_select: Callable[[float | None], list[Any]] = self.selector.select
        self.real_run_in_executor: Callable[..., Any] = loop.run_in_executor
        loop.time = self.time
        loop.run_in_executor = self.run_in_executor
        self.selector.select = self.select

    def time(self) -> float:
        return self.clocks[-1]._now

    def select(self, timeout: float | None = None) -> list[Any]:
        scheduled = self.loop._scheduled
        if timeout is None or timeout <= 0 or not scheduled:
            return self.real_select(timeout)
        # The loop would wait for its next timer. Poll real I/O first.
        clock = self.clocks[-1]
        wait = timeout if self.threads else min(timeout, clock._threshold)
        events = self.real_select(wait)
        if not events:
            clock._jump(scheduled[0]._when)
        return events

    def run_in_executor(self, executor: Any, func: Any, *args: Any) -> Any:
        future = self.real_run_in_executor(executor, func, *args)
        self.threads += 1
        future.add_done_callback(self._thread_done)
        return future

    def _thread_done(self, future: Any) -> None:
        self.threads -= 1

    def now(self) -> float:
        return self.time() if self.clocks else self.real_time()

    def shift(self, delta: float) -> None:
        """Keep the remaining delay of the pending timers across a clock change."""
        if delta:
            for handle in self.loop._scheduled:
                handle._when += delta

    def push(self, clock: StackedClock) -> None:
        before = self.now()
        if not clock._started:
            # A clock nested in another one goes on from its time exactly:
            # rounding there would move the outer clock and its timers too.
            start = before if self.clocks else float(math.ceil(before))
            clock._now = clock._start = start
            clock._started = True
        self.clocks.append(clock)
        self.shift(clock._now - before)

    def pop(self, clock: StackedClock) -> None:
        on_top = self.clocks[-1] is clock
        self.clocks.remove(clock)
        if on_top:
            if self.clocks:
                self.clocks[-1]._jump(clock._now)
            self.shift(self.now() - clock._now)
        if not self.clocks:
            self.restore()

    def restore(self) -> None:
        for name, value in self.saved.items():
            if value is _MISSING:
                delattr(self.loop, name)
            else:
                setattr(self.loop, name, value)
        if self.saved_select is _MISSING:
            del self.selector.select
        else:
            self.selector.select = self.saved_select
        del controls[self.loop]


#: The control of each loop that has a clock attached.
controls: dict[Any, LoopControl] = {}


def can_control(loop: Any) -> bool:
    return isinstance(loop, asyncio.BaseEventLoop) and hasattr(loop, "_selector")
