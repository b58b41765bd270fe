"""All message text: errors, warnings, assertion failures and the timeline.

Every function returns a string; none raises. Values from user code are
shown through :func:`safe_repr`, so a broken ``__repr__`` never hides the
real failure.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Iterable, Sequence
from typing import Any

_MAX_REPR = 80


def safe_repr(value: Any) -> str:
    """``repr(value)``, shortened, and never raising."""
    try:
        text = repr(value)
    except Exception as error:  # noqa: BLE001 - a broken repr must not hide the failure
        return f"<{type(value).__name__} object; repr() raised {type(error).__name__}>"
    if len(text) > _MAX_REPR:
        text = text[: _MAX_REPR - 3] + "..."
    return text


def format_call(name: str, args: Sequence[Any], kwargs: dict[str, Any]) -> str:
    """Render a call as ``name(1, key='x')``."""
    parts = [safe_repr(arg) for arg in args]
    parts.extend(f"{key}={safe_repr(value)}" for key, value in kwargs.items())
    return f"{name}({', '.join(parts)})"


def _annotation(value: Any) -> str:
    return value if isinstance(value, str) else inspect.formatannotation(value)


def format_signature(name: str, sig: inspect.Signature) -> str:
    """Render ``name`` with its signature as ``UserRepo.get(user_id: int)``.

    Rendered here rather than by ``str(Signature)`` so that the text is the
    same on every Python version and with postponed annotations.
    """
    kinds = inspect.Parameter
    parts: list[str] = []
    previous = None
    star = False
    for param in sig.parameters.values():
        if previous is kinds.POSITIONAL_ONLY and param.kind is not previous:
            parts.append("/")
        if param.kind is kinds.KEYWORD_ONLY and not star:
            parts.append("*")
        star = star or param.kind in (kinds.VAR_POSITIONAL, kinds.KEYWORD_ONLY)
        text = param.name
        if param.kind is kinds.VAR_POSITIONAL:
            text = "*" + text
        elif param.kind is kinds.VAR_KEYWORD:
            text = "**" + text
        if param.annotation is not param.empty:
            text += f": {_annotation(param.annotation)}"
        if param.default is not param.empty:
            spacer = " = " if param.annotation is not param.empty else "="
            text += spacer + safe_repr(param.default)
        parts.append(text)
        previous = param.kind
    if previous is kinds.POSITIONAL_ONLY:
        parts.append("/")
    text = f"{name}({', '.join(parts)})"
    if sig.return_annotation is not sig.empty:
        text += f" -> {_annotation(sig.return_annotation)}"
    return text


def signature_mismatch(
    name: str,
    sig: inspect.Signature,
    args: Sequence[Any],
    kwargs: dict[str, Any],
    error: Exception,
) -> str:
    """A call that does not bind to the spec's signature."""
    return (
        f"{format_call(name, args, kwargs)} does not match the signature "
        f"{format_signature(name, sig)}: {error}"
    )


def unknown_attribute(spec_name: str, name: str, suggestions: list[str]) -> str:
    """An attribute the spec does not have."""
    hint = ""
    if suggestions:
        hint = " Did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
    return (
        f"{spec_name} has no attribute {name!r}.{hint} A double has only the "
        f"members of its spec: add {name!r} to {spec_name}, or set it on the "
        "double before using it."
    )


def deleted_attribute(spec_name: str, name: str) -> str:
    """An attribute that was deleted from a double."""
    return f"{spec_name}.{name} was deleted from the double; set it again to use it."


def bad_spec(value: Any) -> str:
    """Something that cannot be a spec."""
    return (
        f"async_double() cannot use {safe_repr(value)} ({type(value).__name__}) "
        "as a spec: pass an async function, a function, a class or an instance "
        "of a class, or only name=... for a double without a spec."
    )


