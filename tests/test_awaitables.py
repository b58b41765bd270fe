"""Awaitable shapes of spec: __await__ classes, async properties, awaitable returns.

Also what awaiting something a spec says is not awaitable raises, and
instances of classes from ``__main__`` or a ``_private`` module as specs.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import inspect
import subprocess
import sys
import textwrap
import traceback
import warnings
from collections.abc import AsyncIterator, Awaitable, Coroutine, Generator
from pathlib import Path
from typing import Any, Union
from unittest import mock

import pytest
import trio

import fakes
from fakes._double.not_awaitable import RefusesAwait
from fakes.errors import NotAwaitableError, VerificationError

TARGETS = Path(__file__).parent / "targets"


class Response:
    async def json(self) -> dict[str, int]:
        raise NotImplementedError


class UnaryCall:
    """Like a gRPC call object: awaiting it gives the response."""

    def __await__(self) -> Generator[Any, None, Response]:
        raise NotImplementedError
        yield

    def cancel(self) -> bool:
        return False


class Stub:
    """Like a gRPC stub: a sync method returns the awaitable call."""

    def GetUser(self, request: str) -> UnaryCall:
        raise NotImplementedError

    def ListUsers(self, request: str) -> Awaitable[Response]:
        raise NotImplementedError

    def Ping(self) -> Coroutine[Any, Any, int]:
        raise NotImplementedError

    def close(self) -> bool:
        return True


class Device:
    @property
    async def ready(self) -> bool:
        return True

    @property
    def status(self) -> Awaitable[Response]:
        raise NotImplementedError

    @property
    def name(self) -> str:
        return "device"

    port: int
    call: UnaryCall


def kinds(ledger: fakes.Ledger) -> list[tuple[str, str]]:
    return [(event.kind, event.name) for event in ledger]


async def test_awaitables_await_class_double_gives_a_double_of_its_result(fakes_ledger):
    """Awaiting a double of an __await__ class gives a double of what it yields."""
    call = fakes.async_double(UnaryCall, name="call")

    response = await call

    assert isinstance(response, Response)
    assert await response.json() is not None
    assert kinds(fakes_ledger)[:3] == [
        ("called", "call"),
        ("started", "call"),
        ("returned", "call"),
    ]


async def test_awaitables_await_class_double_returns_raises_and_script():
    """returns(), raises() and script() say what awaiting the double gives."""
    call = fakes.async_double(UnaryCall, name="call")

    call.returns("one")
    first = await call
    call.raises(TimeoutError("slow"))
    with pytest.raises(TimeoutError, match="slow"):
        await call
    call.script("a", "b")
    scripted = [await call, await call]

    assert (first, scripted) == ("one", ["a", "b"])
    assert call.cancel() is not None


async def test_awaitables_await_class_double_gate_holds_the_await():
    """A gate on an awaitable object double holds each await."""
    call = fakes.async_double(UnaryCall, name="call")
    gate = call.gate()

    async def wait() -> Any:
        return await call

    task = asyncio.ensure_future(wait())
    await gate.wait_entered(1)
    gate.release("done")

    assert await task == "done"


async def test_awaitables_await_class_double_in_await_order(fakes_ledger):
    """Awaits of an awaitable object double take part in order assertions."""
    call = fakes.async_double(UnaryCall, name="call")
    stub = fakes.async_double(Stub, name="stub")

    await call
    await stub.Ping()

    fakes.assert_awaited_in_order(call, stub.Ping)


async def test_awaitables_sync_member_returning_await_class_is_awaited():
    """A member annotated -> UnaryCall returns an awaitable; returns() sets it."""
    stub = fakes.async_double(Stub, name="stub")
    stub.GetUser.when("ann").returns({"name": "Ann"})

    user = await stub.GetUser("ann")

    assert user == {"name": "Ann"}
    stub.GetUser.assert_awaited_once_with("ann")


async def test_awaitables_sync_member_returning_awaitable_default_result():
    """-> Awaitable[Response] awaits to a Response double until configured."""
    stub = fakes.async_double(Stub, name="stub")

    response = await stub.ListUsers("all")
    user = await stub.GetUser("ann")

    assert isinstance(response, Response)
    assert isinstance(user, Response)


async def test_awaitables_sync_member_returning_coroutine_returns():
    """-> Coroutine[Any, Any, int] is awaited like an async method."""
    stub = fakes.async_double(Stub, name="stub")
    stub.Ping.returns(7)

    assert await stub.Ping() == 7
    stub.Ping.assert_awaited_once()


async def test_awaitables_async_property_is_awaitable(fakes_ledger):
    """An async property of the spec is awaited on the double, and recorded."""
    device = fakes.async_double(Device, name="device")
    device.ready.returns(True)

    ready = await device.ready
    again = await device.ready

    assert (ready, again) == (True, True)
    assert [event.kind for event in fakes_ledger.events("started")] == [
        "started",
        "started",
    ]


async def test_awaitables_property_annotated_awaitable_gives_its_class():
    """A property annotated -> Awaitable[Response] awaits to a Response double."""
    device = fakes.async_double(Device, name="device")

    status = await device.status

    assert isinstance(status, Response)


async def test_awaitables_awaiting_sync_member_result_message():
    """Awaiting a sync member's result names it, says why and how to fix it."""
    stub = fakes.async_double(Stub)

    with pytest.raises(NotAwaitableError) as caught:
        await stub.close()

    assert str(caught.value) == (
        "Stub.close() was awaited, but Stub.close is a sync member of the spec "
        "(a plain 'def', not annotated as returning an awaitable), so its "
        "result cannot be awaited.\n"
        "Fix: call it without 'await', or make Stub.close 'async def' in the "
        "spec (or annotate it as returning Awaitable[...])."
    )


