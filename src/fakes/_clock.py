"""Virtual time for asyncio: the loop's clock jumps to the next timer when idle.

A :class:`VirtualClock` takes over the clock of standard asyncio loops
(``asyncio.BaseEventLoop``: the selector loop, and the proactor loop on
Windows). Three attributes of the loop instance are replaced for as long as
the clock is attached, and restored afterwards:

- ``loop.time`` returns the virtual time, so ``call_later``, ``sleep``,
  ``wait_for``, ``asyncio.timeout`` and the ledger's event times all read it;
- ``loop._selector.select`` polls real I/O without blocking (``select(0)``)
  whenever the loop would otherwise wait for a timer, and when nothing is
  ready it moves the virtual time to that timer instead of waiting;
- ``loop.run_in_executor`` counts work running in threads: while some is
  pending the loop waits in real time, because the clock cannot know when a
  thread will be done.

With a running loop, ``with`` and ``async with`` attach the clock to that
loop. A sync ``with`` outside any loop wraps ``BaseEventLoop._run_once`` for
the block, so that every loop run *in this thread* during the block (by
``asyncio.run``, by pytest-asyncio, ...) is attached the first time it runs.
Timers already scheduled when a clock attaches, or still pending when it
detaches, keep their remaining delay.
"""

from __future__ import annotations

import asyncio
import math
import threading
from asyncio.events import _get_running_loop
from collections.abc import Callable
from types import TracebackType
from typing import Any

from fakes._loop_control import LoopControl, can_control, controls
from fakes._render import (
    clock_bad_seconds,
    clock_no_running_loop,
    clock_not_attached,
    clock_reused,
    clock_under_trio,
    clock_unsupported_loop,
)
from fakes._runtime import running_trio
from fakes.errors import FakesTypeError, VirtualTimeError

__all__ = ["VirtualClock", "virtual_time"]

_NEW, _ACTIVE, _ENDED = "new", "active", "ended"


def _check_seconds(what: str, seconds: object) -> float:
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise FakesTypeError(clock_bad_seconds(what, seconds))
    if not (math.isfinite(seconds) and seconds >= 0):
        raise VirtualTimeError(clock_bad_seconds(what, seconds))
    return float(seconds)


# Clocks entered outside a running loop, by thread: they attach to every
# loop that runs in that thread while they are active.
_hook_lock = threading.Lock()
_hooked: dict[int, list[VirtualClock]] = {}
_real_run_once: list[Callable[[Any], None]] = []


def _run_once(loop: Any) -> None:
    clocks = _hooked.get(threading.get_ident())
    if clocks and can_control(loop):
        for clock in clocks:
            if loop not in clock._loops:
                clock._attach(loop)
    _real_run_once[0](loop)