def awaited_sync_member(name: str) -> str:
    """The result of a sync member was awaited."""
    return (
        f"{name} is a sync member of the spec, so its result cannot be awaited: "
        f"call it without 'await', or make {name} 'async def' in the spec."
    )


def returns_arity(name: str, count: int) -> str:
    """``returns()`` with other than one value."""
    return (
        f"{name}.returns() takes exactly one value, got {count}: pass a tuple "
        "to return a tuple, or use script() to return one value per call."
    )


def raises_not_exception(name: str, value: Any) -> str:
    """``raises()`` with something that is not an exception."""
    return (
        f"{name}.raises() takes an exception instance or class, got "
        f"{safe_repr(value)}; to return the value use returns()."
    )


def unknown_event_kind(kind: str, kinds: Iterable[str]) -> str:
    """An event kind that does not exist."""
    return f"unknown event kind {kind!r}: use one of {', '.join(kinds)}."


def _event_call(event: Any) -> str:
    text = format_call(event.name, event.args, event.kwargs)
    if event.kind in ("raised", "exited") and event.detail is not None:
        text += f" -> {safe_repr(event.detail)}"
    elif event.kind == "yielded":
        text += f" -> {safe_repr(event.detail)}"
    return text


def timeline_rows(events: Iterable[Any], marks: dict[int, str] | None = None) -> str:
    """Render events as an aligned table, one event a line.

    Args:
        events: The events to show.
        marks: Text to put in front of the row of an event, by sequence number.

    Returns:
        The table, or ``(no events)``.
    """
    marks = marks or {}
    rows = [("", "#", "time", "task", "event", "call")]
    for event in events:
        when = "-" if math.isnan(event.time) else f"{event.time:.3f}"
        rows.append(
            (
                marks.get(event.seq, ""),
                str(event.seq),
                when,
                event.task or "-",
                event.kind,
                _event_call(event),
            )
        )
    if len(rows) == 1:
        return "(no events)"
    if not marks:
        rows = [row[1:] for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    number = 1 if marks else 0
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if i == number else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


# --- Scripts, argument rules, gates, async iterators, async context managers ---

_MAX_STEPS = 10


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


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
        f"{name} was called {_times(call_number)} but its script has "
        f"{_plural(len(steps), 'step')}: {format_steps(steps)}. Add steps, or end "
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


def not_callable(name: str, method: str) -> str:
    """``script()`` or ``when()`` on a double that is never called."""
    return (
        f"{name}.{method}() says what calls do, but {name} is a double of an "
        f"object, which is not called: configure one of its members instead, "
        f"such as {name}.<member>.{method}(...)."
    )


def gate_needs_async(name: str, kind: str) -> str:
    """``gate()`` on a double that is not awaited."""
    return (
        f"{name}.gate() holds awaits, but {name} is {kind} that is not "
        "awaited: gate an async member instead."
    )


def gate_nothing_held(name: str, method: str) -> str:
    """``release()`` or ``fail()`` while the gate holds no await."""
    return (
        f"The gate of {name} holds no await, so {method}() has nothing to let "
        f"go: first wait for one with 'await gate.wait_entered(1)'."
    )


def gate_not_held(name: str, method: str) -> str:
    """``HeldAwait.release()`` or ``fail()`` of an await already let go."""
    return (
        f"This await of {name} is no longer held by its gate, so {method}() has "
        "nothing to let go: take held awaits from gate.held just before."
    )


def gate_release_arity(name: str, count: int) -> str:
    """``release()`` with more than one value."""
    return (
        f"The gate of {name} releases an await with at most one value, got "
        f"{count}: pass a tuple to return a tuple."
    )


def gate_fail_not_exception(name: str, value: Any) -> str:
    """``fail()`` with something that is not an exception."""
    return (
        f"The gate of {name} fails an await with an exception instance or "
        f"class, got {safe_repr(value)}; to return the value use release()."
    )


def gate_bad_count(name: str, count: int) -> str:
    """``wait_entered()`` with a count below 1."""
    return (
        f"gate.wait_entered() of {name} waits for 1 or more held awaits, got "
        f"{count}."
    )


def gate_still_holding(name: str, calls: Sequence[str]) -> str:
    """A gate that still holds awaits when the test ends."""
    return (
        f"The gate of {name} still holds {_plural(len(calls), 'await')}: "
        f"{', '.join(calls)}. Let them go with gate.release(), gate.fail() or "
        "gate.release_all() before the test ends."
    )


def not_async_generator(name: str, kind: str) -> str:
    """``yields()`` on a double that is not an async generator."""
    return (
        f"{name}.yields() configures an async generator, but {name} is "
        f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}: use returns() or "
        "script() for it, or give the double a spec whose member is an async "
        "generator."
    )


