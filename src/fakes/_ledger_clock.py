"""The task and time an event records, read without the clock's patches.

The ledger's record path reads the running loop's time itself (it runs
three times per await); these are the slower cases: no asyncio loop
running (trio's task and time, or none), and a loop whose clock a test
patched.
"""

from __future__ import annotations

import asyncio
import math
import sys
import time as _time
from asyncio import BaseEventLoop
from typing import Any
from unittest.mock import NonCallableMock

from fakes._runtime import running_trio

__all__ = [
    "Mock",
    "current_task",
    "loop_time_unpatched",
    "monotonic",
    "now_outside_asyncio",
    "stock_loop_time",
]

_NO_TIME = math.nan
# Captured at import: the stock loop's ``time()`` looks ``time.monotonic`` up
# on every call, so a test that patches it would see the ledger's reads too.
monotonic = _time.monotonic
stock_loop_time = BaseEventLoop.time
# A test may patch ``loop.time`` itself with a mock (even with a double,
# whose calls record events): the ledger reads the real clock instead.
Mock = NonCallableMock


def _current_task_of() -> Any:
    """The quickest ``asyncio.current_task(loop)`` this Python has.

    From 3.12 ``asyncio.current_task`` is written in C. Before, it is a
    Python function around the mapping from loop to task, which the record
    path (three calls per await) reads directly.
    """
    tasks = getattr(asyncio.tasks, "_current_tasks", None)
    if sys.version_info < (3, 12) and isinstance(tasks, dict):
        return tasks.get
    return asyncio.current_task


current_task = _current_task_of()


def now_outside_asyncio() -> tuple[str | None, float]:
    """The task name and time without a running asyncio loop: trio's, or none."""
    trio = running_trio()
    if trio is not None:
        return trio.lowlevel.current_task().name, trio.current_time()
    return None, _NO_TIME


def loop_time_unpatched(loop: Any, clock: Any) -> float:
    """The loop's time while its clock is patched, without calling the patch.

    A stock loop's clock is ``time.monotonic``, so the original is read, as
    it is when a test put a mock in place of ``loop.time``; a clock that
    replaced the loop's (virtual time, a loop's own ``time``) is asked as
    usual.
    """
    if isinstance(clock, Mock) or (
        type(loop).time is stock_loop_time and "time" not in vars(loop)
    ):
        return monotonic()
    now: float = clock()
    return now