class VirtualClock:
    """The virtual clock of :func:`virtual_time`, and its context manager.

    ``fakes.virtual_time()`` creates one; ``VirtualClock()`` is the same.
    The clock attaches to loops when it is entered (see :func:`virtual_time`)
    and is used for one block only.

    Attributes:
        now: The current virtual time, as ``loop.time()`` returns it.
        elapsed: Virtual seconds since the clock started.

    Example:
        >>> import asyncio, fakes
        >>> async def main() -> tuple[float, float]:
        ...     loop = asyncio.get_running_loop()
        ...     async with fakes.virtual_time() as clock:
        ...         start = loop.time()
        ...         clock.advance(90)
        ...         return loop.time() - start, clock.elapsed
        >>> asyncio.run(main())
        (90.0, 90.0)
    """

    def __init__(self, *, autojump_threshold: float = 0.0) -> None:
        self._threshold = _check_seconds(
            "virtual_time(autojump_threshold=...)", autojump_threshold
        )
        self._started = False
        self._now = self._start = 0.0
        self._state = _NEW
        self._loops: list[Any] = []
        self._thread: int | None = None

    @property
    def now(self) -> float:
        """The virtual time: what ``loop.time()`` returns on the loop."""
        if not self._started or self._state == _ENDED:
            state = "waiting" if self._state == _ACTIVE else self._state
            raise VirtualTimeError(clock_not_attached("clock.now", state))
        return self._now

    @property
    def elapsed(self) -> float:
        """Virtual seconds since the clock started (0.0 before it starts)."""
        return self._now - self._start

    def advance(self, seconds: float) -> None:
        """Move the virtual time forward by ``seconds`` at once.

        Timers that fall due run on the loop's next iteration, in order, all
        at the new time.

        Args:
            seconds: How far to move, a finite number >= 0.

        Raises:
            VirtualTimeError: ``seconds`` is negative, or no loop runs on
                this clock (it was never entered, no loop has run in its
                block yet, or the block has ended).
        """
        step = _check_seconds("clock.advance()", seconds)
        if self._state != _ACTIVE or not self._started:
            state = "waiting" if self._state == _ACTIVE else self._state
            raise VirtualTimeError(clock_not_attached("clock.advance()", state))
        self._now += step

    def _jump(self, when: float) -> None:
        if when > self._now:
            self._now = when

    def _attach(self, loop: Any) -> None:
        control = controls.get(loop)
        if control is None:
            control = controls[loop] = LoopControl(loop)
        control.push(self)
        self._loops.append(loop)

    def __enter__(self) -> VirtualClock:
        if self._state != _NEW:
            raise VirtualTimeError(clock_reused())
        loop = _get_running_loop()
        if loop is not None and not can_control(loop):
            raise VirtualTimeError(clock_unsupported_loop(loop))
        if loop is None and running_trio() is not None:
            # A trio run would never see this clock, whatever it sleeps.
            raise VirtualTimeError(clock_under_trio())
        self._state = _ACTIVE
        if loop is not None:
            self._attach(loop)
            return self
        self._thread = threading.get_ident()
        with _hook_lock:
            if not _real_run_once:
                _real_run_once.append(asyncio.BaseEventLoop._run_once)  # type: ignore[attr-defined]
                asyncio.BaseEventLoop._run_once = _run_once  # type: ignore[attr-defined]
            _hooked.setdefault(self._thread, []).append(self)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._leave()

    def _leave(self) -> None:
        """End the block: detach from every loop and from this thread's hook."""
        if self._thread is not None:
            with _hook_lock:
                clocks = _hooked[self._thread]
                clocks.remove(self)
                if not clocks:
                    del _hooked[self._thread]
                if not _hooked:
                    asyncio.BaseEventLoop._run_once = _real_run_once.pop()  # type: ignore[attr-defined]
        for loop in reversed(self._loops):
            controls[loop].pop(self)
        self._loops.clear()
        self._state = _ENDED

    async def __aenter__(self) -> VirtualClock:
        if _get_running_loop() is None:
            raise VirtualTimeError(clock_no_running_loop())
        return self.__enter__()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._leave()

    def __repr__(self) -> str:
        if not self._started:
            return f"<VirtualClock {self._state}, not started>"
        return (
            f"<VirtualClock {self._state} now={self._now!r} elapsed={self.elapsed!r}>"
        )


def virtual_time(*, autojump_threshold: float = 0.0) -> VirtualClock:
    """Make asyncio loop time virtual: it jumps to the next timer when idle.

    Use it as ``with`` or ``async with``. With a running loop, the clock
    attaches to that loop; a sync ``with`` outside any loop attaches it to
    every loop that runs in this thread inside the block (``asyncio.run``,
    pytest-asyncio). The clock starts at the loop's time rounded up to a whole
    second, so that whole-second delays give exact times. Leaving the block
    restores the real clock.

    Args:
        autojump_threshold: Real seconds to wait for I/O before the clock
            jumps to the next timer. The default, 0, polls I/O without
            waiting; raise it when a timer races a subprocess or a server in
            another process.

    Returns:
        The clock, which is also the context manager.

    Raises:
        VirtualTimeError: ``async with`` without a running asyncio loop, a
            running loop that is not a standard asyncio loop, a ``with``
            block inside a trio run, or a negative ``autojump_threshold``.

    Example:
        >>> import asyncio, fakes
        >>> async def main() -> float:
        ...     async with fakes.virtual_time() as clock:
        ...         await asyncio.sleep(3600)
        ...     return clock.elapsed
        >>> asyncio.run(main())
        3600.0
        >>> with fakes.virtual_time() as clock:
        ...     asyncio.run(asyncio.sleep(30))
        >>> clock.elapsed
        30.0
    """
    return VirtualClock(autojump_threshold=autojump_threshold)
