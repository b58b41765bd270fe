"""async_double: the class shapes of async client libraries read as they should.

The specs live in ``tests.targets.shapes``, a module whose annotations are all
strings (``from __future__ import annotations``), shaped like HTTP, database
and file clients.
"""

import asyncio
import contextlib
import dataclasses
import datetime
import decimal
import enum
import fractions
import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any, ClassVar, Generic, Optional, TypeVar
from unittest.mock import AsyncMock

import pytest
import typing_extensions
from tests.targets import shapes

import fakes
from fakes.errors import ProtocolMismatchError, SignatureMismatchError

T = TypeVar("T")


def run(coro: Any) -> Any:
    return asyncio.run(coro)


# String return annotations.


def test_async_double_string_return_annotation_is_a_context_manager() -> None:
    """A quoted ``-> "RequestCM"`` makes a context-manager member, as unquoted does."""
    session = fakes.async_double(shapes.ClientSession)
    response = fakes.async_double(shapes.ClientResponse)

    session.post.enters(response)

    async def main() -> Any:
        async with session.post("/items", b"{}") as entered:
            return entered

    assert run(main()) is response
    session.post.assert_entered_once()


def test_async_double_string_return_annotation_enters_its_class() -> None:
    """Unconfigured, the member enters a double of what ``__aenter__`` returns."""
    session = fakes.async_double(shapes.ClientSession)

    async def main() -> Any:
        async with session.post("/items", b"{}") as response:
            response.json.returns({"ok": True})
            return await response.json()

    assert run(main()) == {"ok": True}


def test_async_double_local_class_string_annotation_names_a_sibling() -> None:
    """A string annotation naming a class of the same function resolves to it."""

    class LocalCM:
        async def __aenter__(self) -> None: ...
        async def __aexit__(self, *exc_info: object) -> None: ...

    class Service:
        def get(self) -> "LocalCM": ...

    service = fakes.async_double(Service)
    service.get.enters(1)

    async def main() -> Any:
        async with service.get() as entered:
            return entered

    assert run(main()) == 1


def test_async_double_local_class_nested_string_annotations_resolve() -> None:
    """Attributes and results of local classes named as strings give doubles."""

    class Cursor:
        async def fetch(self) -> list[int]: ...

    class Session:
        def cursor(self) -> "Cursor": ...

    class Client:
        session: "Session | None" = None

    client = fakes.async_double(Client, name="client")
    client.session.cursor().fetch.returns([1])

    rows = run(client.session.cursor().fetch())

    assert rows == [1]
    assert repr(client.session.cursor().fetch).startswith(
        "<AsyncDouble name='client.session.cursor().fetch'"
    )


def test_async_double_local_class_string_annotation_falls_back() -> None:
    """A name no scope defines cannot be resolved: the member stays sync."""

    class Service:
        def get(self) -> "NotDefinedAnywhere": ...  # type: ignore[name-defined]  # noqa: F821

    service = fakes.async_double(Service)

    with pytest.raises(ProtocolMismatchError) as caught:
        service.get.enters(1)

    assert str(caught.value) == (
        "Service.get is a sync member, not an async context manager, so it "
        "cannot be entered.\nFix: give the double a spec with __aenter__ and "
        "__aexit__, an @asynccontextmanager member, or use fakes.async_context()."
    )


def test_async_double_local_class_names_itself() -> None:
    """A local class's own name in a string annotation resolves to the class."""

    class Conn:
        async def __aenter__(self) -> "Conn": ...
        async def __aexit__(self, *exc_info: object) -> None: ...

    conn = fakes.async_double(Conn)

    async def main() -> Any:
        async with conn as entered:
            return entered

    assert run(main()) is conn


# Attributes that may be None.


@pytest.mark.parametrize("attribute", ["session", "backup"])
def test_async_double_optional_attribute_is_a_nested_double(attribute: str) -> None:
    """``Session | None`` and ``Optional[Session]`` give a double of ``Session``."""
    client = fakes.async_double(shapes.Client)

    nested = getattr(client, attribute)

    assert isinstance(nested, shapes.ClientSession)
    assert repr(nested).startswith(
        f"<ObjectDouble[ClientSession] name='Client.{attribute}'"
    )


