"""Code both type checkers must accept: awaitable doubles that are not calls.

Checked by ``mypy`` and ``basedpyright`` (see pyproject.toml); run as a
program by tests/test_typing.py, so every line here also works at run time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Generator
from typing import Any

from typing_extensions import assert_type

import fakes


class Reply:
    async def text(self) -> str:
        raise NotImplementedError


class Call:
    def __await__(self) -> Generator[Any, None, Reply]:
        raise NotImplementedError
        yield


class Stub:
    def get(self, key: str) -> Call:
        raise NotImplementedError

    def ping(self) -> Awaitable[int]:
        raise NotImplementedError

    @property
    async def ready(self) -> bool:
        raise NotImplementedError


async def main() -> None:
    stub = fakes.async_double(Stub)
    call = fakes.async_double(Call)
    reply = fakes.async_double(Reply)

    # 1. A call object's double: what awaiting it gives is typed.
    assert_type(fakes.on(call), fakes.AwaitableBuilder[Reply])
    fakes.on(call).returns(reply)

    # 2. An async property: the builder takes the awaited type.
    fakes.on(stub.ready).returns(True).script(False, True)

    # 3. A method returning an awaitable is configured as an async member.
    fakes.on(stub.ping).returns(3)

    assert await call is reply
    assert await stub.ready is False
    assert await stub.ping() == 3


if __name__ == "__main__":
    asyncio.run(main())
