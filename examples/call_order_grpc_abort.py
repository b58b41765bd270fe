"""Sync and async calls in one order: trailing metadata must be set before abort."""

from __future__ import annotations

import asyncio

import fakes
from fakes.errors import AwaitOrderError


class ServicerContext:
    def set_trailing_metadata(self, metadata: tuple[tuple[str, str], ...]) -> None:
        raise NotImplementedError("part of the RPC framework")

    async def abort(self, code: int, details: str) -> None:
        raise NotImplementedError("part of the RPC framework")


async def reject(context: ServicerContext, reason: str) -> None:
    context.set_trailing_metadata((("retry", "no"),))  # a sync call
    await context.abort(3, reason)  # an awaited one


async def reject_too_late(context: ServicerContext, reason: str) -> None:
    await context.abort(3, reason)
    context.set_trailing_metadata((("retry", "no"),))


async def main() -> None:
    context = fakes.async_double(ServicerContext)
    await reject(context, "missing id")
    fakes.assert_called_in_order(context.set_trailing_metadata, context.abort)
    fakes.assert_called_in_order(
        fakes.called(context.set_trailing_metadata, (("retry", "no"),)),
        fakes.awaited(context.abort, 3, "missing id"),
        strict=True,
    )

    with fakes.Ledger():
        late = fakes.async_double(ServicerContext, name="late")
        await reject_too_late(late, "missing id")
        try:
            fakes.assert_called_in_order(late.set_trailing_metadata, late.abort)
        except AwaitOrderError as error:
            print(error)
        else:
            raise AssertionError("the wrong order was not found")


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
