"""The code under test: places an order through the inventory client."""

from __future__ import annotations

from shop.client import InventoryClient

INVENTORY_URL = "https://inventory.shop.test"


class OutOfStockError(Exception):
    pass


async def place_order(sku: str, quantity: int) -> dict[str, object]:
    client = InventoryClient(INVENTORY_URL)
    try:
        available = await client.stock(sku)
        if available < quantity:
            raise OutOfStockError(sku)
        reservation = await client.reserve(sku, quantity)
    finally:
        await client.close()
    return {"sku": sku, "quantity": quantity, "reservation": reservation}
