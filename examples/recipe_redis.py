"""Faking redis.asyncio: commands, a pipeline and pub/sub.

redis-py annotates its commands ``T | Awaitable[T]`` (one class serves the
sync and the async client): on a double of ``redis.asyncio.Redis`` they are
awaited and give ``T``, and on a ``Pipeline`` double they may be called
without ``await`` too, as a pipeline buffers them. ``pipeline()`` is entered
(``enters()``) and ``PubSub.listen()`` is an async iterator (``yields()``).
Every double is spec'd from redis's own classes; nothing connects anywhere.
"""

from __future__ import annotations

import asyncio
from typing import Any

import redis.asyncio as redis
from redis.asyncio.client import Pipeline, PubSub

import fakes

# The application under test.


class RateLimiter:
    def __init__(self, client: redis.Redis, limit: int) -> None:
        self._client = client
        self._limit = limit

    async def allow(self, user: str) -> bool:
        if await self._client.get(f"banned:{user}") is not None:
            return False
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.incr(f"hits:{user}")
            pipe.expire(f"hits:{user}", 60)
            hits, _ = await pipe.execute()
        return int(hits) <= self._limit


async def collect_alerts(client: redis.Redis, count: int) -> list[bytes]:
    pubsub = client.pubsub()
    await pubsub.subscribe("alerts")
    alerts = []
    try:
        async for message in pubsub.listen():
            if message["type"] == "message":
                alerts.append(message["data"])
                if len(alerts) == count:
                    break
    finally:
        await pubsub.unsubscribe("alerts")
        await pubsub.aclose()
    return alerts


# The tests.


async def allow_counts_hits_in_one_transaction() -> None:
    client = fakes.async_double(redis.Redis, name="redis")
    client.get.returns(None)
    pipe = fakes.async_double(Pipeline, name="pipe")
    pipe.execute.returns([3, True])
    client.pipeline.enters(pipe)

    assert await RateLimiter(client, limit=5).allow("ada")

    client.get.assert_awaited_once_with("banned:ada")
    client.pipeline.assert_called_once_with(transaction=True)
    pipe.incr.assert_called_once_with("hits:ada")
    pipe.expire.assert_called_once_with("hits:ada", 60)
    pipe.execute.assert_awaited_once_with()
    client.pipeline.assert_exited_cleanly()
    # The buffered commands are not calls that someone forgot to await.
    fakes.assert_all_awaited()


async def allow_refuses_over_the_limit() -> None:
    client = fakes.async_double(redis.Redis, name="redis")
    client.get.returns(None)
    pipe = fakes.async_double(Pipeline, name="pipe")
    pipe.execute.returns([6, True])
    client.pipeline.enters(pipe)

    assert not await RateLimiter(client, limit=5).allow("ada")


async def allow_refuses_a_banned_user_without_counting() -> None:
    client = fakes.async_double(redis.Redis, name="redis")
    fakes.on(client.get).when("banned:eve").returns(b"1")

    assert not await RateLimiter(client, limit=5).allow("eve")

    client.pipeline.assert_not_called()


async def collect_alerts_reads_messages_and_unsubscribes() -> None:
    client = fakes.async_double(redis.Redis, name="redis")
    pubsub = fakes.async_double(PubSub, name="pubsub")
    messages: list[dict[str, Any]] = [
        {"type": "subscribe", "channel": b"alerts", "data": 1},
        {"type": "message", "channel": b"alerts", "data": b"disk full"},
        {"type": "message", "channel": b"alerts", "data": b"cpu hot"},
        {"type": "message", "channel": b"alerts", "data": b"never read"},
    ]
    pubsub.listen.yields(*messages)
    client.pubsub.returns(pubsub)

    alerts = await collect_alerts(client, count=2)

    assert alerts == [b"disk full", b"cpu hot"]
    fakes.assert_awaited_in_order(
        fakes.awaited(pubsub.subscribe, "alerts"),
        fakes.awaited(pubsub.unsubscribe, "alerts"),
        pubsub.aclose,
    )
    pubsub.listen.assert_consumed(3)
    pubsub.listen.assert_closed()


async def main() -> None:
    with fakes.Ledger():
        await allow_counts_hits_in_one_transaction()
        await allow_refuses_over_the_limit()
        await allow_refuses_a_banned_user_without_counting()
        await collect_alerts_reads_messages_and_unsubscribes()
    print("ok: redis commands, pipeline and pub/sub")


if __name__ == "__main__":
    asyncio.run(main())
