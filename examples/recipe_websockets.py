"""Faking websockets: ``connect`` entered, ``send``/``recv``, messages iterated.

``websockets.connect`` is a class whose instances are entered (or awaited):
patched, it is a class double, and ``connect.return_value.enters(ws)`` says
what ``async with websockets.connect(url) as ws`` gives, a double of
websockets's own ``ClientConnection``. ``async for message in ws`` hands out
what ``ws.yields(...)`` says, ending with ``raises=`` for a connection that
closes. Nothing connects anywhere.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
import websockets
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosedError

import fakes

# The application under test.


async def prices(url: str, symbols: list[str]) -> AsyncIterator[dict[str, Any]]:
    async with websockets.connect(url, open_timeout=5) as ws:
        await ws.send(json.dumps({"subscribe": symbols}))
        reply = json.loads(await ws.recv())
        if not reply["ok"]:
            raise RuntimeError(reply["error"])
        async for message in ws:
            yield json.loads(message)


# The tests.

URL = "wss://prices.test/feed"


def connection() -> ClientConnection:
    ws = fakes.async_double(ClientConnection, name="ws")
    ws.recv.returns('{"ok": true}')
    return ws


async def prices_subscribes_then_yields_each_message() -> None:
    with fakes.patch_async("websockets.connect") as connect:
        ws = connection()
        ws.yields('{"AAPL": 190.5}', '{"AAPL": 191.0}')
        connect.return_value.enters(ws)

        seen = [tick async for tick in prices(URL, ["AAPL"])]

    assert seen == [{"AAPL": 190.5}, {"AAPL": 191.0}]
    connect.assert_called_once_with(URL, open_timeout=5)
    fakes.assert_awaited_in_order(
        fakes.awaited(ws.send, '{"subscribe": ["AAPL"]}'), ws.recv
    )
    connect.return_value.assert_exited_cleanly()


async def prices_stops_when_the_server_refuses() -> None:
    with fakes.patch_async("websockets.connect") as connect:
        ws = connection()
        ws.recv.returns('{"ok": false, "error": "unknown symbol"}')
        connect.return_value.enters(ws)

        with pytest.raises(RuntimeError, match="unknown symbol"):
            await anext(prices(URL, ["NOPE"]))

    connect.return_value.assert_exited_with(RuntimeError)


async def prices_lets_a_dropped_connection_through() -> None:
    with fakes.patch_async("websockets.connect") as connect:
        ws = connection()
        ws.yields('{"AAPL": 190.5}', raises=ConnectionClosedError(None, None))
        connect.return_value.enters(ws)
        ticks = prices(URL, ["AAPL"])

        assert await anext(ticks) == {"AAPL": 190.5}
        with pytest.raises(ConnectionClosedError):
            await anext(ticks)

    connect.return_value.assert_exited_with(ConnectionClosedError)


async def main() -> None:
    with fakes.Ledger():
        await prices_subscribes_then_yields_each_message()
        await prices_stops_when_the_server_refuses()
        await prices_lets_a_dropped_connection_through()
    print("ok: websockets connect, send, recv and messages")


if __name__ == "__main__":
    asyncio.run(main())
