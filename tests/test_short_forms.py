"""Short forms (returns, when, enters, called, ...) and spec members of those names."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

import fakes
from fakes.errors import ProtocolMismatchError

_SHORT_FORMS = [
    "when",
    "script",
    "returns",
    "raises",
    "gate",
    "yields",
    "enters",
    "called",
    "assert_exhausted",
    "assert_closed",
    "assert_consumed",
    "assert_entered_once",
    "assert_exited_with",
    "assert_exited_cleanly",
]


def _spec_with(name: str) -> type:
    """A class whose async method ``name`` returns an int."""

    async def member(self: Any, value: int = 0) -> int:
        raise NotImplementedError

    return type("Scheduler", (), {name: member, "__module__": __name__})


class Waiter:
    async def when(self, state: str) -> bool:
        raise NotImplementedError

    def script(self, name: str) -> str:
        raise NotImplementedError

    async def get(self) -> int:
        raise NotImplementedError


class Job:
    def __init__(self, name: str) -> None: ...

    @classmethod
    async def when(cls, state: str) -> bool:
        raise NotImplementedError

    async def called(self) -> int:
        raise NotImplementedError


class Connection:
    async def __aenter__(self) -> Connection:
        return self

    async def __aexit__(self, *exc_info: object) -> None: ...

    async def enters(self, room: str) -> None: ...


class Feed:
    def __aiter__(self) -> Feed:
        return self

    async def __anext__(self) -> int:
        raise StopAsyncIteration

    def yields(self) -> int:
        raise NotImplementedError


class Plain:
    async def get(self) -> int:
        raise NotImplementedError

    async def stream(self) -> AsyncIterator[int]:
        yield 0


async def test_short_forms_spec_member_when_is_awaited_not_a_rule():
    """await double.when(...) awaits the spec's own when member."""
    waiter = fakes.async_double(Waiter)
    fakes.on(waiter.when).returns(True)

    ready = await waiter.when("ready")

    assert ready is True
    waiter.when.assert_awaited_once_with("ready")
    assert repr(waiter.when).startswith("<AsyncDouble name='Waiter.when'")


def test_short_forms_spec_member_script_is_a_sync_member():
    """A sync member named script is a sync double configured through fakes.on."""
    waiter = fakes.async_double(Waiter)
    fakes.on(waiter.script).when("a").returns("A")

    result = waiter.script("a")

    assert result == "A"
    with pytest.raises(TypeError) as caught:
        waiter.script()
    assert str(caught.value) == (
        "Waiter.script() does not match the signature Waiter.script(name: str) "
        "-> str: missing a required argument: 'name'"
    )


@pytest.mark.parametrize("name", _SHORT_FORMS)
async def test_short_forms_every_name_gives_the_spec_member(name):
    """Each short-form name of the spec is the member's double, configured via on()."""
    double = fakes.async_double(_spec_with(name))
    member = getattr(double, name)
    fakes.on(member).returns(7)

    result = await getattr(double, name)(1)

    assert result == 7
    assert member._fakes_label() == f"Scheduler.{name}"
    member.assert_awaited_once_with(1)


@pytest.mark.parametrize("name", _SHORT_FORMS)
async def test_short_forms_two_doubles_of_one_spec_keep_their_members(name):
    """Two doubles of one class each have their own member of that name."""
    spec = _spec_with(name)
    first, second = fakes.async_double(spec), fakes.async_double(spec)
    fakes.on(getattr(first, name)).returns(1)
    fakes.on(getattr(second, name)).returns(2)

    results = [await getattr(first, name)(), await getattr(second, name)()]

    assert results == [1, 2]


async def test_short_forms_instance_spec_member_wins():
    """A double of an instance whose class has a when member gets that member."""
    waiter = fakes.async_double(Waiter())
    fakes.on(waiter.when).script(False, True)

    answers = [await waiter.when("a"), await waiter.when("b")]

    assert answers == [False, True]


def test_short_forms_called_member_and_stdlib_bookkeeping():
    """double.called is the member; assert_called and reset_mock still work."""
    job_cls = fakes.async_double(Job, instance=False)

    job = job_cls("nightly")
    job_cls.assert_called_once_with("nightly")
    job_cls.assert_called()
    flag_after_call = fakes.on(job_cls).called
    job_cls.reset_mock()

    assert isinstance(job_cls.called, fakes.AsyncDouble)
    assert job_cls.called is job_cls.called
    assert flag_after_call is True
    assert fakes.on(job_cls).called is False
    job_cls.assert_not_called()
    assert isinstance(job.called, fakes.AsyncDouble)


async def test_short_forms_called_member_of_an_instance_double():
    """An async member named called is awaited; the stdlib flag stays its own."""
    job = fakes.async_double(Job)
    fakes.on(job.called).returns(3)

    count = await job.called()

    assert count == 3
    job.called.assert_awaited_once_with()
    assert job.called.called is True


