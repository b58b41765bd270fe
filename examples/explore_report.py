"""fakes.ExploreReport: what an exploration that found no failure did.

A notifier sends two messages at once and counts what was sent. Explored
exhaustively, every order in which the two sends can complete is run; the
report says how many runs there were, how many distinct schedules they
covered and whether the search was complete, so a test can check that the
scenario really had orders to explore.
"""

from __future__ import annotations

import asyncio

import fakes


class Mailer:
    async def send(self, to: str) -> bool:
        raise NotImplementedError("talks to the mail server")


class Notifier:
    def __init__(self, mailer: Mailer) -> None:
        self.mailer = mailer
        self.sent = 0

    async def notify(self, *users: str) -> int:
        results = await asyncio.gather(*(self.mailer.send(user) for user in users))
        self.sent += sum(results)
        return self.sent


@fakes.explore(strategy="exhaustive")
async def two_sends() -> None:
    mailer = fakes.async_double(Mailer, name="mailer")
    mailer.send.returns(True)

    assert await Notifier(mailer).notify("ada", "bob") == 2


def main() -> None:
    report = two_sends()

    assert isinstance(report, fakes.ExploreReport)
    # Two awaits complete in either order: two schedules, and no more exist.
    assert (report.runs, report.distinct, report.exhausted) == (2, 2, True)
    assert report.seed is None  # exhaustive search draws nothing at random
    print(report)


if __name__ == "__main__":
    main()
