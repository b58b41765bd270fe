"""A rate limiter tested for the exact times at which it lets calls through.

The limiter allows ``rate`` calls per second, evenly spaced. Ten calls at
two per second must start at 0, 0.5, 1.0, ... 4.5 seconds of loop time.
"""

from __future__ import annotations

import asyncio

import fakes


class RateLimiter:
    """Let at most ``rate`` calls a second through, evenly spaced."""

    def __init__(self, rate: float) -> None:
        self._interval = 1.0 / rate
        self._next = -float("inf")
        self._lock = asyncio.Lock()

    async def __aenter__(self) -> None:
        async with self._lock:
            loop = asyncio.get_running_loop()
            now = loop.time()
            if self._next > now:
                await asyncio.sleep(self._next - now)
                now = self._next
            self._next = now + self._interval

    async def __aexit__(self, *exc_info: object) -> None:
        return None


class Api:
    async def send(self, number: int) -> None:
        raise NotImplementedError("talks to a remote API")


async def send_all(api: Api, limiter: RateLimiter, count: int) -> None:
    async def one(number: int) -> None:
        async with limiter:
            await api.send(number)

    await asyncio.gather(*(one(number) for number in range(count)))


async def main() -> None:
    api = fakes.async_double(Api)

    with fakes.Ledger() as ledger:
        async with fakes.virtual_time() as clock:
            start = clock.now
            await send_all(api, RateLimiter(rate=2), 10)

    starts = [event.time - start for event in ledger.events("started")]
    assert starts == [n * 0.5 for n in range(10)], starts
    assert clock.elapsed == 4.5
    print("calls started at", starts)


if __name__ == "__main__":
    asyncio.run(main())
