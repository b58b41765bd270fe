"""Failures of the concurrency and cancellation assertions."""

from __future__ import annotations

from collections.abc import Sequence

from ._text import expected_rows, join_labels

_FIX_CONCURRENT = (
    "Fix: start them together (asyncio.gather, a TaskGroup, a trio nursery) "
    "and make each double suspend while it runs (a gate, or a side_effect "
    "that awaits): a double that returns at once never overlaps another."
)


def _seqs(seqs: Sequence[int]) -> str:
    return join_labels([f"#{seq}" for seq in seqs])


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
            *expected_rows(items, plain),
            reason,
            f"Awaits of {join_labels(labels)}, from start to end:",
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
            *expected_rows(items, plain),
            f"#{seq} {call} started while #{other_seq} {other_call} was still "
            "in flight (>>).",
            f"Awaits of {join_labels(labels)}, from start to end:",
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


#: How an outcome of an await reads, where it is not the ledger's own word.
_OUTCOMES = {"started": "still in flight"}


def _outcomes(counts: dict[str, int], plain: bool) -> str:
    total = sum(counts.values())
    if not total:
        return "It was never awaited." if plain else "No await had these arguments."
    parts = [
        f"{count} {_OUTCOMES.get(what, what)}"
        for what, count in counts.items()
        if count
    ]
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