async def test_awaitables_awaiting_value_message():
    """Awaiting a plain property's double names it and says why it fails."""
    device = fakes.async_double(Device)

    with pytest.raises(NotAwaitableError) as caught:
        await device.port

    assert str(caught.value) == (
        "Device.port was awaited, but it is a value of the spec (an attribute "
        "or a property, neither async nor annotated as awaitable), so it "
        "cannot be awaited.\n"
        "Fix: remove the 'await', or annotate it in the spec with the class it "
        "holds (an async property, or a class with async members to call)."
    )


async def test_awaitables_object_double_is_as_awaitable_as_its_spec():
    """A double of a class without __await__ is not awaitable, as the real object."""
    response = fakes.async_double(Response, name="response")
    real = object.__new__(Response)

    awaitable = inspect.isawaitable(response)

    assert awaitable is inspect.isawaitable(real) is False


async def test_awaitables_awaiting_result_of_unannotated_async_member_message():
    """Awaiting what an async member gave, of no known class, names the member."""
    stub = fakes.async_double(Stub)
    pinged = await stub.Ping()

    with pytest.raises(NotAwaitableError) as caught:
        await pinged

    assert str(caught.value) == (
        "Stub.Ping() was awaited, but it comes from what Stub.Ping gives, and "
        "Stub.Ping is not annotated with a class, so nothing in it is known to "
        "be awaitable.\n"
        "Fix: configure what Stub.Ping gives (Stub.Ping.returns(...))."
    )


def test_awaitables_error_is_a_type_error():
    """NotAwaitableError is a TypeError, as Python's own await error is."""
    assert issubclass(NotAwaitableError, TypeError)
    assert issubclass(NotAwaitableError, fakes.errors.FakesError)


async def test_awaitables_instance_of_private_module_class(monkeypatch):
    """An instance from a top-level _private module reads like its class."""
    monkeypatch.syspath_prepend(str(TARGETS))
    import _private_mod  # type: ignore[import-not-found]

    db = fakes.async_double(_private_mod.Database())
    connection = await db.pool.acquire(1.0)
    await connection.execute("select 1")

    connection.execute.assert_awaited_once_with("select 1")
    assert db.label == "main"


