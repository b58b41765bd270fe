"""Code both type checkers must accept: ``fakes.on`` typed from the spec.

Checked by ``mypy`` and ``basedpyright`` (see pyproject.toml); run as a
program by tests/test_typing.py, so every line here also works at run time.
"""

from __future__ import annotations

import asyncio
from unittest.mock import ANY

from typing_extensions import assert_type

import fakes


class User:
    def __init__(self, user_id: int) -> None:
        self.user_id = user_id


class Admin(User):
    pass


class UserRepo:
    async def get(self, user_id: int) -> User:
        raise NotImplementedError

    async def find(self, name: str) -> User | None:
        raise NotImplementedError

    async def save(self, user: User, *, force: bool = False) -> None:
        raise NotImplementedError

    def size(self) -> int:
        raise NotImplementedError


class Client:
    def __init__(self, url: str) -> None:
        raise NotImplementedError


async def main() -> None:
    repo = fakes.async_double(UserRepo)

    # 1. An async member gives an async builder of its awaited return type.
    builder = fakes.on(repo.get)
    typed: fakes.AsyncMemberBuilder[[int], User] = builder

    # 2. returns() takes the awaited type and returns the builder.
    again: fakes.AsyncMemberBuilder[[int], User] = typed.returns(User(1))
    assert again is builder

    # 3. A subclass of the return type is a fine value.
    fakes.on(repo.get).returns(Admin(1))

    # 4. None where the member may return None.
    fakes.on(repo.find).returns(None)

    # 5. raises() takes an exception instance or class.
    failing = fakes.async_double(UserRepo)
    fakes.on(failing.get).raises(KeyError("1")).raises(LookupError)
    try:
        await failing.get(1)
    except LookupError:
        pass
    else:
        raise AssertionError("raises() did not take effect")

    # 6. A sync member gives a sync builder of its return type.
    assert_type(fakes.on(repo.size), fakes.MemberBuilder[[], int])
    fakes.on(repo.size).returns(3)

    # 7. A class double: calling it returns an instance.
    client_cls = fakes.async_double(Client, instance=False)
    client = fakes.async_double(Client)
    fakes.on(client_cls).returns(client)

    assert isinstance(await repo.get(1), Admin)
    assert await repo.find("nobody") is None
    await repo.save(User(1))
    assert repo.size() == 3
    assert client_cls("https://example.test") is client

    # 8. The stdlib assertions, with arguments checked against the spec.
    fakes.on(repo.save).assert_awaited_once_with(ANY)
    fakes.on(repo.get).assert_awaited_once_with(1)
    fakes.on(repo.size).assert_called_once_with()
    assert_type(fakes.on(repo.get).await_count, int)
    assert_type(fakes.on(repo.size).call_count, int)


if __name__ == "__main__":
    asyncio.run(main())
