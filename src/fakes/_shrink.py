"""Shrinking a failing schedule of ``fakes.explore`` to fewer reorderings.

A failing run is replayed with simpler schedules, within a budget of runs:
first come, first served; then each single reordering; then, from the best
so far, one choice undone at a time. A candidate counts when it fails with
the same kind of exception and has fewer reorderings.
"""

from __future__ import annotations

from fakes._schedule import Body, Run, run_once
from fakes._strategies import Follow, reorderings, trimmed

__all__ = ["shrink_schedule"]

_SHRINK_RUNS = 100


def shrink_schedule(body: Body, first: Run) -> Run:
    """The failing run with the fewest reorderings that the search finds.

    First come, first served; then every schedule with one reordering (in
    the order of its step); then, from the best so far, zeroing one choice
    at a time. A candidate counts when it fails with the same kind of
    exception and has fewer reorderings.
    """
    assert first.error is not None
    kind = type(first.error)
    budget = [_SHRINK_RUNS]
    best = first

    def attempt(choices: list[int]) -> Run | None:
        budget[0] -= 1
        candidate = run_once(body, Follow(choices))
        if type(candidate.error) is kind and _simpler(candidate, best):
            return candidate
        return None

    if reorderings(best.choices) == 0:
        return best
    plain = run_once(body, Follow([]))
    if type(plain.error) is kind:
        return plain
    for step, count in enumerate(plain.options):
        for choice in range(1, count):
            if reorderings(best.choices) == 1 or budget[0] <= 0:
                break
            found = attempt([*plain.choices[:step], choice])
            if found is not None:
                return found
    improved = True
    while improved and budget[0] > 0:
        improved = False
        choices = trimmed(best.choices)
        for step in [step for step, choice in enumerate(choices) if choice]:
            if budget[0] <= 0:
                break
            found = attempt([*choices[:step], 0, *choices[step + 1 :]])
            if found is not None:
                best = found
                improved = True
                break
    return best


def _simpler(candidate: Run, best: Run) -> bool:
    return reorderings(candidate.choices) < reorderings(best.choices)
