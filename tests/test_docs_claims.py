"""The docs say only what is true: claims of the doubles guide, the tutorial and
"Coming from AsyncMock", each checked with a shape other than the page's own
snippet (a second double of one class, an instance spec, trio, a nested member,
a class double, a ``patch_async`` double).
"""

# The docstrings quote each claim and its page section, so they run long.
# ruff: noqa: E501

# Every annotation of this module is a string, as the string-annotation claims need.
from __future__ import annotations

import abc
import asyncio
import collections.abc
import contextlib
import copy
import dataclasses
import datetime
import decimal
import enum
import fractions
import gc
import inspect
import subprocess
import sys
import textwrap
import uuid
import weakref
from collections.abc import AsyncIterator, Generator
from pathlib import Path
from typing import Annotated, Any, ClassVar, NamedTuple, Optional, Protocol, TypeVar
from unittest import mock
from unittest.mock import call

import pytest
import trio
import trio.testing
from typing_extensions import Self

import fakes
from fakes.errors import (
    AwaitOrderError,
    FakesTypeError,
    NotAsyncTargetError,
    NotAwaitableError,
    ProtocolMismatchError,
    ScriptError,
    SignatureMismatchError,
)


class Cursor:
    async def fetch(self, size: int) -> list[int]:
        raise NotImplementedError


class Conn:
    def cursor(self, name: str) -> Cursor:
        raise NotImplementedError


class Pool:
    async def acquire(self, timeout: float = 1.0) -> None:
        raise NotImplementedError

    def size(self) -> int:
        raise NotImplementedError


class HttpClient:
    pool: Pool
    label = "http"

    def __init__(self, url: str) -> None:
        self.url = url

    async def get(self, path: str, *, retry: bool = False) -> bytes:
        raise NotImplementedError

    def connect(self) -> Conn:
        raise NotImplementedError


async def fetch_user(user_id: int, *, fresh: bool = False) -> dict[str, int]:
    raise NotImplementedError


def _run_isolated(source: str) -> str:
    """Run a program in its own Python with a timeout; return what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(source)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# -- doubles.md "What can be a spec": names ------------------------------------


def test_names_two_instance_spec_doubles_told_apart_in_order_failure() -> None:
    """doubles.md 'What can be a spec': two doubles of one class are told apart in order failures (instance specs)."""
    primary = fakes.async_double(HttpClient("a"), name="primary")
    secondary = fakes.async_double(HttpClient("b"), name="secondary")

    async def run() -> None:
        await secondary.get("/b")
        await primary.get("/a")

    with fakes.Ledger():
        asyncio.run(run())
        with pytest.raises(AwaitOrderError) as caught:
            fakes.assert_awaited_in_order(primary.get, secondary.get)

    assert str(caught.value).splitlines()[:4] == [
        "The awaits were not in the expected order.",
        "Expected, in this order (other awaits may come between):",
        "  1. primary.get (any arguments)",
        "  2. secondary.get (any arguments)",
    ]


def test_names_call_results_and_nested_under_trio() -> None:
    """doubles.md 'What can be a spec': a member of a call's result is named db.connect().cursor ... in the ledger, also under trio."""
    db = fakes.async_double(HttpClient, name="db")

    async def run() -> None:
        await db.connect().cursor(name="c").fetch(1)
        await db.pool.acquire()

    with fakes.Ledger() as ledger:
        trio.run(run)

    assert [event.name for event in ledger.events("started")] == [
        "db.connect().cursor().fetch",
        "db.pool.acquire",
    ]
    assert repr(db.pool.acquire).startswith("<AsyncDouble name='db.pool.acquire'")


def test_names_default_root_is_spec_name_for_instance_spec() -> None:
    """doubles.md 'What can be a spec': without name=, the path starts at the spec's name (instance spec, nested member)."""
    client = fakes.async_double(HttpClient("x"))

    with pytest.raises(SignatureMismatchError) as caught:
        client.pool.acquire(1, 2)

    assert str(caught.value) == (
        "HttpClient.pool.acquire(1, 2) does not match the signature "
        "Pool.acquire(timeout: float = 1.0) -> None: too many positional arguments"
    )


def test_names_stdlib_assertion_keeps_stdlib_message() -> None:
    """doubles.md 'What can be a spec': the stdlib's own assertions keep its messages, with the member's last name (second double, trio)."""
    fakes.async_double(HttpClient, name="primary")
    secondary = fakes.async_double(HttpClient, name="secondary")
    trio.run(secondary.get, "/b")
    # Python 3.10's stdlib does not indent the "Actual" line.
    actual = "  Actual" if sys.version_info >= (3, 11) else "Actual"

    with pytest.raises(AssertionError) as caught:
        secondary.get.assert_awaited_once_with("/zz")

    assert str(caught.value) == (
        f"expected await not found.\nExpected: get('/zz')\n{actual}: get('/b')"
    )


def test_names_patch_async_keeps_qualified_name() -> None:
    """doubles.md 'What can be a spec': a patch_async double keeps the real object's qualified name."""
    with fakes.Ledger() as ledger, fakes.patch_async(f"{__name__}.fetch_user") as fetch:
        asyncio.run(fetch_user(3))

    assert [event.name for event in ledger.events("started")] == ["fetch_user"]
    assert repr(fetch).startswith("<AsyncDouble name='fetch_user'")


# -- doubles.md "Expected calls match through the signature" -------------------


def test_matching_nested_member_of_second_double_binds_keywords() -> None:
    """doubles.md 'Expected calls match through the signature': a nested member matches user_id=1 against fetch(1), under trio."""
    replica = fakes.async_double(HttpClient, name="replica")

    async def run() -> None:
        await replica.pool.acquire(2.0)
        await replica.get("/x", retry=True)

    trio.run(run)

    replica.pool.acquire.assert_awaited_once_with(timeout=2.0)
    replica.pool.acquire.assert_any_await(timeout=2.0)
    replica.pool.acquire.assert_has_awaits([call(timeout=2.0)])
    replica.get.assert_called_with(path="/x", retry=True)
    replica.assert_has_calls(
        [call.pool.acquire(timeout=2.0), call.get(path="/x", retry=True)]
    )


def test_matching_parent_sees_results_of_calls() -> None:
    """doubles.md 'Expected calls match through the signature': call.connect().cursor(name="c") matches through results."""
    db = fakes.async_double(HttpClient("x"), name="db")

    db.connect().cursor("c")

    db.assert_has_calls([call.connect(), call.connect().cursor(name="c")])


def test_matching_awaited_items_and_patch_async_double() -> None:
    """doubles.md / coming-from-asyncmock.md: fakes.awaited(...) and patch_async doubles match through the signature."""

    async def run() -> None:
        await fetch_user(1)
        await fetch_user(user_id=2, fresh=True)

    with fakes.Ledger(), fakes.patch_async(f"{__name__}.fetch_user") as fetch:
        asyncio.run(run())

        fetch.assert_any_await(user_id=1)
        fetch.assert_awaited_with(2, fresh=True)
        fakes.assert_awaited_in_order(
            fakes.awaited(fetch, user_id=1), fakes.awaited(fetch, 2, fresh=True)
        )


def test_matching_class_double_binds_init_and_defaults_not_filled() -> None:
    """doubles.md 'Expected calls match through the signature': a class double binds to __init__; defaults are not filled in."""
    client_cls = fakes.async_double(HttpClient, instance=False)
    client = fakes.async_double(HttpClient, name="client")

    client_cls("https://x")
    asyncio.run(client.get("/a"))

    client_cls.assert_called_once_with(url="https://x")
    with pytest.raises(AssertionError):
        client.get.assert_awaited_once_with("/a", retry=False)


def test_matching_specless_double_compares_as_written() -> None:
    """doubles.md 'Expected calls match through the signature': a spec-less double compares arguments as written."""
    free = fakes.async_double(name="free")

    asyncio.run(free.get(1))

    free.get.assert_awaited_once_with(1)
    with pytest.raises(AssertionError):
        free.get.assert_awaited_once_with(user_id=1)


