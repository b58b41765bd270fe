"""A consumer of a message stream: early exit, closing, and a broken stream."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import fakes


class Broker:
    async def messages(self, queue: str) -> AsyncIterator[str]:
        yield ""  # talks to the broker


async def take(broker: Broker, queue: str, count: int) -> list[str]:
    taken: list[str] = []
    async with contextlib.aclosing(broker.messages(queue)) as stream:
        async for message in stream:
            taken.append(message)
            if len(taken) == count:
                break
    return taken


async def drain(broker: Broker, queue: str) -> tuple[list[str], str]:
    seen: list[str] = []
    try:
        async for message in broker.messages(queue):
            seen.append(message)
    except ConnectionError:
        return seen, "reconnect"
    return seen, "done"


async def main() -> None:
    broker = fakes.async_double(Broker)
    broker.messages.yields("a", "b", "c")

    assert await take(broker, "jobs", 2) == ["a", "b"]
    broker.messages.assert_closed()
    broker.messages.assert_consumed(2)

    broker.messages.yields("x", raises=ConnectionError("broker went away"))
    assert await drain(broker, "jobs") == (["x"], "reconnect")

    standalone = fakes.async_iter([1, 2, 3], name="numbers")
    assert [n async for n in standalone] == [1, 2, 3]
    standalone.assert_exhausted()
    print(fakes.timeline())


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
