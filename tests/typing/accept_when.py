"""Code both type checkers must accept: ``fakes.on(...).when(...)`` rules.

Checked by ``mypy`` and ``basedpyright`` (see pyproject.toml). Run as a
program by tests/test_typing.py once doubles have ``when()`` at run time.
"""

from __future__ import annotations

import asyncio
from unittest.mock import ANY

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

    def size(self, kind: str = "all") -> int:
        raise NotImplementedError


async def main() -> None:
    repo = fakes.async_double(UserRepo)

    # 1. when() takes the member's arguments and gives a rule of its type.
    rule = fakes.on(repo.get).when(1)
    assert_type(rule, fakes.RuleBuilder[User])

    # 2. Arguments may be passed by keyword, as to the member.
    fakes.on(repo.get).when(user_id=2).returns(User(2))

    # 3. unittest.mock.ANY fits any parameter.
    fakes.on(repo.save).when(ANY, force=True).raises(PermissionError)

    # 4. A rule's outcome is checked against the awaited return type.
    rule.returns(User(1))
    fakes.on(repo.get).when(3).raises(KeyError("3"))

    # 5. Sync members have rules too.
    assert_type(fakes.on(repo.size).when("active"), fakes.RuleBuilder[int])
    fakes.on(repo.size).when().returns(7)

    assert (await repo.get(1)).user_id == 1
    assert (await repo.get(user_id=2)).user_id == 2


if __name__ == "__main__":
    asyncio.run(main())
