"""async_context() and enters(): entering, leaving, errors, suppression."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any
from unittest import mock

import pytest
import trio
import trio.testing
from tests.soundness import assert_frames_hidden

import fakes
from fakes.errors import FakesAssertionError, FakesTypeError, ProtocolMismatchError


class Session:
    async def commit(self) -> None: ...


class UserRepo:
    @asynccontextmanager
    async def transaction(self, name: str = "tx") -> AsyncIterator[Session]:
        yield Session()

    def connect(self) -> contextlib.AbstractAsyncContextManager[Session]:
        raise NotImplementedError

    async def get(self, user_id: int) -> dict[str, int]:
        raise NotImplementedError


class Connection:
    async def __aenter__(self) -> Connection:
        return self

    async def __aexit__(self, *exc_info: object) -> bool | None:
        return None

    async def send(self, data: bytes) -> None: ...


class Pool:
    async def __aenter__(self) -> Session:
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> None: ...


class Store:
    @asynccontextmanager
    async def unannotated(self):
        yield 1

    @asynccontextmanager
    async def numbers(self) -> AsyncIterator[int]:
        yield 1

    @asynccontextmanager
    async def anything(self) -> AsyncIterator[Any]:
        yield 1

    @asynccontextmanager
    async def mapping(self) -> AsyncIterator[Mapping]:
        yield {}

    @asynccontextmanager
    async def nested(self) -> AsyncIterator[contextlib.AbstractAsyncContextManager]:
        yield contextlib.nullcontext()

    @asynccontextmanager
    async def broken(self) -> AsyncIterator[Missing]:  # noqa: F821
        yield 1


def kinds(ledger: fakes.Ledger) -> list[str]:
    return [event.kind for event in ledger]


async def test_async_context_enters_value_and_records(fakes_ledger):
    """async with binds the configured value; entered and exited are recorded."""
    conn = fakes.async_context(enters="session", name="conn")

    async with conn as session:
        assert session == "session"

    assert kinds(fakes_ledger) == ["entered", "exited"]
    conn.assert_entered_once()
    conn.assert_exited_cleanly()


async def test_async_context_records_exception_leaving_block(fakes_ledger):
    """The exception that left the block is the exited event's detail."""
    conn = fakes.async_context(name="conn")

    with pytest.raises(ValueError, match="boom"):
        async with conn:
            raise ValueError("boom")

    (exited,) = fakes_ledger.events("exited")
    assert isinstance(exited.detail, ValueError)
    conn.assert_exited_with(ValueError)
    assert conn.entered == 1


async def test_async_context_enter_raises():
    """enter_raises= fails the async with before the block runs."""
    conn = fakes.async_context(enter_raises=ConnectionError("refused"), name="conn")
    ran = []

    with pytest.raises(ConnectionError):
        async with conn:
            ran.append(True)

    assert ran == []
    assert conn.entered == 0


async def test_async_context_exit_raises_after_recording():
    """exit_raises= raises on leaving, after the exit was recorded."""
    conn = fakes.async_context(exit_raises=TimeoutError, name="conn")

    with pytest.raises(TimeoutError):
        async with conn:
            pass

    conn.assert_exited_cleanly()


async def test_async_context_suppress_true_swallows_errors():
    """suppress=True swallows any exception leaving the block."""
    conn = fakes.async_context(suppress=True, name="conn")

    async with conn:
        raise KeyError("gone")

    conn.assert_exited_with(KeyError)


async def test_async_context_suppress_only_given_types():
    """suppress=SomeError swallows only that error."""
    conn = fakes.async_context(suppress=KeyError, name="conn")

    async with conn:
        raise KeyError("gone")
    with pytest.raises(ValueError, match="kept"):
        async with conn:
            raise ValueError("kept")

    assert len(conn.exits) == 2


async def test_async_context_assert_entered_once_message():
    """assert_entered_once() says how many times it was entered."""
    conn = fakes.async_context(name="conn")
    for _ in range(2):
        async with conn:
            pass

    with pytest.raises(FakesAssertionError) as caught:
        conn.assert_entered_once()

    assert str(caught.value) == (
        "conn was expected to be entered once, but was entered 2 times."
    )


def test_async_context_assert_entered_once_never_message():
    """A manager never entered says so."""
    conn = fakes.async_context(name="conn")

    with pytest.raises(FakesAssertionError) as caught:
        conn.assert_entered_once()

    assert str(caught.value) == (
        "conn was expected to be entered once, but was entered never."
    )