async def test_awaitables_instance_of_private_module_unannotated_message(monkeypatch):
    """Awaiting below an unannotated attribute of an instance says what to do."""
    monkeypatch.syspath_prepend(str(TARGETS))
    import _private_mod

    db = fakes.async_double(_private_mod.Database())

    with pytest.raises(NotAwaitableError) as caught:
        await db.options.get("retries")

    assert str(caught.value) == (
        "Database.options.get() was awaited, but Database.options is an "
        "attribute of the spec whose class is not annotated, so its members "
        "are not known to be async.\n"
        "Fix: annotate options with its class in the spec (on the class, even "
        "when the spec is an instance)."
    )


MAIN_SCRIPT = """
import asyncio, fakes
from fakes.errors import NotAwaitableError, VerificationError

class Pool:
    async def acquire(self) -> int:
        return 1

    def size(self) -> int:
        return 0

class Database:
    pool: Pool

    def __init__(self):
        self.pool = Pool()
        self.cache = {}

async def main():
    db = fakes.async_double(Database())
    db.pool.acquire.returns(5)
    print(await db.pool.acquire())
    for awaited in (lambda: db.pool.size(), lambda: db.cache.get("x")):
        try:
            await awaited()
        except NotAwaitableError as error:
            print(error)

asyncio.run(asyncio.wait_for(main(), 5))
"""


def test_awaitables_instance_of_main_class_in_subprocess(tmp_path):
    """An instance of a class defined in __main__ reads like its class."""
    script = tmp_path / "main_spec.py"
    script.write_text(textwrap.dedent(MAIN_SCRIPT))

    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "5",
        "Database.pool.size() was awaited, but Database.pool.size is Pool.size, "
        "a sync member of the spec (a plain 'def', not annotated as returning an "
        "awaitable), so its result cannot be awaited.",
        "Fix: call it without 'await', or make Pool.size 'async def' in the spec "
        "(or annotate it as returning Awaitable[...]).",
        "Database.cache.get() was awaited, but Database.cache is an attribute of "
        "the spec whose class is not annotated, so its members are not known to "
        "be async.",
        "Fix: annotate cache with its class in the spec (on the class, even when "
        "the spec is an instance).",
    ]


async def test_awaitables_awaiting_result_of_awaitable_object_message():
    """Awaiting what an awaitable object double gave names that double."""

    class Call:
        def __await__(self) -> Generator[Any, None, Any]:
            return (yield)

    call = fakes.async_double(Call, name="call")
    result = await call

    with pytest.raises(NotAwaitableError) as caught:
        await result

    assert str(caught.value) == (
        "call() was awaited, but it comes from what call gives, and call is not "
        "annotated with a class, so nothing in it is known to be awaitable.\n"
        "Fix: configure what call gives (call.returns(...))."
    )


async def test_awaitables_on_gives_awaitable_builder():
    """fakes.on() of an awaitable double configures what awaiting it gives."""
    call = fakes.async_double(UnaryCall, name="call")
    device = fakes.async_double(Device, name="device")

    builder = fakes.on(call).returns("reply")
    fakes.on(device.ready).script(False, True)

    assert isinstance(builder, fakes.AwaitableBuilder)
    assert repr(builder) == "fakes.on(call)"
    assert await call == "reply"
    assert [await device.ready, await device.ready] == [False, True]


class OnlyAsyncProperty:
    @property
    async def ready(self) -> bool:
        return True


async def test_awaitables_patch_async_takes_a_class_with_an_async_property():
    """A class whose only async member is an async property can be patched."""
    holder = type("Holder", (), {"device": OnlyAsyncProperty()})()

    with fakes.patch_async.object(holder, "device") as device:
        device.ready.returns(False)

        assert await holder.device.ready is False


async def test_awaitables_verify_reports_an_await_configuration_never_awaited():
    """Strict verification reports returns() on an awaitable never awaited."""
    with fakes.Ledger() as ledger:
        used = fakes.async_double(UnaryCall, name="used").returns(1)
        unused = fakes.async_double(UnaryCall, name="unused").returns(2)
        await used

        with pytest.raises(VerificationError) as caught:
            fakes.verify(ledger)

    assert str(caught.value) == "fakes.verify() found 1 problem:\n  1. " + (
        "unused.returns(...) was set, but unused was never awaited after it: "
        "remove it, or check that the code awaits unused."
    )
    assert unused is not None