def test_matching_tutorial_keywords_match_positional_send() -> None:
    """tutorial.md '2. A first test': send(to=..., subject=...) matches however the call was written (second double of one class)."""

    class Mailer:
        async def send(self, to: str, subject: str) -> None:
            raise NotImplementedError

    first = fakes.async_double(Mailer, name="first")
    second = fakes.async_double(Mailer, name="second")

    async def run() -> None:
        await first.send("ada@example.test", subject="Hi")
        await second.send("bob@example.test", "Hi")

    trio.run(run)

    first.send.assert_awaited_once_with(to="ada@example.test", subject="Hi")
    second.send.assert_awaited_once_with(to="bob@example.test", subject="Hi")


# -- doubles.md "Awaitables that are not async def": never a hang -------------


def test_awaitables_call_object_and_async_property_under_trio() -> None:
    """doubles.md 'Awaitables that are not async def': an __await__ class, async property and -> Awaitable member are awaitable (trio, subprocess)."""
    out = _run_isolated(
        """
        from collections.abc import Awaitable
        import trio
        import fakes

        class Reply:
            def __await__(self):
                return (yield)

        class Stub:
            def Call(self, key: int) -> Reply: ...
            def Ping(self) -> Awaitable[bool]: ...
            @property
            async def ready(self) -> bool: ...

        async def main():
            stub = fakes.async_double(Stub(), name="stub")
            stub.Call.when(2).returns("two")
            stub.Ping.returns(True)
            fakes.on(stub.ready).returns(False)
            reply = fakes.async_double(Reply, name="reply").returns(7)
            print(await stub.Call(2), await stub.Ping(), await stub.ready, await reply)
            stub.Call.assert_awaited_once_with(2)

        trio.run(main)
        """
    )

    assert out == "two True False 7\n"


def test_awaitables_self_iterating_class_yields_under_trio() -> None:
    """async-iterators via doubles.md member table: a self-iterating class double ends at once, and yields() configures it (trio, subprocess)."""
    out = _run_isolated(
        """
        import trio
        import fakes

        class Rows:
            def __aiter__(self):
                return self
            async def __anext__(self) -> int:
                return 1

        async def main():
            empty = fakes.async_double(Rows, name="empty")
            full = fakes.async_double(Rows, name="full").yields(1, 2)
            print([r async for r in empty], [r async for r in full])

        trio.run(main)
        """
    )

    assert out == "[] [1, 2]\n"


class Response:
    async def json(self) -> dict[str, int]:
        raise NotImplementedError


class Call:
    def __await__(self) -> Generator[Any, None, Response]:
        raise NotImplementedError


def test_awaitables_unconfigured_call_gives_annotated_class_double() -> None:
    """doubles.md 'Awaitables that are not async def': unconfigured, awaiting gives a double of the class __await__ is annotated to return."""
    second = fakes.async_double(Call(), name="second")

    async def run() -> object:
        return await second

    got = asyncio.run(run())

    assert isinstance(got, Response)


def test_awaitables_not_awaitable_message_instance_spec() -> None:
    """doubles.md 'Awaitables that are not async def': NotAwaitableError names the double's path, the spec member and the fix (instance spec)."""
    replica = fakes.async_double(HttpClient("x"), name="replica")

    async def run() -> None:
        await replica.pool.size()  # type: ignore[misc]

    with pytest.raises(NotAwaitableError) as caught:
        asyncio.run(run())

    assert str(caught.value) == (
        "replica.pool.size() was awaited, but replica.pool.size is Pool.size, a "
        "sync member of the spec (a plain 'def', not annotated as returning an "
        "awaitable), so its result cannot be awaited.\n"
        "Fix: call it without 'await', or make Pool.size 'async def' in the spec "
        "(or annotate it as returning Awaitable[...])."
    )


# -- doubles.md: instance specs read like their classes ------------------------


def test_instance_spec_of_main_class_gives_nested_async_members() -> None:
    """doubles.md 'Awaitables...': an instance of a class in __main__ holding a value still gives annotated nested doubles (subprocess)."""
    out = _run_isolated(
        """
        import asyncio
        import fakes

        class Session:
            async def close(self) -> None: ...

        class Client:
            session: Session
            def __init__(self):
                self.session = object()

        async def main():
            client = fakes.async_double(Client(), name="client")
            await client.session.close()
            client.session.close.assert_awaited_once_with()
            print(type(client.session).__name__ != "object")

        asyncio.run(main())
        """
    )

    assert out == "True\n"


# -- doubles.md "Annotations are read as a type checker reads them" -----------


class Retry(enum.Enum):
    NEVER = "never"


@dataclasses.dataclass(frozen=True)
class Timeout:
    total: float = 30.0


class Session:
    async def close(self) -> None:
        raise NotImplementedError


class StreamReader:
    async def read(self) -> bytes:
        raise NotImplementedError


class Shaped:
    retry = Retry.NEVER
    timeout = Timeout()
    idle = datetime.timedelta(seconds=15)
    price = decimal.Decimal("1.5")
    pair = (Retry.NEVER, datetime.timedelta(0))
    session: Optional[Session]  # noqa: UP045 - the Optional spelling is the claim
    other: Session | None
    content: StreamReader = None  # type: ignore[assignment]
    retries: int | None = None

    async def reconnect(self) -> Shaped:
        raise NotImplementedError


def test_shapes_instance_spec_reads_constants_and_optional_annotations() -> None:
    """doubles.md 'Annotations are read...': constants keep their values; Optional/str annotations and None defaults give nested doubles (instance spec)."""
    shaped = fakes.async_double(Shaped(), name="shaped")

    async def run() -> None:
        await shaped.session.close()
        await shaped.other.close()
        await shaped.content.read()

    trio.run(run)

    assert shaped.retry is Retry.NEVER
    assert shaped.timeout == Timeout()
    assert shaped.idle == datetime.timedelta(seconds=15)
    assert shaped.price == decimal.Decimal("1.5")
    assert shaped.pair == (Retry.NEVER, datetime.timedelta(0))
    assert shaped.retries is None
    shaped.content.read.assert_awaited_once_with()


def test_shapes_string_self_annotation_returns_instance_double() -> None:
    """doubles.md 'Annotations are read...': a quoted return annotation of the class itself gives an instance double."""
    shaped = fakes.async_double(Shaped, name="shaped")

    got = asyncio.run(shaped.reconnect())

    assert isinstance(got, Shaped)


class Span(NamedTuple):
    start: int
    end: int


def test_shapes_class_double_of_namedtuple_checked_against_fields() -> None:
    """doubles.md 'Class doubles check the constructor': a NamedTuple class double is checked against its fields."""
    span_cls = fakes.async_double(Span, instance=False, name="Span")

    with pytest.raises(SignatureMismatchError) as caught:
        span_cls(start=1)

    assert str(caught.value) == (
        "Span(start=1) does not match the signature "
        "Span(start: int, end: int): missing a required argument: 'end'"
    )


def test_shapes_wraps_sync_function_gives_its_result() -> None:
    """doubles.md 'Passing calls through: wraps=': a sync wrapped callable's result is what awaiting gives, until configured."""

    def quote(item: str) -> int:
        return len(item)

    async def spec(item: str) -> int:
        raise NotImplementedError

    double = fakes.async_double(spec, wraps=quote)

    async def run() -> tuple[object, object]:
        first = await double("tea")
        double.returns(9)
        return first, await double("tea")

    assert trio.run(run) == (3, 9)


def test_shapes_reading_return_value_keeps_script() -> None:
    """doubles.md 'Configuring a member': reading return_value changes nothing, a script stays in force (nested member)."""
    db = fakes.async_double(HttpClient, name="db")
    db.pool.acquire.script(None, KeyError("k"))

    db.pool.acquire.return_value  # noqa: B018 - the read is the claim

    async def run() -> None:
        await db.pool.acquire()
        with pytest.raises(KeyError):
            await db.pool.acquire()

    asyncio.run(run())