async def test_async_context_assert_exited_with_message():
    """assert_exited_with() shows how the last exit went and every exit."""
    conn = fakes.async_context(name="conn")
    async with conn:
        pass

    with pytest.raises(FakesAssertionError) as caught:
        conn.assert_exited_with(ValueError)

    assert str(caught.value) == (
        "conn was expected to exit with ValueError, but its last exit was "
        "without an exception (exits: clean)."
    )


async def test_async_context_assert_exited_cleanly_message():
    """assert_exited_cleanly() names the exception that left the block."""
    conn = fakes.async_context(suppress=True, name="conn")
    async with conn:
        raise KeyError("k")

    with pytest.raises(FakesAssertionError) as caught:
        conn.assert_exited_cleanly()

    assert str(caught.value) == (
        "conn was expected to exit without an exception, but its last exit "
        "was with KeyError('k') (exits: KeyError('k'))."
    )


async def test_async_context_assert_exited_while_inside_message():
    """Exit assertions inside the block say the block is still running."""
    conn = fakes.async_context(name="conn")

    async with conn:
        with pytest.raises(FakesAssertionError) as caught:
            conn.assert_exited_cleanly()

    assert str(caught.value) == (
        "conn was entered once and exited 0 times: the block is still running."
    )


def test_async_context_assert_exited_never_entered_message():
    """Exit assertions before any entry say it was never entered."""
    conn = fakes.async_context(name="conn")

    with pytest.raises(FakesAssertionError) as caught:
        conn.assert_exited_with(KeyError)

    assert str(caught.value) == "conn was never entered, so it has not exited."


def test_async_context_enter_raises_not_exception_message():
    """enter_raises= takes only exceptions."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.async_context(enter_raises="no", name="conn")

    assert str(caught.value) == (
        "conn takes an exception instance or class for enter_raises=, got 'no'."
    )


def test_async_context_exit_raises_not_exception_message():
    """exit_raises= takes only exceptions."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.async_context(exit_raises=3, name="conn")

    assert str(caught.value) == (
        "conn takes an exception instance or class for exit_raises=, got 3."
    )


def test_async_context_aexit_returns_whether_it_swallowed():
    """__aexit__ returns True only when it swallows an exception."""
    conn = fakes.async_context(suppress=True, name="conn")

    drive(conn.__aenter__())
    clean = drive(conn.__aexit__(None, None, None))
    drive(conn.__aenter__())
    swallowed = drive(conn.__aexit__(KeyError, KeyError("k"), None))

    assert (clean, swallowed) == (False, True)


def test_async_context_assert_exited_during_a_second_entry_message():
    """Exit assertions during a later entry say the block is still running."""
    conn = fakes.async_context(name="conn")
    drive(conn.__aenter__())
    drive(conn.__aexit__(None, None, None))
    drive(conn.__aenter__())

    with pytest.raises(FakesAssertionError) as caught:
        conn.assert_exited_cleanly()

    assert str(caught.value) == (
        "conn was entered 2 times and exited once: the block is still running."
    )


async def test_async_context_member_manager_enters_defaults():
    """enters(value) on a member's manager keeps the other defaults."""
    repo = fakes.async_double(UserRepo)

    repo.transaction().enters("session")

    with pytest.raises(KeyError):
        async with repo.transaction() as session:
            raise KeyError("kept")
    assert session == "session"
    repo.transaction.assert_exited_with(KeyError)


async def test_async_context_member_enters_on_the_member(fakes_ledger):
    """repo.transaction.enters(x): every call's manager enters x."""
    repo = fakes.async_double(UserRepo)
    repo.transaction.enters("tx-session")

    async with repo.transaction("t1") as session:
        pass

    assert session == "tx-session"
    repo.transaction.assert_entered_once()
    repo.transaction.assert_exited_cleanly()
    repo.transaction.assert_called_once_with("t1")
    entered = fakes_ledger.events("entered")
    assert [(event.name, event.args) for event in entered] == [
        ("UserRepo.transaction", ("t1",))
    ]
    assert entered[0].double is repo.transaction


async def test_async_context_member_call_result_is_the_same_manager():
    """Every call returns the member's one manager: both spellings work."""
    repo = fakes.async_double(UserRepo)

    repo.transaction().enters("via-call")

    async with repo.transaction() as session:
        assert session == "via-call"
    assert repo.transaction() is repo.transaction.return_value


async def test_async_context_member_default_enters_spec_double():
    """Until configured, a member enters a double of the annotated class."""
    repo = fakes.async_double(UserRepo)

    async with repo.transaction() as session:
        await session.commit()

    assert isinstance(session, Session)
    session.commit.assert_awaited_once_with()


