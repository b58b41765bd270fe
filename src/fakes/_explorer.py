"""The runs of one exploration, and its report or its failure.

Each run gets a fresh :class:`~fakes._schedule.ExploreLoop` and a fresh
:class:`~fakes.Ledger`; the strategy decides, at each scheduling point, which
held await of a double completes next. The first failing run stops the
exploration: its schedule is shrunk (fewer completions out of
first-come-first-served order, same kind of failure) and reported in an
:class:`~fakes.errors.InterleavingError` with a replay token.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass

from fakes import _render
from fakes._runtime import running_trio
from fakes._schedule import Body, Chooser, Run, run_once
from fakes._shrink import shrink_schedule
from fakes._strategies import (
    Exhaustive,
    Follow,
    Pct,
    RandomChoice,
    decode_token,
    encode_token,
    reorderings,
    trimmed,
)
from fakes.errors import FakesTypeError, InterleavingError

__all__ = ["ExploreReport", "Explorer"]


@dataclass(frozen=True)
class ExploreReport:
    """What an exploration did when no run failed.

    Attributes:
        runs: How many runs were made.
        distinct: How many different schedules they ran.
        strategy: The strategy used (the token's, for a replay).
        seed: The seed of the random strategies (``None`` for exhaustive).
        exhausted: ``True`` when the exhaustive strategy ran every schedule.
        replay: The replay token that was run, if any.

    Example:
        >>> import asyncio, fakes
        >>> @fakes.explore(strategy="exhaustive")
        ... async def scenario():
        ...     fetch = fakes.async_double(name="fetch")
        ...     await asyncio.gather(fetch(1), fetch(2))
        >>> report = scenario()
        >>> report.runs, report.distinct, report.exhausted
        (2, 2, True)
    """

    runs: int
    distinct: int
    strategy: str
    seed: int | None
    exhausted: bool
    replay: str | None = None

    def __str__(self) -> str:
        return _render.explore_report(
            self.runs,
            self.distinct,
            self.strategy,
            self.seed,
            self.exhausted,
            self.replay,
        )


class Explorer:
    def __init__(
        self, runs: int, seed: int | None, strategy: str, depth: int, replay: str | None
    ) -> None:
        self.runs = runs
        self.strategy = strategy
        self.depth = depth
        self.replay = replay
        self.seed = seed

    def __call__(self, name: str, body: Body) -> ExploreReport:
        __tracebackhide__ = True
        running = "asyncio" if asyncio.events._get_running_loop() else None
        if running is None and running_trio() is not None:
            running = "trio"
        if running is not None:
            raise FakesTypeError(_render.explore_in_running_loop(name, running))
        if self.replay is not None:
            strategy, choices = decode_token(self.replay)
            result = run_once(body, Follow(choices, strict=True, token=self.replay))
            if result.error is not None:
                raise self._failure(
                    name, body, strategy, None, 1, 1, result, shrink=False
                )
            return ExploreReport(1, 1, strategy, None, False, self.replay)
        return self._explore(name, body)

    def _explore(self, name: str, body: Body) -> ExploreReport:
        strategy = self.strategy
        exhaustive = Exhaustive() if strategy == "exhaustive" else None
        seed = None if exhaustive is not None else self.seed
        if seed is None and exhaustive is None:
            seed = random.SystemRandom().randrange(1_000_000)
        seen: set[tuple[tuple[str, str], ...]] = set()
        steps = 0
        for number in range(1, self.runs + 1):
            rng = random.Random(f"{seed}:{number}")
            chooser: Chooser
            if exhaustive is not None:
                chooser = exhaustive.chooser()
            elif strategy == "random":
                chooser = RandomChoice(rng)
            else:
                chooser = Pct(rng, self.depth, steps)
            result = run_once(body, chooser)
            steps = max(steps, len(result.choices))
            seen.add(tuple(row[1:] for row in result.schedule()))
            if result.error is not None:
                raise self._failure(
                    name, body, strategy, seed, number, len(seen), result
                )
            if exhaustive is not None and not exhaustive.advance(
                result.choices, result.options
            ):
                return ExploreReport(number, len(seen), strategy, None, True)
        return ExploreReport(self.runs, len(seen), strategy, seed, False)

    def _failure(
        self,
        name: str,
        body: Body,
        strategy: str,
        seed: int | None,
        number: int,
        distinct: int,
        first: Run,
        *,
        shrink: bool = True,
    ) -> InterleavingError:
        shrunk = shrink_schedule(body, first) if shrink else first
        token = encode_token(strategy, shrunk.choices)
        error = shrunk.error
        assert error is not None
        schedule = shrunk.schedule()
        message = _render.explore_failure(
            name=name,
            run=number,
            distinct=distinct,
            strategy=strategy,
            seed=seed,
            token=token,
            schedule=schedule,
            choices=shrunk.choices,
            first_reorderings=reorderings(first.choices),
            failure=error,
            timeline=_render.assertion_rows(list(shrunk.ledger), {}, 0, 0),
        )
        failure = InterleavingError(message)
        failure.run = number
        failure.token = token
        failure.seed = seed
        failure.schedule = [row[1:] for row in schedule]
        failure.first_schedule = [row[1:] for row in first.schedule()]
        failure.choices = trimmed(shrunk.choices)
        failure.first_choices = trimmed(first.choices)
        failure.ledger = shrunk.ledger
        failure.__cause__ = error
        return failure