def test_async_double_annotation_wins_over_none_default() -> None:
    """``connection: Connection = None`` gives a double of ``Connection``."""
    client = fakes.async_double(shapes.Client)

    connection = client.connection
    connection.fetchval.returns(1)

    assert isinstance(connection, shapes.Connection)
    assert run(connection.fetchval("select 1")) == 1


def test_async_double_string_optional_with_none_default() -> None:
    """``pool: "Pool | None" = None`` gives a double of ``Pool``."""
    client = fakes.async_double(shapes.Client)

    assert isinstance(client.pool, shapes.Pool)
    assert run(client.pool.close()) is None


def test_async_double_optional_builtin_keeps_none_default() -> None:
    """``retries: int | None = None`` is a value: the double keeps ``None``."""
    client = fakes.async_double(shapes.Client)

    assert (client.retries, client.name) == (None, None)


def test_async_double_nested_none_default_through_a_result() -> None:
    """``content: StreamReader = None`` of an entered response is a double."""
    session = fakes.async_double(shapes.ClientSession)

    async def main() -> bytes:
        async with session.get("/") as response:
            response.content.read.returns(b"body")
            return await response.content.read()

    assert run(main()) == b"body"


def test_async_double_local_class_optional_attribute() -> None:
    """Classes local to a function: ``Optional[Session]`` still gives a double."""

    class Session:
        async def close(self) -> None: ...

    class Holder:
        session: Optional[Session] = None  # noqa: UP045
        other: Session | None = None

    holder = fakes.async_double(Holder)

    assert isinstance(holder.session, Session)
    assert isinstance(holder.other, Session)


# __aenter__ that returns the object itself.


@pytest.mark.parametrize(
    "spec", [shapes.ClientSession, shapes.Connection, shapes.Transaction]
)
def test_async_double_aenter_returning_self_enters_the_double(spec: type) -> None:
    """``-> Self``, ``self: T -> T`` and ``-> "ClassName"`` enter the double."""
    double = fakes.async_double(spec)

    async def main() -> Any:
        async with double as entered:
            return entered

    assert run(main()) is double


def test_async_double_typing_extensions_self_in_a_local_class() -> None:
    """``typing_extensions.Self`` enters the double (a class in a function)."""

    class Lock:
        async def __aenter__(self) -> typing_extensions.Self: ...
        async def __aexit__(self, *exc_info: object) -> None: ...

    lock = fakes.async_double(Lock)

    async def main() -> Any:
        async with lock as entered:
            return entered

    assert run(main()) is lock


def test_async_double_classmethod_returning_self_gives_an_instance_double() -> None:
    """``def connect(cls) -> Self`` gives a double of the class by default."""

    class Client:
        @classmethod
        async def connect(cls, url: str) -> typing_extensions.Self: ...

    client_cls = fakes.async_double(Client, instance=False)

    made = run(client_cls.connect("db://"))

    assert isinstance(made, Client)


# Generic context managers.


def test_async_double_generic_context_manager_enters_its_parameter() -> None:
    """``-> _RequestContextManager[ClientResponse]`` enters a ``ClientResponse``."""
    session = fakes.async_double(shapes.ClientSession)

    async def main() -> Any:
        async with session.get("/") as response:
            return response

    response = run(main())

    assert isinstance(response, shapes.ClientResponse)
    assert not isinstance(response, shapes._RequestContextManager)


def test_async_double_generic_context_manager_through_a_base() -> None:
    """A subclass of ``Base[Response]`` enters a ``Response`` double."""

    class Response:
        async def text(self) -> str: ...

    class BaseCM(Generic[T]):
        async def __aenter__(self) -> T: ...
        async def __aexit__(self, *exc_info: object) -> None: ...

    class ResponseCM(BaseCM[Response]):
        pass

    class Session:
        def request(self) -> ResponseCM: ...

    session = fakes.async_double(Session)

    async def main() -> Any:
        async with session.request() as response:
            return response

    assert isinstance(run(main()), Response)