def test_shapes_patch_async_factory_awaited_result() -> None:
    """coming-from-asyncmock.md 'Patching': a sync factory whose result is awaited is patched with factory=True."""
    with fakes.patch_async(f"{__name__}.make_pool", factory=True) as factory:
        factory.enters("pool")

        async def run() -> tuple[object, object]:
            async with make_pool("a") as entered:
                pass
            return entered, await make_pool(dsn="b")

        assert trio.run(run) == ("pool", "pool")
    factory.assert_called_with(dsn="b")
    factory.assert_entered_once()


def test_shapes_patch_async_sync_refusal_points_to_factory() -> None:
    """coming-from-asyncmock.md 'Patching': a sync target is refused, pointing to factory=True."""
    with pytest.raises(NotAsyncTargetError) as caught:
        fakes.patch_async(f"{__name__}.make_pool").start()

    assert str(caught.value) == (
        f"patch_async('{__name__}.make_pool') cannot patch the function "
        f"{__name__}.make_pool: it is not async and has no async members. If its "
        "result is awaited or entered with async with (a factory, as "
        "asyncpg.create_pool is), pass factory=True; for sync code use "
        f"unittest.mock.patch('{__name__}.make_pool', autospec=True), or pass new= "
        "to install an object of your own."
    )


async def _pool(dsn: str) -> str:
    return dsn


def make_pool(dsn: str):  # type: ignore[no-untyped-def]
    """A sync factory whose result is awaited, like asyncpg.create_pool."""
    return _pool(dsn)


# -- doubles.md "Configuring a member": all or nothing --------------------------


def test_configuration_refused_leaves_nested_member_as_it_was() -> None:
    """doubles.md 'Configuring a member': a refused returns()/raises()/script()/when()/yields()/enters() leaves the double exactly as it was."""
    db = fakes.async_double(HttpClient("x"), name="db")
    db.get.returns(b"ok")
    refusals = [
        (lambda: db.get.returns(1, 2), FakesTypeError),
        (lambda: db.get.raises(5), FakesTypeError),
        (lambda: db.get.script(), ScriptError),
        (lambda: db.get.when(1, 2, 3), SignatureMismatchError),
        (lambda: db.get.yields(1), ProtocolMismatchError),
        (lambda: db.get.enters(1), ProtocolMismatchError),
    ]

    for refuse, error in refusals:
        with pytest.raises(error):
            refuse()

    assert db.get.return_value == b"ok"
    assert db.get.side_effect is None
    assert trio.run(db.get, "/") == b"ok"


def test_configuration_refusal_message_names_second_double() -> None:
    """doubles.md 'Configuring a member': returns() takes exactly one value, refused with what to use instead (second double)."""
    fakes.async_double(HttpClient, name="primary")
    secondary = fakes.async_double(HttpClient, name="secondary")

    with pytest.raises(FakesTypeError) as caught:
        secondary.pool.acquire.returns(1, 2)

    assert str(caught.value) == (
        "secondary.pool.acquire.returns() takes exactly one value, got 2: pass a "
        "tuple to return a tuple, or use script() to return one value per call."
    )


# -- doubles.md "The short forms, and spec members of the same names" ----------


class Planner:
    async def when(self, event: str) -> float:
        raise NotImplementedError

    def script(self, name: str) -> str:
        raise NotImplementedError

    async def yields(self) -> int:
        raise NotImplementedError


def test_spec_members_win_on_instance_spec_under_trio() -> None:
    """doubles.md 'Spec members win': when/script/yields of the spec are the members' doubles, configured through fakes.on (instance spec, trio)."""
    planner = fakes.async_double(Planner(), name="planner")
    fakes.on(planner.when).returns(2.5)
    fakes.on(planner.yields).returns(4)

    async def run() -> tuple[float, int]:
        return await planner.when("x"), await planner.yields()

    assert trio.run(run) == (2.5, 4)
    assert planner.script("a") is not None
    planner.script.assert_called_once_with(name="a")
    planner.when.assert_awaited_once_with(event="x")


def test_spec_members_win_class_double_configured_through_on() -> None:
    """doubles.md 'Spec members win': a class double's own when()/called are reached through fakes.on."""
    planner_cls = fakes.async_double(Planner, instance=False)
    made = fakes.async_double(Planner, name="made")
    fakes.on(planner_cls).returns(made)

    assert planner_cls() is made
    assert fakes.on(planner_cls).called is True


def test_short_forms_kept_without_such_members() -> None:
    """doubles.md 'Spec members win': doubles whose spec has none of these names keep the short forms as attributes."""
    db = fakes.async_double(HttpClient, name="db")

    db.pool.acquire.when(timeout=5.0).returns(None)

    assert db.pool.called is False


# -- doubles.md / coming-from-asyncmock.md: the drop-in classes ---------------


def test_drop_in_every_awaitable_double_is_async_double() -> None:
    """doubles.md 'The drop-in classes': every awaitable double is a fakes.AsyncDouble, sync ones fakes.SyncDouble (nested, patch_async, class)."""
    db = fakes.async_double(HttpClient("x"), name="db")
    client_cls = fakes.async_double(HttpClient, instance=False)

    with fakes.patch_async(f"{__name__}.fetch_user") as fetch:
        assert isinstance(fetch, fakes.AsyncDouble)

    assert isinstance(db.pool.acquire, fakes.AsyncDouble)
    assert isinstance(db.connect().cursor("c").fetch, fakes.AsyncDouble)
    assert isinstance(db.connect, fakes.SyncDouble)
    assert isinstance(client_cls("u").get, fakes.AsyncDouble)


def test_drop_in_new_callable_under_trio_records_and_takes_short_forms() -> None:
    """coming-from-asyncmock.md 'Building a double': patch(new_callable=fakes.AsyncDouble) installs one that records and takes short forms (trio)."""
    with (
        fakes.Ledger() as ledger,
        mock.patch(f"{__name__}.fetch_user", new_callable=fakes.AsyncDouble) as patched,
    ):
        patched.when(1).returns({"id": 1})
        got = trio.run(fetch_user, 1)

    assert got == {"id": 1}
    assert [event.kind for event in ledger.events()] == [
        "called",
        "started",
        "returned",
    ]


def test_drop_in_spec_checks_names_not_arguments() -> None:
    """coming-from-asyncmock.md 'Building a double': AsyncDouble's spec= checks names, not arguments."""
    double = fakes.AsyncDouble(spec=HttpClient)

    asyncio.run(double.get(1, 2, 3))

    with pytest.raises(AttributeError):
        double.gte  # noqa: B018 - the read is the claim


# -- coming-from-asyncmock.md: suppress never swallows cancellation -----------


def test_suppress_does_not_swallow_trio_cancellation() -> None:
    """coming-from-asyncmock.md 'Async iterators and async context managers': enters(suppress=True) does not swallow trio's Cancelled."""

    class Tx:
        async def __aenter__(self) -> Tx:
            raise NotImplementedError

        async def __aexit__(self, *exc: object) -> bool:
            raise NotImplementedError

    tx = fakes.async_double(Tx(), name="tx")
    fakes.on(tx).enters(tx, suppress=True)
    reached = []

    async def run() -> None:
        with trio.move_on_after(5) as scope:
            async with tx:
                await trio.sleep_forever()
            reached.append("after the block")
        assert scope.cancelled_caught

    trio.run(run, clock=trio.testing.MockClock(autojump_threshold=0))

    assert reached == []


def test_suppress_still_swallows_ordinary_errors_second_double() -> None:
    """coming-from-asyncmock.md: enters(suppress=True) is __aexit__ returning True for ordinary errors (second double of one class)."""
    fakes.async_double(HttpClient, name="first")
    tx = fakes.async_double(name="tx")
    tx.enters(None, suppress=True)

    async def run() -> str:
        async with tx:
            raise ValueError("swallowed")
        return "after"

    assert asyncio.run(run()) == "after"


# -- coming-from-asyncmock.md "Time" -------------------------------------------


