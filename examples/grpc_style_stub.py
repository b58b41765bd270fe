"""A gRPC-style stub: a sync method returns a call object that is awaited.

``stub.GetUser(request)`` in gRPC's asyncio API is not ``async def``: it
returns a call object with ``__await__``. The double's member is awaitable
all the same, configured with ``returns()`` and ``when()``; a double of the
call object itself is awaitable too, and an async property is awaited.
"""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from typing import Any

import fakes


class UserReply:
    name: str


class UnaryCall:
    """Awaiting the call gives the reply."""

    def __await__(self) -> Generator[Any, None, UserReply]:
        raise NotImplementedError
        yield

    def cancel(self) -> bool:
        raise NotImplementedError


class UserStub:
    # Generated stubs name their methods after the service's RPCs.
    def GetUser(  # noqa: N802
        self, user_id: int, *, timeout: float | None = None
    ) -> UnaryCall:
        raise NotImplementedError


class Channel:
    @property
    async def ready(self) -> bool:
        raise NotImplementedError


async def names(channel: Channel, stub: UserStub, ids: list[int]) -> list[str]:
    if not await channel.ready:
        return []
    replies = [await stub.GetUser(user_id, timeout=1.0) for user_id in ids]
    return [reply.name for reply in replies]


async def first_reply(call: UnaryCall) -> UserReply:
    return await call


async def main() -> None:
    channel = fakes.async_double(Channel, name="channel")
    stub = fakes.async_double(UserStub, name="stub")
    channel.ready.returns(True)
    stub.GetUser.when(1, timeout=1.0).returns(fakes.async_double(UserReply))
    stub.GetUser.when(2, timeout=1.0).raises(TimeoutError("deadline exceeded"))

    try:
        await names(channel, stub, [1, 2])
    except TimeoutError as error:
        print("failed:", error)
    stub.GetUser.assert_awaited_with(2, timeout=1.0)
    fakes.assert_awaited_in_order(channel.ready, stub.GetUser)

    # A double of the call object: awaiting it is recorded and configured.
    call = fakes.async_double(UnaryCall, name="call")
    reply = await first_reply(call)  # unconfigured: a UserReply double
    assert isinstance(reply, UserReply)
    call.raises(ConnectionError("unavailable"))
    try:
        await first_reply(call)
    except ConnectionError:
        pass
    else:
        raise AssertionError("expected ConnectionError")
    print(fakes.timeline())


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