# Constants.


class Colour(enum.Enum):
    RED = 1


@dataclasses.dataclass(frozen=True)
class Limits:
    total: int = 10


@dataclasses.dataclass
class Mutable:
    total: int = 10


class Settings:
    ident = uuid.UUID(int=1)
    share = fractions.Fraction(1, 3)
    colour = Colour.RED
    timeout = datetime.timedelta(seconds=5)
    starts = datetime.date(2024, 1, 1)
    price = decimal.Decimal("1.50")
    limits = Limits()
    pair = (Colour.RED, Limits(2))
    kinds = frozenset({Colour.RED})
    mutable = Mutable()


@pytest.mark.parametrize(
    "name",
    [
        "ident",
        "share",
        "colour",
        "timeout",
        "starts",
        "price",
        "limits",
        "pair",
        "kinds",
    ],
)
def test_async_double_immutable_constant_reads_as_its_value(name: str) -> None:
    """Enum members, dates, decimals, frozen dataclasses and tuples of such."""
    settings = fakes.async_double(Settings)

    value = getattr(settings, name)

    assert value is getattr(Settings, name)


def test_async_double_mutable_attribute_is_still_a_double() -> None:
    """A plain dataclass instance may change: the double gives a double of it."""
    settings = fakes.async_double(Settings)

    assert settings.mutable is not Settings.mutable
    assert isinstance(settings.mutable, Mutable)


def test_async_double_string_annotated_constants_read_as_values() -> None:
    """The constants of a string-annotated module read as their values."""
    session = fakes.async_double(shapes.ClientSession)

    assert (session.retry, session.timeout, session.idle, session.price) == (
        shapes.Retry.NEVER,
        shapes.Timeout(),
        datetime.timedelta(seconds=15),
        decimal.Decimal("0.10"),
    )
    assert session.methods is shapes.ClientSession.methods


# Reading return_value.


class Store:
    async def save(self, key: str) -> None: ...
    async def load(self, key: str) -> bytes: ...
    def size(self) -> None: ...
    def transaction(self) -> shapes.Transaction: ...

    async def rows(self) -> AsyncIterator[int]:
        yield 0

    async def __aenter__(self) -> int: ...
    async def __aexit__(self, *exc_info: object) -> None: ...


async def _use(double: Any, form: str) -> Any:
    if form in ("script", "returns", "raises", "when", "stdlib"):
        try:
            return [await double.save("a"), await double.save("a")]
        except KeyError as error:
            return error
    if form == "sync script":
        return [double.size(), double.size()]
    if form == "yields":
        return [item async for item in double.rows()]
    if form == "enters member":
        async with double.transaction() as entered:
            return entered
    async with double as entered:
        return entered


def _configure(double: Any, form: str) -> Any:
    """Configure ``double`` one way; return the member whose return_value is read."""
    if form == "script":
        return double.save.script(1, 2)
    if form == "returns":
        return double.save.returns(3)
    if form == "raises":
        return double.save.raises(KeyError("a"))
    if form == "when":
        double.save.when("a").script(4, 5)
        return double.save
    if form == "stdlib":
        double.save.side_effect = [6, 7]
        return double.save
    if form == "sync script":
        return double.size.script(8, 9)
    if form == "yields":
        return double.rows.yields(1, 2)
    if form == "enters member":
        return double.transaction.enters("tx")
    double.enters("entered")
    return double.__aenter__


FORMS = [
    "script",
    "returns",
    "raises",
    "when",
    "stdlib",
    "sync script",
    "yields",
    "enters member",
    "enters",
]


@pytest.mark.parametrize("form", FORMS)
def test_return_value_reading_keeps_configuration(form: str) -> None:
    """Reading ``return_value`` after configuring changes nothing the double does."""
    untouched = fakes.async_double(Store)
    read = fakes.async_double(Store)
    _configure(untouched, form)
    member = _configure(read, form)

    member.return_value  # noqa: B018

    assert repr(run(_use(read, form))) == repr(run(_use(untouched, form)))