def test_time_doubles_use_trio_with_mock_clock() -> None:
    """coming-from-asyncmock.md 'Time': under trio, MockClock(autojump_threshold=0) and the doubles use whichever library runs."""
    api = fakes.async_double(HttpClient, name="api")
    api.get.script(fakes.hang(), fakes.delay(5, b"ok"))

    async def run() -> tuple[bytes, float]:
        start = trio.current_time()
        with trio.move_on_after(10):
            await api.get("/")
        return await api.get("/"), trio.current_time() - start

    assert trio.run(run, clock=trio.testing.MockClock(autojump_threshold=0)) == (
        b"ok",
        15.0,
    )


def test_ledger_clock_does_not_call_patched_monotonic() -> None:
    """coming-from-asyncmock.md 'Time': ledger events never call a patched time.monotonic (nested member of a second double)."""
    fakes.async_double(HttpClient, name="primary")
    db = fakes.async_double(HttpClient, name="db")

    async def run() -> float:
        with mock.patch("time.monotonic", side_effect=[1.0]) as clock:
            await db.pool.acquire()
            await db.get("/")
            return clock()

    with fakes.Ledger() as ledger:
        seen = asyncio.run(run())

    assert seen == 1.0
    assert len(ledger.events("returned")) == 2


def test_instance_spec_of_private_module_class_second_double_under_trio(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """doubles.md 'Awaitables...': an instance of a class of a module whose name starts with _ reads like its class (second double, trio)."""
    monkeypatch.syspath_prepend(str(Path(__file__).parent / "targets"))
    import _private_mod  # type: ignore[import-not-found]

    fakes.async_double(_private_mod.Database(), name="primary")
    replica = fakes.async_double(_private_mod.Database(), name="replica")

    async def run() -> None:
        connection = await replica.pool.acquire(1.0)
        await connection.execute("select 1")
        await replica.pool.size()

    with pytest.raises(NotAwaitableError) as caught:
        trio.run(run)

    assert str(caught.value) == (
        "replica.pool.size() was awaited, but replica.pool.size is Pool.size, a "
        "sync member of the spec (a plain 'def', not annotated as returning an "
        "awaitable), so its result cannot be awaited.\n"
        "Fix: call it without 'await', or make Pool.size 'async def' in the spec "
        "(or annotate it as returning Awaitable[...])."
    )
    assert replica.label == "main"


def test_awaitables_async_property_never_runs() -> None:
    """doubles.md 'Awaitables that are not async def': the async property itself never runs (instance spec, configured via fakes.on)."""
    out = _run_isolated(
        """
        import asyncio
        import fakes

        class Device:
            @property
            async def ready(self) -> bool:
                raise AssertionError("the property ran")

        async def main():
            device = fakes.async_double(Device(), name="device")
            unconfigured = await device.ready
            fakes.on(device.ready).returns(True)
            print(unconfigured is not None, await device.ready)

        asyncio.run(main())
        """
    )

    assert out == "True True\n"


TxT = TypeVar("TxT", bound="Tx")


class Tx:
    async def __aenter__(self: TxT) -> TxT:
        raise NotImplementedError

    async def __aexit__(self, *exc: object) -> None:
        raise NotImplementedError

    async def run(self, sql: str) -> int:
        raise NotImplementedError


def test_shapes_self_typed_typevar_aenter_enters_double_itself() -> None:
    """doubles.md 'Annotations are read...': a TypeVar that annotates self means the spec's class: __aenter__ enters the double itself (instance spec, trio)."""
    tx = fakes.async_double(Tx(), name="tx")

    async def run() -> object:
        async with tx as entered:
            await entered.run("select 1")
        return entered

    assert trio.run(run) is tx
    tx.run.assert_awaited_once_with(sql="select 1")


def test_configuration_refused_rule_outcome_adds_no_rule() -> None:
    """doubles.md 'Configuring a member': a refused outcome of a when() rule leaves the double as it was (instance spec)."""
    db = fakes.async_double(HttpClient("x"), name="db")
    db.get.returns(b"ok")

    with pytest.raises(FakesTypeError) as caught:
        db.get.when("/a").raises(5)  # type: ignore[arg-type]

    assert str(caught.value) == (
        "db.get.when('/a').raises() takes an exception instance or class, got 5; "
        "to return the value use returns()."
    )
    assert trio.run(db.get, "/a") == b"ok"


def test_configuration_refused_gate_on_sync_member_leaves_it() -> None:
    """doubles.md 'Configuring a member': a refused gate() leaves the double as it was (nested sync member)."""
    db = fakes.async_double(HttpClient, name="db")
    db.pool.size.returns(4)

    with pytest.raises(ProtocolMismatchError) as caught:
        db.pool.size.gate()

    assert str(caught.value) == (
        "db.pool.size.gate() holds awaits, but db.pool.size is a sync member that "
        "is not awaited.\nFix: gate an async member instead."
    )
    assert db.pool.size() == 4


def test_configuration_setting_return_value_replaces_script() -> None:
    """doubles.md 'Configuring a member': setting return_value is configuration, and replaces a script (second double)."""
    fakes.async_double(HttpClient, name="primary")
    db = fakes.async_double(HttpClient, name="db")
    db.get.script(b"a", b"b")

    db.get.return_value = b"c"

    async def run() -> list[bytes]:
        return [await db.get("/"), await db.get("/")]

    assert trio.run(run) == [b"c", b"c"]


class Dispatcher:
    async def called(self, number: str) -> bool:
        raise NotImplementedError

    async def when(self, event: str) -> float:
        raise NotImplementedError


def test_spec_members_win_called_is_member_double_and_flag_via_on() -> None:
    """doubles.md 'Spec members win': called is the spec member's double; fakes.on(...).called is the stdlib's flag, reset_mock() clears it."""
    dispatcher = fakes.async_double(Dispatcher(), name="dispatcher")
    fakes.on(dispatcher.called).when("555").returns(True)

    assert trio.run(dispatcher.called, "555") is True
    assert isinstance(dispatcher.called, fakes.AsyncDouble)
    assert fakes.on(dispatcher.called).called is True
    dispatcher.called.reset_mock()
    assert fakes.on(dispatcher.called).called is False


def test_spec_members_drop_in_spec_gives_child_mocks() -> None:
    """doubles.md 'Spec members win': with AsyncDouble(spec=...), such names give child mocks and called stays the stdlib's flag."""
    double = fakes.AsyncDouble(spec=Dispatcher)

    assert isinstance(double.when, fakes.AsyncDouble)
    assert double.called is False


def test_drop_in_takes_stdlib_arguments() -> None:
    """doubles.md 'The drop-in classes': both classes take spec_set, wraps and name as the stdlib does."""
    sync = fakes.SyncDouble(spec_set=Pool, name="sizes")
    wrapped = fakes.AsyncDouble(wraps=fetch_user)

    with pytest.raises(AttributeError):
        sync.nope = 1
    with pytest.raises(NotImplementedError):
        trio.run(wrapped, 1)

    assert repr(sync).startswith("<SyncDouble name='sizes'")
    wrapped.assert_awaited_once_with(1)


class Catalog:
    primary: Annotated[Session, "the main one"]
    shared: ClassVar[Session]
    ratio = fractions.Fraction(1, 3)
    ident = uuid.UUID(int=5)
    tags = frozenset({"a", "b"})
    opened = datetime.date(2024, 1, 2)


def test_shapes_annotated_classvar_and_more_constants_instance_spec() -> None:
    """doubles.md 'Annotations are read...': Annotated[X, ...] and ClassVar[X] mean X; Fraction, UUID, frozenset, dates stay values (instance spec, trio)."""
    catalog = fakes.async_double(Catalog(), name="catalog")

    async def run() -> None:
        await catalog.primary.close()
        await catalog.shared.close()

    trio.run(run)

    catalog.primary.close.assert_awaited_once_with()
    catalog.shared.close.assert_awaited_once_with()
    assert catalog.ratio == fractions.Fraction(1, 3)
    assert catalog.ident == uuid.UUID(int=5)
    assert catalog.tags == frozenset({"a", "b"})
    assert catalog.opened == datetime.date(2024, 1, 2)


class Money:
    def __new__(cls, cents: int, currency: str = "EUR") -> Money:
        return super().__new__(cls)


def test_shapes_class_double_checks_new_when_no_init() -> None:
    """doubles.md 'Class doubles check the constructor': without an __init__, a class double checks calls against __new__ (named double)."""
    money_cls = fakes.async_double(Money, instance=False, name="Money")
    money_cls(1)

    with pytest.raises(SignatureMismatchError) as caught:
        money_cls(currency="USD")

    assert str(caught.value) == (
        "Money(currency='USD') does not match the signature "
        "Money(cents: int, currency: str = 'EUR') -> Money: missing a required "
        "argument: 'cents'"
    )


def _local_classes() -> tuple[type, type]:
    class Node:
        async def parent(self) -> Node:
            raise NotImplementedError

    class Edge:
        async def target(self) -> Node:
            raise NotImplementedError

    return Node, Edge


def test_shapes_local_class_finds_itself_other_local_unknown() -> None:
    """doubles.md 'Annotations are read...': a class defined in a function finds itself; another class of that function stays unknown (instance specs)."""
    node_cls, edge_cls = _local_classes()
    node = fakes.async_double(node_cls(), name="node")
    edge = fakes.async_double(edge_cls(), name="edge")

    async def run() -> tuple[object, object]:
        return await node.parent(), await edge.target()

    parent, target = trio.run(run)

    assert isinstance(parent, node_cls)
    assert not isinstance(target, node_cls)


def test_unknown_attribute_names_nested_path() -> None:
    """tutorial.md '3. Mistakes fail where they are made' / doubles.md 'Unknown attributes': the refusal names the nested double by its path."""
    fakes.async_double(HttpClient, name="primary")
    replica = fakes.async_double(HttpClient, name="replica")

    with pytest.raises(AttributeError) as caught:
        replica.pool.sise  # noqa: B018 - the read is the claim

    assert str(caught.value) == (
        "replica.pool has no attribute 'sise'. Did you mean 'size'? A double has "
        "only the members of its spec: add 'sise' to Pool, or set it on the double "
        "before using it."
    )


def test_awaitables_isawaitable_follows_the_spec() -> None:
    """doubles.md 'Awaitables...': neither a double of a class without __await__ nor a sync member's result looks awaitable (nested, instance spec)."""
    replica = fakes.async_double(HttpClient("x"), name="replica")

    assert inspect.isawaitable(replica.pool) is False
    assert inspect.isawaitable(replica.pool.size()) is False
    assert hasattr(replica.pool.size(), "__await__") is False


async def test_awaitables_await_of_non_awaitable_double_says_why() -> None:
    """doubles.md 'Awaitables...': awaiting an uncalled async member or an object double raises NotAwaitableError naming it."""
    replica = fakes.async_double(HttpClient("x"), name="replica")

    with pytest.raises(NotAwaitableError) as uncalled:
        await replica.pool.size
    with pytest.raises(NotAwaitableError) as whole:
        await replica

    assert str(uncalled.value).splitlines()[0] == (
        "replica.pool.size was awaited, but it is Pool.size, a sync method of "
        "the spec (a plain 'def'): it is called, not awaited."
    )
    assert str(whole.value).startswith(
        "replica was awaited, but it stands in for a HttpClient object"
    )


def test_patch_async_double_refuses_bad_call_under_trio() -> None:
    """coming-from-asyncmock.md 'Building a double': fakes raises at the call, on every version (a patch_async double, under trio)."""

    async def run() -> None:
        fetch_user(1, 2)  # type: ignore[call-arg]

    with (
        fakes.patch_async(f"{__name__}.fetch_user"),
        pytest.raises(SignatureMismatchError) as caught,
    ):
        trio.run(run)

    assert str(caught.value) == (
        "fetch_user(1, 2) does not match the signature fetch_user(user_id: int, *, "
        "fresh: bool = False) -> dict[str, int]: too many positional arguments"
    )


def test_suppress_does_not_swallow_asyncio_timeout() -> None:
    """coming-from-asyncmock.md 'Async iterators and async context managers': enters(suppress=True) lets an asyncio timeout through (virtual time)."""
    tx = fakes.async_double(Tx(), name="tx")
    fakes.on(tx).enters(tx, suppress=True)
    reached = []

    async def body() -> None:
        async with tx:
            await asyncio.Event().wait()
        reached.append("after the block")

    async def run() -> None:
        async with fakes.virtual_time():
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(body(), timeout=5)

    asyncio.run(run())

    assert reached == []


class Link:
    @classmethod
    async def connect(cls, url: str) -> Self:
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        raise NotImplementedError

    async def __aexit__(self, *exc: object) -> None:
        raise NotImplementedError


def test_shapes_self_return_gives_instance_double_and_enters_itself() -> None:
    """doubles.md 'Annotations are read...': -> Self gives an instance double, and __aenter__ -> Self enters the double itself (instance spec, trio)."""
    link = fakes.async_double(Link(), name="link")

    async def run() -> tuple[object, object]:
        connected = await link.connect("u")
        async with link as entered:
            pass
        return connected, entered

    connected, entered = trio.run(run)

    assert isinstance(connected, Link)
    assert entered is link


def test_awaitables_call_object_await_recorded_by_path_cancelled_under_trio() -> None:
    """doubles.md 'Awaitables that are not async def': an await of a call object is recorded (called, started, cancelled) by the double's path (trio)."""
    fakes.async_double(Call, name="first")
    second = fakes.async_double(Call, name="second").script(fakes.hang())

    async def run() -> None:
        with trio.move_on_after(5):
            await second

    with fakes.Ledger() as ledger:
        trio.run(run, clock=trio.testing.MockClock(autojump_threshold=0))

    assert [(event.kind, event.name) for event in ledger.events()] == [
        ("called", "second"),
        ("started", "second"),
        ("cancelled", "second"),
    ]


class Prices:
    async def quote(self, item: str) -> int:
        return len(item)

    def currency(self) -> str:
        return "EUR"


def test_wraps_instance_spec_each_member_wraps_same_member() -> None:
    """doubles.md 'Passing calls through: wraps=' / coming-from-asyncmock.md 'Building a double': each member wraps the same member of real (instance spec, trio)."""
    real = Prices()
    prices = fakes.async_double(real, wraps=real, name="prices")

    async def run() -> tuple[int, str]:
        return await prices.quote("tea"), prices.currency()

    assert trio.run(run) == (3, "EUR")
    prices.quote.assert_awaited_once_with(item="tea")
    with pytest.raises(SignatureMismatchError):
        prices.quote("tea", "extra")


def test_names_tutorial_default_names_in_ledger_under_trio() -> None:
    """tutorial.md '5. What happened, in order': started events are named UserRepo.get, Mailer.send ... by default (trio, nested member)."""
    client = fakes.async_double(HttpClient)

    async def run() -> None:
        await client.get("/")
        await client.pool.acquire()

    with fakes.Ledger() as ledger:
        trio.run(run)

    assert [event.name for event in ledger.events("started")] == [
        "HttpClient.get",
        "HttpClient.pool.acquire",
    ]


class RequestCM:
    async def __aenter__(self) -> Response:
        raise NotImplementedError

    async def __aexit__(self, *exc: object) -> None:
        raise NotImplementedError


class Fetcher:
    def get(self, url: str) -> RequestCM:
        raise NotImplementedError


def test_shapes_string_return_annotation_makes_context_manager_member() -> None:
    """doubles.md 'Annotations are read...': a string annotation (-> "RequestCM" under __future__) counts as the unquoted one: the member enters a Response double, and enters() configures it (second double, trio)."""
    first = fakes.async_double(Fetcher, name="first")
    second = fakes.async_double(Fetcher(), name="second")
    response = fakes.async_double(Response, name="response")
    second.get.enters(response)

    async def run() -> tuple[object, object]:
        async with first.get("https://a") as unconfigured:
            pass
        async with second.get("https://x") as entered:
            return unconfigured, entered

    unconfigured, entered = trio.run(run)

    assert isinstance(unconfigured, Response)  # read from RequestCM.__aenter__
    assert entered is response
    second.get.assert_called_once_with(url="https://x")


# -- doubles.md 'Awaitables that are not async def': NotAwaitableError ---------


class Settings:
    timeout: float
    conn: Conn

    def count(self) -> int:
        raise NotImplementedError


class Replica:
    settings: Settings
    hooks = object()

    def ping(self) -> int:
        raise NotImplementedError

    async def load(self, key: str) -> bytes:
        raise NotImplementedError

    async def rows(self) -> AsyncIterator[int]:
        yield 0

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Conn]:
        yield Conn()

    def close(self) -> None:
        raise NotImplementedError


