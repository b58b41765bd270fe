"""fakes.SyncDouble for MagicMock: sync calls land in the ledger with the awaits."""

from __future__ import annotations

import asyncio
from unittest import mock

import fakes


class Cache:
    def get(self, key: str) -> str | None:
        raise NotImplementedError("talks to memcached")

    def set(self, key: str, value: str) -> None:
        raise NotImplementedError("talks to memcached")


class Profiles:
    async def load(self, user: str) -> str:
        raise NotImplementedError("talks to the profile service")


async def profile(user: str, cache: Cache, profiles: Profiles) -> str:
    """Read through the cache: load and store on a miss."""
    cached = cache.get(user)
    if cached is not None:
        return cached
    loaded = await profiles.load(user)
    cache.set(user, loaded)
    return loaded


async def main() -> None:
    # Was: cache = mock.MagicMock(spec=Cache)
    cache = fakes.SyncDouble(spec=Cache, name="cache")
    cache.get.return_value = None
    profiles = fakes.async_double(Profiles, name="profiles")
    profiles.load.returns("Ada Lovelace")

    assert await profile("ada", cache, profiles) == "Ada Lovelace"

    cache.set.assert_called_once_with("ada", "Ada Lovelace")
    assert isinstance(cache, mock.MagicMock)
    # The sync calls are recorded with the awaits, so their order is checked too.
    fakes.assert_called_in_order(cache.get, profiles.load, cache.set)
    print(fakes.timeline())


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
