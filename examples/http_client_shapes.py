"""Doubles of an HTTP client shaped like the popular async ones.

The client below is written the way async HTTP and database libraries write
theirs: every annotation is a string (``from __future__ import
annotations``); a request is a generic object that is awaited *or* entered
(``_RequestContextManager[ClientResponse]``); attributes that are set up
later are ``Optional`` or default to ``None``; constants are enum members
and frozen dataclasses; and the connection pool comes from a sync factory
whose result is awaited or entered. A double reads each of these shapes as
the real object behaves.
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import sys
import types
from collections.abc import Generator
from typing import Any, Generic, Optional, TypeVar
from unittest.mock import call

from typing_extensions import Self

import fakes

T = TypeVar("T")


# The library (in a real project: aiohttp, asyncpg, ... imported by the app).


class StreamReader:
    async def read(self, n: int = -1) -> bytes:
        raise NotImplementedError("talks to the network")


class ClientResponse:
    status: int
    content: StreamReader = None  # type: ignore[assignment]  # set when sent

    async def json(self) -> Any:
        raise NotImplementedError("talks to the network")


class _RequestContextManager(Generic[T]):
    def __await__(self) -> Generator[Any, None, T]:
        raise NotImplementedError

    async def __aenter__(self) -> T:
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> None:
        raise NotImplementedError


class Retry(enum.Enum):
    NEVER = "never"
    ON_ERROR = "on error"


@dataclasses.dataclass(frozen=True)
class Timeout:
    total: float = 30.0


class ClientSession:
    retry = Retry.ON_ERROR
    timeout = Timeout()

    def get(self, url: str) -> _RequestContextManager[ClientResponse]:
        raise NotImplementedError("talks to the network")

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None: ...


class Pool:
    async def fetchval(self, query: str, *args: object) -> Any:
        raise NotImplementedError("talks to the database")


def create_pool(dsn: str, *, min_size: int = 1) -> Any:
    """Awaited (``await create_pool(dsn)``) or entered; not annotated as such."""
    raise NotImplementedError("talks to the database")


db = types.ModuleType("db")
db.create_pool = create_pool  # type: ignore[attr-defined]
sys.modules["db"] = db


# The application under test.


class UserService:
    session: Optional[ClientSession] = None  # noqa: UP045

    def __init__(self, session: ClientSession) -> None:
        self.session = session

    async def profile(self, user_id: int) -> dict[str, Any]:
        assert self.session is not None
        async with self.session as session:
            async with session.get(f"/users/{user_id}") as response:
                profile: dict[str, Any] = await response.json()
            avatar = await session.get(f"/users/{user_id}/avatar")
            profile["avatar"] = await avatar.content.read()
        return profile

    async def count(self, dsn: str) -> int:
        pool = await db.create_pool(dsn)
        result: int = await pool.fetchval("SELECT count(*) FROM users")
        return result


async def profile_reads_both_requests() -> None:
    session = fakes.async_double(ClientSession)
    # Constants read as their values; __aenter__ -> Self enters the double.
    assert session.retry is Retry.ON_ERROR
    assert session.timeout == Timeout(30.0)

    service = UserService(session)
    # Unconfigured, the request enters (and awaits to) a ClientResponse
    # double, whose ``content`` is a StreamReader double despite its None.
    response = await session.get("/any")
    assert isinstance(response, ClientResponse)
    response.json.returns({"id": 1})
    response.content.read.returns(b"<png>")

    profile = await service.profile(1)

    assert profile == {"id": 1, "avatar": b"<png>"}
    assert session.get.call_args_list == [
        call("/any"),
        call("/users/1"),
        call("/users/1/avatar"),
    ]
    session.get.assert_entered_once()


async def the_optional_attribute_is_a_double() -> None:
    service_double = fakes.async_double(UserService)
    # ``session: Optional[ClientSession] = None`` gives a ClientSession double.
    assert isinstance(service_double.session, ClientSession)


async def count_uses_a_patched_pool_factory() -> None:
    with fakes.patch_async("db.create_pool", factory=True) as pool_factory:
        pool = fakes.async_double(Pool)
        pool.fetchval.returns(42)
        pool_factory.enters(pool)

        assert await UserService(fakes.async_double(ClientSession)).count("pg://") == 42

    pool_factory.assert_called_once_with("pg://")
    pool.fetchval.assert_awaited_once_with("SELECT count(*) FROM users")


async def main() -> None:
    with fakes.Ledger():
        await profile_reads_both_requests()
        await the_optional_attribute_is_a_double()
        await count_uses_a_patched_pool_factory()
    print("ok: string annotations, generic requests, Optional, factories")


if __name__ == "__main__":
    asyncio.run(main())
