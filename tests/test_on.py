"""fakes.on: the typed way to configure a double, through a builder."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from unittest import mock

import pytest

import fakes
from fakes.errors import (
    FakesAssertionError,
    FakesTypeError,
    ProtocolMismatchError,
    ScriptExhaustedError,
)


class UserRepo:
    async def get(self, user_id: int) -> dict[str, int]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


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


class Socket:
    def __aiter__(self) -> AsyncIterator[bytes]:
        raise NotImplementedError

    async def __aenter__(self) -> Socket:
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> None:
        raise NotImplementedError


class Pages:
    def __aiter__(self) -> Pages:
        return self

    async def __anext__(self) -> int:
        raise StopAsyncIteration


class Feed:
    async def stream(self, topic: str) -> AsyncIterator[int]:
        yield 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Session]:
        yield Session()

    def size(self) -> int:
        raise NotImplementedError


class Client:
    def __init__(self, url: str) -> None:
        raise NotImplementedError


class Handler:
    async def __call__(self, event: str) -> bool:
        raise NotImplementedError


async def fetch_user(user_id: int) -> dict[str, int]:
    raise NotImplementedError


def test_on_member_gives_a_builder_of_the_member():
    """on(repo.get) is a builder of repo.get: what it configures is on the double."""
    repo = fakes.async_double(UserRepo)

    builder = fakes.on(repo.get)

    assert isinstance(builder, fakes.AsyncMemberBuilder)
    assert repr(builder) == "fakes.on(UserRepo.get)"


async def test_on_returns_configures_async_member():
    """on(member).returns(value) makes the awaited member return value."""
    repo = fakes.async_double(UserRepo)

    fakes.on(repo.get).returns({"id": 1})

    assert await repo.get(1) == {"id": 1}


async def test_on_raises_configures_async_member():
    """on(member).raises(error) makes the awaited member raise error."""
    repo = fakes.async_double(UserRepo)

    fakes.on(repo.get).raises(KeyError("1"))

    with pytest.raises(KeyError):
        await repo.get(1)


def test_on_sync_member():
    """A sync member is configured the same way and returns without await."""
    repo = fakes.async_double(UserRepo)

    fakes.on(repo.close).returns(None)

    assert repo.close() is None


async def test_on_function_double():
    """A double of a function is itself the member to configure."""
    fetch = fakes.async_double(fetch_user)

    fakes.on(fetch).returns({"id": 2})

    assert await fetch(2) == {"id": 2}


def test_on_class_double():
    """A class double is callable: on() configures what calling it returns."""
    client_cls = fakes.async_double(Client, instance=False)
    client = object()

    fakes.on(client_cls).returns(client)

    assert client_cls("https://example.test") is client


async def test_on_callable_object_double_configures_its_call():
    """For a double of an object with __call__, on() gives that member."""
    handler = fakes.async_double(Handler())

    fakes.on(handler).returns(True)

    assert await handler("ping") is True


def test_on_non_double_is_refused():
    """Something that is not a double is refused with a message that helps."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.on(fetch_user)

    assert str(caught.value) == (
        "fakes.on() takes a callable double made by fakes.async_double(), such "
        "as a member of a double (fakes.on(repo.get)); got "
        f"{fetch_user!r} (function). Build the double with "
        "fakes.async_double(spec) and pass it, or one of its members, to "
        "fakes.on()."
    )


def test_on_plain_async_mock_is_refused():
    """A plain AsyncMock is not a fakes double: it has no returns()."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.on(mock.AsyncMock(name="fetch"))

    assert str(caught.value).startswith(
        "fakes.on() takes a callable double made by fakes.async_double(), such "
        "as a member of a double (fakes.on(repo.get)); got <AsyncMock name='fetch'"
    )


def test_on_object_double_is_refused():
    """A double of an instance cannot be called: on() asks for a member."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(FakesTypeError) as caught:
        fakes.on(repo)

    assert str(caught.value) == (
        "fakes.on() takes a callable double, or a double of an async iterable "
        "or async context manager, but UserRepo is a double of an object that "
        "is none of these: pass one of its members, as in fakes.on(repo.get)."
    )


