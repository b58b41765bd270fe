"""async_double: spec awareness, laziness, signatures and bad input."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import inspect
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from unittest import mock

import pytest

import fakes
from fakes._double import ClassDouble
from fakes.errors import (
    AwaitedSyncMemberError,
    FakesTypeError,
    SignatureMismatchError,
    SpecError,
    UnknownAttributeError,
)


class Session:
    async def commit(self) -> None: ...


class UserRepo:
    timeout = 5
    session: Session

    async def get(self, user_id: int) -> dict[str, int]:
        raise NotImplementedError

    async def save(self, user: dict[str, int], *, force: bool = False) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    async def stream(self) -> AsyncIterator[int]:
        yield 1

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Session]:
        yield Session()

    @property
    def size(self) -> int:
        raise AssertionError("a property of the spec must never run")

    @classmethod
    async def connect(cls, url: str) -> UserRepo:
        raise NotImplementedError

    @staticmethod
    def version() -> str:
        raise NotImplementedError


async def fetch_user(user_id: int) -> dict[str, int]:
    raise NotImplementedError


def parse(text: str) -> int:
    raise NotImplementedError


def test_async_double_of_class_is_instance_of_spec():
    """An instance double passes isinstance checks against its spec."""
    repo = fakes.async_double(UserRepo)

    assert isinstance(repo, UserRepo)


async def test_async_double_async_member_returns_configured_value():
    """An async member is awaitable and returns what returns() set."""
    repo = fakes.async_double(UserRepo)
    repo.get.returns({"id": 1})

    result = await repo.get(1)

    assert result == {"id": 1}
    repo.get.assert_awaited_once_with(1)


async def test_async_double_raises_configured_exception():
    """raises() makes every await raise the exception."""
    repo = fakes.async_double(UserRepo)
    repo.get.raises(KeyError("1"))

    with pytest.raises(KeyError):
        await repo.get(1)


def test_async_double_sync_member_is_plain_callable():
    """A def member is called without await and returns its value."""
    repo = fakes.async_double(UserRepo)
    repo.close.returns("closed")

    assert repo.close() == "closed"
    repo.close.assert_called_once_with()


def test_async_double_members_are_built_lazily():
    """Creating a double reads no member; the first access builds one."""
    repo = fakes.async_double(UserRepo)

    assert "get" not in repo._mock_children
    _ = repo.get
    assert "get" in repo._mock_children
    assert repo.get is repo.get


def test_async_double_property_is_not_evaluated():
    """A property of the spec never runs: the member is a double."""
    repo = fakes.async_double(UserRepo)

    size = repo.size

    assert size is not None


def test_async_double_class_constant_is_kept():
    """An immutable class constant reads as its real value."""
    repo = fakes.async_double(UserRepo)

    assert repo.timeout == 5


async def test_async_double_annotated_attribute_is_nested_double():
    """An attribute annotated with a class is a double of that class."""
    repo = fakes.async_double(UserRepo)

    await repo.session.commit()

    assert isinstance(repo.session, Session)
    repo.session.commit.assert_awaited_once_with()


async def test_async_double_classmethod_and_staticmethod():
    """Class and static methods keep their kind and signature."""
    repo = fakes.async_double(UserRepo)
    repo.version.returns("1")

    await repo.connect("db://")

    assert repo.version() == "1"
    with pytest.raises(SignatureMismatchError):
        repo.connect()


async def test_async_double_async_generator_member_is_empty_iterator():
    """An async generator member returns an async iterator (empty here)."""
    repo = fakes.async_double(UserRepo)

    items = [item async for item in repo.stream()]

    assert items == []


async def test_async_double_async_context_manager_member():
    """An @asynccontextmanager member works in async with."""
    repo = fakes.async_double(UserRepo)

    async with repo.transaction() as session:
        assert session is not None


async def test_async_double_of_async_function():
    """A double of an async function checks its signature and records."""
    fetch = fakes.async_double(fetch_user).returns({"id": 2})

    assert await fetch(2) == {"id": 2}
    fetch.assert_awaited_once_with(2)


def test_async_double_of_sync_function():
    """A double of a sync function is a plain callable."""
    double = fakes.async_double(parse).returns(3)

    assert double("3") == 3


async def test_async_double_of_instance_uses_instance_attributes():
    """A double of an instance knows attributes set on that instance."""
    real = UserRepo()
    real.region = "eu"  # type: ignore[attr-defined]

    repo = fakes.async_double(real)

    assert repo.region == "eu"
    await repo.get(1)


def test_async_double_class_double_returns_instance_double():
    """With instance=False, calling the double returns an instance double."""
    repo_cls = fakes.async_double(UserRepo, instance=False)

    repo = repo_cls()

    assert repo is repo_cls.return_value
    assert isinstance(repo, UserRepo)
    repo_cls.assert_called_once_with()


async def test_async_double_without_spec_behaves_like_async_mock():
    """A spec-less double is an AsyncMock."""
    double = fakes.async_double(name="anything")

    await double.child(1)

    assert isinstance(double, mock.AsyncMock)
    double.child.assert_awaited_once_with(1)


async def test_async_double_async_with_on_class_with_aenter():
    """A spec with __aenter__/__aexit__ makes the double an async CM."""

    class Connection:
        async def __aenter__(self) -> Connection:
            return self

        async def __aexit__(self, *exc_info: object) -> None: ...

    conn = fakes.async_double(Connection)

    async with conn:
        pass

    conn.__aenter__.assert_awaited_once_with()


def test_async_double_bad_spec_message():
    """A value that cannot be a spec is refused with a clear message."""
    with pytest.raises(SpecError) as caught:
        fakes.async_double(42)

    assert str(caught.value) == (
        "async_double() cannot use 42 (int) as a spec: pass an async function, "
        "a function, a class or an instance of a class, or only name=... for a "
        "double without a spec."
    )


def test_async_double_unknown_attribute_message():
    """An unknown attribute names the spec and suggests close names."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(UnknownAttributeError) as caught:
        _ = repo.gett

    assert isinstance(caught.value, AttributeError)
    assert str(caught.value) == (
        "UserRepo has no attribute 'gett'. Did you mean 'get'? A double has "
        "only the members of its spec: add 'gett' to UserRepo, or set it on "
        "the double before using it."
    )