async def test_async_context_annotated_member_is_a_context_manager():
    """A member annotated as returning an async context manager is one."""
    repo = fakes.async_double(UserRepo)
    repo.connect.enters("conn", exit_raises=OSError)

    with pytest.raises(OSError):  # noqa: PT011 - the configured error
        async with repo.connect() as conn:
            assert conn == "conn"

    repo.connect.assert_exited_cleanly()


async def test_async_context_member_exception_recorded():
    """An exception leaving a member's block is recorded and asserted."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(RuntimeError):
        async with repo.transaction():
            raise RuntimeError("rollback")

    repo.transaction.assert_exited_with(RuntimeError)


async def test_async_context_class_with_aenter(fakes_ledger):
    """A double of a class with __aenter__/__aexit__ records entered/exited."""
    conn = fakes.async_double(Connection)

    async with conn as entered:
        await entered.send(b"x")

    assert entered is conn
    conn.assert_entered_once()
    conn.assert_exited_cleanly()
    conn.__aenter__.assert_awaited_once_with()
    assert "entered" in kinds(fakes_ledger)
    assert [event.double for event in fakes_ledger.events("entered")] == [conn]


async def test_async_context_class_enters_and_suppresses():
    """enters() on a class double configures its __aenter__ and __aexit__."""
    conn = fakes.async_double(Connection)
    conn.enters("session", suppress=True)

    async with conn as value:
        raise KeyError("swallowed")

    assert value == "session"
    conn.assert_exited_with(KeyError)


async def test_async_context_class_exception_not_suppressed_by_default():
    """A spec'd __aexit__ does not swallow errors unless told to."""
    conn = fakes.async_double(Connection)

    with pytest.raises(KeyError):
        async with conn:
            raise KeyError("kept")

    conn.assert_exited_with(KeyError)


async def test_async_context_spec_less_double_enters():
    """A double without a spec is an async context manager, as AsyncMock is."""
    conn = fakes.async_double(name="conn").enters("value")

    async with conn as value:
        pass

    assert value == "value"
    conn.assert_entered_once()


def test_async_context_enters_on_async_member_message():
    """enters() on a member that is not a context manager is refused."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(ProtocolMismatchError) as caught:
        repo.get.enters("x")

    assert isinstance(caught.value, TypeError)
    assert str(caught.value) == (
        "UserRepo.get is an async member, not an async context manager, so it "
        "cannot be entered.\nFix: give the double a spec with __aenter__ and "
        "__aexit__, an @asynccontextmanager member, or use fakes.async_context()."
    )


def test_async_context_enters_on_plain_class_double_message():
    """enters() on a double of a class without __aenter__ is refused."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(ProtocolMismatchError) as caught:
        repo.enters("x")

    assert str(caught.value) == (
        "UserRepo is a double, not an async context manager, so it cannot be "
        "entered.\nFix: give the double a spec with __aenter__ and __aexit__, an "
        "@asynccontextmanager member, or use fakes.async_context()."
    )


def drive(coroutine: Any) -> Any:
    """Run a coroutine that never suspends, outside any loop."""
    try:
        coroutine.send(None)
    except StopIteration as stop:
        return stop.value
    raise AssertionError("the coroutine suspended")


def test_async_context_timeline_shows_entered_and_exited():
    """The timeline shows entering, and leaving with the block's exception."""
    repo = fakes.async_double(UserRepo)
    error = KeyError("k")

    with fakes.Ledger() as ledger:
        manager = repo.transaction("t1")
        drive(manager.__aenter__())
        drive(manager.__aexit__(KeyError, error, None))

    assert fakes.timeline(ledger) == (
        "#  time  task  event     call\n"
        "0  -     -     called    UserRepo.transaction('t1')\n"
        "1  -     -     returned  UserRepo.transaction('t1')\n"
        "2  -     -     entered   UserRepo.transaction('t1')\n"
        "3  -     -     exited    UserRepo.transaction('t1') -> KeyError('k')"
    )


def test_async_context_aexit_with_type_only_records_an_instance():
    """__aexit__ given only an exception class records an instance of it."""
    conn = fakes.async_context(name="conn")

    drive(conn.__aenter__())
    drive(conn.__aexit__(KeyError, None, None))

    assert [type(error) for error in conn.exits] == [KeyError]
    assert conn.exits[0].args == ()
    conn.assert_exited_with(KeyError)


async def test_async_context_repr_counts_entries_and_exits():
    """The repr names the manager and counts entries and exits."""
    conn = fakes.async_context(name="conn")

    async with conn:
        inside = repr(conn)

    assert inside == "<async_context conn: entered 1, exited 0>"
    assert repr(conn) == "<async_context conn: entered 1, exited 1>"


