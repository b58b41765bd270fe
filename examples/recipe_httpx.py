"""Faking httpx: an ``AsyncClient``, plain requests and streamed responses.

A plain request (``await client.get(...)``) returns a real
``httpx.Response``, which is cheap to build and already does what the code
reads (``json()``, ``raise_for_status()``). A streamed request
(``async with client.stream(...)``) enters a double of ``httpx.Response``
whose ``aiter_lines()`` yields what the test says. Nothing connects anywhere.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

import fakes

# The application under test.


class Inventory:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def stock(self, sku: str) -> int:
        response = await self._client.get(f"/items/{sku}", timeout=5.0)
        response.raise_for_status()
        return int(response.json()["stock"])

    async def changes(self) -> AsyncIterator[dict[str, Any]]:
        async with self._client.stream("GET", "/changes") as response:
            response.raise_for_status()
            async for line in response.aiter_lines():
                if line:
                    yield json.loads(line)


# The tests.


def reply(status: int, body: Any) -> httpx.Response:
    return httpx.Response(status, json=body, request=httpx.Request("GET", "/"))


async def stock_reads_the_json_body() -> None:
    client = fakes.async_double(httpx.AsyncClient, name="client")
    fakes.on(client.get).returns(reply(200, {"sku": "A1", "stock": 7}))

    assert await Inventory(client).stock("A1") == 7

    client.get.assert_awaited_once_with("/items/A1", timeout=5.0)


async def stock_lets_an_http_error_through() -> None:
    client = fakes.async_double(httpx.AsyncClient, name="client")
    client.get.returns(reply(404, {"detail": "no such item"}))

    with pytest.raises(httpx.HTTPStatusError) as caught:
        await Inventory(client).stock("B2")

    assert caught.value.response.status_code == 404


async def changes_parses_each_streamed_line() -> None:
    client = fakes.async_double(httpx.AsyncClient, name="client")
    response = fakes.async_double(httpx.Response, name="response")
    response.aiter_lines.yields('{"sku": "A1"}', "", '{"sku": "C3"}')
    client.stream.enters(response)

    seen = [change async for change in Inventory(client).changes()]

    assert seen == [{"sku": "A1"}, {"sku": "C3"}]
    client.stream.assert_called_once_with("GET", "/changes")
    client.stream.assert_exited_cleanly()
    response.aiter_lines.assert_exhausted()


async def a_dropped_connection_ends_the_stream() -> None:
    client = fakes.async_double(httpx.AsyncClient, name="client")
    response = fakes.async_double(httpx.Response, name="response")
    response.aiter_lines.yields('{"sku": "A1"}', raises=httpx.ReadError("reset"))
    client.stream.enters(response)
    changes = Inventory(client).changes()

    assert await anext(changes) == {"sku": "A1"}
    with pytest.raises(httpx.ReadError):
        await anext(changes)

    client.stream.assert_exited_with(httpx.ReadError)


async def main() -> None:
    with fakes.Ledger():
        await stock_reads_the_json_body()
        await stock_lets_an_http_error_through()
        await changes_parses_each_streamed_line()
        await a_dropped_connection_ends_the_stream()
    print("ok: httpx client, requests and streams")


if __name__ == "__main__":
    asyncio.run(main())