def _replica() -> Any:
    """A double of an instance, named: the page's snippet builds one of a class."""
    return fakes.async_double(Replica(), name="replica")


def _second() -> Any:
    """A second double of Replica, of the class (values read from the class)."""
    fakes.async_double(Replica, name="first")
    return fakes.async_double(Replica, name="second")


_NOT_AWAITABLE: dict[str, tuple[Any, str]] = {
    "result of a sync member, two levels down": (
        lambda: _replica().settings.count(),
        "replica.settings.count() was awaited, but replica.settings.count is Settings.count, a sync member of the spec (a plain 'def', not annotated as returning an awaitable), so its result cannot be awaited.\n"
        "Fix: call it without 'await', or make Settings.count 'async def' in the spec (or annotate it as returning Awaitable[...]).",
    ),
    "result of a sync member that gives an object, three levels down": (
        lambda: _replica().settings.conn.cursor("c"),
        "replica.settings.conn.cursor() was awaited, but it stands in for what Conn.cursor gives, a Cursor object, and Cursor has no __await__: a double is awaitable only where its spec is.\n"
        "Fix: remove the 'await', or await a call of one of its async methods (await replica.settings.conn.cursor().fetch(...)); if Cursor objects are awaitable, add __await__ to Cursor.",
    ),
    "sync member not called": (
        lambda: _replica().ping,
        "replica.ping was awaited, but it is Replica.ping, a sync method of the spec (a plain 'def'): it is called, not awaited.\n"
        "Fix: call it without 'await': replica.ping(...).",
    ),
    "async member not called": (
        lambda: _replica().load,
        "replica.load was awaited, but it is Replica.load, an async method of the spec: its call is what is awaited.\n"
        "Fix: call it: await replica.load(...).",
    ),
    "async-generator member not called": (
        lambda: _replica().rows,
        "replica.rows was awaited, but it is Replica.rows, an async generator method of the spec: its call is iterated, not awaited.\n"
        "Fix: iterate its call instead: async for item in replica.rows(...).",
    ),
    "async-context-manager member not called": (
        lambda: _replica().transaction,
        "replica.transaction was awaited, but it is Replica.transaction, a method of the spec returning an async context manager: its call is entered, not awaited.\n"
        "Fix: enter its call instead: async with replica.transaction(...) as value.",
    ),
    "object whose class has no __await__": (
        lambda: _replica(),
        "replica was awaited, but it stands in for a Replica object, and Replica has no __await__: a double is awaitable only where its spec is.\n"
        "Fix: remove the 'await', or await a call of one of its async methods (await replica.load(...)); if Replica objects are awaitable, add __await__ to Replica.",
    ),
    "nested object whose class has no __await__": (
        lambda: _replica().settings.conn,
        "replica.settings.conn was awaited, but it stands in for Settings.conn, a Conn object, and Conn has no __await__: a double is awaitable only where its spec is.\n"
        "Fix: remove the 'await'; if Conn objects are awaitable, add __await__ to Conn.",
    ),
    "a class itself": (
        lambda: fakes.async_double(Replica, instance=False, name="factory"),
        "factory was awaited, but it stands in for the class Replica itself, which is not awaitable.\n"
        "Fix: remove the 'await' (a call, factory(...), gives an instance double).",
    ),
    "a value": (
        lambda: _replica().settings.timeout,
        "replica.settings.timeout was awaited, but it is a value of the spec (an attribute or a property, neither async nor annotated as awaitable), so it cannot be awaited.\n"
        "Fix: remove the 'await', or annotate it in the spec with the class it holds (an async property, or a class with async members to call).",
    ),
    "something inside a value": (
        lambda: _second().hooks.run(),
        "second.hooks.run() was awaited, but second.hooks is an attribute of the spec whose class is not annotated, so its members are not known to be async.\n"
        "Fix: annotate hooks with its class in the spec (on the class, even when the spec is an instance).",
    ),
    "spec-less AsyncDouble not called": (
        lambda: fakes.AsyncDouble(name="notify"),
        "notify was awaited, but it is an AsyncDouble without a spec, which stands in for an async function (as an AsyncMock does): its call is what is awaited.\n"
        "Fix: call it: await notify(...).",
    ),
    "spec-less SyncDouble": (
        lambda: fakes.SyncDouble(name="render"),
        "render was awaited, but it is a SyncDouble without a spec, which is no more awaitable than a MagicMock.\n"
        "Fix: call it without 'await' (render(...)), or make it a fakes.AsyncDouble (or a fakes.async_double() of an async function) and await its call.",
    ),
    "what an async-context-manager member gives": (
        lambda: _replica().transaction(),
        "replica.transaction(...) was awaited, but it gives an async context manager: it is entered, not awaited.\n"
        "Fix: enter it instead: async with replica.transaction(...) as value.",
    ),
    "what an async-generator member gives": (
        lambda: _replica().rows(),
        "replica.rows() was awaited, but it is an async iterator: it is iterated, not awaited.\n"
        "Fix: iterate it instead: async for item in replica.rows().",
    ),
    "fakes.async_context": (
        lambda: fakes.async_context("tx", name="session"),
        "session was awaited, but it is an async context manager double: it is entered, not awaited.\n"
        "Fix: enter it instead: async with session as value.",
    ),
    "fakes.async_iter": (
        lambda: fakes.async_iter([1], name="pages"),
        "pages was awaited, but it is an async iterator: it is iterated, not awaited.\n"
        "Fix: iterate it instead: async for item in pages.",
    ),
}