def test_async_double_call_that_does_not_bind_fails_at_call_time():
    """A bad call raises TypeError when made, naming the member's signature."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(SignatureMismatchError) as caught:
        repo.get(1, 2)

    assert isinstance(caught.value, TypeError)
    assert str(caught.value) == (
        "UserRepo.get(1, 2) does not match the signature "
        "UserRepo.get(user_id: int) -> dict[str, int]: too many positional "
        "arguments"
    )


def test_async_double_missing_keyword_only_argument_message():
    """A missing required argument is named in the message."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(SignatureMismatchError) as caught:
        repo.save()

    assert str(caught.value) == (
        "UserRepo.save() does not match the signature UserRepo.save(user: "
        "dict[str, int], *, force: bool = False) -> None: missing a required "
        "argument: 'user'"
    )


async def test_async_double_awaiting_sync_member_message():
    """Awaiting the result of a sync member says the member is sync."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(AwaitedSyncMemberError) as caught:
        await repo.version()

    assert str(caught.value) == (
        "UserRepo.version is a sync member of the spec, so its result cannot "
        "be awaited: call it without 'await', or make UserRepo.version "
        "'async def' in the spec."
    )


def test_async_double_returns_with_two_values_message():
    """returns() takes exactly one value."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(FakesTypeError) as caught:
        repo.get.returns(1, 2)

    assert str(caught.value) == (
        "UserRepo.get.returns() takes exactly one value, got 2: pass a tuple "
        "to return a tuple, or use script() to return one value per call."
    )


def test_async_double_raises_with_non_exception_message():
    """raises() refuses a value that is not an exception."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(FakesTypeError) as caught:
        repo.get.raises("boom")

    assert str(caught.value) == (
        "UserRepo.get.raises() takes an exception instance or class, got "
        "'boom'; to return the value use returns()."
    )


def test_async_double_never_awaited_call_still_warns():
    """A dropped, never-awaited call warns as Python would."""
    fetch = fakes.async_double(fetch_user)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fetch(1)
        gc.collect()

    assert any("was never awaited" in str(w.message) for w in caught)


async def test_async_double_cancellation_is_recorded(fakes_ledger):
    """An await cancelled while running records a cancelled event."""
    fetch = fakes.async_double(name="fetch")

    async def wait_forever() -> None:
        await asyncio.Event().wait()

    fetch.side_effect = wait_forever

    task = asyncio.ensure_future(fetch())
    await asyncio.sleep(0)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task

    assert [event.kind for event in fakes_ledger] == [
        "called",
        "started",
        "cancelled",
    ]


def test_async_double_none_returning_sync_member_returns_none():
    """A sync member annotated -> None returns None until configured."""
    repo = fakes.async_double(UserRepo)

    result = repo.close()

    assert result is None


def test_async_double_printing_a_value_member_records_nothing(fakes_ledger):
    """str() of a property's double is not a call the test made: no events."""
    repo = fakes.async_double(UserRepo)

    text = str(repo.size)

    assert text
    assert len(fakes_ledger) == 0


