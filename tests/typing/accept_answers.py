"""Code both type checkers must accept: argument-aware answers.

``fakes.on(member).answers(function)`` takes a function of the member's
parameters that returns its (awaited) return type, sync or ``async def``.
Checked by ``mypy`` and ``basedpyright``; run as a program by
tests/test_typing.py.
"""

from __future__ import annotations

import asyncio

import fakes


class User:
    def __init__(self, user_id: int, name: str = "") -> None:
        self.user_id = user_id
        self.name = name


class UserRepo:
    async def get(self, user_id: int) -> User:
        raise NotImplementedError

    async def find(self, name: str, *, active: bool = True) -> User | None:
        raise NotImplementedError

    def count(self, kind: str = "all") -> int:
        raise NotImplementedError


async def load(user_id: int) -> User:
    return User(user_id, "loaded")


async def main() -> None:
    repo = fakes.async_double(UserRepo)

    # 1. A lambda with the member's parameter names, typed from them.
    fakes.on(repo.get).answers(lambda user_id: User(user_id))

    # 2. An async function with the same parameters is awaited.
    other = fakes.async_double(UserRepo)
    fakes.on(other.get).answers(load)

    # 3. A lambda returning a coroutine is awaited too.
    third = fakes.async_double(UserRepo)
    fakes.on(third.get).answers(lambda user_id: load(user_id))

    # 4. Keyword-only parameters and defaults, as the member has them.
    fakes.on(repo.find).answers(
        lambda name, *, active=True: User(1, name) if active else None
    )

    # 5. A sync member takes a sync answer of its return type.
    fakes.on(repo.count).answers(lambda kind="all": len(kind))

    # 6. A named function whose parameters match the member's.
    def count_kind(kind: str = "all") -> int:
        return 10 if kind == "all" else 1

    chained = fakes.on(repo.count).answers(count_kind)
    assert chained.call_count == 0

    # 7. A function double takes an answer of the function's parameters.
    fetch = fakes.async_double(load)
    fakes.on(fetch).answers(lambda user_id: User(user_id, "fetched"))

    assert (await repo.get(7)).user_id == 7
    assert (await repo.get(user_id=8)).user_id == 8
    assert (await other.get(1)).name == "loaded"
    assert (await third.get(2)).name == "loaded"
    found = await repo.find("ada")
    assert found is not None
    assert found.name == "ada"
    assert await repo.find("ada", active=False) is None
    assert repo.count() == 10
    assert repo.count("admins") == 1
    assert (await fetch(3)).name == "fetched"


if __name__ == "__main__":
    asyncio.run(main())