@pytest.mark.parametrize(
    ("build", "message"), list(_NOT_AWAITABLE.values()), ids=list(_NOT_AWAITABLE)
)
def test_doubles_not_awaitable_error_names_double_member_why_and_fix_under_trio(
    build: Any, message: str
) -> None:
    """doubles.md 'Awaitables that are not async def': awaiting a double its spec says is not awaitable raises NotAwaitableError (a TypeError) naming the double by its path, the spec member, why and the fix (instance spec, name=, trio)."""
    double = build()

    async def run() -> None:
        await double

    with pytest.raises(NotAwaitableError) as caught:
        trio.run(run)

    assert isinstance(caught.value, TypeError)
    assert str(caught.value) == message
    assert "can't be used in 'await' expression" not in str(caught.value)


@pytest.mark.parametrize(
    "build", [build for build, _ in _NOT_AWAITABLE.values()], ids=list(_NOT_AWAITABLE)
)
def test_doubles_not_awaitable_doubles_do_not_look_awaitable(build: Any) -> None:
    """doubles.md 'Awaitables...': none of these doubles looks awaitable: isawaitable, isinstance(..., Awaitable) and hasattr(..., "__await__") are false (instance spec, name=)."""
    double = build()

    looks = (
        inspect.isawaitable(double),
        isinstance(double, collections.abc.Awaitable),
        hasattr(double, "__await__"),
    )

    assert looks == (False, False, False)


def test_doubles_not_awaitable_false_as_of_real_object_and_magicmock() -> None:
    """doubles.md 'Awaitables...': false as they are of the real object (and of a MagicMock) (a second double of one class, nested)."""
    second = _second()
    real = Replica()

    of_double = [hasattr(each, "__await__") for each in (second, second.settings.conn)]
    of_real = [hasattr(each, "__await__") for each in (real, Conn())]
    of_magicmock = inspect.isawaitable(mock.MagicMock()) or hasattr(
        mock.MagicMock(), "__await__"
    )

    assert of_double == of_real == [False, False]
    assert of_magicmock is False


