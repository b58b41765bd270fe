"""fakes.on() of an awaitable double (an async property): an AwaitableBuilder."""

from __future__ import annotations

import asyncio

import fakes


class Printer:
    @property
    async def ready(self) -> bool:
        raise NotImplementedError("asks the device over the network")

    async def print_page(self, text: str) -> int:
        raise NotImplementedError("sends the page")


async def print_when_ready(printer: Printer, text: str, attempts: int = 3) -> bool:
    """Poll the printer until it is ready, then print; give up after ``attempts``."""
    for _ in range(attempts):
        if await printer.ready:
            await printer.print_page(text)
            return True
        await asyncio.sleep(1)
    return False


async def main() -> None:
    printer = fakes.async_double(Printer, name="printer")
    # `await printer.ready` is not a call, so fakes.on gives an AwaitableBuilder:
    # returns(), raises(), script() and gate(), checked against `bool`.
    ready = fakes.on(printer.ready)
    assert isinstance(ready, fakes.AwaitableBuilder)
    ready.script(False, False, True)
    fakes.on(printer.print_page).returns(1)

    with fakes.virtual_time():
        assert await print_when_ready(printer, "hello")

    fakes.on(printer.print_page).assert_awaited_once_with("hello")
    print(fakes.timeline())

    fakes.on(printer.ready).returns(False)
    with fakes.virtual_time():
        assert not await print_when_ready(printer, "again")


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
