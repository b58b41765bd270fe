"""A race made deterministic with a gate: a stale reply must not win."""

from __future__ import annotations

import asyncio

import fakes


class Prices:
    async def latest(self, symbol: str) -> float:
        raise NotImplementedError("talks to the market feed")


class Ticker:
    """Shows the price of the newest request, dropping replies that come late."""

    def __init__(self, prices: Prices) -> None:
        self.prices = prices
        self.shown: float | None = None
        self._sent = 0

    async def refresh(self, symbol: str) -> None:
        self._sent += 1
        request = self._sent
        price = await self.prices.latest(symbol)
        if request == self._sent:
            self.shown = price


async def main() -> None:
    prices = fakes.async_double(Prices)
    gate = prices.latest.gate()
    ticker = Ticker(prices)

    older = asyncio.ensure_future(ticker.refresh("ACME"))
    await gate.wait_entered(1)
    newer = asyncio.ensure_future(ticker.refresh("ACME"))
    await gate.wait_entered(2)

    gate.held[1].release(101.0)  # the newer request answers first
    await newer
    gate.release(99.0)  # the older one comes back late
    await older

    assert ticker.shown == 101.0
    assert gate.problems() == []
    print(fakes.timeline())


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