def test_doubles_not_awaitable_await_if_awaitable_takes_same_branch() -> None:
    """doubles.md 'Awaitables...': code that awaits a result only when it is awaitable takes the same branch with the double; only an await of it gets the explanation (trio)."""
    replica = _replica()

    async def settle(result: object) -> object:
        if inspect.isawaitable(result):
            return await result
        return result

    async def run() -> tuple[object, object]:
        result = replica.settings.conn.cursor("c")
        return result, await settle(result)

    result, settled = trio.run(run)

    assert settled is result
    replica.settings.conn.cursor.assert_called_once_with("c")


class Ticket:
    def __await__(self) -> Generator[Any, None, Response]:
        raise NotImplementedError
        yield


class Board:
    ticket: Ticket

    @property
    async def ready(self) -> bool:
        raise NotImplementedError

    async def load(self, key: str) -> bytes:
        raise NotImplementedError


def test_doubles_awaitable_exactly_where_the_spec_is() -> None:
    """doubles.md 'Awaitables...': a double is awaitable exactly where its spec is: a class with __await__, an async property, the call of an async member (instance spec, trio)."""
    board = fakes.async_double(Board(), name="board")
    board.load.returns(b"x")

    async def run() -> list[object]:
        awaitables = [board.ticket, board.ready, board.load("k")]
        assert [inspect.isawaitable(each) for each in awaitables] == [True] * 3
        return [await each for each in awaitables]

    ticket_result, _, loaded = trio.run(run)

    assert isinstance(ticket_result, Response)
    assert loaded == b"x"


def test_doubles_sync_member_annotated_none_returns_none_await_fails() -> None:
    """doubles.md 'Unknown attributes are refused': a member annotated -> None returns None, so awaiting it fails as in production (a second double, trio)."""
    second = _second()

    async def run() -> None:
        await second.close()

    with pytest.raises(TypeError) as caught:
        trio.run(run)

    assert second.close() is None
    assert str(caught.value) == "object NoneType can't be used in 'await' expression"


# -- doubles.md 'Passing calls through: wraps=' ---------------------------------


class Partial:
    """Has one of Replica's members: enough for wraps= of an instance double."""

    async def load(self, key: str) -> bytes:
        return key.encode()


class Forwarding:
    def __getattr__(self, name: str) -> Any:
        async def member(*args: object) -> str:
            return name

        return member


def test_doubles_wraps_unreachable_refused_when_built() -> None:
    """doubles.md 'Passing calls through': a wraps= no call could reach is refused when the double is built, with a FakesTypeError saying what to pass (function spec, class double, instance spec)."""
    messages = []
    real = Replica()

    for build in (
        lambda: fakes.async_double(fetch_user, wraps=3, name="lookup"),
        lambda: fakes.async_double(Replica, instance=False, wraps=real, name="factory"),
        lambda: fakes.async_double(Replica(), wraps="dsn", name="replica"),
    ):
        with pytest.raises(FakesTypeError) as caught:
            build()
        messages.append(str(caught.value))

    assert messages == [
        "fakes.async_double(wraps=...) of lookup takes the real callable that calls of lookup pass through to, but got 3 (int), which cannot be called.\n"
        "Fix: pass wraps=fetch_user, or leave wraps= out.",
        f"fakes.async_double(wraps=...) of factory takes the real callable that calls of factory pass through to, but got {real!r} (Replica), which cannot be called.\n"
        "Fix: pass wraps=Replica, or leave wraps= out.",
        "fakes.async_double(wraps=...) of replica takes the real object whose members the double's members pass calls to, but got 'dsn' (str), which has none of Replica's members (close, hooks, load, ping, rows, ...).\n"
        "Fix: pass an instance of Replica, such as wraps=Replica(...), or leave wraps= out.",
    ]


def test_doubles_wraps_instance_with_some_members_accepted_lack_fails_on_use() -> None:
    """doubles.md 'Passing calls through': for a double of an instance, anything with one of the spec's members (or a __getattr__) is accepted; a member it lacks fails when first used, as with AsyncMock (trio)."""
    partial = fakes.async_double(Replica, wraps=Partial(), name="partial")
    forwarding = fakes.async_double(Replica(), wraps=Forwarding(), name="forwarding")
    stdlib = mock.AsyncMock(spec=Replica, wraps=Partial())

    async def run() -> tuple[object, object]:
        return await partial.load("k"), await forwarding.load("k")

    loaded, forwarded = trio.run(run)
    errors = []
    for double in (partial, stdlib):
        with pytest.raises(AttributeError) as caught:
            double.ping()
        errors.append(str(caught.value))

    assert (loaded, forwarded) == (b"k", "load")
    assert errors == ["'Partial' object has no attribute 'ping'"] * 2


# -- doubles.md 'The drop-in classes': subclasses -------------------------------


class Notifier(Protocol):
    async def __call__(self, user_id: int) -> None: ...


class Registry(type):
    """A metaclass of its own: the doubles' classes must derive one with it."""


class Renderer(metaclass=Registry):
    def __call__(self, template: str) -> str:
        raise NotImplementedError


class Formatter(abc.ABC):
    @abc.abstractmethod
    def __call__(self, value: int) -> str: ...


class NotifierDouble(fakes.AsyncDouble, Notifier):
    """An AsyncDouble that is also a Notifier."""


class RendererDouble(fakes.SyncDouble, Renderer):
    """A SyncDouble of a class with a metaclass of its own."""


class FormatterDouble(fakes.SyncDouble, Formatter):
    """A SyncDouble that passes where a Formatter is expected."""


def test_doubles_drop_in_async_double_subclass_with_protocol_under_trio() -> None:
    """doubles.md 'The drop-in classes': AsyncDouble can be subclassed together with a typing.Protocol (trio, a second double of the subclass)."""
    NotifierDouble(name="first")
    second = NotifierDouble(name="second").returns(None)

    async def run() -> None:
        await second(7)

    trio.run(run)

    second.assert_awaited_once_with(7)
    assert Notifier in type(second).__mro__
    assert repr(second).startswith("<NotifierDouble name='second' id=")


def test_doubles_drop_in_sync_double_subclass_with_own_metaclass_or_abc() -> None:
    """doubles.md 'The drop-in classes': SyncDouble can be subclassed with an ABC or a class with a metaclass of its own: the classes derive a metaclass from both."""
    renderer = RendererDouble(name="renderer").returns("<p>")
    formatter = FormatterDouble(name="formatter").returns("7")

    rendered, formatted = renderer("page"), formatter(7)

    assert (rendered, formatted) == ("<p>", "7")
    assert isinstance(type(renderer), Registry)
    assert isinstance(renderer, Renderer)
    assert isinstance(formatter, Formatter)
    formatter.assert_called_once_with(7)


# -- coming-from-asyncmock.md 'Copies' -------------------------------------------


@pytest.mark.parametrize(
    ("copier", "shared"), [(copy.copy, True), (copy.deepcopy, False)]
)
def test_coming_from_copies_share_or_copy_children_calls_return_value(
    copier: Any, shared: bool
) -> None:
    """coming-from-asyncmock.md 'Copies': a shallow copy shares the children, the call lists and the return value with its original, a deep copy copies them (a class double)."""
    factory = fakes.async_double(Replica, instance=False, name="factory")
    factory("dsn")

    copied = copier(factory)

    assert copied is not factory
    assert (copied.load is factory.load) is shared
    assert (copied.call_args_list is factory.call_args_list) is shared
    assert (copied.mock_calls is factory.mock_calls) is shared
    assert (copied.return_value is factory.return_value) is shared
    assert copied.call_count == 1


@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy])
def test_coming_from_copies_script_rules_are_the_copys_own_under_trio(
    copier: Any,
) -> None:
    """coming-from-asyncmock.md 'Copies': a script and when() rules are the copy's own: configuring the copy leaves the original as it was (a member of an instance double, trio)."""
    original = _replica().load.script(b"1", b"2")
    original.when("k").returns(b"kept")
    copied = copier(original)
    copied.script(b"copy's")
    copied.when("new").returns(b"only the copy's")

    async def run() -> list[object]:
        return [
            await original("new"),
            await original("k"),
            await copied("new"),
            await copied("k"),
            await copied("x"),
        ]

    results = trio.run(run)

    assert results == [b"1", b"kept", b"only the copy's", b"kept", b"copy's"]


