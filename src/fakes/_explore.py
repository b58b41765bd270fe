"""``fakes.explore``: run a scenario under many orders of its doubles' completions.

This module is the decorator and its checks: the options are checked when
it is applied, the scenario's arguments before any run. The runs themselves
and their report live in ``fakes._explorer``, shrinking a failing schedule
in ``fakes._shrink``.
"""

from __future__ import annotations

import functools
import inspect
import unittest
from collections.abc import Callable, Coroutine
from typing import Any, cast, overload

from typing_extensions import ParamSpec

from fakes import _render
from fakes._explorer import Explorer, ExploreReport
from fakes._strategies import STRATEGIES, decode_token
from fakes.errors import FakesTypeError, FakesValueError

__all__ = ["explore"]

_P = ParamSpec("_P")


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
    explorer = Explorer(runs, seed, strategy, depth, replay)

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
