"""All message text: errors, warnings, assertion failures and the timeline.

Every function returns a string; none raises. Values from user code are
shown through :func:`safe_repr`, so a broken ``__repr__`` never hides the
real failure.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

_MAX_REPR = 80


def safe_repr(value: Any) -> str:
    """``repr(value)``, shortened, and never raising."""
    try:
        text = repr(value)
    except Exception as error:
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
    for param in sig.parameters.values():
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
    # Parameters come in the order of their kinds: positional-only ones first.
    order = [param.kind for param in sig.parameters.values()]
    if kinds.KEYWORD_ONLY in order and kinds.VAR_POSITIONAL not in order:
        parts.insert(order.index(kinds.KEYWORD_ONLY), "*")
    if kinds.POSITIONAL_ONLY in order:
        parts.insert(order.count(kinds.POSITIONAL_ONLY), "/")
    text = f"{name}({', '.join(parts)})"
    if sig.return_annotation is not sig.empty:
        text += f" -> {_annotation(sig.return_annotation)}"
    return text


def signature_mismatch(
    label: str,
    spec_name: str,
    sig: inspect.Signature,
    args: Sequence[Any],
    kwargs: dict[str, Any],
    error: Exception,
) -> str:
    """A call of the double ``label`` that does not bind to the spec's signature."""
    return (
        f"{format_call(label, args, kwargs)} does not match the signature "
        f"{format_signature(spec_name, sig)}: {error}"
    )


def _did_you_mean(suggestions: Sequence[str]) -> str:
    if not suggestions:
        return ""
    return " Did you mean " + " or ".join(repr(s) for s in suggestions) + "?"


def unknown_attribute(
    label: str, spec_name: str, name: str, suggestions: list[str]
) -> str:
    """An attribute of the double ``label`` that its spec does not have."""
    return (
        f"{label} has no attribute {name!r}.{_did_you_mean(suggestions)} A "
        f"double has only the members of its spec: add {name!r} to {spec_name}, "
        "or set it on the double before using it."
    )


def shared_class_attribute(class_name: str, name: str) -> str:
    """An attribute set on the class that member doubles share."""
    return (
        f"cannot set {name!r} on this {class_name}'s class: member doubles share "
        f"it, so {name!r} would reach all of them. Set it on the double itself, "
        "or give the double a class of its own by creating it with "
        "fakes.async_double() (a root double's class is its own)."
    )


def deleted_attribute(label: str, name: str) -> str:
    """An attribute that was deleted from the double ``label``."""
    return f"{label}.{name} was deleted from the double; set it again to use it."


def bad_spec(value: Any) -> str:
    """Something that cannot be a spec."""
    return (
        f"async_double() cannot use {safe_repr(value)} ({type(value).__name__}) "
        "as a spec: pass an async function, a function, a class or an instance "
        "of a class, or only name=... for a double without a spec."
    )


def awaited_sync_member(label: str, spec_name: str) -> str:
    """The result of the sync member ``label`` (``spec_name``) was awaited."""
    member = "" if spec_name == label else f"{spec_name}, "
    return (
        f"{label}() was awaited, but {label} is {member}a sync member of the "
        "spec (a plain 'def', not annotated as returning an awaitable), so its "
        "result cannot be awaited.\n"
        f"Fix: call it without 'await', or make {spec_name} 'async def' in the "
        "spec (or annotate it as returning Awaitable[...])."
    )


def awaited_value(name: str) -> str:
    """A data attribute or plain property of a spec was awaited."""
    return (
        f"{name} was awaited, but it is a value of the spec (an attribute or a "
        "property, neither async nor annotated as awaitable), so it cannot be "
        "awaited.\n"
        "Fix: remove the 'await', or annotate it in the spec with the class it "
        "holds (an async property, or a class with async members to call)."
    )


def awaited_object(name: str, spec: str) -> str:
    """A double of an instance whose class has no ``__await__`` was awaited."""
    return (
        f"{name} was awaited, but it is a double of {spec}, which defines no "
        "__await__, so it cannot be awaited.\n"
        f"Fix: remove the 'await', or await one of its async members (if the "
        f"real object is awaitable, {spec} needs an __await__)."
    )


def awaited_unknown(name: str, anchor: str, is_value: bool) -> str:
    """A double below a value (or result) of no known class was awaited."""
    if is_value:
        why = (
            f"{anchor} is an attribute of the spec whose class is not "
            "annotated, so its members are not known to be async"
        )
        fix = (
            f"annotate {anchor.rpartition('.')[2]} with its class in the spec "
            "(on the class, even when the spec is an instance)"
        )
    else:
        why = (
            f"it comes from what {anchor} gives, and {anchor} is not annotated "
            "with a class, so nothing in it is known to be awaitable"
        )
        fix = f"configure what {anchor} gives ({anchor}.returns(...))"
    return f"{name} was awaited, but {why}.\nFix: {fix}."


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


