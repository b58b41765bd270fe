"""A typed test module: doubles annotated as their real classes, no ignores.

Every double here is typed as the class it stands in for and is passed where
that class is expected; every configuration goes through ``fakes.on``, so
mypy --strict and pyright (strict) check the test as they check the code.
``nox -s types`` type-checks this file; ``examples/run_all.py`` runs it.
"""

# pyright: strict

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import fakes


@dataclass
class Order:
    order_id: int
    total: int


class Session:
    async def execute(self, query: str, *values: object) -> int:
        raise NotImplementedError("talks to a database")


class Database:
    @asynccontextmanager
    async def transaction(self) -> AsyncGenerator[Session, None]:
        raise NotImplementedError("talks to a database")
        yield Session()


class Orders:
    async def get(self, order_id: int, *, fresh: bool = False) -> Order:
        raise NotImplementedError("talks to a database")

    async def pending(self, limit: int) -> AsyncIterator[Order]:
        raise NotImplementedError("talks to a database")
        yield Order(0, 0)


class Payments:
    async def charge(self, order_id: int, amount: int) -> str:
        raise NotImplementedError("talks to a payment provider")


class Audit:
    def record(self, event: str) -> None:
        raise NotImplementedError("writes a log")


class Billing:
    """The code under test: charges every pending order in a transaction."""

    def __init__(
        self, orders: Orders, payments: Payments, db: Database, audit: Audit
    ) -> None:
        self.orders = orders
        self.payments = payments
        self.db = db
        self.audit = audit

    async def charge_pending(self, limit: int) -> list[str]:
        receipts: list[str] = []
        async with self.db.transaction() as session:
            async for order in self.orders.pending(limit):
                current = await self.orders.get(order.order_id, fresh=True)
                try:
                    receipt = await self.payments.charge(
                        current.order_id, current.total
                    )
                except TimeoutError:
                    self.audit.record(f"timeout {current.order_id}")
                    continue
                await session.execute(
                    "update orders set paid = 1 where id = ?", current.order_id
                )
                receipts.append(receipt)
        self.audit.record(f"charged {len(receipts)}")
        return receipts


def make_billing() -> tuple[Billing, Orders, Payments, Session, Audit]:
    orders: Orders = fakes.async_double(Orders)
    payments: Payments = fakes.async_double(Payments)
    db: Database = fakes.async_double(Database)
    audit: Audit = fakes.async_double(Audit)
    session: Session = fakes.async_double(Session)
    fakes.on(db.transaction).enters(session)
    fakes.on(session.execute).returns(1)
    return Billing(orders, payments, db, audit), orders, payments, session, audit


async def test_charges_every_pending_order() -> None:
    billing, orders, payments, session, audit = make_billing()
    fakes.on(orders.pending).yields(Order(1, 10), Order(2, 20))
    fakes.on(orders.get).answers(
        lambda order_id, *, fresh=False: Order(order_id, order_id * 10)
    )
    fakes.on(payments.charge).answers(
        lambda order_id, amount: f"receipt {order_id}: {amount}"
    )

    receipts = await billing.charge_pending(limit=10)

    assert receipts == ["receipt 1: 10", "receipt 2: 20"]
    fakes.on(orders.pending).assert_exhausted()
    fakes.on(orders.get).assert_any_await(2, fresh=True)
    assert fakes.on(session.execute).await_count == 2
    fakes.on(audit.record).assert_called_once_with("charged 2")


async def test_a_timeout_skips_the_order() -> None:
    billing, orders, payments, _, audit = make_billing()
    fakes.on(orders.pending).yields(Order(1, 10), Order(2, 20))
    fakes.on(orders.get).script(Order(1, 10), Order(2, 20))
    fakes.on(payments.charge).script(
        TimeoutError(), fakes.delay(0.01, "receipt 2"), fakes.repeat_last()
    )

    receipts = await billing.charge_pending(limit=10)

    assert receipts == ["receipt 2"]
    fakes.on(audit.record).assert_any_call("timeout 1")
    # The sync audit call came after the await that timed out.
    fakes.assert_called_in_order(
        fakes.awaited(payments.charge, 1, 10), fakes.called(audit.record, "timeout 1")
    )


async def test_charges_wait_for_the_provider() -> None:
    billing, orders, payments, _, _ = make_billing()
    fakes.on(orders.pending).yields(Order(1, 10))
    fakes.on(orders.get).returns(Order(1, 10))
    fakes.on(payments.charge).returns("receipt 1")
    gate = fakes.on(payments.charge).gate()

    task = asyncio.ensure_future(billing.charge_pending(limit=1))
    await gate.wait_entered(1)
    assert [held.args for held in gate.held] == [(1, 10)]
    gate.release_all()

    assert await task == ["receipt 1"]


async def main() -> None:
    for test in (
        test_charges_every_pending_order,
        test_a_timeout_skips_the_order,
        test_charges_wait_for_the_provider,
    ):
        with fakes.Ledger():
            await test()
        print(f"ok  {test.__name__}")


if __name__ == "__main__":
    asyncio.run(main())
