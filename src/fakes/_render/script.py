"""Messages about scripts, steps and ``when()`` rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._text import plural_of, safe_repr, times_text

_MAX_STEPS = 10


def step_repr(step: Any) -> str:
    """A script step as written: exception classes by name, others by repr."""
    if isinstance(step, type):
        return step.__qualname__
    return safe_repr(step)


def format_steps(steps: Sequence[Any]) -> str:
    """A script's steps as a list, the middle elided when there are many."""
    shown = [step_repr(step) for step in steps]
    if len(shown) > _MAX_STEPS:
        hidden = len(shown) - _MAX_STEPS + 2
        shown = [*shown[: _MAX_STEPS - 3], f"... {hidden} more ...", *shown[-1:]]
    return "[" + ", ".join(shown) + "]"


def script_exhausted(name: str, call_number: int, steps: Sequence[Any]) -> str:
    """A script that has no step left for this call."""
    return (
        f"{name} was called {times_text(call_number)} but its script has "
        f"{plural_of(len(steps), 'step')}: {format_steps(steps)}. Add steps, or end "
        "the script with fakes.repeat_last() or fakes.cycle()."
    )


def script_without_steps(name: str, ending: Any) -> str:
    """``script()`` with no step to perform."""
    if ending is None:
        return (
            f"{name}.script() needs at least one step: pass the values or "
            "exceptions the calls should return or raise, in order."
        )
    return (
        f"{name}.script() got only {ending!r}, which repeats the steps before "
        "it: put at least one step before it."
    )


def script_ending_not_last(name: str, ending: Any, index: int) -> str:
    """``repeat_last()`` or ``cycle()`` before the end of a script."""
    return (
        f"{name}.script() has {ending!r} as step {index + 1}, but it can only be "
        "the final step: move it to the end, or remove it."
    )


def delay_negative(seconds: Any) -> str:
    """``delay()`` with a negative number of seconds."""
    return (
        f"fakes.delay() needs a number of seconds of 0 or more, got "
        f"{safe_repr(seconds)}: pass how long the call should take."
    )


def delay_not_a_number(seconds: Any) -> str:
    """``delay()`` with seconds that are not a number."""
    return (
        f"fakes.delay() takes the seconds to wait first, got {safe_repr(seconds)} "
        f"({type(seconds).__name__}): write fakes.delay(seconds, step)."
    )


def step_needs_await(name: str, step: Any) -> str:
    """A delay or hang step reached by a sync double."""
    return (
        f"{name} is not awaited, so its script step {step!r} cannot wait: use "
        "delays and hangs only in scripts of async doubles."
    )


def rule_line(label: str, action: str, value: Any) -> str:
    """One ``when()`` rule, as listed in messages."""
    if action == "script":
        return f"{label}.script(...) with steps {format_steps(value.steps)}"
    return f"{label}.{action}({step_repr(value)})"


def unexpected_call(call: str, rules: Sequence[str]) -> str:
    """A call that matches none of the double's ``when()`` rules."""
    listed = "\n".join(f"  {line}" for line in rules)
    return (
        f"{call} matches none of its rules:\n{listed}\nAdd a when() rule for "
        "these arguments, or set what other calls do with returns(), raises() "
        "or script()."
    )


def rule_unused(label: str) -> str:
    """A ``when()`` rule that no call matched."""
    return (
        f"{label} was never used: no call had these arguments. Remove the "
        "rule, or check the arguments the code passes."
    )


def rule_matcher_raised(rule: str, call: str, error: BaseException) -> str:
    """A ``when()`` rule's matcher raised while a call was compared with it."""
    return (
        f"comparing the call {call} with the rule {rule} raised "
        f"{safe_repr(error)}: a matcher's __eq__ must return True or False; "
        "fix the matcher, or match that argument with unittest.mock.ANY."
    )