async def test_async_context_member_return_value_replaces_manager():
    """Setting a member's return_value replaces its manager, as for a mock."""
    repo = fakes.async_double(UserRepo)
    repo.transaction.enters("configured")

    repo.transaction.return_value = fakes.async_context(enters="other", name="o")

    async with repo.transaction() as session:
        assert session == "other"


async def test_async_context_class_aenter_return_value_replaces_enters():
    """A later __aenter__.return_value wins over enters()."""
    conn = fakes.async_double(Connection)
    conn.enters("configured")

    conn.__aenter__.return_value = "stdlib"

    async with conn as value:
        pass
    assert value == "stdlib"
    conn.assert_entered_once()


async def test_async_context_class_aexit_return_value_keeps_entered_value():
    """Configuring __aexit__ keeps the value enters() set."""
    conn = fakes.async_double(Connection)
    conn.enters("configured")

    conn.__aexit__.return_value = True

    with pytest.raises(KeyError):
        async with conn as value:
            raise KeyError("kept")
    assert value == "configured"


@pytest.mark.parametrize(
    "config",
    [{"value": "session"}, {"enter_raises": OSError}, {"suppress": True}],
    ids=["value", "enter_raises", "suppress"],
)
def test_async_context_class_enters_wins_over_aexit_configuration(config):
    """Once enters() configured the manager, __aexit__'s return_value is unused."""
    conn = fakes.async_double(Connection)
    conn.enters(**config)

    conn.__aexit__.return_value = "stdlib"

    assert drive(conn.__aexit__(None, None, None)) is False


async def test_async_context_class_aenter_return_value_before_use():
    """__aenter__.return_value set on a fresh double is what async with binds."""
    conn = fakes.async_double(Connection)

    conn.__aenter__.return_value = "stdlib"

    async with conn as value:
        pass
    assert value == "stdlib"
    conn.assert_entered_once()


async def test_async_context_class_aenter_side_effect():
    """An __aenter__.side_effect function gives the entered value."""
    conn = fakes.async_double(Connection)

    conn.__aenter__.side_effect = lambda: "from side effect"

    async with conn as value:
        pass
    assert value == "from side effect"


async def test_async_context_class_aexit_return_value_suppresses():
    """__aexit__.return_value = True swallows the block's exception, as for a mock."""
    conn = fakes.async_double(Connection)

    conn.__aexit__.return_value = True

    async with conn:
        raise KeyError("swallowed")
    conn.assert_exited_with(KeyError)


async def test_async_context_class_aexit_side_effect_gets_exception_info():
    """An __aexit__.side_effect function gets the exception info and decides."""
    conn = fakes.async_double(Connection)

    conn.__aexit__.side_effect = lambda exc_type, exc, tb: exc_type is KeyError

    async with conn:
        raise KeyError("swallowed")
    with pytest.raises(ValueError, match="kept"):
        async with conn:
            raise ValueError("kept")


async def test_async_context_class_aenter_annotated_other_class():
    """An __aenter__ annotated with another class enters a double of that class."""
    pool = fakes.async_double(Pool)

    async with pool as value:
        pass

    assert value is not pool
    assert isinstance(value, Session)
    pool.assert_entered_once()


async def test_async_context_spec_less_unconfigured_enters_aenter_result():
    """An unconfigured spec-less double enters what its __aenter__ returns."""
    conn = fakes.async_double(name="conn")
    with pytest.raises(FakesAssertionError):
        conn.assert_entered_once()

    async with conn as value:
        pass

    assert value is conn.__aenter__.return_value
    conn.assert_entered_once()


@pytest.mark.parametrize(
    ("spec", "member"), [(UserRepo, "transaction"), (Store, "unannotated")]
)
async def test_async_context_member_default_is_the_same_every_entry(spec, member):
    """An unconfigured member enters the same default double every time."""
    manager = getattr(fakes.async_double(spec), member)

    async with manager() as first:
        pass
    async with manager() as second:
        pass

    assert second is first


def test_async_context_member_records_in_the_ledger_of_its_call():
    """Entering and leaving go to the ledger that was current at the call."""
    repo = fakes.async_double(UserRepo)
    with fakes.Ledger() as ledger:
        manager = repo.transaction("t1")

    with fakes.Ledger() as later:
        drive(manager.__aenter__())
        drive(manager.__aexit__(None, None, None))

    assert kinds(ledger) == ["called", "returned", "entered", "exited"]
    assert kinds(later) == []