class Commands:
    """One class for a sync and an async client: results may be awaitables."""

    def incr(self, name: str, amount: int = 1) -> int | Awaitable[int]:
        raise NotImplementedError

    def ping(self) -> Union[bool, Awaitable[bool]]:  # noqa: UP007
        raise NotImplementedError


async def test_awaitables_union_with_awaitable_return_is_awaited():
    """A sync method annotated T | Awaitable[T] is awaited, giving T."""
    commands = fakes.async_double(Commands, name="redis")
    commands.incr.returns(5)
    commands.ping.returns(True)

    total = await commands.incr("hits", 2)
    pong = await asyncio.create_task(commands.ping())

    assert (total, pong) == (5, True)
    commands.incr.assert_awaited_once_with("hits", 2)
    commands.ping.assert_awaited_once_with()


def test_awaitables_union_with_awaitable_return_may_be_left_unawaited():
    """A call of a T | Awaitable[T] member that is never awaited does not warn."""
    commands = fakes.async_double(Commands, name="pipe")

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        commands.incr("hits")
        gc.collect()

    assert caught == []
    commands.incr.assert_called_once_with("hits")
    commands.incr.assert_not_awaited()


async def test_awaitables_union_member_left_unawaited_passes_verification():
    """A T | Awaitable[T] call left unawaited is not reported as never awaited."""
    with fakes.Ledger() as ledger:
        commands = fakes.async_double(Commands, name="pipe")
        commands.incr("hits")

        fakes.assert_all_awaited()
        fakes.verify(ledger)

    commands.incr.assert_called_once_with("hits")


async def test_awaitables_side_effect_error_raised_again_starts_fresh():
    """An awaitable double's side_effect error gets no longer traceback per await."""
    call = fakes.async_double(UnaryCall, name="call")
    error = TimeoutError("deadline")
    call.side_effect = error
    depths = []

    for _ in range(3):
        with pytest.raises(TimeoutError) as caught:
            await call
        depths.append(len(traceback.extract_tb(caught.value.__traceback__)))

    assert caught.value is error
    assert depths[0] == depths[1] == depths[2]


async def _outcome(awaitable: Any) -> tuple[str, Any]:
    try:
        return ("returned", await awaitable)
    except BaseException as error:
        return ("raised", type(error))


async def _async_effect() -> str:
    return "from an async side_effect"


@pytest.mark.parametrize(
    "configure",
    [
        pytest.param({"return_value": 3}, id="return_value"),
        pytest.param({"side_effect": KeyError}, id="exception class"),
        pytest.param({"side_effect": iter([1])}, id="iterable, then run out"),
        pytest.param({"side_effect": _async_effect}, id="async callable"),
        pytest.param(
            {"side_effect": lambda: mock.DEFAULT, "return_value": 4},
            id="callable giving DEFAULT",
        ),
    ],
)
async def test_awaitables_await_answers_as_async_double_does(configure):
    """An awaitable double answers its stdlib configuration as an AsyncDouble does."""
    awaitable = fakes.async_double(UnaryCall, name="call")
    double = fakes.AsyncDouble(name="call")
    for each in (awaitable, double):
        for name, value in configure.items():
            if name == "side_effect" and not callable(value):
                value = iter([1])
            setattr(each, name, value)

    awaited = [await _outcome(awaitable), await _outcome(awaitable)]
    called = [await _outcome(double()), await _outcome(double())]

    assert awaited == called


class Session:
    async def get(self) -> int:
        raise NotImplementedError

    def size(self) -> int:
        return 0


class Item:
    def size(self) -> int:
        return 0


class Service:
    session: Session
    limit: Any

    async def load(self) -> None:
        raise NotImplementedError

    def helper(self) -> None:
        raise NotImplementedError

    def open_session(self) -> Session:
        raise NotImplementedError

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        yield

    async def rows(self) -> AsyncIterator[int]:
        yield 1

    class Options:
        pass


async def fetch_user(user_id: int) -> dict[str, int]:
    raise NotImplementedError


def parse(text: str) -> int:
    return int(text)


async def _refusal(awaitable: Any) -> NotAwaitableError:
    with pytest.raises(NotAwaitableError) as caught:
        await awaitable
    return caught.value


