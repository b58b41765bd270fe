"""Scripts and their steps: what a double does on each call, in order.

Steps are values (returned), exceptions (raised), ``delay(seconds, step)``,
``hang()``, and the final steps ``repeat_last()`` and ``cycle()``. A
:class:`Script` consumes one step per call with an index, O(1) per call, and
raises ``ScriptExhaustedError`` when it runs out.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from typing import Any, Generic, NoReturn, TypeVar, overload

from typing_extensions import Never

from fakes import _render
from fakes._gate import sleep, sleep_forever
from fakes._stdlib import is_exception
from fakes.errors import FakesTypeError, ScriptError, ScriptExhaustedError

__all__ = [
    "Delay",
    "Ending",
    "Hang",
    "Script",
    "Step",
    "cycle",
    "delay",
    "fresh",
    "hang",
    "perform",
    "repeat_last",
]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Step(Generic[T_co]):
    """Base class of the script steps that are more than a value.

    ``T_co`` is what the step gives the call when it finishes, so that a
    typed script (``fakes.on(member).script(...)``) checks its steps against
    the member's return type.
    """

    async def perform(self) -> Any:
        """Do what the step says and return the call's result."""
        raise NotImplementedError


class Delay(Step[T_co]):
    """Wait on the running loop's clock, then perform another step."""

    __slots__ = ("seconds", "step")

    def __init__(self, seconds: float, step: Any) -> None:
        self.seconds = seconds
        self.step = step

    async def perform(self) -> Any:
        """Sleep ``seconds`` on the running loop, then perform ``step``."""
        await sleep(self.seconds)
        return await perform(self.step)

    def __repr__(self) -> str:
        return f"fakes.delay({self.seconds!r}, {_render.step_repr(self.step)})"


class Hang(Step[Never]):
    """Never finish: wait until the await is cancelled."""

    __slots__ = ()

    async def perform(self) -> NoReturn:
        """Wait until cancelled."""
        await sleep_forever()
        # sleep_forever() ends only by raising the cancellation.
        raise AssertionError  # pragma: no cover

    def __repr__(self) -> str:
        return "fakes.hang()"


class Ending(enum.Enum):
    """A final step that says what happens after the other steps."""

    REPEAT_LAST = "repeat_last"
    CYCLE = "cycle"

    def __repr__(self) -> str:
        return f"fakes.{self.value}()"


_REPEAT_LAST = Ending.REPEAT_LAST
_CYCLE = Ending.CYCLE


# A value step gives its own type, an exception step fits any member (it
# gives nothing), a step its own result; without a step the call returns None.
@overload
def delay(seconds: float) -> Delay[None]: ...
@overload
def delay(
    seconds: float, step: BaseException | type[BaseException]
) -> Delay[Never]: ...
@overload
def delay(seconds: float, step: Step[T]) -> Delay[T]: ...
@overload
def delay(seconds: float, step: T) -> Delay[T]: ...
def delay(seconds: float, step: Any = None) -> Delay[Any]:
    """A script step that waits ``seconds`` on the running loop, then does ``step``.

    Under asyncio it is ``asyncio.sleep`` (so virtual time speeds it up), under
    trio ``trio.sleep`` (so ``MockClock`` does).

    Args:
        seconds: How long to wait, 0 or more.
        step: What to do afterwards: a value to return, an exception to
            raise, or another step.

    Raises:
        ScriptError: ``seconds`` is negative or not a number.

    Example:
        >>> import asyncio, fakes
        >>> fetch = fakes.async_double(name="fetch").script(fakes.delay(0.01, "late"))
        >>> asyncio.run(fetch())
        'late'
    """
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise ScriptError(_render.delay_not_a_number(seconds))
    if seconds < 0 or math.isnan(seconds):
        raise ScriptError(_render.delay_negative(seconds))
    return Delay(seconds, step)