def test_async_context_timeline_of_a_standalone_manager():
    """A standalone manager is entered without arguments; its exit pairs up."""
    conn = fakes.async_context(name="conn")

    with fakes.Ledger() as ledger:
        drive(conn.__aenter__())
        drive(conn.__aexit__(None, None, None))

    assert [(event.kind, event.call, event.args) for event in ledger] == [
        ("entered", 0, ()),
        ("exited", 0, ()),
    ]
    assert fakes.timeline(ledger) == (
        "#  time  task  event    call\n"
        "0  -     -     entered  conn()\n"
        "1  -     -     exited   conn()"
    )


async def test_async_context_class_exit_records_the_exception_itself(fakes_ledger):
    """A class double's exited event carries the very exception of the block."""
    conn = fakes.async_double(Connection)
    error = KeyError("k")

    with pytest.raises(KeyError):
        async with conn:
            raise error

    (exited,) = fakes_ledger.events("exited")
    assert exited.detail is error


def test_async_context_class_aexit_with_type_only_records_an_instance(fakes_ledger):
    """A class double's __aexit__ given only an exception class records an instance."""
    conn = fakes.async_double(Connection)

    drive(conn.__aenter__())
    drive(conn.__aexit__(KeyError, None, None))

    (exited,) = fakes_ledger.events("exited")
    assert type(exited.detail) is KeyError
    conn.assert_exited_with(KeyError)


def test_async_context_spec_less_entered_event_has_aenter_arguments(fakes_ledger):
    """The entered event of a spec-less double carries __aenter__'s arguments."""
    conn = fakes.async_double(name="conn").enters("value")

    drive(conn.__aenter__("extra"))

    (entered,) = fakes_ledger.events("entered")
    assert (entered.name, entered.args) == ("conn", ("extra",))


@pytest.mark.parametrize(
    ("make", "label"),
    [
        (lambda: fakes.async_double(Connection), "Connection"),
        (lambda: fakes.async_double(UserRepo).transaction, "UserRepo.transaction"),
        (lambda: fakes.async_double(name="conn"), "conn"),
    ],
    ids=["class_double", "member", "spec_less"],
)
def test_async_context_assert_entered_once_names_the_double(make, label):
    """Context assertions of doubles name the double."""
    double = make()

    with pytest.raises(FakesAssertionError) as caught:
        double.assert_entered_once()

    assert str(caught.value) == (
        f"{label} was expected to be entered once, but was entered never."
    )


def test_async_context_default_name():
    """Without name=, the manager is called async_context."""
    conn = fakes.async_context()

    assert repr(conn) == "<async_context async_context: entered 0, exited 0>"


@pytest.mark.parametrize(
    "member", ["unannotated", "numbers", "anything", "mapping", "nested", "broken"]
)
async def test_async_context_member_without_a_class_enters_spec_less_double(member):
    """A member whose annotation names no class of the user enters a plain double."""
    store = fakes.async_double(Store)

    async with getattr(store, member)() as value:
        pass

    assert not isinstance(value, int)
    assert value.anything() is value.anything.return_value


def _never_entered(conn: Any) -> None:
    conn.assert_exited_cleanly()


def _clean_expected_error(conn: Any) -> None:
    drive(conn.__aenter__())
    drive(conn.__aexit__(None, None, None))
    conn.assert_exited_with(KeyError)


def _error_expected_clean(conn: Any) -> None:
    drive(conn.__aenter__())
    drive(conn.__aexit__(KeyError, KeyError("k"), None))
    conn.assert_exited_cleanly()


def _entered_twice(conn: Any) -> None:
    for _ in range(2):
        drive(conn.__aenter__())
        drive(conn.__aexit__(None, None, None))
    conn.assert_entered_once()


@pytest.mark.parametrize(
    "fail",
    [_never_entered, _clean_expected_error, _error_expected_clean, _entered_twice],
)
@pytest.mark.parametrize(
    "make",
    [
        lambda: fakes.async_context(name="conn"),
        lambda: fakes.async_double(Connection),
    ],
    ids=["async_context", "class_double"],
)
def test_async_context_assertions_hide_their_frames(make, fail):
    """A failed context assertion reports the test's line, not the library's."""
    conn = make()

    with pytest.raises(FakesAssertionError) as caught:
        fail(conn)

    assert_frames_hidden(caught)


async def test_async_context_assert_exited_with_lists_every_exit():
    """assert_exited_with() lists the exits in order, clean ones as clean."""
    conn = fakes.async_context(suppress=True, name="conn")
    async with conn:
        raise KeyError("k")
    async with conn:
        pass

    with pytest.raises(FakesAssertionError) as caught:
        conn.assert_exited_with(KeyError)

    assert str(caught.value) == (
        "conn was expected to exit with KeyError, but its last exit was "
        "without an exception (exits: KeyError('k'), clean)."
    )


