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


# Patching (patch_async).


def _did_you_mean(suggestions: Sequence[str]) -> str:
    if not suggestions:
        return ""
    return " Did you mean " + " or ".join(repr(s) for s in suggestions) + "?"


def patch_malformed_target(target: Any) -> str:
    """A target that is not a dotted ``'module.attribute'`` string."""
    return (
        f"patch_async() needs a target of the form 'package.module.attribute', "
        f"got {safe_repr(target)}: name the module that the code under test "
        "looks the attribute up in, or use patch_async.object(obj, 'attribute')."
    )


def patch_import_failed(display: str, module: str, error: BaseException) -> str:
    """The module of a target raised while being imported."""
    return (
        f"{display} cannot import the module {module!r}: "
        f"{type(error).__name__}: {error}. Fix that import error, or correct "
        "the module part of the target."
    )


def patch_missing_attribute(
    display: str, owner: str, name: str, suggestions: Sequence[str], *, last: bool
) -> str:
    """A target attribute (the last one when ``last``) that does not exist."""
    fix = "Correct the target"
    if last:
        fix += ", or pass create=True to add the attribute while the patch is active"
    return (
        f"{display} found no attribute {name!r} on the {owner}."
        f"{_did_you_mean(suggestions)} {fix}."
    )


def patch_not_async(display: str, what: str, mock_call: str) -> str:
    """A target that is neither async nor has async members."""
    return (
        f"{display} cannot patch {what}: it is not async and has no async "
        f"members. Use {mock_call} for sync code, or pass new= to install an "
        "object of your own."
    )


def patch_conflicting_options(display: str, given: str, fix: str) -> str:
    """Options of a patch that cannot be used together."""
    return f"{display} was given {given}, which cannot be combined: {fix}."


def patch_out_of_order(label: str, later: int) -> str:
    """A patch exited while later patches of the same target were active."""
    plural = "patch" if later == 1 else "patches"
    return (
        f"the patch of {label} exited before {later} later {plural} of the same "
        "target: patches must exit in the reverse order of entering. "
        f"{label} is restored to what it was before this patch, and the later "
        f"{plural} will restore nothing. Nest the with blocks (or use "
        "patch_async.many) so that the last patch entered exits first."
    )


def patch_shared_target(target: str, module: str, prefix: str, first: str) -> str:
    """A target reached through a module that every module shares."""
    return (
        f"patch_async({target!r}) replaces {first!r} on the module {module!r}, "
        f"which every module shares: code outside {prefix} sees the double too. "
        f"To patch it for {prefix} alone, patch '{prefix}.{first}' after "
        f"`from {module} import {first}` in {prefix}, or use "
        f"patch_async.object on the object that {prefix} uses."
    )


def patch_not_decoratable(value: Any) -> str:
    """``patch_async(...)`` applied as a decorator to something else."""
    return (
        f"patch_async can decorate a function, a coroutine function or a class, "
        f"got {safe_repr(value)} ({type(value).__name__}): use it as a context "
        "manager instead (with / async with)."
    )


def patch_many_item(value: Any) -> str:
    """An item of ``patch_async.many`` that is neither a target nor a patch."""
    return (
        f"patch_async.many() takes target strings and patch_async(...) or "
        f"patch_async.object(...) patches, got {safe_repr(value)} "
        f"({type(value).__name__})."
    )


def patch_not_active(display: str) -> str:
    """``stop()`` on a patch that is not active."""
    return (
        f"{display}.stop() was called, but the patch is not active: "
        "call start() first."
    )


# --- Virtual time (_clock.py) ------------------------------------------------


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


def clock_unsupported_loop(loop: Any) -> str:
    """A running loop that virtual time cannot control."""
    return (
        f"virtual_time() cannot control the running loop {safe_repr(loop)} "
        f"({type(loop).__module__}.{type(loop).__name__}): it needs a loop "
        "built on asyncio.BaseEventLoop (the standard selector or proactor "
        "loop). Run the test on the standard asyncio loop; uvloop is not "
        "supported."
    )
