"""Configure doubles with fakes.on, so the type checker checks the test too."""

from __future__ import annotations

import asyncio
from unittest.mock import ANY

import fakes


class User:
    def __init__(self, user_id: int, name: str) -> None:
        self.user_id = user_id
        self.name = name


class UserRepo:
    async def get(self, user_id: int) -> User:
        raise NotImplementedError("talks to a database")

    async def save(self, user: User) -> None:
        raise NotImplementedError("talks to a database")


async def rename(repo: UserRepo, user_id: int, name: str) -> User:
    user = await repo.get(user_id)
    renamed = User(user.user_id, name)
    await repo.save(renamed)
    return renamed


async def main() -> None:
    repo = fakes.async_double(UserRepo)  # typed as UserRepo
    fakes.on(repo.get).returns(User(1, "old"))  # checked: a User, as get returns

    result = await rename(repo, 1, "new")

    assert result.name == "new"
    fakes.on(repo.get).assert_awaited_once_with(1)  # checked: user_id is an int
    fakes.on(repo.save).assert_awaited_once_with(ANY)
    try:
        fakes.on(repo)  # type: ignore[call-overload]
    except TypeError as error:
        print(error)


if __name__ == "__main__":
    asyncio.run(main())
