"""Gates, and waiting that works under asyncio and under trio.

A gate holds every await of its double until the test lets it go, so that
an interleaving of tasks is decided by the test instead of by the scheduler.
The library that is running is detected at each wait: trio when a trio task
is current (trio is never imported here), asyncio otherwise.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from fakes import _render
from fakes._ledger import current_ledger
from fakes._runtime import running_trio
from fakes._stdlib import is_exception
from fakes.errors import FakesTypeError, FakesValueError, GateError

__all__ = [
    "PASS",
    "Gate",
    "HeldAwait",
    "new_event",
    "sleep",
    "sleep_forever",
]

#: What a released await returns when it was released without a value: the
#: double then does what it is configured to do.
PASS: Any = object()


def new_event() -> Any:
    """An event of the running library: ``set()`` and ``await wait()``."""
    if asyncio.events._get_running_loop() is None:
        trio = running_trio()
        if trio is not None:
            return trio.Event()
    return asyncio.Event()


async def sleep(seconds: float) -> None:
    """Sleep on the running loop's clock (asyncio's or trio's)."""
    if asyncio.events._get_running_loop() is None:
        trio = running_trio()
        if trio is not None:
            await trio.sleep(seconds)
            return
    await asyncio.sleep(seconds)


async def sleep_forever() -> None:
    """Wait until cancelled."""
    if asyncio.events._get_running_loop() is None:
        trio = running_trio()
        if trio is not None:
            await trio.sleep_forever()
            return
    await asyncio.get_running_loop().create_future()


def _check_error(label: str, error: Any) -> None:
    if not is_exception(error):
        raise FakesTypeError(_render.gate_fail_not_exception(label, error))