async def test_short_forms_class_double_when_classmethod():
    """A class double's classmethod when is a member; on(cls).when makes a rule."""
    job_cls = fakes.async_double(Job, instance=False)
    fakes.on(job_cls.when).returns(True)
    fakes.on(job_cls).when("nightly").returns("the nightly job")

    ready = await job_cls.when("ready")
    made = job_cls("nightly")

    assert (ready, made) == (True, "the nightly job")


async def test_short_forms_on_reaches_a_hidden_enters():
    """fakes.on(double).enters(...) configures a double whose spec has enters."""
    conn = fakes.async_double(Connection)
    fakes.on(conn).enters("session")

    async with conn as session:
        await conn.enters("lobby")

    assert session == "session"
    conn.enters.assert_awaited_once_with("lobby")
    fakes.on(conn).assert_entered_once()


async def test_short_forms_on_reaches_a_hidden_yields():
    """fakes.on(double).yields(...) configures a self-iterating double with yields."""
    feed = fakes.async_double(Feed)
    fakes.on(feed).yields(1, 2)
    fakes.on(feed.yields).returns(9)

    items = [item async for item in feed]

    assert (items, feed.yields()) == ([1, 2], 9)


def test_short_forms_on_chains_on_the_short_forms():
    """Chained configuration through fakes.on stays on the double's own forms."""
    job_cls = fakes.async_double(Job, instance=False)
    builder = fakes.on(job_cls)

    chained = builder.returns("any")
    builder.when("a").returns("A")

    assert chained is builder
    assert [job_cls("a"), job_cls("c")] == ["A", "any"]
    assert repr(builder) == "fakes.on(Job)"


async def test_short_forms_remain_without_clashing_members():
    """Doubles of specs without those names, and spec-less ones, keep short forms."""
    plain = fakes.async_double(Plain)
    free = fakes.async_double(name="free")
    plain.get.returns(1)
    plain.stream.yields(1, 2)
    free.when(1).returns("one")

    got = await plain.get()
    streamed = [item async for item in plain.stream()]
    one = await free(1)

    assert (got, streamed, one) == (1, [1, 2], "one")
    assert plain.get.called is True


async def test_short_forms_member_of_a_nested_double():
    """A nested double's spec members win over its short forms too."""

    class Outer:
        waiter: Waiter

    outer = fakes.async_double(Outer)
    fakes.on(outer.waiter.when).returns(True)

    assert await outer.waiter.when("x") is True


async def test_short_forms_hidden_gate_reached_through_on():
    """A member double's gate stays available when the spec has a gate member."""
    double = fakes.async_double(_spec_with("gate"))
    gate = fakes.on(double.gate).gate()

    task = asyncio.ensure_future(double.gate(1))
    await gate.wait_entered(1)
    gate.release(5)

    assert await task == 5


def test_short_forms_misuse_of_a_member_is_a_protocol_error():
    """A hidden gate() asked of a sync member says why it cannot be."""
    waiter = fakes.async_double(Waiter)

    with pytest.raises(ProtocolMismatchError) as caught:
        waiter.script.gate()

    assert str(caught.value) == (
        "Waiter.script.gate() holds awaits, but Waiter.script is a sync member "
        "that is not awaited.\nFix: gate an async member instead."
    )


async def test_short_forms_drop_in_stdlib_spec_names_give_child_mocks():
    """AsyncDouble(spec=...) gives child mocks for spec names, as AsyncMock does."""
    waiter = fakes.AsyncDouble(spec=Waiter)
    waiter.when.return_value = True
    waiter.script.return_value = "A"

    ready = await waiter.when("ready")
    script = waiter.script("a")

    assert (ready, script) == (True, "A")
    assert isinstance(waiter.when, fakes.AsyncDouble)
    assert isinstance(waiter.script, fakes.SyncDouble)
    waiter.when.assert_awaited_once_with("ready")
    assert waiter.called is False


async def test_short_forms_drop_in_keeps_forms_the_stdlib_spec_lacks():
    """A drop-in keeps the short forms its spec lacks; fakes.on reaches the others."""
    waiter = fakes.AsyncDouble(spec=Waiter)
    fakes.on(waiter).returns(3)
    waiter.get.returns(4)

    results = [await waiter(), await waiter.get()]

    assert results == [3, 4]
    assert fakes.AsyncDouble().when(1).returns("one") is not None


def test_short_forms_drop_in_mock_add_spec_replaces_the_hidden_names():
    """mock_add_spec() with another spec gives the short forms back."""
    waiter = fakes.SyncDouble(spec=Waiter)
    hidden = type(waiter.script).__name__

    waiter.mock_add_spec(["get"])

    assert hidden == "SyncDouble"
    assert waiter.script.__func__.__name__ == "script"
