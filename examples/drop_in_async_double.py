"""Code written for AsyncMock, switched to fakes.AsyncDouble by search-and-replace."""

from __future__ import annotations

import asyncio
from unittest import mock

import fakes


class Notifier:
    async def send(self, to: str, text: str) -> bool:
        raise NotImplementedError("talks to a mail server")


async def fetch_recipients() -> list[str]:
    raise NotImplementedError("talks to a database")


async def notify_all(notifier: Notifier) -> int:
    sent = 0
    for user in await fetch_recipients():
        sent += await notifier.send(user, "hello")
    return sent


async def main() -> None:
    # Was: notifier = mock.AsyncMock(spec=Notifier)
    notifier = fakes.AsyncDouble(spec=Notifier, name="notifier")
    notifier.send.side_effect = [True, False]

    # Was: mock.patch(..., new_callable=mock.AsyncMock)
    target = f"{__name__}.fetch_recipients"
    with mock.patch(target, new_callable=fakes.AsyncDouble) as recipients:
        recipients.return_value = ["ada", "bob"]
        sent = await notify_all(notifier)

    assert sent == 1
    notifier.send.assert_has_awaits(
        [mock.call("ada", "hello"), mock.call("bob", "hello")]
    )
    # What AsyncMock cannot say: the order of awaits across doubles.
    fakes.assert_awaited_in_order(recipients, notifier.send)
    print(fakes.timeline())


if __name__ == "__main__":
    asyncio.run(main())