def ledger_bad_capacity(value: Any) -> str:
    """``Ledger(capacity=...)`` with something that is not a count of events."""
    return (
        f"Ledger(capacity=...) takes a whole number of events, 2 or more, or "
        f"None to keep every event; got {safe_repr(value)} "
        f"({type(value).__name__}).\n"
        "Fix: pass an int such as Ledger(capacity=10_000), or leave it out."
    )


def events_dropped(dropped: int, capacity: int | None) -> str:
    """The line that says how many older events a ledger no longer has."""
    noun = "event" if dropped == 1 else "events"
    if capacity is None:
        return f"({dropped} earlier {noun} cleared)"
    return (
        f"({dropped} earlier {noun} dropped: this ledger keeps the last "
        f"{capacity} at most; use 'with fakes.Ledger():' or the pytest plugin "
        "to keep every event of a test)"
    )


def _event_call(event: Any) -> str:
    if event.call < 0:
        # The call's ``called`` event was dropped, and with it the arguments.
        return f"{event.name}(...)"
    text = format_call(event.name, event.args, event.kwargs)
    shows_detail = event.kind in ("raised", "exited") and event.detail is not None
    if shows_detail or event.kind == "yielded":
        text += f" -> {safe_repr(event.detail)}"
    return text


def _columns(rows: Sequence[tuple[str, ...]], right: int) -> list[str]:
    """The rows as lines of aligned columns, column ``right`` to the right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(widths[i]) if i == right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]


def timeline_rows(
    events: Iterable[Any], dropped: int = 0, capacity: int | None = None
) -> str:
    """Render events as an aligned table, one event a line.

    Args:
        events: The events to show.
        dropped: How many earlier events the ledger no longer has.
        capacity: The ledger's capacity, ``None`` when it has none.

    Returns:
        The table, or ``(no events)``; after a line that states ``dropped``.
    """
    table = _timeline_table(events)
    if dropped:
        return f"{events_dropped(dropped, capacity)}\n{table}"
    return table


def _timeline_table(events: Iterable[Any]) -> str:
    rows: list[tuple[str, ...]] = [("#", "time", "task", "event", "call")]
    rows.extend(
        (
            str(event.seq),
            "-" if math.isnan(event.time) else f"{event.time:.3f}",
            event.task or "-",
            event.kind,
            _event_call(event),
        )
        for event in events
    )
    if len(rows) == 1:
        return "(no events)"
    return "\n".join(_columns(rows, 0))


# --- fakes.on: typed configuration -------------------------------------------


def on_not_a_double(value: Any) -> str:
    """``fakes.on()`` with something that is not a double."""
    return (
        f"fakes.on() takes a callable double made by fakes.async_double(), such "
        f"as a member of a double (fakes.on(repo.get)); got {safe_repr(value)} "
        f"({type(value).__name__}). Build the double with fakes.async_double(spec) "
        "and pass it, or one of its members, to fakes.on()."
    )


def on_not_callable(name: str) -> str:
    """``fakes.on()`` with a double that it cannot configure."""
    return (
        f"fakes.on() takes a callable double, or a double of an async iterable "
        f"or async context manager, but {name} is a double of an object that "
        "is none of these: pass one of its members, as in fakes.on(repo.get)."
    )


def callable_name(function: Any) -> str:
    """How messages name a function given to the library: ``<lambda>``, ``load``."""
    name = getattr(function, "__name__", None)
    return name if isinstance(name, str) else safe_repr(function)


def _answer_example(sig: inspect.Signature) -> str:
    kinds = inspect.Parameter
    parts: list[str] = []
    starred = False
    for param in sig.parameters.values():
        text = param.name
        if param.kind is kinds.VAR_POSITIONAL:
            text, starred = "*" + text, True
        elif param.kind is kinds.VAR_KEYWORD:
            text = "**" + text
        elif param.kind is kinds.KEYWORD_ONLY and not starred:
            parts.append("*")
            starred = True
        if param.default is not param.empty:
            text += "=" + safe_repr(param.default)
        parts.append(text)
    return f"lambda {', '.join(parts)}: ..." if parts else "lambda: ..."


def answer_not_callable(name: str, value: Any) -> str:
    """``answers()`` with something that cannot be called."""
    return (
        f"{name}.answers() takes a function that computes each call's result "
        f"from its arguments; got {safe_repr(value)} ({type(value).__name__}).\n"
        "Fix: pass a function or a lambda, or use returns(value) for a fixed "
        "result."
    )


def answer_async_for_sync(name: str, function: Any) -> str:
    """An ``async def`` answer for a member that is not awaited."""
    answer = callable_name(function)
    return (
        f"{name}.answers({answer}) cannot be used: {answer} is an async "
        f"function, but {name} is not awaited, so its callers would get a "
        "coroutine instead of a result.\nFix: pass a plain function."
    )


def answer_does_not_fit(
    name: str, function: Any, own: inspect.Signature, member: inspect.Signature
) -> str:
    """An answer that cannot take the arguments of the member's calls."""
    answer = callable_name(function)
    return (
        f"{name}.answers({answer}) cannot be used: "
        f"{format_signature(answer, own)} cannot take the arguments of a call "
        f"of {format_signature(name, member)}.\nFix: give the answer the "
        f"member's parameters, by name or in their order, such as "
        f"{_answer_example(member)} (a left-out argument arrives as its "
        "default)."
    )


