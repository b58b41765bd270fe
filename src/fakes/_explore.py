"""``fakes.explore``: run a scenario under many orders of its doubles' completions.

Each run gets a fresh :class:`~fakes._schedule.ExploreLoop` and a fresh
:class:`~fakes.Ledger`; the strategy decides, at each scheduling point, which
held await of a double completes next. The first failing run stops the
exploration: its schedule is shrunk (fewer completions out of
first-come-first-served order, same kind of failure) and reported in an
:class:`~fakes.errors.InterleavingError` with a replay token.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import random
import unittest
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, cast, overload

from typing_extensions import ParamSpec

from fakes import _render
from fakes._runtime import running_trio
from fakes._schedule import Body, Chooser, Run, run_once
from fakes._strategies import (
    STRATEGIES,
    Exhaustive,
    Follow,
    Pct,
    RandomChoice,
    decode_token,
    encode_token,
    reorderings,
    trimmed,
)
from fakes.errors import (
    FakesTypeError,
    FakesValueError,
    InterleavingError,
)

__all__ = ["ExploreReport", "explore"]

_P = ParamSpec("_P")
_SHRINK_RUNS = 100


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


def _check_options(runs: Any, seed: Any, strategy: Any, depth: Any) -> None:
    for option, value, minimum in (("runs", runs, 1), ("depth", depth, 1)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise FakesTypeError(_render.explore_bad_number(option, value, minimum))
        if value < minimum:
            raise FakesValueError(_render.explore_bad_number(option, value, minimum))
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise FakesTypeError(_render.explore_bad_seed(seed))
    if strategy not in STRATEGIES:
        raise FakesValueError(_render.explore_bad_strategy(strategy, STRATEGIES))


def _check_arguments(
    name: str, function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    """Refuse, before any run, arguments the scenario cannot take.

    Every run would fail the same way at its first line, which is misuse,
    not an interleaving.
    """
    try:
        sig = inspect.signature(function)
    except (TypeError, ValueError):
        return  # nothing to check against: the runs will tell
    try:
        sig.bind(*args, **kwargs)
    except TypeError:
        raise FakesTypeError(
            _render.explore_arguments_do_not_fit(name, sig, args, kwargs)
        ) from None


class _Explorer:
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
        shrunk = _shrink(body, first) if shrink else first
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


def _shrink(body: Body, first: Run) -> Run:
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


@overload
def explore(
    runs: Callable[_P, Coroutine[Any, Any, Any]], /
) -> Callable[_P, ExploreReport]: ...


@overload
def explore(
    runs: int = 200,
    *,
    seed: int | None = None,
    strategy: str = "pct",
    depth: int = 3,
    replay: str | None = None,
) -> Callable[
    [Callable[_P, Coroutine[Any, Any, Any]]], Callable[_P, ExploreReport]
]: ...


def explore(
    runs: Any = 200,
    *,
    seed: int | None = None,
    strategy: str = "pct",
    depth: int = 3,
    replay: str | None = None,
) -> Any:
    """Run an async scenario under many orders of its doubles' completions.

    Decorate an async function (a test, or a scenario): calling it runs the
    body ``runs`` times, each on a fresh asyncio event loop with a fresh
    ledger. Every await of a double is held when it starts; whenever the
    loop has nothing else ready to run, the strategy picks which held await
    completes next, and the double then does what it is configured to do.
    Create the doubles inside the body, so that each run starts clean.

    Args:
        runs: How many runs at most (exhaustive stops earlier when every
            schedule has run). ``@fakes.explore`` without parentheses works.
        seed: Makes the random strategies repeat their runs; by default a
            new seed is drawn and shown in reports.
        strategy: ``"pct"`` (random priorities with ``depth - 1`` changes),
            ``"random"`` (any held await, uniformly) or ``"exhaustive"``
            (every completion order, depth first).
        depth: PCT's bug depth: how many ordering constraints a bug needs.
        replay: A token from an ``InterleavingError``: run that schedule once.

    Returns:
        A decorator; the decorated function is a plain (sync) function that
        returns an :class:`ExploreReport`, and passes its arguments on to the
        body on every run (such as ``self`` in a ``unittest`` test, where it
        returns ``None``, as unittest wants of a test method).

    Raises:
        InterleavingError: A run failed (raised from the decorated function).

    Example:
        >>> import asyncio, fakes
        >>> @fakes.explore(strategy="exhaustive")
        ... async def two_saves():
        ...     save = fakes.async_double(name="save")
        ...     done = []
        ...     async def store(key: str) -> None:
        ...         await save(key)
        ...         done.append(key)
        ...     await asyncio.gather(store("a"), store("b"))
        ...     assert done == ["a", "b"], done
        >>> two_saves()  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        fakes.errors.InterleavingError: explore: two_saves() failed in run 2 ...
    """
    if callable(runs):
        return explore()(cast(Any, runs))
    _check_options(runs, seed, strategy, depth)
    if replay is not None:
        decode_token(replay)
    explorer = _Explorer(runs, seed, strategy, depth, replay)

    def decorate(function: Callable[..., Coroutine[Any, Any, Any]]) -> Any:
        if not inspect.iscoroutinefunction(function):
            raise FakesTypeError(_render.explore_not_async(function))
        name = getattr(function, "__name__", repr(function))

        @functools.wraps(function)
        def explored(*args: Any, **kwargs: Any) -> ExploreReport | None:
            __tracebackhide__ = True
            _check_arguments(name, function, args, kwargs)
            report = explorer(name, lambda: function(*args, **kwargs))
            # unittest warns about a test method that returns something.
            if args and isinstance(args[0], unittest.TestCase):
                return None
            return report

        explored.fakes_explore = True  # type: ignore[attr-defined]
        return explored

    return decorate
