"""unittest: per-test ledgers with LedgerTestMixin and IsolatedAsyncioTestCase.

Run it with ``python -m unittest runner_unittest`` from this folder, or as a
script.
"""

from __future__ import annotations

import unittest

import fakes


class Mailer:
    async def send(self, to: str, body: str) -> None:
        raise NotImplementedError


async def notify(mailer: Mailer, users: list[str]) -> int:
    for user in users:
        await mailer.send(user, "hello")
    return len(users)


mailer = fakes.async_double(Mailer)  # shared on purpose: the ledger is per test


class NotifyTest(fakes.LedgerTestMixin, unittest.IsolatedAsyncioTestCase):
    async def test_sends_one_mail_per_user(self) -> None:
        sent = await notify(mailer, ["ann", "bob"])

        self.assertEqual(sent, 2)
        started = self.fakes_ledger.events("started")
        self.assertEqual(
            [event.args for event in started], [("ann", "hello"), ("bob", "hello")]
        )

    async def test_ledger_is_fresh_for_each_test(self) -> None:
        await notify(mailer, ["cid"])

        self.assertEqual(len(self.fakes_ledger.events("started")), 1)


if __name__ == "__main__":
    program = unittest.main(module=__name__, argv=["runner_unittest"], exit=False)
    assert program.result.wasSuccessful()
    assert program.result.testsRun == 2