@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy])
async def test_coming_from_copies_gate_is_the_copys_own_and_holds_nothing(
    copier: Any,
) -> None:
    """coming-from-asyncmock.md 'Copies': a gate is the copy's own, and a copied gate holds nothing yet (a member of a second double of one class)."""
    load = _second().load
    gate = load.gate()
    waiting = asyncio.ensure_future(load("waiting"))
    await gate.wait_entered(1)

    copied = copier(load)
    held_by_copy_at_first = copied.gate().held
    passing = asyncio.ensure_future(copied("passing"))
    await copied.gate().wait_entered(1)
    held = ([h.args for h in gate.held], [h.args for h in copied.gate().held])
    copied.gate().release(b"copy's")
    gate.release(b"original's")

    assert copied.gate() is not gate
    assert held_by_copy_at_first == []
    assert held == ([("waiting",)], [("passing",)])
    assert (await waiting, await passing) == (b"original's", b"copy's")


class Channel:
    def __aiter__(self) -> Channel:
        return self

    async def __anext__(self) -> int:
        raise StopAsyncIteration

    async def __aenter__(self) -> Channel:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


class Hub:
    channel: Channel


def test_coming_from_copies_shallow_shares_aenter_aexit_anext() -> None:
    """coming-from-asyncmock.md 'Copies': a shallow copy shares __aenter__, __aexit__ and __anext__, which are children: iterating it hands out the original's items (a nested double, trio)."""
    original = fakes.async_double(Hub(), name="hub").channel.yields(1, 2)
    copied = copy.copy(original)

    async def run() -> tuple[list[int], list[int]]:
        async with copied:
            from_copy = [item async for item in copied]
        async with original:
            return from_copy, [item async for item in original]

    from_copy, from_original = trio.run(run)

    assert copied.__aenter__ is original.__aenter__
    assert copied.__aexit__ is original.__aexit__
    assert copied.__anext__ is original.__anext__
    assert (from_copy, from_original) == ([1, 2], [])
    assert original.__aenter__.await_count == 2


def test_coming_from_copies_deep_copy_enters_and_iterates_on_its_own() -> None:
    """coming-from-asyncmock.md 'Copies': to enter or iterate a copy on its own terms, take a deep copy: its enters() and yields() are its own (a nested double, trio)."""
    original = fakes.async_double(Hub(), name="hub").channel.yields(1, 2)
    original.enters("session")
    copied = copy.deepcopy(original)
    copied.enters("copy's session").yields(9)

    async def run() -> list[tuple[object, list[int]]]:
        seen = []
        for each in (original, copied):
            async with each as entered:
                seen.append((entered, [item async for item in each]))
        return seen

    seen = trio.run(run)

    assert copied.__aenter__ is not original.__aenter__
    assert seen == [("session", [1, 2]), ("copy's session", [9])]


# -- coming-from-asyncmock.md 'Where a double differs from an AsyncMock' ---------


def test_coming_from_member_class_shared_setting_on_it_refused() -> None:
    """coming-from-asyncmock.md 'Where a double differs': member doubles share one class; setting an attribute on it is refused with a FakesTypeError saying what to do (a second double of one class, a spec-less child)."""
    first, second = _replica(), _second()
    spec_less_child = fakes.AsyncDouble(name="notify").channel
    errors = []

    for member in (second.load, spec_less_child):
        with pytest.raises(FakesTypeError) as caught:
            type(member).size = mock.PropertyMock(return_value=3)
        errors.append(str(caught.value))

    assert type(first.load) is type(second.load)
    assert (
        errors
        == [
            "cannot set 'size' on this AsyncDouble's class: member doubles share it, so 'size' would reach all of them. Set it on the double itself, or give the double a class of its own by creating it with fakes.async_double() (a root double's class is its own)."
        ]
        * 2
    )


def test_coming_from_root_double_class_is_its_own_property_mock_works() -> None:
    """coming-from-asyncmock.md 'Where a double differs': on a root double (fakes.AsyncDouble(), fakes.async_double(...)), whose class is its own, setting on type() works as on an AsyncMock (instance spec, two roots)."""
    stdlib, drop_in, other = mock.AsyncMock(), fakes.AsyncDouble(), fakes.AsyncDouble()
    replica = _replica()
    for double, size in ((stdlib, 1), (drop_in, 2), (replica, 3)):
        type(double).size = mock.PropertyMock(return_value=size)

    sizes = (stdlib.size, drop_in.size, replica.size)

    assert sizes == (1, 2, 3)
    assert not hasattr(type(other), "size")


def test_coming_from_ledger_keeps_called_double_alive_while_events_kept() -> None:
    """coming-from-asyncmock.md 'Where a double differs': a double that was called stays alive while its events are kept, until the ledger goes (a member of an instance double, trio)."""
    ledger = fakes.Ledger()

    def call_and_forget(into: fakes.Ledger) -> weakref.ref[Any]:
        replica = _replica()
        with into:
            trio.run(replica.load, "k")
        return weakref.ref(replica.load)

    load = call_and_forget(ledger)
    gc.collect()
    alive_with_ledger = load() is not None
    del ledger
    gc.collect()

    assert alive_with_ledger is True
    assert load() is None


def test_coming_from_default_ledger_keeps_last_100000_events() -> None:
    """coming-from-asyncmock.md 'Where a double differs': the process-wide default ledger keeps the last 100,000 events (a program of its own, outside pytest)."""
    printed = _run_isolated(
        """
        import fakes
        print(fakes.current_ledger().capacity)
        """
    )

    assert printed == "100000\n"


def test_coming_from_never_awaited_call_still_warns() -> None:
    """coming-from-asyncmock.md 'Where a double differs': the coroutine of a call is never kept, so a call never awaited still warns (inside a ledger, a program of its own)."""
    printed = _run_isolated(
        """
        import gc, warnings
        import fakes

        class Store:
            async def get(self, key: str) -> int: ...

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with fakes.Ledger():
                store = fakes.async_double(Store(), name="store")
                store.get("k")
                gc.collect()
        print([str(each.message) for each in caught])
        """
    )

    assert "was never awaited" in printed


def test_coming_from_repr_names_class_as_for_asyncmock_subclass() -> None:
    """coming-from-asyncmock.md 'Where a double differs': repr() names the double's class (AsyncDouble, SyncDouble), as it names any subclass of AsyncMock (nested members of an instance double)."""

    class Custom(mock.AsyncMock):
        pass

    replica = _replica()

    reprs = [repr(replica.load), repr(replica.settings.count), repr(Custom(name="c"))]

    assert [text.split(" id=")[0] for text in reprs] == [
        "<AsyncDouble name='replica.load'",
        "<SyncDouble name='replica.settings.count'",
        "<Custom name='c'",
    ]


def test_coming_from_recorded_calls_are_call_objects_equal_to_written() -> None:
    """coming-from-asyncmock.md 'Where a double differs': recorded calls are unittest.mock.call objects, equal to the calls you write (nested member, trio)."""
    replica = _replica()

    trio.run(replica.load, "k")
    replica.settings.count()

    recorded = [replica.load.call_args, *replica.mock_calls]
    assert all(isinstance(each, type(call)) for each in recorded)
    assert recorded == [call("k"), call.load("k"), call.settings.count()]


def test_coming_from_dir_lists_short_forms_and_stdlib_names() -> None:
    """coming-from-asyncmock.md 'Where a double differs': dir() also lists the short forms (returns, script, ...) (an async and a sync member of a second double)."""
    second = _second()

    listed = [dir(second.load), dir(second.settings.count)]

    for names in listed:
        assert {"returns", "raises", "script", "when"} <= set(names)
        assert {"assert_called_once_with", "return_value"} <= set(names)
