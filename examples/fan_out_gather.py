"""A dashboard fans out to three services with asyncio.gather.

The test checks what a plain AsyncMock cannot: that the three calls were in
flight at the same time (not awaited one after the other), and the order in
which they started.
"""

from __future__ import annotations

import asyncio
from unittest import mock

import fakes


class Profiles:
    async def get(self, user_id: int) -> dict[str, object]:
        raise NotImplementedError("HTTP")


class Orders:
    async def recent(self, user_id: int, limit: int = 5) -> list[int]:
        raise NotImplementedError("HTTP")


class Recommendations:
    async def for_user(self, user_id: int) -> list[str]:
        raise NotImplementedError("HTTP")


async def dashboard(
    profiles: Profiles, orders: Orders, recs: Recommendations, user_id: int
) -> dict[str, object]:
    profile, recent, suggested = await asyncio.gather(
        profiles.get(user_id),
        orders.recent(user_id, limit=3),
        recs.for_user(user_id),
    )
    return {"profile": profile, "orders": recent, "suggested": suggested}


async def network(*args: object, **kwargs: object) -> object:
    """Stands in for I/O: gives the loop a turn, as a real request would.

    Returning ``mock.DEFAULT`` from a side_effect makes the double return its
    ``return_value``, as with any AsyncMock.
    """
    await asyncio.sleep(0)
    return mock.DEFAULT


async def main() -> None:
    profiles = fakes.async_double(Profiles)
    orders = fakes.async_double(Orders)
    recs = fakes.async_double(Recommendations)
    for member, value in (
        (profiles.get, {"id": 7}),
        (orders.recent, [1, 2]),
        (recs.for_user, ["book"]),
    ):
        member.side_effect = network
        member.return_value = value

    result = await dashboard(profiles, orders, recs, 7)

    assert result == {"profile": {"id": 7}, "orders": [1, 2], "suggested": ["book"]}
    fakes.assert_awaited_concurrently(profiles.get, orders.recent, recs.for_user)
    fakes.assert_awaited_in_order(
        fakes.awaited(profiles.get, 7),
        fakes.awaited(orders.recent, 7, limit=3),
        recs.for_user,
        strict=True,
    )
    fakes.assert_all_awaited()
    fakes.verify()
    print(fakes.timeline())


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
