"""Code both type checkers must accept: everything ``fakes.on`` configures.

Scripts with their steps, gates, ``yields`` for async iterators and
``enters`` for async context managers, typed from the member (or from the
double, for a double of an async iterable or context manager). Checked by
``mypy`` and ``basedpyright``; run as a program by tests/test_typing.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from typing_extensions import assert_type

import fakes


class User:
    def __init__(self, user_id: int) -> None:
        self.user_id = user_id


class Session:
    pass


class Connection:
    async def __aenter__(self) -> Session:
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> None:
        raise NotImplementedError


class Ticker:
    def __aiter__(self) -> AsyncIterator[int]:
        raise NotImplementedError


class UserRepo:
    async def get(self, user_id: int) -> User:
        raise NotImplementedError

    def size(self) -> int:
        raise NotImplementedError

    async def stream(self, page_size: int) -> AsyncIterator[User]:
        yield User(0)

    async def names(self) -> AsyncGenerator[str, None]:
        yield ""

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Session]:
        yield Session()

    def connect(self) -> AbstractAsyncContextManager[Session]:
        raise NotImplementedError


async def main() -> None:
    repo = fakes.async_double(UserRepo)

    # 1. script() takes values of the awaited type, exceptions and steps.
    fakes.on(repo.get).script(
        User(1),
        KeyError("2"),
        TimeoutError,
        fakes.delay(0, User(3)),
        fakes.delay(0, ConnectionError()),
        fakes.delay(0, fakes.delay(0, User(4))),
        fakes.repeat_last(),
    )

    # 2. hang() and cycle() fit a script of any type.
    other = fakes.async_double(UserRepo)
    fakes.on(other.get).script(User(5), fakes.hang(), fakes.cycle())

    # 3. A sync member's script takes its values and exceptions.
    fakes.on(repo.size).script(1, ValueError("size"), 2)

    # 4. gate() of an async member is a Gate.
    gate = fakes.on(other.get).gate()
    assert_type(gate, fakes.Gate)

    # 5. A member returning AsyncIterator[T] gives an iterator builder.
    stream: fakes.AsyncIterMemberBuilder[[int], User] = fakes.on(repo.stream)

    # 6. yields() takes items of the iterated type; raises= an exception.
    fakes.on(repo.stream).yields(User(1), User(2), raises=ConnectionError)

    # 7. An async generator annotated AsyncGenerator[T, None] works the same.
    fakes.on(repo.names).yields("ada", "grace")

    # 8. An @asynccontextmanager member gives a context builder of what it enters.
    session = Session()
    fakes.on(repo.transaction).enters(session)

    # 9. So does a member returning AbstractAsyncContextManager[T].
    fakes.on(repo.connect).enters(Session(), exit_raises=None, suppress=False)

    # 10. A double of an async context manager class: enters() on the double.
    connection = fakes.async_double(Connection)
    assert_type(fakes.on(connection), fakes.AsyncContextBuilder[Session])
    fakes.on(connection).enters(session)

    # 11. A class double of a context manager class: enters() on its instances.
    connection_cls = fakes.async_double(Connection, instance=False)
    fakes.on(connection_cls).enters(session)

    # 12. A double of an async iterable class: yields() on the double.
    ticker = fakes.async_double(Ticker)
    fakes.on(ticker).yields(1, 2, 3)

    # 13. Builders chain, each method returning its builder.
    chained = stream.yields(User(1)).returns(fakes.async_iter([]))
    assert chained is stream

    # 14. A rule may run a script of the member's type.
    fakes.on(repo.size).when().script(7, fakes.repeat_last())

    assert (await repo.get(1)).user_id == 1
    assert [user async for user in repo.names()] == ["ada", "grace"]
    async with repo.transaction() as entered:
        assert entered is session
    async with connection as entered:
        assert entered is session
    async with connection_cls() as entered:
        assert entered is session
    assert [tick async for tick in ticker] == [1, 2, 3]
    assert repo.size() == 7


if __name__ == "__main__":
    asyncio.run(main())
