"""Scripts, their steps, and argument rules: what a double does when awaited.

A double's configured behaviour lives in one :class:`Behaviour` object in
its ``__dict__["_fakes_behaviour"]``; ``AsyncDouble._fakes_run`` awaits it
instead of the stdlib path. It combines, in this order, a gate (hold the
await), argument rules (``when``), a script, and the stdlib configuration
(``return_value``, ``side_effect``) as the fallback.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NoReturn
from unittest.mock import DEFAULT as _DEFAULT

from fakes import _render
from fakes._gate import PASS, Gate, sleep, sleep_forever
from fakes._ledger import current_ledger
from fakes.errors import (
    FakesTypeError,
    ScriptError,
    ScriptExhaustedError,
    UnexpectedCallError,
)

__all__ = [
    "Behaviour",
    "Script",
    "behaviour_of",
    "cycle",
    "delay",
    "hang",
    "repeat_last",
]


class Step:
    """Base class of the script steps that are more than a value."""

    async def perform(self) -> Any:
        """Do what the step says and return the call's result."""
        raise NotImplementedError


class Delay(Step):
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


class Hang(Step):
    """Never finish: wait until the await is cancelled."""

    __slots__ = ()

    async def perform(self) -> NoReturn:
        """Wait until cancelled."""
        await sleep_forever()
        raise AssertionError("unreachable")  # pragma: no cover

    def __repr__(self) -> str:
        return "fakes.hang()"


class Ending:
    """A final step that says what happens after the other steps."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"fakes.{self.name}()"


_REPEAT_LAST = Ending("repeat_last")
_CYCLE = Ending("cycle")


def delay(seconds: float, step: Any = None) -> Delay:
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


def _is_error(step: Any) -> bool:
    return isinstance(step, BaseException) or (
        isinstance(step, type) and issubclass(step, BaseException)
    )


async def perform(step: Any) -> Any:
    """Perform one step: return a value, raise an error, or run a ``Step``."""
    if isinstance(step, Step):
        return await step.perform()
    if _is_error(step):
        raise step
    return step


_VALUE, _ERROR, _STEP = 0, 1, 2


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
            _STEP if isinstance(s, Step) else _ERROR if _is_error(s) else _VALUE
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
        if kind == _VALUE:
            return step
        if kind == _ERROR:
            raise step
        return await step.perform()

    def run_sync(self) -> Any:
        """Consume one step for a sync double (no delays, no hangs)."""
        index = self._next()
        step = self._steps[index]
        kind = self._kinds[index]
        if kind == _ERROR:
            raise step
        if kind == _STEP:
            raise FakesTypeError(_render.step_needs_await(self._label(), step))
        return step


class Rule:
    """One ``when(...)`` rule: the arguments it matches and what it does."""

    __slots__ = ("action", "args", "calls", "expected", "kwargs", "label", "value")

    def __init__(
        self, label: str, args: tuple[Any, ...], kwargs: dict[str, Any], expected: Any
    ) -> None:
        self.label = label
        self.args = args
        self.kwargs = kwargs
        self.expected = expected
        self.action = ""
        self.value: Any = None
        self.calls = 0

    def describe(self) -> str:
        """The rule as shown in messages."""
        return _render.rule_line(self.label, self.action, self.value)

    async def run(self) -> Any:
        """Perform the rule's action for one matching call."""
        self.calls += 1
        if self.action == "script":
            return await self.value.run()
        if self.action == "raises":
            raise self.value
        return self.value

    def run_sync(self) -> Any:
        """Perform the rule's action for one matching call of a sync double."""
        self.calls += 1
        if self.action == "script":
            return self.value.run_sync()
        if self.action == "raises":
            raise self.value
        return self.value


