"""A client that retries with exponential backoff, tested for its exact schedule.

The backoff waits 1, 2, 4 and 8 seconds; under virtual time the test takes
no wall time, and the ledger's loop times show the schedule exactly.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable

import fakes


async def fetch_with_backoff(
    fetch: Callable[[], Awaitable[str]], *, attempts: int = 5, base: float = 1.0
) -> str:
    """Await ``fetch()``; after a ConnectionError wait base, 2*base, 4*base, ..."""
    for attempt in range(attempts):
        try:
            return await fetch()
        except ConnectionError:
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(base * 2**attempt)
    raise AssertionError("attempts must be at least 1")


async def main() -> None:
    fetch = fakes.async_double(name="fetch")
    fetch.side_effect = [ConnectionError("down")] * 4 + ["payload"]

    with fakes.Ledger() as ledger:
        async with fakes.virtual_time() as clock:
            result = await fetch_with_backoff(fetch)

    times = [event.time for event in ledger.events("started")]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert result == "payload"
    assert gaps == [1, 2, 4, 8], gaps
    assert clock.elapsed == 15
    print(f"retried after {gaps} seconds of loop time, {clock.elapsed} s in all")


if __name__ == "__main__":
    asyncio.run(main())