async def test_async_context_rules_set_before_first_use_are_kept():
    """when() on __aexit__ before the first async with still applies, and records."""
    conn = fakes.async_double(Connection)
    conn.__aexit__.when(ValueError, mock.ANY, mock.ANY).returns(True)

    async with conn:
        raise ValueError("swallowed")

    conn.assert_entered_once()
    conn.assert_exited_with(ValueError)


async def test_async_context_script_on_aenter_before_first_use_is_kept():
    """script() on __aenter__ before the first async with gives the entered value."""
    conn = fakes.async_double(Connection)
    conn.__aenter__.script("first", "second")

    async with conn as first:
        pass
    async with conn as second:
        pass

    assert (first, second) == ("first", "second")
    assert conn.__aenter__.await_count == 2
    assert [event.kind for event in fakes.current_ledger().events(double=conn)] == [
        "entered",
        "exited",
        "entered",
        "exited",
    ]


async def test_async_context_rules_set_after_first_use_still_record():
    """A rule that answers __aexit__ after a first block still records the exit."""
    conn = fakes.async_double(Connection)
    async with conn:
        pass
    conn.__aexit__.when(KeyError, mock.ANY, mock.ANY).returns(True)

    async with conn:
        raise KeyError("swallowed")

    assert [event.kind for event in fakes.current_ledger().events(double=conn)] == [
        "entered",
        "exited",
        "entered",
        "exited",
    ]
    conn.assert_exited_with(KeyError)


async def test_async_context_spec_less_double_keeps_a_gate_set_before_use():
    """A gate on __aenter__ of a spec-less double holds the block, and it records."""
    conn = fakes.async_double(name="conn")
    gate = conn.__aenter__.gate()

    async def use() -> None:
        async with conn:
            pass

    task = asyncio.ensure_future(use())
    await gate.wait_entered(1)
    gate.release_all()
    await task

    conn.assert_entered_once()
    conn.assert_exited_cleanly()


async def test_async_context_aexit_awaited_directly_records_no_exit():
    """__aexit__ awaited with no block open ends no block; the ledger stays readable."""
    conn = fakes.async_double(Connection)

    await conn.__aexit__(None, None, None)

    assert [event.kind for event in fakes.current_ledger()] == [
        "called",
        "started",
        "returned",
    ]
    assert conn.__aexit__.await_count == 1


@pytest.mark.parametrize(
    ("exc_info", "suppressed"),
    [
        ((KeyError, None, None), True),
        ((Exception, KeyError("given"), None), True),
        ((Exception, None, None), False),
        ((None, None, None), False),
    ],
)
async def test_async_context_suppress_judges_the_exception_given(exc_info, suppressed):
    """suppress= judges the exception instance, or one made from its type alone."""
    conn = fakes.async_double(Connection).enters(suppress=KeyError)

    await conn.__aenter__()
    result = await conn.__aexit__(*exc_info)

    assert result is suppressed


@pytest.mark.parametrize(
    ("exc_info", "suppressed"),
    [
        ((KeyError, None, None), True),
        ((Exception, KeyError("given"), None), True),
        ((Exception, None, None), False),
    ],
)
async def test_async_context_standalone_suppress_judges_the_exception_given(
    exc_info, suppressed
):
    """A standalone manager's suppress= judges the instance, or one of the type."""
    manager = fakes.async_context(suppress=KeyError, name="manager")

    await manager.__aenter__()
    result = await manager.__aexit__(*exc_info)

    assert result is suppressed


def _suppressing_managers(suppress: Any) -> dict[str, Any]:
    """One manager of each kind, configured with ``suppress``."""
    repo = fakes.async_double(UserRepo, name="repo")
    repo.transaction.enters(suppress=suppress)
    return {
        "async_context": fakes.async_context(suppress=suppress, name="conn"),
        "class double": fakes.async_double(Connection, name="conn").enters(
            suppress=suppress
        ),
        "member": repo.transaction(),
        "spec-less": fakes.async_double(name="conn").enters(suppress=suppress),
    }


_KINDS = ["async_context", "class double", "member", "spec-less"]
_SUPPRESS = [True, Exception, BaseException, (KeyError, BaseException)]


async def _within(seconds: float, awaitable: Any) -> Any:
    """``asyncio.timeout()`` where it exists, else ``asyncio.wait_for``."""
    if sys.version_info >= (3, 11):
        async with asyncio.timeout(seconds):
            return await awaitable
    return await asyncio.wait_for(awaitable, seconds)


