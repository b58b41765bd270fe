"""A crawler that never has more than three downloads in flight.

``assert_max_concurrency`` checks the limit, and ``max_in_flight`` shows that
the limit was reached, so the test would notice a crawler that had become
sequential as well as one that had lost its semaphore.
"""

from __future__ import annotations

import asyncio

import fakes


class Http:
    async def download(self, url: str) -> str:
        raise NotImplementedError("network")


async def crawl(http: Http, urls: list[str], limit: int = 3) -> dict[str, str]:
    slots = asyncio.Semaphore(limit)

    async def one(url: str) -> tuple[str, str]:
        async with slots:
            return url, await http.download(url)

    return dict(await asyncio.gather(*(one(url) for url in urls)))


async def main() -> None:
    http = fakes.async_double(Http)

    async def download(url: str) -> str:
        await asyncio.sleep(0)  # a turn of the loop, as real I/O would take
        return f"<html>{url}</html>"

    http.download.side_effect = download
    urls = [f"https://example.test/{n}" for n in range(10)]

    pages = await crawl(http, urls)

    assert pages[urls[4]] == f"<html>{urls[4]}</html>"
    fakes.assert_max_concurrency(http.download, 3)
    assert fakes.max_in_flight(http.download) == 3
    # The first three start at once; the fourth waits for a free slot.
    fakes.assert_awaited_concurrently(
        fakes.awaited(http.download, urls[0]),
        fakes.awaited(http.download, urls[1]),
        fakes.awaited(http.download, urls[2]),
    )
    fakes.assert_not_awaited_concurrently(
        fakes.awaited(http.download, urls[0]), fakes.awaited(http.download, urls[3])
    )
    fakes.assert_awaited_in_order(*(fakes.awaited(http.download, url) for url in urls))
    try:
        fakes.assert_max_concurrency(http.download, 2)
    except AssertionError as error:
        print(error)
    else:
        raise AssertionError("a limit of 2 should have failed")


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
