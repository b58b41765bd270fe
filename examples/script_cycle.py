"""fakes.cycle(): a script that starts over, for a dependency that flaps.

A health monitor polls a service and raises the alarm only after three
failed checks in a row. The service is scripted to be up, down, down and
then to start over (``fakes.cycle()``), so it never fails three times in a
row however long the monitor runs; a second script with three downs in its
cycle does trip the alarm.
"""

from __future__ import annotations

import asyncio

import fakes


class Service:
    async def healthy(self) -> bool:
        raise NotImplementedError("calls /health")


async def monitor(service: Service, polls: int, threshold: int = 3) -> bool:
    """Poll ``polls`` times; True when ``threshold`` checks in a row failed."""
    failures = 0
    for _ in range(polls):
        failures = 0 if await service.healthy() else failures + 1
        if failures >= threshold:
            return True
        await asyncio.sleep(10)
    return False


async def main() -> None:
    service = fakes.async_double(Service, name="service")

    fakes.on(service.healthy).script(True, False, False, fakes.cycle())
    with fakes.virtual_time():
        assert not await monitor(service, polls=30)
    assert service.healthy.await_count == 30  # no ScriptExhaustedError

    fakes.on(service.healthy).script(True, False, False, False, fakes.cycle())
    with fakes.virtual_time():
        assert await monitor(service, polls=30)
    print(f"alarm after {service.healthy.await_count - 30} polls")


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
