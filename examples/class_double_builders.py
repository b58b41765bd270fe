"""fakes.on() of class doubles: configure what constructing the class gives.

Code that builds its own collaborators (``Client(url)``, ``async with
Session()``, ``async for row in Cursor(query)``) is tested by patching the
class with a class double, ``fakes.async_double(C, instance=False)``. What
the class is says which builder ``fakes.on`` gives for it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from unittest import mock

import fakes


class Client:
    def __init__(self, url: str) -> None:
        raise NotImplementedError("opens a connection pool")

    async def get(self, path: str) -> bytes:
        raise NotImplementedError


class Session:
    async def __aenter__(self) -> Session:
        raise NotImplementedError("logs in")

    async def __aexit__(self, *exc_info: object) -> None:
        raise NotImplementedError

    async def fetch(self, key: str) -> str:
        raise NotImplementedError


class Cursor:
    def __init__(self, query: str) -> None:
        raise NotImplementedError("runs the query")

    def __aiter__(self) -> AsyncIterator[int]:
        return self

    async def __anext__(self) -> int:
        raise NotImplementedError


async def homepage(url: str) -> bytes:
    return await Client(url).get("/")


async def session_value(key: str) -> str:
    async with Session() as session:
        return await session.fetch(key)


async def total(query: str) -> int:
    return sum([row async for row in Cursor(query)])


async def main() -> None:
    client_cls = fakes.async_double(Client, instance=False)
    client = fakes.async_double(Client, name="client")
    fakes.on(client.get).returns(b"<html>")
    # A plain class: a MemberBuilder of the constructor, its arguments
    # checked against __init__.
    constructor = fakes.on(client_cls).returns(client)
    assert isinstance(constructor, fakes.MemberBuilder)

    session_cls = fakes.async_double(Session, instance=False)
    session = fakes.async_double(Session, name="session")
    fakes.on(session.fetch).returns("blue")
    # A class whose instances are async context managers: enters() says
    # what `async with Session()` gives.
    entered = fakes.on(session_cls).enters(session)
    assert isinstance(entered, fakes.AsyncContextMemberBuilder)

    cursor_cls = fakes.async_double(Cursor, instance=False)
    # A class whose instances iterate over themselves: yields() says what
    # `async for row in Cursor(...)` gives.
    rows = fakes.on(cursor_cls).yields(3, 4, 5)
    assert isinstance(rows, fakes.AsyncIterMemberBuilder)

    with (
        mock.patch(f"{__name__}.Client", client_cls),
        mock.patch(f"{__name__}.Session", session_cls),
        mock.patch(f"{__name__}.Cursor", cursor_cls),
    ):
        assert await homepage("https://example.test") == b"<html>"
        assert await session_value("colour") == "blue"
        assert await total("select n") == 12

    constructor.assert_called_once_with("https://example.test")
    entered.assert_exited_cleanly()
    rows.assert_exhausted()
    print(fakes.timeline())


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
