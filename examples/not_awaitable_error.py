"""fakes.errors.NotAwaitableError: code that awaits what the real object does not give.

``AsyncMock`` lets code await anything, so a test can pass while the real
code would fail with "object int can't be used in 'await' expression". A
spec'd double knows which members are async: awaiting a sync member's
result, a plain attribute, or an async method not called, raises
``NotAwaitableError`` (a ``TypeError``) naming the member and the fix. None
of these looks awaitable to ``inspect.isawaitable``, as on the real object.
"""

from __future__ import annotations

import asyncio
import inspect
from unittest import mock

import fakes


class Limiter:
    limit: int = 10

    def remaining(self, user: str) -> int:
        raise NotImplementedError("reads a local counter: not async")

    async def acquire(self, user: str) -> None:
        raise NotImplementedError


async def buggy_handle(limiter: Limiter, user: str) -> str:
    if await limiter.remaining(user) == 0:  # the bug: remaining() is not async
        return "busy"
    await limiter.acquire(user)
    return "ok"


async def fixed_handle(limiter: Limiter, user: str) -> str:
    if limiter.remaining(user) == 0:
        return "busy"
    await limiter.acquire(user)
    return "ok"


async def main() -> None:
    # A spec-less AsyncMock hides the bug: every member is awaitable.
    assert await buggy_handle(mock.AsyncMock(), "ada") == "ok"

    limiter = fakes.async_double(Limiter, name="limiter")
    try:
        await buggy_handle(limiter, "ada")
    except fakes.errors.NotAwaitableError as error:
        refusal = error
    else:
        raise AssertionError("awaiting a sync member's result went unnoticed")

    assert isinstance(refusal, TypeError)
    print(refusal)

    # The method itself awaited, not its call: the refusal says "call it".
    assert inspect.isawaitable(limiter.acquire) is False
    try:
        await limiter.acquire  # type: ignore[misc]
    except fakes.errors.NotAwaitableError as error:
        print(error)

    limiter.remaining.returns(3)
    assert await fixed_handle(limiter, "ada") == "ok"
    limiter.acquire.assert_awaited_once_with("ada")


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
