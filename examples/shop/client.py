"""The client of the inventory service (it would talk to the network)."""

from __future__ import annotations


class InventoryClient:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    async def stock(self, sku: str) -> int:
        raise NotImplementedError("talks to the inventory service")

    async def reserve(self, sku: str, quantity: int) -> str:
        raise NotImplementedError("talks to the inventory service")

    async def close(self) -> None:
        raise NotImplementedError("talks to the inventory service")
