"""fakes.async_double(fn, wraps=real_fn): a spy that calls the real function.

The double records every call and await of ``geocode`` (and checks them
against its signature) while the real function still does the work, as
``AsyncMock(wraps=...)`` does. Configuring the double (``returns``,
``raises``, ``script``) stops the pass-through, so one test can first
observe the real behaviour and then force a failure.
"""

from __future__ import annotations

import asyncio

import fakes


async def geocode(city: str) -> tuple[float, float]:
    """The real lookup (here a table, in production a web service)."""
    await asyncio.sleep(0)
    return {"Oslo": (59.91, 10.75), "Lima": (-12.05, -77.04)}[city]


async def distances_from_equator(cities: list[str], lookup=geocode) -> dict[str, float]:
    results = {}
    for city in cities:
        try:
            latitude, _ = await lookup(city)
        except TimeoutError:
            continue  # skip cities the service cannot answer in time
        results[city] = abs(latitude)
    return results


async def main() -> None:
    spy = fakes.async_double(geocode, wraps=geocode)

    assert await distances_from_equator(["Oslo", "Lima"], spy) == {
        "Oslo": 59.91,
        "Lima": 12.05,
    }
    fakes.assert_awaited_in_order(
        fakes.awaited(spy, "Oslo"), fakes.awaited(spy, "Lima")
    )

    # Configured, the double answers itself: the real function is not called.
    spy.script(TimeoutError(), (-33.87, 151.21))
    assert await distances_from_equator(["Oslo", "Sydney"], spy) == {"Sydney": 33.87}
    assert spy.await_count == 4
    print(fakes.timeline())


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