async def test_awaitables_await_object_double_message():
    """Awaiting an object double names it, its class and an async method to call."""
    service = fakes.async_double(Service, name="svc")

    error = await _refusal(service)

    assert str(error) == (
        "svc was awaited, but it stands in for a Service object, and Service has "
        "no __await__: a double is awaitable only where its spec is.\n"
        "Fix: remove the 'await', or await a call of one of its async methods "
        "(await svc.load(...)); if Service objects are awaitable, add __await__ "
        "to Service."
    )


async def test_awaitables_await_nested_object_double_message():
    """Awaiting an annotated attribute's double names the spec member it is."""
    service = fakes.async_double(Service, name="svc")

    error = await _refusal(service.session)

    assert str(error) == (
        "svc.session was awaited, but it stands in for Service.session, a Session "
        "object, and Session has no __await__: a double is awaitable only where "
        "its spec is.\n"
        "Fix: remove the 'await', or await a call of one of its async methods "
        "(await svc.session.get(...)); if Session objects are awaitable, add "
        "__await__ to Session."
    )


async def test_awaitables_await_member_result_object_double_message():
    """Awaiting what a sync member returns names the member that gave it."""
    service = fakes.async_double(Service, name="svc")

    error = await _refusal(service.open_session())

    assert str(error) == (
        "svc.open_session() was awaited, but it stands in for what "
        "Service.open_session gives, a Session object, and Session has no "
        "__await__: a double is awaitable only where its spec is.\n"
        "Fix: remove the 'await', or await a call of one of its async methods "
        "(await svc.open_session().get(...)); if Session objects are awaitable, "
        "add __await__ to Session."
    )


async def test_awaitables_await_object_double_without_async_methods_message():
    """A spec with no async method gets no example to await instead."""
    item = fakes.async_double(Item, name="item")

    error = await _refusal(item)

    assert str(error) == (
        "item was awaited, but it stands in for an Item object, and Item has no "
        "__await__: a double is awaitable only where its spec is.\n"
        "Fix: remove the 'await'; if Item objects are awaitable, add __await__ "
        "to Item."
    )


async def test_awaitables_await_instance_of_class_double_message():
    """Awaiting the instance a class double made names it as an instance."""
    item_cls = fakes.async_double(Item, instance=False, name="Item")

    error = await _refusal(item_cls())

    assert str(error) == (
        "Item() was awaited, but it stands in for an Item object, and Item has no "
        "__await__: a double is awaitable only where its spec is.\n"
        "Fix: remove the 'await'; if Item objects are awaitable, add __await__ "
        "to Item."
    )


async def test_awaitables_await_sync_member_uncalled_message():
    """Awaiting a sync method's double, not called, says to call it without await."""
    service = fakes.async_double(Service, name="svc")

    error = await _refusal(service.helper)

    assert str(error) == (
        "svc.helper was awaited, but it is Service.helper, a sync method of the "
        "spec (a plain 'def'): it is called, not awaited.\n"
        "Fix: call it without 'await': svc.helper(...)."
    )


async def test_awaitables_await_async_member_uncalled_message():
    """Awaiting an async method's double, not called, says to await its call."""
    service = fakes.async_double(Service, name="svc")

    error = await _refusal(service.load)

    assert str(error) == (
        "svc.load was awaited, but it is Service.load, an async method of the "
        "spec: its call is what is awaited.\n"
        "Fix: call it: await svc.load(...)."
    )


async def test_awaitables_await_async_context_member_uncalled_message():
    """Awaiting an async context manager method's double says to enter its call."""
    service = fakes.async_double(Service, name="svc")

    error = await _refusal(service.transaction)

    assert str(error) == (
        "svc.transaction was awaited, but it is Service.transaction, a method of "
        "the spec returning an async context manager: its call is entered, not "
        "awaited.\n"
        "Fix: enter its call instead: async with svc.transaction(...) as value."
    )


