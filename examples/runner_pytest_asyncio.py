"""pytest-asyncio: each test gets a fresh ledger from the fakes plugin.

Run the tests with ``pytest examples/runner_pytest_asyncio.py``; run this file
as a script to have it run pytest on itself in strict mode.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import fakes


class Cache:
    async def get(self, key: str) -> bytes | None:
        raise NotImplementedError


async def cached_fetch(cache: Cache, key: str) -> bytes:
    value = await cache.get(key)
    return value if value is not None else b"fresh"


@pytest.mark.asyncio
async def test_hit_reads_cache_once(fakes_ledger: fakes.Ledger) -> None:
    cache = fakes.async_double(Cache)
    cache.get.returns(b"cached")

    assert await cached_fetch(cache, "k") == b"cached"

    assert [event.kind for event in fakes_ledger] == ["called", "started", "returned"]


@pytest.mark.asyncio
async def test_miss_falls_back(fakes_ledger: fakes.Ledger) -> None:
    cache = fakes.async_double(Cache)
    cache.get.returns(None)

    assert await cached_fetch(cache, "k") == b"fresh"

    assert len(fakes_ledger.events("started")) == 1


if __name__ == "__main__":
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    command += ["-p", "asyncio", "--asyncio-mode=strict", __file__]
    assert subprocess.run(command, check=False).returncode == 0
