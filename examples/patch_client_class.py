"""Patch the client class that a service uses, with fakes.patch_async.

The service does ``from shop.client import InventoryClient``, so the name to
patch is ``shop.service.InventoryClient``: where the code under test looks
it up. The double is a class double; calling it returns an instance double
whose methods have the real signatures.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

# The example's package lives next to this file; run it from any directory.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from shop import service
from shop.client import InventoryClient

import fakes


async def order_succeeds() -> None:
    async with fakes.patch_async("shop.service.InventoryClient") as client_cls:
        client = client_cls.return_value
        client.stock.returns(5)
        client.reserve.returns("r-1")

        order = await service.place_order("tea", 2)

    assert order == {"sku": "tea", "quantity": 2, "reservation": "r-1"}
    client_cls.assert_called_once_with(service.INVENTORY_URL)
    client.reserve.assert_awaited_once_with("tea", 2)
    client.close.assert_awaited_once_with()
    # The real class is back, by identity.
    assert service.InventoryClient is InventoryClient


@fakes.patch_async("shop.service.InventoryClient")
async def order_out_of_stock(client_cls: object) -> None:
    client = client_cls.return_value  # type: ignore[attr-defined]
    client.stock.returns(1)

    try:
        await service.place_order("tea", 2)
    except service.OutOfStockError:
        pass
    else:
        raise AssertionError("expected OutOfStockError")

    client.reserve.assert_not_awaited()
    client.close.assert_awaited_once_with()
    started = [event.name for event in fakes.current_ledger().events("started")]
    assert started == ["InventoryClient().stock", "InventoryClient().close"], started


async def main() -> None:
    with fakes.Ledger():
        await order_succeeds()
    with fakes.Ledger():
        await order_out_of_stock()
        print(fakes.timeline())
    assert service.InventoryClient is InventoryClient


if __name__ == "__main__":
    asyncio.run(main())