async def test_awaitables_await_async_generator_member_uncalled_message():
    """Awaiting an async generator method's double says to iterate its call."""
    service = fakes.async_double(Service, name="svc")

    error = await _refusal(service.rows)

    assert str(error) == (
        "svc.rows was awaited, but it is Service.rows, an async generator method "
        "of the spec: its call is iterated, not awaited.\n"
        "Fix: iterate its call instead: async for item in svc.rows(...)."
    )


async def test_awaitables_await_function_double_uncalled_message():
    """Awaiting a double of a function, not called, names it as a function."""
    fetch = fakes.async_double(fetch_user)
    parsing = fakes.async_double(parse, name="parsing")

    fetch_error = await _refusal(fetch)
    parse_error = await _refusal(parsing)

    assert str(fetch_error) == (
        "fetch_user was awaited, but it is an async function: its call is what "
        "is awaited.\n"
        "Fix: call it: await fetch_user(...)."
    )
    assert str(parse_error) == (
        "parsing was awaited, but it is parse, a sync function (a plain 'def'): "
        "it is called, not awaited.\n"
        "Fix: call it without 'await': parsing(...)."
    )


async def test_awaitables_await_class_double_message():
    """Awaiting a double of a class itself says a call gives the instance."""
    service = fakes.async_double(Service, name="svc")

    error = await _refusal(service.Options)

    assert str(error) == (
        "svc.Options was awaited, but it stands in for the class Service.Options "
        "itself, which is not awaitable.\n"
        "Fix: remove the 'await' (a call, svc.Options(...), gives an instance "
        "double)."
    )


async def test_awaitables_await_spec_less_async_double_message():
    """Awaiting a spec-less AsyncDouble, not called, says to await its call."""
    fetch = fakes.AsyncDouble(name="fetch")

    error = await _refusal(fetch)

    assert str(error) == (
        "fetch was awaited, but it is an AsyncDouble without a spec, which "
        "stands in for an async function (as an AsyncMock does): its call is "
        "what is awaited.\n"
        "Fix: call it: await fetch(...)."
    )


async def test_awaitables_await_spec_less_sync_double_message():
    """Awaiting a spec-less SyncDouble says it is as unawaitable as a MagicMock."""
    parsing = fakes.SyncDouble(name="parsing")

    error = await _refusal(parsing)

    assert str(error) == (
        "parsing was awaited, but it is a SyncDouble without a spec, which is no "
        "more awaitable than a MagicMock.\n"
        "Fix: call it without 'await' (parsing(...)), or make it a "
        "fakes.AsyncDouble (or a fakes.async_double() of an async function) and "
        "await its call."
    )


async def test_awaitables_await_context_of_member_message():
    """Awaiting what an async context manager method gives says to enter it."""
    service = fakes.async_double(Service, name="svc")

    error = await _refusal(service.transaction())

    assert str(error) == (
        "svc.transaction(...) was awaited, but it gives an async context "
        "manager: it is entered, not awaited.\n"
        "Fix: enter it instead: async with svc.transaction(...) as value."
    )


async def test_awaitables_await_async_context_double_message():
    """Awaiting a standalone async context manager double says to enter it."""
    transaction = fakes.async_context(name="tx")

    error = await _refusal(transaction)

    assert str(error) == (
        "tx was awaited, but it is an async context manager double: it is "
        "entered, not awaited.\n"
        "Fix: enter it instead: async with tx as value."
    )


async def test_awaitables_await_async_iterator_double_message():
    """Awaiting an async generator method's call or an async_iter says to iterate."""
    service = fakes.async_double(Service, name="svc")
    pages = fakes.async_iter([1], name="pages")

    rows_error = await _refusal(service.rows())
    pages_error = await _refusal(pages)

    assert str(rows_error) == (
        "svc.rows() was awaited, but it is an async iterator: it is iterated, "
        "not awaited.\n"
        "Fix: iterate it instead: async for item in svc.rows()."
    )
    assert str(pages_error) == (
        "pages was awaited, but it is an async iterator: it is iterated, not "
        "awaited.\n"
        "Fix: iterate it instead: async for item in pages."
    )


