"""Faking aiohttp: a client session, requests entered, errors and streamed bodies.

The application code talks to a weather service through an
``aiohttp.ClientSession``. The test doubles are spec'd from aiohttp's own
classes, so a misspelt method or a wrong argument fails as it would against
the real session; nothing connects anywhere.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import pytest
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

import fakes

# The application under test.


class WeatherClient:
    def __init__(self, session: aiohttp.ClientSession, base_url: str) -> None:
        self._session = session
        self._base_url = base_url

    async def current(self, city: str) -> dict[str, Any]:
        url = f"{self._base_url}/current"
        async with self._session.get(url, params={"city": city}) as response:
            response.raise_for_status()
            report: dict[str, Any] = await response.json()
        return report

    async def download_map(self, region: str) -> bytes:
        url = f"{self._base_url}/maps/{region}.png"
        chunks = []
        async with self._session.get(url) as response:
            response.raise_for_status()
            async for chunk in response.content.iter_chunked(64 * 1024):
                chunks.append(chunk)
        return b"".join(chunks)


# The tests.

BASE = "https://weather.test"


async def current_reads_the_json_body() -> None:
    session = fakes.async_double(aiohttp.ClientSession, name="session")
    response = fakes.async_double(aiohttp.ClientResponse, name="response")
    response.status = 200
    response.json.returns({"city": "Oslo", "celsius": 4})
    session.get.enters(response)

    report = await WeatherClient(session, BASE).current("Oslo")

    assert report == {"city": "Oslo", "celsius": 4}
    session.get.assert_called_once_with(f"{BASE}/current", params={"city": "Oslo"})
    session.get.assert_entered_once()
    session.get.assert_exited_cleanly()
    response.raise_for_status.assert_called_once_with()


async def current_lets_an_http_error_through() -> None:
    session = fakes.async_double(aiohttp.ClientSession, name="session")
    response = fakes.async_double(aiohttp.ClientResponse, name="response")
    request = aiohttp.RequestInfo(
        url=URL(f"{BASE}/current"),
        method="GET",
        headers=CIMultiDictProxy(CIMultiDict()),
        real_url=URL(f"{BASE}/current"),
    )
    response.raise_for_status.raises(
        aiohttp.ClientResponseError(request, (), status=503, message="Unavailable")
    )
    session.get.enters(response)

    with pytest.raises(aiohttp.ClientResponseError) as caught:
        await WeatherClient(session, BASE).current("Oslo")

    assert caught.value.status == 503

    response.json.assert_not_awaited()
    session.get.assert_exited_with(aiohttp.ClientResponseError)


async def download_map_joins_the_streamed_chunks() -> None:
    session = fakes.async_double(aiohttp.ClientSession, name="session")
    response = fakes.async_double(aiohttp.ClientResponse, name="response")
    # ``content`` is annotated as a StreamReader: the double has one already.
    response.content.iter_chunked.yields(b"\x89PNG", b"...", b"IEND")
    session.get.enters(response)

    image = await WeatherClient(session, BASE).download_map("nordic")

    assert image == b"\x89PNG...IEND"
    response.content.iter_chunked.assert_called_once_with(64 * 1024)
    response.content.iter_chunked.assert_exhausted()


async def a_misspelt_member_fails_at_once() -> None:
    response = fakes.async_double(aiohttp.ClientResponse, name="response")

    with pytest.raises(AttributeError) as caught:
        response.raise_for_status_code()  # not a member of ClientResponse

    assert "raise_for_status" in str(caught.value)  # the close name is suggested


async def main() -> None:
    with fakes.Ledger():
        await current_reads_the_json_body()
        await current_lets_an_http_error_through()
        await download_map_joins_the_streamed_chunks()
        await a_misspelt_member_fails_at_once()
    print("ok: aiohttp session, requests, errors and streams")


if __name__ == "__main__":
    asyncio.run(main())
