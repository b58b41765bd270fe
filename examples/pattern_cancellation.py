"""A task cancelled in the middle of an await must still clean up.

A report holds a database connection while a query runs. When the report
is cancelled (a user closed the page, a timeout fired), the query must be
cancelled and the connection closed. A gate holds the query, so the test
cancels the task exactly while the query is in flight, without sleeping.
"""

from __future__ import annotations

import asyncio

import fakes


class Connection:
    async def query(self, sql: str) -> list[tuple[object, ...]]:
        raise NotImplementedError("talks to the database")

    async def close(self) -> None:
        raise NotImplementedError("talks to the database")


async def monthly_report(conn: Connection) -> list[tuple[object, ...]]:
    try:
        return await conn.query("SELECT month, total FROM sales")
    finally:
        await conn.close()


async def main() -> None:
    conn = fakes.async_double(Connection)
    gate = conn.query.gate()

    task = asyncio.ensure_future(monthly_report(conn))
    await gate.wait_entered(1)  # the query is in flight, and held
    task.cancel()

    try:
        await task
    except asyncio.CancelledError:
        pass
    else:
        raise AssertionError("the report should have been cancelled")

    fakes.assert_cancelled(conn.query)  # the query saw the cancellation
    conn.close.assert_awaited_once_with()  # and the cleanup ran
    fakes.assert_completed_in_order(conn.query, conn.close, strict=True)
    assert gate.held == []  # the cancelled await left the gate
    fakes.verify()
    print(fakes.timeline())


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