async def test_awaitables_await_refusal_is_a_type_error_for_stdlib_built_doubles():
    """Doubles built the stdlib's way (more arguments, a spec added) refuse by name."""
    built = fakes.AsyncDouble(return_value=1, name="built")
    specced = fakes.SyncDouble(name="specced")
    specced.mock_add_spec(["size"])

    built_error = await _refusal(built)
    specced_error = await _refusal(specced)

    assert isinstance(built_error, TypeError)
    assert str(built_error).startswith("built was awaited, but it is an AsyncDouble")
    assert str(specced_error).startswith("specced was awaited, but it is a SyncDouble")


def _not_awaitable_doubles() -> dict[str, Any]:
    service = fakes.async_double(Service, name="svc")
    device = fakes.async_double(Device, name="device")
    with_spec = fakes.SyncDouble(name="with_spec")
    with_spec.mock_add_spec(["size"])
    return {
        "object double": service,
        "nested object double": service.session,
        "sync member": service.helper,
        "sync member result": service.session.size(),
        "value double": service.limit,
        "below a value": service.limit.anything,
        "async member": service.load,
        "class double": service.Options,
        "plain property": device.port,
        "spec-less AsyncDouble": fakes.AsyncDouble(),
        "spec-less SyncDouble": fakes.SyncDouble(),
        "AsyncDouble built the stdlib's way": fakes.AsyncDouble(return_value=1),
        "SyncDouble given a spec later": with_spec,
        "context of a member": service.transaction(),
        "async_context": fakes.async_context(name="tx"),
        "iterator of a member": service.rows(),
        "async_iter": fakes.async_iter([1], name="pages"),
    }


@pytest.mark.parametrize("kind", sorted(_not_awaitable_doubles()))
def test_awaitables_isawaitable_is_false_for_each_non_awaitable_double(kind):
    """inspect.isawaitable and the Awaitable ABC say no, as for the real objects."""
    double = _not_awaitable_doubles()[kind]

    answers = (
        inspect.isawaitable(double),
        isinstance(double, Awaitable),
        issubclass(type(double), Awaitable),
    )

    assert answers == (False, False, False)


@pytest.mark.parametrize("kind", sorted(_not_awaitable_doubles()))
def test_awaitables_has_no_await_attribute_for_each_non_awaitable_double(kind):
    """Reading __await__ finds nothing, as on a MagicMock; only await is refused."""
    double = _not_awaitable_doubles()[kind]

    found = hasattr(double, "__await__")

    assert found is hasattr(mock.MagicMock(), "__await__") is False


_AWAITABLE_DOUBLES: dict[str, Any] = {
    "double of an __await__ class": lambda: fakes.async_double(UnaryCall),
    "async property": lambda: fakes.async_double(Device).ready,
    "annotated awaitable property": lambda: fakes.async_double(Device).status,
    "call of an async function double": lambda: fakes.async_double(fetch_user)(1),
    "call of a spec-less AsyncDouble": lambda: fakes.AsyncDouble()(),
    "call of an awaitable-returning member": lambda: fakes.async_double(Stub).Ping(),
    "context of an entered sync member": lambda: _entered_pool().acquire(),
}


class ConnectionPool:
    def acquire(self):
        raise NotImplementedError


def _entered_pool() -> Any:
    pool = fakes.async_double(ConnectionPool, name="pool")
    pool.acquire.enters("connection")
    return pool


@pytest.mark.parametrize("kind", sorted(_AWAITABLE_DOUBLES))
async def test_awaitables_isawaitable_is_true_for_each_awaitable_double(kind):
    """Doubles awaitable by their spec stay awaitable to inspect and to await."""
    double = _AWAITABLE_DOUBLES[kind]()

    answers = (inspect.isawaitable(double), isinstance(double, Awaitable))

    assert answers == (True, True)
    await double


def _maybe_await_sync(result: Any) -> Any:
    """Code under test that accepts a sync or an async callback's result."""

    async def settle() -> Any:
        if inspect.isawaitable(result):
            return await result
        return result

    return settle()


async def test_awaitables_isawaitable_guard_takes_the_sync_branch_as_with_magicmock():
    """A sync member's result passes an isawaitable guard as a MagicMock's does."""
    service = fakes.async_double(Service, name="svc")
    stdlib = mock.MagicMock()

    from_double = await _maybe_await_sync(service.session.size())
    from_stdlib = await _maybe_await_sync(stdlib.size())

    assert from_double is service.session.size.return_value
    assert from_stdlib is stdlib.size.return_value