@pytest.mark.parametrize("suppress", _SUPPRESS)
@pytest.mark.parametrize("kind", _KINDS)
async def test_async_context_suppress_never_swallows_asyncio_timeout(kind, suppress):
    """A timeout around a suppressing block still times out."""
    manager = _suppressing_managers(suppress)[kind]
    after_block = []

    async def block() -> None:
        async with manager:
            await asyncio.sleep(3600)
        after_block.append(True)

    async with fakes.virtual_time() as clock:
        with pytest.raises(asyncio.TimeoutError):
            await _within(5, block())

    assert (clock.elapsed, after_block) == (5.0, [])
    manager.assert_exited_with(asyncio.CancelledError)


@pytest.mark.parametrize("kind", _KINDS)
async def test_async_context_suppress_never_swallows_task_cancel(kind):
    """Cancelling a task inside a suppressing block cancels the task."""
    manager = _suppressing_managers(True)[kind]
    hold = fakes.async_double(name="hold")
    gate = hold.gate()

    async def block() -> str:
        async with manager:
            await hold()
        return "survived"

    task = asyncio.ensure_future(block())
    await gate.wait_entered(1)
    task.cancel()

    with pytest.raises(asyncio.CancelledError):
        await task
    assert task.cancelled()


@pytest.mark.parametrize("suppress", _SUPPRESS)
@pytest.mark.parametrize("kind", _KINDS)
def test_async_context_suppress_never_swallows_trio_cancelled(kind, suppress):
    """Under trio, a cancel scope around a suppressing block cancels it."""
    manager = _suppressing_managers(suppress)[kind]
    after_block = []

    async def main() -> bool:
        with trio.move_on_after(5) as scope:
            async with manager:
                await trio.sleep_forever()
            after_block.append(True)
        return scope.cancelled_caught

    caught = trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))

    assert (caught, after_block) == (True, [])
    manager.assert_exited_with(trio.Cancelled)


@pytest.mark.parametrize(
    "error", [KeyboardInterrupt, SystemExit, GeneratorExit, asyncio.CancelledError]
)
@pytest.mark.parametrize("kind", _KINDS)
async def test_async_context_suppress_never_swallows_interrupts(kind, error):
    """KeyboardInterrupt, SystemExit, GeneratorExit and cancellation leave the block."""
    manager = _suppressing_managers(True)[kind]

    with pytest.raises(error):
        async with manager:
            raise error

    manager.assert_exited_with(error)


@pytest.mark.skipif(sys.version_info < (3, 11), reason="exception groups: 3.11+")
async def test_async_context_suppress_never_swallows_a_group_with_cancellation():
    """An exception group that holds a cancellation is not swallowed either."""
    conn = fakes.async_context(suppress=True, name="conn")
    group = BaseExceptionGroup("both", [KeyError("k"), asyncio.CancelledError()])  # noqa: F821

    with pytest.raises(BaseExceptionGroup):  # noqa: F821
        async with conn:
            raise group

    assert conn.exits == [group]


async def test_async_context_suppress_direct_aexit_of_cancellation_is_false():
    """__aexit__ awaited with a cancellation answers that it is not suppressed."""
    conn = fakes.async_double(Connection, name="conn").enters(suppress=True)

    await conn.__aenter__()
    result = await conn.__aexit__(asyncio.CancelledError, None, None)

    assert result is False


