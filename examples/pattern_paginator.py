"""A paginator over a cursor API, and the code that consumes it.

``Pages`` turns ``Api.page(cursor)`` into an ``async for`` over the items.
Its test scripts the pages; a paginator that asks for one page too many
fails with ``ScriptExhaustedError``. With a stdlib ``side_effect`` list, the
extra call would raise ``StopAsyncIteration`` inside ``__anext__``, which
ends the caller's ``async for`` quietly: only ``fakes.verify()`` notices.

The consumer is tested against an async-generator member configured with
``yields()``, including a stream that breaks halfway.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import fakes
from fakes.errors import ScriptExhaustedError, VerificationError


class Api:
    async def page(self, cursor: str | None) -> tuple[list[int], str | None]:
        raise NotImplementedError("HTTP")


class Pages:
    """Every item of every page, following the cursors."""

    def __init__(self, api: Api, *, stop_on_empty: bool = False) -> None:
        self.api = api
        self.items: list[int] = []
        self.cursor: str | None = None
        self.done = False
        self.stop_on_empty = stop_on_empty  # the bug: stop on an empty page only

    def __aiter__(self) -> Pages:
        return self

    async def __anext__(self) -> int:
        while not self.items:
            if self.done:
                raise StopAsyncIteration
            items, self.cursor = await self.api.page(self.cursor)
            self.items = list(items)  # a copy: the page belongs to the caller
            if self.stop_on_empty:
                self.done = not self.items
            else:
                self.done = self.cursor is None
        return self.items.pop(0)


class Directory:
    async def users(self, team: str) -> AsyncIterator[str]:
        yield ""  # streams from the directory service


async def team_size(directory: Directory, team: str) -> int | None:
    """Count the members of a team; None when the stream breaks."""
    count = 0
    try:
        async for _ in directory.users(team):
            count += 1
    except ConnectionError:
        return None
    return count


async def paginator() -> None:
    api = fakes.async_double(Api)
    api.page.script(([1, 2], "c2"), ([3], None))

    assert [item async for item in Pages(api)] == [1, 2, 3]
    fakes.assert_awaited_in_order(
        fakes.awaited(api.page, None), fakes.awaited(api.page, "c2"), strict=True
    )

    api.page.script(([1, 2], "c2"), ([3], None))
    try:
        _ = [item async for item in Pages(api, stop_on_empty=True)]
    except ScriptExhaustedError as error:
        print(error)  # the paginator asked for a third page
    else:
        raise AssertionError("expected ScriptExhaustedError")


async def stdlib_side_effect() -> None:
    api = fakes.async_double(Api)
    api.page.side_effect = [([1, 2], "c2"), ([3], None)]

    items = [item async for item in Pages(api, stop_on_empty=True)]

    assert items == [1, 2, 3]  # looks right: the extra call ended the loop
    try:
        fakes.verify()
    except VerificationError as error:
        print(error)
    else:
        raise AssertionError("verify() should report the exhausted side_effect")


async def consumer() -> None:
    directory = fakes.async_double(Directory)
    directory.users.yields("ada", "bob", "cid")

    assert await team_size(directory, "core") == 3
    directory.users.assert_exhausted()

    directory.users.yields("ada", raises=ConnectionError("reset"))
    assert await team_size(directory, "core") is None


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(paginator())
    with fakes.Ledger():
        asyncio.run(stdlib_side_effect())
    with fakes.Ledger():
        asyncio.run(consumer())