def test_return_value_reading_then_setting_replaces_a_script() -> None:
    """Setting ``return_value`` after reading it is configuration: it wins."""
    store = fakes.async_double(Store)
    store.load.script(b"1", b"2")
    _ = store.load.return_value

    store.load.return_value = b"3"

    assert run(store.load("k")) == b"3"


# Class doubles made by __new__.


def test_async_double_class_double_checks_namedtuple_fields() -> None:
    """A ``NamedTuple`` class double checks calls against its fields."""
    point_cls = fakes.async_double(shapes.Point, instance=False)
    point_cls(1, y=2)

    with pytest.raises(SignatureMismatchError) as caught:
        point_cls(1)

    assert str(caught.value) == (
        "Point(1) does not match the signature Point(x: int, y: int): "
        "missing a required argument: 'y'"
    )


def test_async_double_class_double_checks_new() -> None:
    """A class made by ``__new__`` alone is checked against ``__new__``."""
    token_cls = fakes.async_double(shapes.Token, instance=False)
    token_cls("abc", scope="write")

    with pytest.raises(SignatureMismatchError) as caught:
        token_cls("abc", "write")

    assert str(caught.value) == (
        "Token('abc', 'write') does not match the signature "
        "Token(value: str, *, scope: str = 'read') -> Token: "
        "too many positional arguments"
    )


def test_async_double_class_double_prefers_init_that_says_more() -> None:
    """``__init__`` with parameters decides, whatever ``__new__`` takes."""

    class Both:
        def __new__(cls, *args: Any, **kwargs: Any) -> "Both":
            return super().__new__(cls)

        def __init__(self, url: str) -> None: ...

    both_cls = fakes.async_double(Both, instance=False)
    both_cls("https://example.test")

    with pytest.raises(SignatureMismatchError):
        both_cls()


def test_async_double_class_double_init_saying_nothing_defers_to_new() -> None:
    """``__init__(self, *args, **kwargs)`` says nothing: ``__new__`` decides."""

    class Made:
        def __new__(cls, value: int) -> "Made":
            return super().__new__(cls)

        def __init__(self, *args: Any, **kwargs: Any) -> None: ...

    made_cls = fakes.async_double(Made, instance=False)
    made_cls(1)

    with pytest.raises(SignatureMismatchError):
        made_cls(1, 2)


# wraps=


async def _double_it(value: int) -> int:
    return value * 2


def _triple_it(value: int) -> int:
    return value * 3


@pytest.mark.parametrize(("wrapped", "expected"), [(_double_it, 10), (_triple_it, 15)])
def test_async_double_wraps_a_function(wrapped: Any, expected: int) -> None:
    """``wraps=`` passes awaits through, awaiting an async wrapped callable."""
    spec_less = fakes.async_double(wraps=wrapped)
    specced = fakes.async_double(_double_it, wraps=wrapped)

    results = (run(spec_less(5)), run(specced(5)))

    assert results == (expected, expected)
    assert (run(AsyncMock(wraps=wrapped)(5)),) == (expected,)
    specced.assert_awaited_once_with(5)


def test_async_double_wraps_until_configured() -> None:
    """A configured double answers itself; the wrapped callable is not called."""
    calls: list[int] = []

    async def fetch(value: int) -> int:
        calls.append(value)
        return value

    double = fakes.async_double(fetch, wraps=fetch)
    double.script(7)

    assert run(double(1)) == 7
    assert calls == []


def test_async_double_wraps_an_object_member_by_member() -> None:
    """For a class spec, each member wraps the same member of ``wraps``."""

    class Counter:
        def __init__(self) -> None:
            self.total = 0

        async def add(self, amount: int) -> int:
            self.total += amount
            return self.total

        def peek(self) -> int:
            return self.total

    real = Counter()
    counter = fakes.async_double(Counter, wraps=real)

    results = (run(counter.add(2)), run(counter.add(3)), counter.peek())

    assert results == (2, 5, 5)
    counter.add.assert_awaited_with(3)