def hang() -> Hang:
    """A script step that never finishes, until the await is cancelled.

    The cancellation is recorded in the ledger as a ``cancelled`` event.

    Example:
        >>> import asyncio, fakes
        >>> fetch = fakes.async_double(name="fetch").script(fakes.hang())
        >>> async def main():
        ...     try:
        ...         await asyncio.wait_for(fetch(), 0.01)
        ...     except asyncio.TimeoutError:
        ...         return "timed out"
        >>> asyncio.run(main())
        'timed out'
    """
    return Hang()


def repeat_last() -> Ending:
    """The final step of a script: repeat the step before it for ever.

    Example:
        >>> import asyncio, fakes
        >>> fetch = fakes.async_double(name="fetch").script(1, 2, fakes.repeat_last())
        >>> async def main():
        ...     return [await fetch() for _ in range(4)]
        >>> asyncio.run(main())
        [1, 2, 2, 2]
    """
    return _REPEAT_LAST


def cycle() -> Ending:
    """The final step of a script: start again from the first step.

    Example:
        >>> import asyncio, fakes
        >>> fetch = fakes.async_double(name="fetch").script(1, 2, fakes.cycle())
        >>> async def main():
        ...     return [await fetch() for _ in range(5)]
        >>> asyncio.run(main())
        [1, 2, 1, 2, 1]
    """
    return _CYCLE


def fresh(error: Any) -> Any:
    """The exception to raise again: the same instance, with no traceback.

    An instance raised on every call would otherwise collect the frames of
    every earlier raise in its traceback, and keep them alive. Classes are
    returned as they are (raising one makes a new instance).
    """
    if isinstance(error, BaseException):
        return error.with_traceback(None)
    return error


async def perform(step: Any) -> Any:
    """Perform one step: return a value, raise an error, or run a ``Step``."""
    if isinstance(step, Step):
        return await step.perform()
    if is_exception(step):
        raise fresh(step)
    return step


#: The kinds of step, as stored per step in ``Script.kinds``.
VALUE, ERROR, STEP = 0, 1, 2


class Script:
    """The steps of a script and how far it has got; O(1) per call.

    Args:
        label: Returns the name used in messages (the double, or its rule).
        steps: The steps, possibly ending in ``repeat_last()`` or ``cycle()``.

    Raises:
        ScriptError: No steps, or an ending that is not the final step.
    """

    __slots__ = ("_ending", "_kinds", "_label", "_steps", "calls")

    def __init__(self, label: Callable[[], str], steps: tuple[Any, ...]) -> None:
        ending = None
        if steps and isinstance(steps[-1], Ending):
            ending = steps[-1]
            steps = steps[:-1]
        for index, step in enumerate(steps):
            if isinstance(step, Ending):
                raise ScriptError(_render.script_ending_not_last(label(), step, index))
        if not steps:
            raise ScriptError(_render.script_without_steps(label(), ending))
        self._label = label
        self._steps = steps
        self._ending = ending
        self._kinds = bytes(
            STEP if isinstance(s, Step) else ERROR if is_exception(s) else VALUE
            for s in steps
        )
        self.calls = 0

    @property
    def steps(self) -> tuple[Any, ...]:
        """Every step as given, including a final ``repeat_last()``/``cycle()``."""
        if self._ending is None:
            return self._steps
        return (*self._steps, self._ending)

    def _next(self) -> int:
        index = self.calls
        self.calls = index + 1
        size = len(self._steps)
        if index < size:
            return index
        if self._ending is _CYCLE:
            return index % size
        if self._ending is _REPEAT_LAST:
            return size - 1
        raise ScriptExhaustedError(
            _render.script_exhausted(self._label(), index + 1, self.steps)
        )

    async def run(self) -> Any:
        """Consume one step and perform it."""
        index = self._next()
        step = self._steps[index]
        kind = self._kinds[index]
        if kind == VALUE:
            return step
        if kind == ERROR:
            raise fresh(step)
        return await step.perform()

    def run_sync(self) -> Any:
        """Consume one step for a sync double (no delays, no hangs)."""
        index = self._next()
        step = self._steps[index]
        kind = self._kinds[index]
        if kind == ERROR:
            raise fresh(step)
        if kind == STEP:
            raise FakesTypeError(_render.step_needs_await(self._label(), step))
        return step