async def test_on_script_configures_the_member():
    """on(member).script(...) performs one step per await, then is exhausted."""
    repo = fakes.async_double(UserRepo)

    fakes.on(repo.get).script({"id": 1}, KeyError("2"), fakes.delay(0, {"id": 3}))

    assert await repo.get(1) == {"id": 1}
    with pytest.raises(KeyError):
        await repo.get(2)
    assert await repo.get(3) == {"id": 3}
    with pytest.raises(ScriptExhaustedError) as caught:
        await repo.get(4)
    assert str(caught.value).startswith("UserRepo.get was called 4 times")


async def test_on_gate_holds_the_member():
    """on(member).gate() is the member's gate: it holds awaits until released."""
    repo = fakes.async_double(UserRepo)
    gate = fakes.on(repo.get).returns({"id": 1}).gate()

    task = asyncio.ensure_future(repo.get(1))
    await gate.wait_entered(1)
    gate.release_all()

    assert await task == {"id": 1}
    assert gate is fakes.on(repo.get).gate()


async def test_on_yields_of_async_generator_member():
    """on(member).yields(...) gives each call an iterator over the items."""
    feed = fakes.async_double(Feed)

    builder = fakes.on(feed.stream).yields(1, 2)

    assert [item async for item in feed.stream("a")] == [1, 2]
    assert [item async for item in feed.stream("b")] == [1, 2]
    builder.assert_exhausted()
    builder.assert_consumed(4)
    assert isinstance(builder, fakes.AsyncIterMemberBuilder)


async def test_on_yields_raises_after_the_items():
    """yields(..., raises=error) ends the iteration with that error."""
    feed = fakes.async_double(Feed)
    fakes.on(feed.stream).yields(1, raises=ConnectionError("gone"))
    seen = []

    async def consume():
        async for item in feed.stream("a"):
            seen.append(item)

    with pytest.raises(ConnectionError, match="gone"):
        await consume()
    assert seen == [1]


async def test_on_enters_of_async_context_member():
    """on(member).enters(value): async with member() gives value."""
    feed = fakes.async_double(Feed)
    session = Session()

    builder = fakes.on(feed.transaction).enters(session)

    async with feed.transaction() as entered:
        assert entered is session
    builder.assert_entered_once()
    builder.assert_exited_cleanly()
    assert isinstance(builder, fakes.AsyncContextMemberBuilder)


async def test_on_enters_of_class_double_configures_its_instances():
    """For a class double of a context manager, enters() configures the instance."""
    connection_cls = fakes.async_double(Connection, instance=False)
    session = Session()

    builder = fakes.on(connection_cls).enters(session)

    async with connection_cls() as entered:
        assert entered is session
    builder.assert_entered_once()


async def test_on_enters_of_context_double():
    """on(double).enters(value) for a double of an async context manager class."""
    connection = fakes.async_double(Connection)
    session = Session()

    builder = fakes.on(connection).enters(session)

    async def use():
        async with connection as entered:
            assert entered is session
            raise OSError("reset")

    with pytest.raises(OSError, match="reset"):
        await use()
    builder.assert_exited_with(OSError)
    assert isinstance(builder, fakes.AsyncContextBuilder)
    assert repr(builder) == "fakes.on(Connection)"


async def test_on_yields_of_iterable_double():
    """on(double).yields(...) for a double of an async iterable class."""
    ticker = fakes.async_double(Ticker)

    builder = fakes.on(ticker).yields(1, 2)

    assert [tick async for tick in ticker] == [1, 2]
    assert [tick async for tick in ticker] == [1, 2]
    assert isinstance(builder, fakes.AsyncIterableBuilder)


async def test_on_double_that_iterates_and_enters():
    """A double of a class that is both: one builder with yields and enters."""
    socket = fakes.async_double(Socket)

    builder = fakes.on(socket).enters(socket).yields(b"hi", b"bye")

    async with socket as opened:
        assert [message async for message in opened] == [b"hi", b"bye"]
    assert isinstance(builder, fakes.AsyncIterContextBuilder)


async def test_on_yields_of_class_double_of_an_iterator_class():
    """Each instance a class double of an iterator class makes iterates the items."""
    pages_cls = fakes.async_double(Pages, instance=False)

    fakes.on(pages_cls).yields(1, 2)

    assert [page async for page in pages_cls()] == [1, 2]
    assert [page async for page in pages_cls()] == [1, 2]


