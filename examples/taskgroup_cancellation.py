"""One failing request cancels its siblings (asyncio.TaskGroup, 3.11+).

On Python 3.10, which has no TaskGroup, the example does the same by hand
with ``asyncio.wait(..., return_when=FIRST_EXCEPTION)`` and cancels the rest.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import fakes


class Inventory:
    async def reserve(self, sku: str) -> None:
        raise NotImplementedError("HTTP")


class Payments:
    async def charge(self, cents: int) -> str:
        raise NotImplementedError("HTTP")


async def checkout(inventory: Inventory, payments: Payments) -> None:
    """Reserve two items and charge at the same time; any failure stops all."""
    calls: list[Any] = [
        inventory.reserve("book"),
        inventory.reserve("lamp"),
        payments.charge(4200),
    ]
    if sys.version_info >= (3, 11):
        async with asyncio.TaskGroup() as group:
            for call in calls:
                group.create_task(call)
        return
    tasks = [asyncio.ensure_future(call) for call in calls]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for task in done:
        task.result()


async def main() -> None:
    inventory = fakes.async_double(Inventory)
    payments = fakes.async_double(Payments)
    both_reserving = asyncio.Event()
    reserving = []

    async def reserve(sku: str) -> None:
        reserving.append(sku)
        if len(reserving) == 2:
            both_reserving.set()
        await asyncio.Event().wait()  # slow: only a cancellation ends it

    async def charge(cents: int) -> str:
        await both_reserving.wait()
        raise ConnectionError("card network down")

    inventory.reserve.side_effect = reserve
    payments.charge.side_effect = charge

    try:
        await checkout(inventory, payments)
    except BaseException as error:  # ExceptionGroup on 3.11+
        print("checkout failed:", repr(error))
    else:
        raise AssertionError("checkout should have failed")

    fakes.assert_cancelled(
        fakes.awaited(inventory.reserve, "book"),
        fakes.awaited(inventory.reserve, "lamp"),
    )
    fakes.assert_awaited_concurrently(
        inventory.reserve, inventory.reserve, payments.charge
    )
    fakes.assert_completed_in_order(
        payments.charge, inventory.reserve, inventory.reserve
    )
    fakes.verify()
    print(fakes.timeline())


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
