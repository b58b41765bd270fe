"""A read-modify-write across an await loses an update.

``deposit`` reads a balance, awaits, and stores the sum: when a second
deposit reads the balance before the first one has stored its sum, one of
the two deposits is lost. ``fakes.explore`` finds the order that does it;
the fix holds a lock per account around the read and the write.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import fakes


class Accounts:
    async def balance(self, account: str) -> int:
        raise NotImplementedError("database")

    async def store(self, account: str, cents: int) -> None:
        raise NotImplementedError("database")


class Auth:
    async def check(self, user: str) -> None:
        raise NotImplementedError("auth service")


class BuggyWallet:
    def __init__(self, accounts: Accounts) -> None:
        self.accounts = accounts

    async def deposit(self, account: str, cents: int) -> None:
        balance = await self.accounts.balance(account)
        await self.accounts.store(account, balance + cents)


class FixedWallet(BuggyWallet):
    def __init__(self, accounts: Accounts) -> None:
        super().__init__(accounts)
        self.locks: dict[str, asyncio.Lock] = {}

    async def deposit(self, account: str, cents: int) -> None:
        async with self.locks.setdefault(account, asyncio.Lock()):
            await super().deposit(account, cents)


def scenario(wallet_class: type[BuggyWallet]) -> Callable[[], Awaitable[None]]:
    """Two deposits to one account; the second request checks a token first."""

    async def two_deposits() -> None:
        book = {"alice": 0}
        accounts = fakes.async_double(Accounts, name="accounts")
        accounts.balance.side_effect = lambda account: book[account]
        accounts.store.side_effect = book.__setitem__
        auth = fakes.async_double(Auth, name="auth")
        wallet = wallet_class(accounts)

        async def request(user: str, cents: int) -> None:
            await auth.check(user)
            await wallet.deposit("alice", cents)

        await asyncio.gather(wallet.deposit("alice", 100), request("bob", 50))

        assert book["alice"] == 150, f"balance {book['alice']}, expected 150"

    return two_deposits


def main() -> None:
    # With doubles that answer at once, both versions pass.
    for wallet_class in (BuggyWallet, FixedWallet):
        with fakes.Ledger():
            asyncio.run(scenario(wallet_class)())

    for strategy in ("random", "pct", "exhaustive"):
        explored = fakes.explore(seed=1, strategy=strategy)
        try:
            explored(scenario(BuggyWallet))()
        except fakes.errors.InterleavingError as error:
            print(str(error).splitlines()[0], "token", error.token)
        else:
            raise AssertionError(f"{strategy}: the buggy wallet should fail")
        print(explored(scenario(FixedWallet))())


if __name__ == "__main__":
    main()
