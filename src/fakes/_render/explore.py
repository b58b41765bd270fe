"""Messages of schedule exploration (``fakes.explore``)."""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

from ._text import aligned, format_call, format_signature, plural_of, safe_repr

_FIX_INTERLEAVING = (
    "Fix: make the code correct whatever order these awaits complete in (a "
    "lock, one future shared by the callers, a check made after the await), "
    "then run the replay token again to see it pass."
)


def explore_not_async(value: Any) -> str:
    """``@fakes.explore`` on something that is not an ``async def`` function."""
    return (
        f"fakes.explore() decorates an async function (async def), got "
        f"{safe_repr(value)}. Fix: write the scenario as an async def; explore "
        "runs it on event loops of its own."
    )


def explore_arguments_do_not_fit(
    name: str,
    sig: inspect.Signature,
    args: Sequence[Any],
    kwargs: dict[str, Any],
) -> str:
    """An explored scenario called with arguments its parameters cannot take."""
    sig = sig.replace(return_annotation=inspect.Signature.empty)
    return (
        f"explore: {format_call(name, args, kwargs)} does not fit the "
        f"scenario's parameters, {format_signature(name, sig)}. Each run "
        "calls the scenario with the arguments the explored function was "
        "called with, so no run was made.\nFix: pass the arguments it needs, "
        "or give it no required parameters and build its doubles and values "
        "inside it."
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
        f"{plural_of(count, 'await')} {'is' if count == 1 else 'are'} held. "
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
            f"{plural_of(len(tasks), 'task')} {'waits' if len(tasks) == 1 else 'wait'}"
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
            f"{plural_of(distinct, ran[:-1])} ran).",
            f"Replay it: @fakes.explore(replay={token!r})",
            "",
            "Schedule (the order in which the doubles' awaits were let go; "
            f"{moved} of {len(schedule)} out of first-come-first-served order, "
            f"marked >{shrunk}):",
            *(
                ("  " + line for line in aligned(rows, 1))
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
            f"explore: every schedule ran: {plural_of(distinct, 'schedule')} in "
            f"{plural_of(runs, 'run')} (strategy {strategy!r}), no failure."
        )
    how = f"strategy {strategy!r}"
    if seed is not None:
        how += f", seed {seed}"
    text = (
        f"explore: {plural_of(runs, 'run')} ({how}), "
        f"{plural_of(distinct, 'distinct schedule')}, no failure."
    )
    if strategy == "exhaustive":
        text += " Not every schedule ran: raise runs= to run them all."
    return text
