"""fakes.AsyncDouble and fakes.SyncDouble: drop-ins for AsyncMock and MagicMock."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator
from unittest import mock

import pytest

import fakes


async def fetch_user(user_id: int, *, fresh: bool = False) -> dict[str, int]:
    raise NotImplementedError


def parse(text: str) -> int:
    raise NotImplementedError


class Repo:
    async def get(self, user_id: int) -> dict[str, int]:
        raise NotImplementedError

    async def __aenter__(self) -> Repo:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def stream(self) -> AsyncIterator[int]:
        yield 1

    def close(self) -> None:
        raise NotImplementedError


class Holder:
    """What ``patch`` and ``patch_async`` replace members of."""

    fetch = staticmethod(fetch_user)
    repo = Repo()


def test_async_double_class_is_public():
    """Both classes are in the facade's ``__all__`` and are the library's own."""
    names = set(fakes.__all__)

    assert {"AsyncDouble", "SyncDouble"} <= names
    assert issubclass(fakes.AsyncDouble, mock.AsyncMock)
    assert issubclass(fakes.SyncDouble, mock.MagicMock)


def _awaitable_doubles() -> dict[str, object]:
    """One awaitable double of each way a test can come by one."""
    with fakes.patch_async(f"{__name__}.Holder.fetch") as patched_function:
        pass
    with fakes.patch_async.object(Holder, "repo") as patched_object:
        pass
    with mock.patch.object(Holder, "fetch", new_callable=fakes.AsyncDouble) as new:
        pass
    return {
        "spec-less": fakes.async_double(),
        "named": fakes.async_double(name="fetch"),
        "async function": fakes.async_double(fetch_user),
        "member of a class double": fakes.async_double(Repo).get,
        "member of an instance double": fakes.async_double(Repo()).get,
        "__aenter__ of a spec": fakes.async_double(Repo).__aenter__,
        "member of a class double's instance": fakes.async_double(
            Repo, instance=False
        )().get,
        "child of a spec-less double": fakes.async_double().child.grandchild,
        "__aenter__ of a SyncDouble": fakes.SyncDouble().__aenter__,
        "__anext__ of a SyncDouble": fakes.SyncDouble().__anext__,
        "patch_async of a function": patched_function,
        "member of a patch_async object": patched_object.get,
        "new_callable": new,
        "built directly": fakes.AsyncDouble(),
        "spec=": fakes.AsyncDouble(spec=fetch_user),
        "spec_set=": fakes.AsyncDouble(spec_set=Repo).get,
        "return_value=": fakes.AsyncDouble(return_value=1),
        "side_effect=": fakes.AsyncDouble(side_effect=KeyError),
        "wraps=": fakes.AsyncDouble(wraps=fetch_user),
    }


@pytest.mark.parametrize("shape", list(_awaitable_doubles()))
def test_async_double_class_every_awaitable_double_is_one(shape):
    """Whatever built it, an awaitable double is a ``fakes.AsyncDouble``."""
    double = _awaitable_doubles()[shape]

    is_double = isinstance(double, fakes.AsyncDouble)

    assert is_double
    assert inspect.iscoroutinefunction(double)


async def test_async_double_class_new_callable_of_patch():
    """``patch(..., new_callable=fakes.AsyncDouble)`` records what it stands in for."""
    target = f"{__name__}.fetch_user"
    with (
        fakes.Ledger() as ledger,
        mock.patch(target, new_callable=fakes.AsyncDouble) as f,
    ):
        f.return_value = {"id": 1}

        result = await fetch_user(1)

    assert result == {"id": 1}
    f.assert_awaited_once_with(1)
    assert [(event.kind, event.name) for event in ledger.events()] == [
        ("called", "fetch_user"),
        ("started", "fetch_user"),
        ("returned", "fetch_user"),
    ]


async def test_async_double_class_spec_matches_through_the_signature():
    """``AsyncDouble(spec=fn)`` matches keywords to positions as ``AsyncMock`` does."""
    double = fakes.AsyncDouble(spec=fetch_user)

    await double(1)

    double.assert_awaited_once_with(user_id=1)
    with pytest.raises(AssertionError):
        double.assert_awaited_with(user_id=2)


async def test_async_double_class_return_value_and_side_effect():
    """``return_value=`` and each kind of ``side_effect=`` act as on ``AsyncMock``."""

    async def double_it(value: int) -> int:
        return value * 2

    returning = fakes.AsyncDouble(return_value=1)
    listed = fakes.AsyncDouble(side_effect=[1, KeyError("k")])
    computed = fakes.AsyncDouble(side_effect=double_it)
    raising = fakes.AsyncDouble(side_effect=ValueError("v"))

    assert await returning() == 1
    assert await listed() == 1
    with pytest.raises(KeyError):
        await listed()
    with pytest.raises(StopAsyncIteration):
        await listed()
    assert await computed(4) == 8
    with pytest.raises(ValueError, match="v"):
        await raising()


async def test_async_double_class_short_forms_on_a_built_double():
    """A double built with the class takes ``returns()``, ``script()``, ``when()``."""
    double = fakes.AsyncDouble(name="fetch")
    double.script(1, 2)
    other = fakes.AsyncDouble(name="other")
    other.when(1).returns("one")

    results = [await double(), await double(), await other(1)]

    assert results == [1, 2, "one"]
    fakes.assert_awaited_in_order(double, other)


async def test_async_double_class_spec_of_a_class_like_create_autospec():
    """``AsyncDouble(spec_set=Repo)``: async members await, unknown ones are refused."""
    double = fakes.AsyncDouble(spec_set=Repo)
    double.get.return_value = {"id": 1}

    result = await double.get(1)

    assert result == {"id": 1}
    double.get.assert_awaited_once_with(1)
    with pytest.raises(AttributeError):
        double.missing = 1


async def test_async_double_class_search_and_replace_of_async_mock():
    """Code written for ``AsyncMock`` runs unchanged with ``fakes.AsyncDouble``."""
    session = fakes.AsyncDouble()
    session.__aenter__.return_value.get.return_value = "body"

    async with session as client:
        body = await client.get("/")

    assert body == "body"
    session.__aenter__.assert_awaited_once()
    session.__aenter__.return_value.get.assert_awaited_once_with("/")


def test_sync_double_class_is_a_magic_mock_drop_in():
    """``fakes.SyncDouble`` takes ``MagicMock``'s arguments; also new_callable."""
    double = fakes.SyncDouble(spec=parse, return_value=3)

    with mock.patch(f"{__name__}.parse", new_callable=fakes.SyncDouble) as patched:
        patched.return_value = 4
        result = parse("4")

    assert double("3") == 3
    with pytest.raises(AttributeError):
        double.missing  # noqa: B018 - the read is the act
    assert result == 4
    patched.assert_called_once_with("4")


def test_async_double_class_awaited_from_asyncio_run():
    """A double built with the class is awaited outside any test runner."""
    double = fakes.AsyncDouble(return_value="ok")

    result = asyncio.run(double())

    assert result == "ok"
    double.assert_awaited_once_with()
