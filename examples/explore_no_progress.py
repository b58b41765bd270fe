"""fakes.errors.NoProgressError: an explored run in which every task waits for ever.

A worker waits for a "ready" event that the code under test only sets after
a successful fetch; when the fetch fails it forgets to set it, and the
waiting task would hang. Under ``fakes.explore`` such a run fails at once
with ``NoProgressError`` (the cause of the ``InterleavingError``), naming
what each task waits on, instead of hanging the test run.
"""

from __future__ import annotations

import asyncio

import fakes


class Source:
    async def fetch(self) -> bytes:
        raise NotImplementedError("talks to the network")


async def prepare(source: Source, ready: asyncio.Event, store: list[bytes]) -> None:
    try:
        store.append(await source.fetch())
        ready.set()
    except ConnectionError:
        pass  # the bug: ready is never set, so the reader waits for ever


async def read_when_ready(ready: asyncio.Event, store: list[bytes]) -> bytes:
    await ready.wait()
    return store[0] if store else b""


@fakes.explore(runs=5, seed=7)
async def fetch_fails() -> None:
    source = fakes.async_double(Source, name="source")
    source.fetch.raises(ConnectionError("reset"))
    ready = asyncio.Event()
    store: list[bytes] = []

    await asyncio.gather(prepare(source, ready, store), read_when_ready(ready, store))


def main() -> None:
    try:
        fetch_fails()
    except fakes.errors.InterleavingError as error:
        cause = error.__cause__
    else:
        raise AssertionError("the hang was not reported")

    assert isinstance(cause, fakes.errors.NoProgressError)
    assert isinstance(cause, AssertionError)  # a test failure, not misuse
    print(cause)


if __name__ == "__main__":
    main()