class Signatures:
    class Options:
        async def load(self) -> None:
            raise NotImplementedError

    async def positional(self, a: int, /, b: int, *, c: int, d: int = 0) -> None:
        raise NotImplementedError

    async def variadic(self, *args: int, key: str, **kwargs: int) -> None:
        raise NotImplementedError

    @staticmethod
    async def tool(a: int, /) -> None:
        raise NotImplementedError

    @classmethod
    async def make(cls, a: int) -> None:
        raise NotImplementedError


@pytest.mark.parametrize(
    ("member", "args", "kwargs", "fits"),
    [
        ("positional", (1, 2), {"c": 3}, True),
        ("positional", (1,), {"b": 2, "c": 3, "d": 4}, True),
        ("positional", (), {"a": 1, "b": 2, "c": 3}, False),
        ("positional", (1, 2, 3), {}, False),
        ("positional", (1, 2), {}, False),
        ("variadic", (1, 2, 3), {"key": "k", "x": 1}, True),
        ("variadic", (1,), {}, False),
        ("tool", (1,), {}, True),
        ("tool", (), {"a": 1}, False),
        ("tool", (1,), {"b": 2}, False),
        ("make", (1,), {}, True),
        ("make", (1, 2), {}, False),
    ],
)
def test_async_double_signature_kinds(member, args, kwargs, fits):
    """Positional-only, keyword-only, variadic, static and class methods bind."""
    double = getattr(fakes.async_double(Signatures), member)

    if fits:
        double(*args, **kwargs).close()
    else:
        with pytest.raises(SignatureMismatchError):
            double(*args, **kwargs)


@pytest.mark.parametrize(
    ("member", "args", "kwargs"),
    [
        ("positional", (1, 2), {"c": 3}),
        ("positional", (1,), {"b": 2, "c": 3, "d": 4}),
        ("variadic", (1, 2, 3), {"key": "k", "x": 1}),
        ("variadic", (), {"key": "k"}),
        ("tool", (1,), {}),
        ("make", (1,), {}),
    ],
)
def test_async_double_fitting_call_never_runs_signature_bind(
    monkeypatch, member, args, kwargs
):
    """A call that fits is checked by a compiled function, not Signature.bind."""
    double = getattr(fakes.async_double(Signatures), member)

    def refuse(*args, **kwargs):
        raise AssertionError("Signature.bind ran for a call that fits")

    monkeypatch.setattr(inspect.Signature, "bind", refuse)

    double(*args, **kwargs).close()

    assert double.call_args == mock.call(*args, **kwargs)


async def test_async_double_member_labels_and_kinds():
    """Static, class and nested-class members are labelled by their spec."""
    double = fakes.async_double(Signatures)

    await double.tool(1)
    await double.make(1)
    await double.Options().load()

    names = [event.name for event in fakes.current_ledger().events("started")]
    assert names == ["Signatures.tool", "Signatures.make", "Signatures.Options.load"]
    assert isinstance(double.Options, ClassDouble)


async def load(a, b: int = 1, /, c=2, *args: str, d, e: bool = False, **kwargs): ...


async def pick(key, /, *, default: str | None = None) -> str: ...


async def only(x, /): ...


async def typed(x): ...


typed.__annotations__ = {"x": int, "return": list[int]}


@pytest.mark.parametrize(
    ("spec", "signature", "error"),
    [
        (
            load,
            "load(a, b: int = 1, /, c=2, *args: str, d, e: bool = False, **kwargs)",
            "missing a required argument: 'd'",
        ),
        (
            pick,
            "pick(key, /, *, default: str | None = None) -> str",
            "too many positional arguments",
        ),
        (only, "only(x, /)", "too many positional arguments"),
        (typed, "typed(x: int) -> list[int]", "too many positional arguments"),
    ],
)
def test_async_double_signature_mismatch_shows_every_kind_of_parameter(
    spec, signature, error
):
    """The signature in the message is written as in the source."""
    double = fakes.async_double(spec)

    with pytest.raises(SignatureMismatchError) as caught:
        double(1, 2, 3, 4, 5, z=6)

    assert str(caught.value) == (
        f"{spec.__name__}(1, 2, 3, 4, 5, z=6) does not match the signature "
        f"{signature}: {error}"
    )