class _Prices:
    async def get(self, sku: str) -> int:
        return len(sku)

    def currency(self) -> str:
        return "EUR"


@pytest.mark.parametrize(
    ("spec", "options", "message"),
    [
        (
            _double_it,
            {},
            "fakes.async_double(wraps=...) of _double_it takes the real callable "
            "that calls of _double_it pass through to, but got 1 (int), which "
            "cannot be called.\nFix: pass wraps=_double_it, or leave wraps= out.",
        ),
        (
            _Prices,
            {"instance": False, "name": "Prices"},
            "fakes.async_double(wraps=...) of Prices takes the real callable "
            "that calls of Prices pass through to, but got 1 (int), which "
            "cannot be called.\nFix: pass wraps=_Prices, or leave wraps= out.",
        ),
        (
            _Prices,
            {"name": "prices"},
            "fakes.async_double(wraps=...) of prices takes the real object whose "
            "members the double's members pass calls to, but got 1 (int), which "
            "has none of _Prices's members (currency, get).\nFix: pass an "
            "instance of _Prices, such as wraps=_Prices(...), or leave wraps= "
            "out.",
        ),
    ],
    ids=["function", "class double", "instance double"],
)
def test_async_double_wraps_that_can_never_work_is_refused(
    spec: Any, options: dict[str, Any], message: str, fakes_ledger: fakes.Ledger
) -> None:
    """A wraps= that no call can pass through to is refused as the double is built."""
    with pytest.raises(fakes.errors.FakesTypeError) as caught:
        fakes.async_double(spec, wraps=1, **options)

    assert str(caught.value) == message
    assert list(fakes_ledger) == []


@pytest.mark.parametrize(
    "wrapped",
    [_Prices(), _Prices, AsyncMock()],
    ids=["instance", "class", "object computing its attributes"],
)
def test_async_double_wraps_any_object_with_a_member_of_the_spec(wrapped: Any) -> None:
    """As AsyncMock(spec=C, wraps=obj): an object some member can be read from."""
    prices = fakes.async_double(_Prices, wraps=wrapped)

    assert type(prices.get).__name__ == "AsyncDouble"


def test_async_double_wrapping_double_shows_as_str() -> None:
    """str() of a wrapping double of a class is its repr, as without wraps=."""
    prices = fakes.async_double(_Prices, wraps=_Prices(), name="prices")

    assert str(prices) == repr(prices)
    assert str(prices).startswith("<ObjectDouble name='prices' spec='_Prices' id=")
    assert run(prices.get("tea")) == 3


# Members whose result is awaited or entered.


def test_async_double_awaitable_context_member_is_awaited_or_entered() -> None:
    """A member returning a class with ``__await__`` and ``__aenter__``: both work."""
    session = fakes.async_double(shapes.ClientSession)
    response = fakes.async_double(shapes.ClientResponse)
    session.get.enters(response)

    async def main() -> tuple[Any, Any]:
        awaited = await session.get("/a")
        async with session.get("/b") as entered:
            return awaited, entered

    assert run(main()) == (response, response)
    session.get.assert_entered_once()
    assert session.get.call_count == 2


def test_async_double_awaitable_context_member_default_is_shared() -> None:
    """Unconfigured, awaiting and entering give the same default double."""
    session = fakes.async_double(shapes.ClientSession)

    async def main() -> tuple[Any, Any]:
        awaited = await session.get("/a")
        async with session.get("/b") as entered:
            return awaited, entered

    awaited, entered = run(main())

    assert awaited is entered
    assert isinstance(awaited, shapes.ClientResponse)


def test_async_double_context_member_without_await_is_not_awaitable() -> None:
    """A class with ``__aenter__`` but no ``__await__`` is entered only."""
    session = fakes.async_double(shapes.ClientSession)

    async def main() -> Any:
        return await session.post("/", b"")

    with pytest.raises(TypeError) as caught:
        run(main())

    assert str(caught.value) == (
        "ClientSession.post(...) was awaited, but it gives an async context "
        "manager: it is entered, not awaited.\n"
        "Fix: enter it instead: async with ClientSession.post(...) as value."
    )


