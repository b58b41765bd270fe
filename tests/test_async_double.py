"""async_double: spec awareness, laziness, signatures and bad input."""

from __future__ import annotations

import abc
import asyncio
import collections
import contextlib
import functools
import gc
import inspect
import threading
import types
import typing
import warnings
import weakref
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Callable,
    Sequence,
)
from contextlib import asynccontextmanager
from typing import Any, ClassVar, Generic, Literal, TypeVar
from unittest import mock

import pytest
import typing_extensions
from tests.soundness import assert_frames_hidden

import fakes
from fakes._double.doubles import AsyncDouble, SyncDouble
from fakes._double.fastmock import public_class
from fakes._double.object_doubles import ClassDouble
from fakes._double.state import state_of
from fakes.errors import (
    AwaitedSyncMemberError,
    FakesAssertionError,
    FakesTypeError,
    ProtocolMismatchError,
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
        "UserRepo.version() was awaited, but UserRepo.version is a sync member "
        "of the spec (a plain 'def', not annotated as returning an awaitable), "
        "so its result cannot be awaited.\n"
        "Fix: call it without 'await', or make UserRepo.version 'async def' "
        "in the spec (or annotate it as returning Awaitable[...])."
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

    def refuse(*args, **kwargs):
        raise AssertionError("Signature.bind ran for a call that fits")

    monkeypatch.setattr(inspect.Signature, "bind", refuse)
    # A new class: its members are read, and their checkers made, from here on.
    fresh = type("Fresh", (Signatures,), {})
    double = getattr(fakes.async_double(fresh), member)

    double(*args, **kwargs).close()

    assert double.call_args == mock.call(*args, **kwargs)


async def test_async_double_member_labels_and_kinds():
    """Static, class and nested-class members are labelled by their path."""
    double = fakes.async_double(Signatures)

    await double.tool(1)
    await double.make(1)
    await double.Options().load()

    names = [event.name for event in fakes.current_ledger().events("started")]
    assert names == ["Signatures.tool", "Signatures.make", "Signatures.Options().load"]
    assert isinstance(double.Options, ClassDouble)


@pytest.mark.parametrize(
    "check",
    [
        lambda repo: repo.stream.assert_exhausted(),
        lambda repo: repo.stream.assert_closed(),
        lambda repo: repo.stream.assert_consumed(1),
        lambda repo: repo.transaction.assert_entered_once(),
        lambda repo: repo.transaction.assert_exited_with(KeyError),
        lambda repo: repo.transaction.assert_exited_cleanly(),
    ],
    ids=[
        "assert_exhausted",
        "assert_closed",
        "assert_consumed",
        "assert_entered_once",
        "assert_exited_with",
        "assert_exited_cleanly",
    ],
)
def test_async_double_member_assertions_hide_their_frames(check):
    """A failing protocol assertion of a member hides the library's frames."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(FakesAssertionError) as caught:
        check(repo)

    assert_frames_hidden(caught)


async def test_async_double_stdlib_call_path_records_the_await(fakes_ledger):
    """Called through the stdlib's ``__call__``, a double still records its await."""
    double = fakes.async_double(name="fetch")
    double.side_effect = lambda *args, **kwargs: (args, kwargs)

    result = await mock.AsyncMock.__call__(double, 1, key=2)

    assert result == ((1,), {"key": 2})
    assert [(event.kind, event.name) for event in fakes_ledger] == [
        ("called", "fetch"),
        ("started", "fetch"),
        ("returned", "fetch"),
    ]
    assert fakes_ledger.events("called")[0].args == (1,)
    assert fakes_ledger.events("called")[0].kwargs == {"key": 2}
    double.assert_awaited_once_with(1, key=2)


def test_async_double_dir_lists_spec_members():
    """dir() of a double of an instance or a class lists the spec's members."""
    repo = fakes.async_double(UserRepo)
    repo_cls = fakes.async_double(UserRepo, instance=False)

    listed = [dir(repo), dir(repo_cls)]

    for names in listed:
        assert names == sorted(names)
        assert {"get", "save", "stream", "transaction", "timeout", "version"} <= set(
            names
        )
        assert {"assert_called_once_with", "returns", "reset_mock"} <= set(names)


def test_async_double_deleted_member_message():
    """A deleted member is refused with a message that says how to restore it."""
    repo = fakes.async_double(UserRepo)
    del repo.get

    with pytest.raises(UnknownAttributeError) as caught:
        _ = repo.get

    assert str(caught.value) == (
        "UserRepo.get was deleted from the double; set it again to use it."
    )


class Settings:
    options: dict[str, int]


def test_async_double_value_member_records_method_calls(fakes_ledger):
    """Calls of a method of a data attribute's double are recorded."""
    settings = fakes.async_double(Settings)

    settings.options.get("retries")

    assert [(event.kind, event.name) for event in fakes_ledger] == [
        ("called", "Settings.options.get"),
        ("returned", "Settings.options.get"),
    ]
    assert settings.mock_calls == [mock.call.options.get("retries")]


async def test_async_double_context_member_enters_a_double_of_its_class():
    """By default a context member enters a double of its annotated class."""
    repo = fakes.async_double(UserRepo, name="repo")

    async with repo.transaction() as session:
        await session.commit()

    assert repr(session).startswith("<ObjectDouble name='repo.transaction()'")
    assert repo.mock_calls == [
        mock.call.transaction(),
        mock.call.transaction().commit(),
    ]
    with pytest.raises(ProtocolMismatchError) as caught:
        session.gate()
    assert str(caught.value) == (
        "repo.transaction().gate() holds awaits, but repo.transaction() "
        "is a double of an object that is not awaited.\nFix: gate an async member "
        "instead."
    )


class Pool:
    @asynccontextmanager
    async def acquire(self):
        yield None


async def test_async_double_unannotated_context_member_enters_a_child(fakes_ledger):
    """Without an annotation a context member enters a child double of its call."""
    pool = fakes.async_double(Pool)

    async with pool.acquire() as connection:
        connection.ping(1)

    assert [event.name for event in fakes_ledger.events("called")] == [
        "Pool.acquire",
        "Pool.acquire().ping",
    ]
    assert pool.acquire.mock_calls == [mock.call(), mock.call().ping(1)]


class traced:  # noqa: N801 - a decorator, named as one
    """A decorator made of a class: the wrapper keeps ``__wrapped__``."""

    def __init__(self, func):
        functools.update_wrapper(self, func)
        self.func = func

    def __call__(self, *args, **kwargs):
        return self.func(*args, **kwargs)


@traced
def lookup(key: str) -> int:
    raise NotImplementedError


def test_async_double_of_wrapper_object_checks_the_wrapped_signature():
    """A callable object with ``__wrapped__`` is a double of the wrapped function."""
    double = fakes.async_double(lookup)

    with pytest.raises(SignatureMismatchError) as caught:
        double("a", "b")

    assert str(caught.value) == (
        "lookup('a', 'b') does not match the signature lookup(key: str) -> int: "
        "too many positional arguments"
    )


class Connection:
    async def __aenter__(self) -> Connection:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        return None


def test_async_double_protocol_methods_are_on_the_class():
    """A spec's protocol methods are attributes of the double's class."""
    conn = fakes.async_double(Connection)

    names = [hasattr(type(conn), name) for name in ("__aenter__", "__aexit__")]

    assert names == [True, True]
    assert "__aenter__" not in conn.__dict__


class Codec:
    def encode(self, text):
        raise NotImplementedError


def test_async_double_gate_on_sync_result_message():
    """gate() on the default result of a sync member says it is a sync double."""
    codec = fakes.async_double(Codec)
    result = codec.encode.return_value

    with pytest.raises(ProtocolMismatchError) as caught:
        result.gate()

    assert str(caught.value) == (
        "Codec.encode().gate() holds awaits, but Codec.encode() is a sync "
        "double that is not awaited.\nFix: gate an async member instead."
    )


T = TypeVar("T")


class Box(Generic[T]):
    def open(self) -> T:
        raise NotImplementedError


class Catalog:
    tags: ClassVar[list[str]] = ["new"]
    session: Session
    box: Box[Session]
    count: int
    anything: Any
    numbers: Sequence[int]
    namespace: types.SimpleNamespace
    base: abc.ABC
    context: contextlib.AbstractContextManager[int]
    number: typing_extensions.SupportsInt
    item_type = TypeVar("item_type")
    default_session = Session()
    guard = threading.Lock()
    shout = str.upper

    class Options:
        async def load(self) -> None:
            raise NotImplementedError

    async def get(self, key: int) -> None:
        raise NotImplementedError

    @staticmethod
    async def tool(key: int) -> None:
        raise NotImplementedError

    @classmethod
    async def make(cls, key: int) -> None:
        raise NotImplementedError

    async def _call(self, method: str, key: int) -> None:
        raise NotImplementedError

    get_partial = functools.partial(_call, None, "GET")
    get_method = functools.partialmethod(_call, "GET")

    @property
    def size(self) -> int:
        raise AssertionError("a property of the spec must never run")

    @property
    def owner(self) -> Session:
        raise AssertionError("a property of the spec must never run")


@pytest.mark.parametrize("member", ["get", "tool", "make", "get_partial", "get_method"])
async def test_async_double_each_kind_of_async_member_is_labelled_and_checked(member):
    """Methods, static and class methods, partials: async, named, with signature."""
    double = getattr(fakes.async_double(Catalog), member)

    with pytest.raises(SignatureMismatchError) as caught:
        double(1, 2)
    await double(1)

    assert str(caught.value) == (
        f"Catalog.{member}(1, 2) does not match the signature "
        f"Catalog.{member}(key: int) -> None: too many positional arguments"
    )
    double.assert_awaited_once_with(1)


@pytest.mark.parametrize(
    ("instance", "fitting", "message"),
    [
        (
            True,
            (),
            "Catalog.shout(1) does not match the signature Catalog.shout(): "
            "too many positional arguments",
        ),
        (
            False,
            ("text",),
            "Catalog.shout('text', 1) does not match the signature "
            "Catalog.shout(self, /): "
            "too many positional arguments",
        ),
    ],
)
def test_async_double_method_descriptor_member_is_sync_and_bound(
    instance, fitting, message
):
    """A builtin method of the spec takes no self on instances, self on the class."""
    double = fakes.async_double(Catalog, instance=instance).shout

    with pytest.raises(SignatureMismatchError) as caught:
        double(*fitting, 1)
    double(*fitting)

    assert str(caught.value) == message
    assert double.call_args == mock.call(*fitting)


@pytest.mark.parametrize(
    ("member", "kind"),
    [
        ("tags", "a double of an object"),
        ("count", "a double of an object"),
        ("size", "a double of an object"),
        ("guard", "a double of an object"),
        ("session", "a double of an object"),
        ("owner", "a double of an object"),
        ("default_session", "a double of an object"),
        ("Options", "a class member"),
    ],
)
def test_async_double_data_members_are_labelled_by_their_path(member, kind):
    """Values, annotated attributes, properties, nested classes: named by path."""
    double = getattr(fakes.async_double(Catalog, name="catalog"), member)

    with pytest.raises(ProtocolMismatchError) as caught:
        double.gate()

    assert str(caught.value) == (
        f"catalog.{member}.gate() holds awaits, but catalog.{member} is {kind} "
        "that is not awaited.\nFix: gate an async member instead."
    )


@pytest.mark.parametrize(
    "member",
    [
        "tags",
        "count",
        "size",
        "guard",
        "anything",
        "numbers",
        "namespace",
        "base",
        "context",
        "number",
        "item_type",
    ],
)
def test_async_double_data_member_of_no_known_class_takes_any_attribute(member):
    """Builtin, typing, abstract and private types name no class: a free double."""
    double = getattr(fakes.async_double(Catalog), member)

    value = double.anything

    assert isinstance(value, mock.Mock)


@pytest.mark.parametrize(
    ("member", "spec"),
    [
        ("session", "Session"),
        ("box", "Box"),
        ("owner", "Session"),
        ("default_session", "Session"),
        ("Options", "Catalog.Options"),
    ],
)
def test_async_double_data_member_of_a_known_class_has_its_members(member, spec):
    """An annotated attribute, a property, an instance or a class: spec'd."""
    double = getattr(fakes.async_double(Catalog), member)

    with pytest.raises(UnknownAttributeError) as caught:
        _ = double.anything

    assert str(caught.value) == (
        f"Catalog.{member} has no attribute 'anything'. A double has only the "
        f"members of its spec: add 'anything' to {spec}, or set it on the double "
        "before using it."
    )


class Protocols:
    def feed(self) -> AsyncIterator[int]:
        raise NotImplementedError

    def generate(self) -> AsyncGenerator[int, None]:
        raise NotImplementedError

    def source(self) -> AsyncIterable[int]:
        raise NotImplementedError

    def session(self) -> typing.AsyncContextManager[Session]:
        raise NotImplementedError

    def context(self) -> contextlib.AbstractAsyncContextManager[Session]:
        raise NotImplementedError

    def plain(self) -> int:
        raise NotImplementedError

    async def ticks(self):  # no annotation to read the kind from
        yield 1


def _returning(annotation: object) -> Callable[[object], None]:
    """A method whose return annotation is ``annotation`` itself, not a string."""

    def method(self: object) -> None:
        raise NotImplementedError

    method.__annotations__ = {"return": annotation}
    return method


class Evaluated:
    feed = _returning(AsyncIterator[int])
    context = _returning(contextlib.AbstractAsyncContextManager[Session])
    count = _returning(Literal[1])
    nothing = _returning(None)
    owner = _returning(Session)
    number = _returning(42)


@pytest.mark.parametrize(
    ("spec", "member", "kind"),
    [
        (Protocols, "feed", "an async generator member"),
        (Protocols, "generate", "an async generator member"),
        (Protocols, "source", "an async generator member"),
        (Protocols, "session", "an async context manager member"),
        (Protocols, "context", "an async context manager member"),
        (Protocols, "plain", "a sync member"),
        (Protocols, "ticks", "an async generator member"),
        (Evaluated, "feed", "an async generator member"),
        (Evaluated, "context", "an async context manager member"),
        (Evaluated, "count", "a sync member"),
    ],
)
def test_async_double_async_protocol_members_have_their_kind(spec, member, kind):
    """Async generators, and sync methods annotated to return one, or a context."""
    double = getattr(fakes.async_double(spec), member)

    with pytest.raises(ProtocolMismatchError) as caught:
        double.gate()

    name = f"{spec.__qualname__}.{member}"
    assert str(caught.value) == (
        f"{name}.gate() holds awaits, but {name} is {kind} that is not awaited.\nFix: "
        "gate an async member instead."
    )


def test_async_double_evaluated_return_annotations_give_the_default_result():
    """Annotations that are objects, not strings, type results like strings do."""
    double = fakes.async_double(Evaluated)

    nothing, owner = double.nothing(), double.owner()
    count, number = double.count(), double.number()

    assert nothing is None
    assert isinstance(owner, Session)
    for unknown in (count, number):
        assert unknown is not None
        assert not isinstance(unknown, Session)


class Fetcher:
    async def fetch_a(self) -> None:
        raise NotImplementedError

    async def fetch_b(self) -> None:
        raise NotImplementedError

    async def fetch_c(self) -> None:
        raise NotImplementedError

    async def fetch_d(self) -> None:
        raise NotImplementedError


@pytest.mark.parametrize(
    ("spec", "spec_name", "name", "hint"),
    [
        (UserRepo, "UserRepo", "sesion", " Did you mean 'session' or 'version'?"),
        (UserRepo, "UserRepo", "__ini__", ""),
        (
            Fetcher,
            "Fetcher",
            "fetch_",
            " Did you mean 'fetch_d' or 'fetch_c' or 'fetch_b'?",
        ),
        (
            collections.deque(),
            "deque",
            "apend",
            " Did you mean 'append' or 'appendleft'?",
        ),
    ],
)
def test_async_double_unknown_attribute_suggestions(spec, spec_name, name, hint):
    """Annotated names are suggested, dunder names never, three names at most."""
    double = fakes.async_double(spec)

    with pytest.raises(UnknownAttributeError) as caught:
        getattr(double, name)

    assert str(caught.value) == (
        f"{spec_name} has no attribute {name!r}.{hint} A double has only the "
        f"members of its spec: add {name!r} to {spec_name}, or set it on the "
        "double before using it."
    )


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


def test_async_double_of_instance_has_only_the_spec_magic_methods():
    """A double of an instance takes part only in the protocols of its spec."""

    class Resource:
        async def __aenter__(self) -> Resource:
            return self

        async def __aexit__(self, *exc_info: object) -> None:
            return None

    double = fakes.async_double(Resource)

    with pytest.raises(TypeError):
        len(double)
    assert hasattr(type(double), "__aenter__")


def test_async_double_sync_double_records_its_attribute_calls(fakes_ledger):
    """Calls of a sync double's attributes are recorded; its magic methods are not."""
    double = fakes.async_double(parse)

    str(double)
    double.helper(1)

    assert [(event.kind, event.name) for event in fakes_ledger] == [
        ("called", "parse.helper"),
        ("returned", "parse.helper"),
    ]


async def test_async_double_class_member_builds_instances_of_its_spec():
    """A class member's instance double is labelled by its path and recorded."""
    double = fakes.async_double(Signatures, name="sig")

    options = double.Options()
    await options.load()

    assert double.mock_calls == [mock.call.Options(), mock.call.Options().load()]
    with pytest.raises(ProtocolMismatchError) as caught:
        options.gate()
    assert str(caught.value) == (
        "sig.Options().gate() holds awaits, but sig.Options() is "
        "a double of an object that is not awaited.\nFix: gate an async member instead."
    )


async def test_async_double_enters_lets_errors_through():
    """enters() without suppress= lets an exception leave the block."""
    conn = fakes.async_double(name="conn").enters("session")

    with pytest.raises(KeyError):
        async with conn:
            raise KeyError("k")

    conn.assert_exited_with(KeyError)


async def test_async_double_returns_a_mock_makes_it_the_return_child():
    """A nameless mock given to returns() records its calls on the double."""
    double = fakes.async_double(name="fetch")
    result = mock.MagicMock()

    double.returns(result)
    (await double()).close(1)

    assert double.mock_calls == [mock.call(), mock.call().close(1)]


async def test_async_double_reset_mock_return_value_forgets_returns():
    """reset_mock(return_value=True) drops the value set with returns()."""
    double = fakes.async_double(name="fetch").returns(5)

    double.reset_mock(return_value=True)
    result = await double()

    assert result is double.return_value
    assert result != 5


async def test_async_double_reset_mock_side_effect_forgets_raises():
    """reset_mock(side_effect=True) drops the error set with raises()."""
    double = fakes.async_double(name="fetch").returns(1).raises(KeyError("k"))

    double.reset_mock(side_effect=True)

    assert double.side_effect is None
    assert await double() == 1


def test_async_double_reset_mock_of_doubles_returning_each_other():
    """reset_mock() visits each double once when return values form a cycle."""
    first = fakes.async_double(name="first")
    second = fakes.async_double(name="second")
    first.returns(second)
    second.returns(first)

    first.reset_mock(return_value=False)

    assert (first.return_value, second.return_value) == (second, first)


def test_async_double_reset_mock_keeps_the_gate():
    """reset_mock(side_effect=True) forgets a script but keeps the gate."""
    double = fakes.async_double(name="fetch")
    gate = double.gate()
    double.script(1, 2)

    double.reset_mock(side_effect=True)

    assert double.gate() is gate


def test_async_double_sync_double_passes_arguments_to_its_side_effect():
    """A sync double hands positional and keyword arguments to side_effect."""
    double = fakes.async_double(parse)
    double.side_effect = lambda text: int(text) * 2

    results = [double("3"), double(text="4")]

    assert results == [6, 8]
    assert double.mock_calls == [mock.call("3"), mock.call(text="4")]


def test_async_double_sync_double_records_a_raising_side_effect(fakes_ledger):
    """A sync double whose side_effect raises records the error it raised."""
    double = fakes.async_double(parse)
    error = ValueError("bad")
    double.side_effect = error

    with pytest.raises(ValueError, match=r"^bad$"):
        double("3")

    assert [
        (event.kind, event.name, event.args, event.detail) for event in fakes_ledger
    ] == [("called", "parse", ("3",), None), ("raised", "parse", ("3",), error)]


class Endpoint:
    def __init__(self, url: str) -> None: ...


def test_async_double_sync_double_of_create_autospec_checks_the_signature():
    """create_autospec with sync doubles checks each call against the signature."""
    with mock.patch.object(mock, "MagicMock", SyncDouble):
        endpoint_cls = mock.create_autospec(Endpoint)

    endpoint_cls("a")
    endpoint_cls(url="b")
    with pytest.raises(TypeError, match=r"^too many positional arguments$"):
        endpoint_cls("a", "b")

    assert endpoint_cls.mock_calls == [mock.call("a"), mock.call(url="b")]


def test_async_double_private_mock_names_are_plain_children():
    """Names in the stdlib's and fakes' private prefixes are not spec members."""
    repo = fakes.async_double(UserRepo)

    children = [repo._mock_extra, repo._spec_extra, repo._fakes_extra]
    for child in children:
        child(1)

    assert all(isinstance(child, SyncDouble) for child in children)
    assert repo.mock_calls == [
        mock.call._mock_extra(1),
        mock.call._spec_extra(1),
        mock.call._fakes_extra(1),
    ]


class Account:
    def owner(self) -> Account: ...


class Profile:
    Account = Account
    account: Account

    def lookup(self) -> Account: ...


def test_async_double_class_annotated_result_is_a_labelled_child():
    """A member annotated with a class returns a child labelled by its path."""
    profile = fakes.async_double(Profile, name="profile")

    account = profile.lookup()
    account.owner()

    assert profile.mock_calls == [mock.call.lookup(), mock.call.lookup().owner()]
    with pytest.raises(ProtocolMismatchError) as caught:
        account.gate()
    assert str(caught.value) == (
        "profile.lookup().gate() holds awaits, but profile.lookup() is a double "
        "of an object that is not awaited.\nFix: gate an async member instead."
    )


def test_async_double_annotated_attribute_records_on_its_parent():
    """Calls on a class-annotated attribute are method calls of the parent."""
    profile = fakes.async_double(Profile)

    profile.account.owner()

    assert repr(profile.mock_calls) == "[call.account.owner()]"
    assert repr(profile.method_calls) == "[call.account.owner()]"
    assert profile.account._fakes_label() == "Profile.account"


def test_async_double_nested_class_member_is_a_class_double():
    """A nested class member is a double of the class, not of an instance."""
    profile = fakes.async_double(Profile)

    with pytest.raises(SignatureMismatchError) as caught:
        profile.Account.owner()

    assert isinstance(profile.Account, type)
    assert str(caught.value) == (
        "Profile.Account.owner() does not match the signature Account.owner(self) -> "
        "Account: missing a required argument: 'self'"
    )


class InheritedConnection(Connection):
    pass


async def test_async_double_spec_aexit_records_the_exit():
    """The spec's own __aexit__ records how the block was left."""
    conn = fakes.async_double(InheritedConnection)

    with pytest.raises(KeyError):
        async with conn:
            raise KeyError("k")

    conn.assert_exited_with(KeyError)


def test_async_double_doubles_of_one_spec_share_their_class():
    """The double class of a spec with protocol methods is built once."""
    first = fakes.async_double(InheritedConnection)

    second = fakes.async_double(InheritedConnection)

    assert public_class(type(first)) is public_class(type(second))
    assert public_class(type(first)).__name__ == "ObjectDouble[InheritedConnection]"


class CallableDescriptor:
    def __call__(self, text: str) -> int:
        raise NotImplementedError

    def __get__(self, obj: object, owner: type | None = None) -> CallableDescriptor:
        return self


def test_async_double_of_a_callable_descriptor_is_a_function_double():
    """A callable descriptor is doubled as a function, not as an object."""
    double = fakes.async_double(CallableDescriptor(), name="convert")

    double("x")

    assert isinstance(double, SyncDouble)
    assert double.mock_calls == [mock.call("x")]


async def test_async_double_spec_aexit_awaited_outside_a_block_suppresses_nothing():
    """The spec's __aexit__ awaited with no block open returns False."""
    conn = fakes.async_double(Connection)

    result = await conn.__aexit__(None, None, None)

    assert result is False


class Cancelled(Exception):  # noqa: N818 - named as trio's, but not trio's
    """An error of the code under test that shares trio's cancellation name."""


async def test_async_double_error_named_cancelled_outside_trio_is_raised(fakes_ledger):
    """Only trio's Cancelled is a cancellation; another class of that name raised."""
    double = fakes.async_double(name="fetch").raises(Cancelled("no"))

    with pytest.raises(Cancelled):
        await double()

    assert [event.kind for event in fakes_ledger] == ["called", "started", "raised"]


async def test_async_double_of_create_autospec_counts_each_await():
    """A double behind a create_autospec function counts every await."""
    with mock.patch.object(mock, "AsyncMock", AsyncDouble):
        get = mock.create_autospec(UserRepo.get)
    get.return_value = {"id": 0}

    await get(None, 1)
    await get(None, user_id=2)

    calls = [mock.call(None, 1), mock.call(None, user_id=2)]
    assert (get.called, get.call_count, get.await_count) == (True, 2, 2)
    assert get.call_args == mock.call(None, user_id=2)
    assert get.call_args_list == calls
    assert get.mock.mock_calls == calls
    assert get.await_args_list == calls


async def test_async_double_side_effect_coroutine_function_gets_all_arguments():
    """An async side_effect is awaited with the positional and keyword arguments."""
    double = fakes.async_double(name="pair")

    async def pair(first: int, *, second: int) -> tuple[int, int]:
        return first, second

    double.side_effect = pair

    assert await double(1, second=2) == (1, 2)


@pytest.mark.parametrize("is_async", [True, False], ids=["async", "sync"])
async def test_async_double_wraps_gets_all_arguments(is_async):
    """A wrapped function, async or not, gets the positional and keyword arguments."""

    async def async_pair(first: int, *, second: int) -> tuple[int, int]:
        return first, second

    def sync_pair(first: int, *, second: int) -> tuple[int, int]:
        return first, second

    double = AsyncDouble(wraps=async_pair if is_async else sync_pair)

    assert await double(1, second=2) == (1, 2)


async def test_async_double_returns_behind_create_autospec_sets_the_function():
    """returns() on the double behind a create_autospec function configures it."""
    with mock.patch.object(mock, "AsyncMock", AsyncDouble):
        get = mock.create_autospec(UserRepo.get)

    get.mock.returns({"id": 1})

    assert get.return_value == {"id": 1}
    assert await get(None, 1) == {"id": 1}


class Plain:
    pass


@pytest.mark.parametrize(
    ("make", "label", "kind"),
    [
        (
            lambda: fakes.async_double(Endpoint, instance=False),
            "Endpoint",
            "sync member",
        ),
        (
            lambda: fakes.async_double(Endpoint, instance=False, name="ep"),
            "ep",
            "sync member",
        ),
        (lambda: fakes.async_double(Plain, instance=False), "Plain", "sync double"),
        (lambda: fakes.async_double(Plain()), "Plain", "double of an object"),
        (lambda: fakes.async_double(Plain(), name="p"), "p", "double of an object"),
        (
            lambda: fakes.async_double(functools.partial(parse, "x")),
            "parse",
            "sync member",
        ),
    ],
    ids=["class", "named-class", "class-without-init", "object", "named", "partial"],
)
def test_async_double_gate_on_a_sync_double_names_it(make, label, kind):
    """gate() on a double that is not awaited names the double and its kind."""
    double = make()

    with pytest.raises(ProtocolMismatchError) as caught:
        double.gate()

    assert f"name={label!r}" in repr(double)
    assert str(caught.value) == (
        f"{label}.gate() holds awaits, but {label} is a {kind} that is not "
        "awaited.\nFix: gate an async member instead."
    )


def test_async_double_class_double_is_a_type():
    """A double of a class, instance=False, passes isinstance checks for a class."""
    double = fakes.async_double(Endpoint, instance=False)

    assert isinstance(double, type)
    assert "spec='type'" in repr(double)


async def test_async_double_spec_less_aexit_outside_a_block_suppresses_nothing():
    """A spec-less double's __aexit__ awaited with no block open returns False."""
    conn = fakes.async_double(name="conn")

    result = await conn.__aexit__(None, None, None)

    assert result is False


async def test_async_double_counts_every_call():
    """Each call of a double, sync or async, adds to its call count."""
    fetch = fakes.async_double(name="fetch")
    double = fakes.async_double(parse)

    await fetch()
    await fetch()
    double("1")
    double("2")

    assert (fetch.called, fetch.call_count) == (True, 2)
    assert (double.called, double.call_count) == (True, 2)


async def test_async_double_async_member_of_create_autospec_checks_the_signature():
    """create_autospec with async doubles checks each await against the signature."""
    with mock.patch.object(mock, "AsyncMock", AsyncDouble):
        repo = mock.create_autospec(UserRepo, instance=True)

    await repo.get(1)
    await repo.get(user_id=2)
    with pytest.raises(TypeError, match=r"^too many positional arguments$"):
        repo.get(1, 2)

    assert repo.get.await_args_list == [mock.call(1), mock.call(user_id=2)]


class Factory:
    def make(self):
        raise NotImplementedError


def test_async_double_call_of_an_unannotated_result_is_recorded_on_the_parent():
    """Calling what an unannotated member returned shows as a call of the result."""
    factory = fakes.async_double(Factory)

    factory.make()(5)

    assert factory.mock_calls == [mock.call.make(), mock.call.make()(5)]
    assert factory.method_calls == [mock.call.make()]


def _local_class() -> type:
    class Base:
        async def get(self) -> int:
            return 0

    class Conn(Base):
        async def get(self) -> int:
            return await super().get()

        async def __aenter__(self) -> Conn:
            return self

        async def __aexit__(self, *exc: object) -> None:
            return None

        def __aiter__(self) -> Conn:
            return self

        async def __anext__(self) -> int:
            raise StopAsyncIteration

    return Conn


def test_async_double_of_a_local_class_lets_the_class_be_collected():
    """A class defined in a function, doubled and dropped, is collected."""
    cls = _local_class()
    gone = weakref.ref(cls)
    with fakes.Ledger():
        double = fakes.async_double(cls, instance=False)()
        double.get.returns(1)

        async def use(conn: Any) -> None:
            async with conn:
                await conn.get()
            _ = [item async for item in conn]

        asyncio.run(use(double))

    del cls, double
    gc.collect()

    assert gone() is None


def test_async_double_of_a_local_protocol_lets_it_be_collected():
    """A typing.Protocol defined in a function, doubled and dropped, is collected."""

    def make() -> Any:
        class Store(typing.Protocol):
            async def get(self, key: str) -> bytes: ...

        return Store

    proto = make()
    gone = weakref.ref(proto)
    with fakes.Ledger():
        double = fakes.async_double(proto)
        double.get.returns(b"x")
        value = asyncio.run(double.get("k"))

    del proto, double
    gc.collect()

    assert value == b"x"
    assert gone() is None


def test_async_double_of_a_class_twice_shares_what_was_learned():
    """Two doubles of one class share its specs and its double class."""
    cls = _local_class()

    first = fakes.async_double(cls)
    second = fakes.async_double(cls)

    assert type(first).__mro__[1:] == type(second).__mro__[1:]
    assert state_of(first).spec is state_of(second).spec
    assert "_fakes_known" not in dir(first)


def test_async_double_of_a_runtime_protocol_keeps_isinstance_working():
    """Doubling a runtime-checkable Protocol adds no member to it."""

    @typing.runtime_checkable
    class Fetcher(typing.Protocol):
        async def fetch(self) -> int: ...

    class Impl:
        async def fetch(self) -> int:
            return 1

    double = fakes.async_double(Fetcher)

    assert isinstance(Impl(), Fetcher)
    assert "_fakes_known" not in vars(Fetcher)
    assert double.fetch is not None


def test_async_double_refuses_a_name_that_is_not_a_string():
    """name=1 is a FakesTypeError that says what name is and how to fix it."""

    class UserRepo:
        async def get(self, user_id: int) -> dict[str, int]: ...

    with pytest.raises(fakes.errors.FakesTypeError) as caught:
        fakes.async_double(UserRepo, name=1)  # type: ignore[call-overload]

    assert str(caught.value) == (
        "fakes.async_double(name=...) takes a str, the name shown in the ledger "
        "and in messages; got 1 (int).\n"
        'Fix: pass a string such as name="repo", or leave name out to use the '
        "spec's qualified name."
    )


def test_async_double_shared_class_copies_are_what_the_bases_give():
    """A shared class's own copies of inherited special methods change nothing."""
    from fakes._double.not_awaitable import REAL_MRO

    class Store:
        async def get(self, key: str) -> int: ...

    double = fakes.async_double(Store, name="store")
    member = double.get

    for cls in (type(double).__bases__[0], type(member)):
        flat = cls.__dict__["_fakes_flat"]
        bases = REAL_MRO(cls)[1:]
        inherited = {
            name: next(k.__dict__[name] for k in bases if name in k.__dict__)
            for name in flat
        }

        assert flat
        assert {name: cls.__dict__[name] for name in flat} == inherited
        assert "__await__" not in flat
    assert hash(double) != hash(member)
    assert not inspect.isawaitable(double)


def test_async_double_detached_member_leaves_the_copies_behind():
    """A member moved to a class of its own keeps only what was set on it."""

    class Store:
        async def get(self, key: str) -> int: ...

    member = fakes.async_double(Store, name="store").get
    flat = type(member).__dict__["_fakes_flat"]

    member.mock_add_spec(["__str__"])

    assert not flat & set(vars(type(member)))
    assert str(member).startswith("<")


class _Pooled:
    """A spec for the tests of reused root classes."""

    async def get(self, key: str) -> int: ...


def _freed(double: Any) -> type:
    """Drop ``double`` (doubles live in reference cycles) and return its class."""
    cls = type(double)
    del double
    gc.collect()
    return cls


def test_async_double_live_doubles_never_share_a_class():
    """Every living root double has a class of its own, as every stdlib mock."""
    doubles = [fakes.async_double(_Pooled) for _ in range(30)]
    doubles += [fakes.AsyncDouble() for _ in range(30)]

    classes = {id(type(double)) for double in doubles}

    assert len(classes) == len(doubles)


def test_async_double_class_of_a_freed_double_is_reused_unchanged():
    """A new root double may get the class of a freed one, as it was made."""

    class Spec:
        async def get(self, key: str) -> int: ...

    classes = [_freed(fakes.async_double(Spec, name="old")) for _ in range(100)]

    double = fakes.async_double(Spec, name="new")

    assert len(set(classes)) < len(classes)
    assert type(double).__dict__["_fakes_owner"]() is double
    assert repr(double).startswith("<ObjectDouble name='new'")


def _changed(public: type, change: Any) -> type:
    """The class of a root double that ``change`` altered, once it is freed."""
    double = public()
    change(double)
    return _freed(double)


def test_async_double_class_changed_by_a_test_is_never_reused():
    """What a test set on ``type(double)`` never reaches another double."""

    class Fresh(fakes.AsyncDouble):
        """A class of doubles none of which was made before."""

    keep: list[type] = []
    size = mock.PropertyMock(return_value=3)
    changed = {
        _changed(Fresh, lambda d: setattr(type(d), "size", size)),
        _changed(Fresh, lambda d: setattr(d, "__str__", lambda self: "changed")),
        _changed(Fresh, lambda d: setattr(type(d), "__name__", "Renamed")),
        _changed(Fresh, lambda d: keep.append(type("Derived", (type(d),), {}))),
    }

    doubles = [Fresh() for _ in range(40)]

    assert not changed & {type(double) for double in doubles}
    assert all(not isinstance(double.size, int) for double in doubles)
    assert all(str(double) != "changed" for double in doubles)
    assert keep[0].__bases__[0] in changed


def test_async_double_class_unchanged_after_a_change_undone_is_reused():
    """A class whose attribute was set and deleted again is as good as new."""

    class Fresh(fakes.AsyncDouble):
        """A class of doubles none of which was made before."""

    def undone(double: Any) -> None:
        type(double).extra = 1
        del type(double).extra

    cls = _changed(Fresh, undone)

    doubles = [Fresh() for _ in range(10)]

    assert cls in {type(double) for double in doubles}


def test_async_double_classes_stay_apart_across_threads():
    """Doubles made at once on several threads never share a class."""
    made: list[list[Any]] = [[] for _ in range(4)]
    start = threading.Barrier(4)

    def build(out: list[Any]) -> None:
        start.wait()
        for _ in range(200):
            out.append(fakes.async_double(_Pooled))
            if len(out) % 50 == 0:
                del out[:25]
                gc.collect()

    threads = [threading.Thread(target=build, args=(out,)) for out in made]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    alive = [double for out in made for double in out]
    assert len({id(type(double)) for double in alive}) == len(alive)
