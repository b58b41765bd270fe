"""The strategies of ``fakes.explore``, and replay tokens.

A schedule is the list of choices made at each scheduling point: the index,
among the awaits held at that moment (oldest first), of the one released.
Index 0 at every point is first-come-first-served. A choice past the end of a
recorded list is 0, so a list can stop at its last non-zero choice, and a
replay token names only the non-zero choices.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from fakes import _render
from fakes._schedule import Held
from fakes.errors import FakesValueError, ReplayError

__all__ = [
    "STRATEGIES",
    "Exhaustive",
    "Follow",
    "Pct",
    "RandomChoice",
    "decode_token",
    "encode_token",
    "reorderings",
    "trimmed",
]

STRATEGIES = ("pct", "random", "exhaustive")


def trimmed(choices: Sequence[int]) -> list[int]:
    """The choices without the trailing zeros (which first-come-first-served makes)."""
    end = len(choices)
    while end and not choices[end - 1]:
        end -= 1
    return list(choices[:end])


def reorderings(choices: Sequence[int]) -> int:
    """How many choices released another await than the oldest one held."""
    return sum(1 for choice in choices if choice)


def encode_token(strategy: str, choices: Sequence[int]) -> str:
    """The replay token of a schedule: the strategy, then each reordering.

    ``'pct:4=1,6=2'`` releases the second held await at scheduling point 4
    (counting from 0) and the third at point 6, and the oldest one at every
    other point; ``'pct:-'`` is first come, first served throughout.
    """
    moves = [f"{step}={choice}" for step, choice in enumerate(choices) if choice]
    return f"{strategy}:{','.join(moves) or '-'}"


def decode_token(token: object) -> tuple[str, list[int]]:
    """The strategy and the choices of a replay token.

    Raises:
        FakesValueError: The token was not made by ``encode_token``.
    """
    if isinstance(token, str):
        strategy, colon, text = token.partition(":")
        moves = [] if text == "-" else [move.partition("=") for move in text.split(",")]
        if (
            colon
            and strategy in STRATEGIES
            and all(s.isdigit() and eq and c.isdigit() for s, eq, c in moves)
        ):
            choices: list[int] = []
            for step, _, choice in moves:
                choices.extend([0] * (int(step) + 1 - len(choices)))
                choices[int(step)] = int(choice)
            return strategy, choices
    raise FakesValueError(_render.explore_bad_token(token))


class Follow:
    """Make recorded choices, then release first come, first served.

    With ``strict``, a recorded choice that does not fit (fewer awaits held
    than it needs) raises ``ReplayError``; otherwise it becomes 0.
    """

    def __init__(
        self, choices: Sequence[int], *, strict: bool = False, token: str = ""
    ) -> None:
        self.choices = list(choices)
        self.strict = strict
        self.token = token

    def choose(self, step: int, held: Sequence[Held]) -> int:
        """The recorded choice of this step, or 0."""
        if step < len(self.choices):
            index = self.choices[step]
            if index < len(held):
                return index
            if self.strict:
                raise ReplayError(
                    _render.explore_replay_mismatch(self.token, step, index, len(held))
                )
        return 0


class RandomChoice:
    """Release any held await, each as likely as the others."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def choose(self, step: int, held: Sequence[Held]) -> int:
        """A uniform choice."""
        return self.rng.randrange(len(held))


class Pct:
    """Probabilistic concurrency testing: random priorities, ``depth - 1`` changes.

    Each task gets a random priority when one of its awaits is first held;
    the await of the task with the highest priority goes next. At
    ``depth - 1`` steps drawn at random among the ``steps`` a run is expected
    to take, the task just released drops below every other task, so that
    a bug needing ``depth`` ordering constraints is found in a run with
    probability of at least 1 / (tasks * steps ** (depth - 1)).
    """

    def __init__(self, rng: random.Random, depth: int, steps: int) -> None:
        self.rng = rng
        self.depth = depth
        points = rng.sample(range(steps), min(depth - 1, steps))
        self.changes = {point: rank for rank, point in enumerate(sorted(points))}
        self.priorities: dict[Any, float] = {}

    def choose(self, step: int, held: Sequence[Held]) -> int:
        """The await of the task with the highest priority."""
        priorities = self.priorities
        for item in held:
            if item.task not in priorities:
                priorities[item.task] = self.depth + self.rng.random()
        index = max(range(len(held)), key=lambda i: priorities[held[i].task])
        rank = self.changes.get(step)
        if rank is not None:
            priorities[held[index].task] = self.depth - 1 - rank
        return index


class Exhaustive:
    """A depth-first search over every order of completion.

    Each run follows a prefix of choices and then releases first come,
    first served; :meth:`advance` moves to the next unexplored prefix.
    """

    def __init__(self) -> None:
        self.prefix: list[int] = []

    def chooser(self) -> Follow:
        """The chooser of the next run."""
        return Follow(self.prefix)

    def advance(self, choices: Sequence[int], options: Sequence[int]) -> bool:
        """Move past the schedule just run; ``False`` once every one has run."""
        for step in range(len(choices) - 1, -1, -1):
            if choices[step] + 1 < options[step]:
                self.prefix = [*choices[:step], choices[step] + 1]
                return True
        return False