# Patching (patch_async).


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


def patch_not_async(
    display: str, what: str, mock_call: str, *, callable_: bool = False
) -> str:
    """A target that is neither async nor has async members.

    A callable may be a sync factory of something async (``asyncpg.create_pool``
    is awaited, ``aiofiles.open`` entered): the message names ``factory=True``.
    """
    if callable_:
        return (
            f"{display} cannot patch {what}: it is not async and has no async "
            "members. If its result is awaited or entered with async with (a "
            "factory, as asyncpg.create_pool is), pass factory=True; for sync "
            f"code use {mock_call}, or pass new= to install an object of your "
            "own."
        )
    return (
        f"{display} cannot patch {what}: it is not async and has no async "
        f"members. Use {mock_call} for sync code, or pass new= to install an "
        "object of your own."
    )


def patch_factory_conflict(display: str, other: str) -> str:
    """``factory=True`` with an option that installs no spec'd double."""
    return patch_conflicting_options(
        display,
        f"factory=True and {other}",
        "factory=True builds a spec'd double of the factory; drop the other option",
    )


def patch_factory_not_sync_function(display: str, what: str, *, is_async: bool) -> str:
    """``factory=True`` given for something that is not a sync callable."""
    if is_async:
        why = (
            "it is async already, and its double is awaited as it is. "
            "Fix: drop factory=True."
        )
    else:
        why = (
            "factory=True takes a sync function whose result is awaited or "
            "entered. Fix: drop factory=True; a class double's calls give "
            "instance doubles, which are awaited or entered as the class says."
        )
    return f"{display} cannot patch {what} as a factory: {why}"


def patch_conflicting_options(display: str, given: str, fix: str) -> str:
    """Options of a patch that cannot be used together."""
    return f"{display} was given {given}, which cannot be combined: {fix}."


def patch_new_callable_not_callable(display: str, value: Any) -> str:
    """``new_callable=`` that cannot be called."""
    return (
        f"{display} was given new_callable={safe_repr(value)} "
        f"({type(value).__name__}), which cannot be called: pass a class or a "
        "function that makes the object to install, such as "
        "new_callable=fakes.AsyncDouble, or new= for the object itself."
    )


def patch_option_needs_callable(display: str, option: str, name: str) -> str:
    """``return_value=``/``side_effect=`` for a target whose double is not called."""
    return (
        f"{display} was given {option}, but its double {name} is a double of "
        "an object, which is not called. Fix: drop the option and configure "
        "the members of the double it gives you, as in "
        f"double.<member>.returns(...)."
    )


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
        f"{display}.stop() was called, but the patch is not active: call start() first."
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


