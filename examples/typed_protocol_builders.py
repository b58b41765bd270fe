"""The builders fakes.on() gives for members, rules and protocol doubles.

``fakes.on(x)`` picks its builder from what ``x`` is, and each builder is
typed from the spec, so mypy and pyright check what the test configures:

* an async member gives an ``AsyncMemberBuilder``; its ``when(...)`` gives
  a ``RuleBuilder`` for the calls with those arguments;
* a double of an async context manager gives an ``AsyncContextBuilder``
  (``enters``), of an async iterable an ``AsyncIterableBuilder``
  (``yields``), and of a class that is both an ``AsyncIterContextBuilder``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import fakes


class Quotes:
    async def price(self, symbol: str) -> float:
        raise NotImplementedError("talks to the exchange")


class Transaction:
    async def __aenter__(self) -> Transaction:
        raise NotImplementedError("begins a database transaction")

    async def __aexit__(self, *exc_info: object) -> None:
        raise NotImplementedError

    async def record(self, symbol: str, price: float) -> None:
        raise NotImplementedError


class Ticks:
    def __aiter__(self) -> AsyncIterator[str]:
        raise NotImplementedError("subscribes to the feed")


class Stream:
    def __aiter__(self) -> AsyncIterator[str]:
        raise NotImplementedError("reads the socket")

    async def __aenter__(self) -> Stream:
        raise NotImplementedError("opens the socket")

    async def __aexit__(self, *exc_info: object) -> None:
        raise NotImplementedError


async def record_ticks(ticks: Ticks, quotes: Quotes, tx: Transaction) -> int:
    """Record the price of every symbol the feed announces, in one transaction."""
    count = 0
    async with tx as open_tx:
        async for symbol in ticks:
            await open_tx.record(symbol, await quotes.price(symbol))
            count += 1
    return count


async def first_symbols(stream: Stream, limit: int) -> list[str]:
    async with stream as opened:
        return [symbol async for symbol in opened][:limit]


async def main() -> None:
    quotes = fakes.async_double(Quotes, name="quotes")
    price = fakes.on(quotes.price)
    assert isinstance(price, fakes.AsyncMemberBuilder)
    rule = price.when("ACME")
    rule.returns(101.5)  # checked: a float, as price returns
    price.when("INIT").raises(KeyError("INIT"))

    tx = fakes.async_double(Transaction, name="tx")
    transaction = fakes.on(tx).enters(tx)
    assert isinstance(transaction, fakes.AsyncContextBuilder)

    ticks = fakes.async_double(Ticks, name="ticks")
    feed = fakes.on(ticks).yields("ACME", "ACME")  # checked: str items
    assert isinstance(feed, fakes.AsyncIterableBuilder)

    assert await record_ticks(ticks, quotes, tx) == 2
    transaction.assert_exited_cleanly()
    fakes.on(tx.record).assert_awaited_with("ACME", 101.5)

    stream = fakes.async_double(Stream, name="stream")
    both = fakes.on(stream).enters(stream).yields("ACME", "INIT", "WIDG")
    assert isinstance(both, fakes.AsyncIterContextBuilder)
    assert await first_symbols(stream, 2) == ["ACME", "INIT"]
    print(fakes.timeline())


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
