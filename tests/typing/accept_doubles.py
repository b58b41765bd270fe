"""Code both type checkers must accept: doubles typed as their spec.

Checked by ``mypy`` and ``basedpyright`` (see pyproject.toml); run as a
program by tests/test_typing.py, so every line here also works at run time.
"""

from __future__ import annotations

import abc
import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from typing_extensions import assert_type

import fakes


class User:
    def __init__(self, user_id: int) -> None:
        self.user_id = user_id


class UserRepo:
    async def get(self, user_id: int) -> User:
        raise NotImplementedError

    async def save(self, user: User, *, force: bool = False) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class AbstractRepo(abc.ABC):
    @abc.abstractmethod
    async def get(self, user_id: int) -> User: ...


async def fetch_user(user_id: int) -> User:
    raise NotImplementedError


def parse(text: str) -> int:
    raise NotImplementedError


async def rename(repo: UserRepo, user_id: int) -> User:
    user = await repo.get(user_id)
    await repo.save(user)
    return user


async def main() -> None:
    # 1. A double of a class is typed as an instance of the class.
    repo = fakes.async_double(UserRepo)
    assert_type(repo, UserRepo)

    # 2. ... so it passes wherever the real object is expected.
    fakes.on(repo.get).returns(User(1))
    assert_type(await rename(repo, 1), User)

    # 3. instance=False gives a double of the class itself.
    repo_cls = fakes.async_double(UserRepo, instance=False)
    assert_type(repo_cls, type[UserRepo])
    assert_type(repo_cls(), UserRepo)

    # 4. A double of an async function has the function's type.
    fetch = fakes.async_double(fetch_user)
    fetcher: Callable[[int], Awaitable[User]] = fetch
    fakes.on(fetch).returns(User(2))
    assert_type(await fetch(2), User)
    assert isinstance(await fetcher(2), User)

    # 5. A double of a sync function has the function's type.
    parser = fakes.async_double(parse)
    fakes.on(parser).returns(3)
    assert_type(parser("3"), int)

    # 6. A double of an instance is typed as the instance's class.
    assert_type(fakes.async_double(UserRepo()), UserRepo)

    # 7. A spec-less double is Any, like AsyncMock.
    free = fakes.async_double(name="anything")
    assert_type(free, Any)
    free.returns(1)

    # 8. An abstract class works as a spec and the double passes as it.
    abstract: AbstractRepo = fakes.async_double(AbstractRepo)
    fakes.on(abstract.get).returns(User(3))

    # 9. name= is accepted with every kind of spec.
    named = fakes.async_double(UserRepo, name="repo")
    assert_type(named, UserRepo)

    # 10. Sync members keep their sync type.
    fakes.on(repo.close).returns(None)
    assert_type(repo.close(), None)


if __name__ == "__main__":
    asyncio.run(main())
