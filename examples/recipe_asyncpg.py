"""Faking asyncpg: a pool from ``create_pool``, ``acquire``, transactions, cursors.

asyncpg's ``create_pool`` is a sync function whose result is awaited (or
entered), so it is patched with ``factory=True``. ``Pool.acquire``,
``Connection.transaction`` and ``Connection.cursor`` are plain methods
without return annotations: ``enters()`` and ``yields()`` say what they give.
Every double is spec'd from asyncpg's own classes; nothing connects anywhere.
"""

from __future__ import annotations

import asyncio
from typing import Any
from unittest.mock import ANY

import asyncpg
import pytest

import fakes

# The application under test.


class InsufficientFundsError(Exception):
    pass


class Accounts:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def transfer(self, source: str, target: str, amount: int) -> None:
        async with self._pool.acquire() as conn, conn.transaction():
            balance = await conn.fetchval(
                "SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", source
            )
            if balance < amount:
                raise InsufficientFundsError(source)
            await conn.execute(
                "UPDATE accounts SET balance = balance - $2 WHERE id = $1",
                source,
                amount,
            )
            await conn.execute(
                "UPDATE accounts SET balance = balance + $2 WHERE id = $1",
                target,
                amount,
            )

    async def export(self) -> list[dict[str, Any]]:
        async with self._pool.acquire() as conn, conn.transaction(readonly=True):
            return [
                dict(row)
                async for row in conn.cursor(
                    "SELECT id, balance FROM accounts", prefetch=500
                )
            ]


async def open_accounts(dsn: str) -> Accounts:
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=4)
    return Accounts(pool)


# The tests.


def pool_with(conn: asyncpg.Connection) -> asyncpg.Pool:
    pool = fakes.async_double(asyncpg.Pool, name="pool")
    pool.acquire.enters(conn)
    return pool


async def transfer_moves_the_money_in_one_transaction() -> None:
    conn = fakes.async_double(asyncpg.Connection, name="conn")
    conn.fetchval.returns(100)
    conn.transaction.enters()
    pool = pool_with(conn)

    await Accounts(pool).transfer("alice", "bob", 30)

    conn.transaction.assert_entered_once()
    conn.transaction.assert_exited_cleanly()
    fakes.assert_awaited_in_order(
        fakes.awaited(conn.fetchval, ANY, "alice"),
        fakes.awaited(conn.execute, ANY, "alice", 30),
        fakes.awaited(conn.execute, ANY, "bob", 30),
    )
    pool.acquire.assert_exited_cleanly()


async def transfer_rolls_back_when_funds_are_short() -> None:
    conn = fakes.async_double(asyncpg.Connection, name="conn")
    conn.fetchval.returns(10)
    conn.transaction.enters()
    pool = pool_with(conn)

    with pytest.raises(InsufficientFundsError):
        await Accounts(pool).transfer("alice", "bob", 30)

    # The error left the transaction block, so asyncpg would roll back.
    conn.transaction.assert_exited_with(InsufficientFundsError)
    conn.execute.assert_not_awaited()


async def export_reads_the_cursor_in_a_read_only_transaction() -> None:
    conn = fakes.async_double(asyncpg.Connection, name="conn")
    conn.transaction.enters()
    conn.cursor.yields({"id": "alice", "balance": 70}, {"id": "bob", "balance": 30})
    pool = pool_with(conn)

    rows = await Accounts(pool).export()

    assert rows == [{"id": "alice", "balance": 70}, {"id": "bob", "balance": 30}]
    conn.transaction.assert_called_once_with(readonly=True)
    conn.cursor.assert_called_once_with(
        "SELECT id, balance FROM accounts", prefetch=500
    )
    conn.cursor.assert_exhausted()


async def open_accounts_awaits_the_pool_factory() -> None:
    with fakes.patch_async("asyncpg.create_pool", factory=True) as create_pool:
        pool = fakes.async_double(asyncpg.Pool, name="pool")
        create_pool.enters(pool)

        accounts = await open_accounts("postgres://test")

    assert accounts._pool is pool
    create_pool.assert_called_once_with("postgres://test", min_size=1, max_size=4)


async def main() -> None:
    with fakes.Ledger():
        await transfer_moves_the_money_in_one_transaction()
        await transfer_rolls_back_when_funds_are_short()
        await export_reads_the_cursor_in_a_read_only_transaction()
        await open_accounts_awaits_the_pool_factory()
    print("ok: asyncpg pool, acquire, transactions and cursors")


if __name__ == "__main__":
    asyncio.run(main())
