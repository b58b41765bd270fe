"""Problems that ``fakes.verify()`` reports."""

from __future__ import annotations

from collections.abc import Sequence


def problem_not_awaited(seq: int, call: str) -> str:
    """Verification problem: a call whose coroutine never started."""
    return (
        f"{call} was called (#{seq}) but never awaited: await the coroutine "
        "it returns, or do not call it."
    )


def problem_side_effect_ran_out(seq: int, call: str, number: int) -> str:
    """Verification problem: a stdlib ``side_effect`` iterable ran out."""
    return (
        f"{call} raised StopAsyncIteration (#{seq}) because its side_effect "
        f"ran out of values at await {number}, which silently ends an "
        "'async for': give it one value per await, or use script(...)."
    )


#: How a use of a double reads: after "was never", and after "the code".
_USES = {
    "await": ("awaited", "awaits"),
    "iterate": ("iterated over", "iterates over"),
}


def configuration_unused(name: str, what: str, used: str = "call") -> str:
    """Strict verification: a configuration no call (await, iteration) used.

    ``used`` is how the double is used: ``"call"``, ``"await"`` or ``"iterate"``.
    """
    if used in _USES:
        done, does = _USES[used]
        return (
            f"{name}.{what}(...) was set, but {name} was never {done} after "
            f"it: remove it, or check that the code {does} {name}."
        )
    if what == "enters":
        return (
            f"{name}.enters(...) was set, but {name} was never entered after "
            f"it: remove it, or check that the code enters {name}."
        )
    return (
        f"{name}.{what}(...) was set, but {name} was never called after it: "
        f"remove it, or check that the code calls {name}."
    )


def set_outside_spec(name: str, attribute: str, spec_name: str) -> str:
    """Strict verification: a value set on a spec'd double under an unknown name."""
    return (
        f"{name}.{attribute} was set, but {spec_name} has no attribute "
        f"{attribute!r}, so the real object would not have it either: remove "
        "it, or set an attribute the class has."
    )


def verification_failure(problems: Sequence[str]) -> str:
    """``fakes.verify()`` found problems."""
    count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
    lines = [f"fakes.verify() found {count}:"]
    for number, problem in enumerate(problems, 1):
        first, *rest = str(problem).splitlines() or [""]
        lines.append(f"  {number}. {first}")
        lines.extend(f"     {line}" for line in rest)
    return "\n".join(lines)
