"""A unit of work tested with async-context-manager doubles."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import fakes


class Session:
    async def execute(self, sql: str) -> None:
        raise NotImplementedError


class Database:
    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Session]:
        yield Session()  # talks to the database


async def rename(db: Database, user_id: int, name: str) -> bool:
    try:
        async with db.transaction() as session:
            await session.execute(
                f"UPDATE users SET name = '{name}' WHERE id = {user_id}"
            )
            if not name:
                raise ValueError("empty name")
    except ValueError:
        return False
    return True


async def main() -> None:
    db = fakes.async_double(Database)

    assert await rename(db, 1, "ada") is True
    db.transaction.assert_entered_once()
    db.transaction.assert_exited_cleanly()

    assert await rename(db, 1, "") is False
    db.transaction.assert_exited_with(ValueError)  # the block's error reached __aexit__

    db.transaction.enters(enter_raises=ConnectionError("pool exhausted"))
    try:
        await rename(db, 1, "bob")
    except ConnectionError:
        pass
    else:
        raise AssertionError("expected ConnectionError")

    lock = fakes.async_context(name="lock")
    async with lock:
        pass
    lock.assert_entered_once()
    print(fakes.timeline())


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