def iter_raises_not_exception(name: str, value: Any) -> str:
    """``raises=`` of an async iterator with something not an exception."""
    return (
        f"{name} can end with an exception instance or class, got "
        f"{safe_repr(value)} for raises=; put values among the items instead."
    )


def iter_never_called(name: str) -> str:
    """An assertion about the iterators of a member that was never called."""
    return (
        f"{name} was never called, so it handed out no iterator: check that "
        "the code under test iterates over it."
    )


def iter_not_exhausted(name: str, consumed: int, total: int) -> str:
    """``assert_exhausted()`` of an iterator not iterated to the end."""
    return (
        f"{name} was expected to be iterated to the end, but {consumed} of its "
        f"{_plural(total, 'item')} were consumed: the consumer stopped early."
    )


def iter_not_closed(name: str, consumed: int, total: int) -> str:
    """``assert_closed()`` of an iterator that is still open."""
    return (
        f"{name} was expected to be closed, but it is still open after "
        f"{consumed} of its {_plural(total, 'item')}: the consumer should "
        "iterate to the end or call aclose() (contextlib.aclosing)."
    )


def iter_consumed_mismatch(name: str, expected: int, actual: int) -> str:
    """``assert_consumed()`` with another count."""
    return (
        f"{name} was expected to hand out {_plural(expected, 'item')}, but "
        f"handed out {actual}."
    )


def not_async_context(name: str, kind: str) -> str:
    """``enters()`` or a context assertion on a double that is not one."""
    article = "an" if kind[:1] in "aeiou" else "a"
    return (
        f"{name} is {article} {kind}, not an async context manager, so it cannot be "
        "entered: give the double a spec with __aenter__ and __aexit__, an "
        "@asynccontextmanager member, or use fakes.async_context()."
    )


def context_not_exception(name: str, what: str, value: Any) -> str:
    """``enter_raises=``/``exit_raises=`` with something not an exception."""
    return (
        f"{name} takes an exception instance or class for {what}=, got "
        f"{safe_repr(value)}."
    )


def context_entered_count(name: str, entered: int) -> str:
    """``assert_entered_once()`` failed."""
    return (
        f"{name} was expected to be entered once, but was entered "
        f"{_times(entered) if entered else 'never'}."
    )


def context_not_exited(name: str, entered: int, exited: int) -> str:
    """An exit assertion while the block has not been left."""
    if not entered:
        return f"{name} was never entered, so it has not exited."
    return (
        f"{name} was entered {_times(entered)} and exited {_times(exited)}: "
        "the block is still running."
    )


def context_exited_otherwise(
    name: str, expected: type[BaseException] | None, exits: Sequence[Any]
) -> str:
    """``assert_exited_with()`` or ``assert_exited_cleanly()`` failed."""
    want = "without an exception" if expected is None else f"with {expected.__name__}"
    last = exits[-1]
    got = "without an exception" if last is None else f"with {safe_repr(last)}"
    shown = ", ".join("clean" if e is None else safe_repr(e) for e in exits)
    return (
        f"{name} was expected to exit {want}, but its last exit was {got} "
        f"(exits: {shown})."
    )