def clock_under_trio() -> str:
    """``with virtual_time()`` inside a trio run."""
    return (
        "fakes.virtual_time() makes asyncio loop time virtual, but this code "
        "runs under trio, whose clock it cannot change: the block would run on "
        "real time.\n"
        "Fix: run trio with trio.testing.MockClock(autojump_threshold=0), such "
        "as trio.run(main, clock=MockClock(autojump_threshold=0)), and drop the "
        "virtual_time() block."
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


# ---------------------------------------------------------------------------
# Assertions over the ledger: order, concurrency, cancellation, verification
# ---------------------------------------------------------------------------
# Timelines in assertion messages leave out the loop time: the sequence
# numbers already give the order, and messages stay the same from run to run
# (fakes.timeline() shows the times).

_FIX_ORDER = (
    "Fix: change the code so that it {verb} them in the expected order, or "
    "list the items in the order above if that order is right."
)
_FIX_CONCURRENT = (
    "Fix: start them together (asyncio.gather, a TaskGroup, a trio nursery) "
    "and make each double suspend while it runs (a gate, or a side_effect "
    "that awaits): a double that returns at once never overlaps another."
)


def item_text(label: str, args: Sequence[Any] | None, kwargs: dict[str, Any]) -> str:
    """An assertion item: ``repo.get`` (any await) or ``repo.get(1)``."""
    return label if args is None else format_call(label, args, kwargs)


def _expected(items: Sequence[str], plain: Sequence[bool]) -> list[str]:
    return [
        f"  {number}. {text}{' (any arguments)' if plain[number - 1] else ''}"
        for number, text in enumerate(items, 1)
    ]


def assertion_rows(
    events: Sequence[Any],
    marks: dict[int, str],
    before: int,
    after: int,
    dropped: tuple[int, int | None] = (0, None),
) -> str:
    """A timeline without loop times, indented, for an assertion message.

    Args:
        events: The events to show.
        marks: Text in front of the row of an event, by sequence number.
        before: How many earlier events of the same selection are left out.
        after: How many later events of the same selection are left out.
        dropped: How many events the ledger dropped before its first one,
            and its capacity.
    """
    table = _assertion_table(events, marks, before, after)
    if dropped[0]:
        return f"  {events_dropped(*dropped)}\n{table}"
    return table


def _assertion_table(
    events: Sequence[Any], marks: dict[int, str], before: int, after: int
) -> str:
    rows: list[tuple[str, ...]] = [("", "#", "task", "event", "call")]
    rows.extend(
        (
            marks.get(event.seq, ""),
            str(event.seq),
            event.task or "-",
            event.kind,
            _event_call(event),
        )
        for event in events
    )
    if len(rows) == 1:
        return "  (no events)"
    if not marks:
        rows = [row[1:] for row in rows]
    lines = ["  " + line for line in _columns(rows, 1 if marks else 0)]
    if before:
        lines.insert(1, f"  ... {before} earlier not shown")
    if after:
        lines.append(f"  ... {after} later not shown")
    return "\n".join(lines)


def _labels(labels: Sequence[str]) -> str:
    *rest, last = dict.fromkeys(labels)
    return f"{', '.join(rest)} and {last}" if rest else last


def _seqs(seqs: Sequence[int]) -> str:
    return _labels([f"#{seq}" for seq in seqs])


def _call_items(one: bool) -> str:
    doubles, them = ("a double", "it") if one else ("doubles", "them")
    return (
        f"pass {doubles} made by fakes.async_double (any call of {them}), "
        "fakes.called(double, *args, **kwargs) (a call with those arguments) or "
        "fakes.awaited(double, *args, **kwargs) (an await with those arguments)."
    )


def no_items(function: str, minimum: int, calls: bool = False) -> str:
    """An assertion called with too few items."""
    what = "at least one item" if minimum == 1 else f"at least {minimum} items"
    if calls:
        return f"{function}() needs {what}: {_call_items(one=False)}"
    return (
        f"{function}() needs {what}: pass doubles made by fakes.async_double "
        "(any await of them) or fakes.awaited(double, *args, **kwargs) (an "
        "await with those arguments)."
    )


def bad_item(function: str, position: int, value: Any, calls: bool = False) -> str:
    """An assertion item that is neither a double nor ``awaited(...)``."""
    head = (
        f"{function}() item {position} is {safe_repr(value)} "
        f"({type(value).__name__}), which is not a double: "
    )
    if calls:
        return head + _call_items(one=True)
    return head + (
        "pass a double made by fakes.async_double (any await of it) or "
        "fakes.awaited(double, *args, **kwargs) (an await with those arguments)."
    )


def plain_mock_item(function: str, position: int, value: Any) -> str:
    """An assertion item that is a ``unittest.mock`` object, not a double."""
    return (
        f"{function}() item {position} is a plain {type(value).__name__}, "
        "whose awaits are not in the ledger: create it with "
        "fakes.async_double(...) instead, which behaves like AsyncMock and "
        "records every await."
    )


def matcher_raised(item: str, seq: int, call: str, error: BaseException) -> str:
    """A matcher's ``__eq__`` raised while an await was compared with it."""
    return (
        f"comparing {item} with the await #{seq} {call} raised "
        f"{safe_repr(error)}: a matcher's __eq__ must return True or False; "
        "fix the matcher, or compare that argument with unittest.mock.ANY."
    )


def bad_limit_type(function: str, value: Any) -> str:
    """A concurrency limit that is not an int."""
    return (
        f"{function}() takes the limit as an int, got {safe_repr(value)} "
        f"({type(value).__name__})."
    )


def bad_limit(function: str, label: str, value: int) -> str:
    """A concurrency limit below one."""
    return (
        f"{function}() needs a limit of at least 1, got {value}: to check that "
        f"{label} was never awaited, use {label}.assert_not_awaited()."
    )


def order_never(number: int, item: str, verb: str) -> str:
    """In-order failure: the item never happened."""
    return f"{number}. {item} was never {verb}."


def order_before(
    number: int, item: str, verb: str, seq: int, previous: str, previous_seq: int
) -> str:
    """In-order failure: the item happened, but before the previous item."""
    return (
        f"{number}. {item} was {verb} at #{seq} (>>), before "
        f"{number - 1}. {previous} (#{previous_seq}), and not after it."
    )


def order_other_arguments(
    number: int, item: str, noun: str, label: str, seq: int, previous_seq: int | None
) -> str:
    """In-order failure: the double happened, but with other arguments."""
    after = "" if previous_seq is None else f" after #{previous_seq}"
    return (
        f"{number}. {item} matches no {noun}{after}; the first {noun} of "
        f"{label}{after}, #{seq} (>>), has other arguments."
    )


def order_none_after(number: int, item: str, noun: str, previous_seq: int) -> str:
    """In-order failure: the item has no occurrence after the previous one."""
    return f"{number}. {item} has no {noun} after #{previous_seq}."


def order_next(number: int, item: str, noun: str, seq: int, call: str) -> str:
    """Strict in-order failure: another event came where the item was due."""
    return (
        f"{number}. {item} was expected next, but the next {noun} of these "
        f"doubles was #{seq} {call} (>>)."
    )


class OrderMode(NamedTuple):
    """What an order assertion orders: the words its messages use."""

    noun: str  # one event: "await"
    verb: str  # "awaited"
    head: str
    order: str  # "they started"
    does: str  # what the code does to them, for the Fix: line


AWAITS = OrderMode(
    "await",
    "awaited",
    "The awaits were not in the expected order.",
    "they started",
    "awaits",
)
COMPLETIONS = OrderMode(
    "completion",
    "completed",
    "The awaits did not complete in the expected order.",
    "they completed",
    "completes",
)
CALLS = OrderMode(
    "call",
    "called",
    "The calls were not in the expected order.",
    "they were made",
    "calls",
)
_STARTED_ITEM = "(an await)"


def order_item(mode: OrderMode, text: str, is_await: bool) -> str:
    """An item as listed in an order failure: an awaited() item among calls says so."""
    if mode is CALLS and is_await:
        return f"{text} {_STARTED_ITEM}"
    return text


def order_called_not_awaited(number: int, item: str, seq: int) -> str:
    """Await-order failure: the item was called (a sync member), never awaited."""
    return (
        f"{number}. {item} was never awaited, but was called at #{seq}: a sync "
        "member is called, not awaited; check calls and awaits together with "
        "fakes.assert_called_in_order(...)."
    )


def called_item_elsewhere(function: str, position: int) -> str:
    """A ``called(...)`` item given to an assertion about awaits."""
    return (
        f"{function}() item {position} is a fakes.called(...) item, which "
        "stands for a call: pass it to fakes.assert_called_in_order(...), or "
        "use fakes.awaited(double, *args, **kwargs) for an await."
    )


def order_failure(
    *,
    mode: OrderMode,
    strict: bool,
    items: Sequence[str],
    plain: Sequence[bool],
    found: Sequence[int],
    reason: str,
    labels: Sequence[str],
    rows: str,
) -> str:
    """``assert_awaited_in_order`` / ``_completed_`` / ``_called_in_order`` failed."""
    noun = "awaits" if mode is AWAITS else f"{mode.noun}s"
    if strict:
        expected = (
            f"Expected, in this order, with no other {noun[:-1]} of these "
            "doubles between them:"
        )
    else:
        expected = f"Expected, in this order (other {noun} may come between):"
    matched = ", ".join(f"{n} at #{seq}" for n, seq in enumerate(found, 1))
    summary = f"Matched {len(found)} of {len(items)}"
    summary += f" ({matched}); " if found else "; "
    shown = noun.capitalize()
    order = mode.order
    if mode is CALLS and any(item.endswith(_STARTED_ITEM) for item in items):
        shown, order = "Calls and awaits", "they happened"
    fix = _FIX_ORDER.format(verb=mode.does)
    if strict:
        between = "calls" if mode is CALLS else "awaits"
        fix += f" Pass strict=False to allow other {between} between them."
    return "\n".join(
        [
            mode.head,
            expected,
            *_expected(items, plain),
            summary + reason,
            f"{shown} of {_labels(labels)}, in the order {order}:",
            rows,
            fix,
        ]
    )


def concurrency_failure(
    *,
    items: Sequence[str],
    plain: Sequence[bool],
    reason: str,
    labels: Sequence[str],
    rows: str,
) -> str:
    """``assert_awaited_concurrently`` failed."""
    return "\n".join(
        [
            "The awaits were not in flight at the same time.",
            "Expected one await of each of these in flight at once:",
            *_expected(items, plain),
            reason,
            f"Awaits of {_labels(labels)}, from start to end:",
            rows,
            _FIX_CONCURRENT,
        ]
    )


def concurrency_never(number: int, item: str) -> str:
    """``assert_awaited_concurrently``: one item was never awaited."""
    return f"{number}. {item} was never awaited."


def concurrency_at_most(most: int, total: int, seq: int) -> str:
    """``assert_awaited_concurrently``: how close the awaits came."""
    return (
        f"At most {most} of the {total} were in flight at once, first at #{seq} (>>)."
    )


def overlap_failure(
    *,
    items: Sequence[str],
    plain: Sequence[bool],
    seq: int,
    call: str,
    other_seq: int,
    other_call: str,
    labels: Sequence[str],
    rows: str,
) -> str:
    """``assert_not_awaited_concurrently`` failed."""
    return "\n".join(
        [
            "The awaits overlapped.",
            "Expected no two of these in flight at once:",
            *_expected(items, plain),
            f"#{seq} {call} started while #{other_seq} {other_call} was still "
            "in flight (>>).",
            f"Awaits of {_labels(labels)}, from start to end:",
            rows,
            "Fix: make the code finish one before it starts the other (await "
            "in turn, or guard them with a lock), or drop this assertion if "
            "they may overlap.",
        ]
    )


def max_concurrency_failure(
    *, item: str, limit: int, peak: int, seq: int, in_flight: Sequence[int], rows: str
) -> str:
    """``assert_max_concurrency`` failed."""
    awaits = "await" if limit == 1 else "awaits"
    return "\n".join(
        [
            f"{item} had up to {peak} awaits in flight at once; expected at "
            f"most {limit} {awaits}.",
            f"The limit was first exceeded at #{seq} (>>): {_seqs(in_flight)} "
            "were in flight.",
            f"Awaits of {item}, from start to end:",
            rows,
            f"Fix: bound the concurrency in the code (an asyncio.Semaphore({limit}), "
            "a pool of workers), or expect a higher limit.",
        ]
    )


def _outcomes(counts: dict[str, int], plain: bool) -> str:
    total = sum(counts.values())
    if not total:
        return "It was never awaited." if plain else "No await had these arguments."
    parts = [f"{count} {what}" for what, count in counts.items() if count]
    return f"Its {total} await{'s' if total != 1 else ''}: {', '.join(parts)}."


def not_cancelled(
    *, item: str, label: str, plain: bool, counts: dict[str, int], rows: str
) -> str:
    """``assert_cancelled`` failed."""
    which = "No await" if plain else "No matching await"
    return "\n".join(
        [
            f"{which} of {item} was cancelled.",
            f"Expected an await of {item}"
            f"{' (any arguments)' if plain else ''} to be cancelled.",
            _outcomes(counts, plain),
            f"Awaits of {label}, from start to end:",
            rows,
            "Fix: check that the code cancels it (task.cancel(), a timeout, a "
            "TaskGroup or nursery whose sibling failed); the ledger records a "
            "cancellation when it reaches the double's await.",
        ]
    )


def not_awaited(rows: str, count: int) -> str:
    """``assert_all_awaited`` failed."""
    calls = "1 call was" if count == 1 else f"{count} calls were"
    return "\n".join(
        [
            f"{calls} never awaited:",
            rows,
            "Calling an async double returns a coroutine that does nothing "
            "until it is awaited: await it (or pass it to asyncio.gather or "
            "create_task), or do not call it.",
        ]
    )


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


_USES = {"called": "calls", "awaited": "awaits", "iterated over": "iterates over"}


def configuration_unused(name: str, what: str, used: str = "called") -> str:
    """Strict verification: a configuration no call (await, iteration) used."""
    if used != "called":
        return (
            f"{name}.{what}(...) was set, but {name} was never {used} after "
            f"it: remove it, or check that the code {_USES[used]} {name}."
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
        f"gate.wait_entered() of {name} waits for 1 or more held awaits, got {count}."
    )


def gate_count_not_int(name: str, count: Any) -> str:
    """``wait_entered()`` with a count that is not a whole number."""
    return (
        f"gate.wait_entered() of {name} takes a whole number of held awaits, "
        f"got {safe_repr(count)} ({type(count).__name__}).\n"
        "Fix: pass an int, such as gate.wait_entered(2)."
    )


def double_bad_name(value: Any) -> str:
    """``async_double(name=...)`` with something that is not a string."""
    return name_not_str("fakes.async_double", value, "to use the spec's qualified name")


def name_not_str(function: str, value: Any, default: str) -> str:
    """A ``name=`` argument that is not a string."""
    return (
        f"{function}(name=...) takes a str, the name shown in the "
        f"ledger and in messages; got {safe_repr(value)} "
        f"({type(value).__name__}).\n"
        f'Fix: pass a string such as name="repo", or leave name out {default}.'
    )


def iter_items_not_iterable(name: str, value: Any) -> str:
    """``async_iter(items)`` with something that cannot be iterated."""
    return (
        f"fakes.async_iter() takes an iterable of the items {name} hands out; "
        f"got {safe_repr(value)} ({type(value).__name__}).\n"
        "Fix: pass a list or tuple of items, such as fakes.async_iter([1, 2])."
    )


def not_a_ledger(function: str, value: Any) -> str:
    """A ledger argument that is not a ``fakes.Ledger``."""
    return (
        f"{function} takes a fakes.Ledger, or nothing for the current ledger; "
        f"got {safe_repr(value)} ({type(value).__name__}).\n"
        f"Fix: call {function} without an argument, or pass the ledger of a "
        "'with fakes.Ledger() as ledger:' block or the fakes_ledger fixture."
    )


def gate_still_holding(name: str, calls: Sequence[str]) -> str:
    """A gate that still holds awaits when the test ends."""
    return (
        f"The gate of {name} still holds {_plural(len(calls), 'await')}: "
        f"{', '.join(calls)}. Let them go with gate.release(), gate.fail() or "
        "gate.release_all() before the test ends."
    )


def gate_held_at_end(name: str, calls: Sequence[str]) -> str:
    """A gate that held awaits when the test body ended; the runner cancelled them."""
    return (
        f"The gate of {name} still held {_plural(len(calls), 'await')} when the "
        f"test body ended: {', '.join(calls)}; the test runner cancelled "
        f"{'it' if len(calls) == 1 else 'them'} afterwards. Let them go with "
        "gate.release(), gate.fail() or gate.release_all() before the test ends."
    )


def _a(kind: str) -> str:
    """``kind`` with its indefinite article: ``an async function``."""
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


def not_async_generator(name: str, kind: str) -> str:
    """``yields()`` on a double that is not an async generator."""
    return (
        f"{name}.yields() configures an async generator, but {name} is "
        f"{_a(kind)}: use returns() or "
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


def context_no_attribute(label: str, name: str) -> str:
    """An attribute an async-context double has not got."""
    return (
        f"{label} has no attribute {name!r}: it is an async context manager "
        "double, and its spec names no class whose members it could have."
    )


def not_async_context(name: str, kind: str) -> str:
    """``enters()`` or a context assertion on a double that is not one."""
    return (
        f"{name} is {_a(kind)}, not an async context manager, so it cannot be "
        "entered: give the double a spec with __aenter__ and __aexit__, an "
        "@asynccontextmanager member, or use fakes.async_context()."
    )


def context_not_exception(name: str, what: str, value: Any) -> str:
    """``enter_raises=``/``exit_raises=`` with something not an exception."""
    return (
        f"{name} takes an exception instance or class for {what}=, got "
        f"{safe_repr(value)}."
    )


def context_bad_suppress(name: str, value: Any) -> str:
    """``suppress=`` with something that names no exceptions."""
    return (
        f"{name} takes True, False, an exception class or a tuple of exception "
        f"classes for suppress=, got {safe_repr(value)}.\n"
        "Fix: pass suppress=True to swallow any exception, or the classes to "
        "swallow, such as suppress=(KeyError, TimeoutError)."
    )


def context_suppress_interruption(name: str, cls: type) -> str:
    """``suppress=`` naming a cancellation or an interrupt."""
    module = "" if cls.__module__ == "builtins" else f"{cls.__module__}."
    return (
        f"{name} never suppresses {module}{cls.__qualname__}: "
        "cancellation, KeyboardInterrupt, SystemExit and GeneratorExit always "
        "leave the block, so that a timeout or a cancel scope around it works.\n"
        "Fix: name only the exceptions the block may swallow, or use "
        "suppress=True for every other exception."
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


# Reliability: hostile arguments and matchers.


def rule_matcher_raised(rule: str, call: str, error: BaseException) -> str:
    """A ``when()`` rule's matcher raised while a call was compared with it."""
    return (
        f"comparing the call {call} with the rule {rule} raised "
        f"{safe_repr(error)}: a matcher's __eq__ must return True or False; "
        "fix the matcher, or match that argument with unittest.mock.ANY."
    )


# --- Schedule exploration (fakes.explore) ------------------------------------

_FIX_INTERLEAVING = (
    "Fix: make the code correct whatever order these awaits complete in (a "
    "lock, one future shared by the callers, a check made after the await), "
    "then run the replay token again to see it pass."
)


def event_call(event: Any) -> str:
    """An event's call as the timeline prints it: ``fetch(1)``."""
    return _event_call(event)


def explore_not_async(value: Any) -> str:
    """``@fakes.explore`` on something that is not an ``async def`` function."""
    return (
        f"fakes.explore() decorates an async function (async def), got "
        f"{safe_repr(value)}. Fix: write the scenario as an async def; explore "
        "runs it on event loops of its own."
    )


def explore_bad_number(option: str, value: Any, minimum: int) -> str:
    """``runs=`` or ``depth=`` that is not a whole number large enough."""
    return (
        f"fakes.explore({option}=...) takes a whole number of at least "
        f"{minimum}, got {safe_repr(value)}."
    )


def explore_bad_seed(seed: Any) -> str:
    """A seed that is not an int."""
    return f"fakes.explore(seed=...) takes an int or None, got {safe_repr(seed)}."


def explore_bad_strategy(strategy: Any, strategies: Sequence[str]) -> str:
    """An unknown strategy."""
    names = ", ".join(repr(name) for name in strategies)
    return (
        f"fakes.explore(strategy=...) takes one of {names}, got {safe_repr(strategy)}."
    )


def explore_bad_token(token: Any) -> str:
    """A replay token that ``fakes.explore`` did not make."""
    return (
        "fakes.explore(replay=...) takes the token of an InterleavingError "
        f"report, such as 'pct:3=1', got {safe_repr(token)}."
    )


def explore_replay_mismatch(token: str, step: int, index: int, count: int) -> str:
    """A replayed schedule that no longer fits the scenario."""
    return (
        f"the schedule {token!r} does not fit this scenario: at scheduling "
        f"point {step + 1} it releases held await number {index + 1}, but "
        f"{_plural(count, 'await')} {'is' if count == 1 else 'are'} held. "
        "Fix: the scenario changed since the token was made; explore it again "
        "(with the same seed) for a new token."
    )


def explore_in_running_loop(name: str, library: str) -> str:
    """The decorated function was called inside a running event loop."""
    if library == "trio":
        return (
            f"{name}() was called inside a trio run, but fakes.explore runs "
            "scenarios on asyncio event loops of its own and does not support "
            "trio. Fix: call it from sync code (a plain test function), with a "
            "body written for asyncio (or for anyio, which runs on asyncio)."
        )
    return (
        f"{name}() was called inside a running asyncio event loop, but "
        "fakes.explore runs every run on an event loop of its own. Fix: call "
        "it from sync code: a plain (not async) test function, with no asyncio "
        "or anyio marker."
    )


def explore_no_progress(tasks: Sequence[tuple[str, Sequence[str]]]) -> str:
    """A run in which every task waits for something that never happens."""
    lines = [
        f"  {name}: {' -> '.join(chain) or 'not started'}" for name, chain in tasks
    ]
    return "\n".join(
        [
            "the run can make no progress: no await of a double is held, no "
            "timer is pending and no I/O or thread is at work, yet "
            f"{_plural(len(tasks), 'task')} {'waits' if len(tasks) == 1 else 'wait'}"
            " (outermost coroutine first):",
            *lines,
            "Fix: something that is not a double blocks these tasks for ever "
            "(an event nobody sets, a lock nobody releases, a queue nobody "
            "fills, fakes.hang()): make every wait able to end, or give it a "
            "timeout.",
        ]
    )


def explore_failure_text(error: BaseException, indent: str) -> str:
    """A run's failure, indented: type and message, then a group's members."""
    text = f"{type(error).__name__}: {error}"
    lines = [indent + line for line in text.splitlines() or [text]]
    members = getattr(error, "exceptions", ())
    if isinstance(members, tuple):
        lines.extend(
            explore_failure_text(member, indent + "  ")
            for member in members
            if isinstance(member, BaseException)
        )
    return "\n".join(lines)


def explore_failure(
    *,
    name: str,
    run: int,
    distinct: int,
    strategy: str,
    seed: int | None,
    token: str,
    schedule: Sequence[tuple[int, str, str]],
    choices: Sequence[int],
    first_reorderings: int,
    failure: BaseException,
    timeline: str,
) -> str:
    """The message of ``InterleavingError``."""
    if seed is None:
        how = f"strategy {strategy!r}"
    else:
        how = f"strategy {strategy!r}, seed {seed}"
    ran = "schedules" if strategy == "exhaustive" else "distinct schedules"
    marks = [
        step < len(choices) and bool(choices[step]) for step in range(len(schedule))
    ]
    moved = sum(marks)
    shrunk = f", shrunk from {first_reorderings}" if first_reorderings > moved else ""
    rows: list[tuple[str, ...]] = [("", "#", "task", "call")]
    rows.extend(
        (">" if mark else "", str(seq), task, call)
        for mark, (seq, task, call) in zip(marks, schedule, strict=True)
    )
    return "\n".join(
        [
            f"explore: {name}() failed in run {run} ({how}; "
            f"{_plural(distinct, ran[:-1])} ran).",
            f"Replay it: @fakes.explore(replay={token!r})",
            "",
            "Schedule (the order in which the doubles' awaits were let go; "
            f"{moved} of {len(schedule)} out of first-come-first-served order, "
            f"marked >{shrunk}):",
            *(
                ("  " + line for line in _columns(rows, 1))
                if schedule
                else ["  (no await of a double completed)"]
            ),
            "",
            "Failure:",
            explore_failure_text(failure, "  "),
            "",
            "Timeline of that run:",
            timeline,
            _FIX_INTERLEAVING,
        ]
    )


def explore_report(
    runs: int,
    distinct: int,
    strategy: str,
    seed: int | None,
    exhausted: bool,
    replay: str | None,
) -> str:
    """The text of an ``ExploreReport``: what ran, and that nothing failed."""
    if replay is not None:
        return f"explore: the schedule {replay!r} ran once, no failure."
    if exhausted:
        return (
            f"explore: every schedule ran: {_plural(distinct, 'schedule')} in "
            f"{_plural(runs, 'run')} (strategy {strategy!r}), no failure."
        )
    how = f"strategy {strategy!r}"
    if seed is not None:
        how += f", seed {seed}"
    text = (
        f"explore: {_plural(runs, 'run')} ({how}), "
        f"{_plural(distinct, 'distinct schedule')}, no failure."
    )
    if strategy == "exhaustive":
        text += " Not every schedule ran: raise runs= to run them all."
    return text
