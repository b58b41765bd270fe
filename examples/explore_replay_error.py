"""fakes.errors.ReplayError: a replay token that no longer fits its scenario.

A failing exploration gives a replay token (``explore(replay=token)`` runs
that schedule again). After the scenario changes, say a third request is
added, an old token may release an await that no longer exists; the replay
then fails with ``ReplayError``, a ``ValueError`` that says to explore again
for a new token, rather than running some other schedule and passing.
"""

from __future__ import annotations

import asyncio

import fakes


class Inventory:
    async def reserve(self, sku: str) -> bool:
        raise NotImplementedError("talks to the warehouse")


async def reserve_all(inventory: Inventory, *skus: str) -> list[bool]:
    return list(await asyncio.gather(*(inventory.reserve(sku) for sku in skus)))


# A token made for a scenario with more concurrent reservations: at the
# first scheduling point it lets the fourth held await complete first.
OLD_TOKEN = "random:0=3"


@fakes.explore(replay=OLD_TOKEN)
async def two_reservations() -> None:
    inventory = fakes.async_double(Inventory, name="inventory")
    inventory.reserve.returns(True)

    assert await reserve_all(inventory, "tea", "milk") == [True, True]


def main() -> None:
    try:
        two_reservations()
    except fakes.errors.ReplayError as error:
        refusal = error
    else:
        raise AssertionError("the stale token was replayed")

    assert isinstance(refusal, ValueError)  # misuse, not a failing test
    print(refusal)


if __name__ == "__main__":
    main()