def test_async_double_classmethod_with_self_typed_cls() -> None:
    """``def create(cls: type[T]) -> T`` returns a double of the spec's class."""

    class Model:
        @classmethod
        def create(cls: type[T]) -> T: ...

    model_cls = fakes.async_double(Model, instance=False)

    assert isinstance(model_cls.create(), Model)


def test_async_double_annotated_and_classvar_attributes() -> None:
    """``Annotated[Session, ...]`` and ``ClassVar[Session]`` give doubles."""

    class Session:
        async def close(self) -> None: ...

    class Holder:
        tagged: Annotated[Session, "primary"]
        shared: ClassVar[Session]

    holder = fakes.async_double(Holder)

    assert isinstance(holder.tagged, Session)
    assert isinstance(holder.shared, Session)


def test_return_value_reading_keeps_a_gate() -> None:
    """A gate holds awaits after ``return_value`` was read."""
    store = fakes.async_double(Store)
    gate = store.load.gate()
    _ = store.load.return_value

    async def main() -> Any:
        task = asyncio.ensure_future(store.load("k"))
        await gate.wait_entered(1)
        gate.release(b"held")
        return await task

    assert run(main()) == b"held"


def test_return_value_reading_keeps_self_iteration() -> None:
    """A self-iterating double's ``yields()`` survives reading ``return_value``."""
    cursor = fakes.async_double(shapes.Cursor)
    cursor.yields((1,), (2,))
    _ = cursor.__anext__.return_value

    async def main() -> list[Any]:
        return [row async for row in cursor]

    assert run(main()) == [(1,), (2,)]


def test_async_double_local_class_names_its_base() -> None:
    """A base's name in a string annotation resolves too: the double enters itself."""

    class Base:
        async def __aenter__(self) -> "Base": ...
        async def __aexit__(self, *exc_info: object) -> None: ...

    class Derived(Base):
        async def ping(self) -> None: ...

    derived = fakes.async_double(Derived)

    async def main() -> Any:
        async with derived as entered:
            return entered

    assert run(main()) is derived


def test_async_double_module_names_win_over_the_spec_class_names() -> None:
    """A name the defining module has means the module's class, as Python reads it."""

    class Limits:  # shadows the module's Limits only inside this function
        def tighter(self) -> "Limits": ...

    limits = fakes.async_double(Limits)

    result = limits.tighter()

    assert isinstance(result, globals()["Limits"])
    assert not isinstance(result, Limits)


# Context-manager members whose class has members of its own.


def test_async_double_context_member_result_has_its_class_members() -> None:
    """``-> Pipeline`` gives a result that is entered or used as a ``Pipeline``."""
    redis = fakes.async_double(shapes.Redis)
    pipe = redis.pipeline()
    pipe.execute.returns([True])

    async def main() -> Any:
        pipe.set("a", 1)
        return await pipe.execute()

    assert run(main()) == [True]
    pipe.set.assert_called_once_with("a", 1)


def test_async_double_context_member_result_refuses_unknown_names() -> None:
    """A name the returned class lacks is refused, with the spec's suggestions."""
    redis = fakes.async_double(shapes.Redis, name="redis")

    with pytest.raises(AttributeError) as caught:
        redis.pipeline().exeute  # noqa: B018

    assert str(caught.value) == (
        "redis.pipeline() has no attribute 'exeute'. Did you mean 'execute'? A "
        "double has only the members of its spec: add 'exeute' to Pipeline, or "
        "set it on the double before using it."
    )


def test_async_double_asynccontextmanager_result_has_no_members() -> None:
    """An ``@asynccontextmanager`` member's result has only the protocol."""

    class Database:
        @contextlib.asynccontextmanager
        async def transaction(self) -> AsyncIterator[int]:
            yield 1

    db = fakes.async_double(Database, name="db")

    with pytest.raises(AttributeError) as caught:
        db.transaction().commit  # noqa: B018

    assert str(caught.value) == (
        "db.transaction has no attribute 'commit': it is an async context "
        "manager double, and its spec names no class whose members it could have."
    )
