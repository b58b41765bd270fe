"""Cleanup after cancellation in a TaskGroup runs in the wrong order.

Each worker borrows a connection from a pool and gives it back in
``finally``, in a task of its own ("fire and forget", so that a cancelled
worker does not wait: an await in ``finally`` can itself be cancelled when
the group cancels the worker). The buggy service closes the pool as soon as
the group is done: when the pool's ``close`` completes before a ``release``,
the pool is closed with a connection still out. ``fakes.explore`` finds that
order; the fix waits for the releases before it closes the pool.

On Python 3.10, which has no ``asyncio.TaskGroup``, the group is built by
hand from ``asyncio.wait`` (the first failure cancels the other workers).
"""

from __future__ import annotations

import asyncio
import itertools
import sys
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import fakes


class Pool:
    async def acquire(self) -> str:
        raise NotImplementedError("database")

    async def release(self, connection: str) -> None:
        raise NotImplementedError("database")

    async def close(self) -> None:
        raise NotImplementedError("database")


class Feed:
    async def fetch(self, name: str) -> bytes:
        raise NotImplementedError("HTTP")


async def run_together(*coros: Coroutine[Any, Any, None]) -> None:
    """Run the coroutines as one group: the first failure cancels the others."""
    if sys.version_info >= (3, 11):
        async with asyncio.TaskGroup() as group:
            for coro in coros:
                group.create_task(coro)
        return
    tasks = [asyncio.ensure_future(coro) for coro in coros]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for task in done:
        task.result()


class BuggyRefresher:
    def __init__(self, pool: Pool, feed: Feed) -> None:
        self.pool = pool
        self.feed = feed
        self.background: set[asyncio.Task[None]] = set()

    async def worker(self, name: str) -> None:
        connection = await self.pool.acquire()
        try:
            await self.feed.fetch(name)
        finally:
            # Fire and forget: nothing waits for the connection to be back.
            task = asyncio.ensure_future(self.pool.release(connection))
            self.background.add(task)

    async def refresh(self, *names: str) -> None:
        try:
            await run_together(*(self.worker(name) for name in names))
        finally:
            await self.pool.close()


class FixedRefresher(BuggyRefresher):
    async def refresh(self, *names: str) -> None:
        try:
            await run_together(*(self.worker(name) for name in names))
        finally:
            # Every connection is back before the pool closes.
            await asyncio.gather(*self.background)
            await self.pool.close()


def scenario(refresher_class: type[BuggyRefresher]) -> Callable[[], Awaitable[None]]:
    """Two workers; one feed fails, which cancels the other worker."""

    async def one_feed_down() -> None:
        out: set[str] = set()
        numbers = itertools.count(1)

        def acquire() -> str:
            connection = f"conn-{next(numbers)}"
            out.add(connection)
            return connection

        pool = fakes.async_double(Pool, name="pool")
        pool.acquire.side_effect = acquire
        pool.release.side_effect = out.discard

        def close() -> None:
            if out:
                raise RuntimeError(f"pool closed with {sorted(out)} still out")

        pool.close.side_effect = close
        feed = fakes.async_double(Feed, name="feed")
        feed.fetch.when("news").returns(b"...")
        feed.fetch.when("weather").raises(ConnectionError("weather feed down"))
        refresher = refresher_class(pool, feed)

        try:
            await refresher.refresh("news", "weather")
        except Exception as error:  # an ExceptionGroup from the TaskGroup on 3.11+
            leaves = getattr(error, "exceptions", (error,))
            if [type(leaf) for leaf in leaves] != [ConnectionError]:
                raise AssertionError(f"refresh failed with {error!r}") from error
        else:
            raise AssertionError("the weather feed was down: refresh should fail")

    return one_feed_down


def main() -> None:
    # With doubles that answer at once, both versions pass.
    for refresher_class in (BuggyRefresher, FixedRefresher):
        with fakes.Ledger():
            asyncio.run(scenario(refresher_class)())

    for strategy in ("random", "pct", "exhaustive"):
        explored = fakes.explore(seed=1, strategy=strategy)
        try:
            explored(scenario(BuggyRefresher))()
        except fakes.errors.InterleavingError as error:
            print(str(error).splitlines()[0], "token", error.token)
        else:
            raise AssertionError(f"{strategy}: the buggy refresher should fail")
        print(explored(scenario(FixedRefresher))())


if __name__ == "__main__":
    main()
