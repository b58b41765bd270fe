"""A timeout around a call that never answers, tested without waiting.

``wait_for(..., 5)`` gives up at loop time 5; under virtual time the loop
jumps there as soon as nothing else can run.
"""

from __future__ import annotations

import asyncio

import fakes


class Inventory:
    async def count(self, sku: str) -> int:
        raise NotImplementedError("talks to a remote service")


async def count_or_none(inventory: Inventory, sku: str) -> int | None:
    """Ask the inventory, but give up after 5 seconds."""
    try:
        return await asyncio.wait_for(inventory.count(sku), timeout=5)
    except asyncio.TimeoutError:
        return None


async def main() -> None:
    inventory = fakes.async_double(Inventory)

    async def never_answers(sku: str) -> int:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    inventory.count.side_effect = never_answers

    with fakes.Ledger() as ledger:
        async with fakes.virtual_time() as clock:
            result = await count_or_none(inventory, "A-1")

    assert result is None
    assert clock.elapsed == 5
    assert [event.kind for event in ledger] == ["called", "started", "cancelled"]
    print(f"gave up after {clock.elapsed} s of loop time")


if __name__ == "__main__":
    asyncio.run(main())
