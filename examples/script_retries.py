"""A retrying client tested with a script: a timeout, a slow reply, then data."""

from __future__ import annotations

import asyncio

import fakes
from fakes.errors import ScriptExhaustedError


class Api:
    async def fetch(self, path: str) -> dict[str, object]:
        raise NotImplementedError("talks to the network")


async def fetch_with_retry(
    api: Api, path: str, attempts: int = 3, timeout: float = 1.0
) -> dict[str, object]:
    for attempt in range(1, attempts + 1):
        try:
            return await asyncio.wait_for(api.fetch(path), timeout=timeout)
        except (TimeoutError, asyncio.TimeoutError):  # the same from Python 3.11
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


async def main() -> None:
    api = fakes.async_double(Api)
    # First call times out at once, second takes longer than the timeout,
    # third answers.
    api.fetch.script(TimeoutError(), fakes.hang(), {"ok": True})

    result = await fetch_with_retry(api, "/users", timeout=0.01)

    assert result == {"ok": True}
    assert api.fetch.await_count == 3
    kinds = [event.kind for event in fakes.current_ledger().events(double=api.fetch)]
    assert kinds.count("cancelled") == 1  # the hung call was cancelled by wait_for

    # One retry too many fails loudly instead of returning something made up.
    try:
        await api.fetch("/users")
    except ScriptExhaustedError as error:
        print(error)
    else:
        raise AssertionError("expected ScriptExhaustedError")


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
