"""Classes shaped like those of async client libraries, with string annotations.

Every annotation here is a string (``from __future__ import annotations``),
as in most libraries that support several Python versions.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
from collections.abc import Generator
from typing import Any, Generic, NamedTuple, Optional, TypeVar

from typing_extensions import Self

T = TypeVar("T")
_ConnT = TypeVar("_ConnT", bound="Connection")


class StreamReader:
    async def read(self, n: int = -1) -> bytes:
        raise NotImplementedError


class ClientResponse:
    status: int
    content: StreamReader = None  # type: ignore[assignment]

    async def json(self) -> Any:
        raise NotImplementedError

    async def text(self) -> str:
        raise NotImplementedError


class _RequestContextManager(Generic[T]):
    """Awaited or entered, as an HTTP client's request is."""

    def __await__(self) -> Generator[Any, None, T]:
        raise NotImplementedError

    async def __aenter__(self) -> T:
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> None:
        raise NotImplementedError


class Retry(enum.Enum):
    NEVER = "never"
    ALWAYS = "always"


@dataclasses.dataclass(frozen=True)
class Timeout:
    total: float = 30.0


class ClientSession:
    """An HTTP session: requests are awaited or used in ``async with``."""

    retry = Retry.NEVER
    timeout = Timeout()
    idle = datetime.timedelta(seconds=15)
    price = decimal.Decimal("0.10")
    methods = (Retry.NEVER, Timeout(1.0))

    def get(self, url: str) -> _RequestContextManager[ClientResponse]:
        raise NotImplementedError

    def post(self, url: str, data: bytes) -> "RequestCM":  # noqa: UP037
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> None:
        raise NotImplementedError


class RequestCM:
    async def __aenter__(self) -> ClientResponse:
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> None:
        raise NotImplementedError


class Transaction:
    async def __aenter__(self) -> "Transaction":  # noqa: UP037
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> None:
        raise NotImplementedError

    async def rollback(self) -> None:
        raise NotImplementedError


class Connection:
    async def __aenter__(self: _ConnT) -> _ConnT:
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> None:
        raise NotImplementedError

    async def fetchval(self, query: str) -> Any:
        raise NotImplementedError

    def transaction(self) -> Transaction:
        raise NotImplementedError


class Pool:
    async def close(self) -> None:
        raise NotImplementedError


class Client:
    """Attributes annotated in the three spellings of "maybe a session"."""

    session: ClientSession | None
    backup: Optional[ClientSession]  # noqa: UP045
    pool: "Pool | None" = None  # noqa: UP037
    connection: Connection = None  # type: ignore[assignment]
    retries: int | None = None
    name: Optional[str] = None  # noqa: UP045


class Point(NamedTuple):
    x: int
    y: int


class Token:
    """A class made by ``__new__`` alone, as immutable values often are."""

    def __new__(cls, value: str, *, scope: str = "read") -> Token:
        raise NotImplementedError


def create_pool(dsn: str, *, min_size: int = 1) -> Any:
    """A sync factory whose result is awaited or entered (not annotated)."""
    raise NotImplementedError


def open_file(path: str, mode: str = "r") -> Any:
    raise NotImplementedError


def open_request(url: str) -> RequestCM:
    """A sync factory whose annotation says it returns an async context manager."""
    raise NotImplementedError


class Cursor:
    """Its own async iterator, as a database cursor is."""

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> tuple[Any, ...]:
        raise StopAsyncIteration


class Pipeline:
    """Entered, or used directly: ``pipe.set(...)`` then ``await pipe.execute()``."""

    def set(self, key: str, value: object) -> Pipeline:
        raise NotImplementedError

    async def execute(self) -> list[Any]:
        raise NotImplementedError

    async def __aenter__(self) -> Pipeline:
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> None:
        raise NotImplementedError


class Redis:
    def pipeline(self, transaction: bool = True) -> Pipeline:
        raise NotImplementedError
