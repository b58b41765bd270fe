"""A cache whose get_or_load loads twice when two callers miss at once.

``fakes.explore`` runs the scenario under many orders of completion of the
doubles' awaits. With doubles that answer at once (a plain ``asyncio.run``)
the buggy cache passes; explored, it loads the same key twice as soon as
the second caller's ``auth.check`` completes before the first caller's load.
The fix keeps one lock per key, so the second caller waits for the first
load instead of starting its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import fakes


class Loader:
    async def load(self, key: str) -> str:
        raise NotImplementedError("database")


class Auth:
    async def check(self, user: str) -> None:
        raise NotImplementedError("auth service")


class BuggyCache:
    def __init__(self, loader: Loader) -> None:
        self.loader = loader
        self.values: dict[str, str] = {}

    async def get_or_load(self, key: str) -> str:
        if key not in self.values:
            # Between the check and the store, another caller can miss too.
            self.values[key] = await self.loader.load(key)
        return self.values[key]


class FixedCache(BuggyCache):
    def __init__(self, loader: Loader) -> None:
        super().__init__(loader)
        self.locks: dict[str, asyncio.Lock] = {}

    async def get_or_load(self, key: str) -> str:
        async with self.locks.setdefault(key, asyncio.Lock()):
            if key not in self.values:
                self.values[key] = await self.loader.load(key)
        return self.values[key]


def scenario(cache_class: type[BuggyCache]) -> Callable[[], Awaitable[None]]:
    """Two requests read the same key; the second one checks a token first."""

    async def two_requests() -> None:
        loader = fakes.async_double(Loader, name="loader")
        loader.load.returns("Ada")
        auth = fakes.async_double(Auth, name="auth")
        cache = cache_class(loader)

        async def request(user: str) -> str:
            await auth.check(user)
            return await cache.get_or_load("user:1")

        names = await asyncio.gather(cache.get_or_load("user:1"), request("bob"))

        assert names == ["Ada", "Ada"]
        loader.load.assert_awaited_once_with("user:1")

    return two_requests


def main() -> None:
    # With doubles that answer at once, both versions pass.
    for cache_class in (BuggyCache, FixedCache):
        with fakes.Ledger():
            asyncio.run(scenario(cache_class)())

    for strategy in ("random", "pct", "exhaustive"):
        explored = fakes.explore(seed=1, strategy=strategy)
        try:
            explored(scenario(BuggyCache))()
        except fakes.errors.InterleavingError as error:
            print(str(error).splitlines()[0], "token", error.token)
        else:
            raise AssertionError(f"{strategy}: the buggy cache should fail")
        print(explored(scenario(FixedCache))())


if __name__ == "__main__":
    main()