@pytest.mark.parametrize(
    ("suppress", "message"),
    [
        (
            asyncio.CancelledError,
            "conn never suppresses asyncio.exceptions.CancelledError: "
            "cancellation, KeyboardInterrupt, SystemExit and GeneratorExit always "
            "leave the block, so that a timeout or a cancel scope around it works.\n"
            "Fix: name only the exceptions the block may swallow, or use "
            "suppress=True for every other exception.",
        ),
        (
            (KeyError, KeyboardInterrupt),
            "conn never suppresses KeyboardInterrupt: "
            "cancellation, KeyboardInterrupt, SystemExit and GeneratorExit always "
            "leave the block, so that a timeout or a cancel scope around it works.\n"
            "Fix: name only the exceptions the block may swallow, or use "
            "suppress=True for every other exception.",
        ),
        (
            trio.Cancelled,
            "conn never suppresses trio.Cancelled: "
            "cancellation, KeyboardInterrupt, SystemExit and GeneratorExit always "
            "leave the block, so that a timeout or a cancel scope around it works.\n"
            "Fix: name only the exceptions the block may swallow, or use "
            "suppress=True for every other exception.",
        ),
        (
            "yes",
            "conn takes True, False, an exception class or a tuple of exception "
            "classes for suppress=, got 'yes'.\n"
            "Fix: pass suppress=True to swallow any exception, or the classes to "
            "swallow, such as suppress=(KeyError, TimeoutError).",
        ),
        (
            1,
            "conn takes True, False, an exception class or a tuple of exception "
            "classes for suppress=, got 1.\n"
            "Fix: pass suppress=True to swallow any exception, or the classes to "
            "swallow, such as suppress=(KeyError, TimeoutError).",
        ),
        (
            (KeyError, KeyError("k")),
            "conn takes True, False, an exception class or a tuple of exception "
            "classes for suppress=, got (<class 'KeyError'>, KeyError('k')).\n"
            "Fix: pass suppress=True to swallow any exception, or the classes to "
            "swallow, such as suppress=(KeyError, TimeoutError).",
        ),
    ],
    ids=["cancelled", "keyboard-interrupt", "trio", "string", "int", "instance"],
)
def test_async_context_suppress_refuses_interruptions_and_non_classes(
    suppress, message
):
    """suppress= naming an interruption, or naming no exception class, is refused."""
    with pytest.raises(FakesTypeError) as refused:
        fakes.async_context(suppress=suppress, name="conn")

    assert str(refused.value) == message


def test_async_context_refuses_a_string_for_suppress():
    """suppress="x" is refused when the double is made, with the fix."""

    with pytest.raises(fakes.errors.FakesTypeError) as caught:
        fakes.async_context(suppress="x")

    assert str(caught.value) == (
        "async_context takes True, False, an exception class or a tuple of "
        "exception classes for suppress=, got 'x'.\n"
        "Fix: pass suppress=True to swallow any exception, or the classes to "
        "swallow, such as suppress=(KeyError, TimeoutError)."
    )


def test_async_context_refuses_a_name_that_is_not_a_string():
    """name=None is a FakesTypeError with the fix (it used to recurse for ever)."""

    with pytest.raises(fakes.errors.FakesTypeError) as caught:
        fakes.async_context(name=None)  # type: ignore[arg-type]

    assert str(caught.value) == (
        "fakes.async_context(name=...) takes a str, the name shown in the ledger "
        "and in messages; got None (NoneType).\n"
        'Fix: pass a string such as name="repo", or leave name out (it is '
        "'async_context')."
    )


class _AcquireContext:
    async def __aenter__(self) -> Session:
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> None: ...


class Driver:
    """A database driver whose sync methods say nothing of what they return."""

    def acquire(self, *, timeout=None):
        return _AcquireContext()

    def size(self) -> int:
        return 1


async def test_async_context_enters_on_unannotated_sync_member():
    """enters() makes a sync member without a return annotation a context manager."""
    driver = fakes.async_double(Driver, name="pool")
    session = fakes.async_double(Session)
    driver.acquire.enters(session)

    async with driver.acquire(timeout=1.0) as entered:
        pass
    awaited = await driver.acquire()

    assert entered is session
    assert awaited is session
    driver.acquire.assert_entered_once()
    driver.acquire.assert_exited_cleanly()
    assert driver.acquire.call_args_list == [mock.call(timeout=1.0), mock.call()]


def test_async_context_enters_on_unannotated_sync_member_keeps_its_signature():
    """The member that enters() made a context manager still checks its calls."""
    driver = fakes.async_double(Driver, name="pool")
    driver.acquire.enters(None)

    with pytest.raises(TypeError) as caught:
        driver.acquire(5)

    assert str(caught.value) == (
        "pool.acquire(5) does not match the signature "
        "Driver.acquire(*, timeout=None): too many positional arguments"
    )


def test_async_context_enters_on_unannotated_sync_member_of_one_double_only():
    """Another double of the class keeps the member sync."""
    fakes.async_double(Driver).acquire.enters(None)
    other = fakes.async_double(Driver)

    other.acquire.returns("plain")

    assert other.acquire() == "plain"


def test_async_context_enters_on_annotated_sync_member_message():
    """A sync member whose annotation names what it returns is refused."""
    driver = fakes.async_double(Driver, name="pool")

    with pytest.raises(ProtocolMismatchError) as caught:
        driver.size.enters(2)

    assert str(caught.value) == (
        "pool.size is a sync member, not an async context manager, so it "
        "cannot be entered.\nFix: give the double a spec with __aenter__ and "
        "__aexit__, an @asynccontextmanager member, or use fakes.async_context()."
    )
