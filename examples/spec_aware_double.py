"""A service tested with a spec-aware double of its repository."""

from __future__ import annotations

import asyncio

import fakes


class UserRepo:
    async def get(self, user_id: int) -> dict[str, object]:
        raise NotImplementedError("talks to a database")

    async def save(self, user: dict[str, object]) -> None:
        raise NotImplementedError("talks to a database")


async def rename(repo: UserRepo, user_id: int, name: str) -> dict[str, object]:
    user = await repo.get(user_id)
    renamed = {**user, "name": name}
    await repo.save(renamed)
    return renamed


async def main() -> None:
    repo = fakes.async_double(UserRepo)
    repo.get.returns({"id": 1, "name": "old"})

    result = await rename(repo, 1, "new")

    assert result == {"id": 1, "name": "new"}
    repo.get.assert_awaited_once_with(1)
    repo.save.assert_awaited_once_with({"id": 1, "name": "new"})
    try:
        await repo.get(1, 2)
    except TypeError as error:
        print(error)
    print(fakes.timeline())


if __name__ == "__main__":
    asyncio.run(main())
