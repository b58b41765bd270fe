"""fakes.on: the typed way to configure a member returns the double itself."""

from __future__ import annotations

from unittest import mock

import pytest

import fakes
from fakes.errors import FakesTypeError


class UserRepo:
    async def get(self, user_id: int) -> dict[str, int]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class Client:
    def __init__(self, url: str) -> None:
        raise NotImplementedError


class Handler:
    async def __call__(self, event: str) -> bool:
        raise NotImplementedError


async def fetch_user(user_id: int) -> dict[str, int]:
    raise NotImplementedError


def test_on_member_returns_the_double_itself():
    """on(repo.get) is repo.get, so everything it configures is on the double."""
    repo = fakes.async_double(UserRepo)

    builder = fakes.on(repo.get)

    assert builder is repo.get


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
        "fakes.on() takes a callable double, but UserRepo is a double of an "
        "object, which cannot be called: pass one of its members, as in "
        "fakes.on(repo.get)."
    )