class Rows:
    def stream(self, query: str) -> AsyncIterator[int]:
        raise NotImplementedError


async def test_on_yields_iterator_assertions_of_class_double_and_iterator_method():
    """The iterator assertions of the builder see the iterators handed out."""
    pages_cls = fakes.async_double(Pages, instance=False)
    rows = fakes.async_double(Rows)
    pages = fakes.on(pages_cls).yields(1, 2)
    streamed = fakes.on(rows.stream).yields(3, 4)

    assert [page async for page in pages_cls()] == [1, 2]
    async for row in rows.stream("select"):
        assert row == 3
        break

    pages.assert_exhausted()
    pages.assert_consumed(2)
    streamed.assert_consumed(1)
    with pytest.raises(FakesAssertionError) as caught:
        streamed.assert_exhausted()
    assert str(caught.value) == (
        "Rows.stream('select') was expected to be iterated to the end, but 1 "
        "of its 2 items were consumed: the consumer stopped early."
    )


class Driver:
    """A database driver whose sync methods say nothing of what they return."""

    def acquire(self, *, timeout=None):
        raise NotImplementedError

    def cursor(self, query):
        raise NotImplementedError


async def test_on_unannotated_sync_member_enters():
    """fakes.on(member).enters() works on a sync member without a return annotation."""
    driver = fakes.async_double(Driver, name="pool")
    builder = fakes.on(driver.acquire).enters("conn")

    async with driver.acquire(timeout=1.0) as conn:
        pass

    assert conn == "conn"
    builder.assert_entered_once()
    builder.assert_exited_cleanly()


async def test_on_unannotated_sync_member_yields():
    """fakes.on(member).yields() works on a sync member without a return annotation."""
    driver = fakes.async_double(Driver, name="conn")
    builder = fakes.on(driver.cursor).yields(1, 2)

    rows = [row async for row in driver.cursor("SELECT 1")]

    assert rows == [1, 2]
    builder.assert_exhausted()
    builder.assert_consumed(2)


async def test_on_yields_of_async_member_is_refused_as_on_the_double():
    """Untyped code calling on(async member).yields() gets the double's refusal."""
    repo = fakes.async_double(UserRepo)
    fakes.on(repo.get).returns({"id": 1})
    builder: Any = fakes.on(repo.get)

    with pytest.raises(ProtocolMismatchError) as through_builder:
        builder.yields({"id": 2})
    with pytest.raises(ProtocolMismatchError) as on_double:
        repo.get.yields({"id": 2})  # type: ignore[attr-defined]

    assert str(through_builder.value) == (
        "UserRepo.get.yields() configures an async generator, but UserRepo.get "
        "is an async member.\nFix: use returns() or script() for it, or give "
        "the double a spec whose member is an async generator."
    )
    assert str(on_double.value) == str(through_builder.value)
    assert await repo.get(1) == {"id": 1}
    repo.get.assert_awaited_once_with(1)


def test_on_configuration_a_builder_leaves_out_is_refused_by_the_double():
    """A short form a builder lacks refuses as the double's does, not AttributeError."""
    repo = fakes.async_double(UserRepo)
    feed = fakes.async_double(Feed)
    cases: list[tuple[Any, str, tuple[Any, ...]]] = [
        (repo.get, "enters", (Session(),)),
        (repo.close, "gate", ()),
        (feed.stream, "gate", ()),
        (repo.get, "assert_exhausted", ()),
    ]

    pairs = []
    for member, name, args in cases:
        with pytest.raises(ProtocolMismatchError) as through_builder:
            getattr(fakes.on(member), name)(*args)
        with pytest.raises(ProtocolMismatchError) as on_double:
            getattr(member, name)(*args)
        pairs.append((str(through_builder.value), str(on_double.value)))

    assert [builder == double for builder, double in pairs] == [True] * 4
    assert pairs[1][0] == (
        "UserRepo.close.gate() holds awaits, but UserRepo.close is a sync "
        "member that is not awaited.\nFix: gate an async member instead."
    )
    with pytest.raises(AttributeError):
        fakes.on(repo.get).no_such_form  # type: ignore[attr-defined]  # noqa: B018