class Ruleset:
    """The ``when(...)`` rules of one double, first match wins.

    Registered with the ledger, so strict verification reports rules that
    no call used.
    """

    def __init__(self, double: Any) -> None:
        self._double = double
        self.rules: list[Rule] = []
        current_ledger().watch(self)

    def _normalise(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        member = self._double.__dict__.get("_fakes_member")
        sig = None if member is None else member.signature
        if sig is not None:
            try:
                bound = sig.bind(*args, **kwargs)
            except TypeError:
                return (args, kwargs)
            bound.apply_defaults()
            return bound.arguments
        return (args, kwargs)

    def add(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Rule:
        """Add a rule for these arguments (checked against the spec)."""
        double = self._double
        member = double.__dict__.get("_fakes_member")
        if member is not None:
            member.check(args, kwargs)
        label = _render.format_call(f"{double._fakes_label()}.when", args, kwargs)
        rule = Rule(label, args, kwargs, self._normalise(args, kwargs))
        self.rules.append(rule)
        return rule

    def match(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Rule | None:
        """The first complete rule whose arguments equal these, or ``None``."""
        actual = self._normalise(args, kwargs)
        for rule in self.rules:
            if rule.action and rule.expected == actual:
                return rule
        return None

    def unexpected(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Exception:
        """The error for a call that no rule matches and nothing else handles."""
        call = _render.format_call(self._double._fakes_label(), args, kwargs)
        lines = [rule.describe() for rule in self.rules if rule.action]
        return UnexpectedCallError(_render.unexpected_call(call, lines))

    def problems(self) -> list[str]:
        """What strict verification reports: rules that no call used."""
        return [_render.rule_unused(r.label) for r in self.rules if r.calls == 0]


class RuleBuilder:
    """What ``double.when(...)`` returns: say what the matching calls do."""

    __slots__ = ("_double", "_rule")

    def __init__(self, double: Any, rule: Rule) -> None:
        self._double = double
        self._rule = rule

    def returns(self, value: Any) -> Any:
        """Matching calls return ``value``; returns the double, for chaining."""
        self._rule.action, self._rule.value = "returns", value
        return self._double

    def raises(self, error: BaseException | type[BaseException]) -> Any:
        """Matching calls raise ``error``; returns the double, for chaining."""
        if not _is_error(error):
            raise FakesTypeError(_render.raises_not_exception(self._rule.label, error))
        self._rule.action, self._rule.value = "raises", error
        return self._double

    def script(self, *steps: Any) -> Any:
        """Matching calls consume ``steps``; returns the double, for chaining."""
        label = self._rule.label
        self._rule.action = "script"
        self._rule.value = Script(lambda: label, steps)
        return self._double

    def __repr__(self) -> str:
        return f"<{self._rule.label}: say .returns(), .raises() or .script()>"


def _is_configured(double: Any) -> bool:
    """Whether the stdlib configuration of a double says what a call does."""
    state = double.__dict__
    if state.get("_mock_delegate") is not None:
        return True
    return (
        state["_mock_return_value"] is not _DEFAULT
        or state["_mock_side_effect"] is not None
        or state["_mock_wraps"] is not None
    )


class Behaviour:
    """A gate, rules and a script, combined; the fallback is the stdlib path."""

    __slots__ = ("gate", "rules", "script")

    def __init__(self) -> None:
        self.gate: Gate | None = None
        self.rules: Ruleset | None = None
        self.script: Script | None = None

    async def __call__(
        self, double: Any, call: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        gate = self.gate
        if gate is not None:
            outcome = await gate.hold(args, kwargs)
            if outcome is not PASS:
                return outcome
        rules = self.rules
        if rules is not None:
            rule = rules.match(args, kwargs)
            if rule is not None:
                return await rule.run()
        script = self.script
        if script is not None:
            # Script.run, inlined: this is the hot path of a scripted double.
            index = script._next()
            kind = script._kinds[index]
            if kind == _VALUE:
                return script._steps[index]
            if kind == _ERROR:
                raise script._steps[index]
            return await script._steps[index].perform()
        if rules is not None and not _is_configured(double):
            raise rules.unexpected(args, kwargs)
        return await double._fakes_stdlib(call, args, kwargs)

    def call_sync(
        self,
        double: Any,
        seq: int,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Any:
        """The same for a sync double (no gate: a sync call cannot wait)."""
        rules = self.rules
        if rules is not None:
            rule = rules.match(args, kwargs)
            if rule is not None:
                return rule.run_sync()
        script = self.script
        if script is not None:
            return script.run_sync()
        if rules is not None and not _is_configured(double):
            raise rules.unexpected(args, kwargs)
        return double._mock_call(*args, **kwargs)

    def without_defaults(self) -> Behaviour | None:
        """Forget the script once the stdlib configuration is set again."""
        self.script = None
        return self if self.gate is not None or self.rules is not None else None


def behaviour_of(double: Any) -> Behaviour:
    """The double's ``Behaviour``, created (replacing any other) if needed."""
    state = double.__dict__
    behaviour = state.get("_fakes_behaviour")
    if not isinstance(behaviour, Behaviour):
        behaviour = state["_fakes_behaviour"] = Behaviour()
    return behaviour
