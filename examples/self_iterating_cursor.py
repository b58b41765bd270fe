"""A double of a class that is its own async iterator: ``cursor.yields(...)``.

A database cursor's ``__aiter__`` returns the cursor and its ``__anext__``
fetches the next row. Its double iterates over itself too: ``yields()`` says
which rows ``async for`` gets, and without it the loop ends at once.
"""

from __future__ import annotations

import asyncio

import fakes


class Cursor:
    def __aiter__(self) -> Cursor:
        return self

    async def __anext__(self) -> dict[str, int]:
        raise StopAsyncIteration  # fetches a row from the server

    async def close(self) -> None: ...


class Database:
    async def cursor(self, query: str) -> Cursor:
        raise NotImplementedError


async def total(db: Database) -> int:
    cursor = await db.cursor("select amount from payments")
    try:
        return sum([row["amount"] async for row in cursor])
    finally:
        await cursor.close()


async def main() -> None:
    db = fakes.async_double(Database, name="db")

    # Unconfigured, the cursor the annotation names iterates over nothing.
    assert await total(db) == 0

    cursor = fakes.async_double(Cursor, name="cursor")
    cursor.yields({"amount": 2}, {"amount": 3}, raises=ConnectionError("lost"))
    db.cursor.returns(cursor)
    try:
        await total(db)
    except ConnectionError:
        pass
    else:
        raise AssertionError("expected ConnectionError")
    cursor.assert_consumed(2)
    cursor.close.assert_awaited_once()

    cursor.yields({"amount": 4})  # a later yields() starts over
    assert await total(db) == 4
    cursor.assert_exhausted()
    print(fakes.timeline())


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