def test_awaitables_await_refusal_and_guard_under_trio():
    """Under trio, the guard skips the double and a bare await is refused by name."""
    service = fakes.async_double(Service, name="svc")
    seen: list[Any] = []

    async def main() -> None:
        seen.append(await _maybe_await_sync(service.helper))
        with pytest.raises(NotAwaitableError) as caught:
            await service.helper
        seen.append(str(caught.value).splitlines()[0])

    trio.run(main)

    assert seen == [
        service.helper,
        "svc.helper was awaited, but it is Service.helper, a sync method of the "
        "spec (a plain 'def'): it is called, not awaited.",
    ]


async def test_awaitables_async_for_over_non_awaitable_double_names_it_as_the_cause():
    """async for, given a sync member's result by __anext__, carries the refusal."""
    service = fakes.async_double(Service, name="svc")

    class Pages:
        def __aiter__(self) -> Pages:
            return self

        def __anext__(self) -> Any:
            return service.session.size()

    with pytest.raises(TypeError) as caught:
        async for _ in Pages():
            pass

    assert isinstance(caught.value.__cause__, NotAwaitableError)
    assert str(caught.value.__cause__).splitlines()[0] == (
        "svc.session.size() was awaited, but svc.session.size is Session.size, a "
        "sync member of the spec (a plain 'def', not annotated as returning an "
        "awaitable), so its result cannot be awaited."
    )


def test_awaitables_mro_attribute_leaves_out_only_the_refusal():
    """type(d).__mro__ is the type's own order without the refusal mixin."""
    service = fakes.async_double(Service, name="svc")
    cls = type(service.helper)
    own = type.__dict__["__mro__"].__get__(cls)

    shown = cls.__mro__

    assert [klass for klass in own if klass not in shown] == [RefusesAwait]
    assert shown == tuple(klass for klass in own if klass is not RefusesAwait)
    assert shown[1] is fakes.SyncDouble
    assert inspect.getmro(cls) == shown


def test_awaitables_mro_attribute_of_stdlib_built_double_starts_as_the_stdlib_one():
    """A double built the stdlib's way shows its class, then the public one."""
    double = fakes.SyncDouble(spec=Service)
    cls = type(double)

    shown = cls.__mro__

    assert shown[:2] == (cls, fakes.SyncDouble)
    assert RefusesAwait in type.__dict__["__mro__"].__get__(cls)


def test_awaitables_subclass_of_double_class_keeps_super_and_lookup():
    """Subclassing AsyncDouble still reaches its methods through super() and lookup."""

    class Counting(fakes.AsyncDouble):
        def count(self) -> int:
            return super().__getattribute__("call_count")

    double = Counting(name="counting")
    double(1).close()

    assert double.count() == 1
    assert double.returns(2) is double
    assert inspect.isawaitable(double) is False


class _Settings:
    """Attributes annotated with classes whose members are plain data."""

    limits: dict[str, int]
    ratio: float
    tags: list[str]


@pytest.mark.parametrize(
    ("awaited", "shown", "attribute", "annotation"),
    [
        (lambda svc: svc.limits.get("a"), "svc.limits.get()", "limits", "dict"),
        (lambda svc: svc.ratio.real, "svc.ratio.real", "ratio", "float"),
        (lambda svc: svc.tags.pop(), "svc.tags.pop()", "tags", "list"),
    ],
)
async def test_awaitables_below_a_data_annotated_attribute_names_its_class(
    awaited, shown, attribute, annotation
):
    """Below an attribute annotated ``dict``, the message names the class."""
    svc = fakes.async_double(_Settings, name="svc")

    with pytest.raises(NotAwaitableError) as caught:
        await awaited(svc)

    assert str(caught.value) == (
        f"{shown} was awaited, but svc.{attribute} is an attribute of the spec "
        f"annotated as {annotation}, and the members of {annotation} are not "
        f"async.\nFix: remove the 'await', or annotate {attribute} in the spec "
        "with a class whose members are async."
    )
