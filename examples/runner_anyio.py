"""anyio's pytest plugin: the same test on asyncio and on trio.

Run the tests with ``pytest -p anyio examples/runner_anyio.py``; run this
file as a script to have it run pytest on itself.
"""

from __future__ import annotations

import subprocess
import sys

import anyio
import pytest

import fakes


class Feed:
    async def fetch(self, page: int) -> list[str]:
        raise NotImplementedError


async def fetch_two_pages(feed: Feed) -> list[str]:
    results: list[str] = []

    async def one(page: int) -> None:
        results.extend(await feed.fetch(page))

    async with anyio.create_task_group() as group:
        group.start_soon(one, 1)
        group.start_soon(one, 2)
    return sorted(results)


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.anyio
async def test_fetches_both_pages(fakes_ledger: fakes.Ledger) -> None:
    feed = fakes.async_double(Feed)
    feed.fetch.returns(["item"])

    assert await fetch_two_pages(feed) == ["item", "item"]

    started = fakes_ledger.events("started")
    assert sorted(event.args for event in started) == [(1,), (2,)]


if __name__ == "__main__":
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    command += ["-p", "no:asyncio", __file__]
    assert subprocess.run(command, check=False).returncode == 0