class HeldAwait:
    """One await that a gate holds.

    Attributes:
        args: The positional arguments of the held call.
        kwargs: The keyword arguments of the held call.

    Example:
        >>> import asyncio, fakes
        >>> fetch = fakes.async_double(name="fetch")
        >>> gate = fetch.gate()
        >>> async def main() -> list[str]:
        ...     first = asyncio.ensure_future(fetch("a"))
        ...     second = asyncio.ensure_future(fetch("b"))
        ...     await gate.wait_entered(2)
        ...     held = gate.held[1]
        ...     print(held.args, held.kwargs)
        ...     held.release("b done")  # the second await goes first
        ...     gate.release("a done")
        ...     return [await first, await second]
        >>> asyncio.run(main())
        ('b',) {}
        ['a done', 'b done']
    """

    __slots__ = ("_error", "_event", "_gate", "_outcome", "args", "kwargs")

    def __init__(
        self, gate: Gate, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        self._gate = gate
        self.args = args
        self.kwargs = kwargs
        self._event = new_event()
        self._error: Any = None

    def release(self, *value: Any) -> None:
        """Let this await go (even if older ones are held), as ``Gate.release``.

        Raises:
            GateError: This await is no longer held.
        """
        if len(value) > 1:
            raise FakesValueError(
                _render.gate_release_arity(self._gate._label(), len(value))
            )
        self._gate._pick(self, "release")
        self._let_go(value[0] if value else PASS)

    def fail(self, error: BaseException | type[BaseException]) -> None:
        """Make this await raise ``error``, as ``Gate.fail``.

        Raises:
            GateError: This await is no longer held.
        """
        _check_error(self._gate._label(), error)
        self._gate._pick(self, "fail")
        self._fail(error)

    def _let_go(self, outcome: Any) -> None:
        self._outcome = outcome
        self._event.set()

    def _fail(self, error: BaseException | type[BaseException]) -> None:
        self._error = error
        self._event.set()

    async def _wait(self) -> Any:
        await self._event.wait()
        error = self._error
        if error is not None:
            raise error
        return self._outcome

    def __repr__(self) -> str:
        return f"<HeldAwait {_render.format_call('', self.args, self.kwargs)}>"


class Gate:
    """Holds each await of a double until the test releases it.

    Create one with ``double.gate()``. Held awaits are released in the order
    they arrived, unless the test picks one from :attr:`held`.

    Example:
        >>> import asyncio, fakes
        >>> save = fakes.async_double(name="save")
        >>> gate = save.gate()
        >>> async def main():
        ...     task = asyncio.ensure_future(save(1))
        ...     await gate.wait_entered(1)
        ...     gate.release("saved")
        ...     return await task
        >>> asyncio.run(main())
        'saved'
    """

    def __init__(self, double: Any) -> None:
        self._double = double
        self._held: list[HeldAwait] = []
        self._watchers: list[tuple[int, Any]] = []
        self._open = False
        # Awaits held when the test body ended and cancelled afterwards (by
        # the runner's cleanup, before verification), see end_of_body().
        self._ended = False
        self._abandoned: list[HeldAwait] = []
        self._ledger = current_ledger()
        self._ledger.watch(self)

    @property
    def held(self) -> list[HeldAwait]:
        """The awaits held now, oldest first."""
        return list(self._held)

    def _label(self) -> str:
        return str(self._double._fakes_label())

    async def hold(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """Hold one await until released; return its value or ``PASS``."""
        if self._open:
            return PASS
        ledger = current_ledger()
        if ledger is not self._ledger:
            # A gate made in one test (or at import) and used in another is
            # verified with the ledger of the test that uses it.
            self._ledger = ledger
            ledger.watch(self)
        held = HeldAwait(self, args, kwargs)
        self._held.append(held)
        count = len(self._held)
        for watcher in [w for w in self._watchers if w[0] <= count]:
            self._watchers.remove(watcher)
            watcher[1].set()
        try:
            return await held._wait()
        finally:
            if held in self._held:  # cancelled while held
                self._held.remove(held)
                if self._ended:
                    self._abandoned.append(held)

    async def wait_entered(self, count: int = 1) -> None:
        """Return once ``count`` awaits are held at the same time.

        Raises:
            FakesTypeError: ``count`` is not an int.
            FakesValueError: ``count`` is smaller than 1.
        """
        if isinstance(count, bool) or not isinstance(count, int):
            raise FakesTypeError(_render.gate_count_not_int(self._label(), count))
        if count < 1:
            raise FakesValueError(_render.gate_bad_count(self._label(), count))
        if len(self._held) >= count:
            return
        event = new_event()
        self._watchers.append((count, event))
        await event.wait()

    def _take(self, method: str) -> HeldAwait:
        if not self._held:
            raise GateError(_render.gate_nothing_held(self._label(), method))
        return self._held.pop(0)

    def _pick(self, held: HeldAwait, method: str) -> None:
        try:
            self._held.remove(held)
        except ValueError:
            raise GateError(_render.gate_not_held(self._label(), method)) from None

    def release(self, *value: Any) -> None:
        """Let the oldest held await go, returning ``value`` if one is given.

        Without a value the await does what the double is configured to do
        (its script, rules or ``returns()``).

        Raises:
            GateError: No await is held.
        """
        if len(value) > 1:
            raise FakesValueError(_render.gate_release_arity(self._label(), len(value)))
        self._take("release")._let_go(value[0] if value else PASS)

    def fail(self, error: BaseException | type[BaseException]) -> None:
        """Make the oldest held await raise ``error``.

        Raises:
            GateError: No await is held.
        """
        _check_error(self._label(), error)
        self._take("fail")._fail(error)

    def release_all(self, *value: Any) -> int:
        """Let every held await go (as :meth:`release` does); return how many."""
        if len(value) > 1:
            raise FakesValueError(_render.gate_release_arity(self._label(), len(value)))
        released = self._held
        self._held = []
        for held in released:
            held._let_go(value[0] if value else PASS)
        return len(released)

    def open(self) -> None:
        """Release every held await and stop holding later ones."""
        self._open = True
        self.release_all()

    def copy_for(self, copy_of: Callable[[Any], Any]) -> Gate:
        """The gate of a copy of this gate's double, holding nothing.

        ``copy_of`` gives the copy of a double. The new gate is open if this
        one is; the awaits this one holds stay its own.
        """
        gate = Gate(copy_of(self._double))
        gate._open = self._open
        return gate

    def end_of_body(self) -> None:
        """Note that the test's body has ended.

        An await held now and cancelled later (a runner cancels the leftover
        tasks before verification runs) is then reported by :meth:`problems`.
        """
        self._ended = True

    def end_of_test(self) -> None:
        """The test is over: forget what :meth:`end_of_body` collected."""
        self._ended = False
        self._abandoned.clear()

    def problems(self) -> list[str]:
        """What strict verification reports: awaits still held.

        Also those held when the test body ended and cancelled since.
        """
        label = self._label()
        found = []
        if self._held:
            calls = [_render.format_call(label, h.args, h.kwargs) for h in self._held]
            found.append(_render.gate_still_holding(label, calls))
        if self._abandoned:
            calls = [
                _render.format_call(label, h.args, h.kwargs) for h in self._abandoned
            ]
            found.append(_render.gate_held_at_end(label, calls))
        return found

    def __repr__(self) -> str:
        return f"<Gate of {self._label()} holding {len(self._held)}>"
