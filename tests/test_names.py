"""Names: a double and its members are named by the path the test built."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

import fakes
from fakes.errors import (
    AwaitedSyncMemberError,
    AwaitOrderError,
    ConcurrencyError,
    GateError,
    ScriptExhaustedError,
    SignatureMismatchError,
    UnknownAttributeError,
    VerificationError,
)


class Cursor:
    async def fetch(self, size: int) -> list[int]:
        raise NotImplementedError


class Conn:
    def cursor(self) -> Cursor:
        raise NotImplementedError

    def ping(self) -> bool:
        raise NotImplementedError


class Pool:
    async def acquire(self, timeout: float = 1.0) -> None:
        raise NotImplementedError


class Store:
    pool: Pool

    async def get(self, key: str, *, fresh: bool = False) -> bytes:
        raise NotImplementedError

    def connect(self) -> Conn:
        raise NotImplementedError


def run(flow):
    """Run ``flow()`` in a task named ``main``, so that messages are stable."""

    async def main():
        await asyncio.create_task(flow(), name="main")

    asyncio.run(main())


def step(coroutine):
    """Start a coroutine outside any loop: no task and no time in the ledger."""
    with contextlib.suppress(StopIteration):
        coroutine.send(None)


def test_names_ledger_and_timeline_follow_the_path():
    """A nested member and a call's result are named from the root's name=."""
    db = fakes.async_double(Store, name="db")

    with fakes.Ledger() as ledger:
        step(db.pool.acquire(timeout=2.0))
        step(db.connect().cursor().fetch(10))

    assert [event.name for event in ledger.events("started")] == [
        "db.pool.acquire",
        "db.connect().cursor().fetch",
    ]
    assert fakes.timeline(ledger) == (
        "#  time  task  event     call\n"
        "0  -     -     called    db.pool.acquire(timeout=2.0)\n"
        "1  -     -     started   db.pool.acquire(timeout=2.0)\n"
        "2  -     -     returned  db.pool.acquire(timeout=2.0)\n"
        "3  -     -     called    db.connect()\n"
        "4  -     -     returned  db.connect()\n"
        "5  -     -     called    db.connect().cursor()\n"
        "6  -     -     returned  db.connect().cursor()\n"
        "7  -     -     called    db.connect().cursor().fetch(10)\n"
        "8  -     -     started   db.connect().cursor().fetch(10)\n"
        "9  -     -     returned  db.connect().cursor().fetch(10)"
    )


def test_names_repr_shows_the_path():
    """repr names every double by its path, as the ledger does."""
    db = fakes.async_double(Store, name="db")

    shown = [repr(db.pool), repr(db.pool.acquire), repr(db.connect().cursor)]

    assert [text.split(" id=")[0] for text in shown] == [
        "<ObjectDouble name='db.pool' spec='Pool'",
        "<AsyncDouble name='db.pool.acquire'",
        "<SyncDouble name='db.connect().cursor'",
    ]


def test_names_default_root_is_the_spec_and_the_path_is_kept():
    """Without name=, the root is the spec's qualified name, then the path."""
    store = fakes.async_double(Store)

    with fakes.Ledger() as ledger:
        step(store.pool.acquire())
        step(store.get("k"))

    assert [event.name for event in ledger.events("started")] == [
        "Store.pool.acquire",
        "Store.get",
    ]


def test_names_class_double_names_its_instances_by_the_call():
    """The instance a class double returns is the class double's name with ()."""
    store_cls = fakes.async_double(Store, instance=False, name="Factory")

    with fakes.Ledger() as ledger:
        step(store_cls().pool.acquire())

    assert [event.name for event in ledger.events("started")] == [
        "Factory().pool.acquire"
    ]


def test_names_order_failure_tells_two_doubles_of_one_class_apart():
    """An order failure between primary.get and secondary.get names each."""
    primary = fakes.async_double(Store, name="primary")
    secondary = fakes.async_double(Store, name="secondary")

    async def flow():
        await secondary.get("k")
        await primary.get("k")

    run(flow)

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(primary.get, secondary.get)
    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order (other awaits may come between):\n"
        "  1. primary.get (any arguments)\n"
        "  2. secondary.get (any arguments)\n"
        "Matched 1 of 2 (1 at #4); 2. secondary.get was awaited at #1 (>>), "
        "before 1. primary.get (#4), and not after it.\n"
        "Awaits of primary.get and secondary.get, in the order they started:\n"
        "      #  task  event    call\n"
        "  >>  1  main  started  secondary.get('k')\n"
        "  1   4  main  started  primary.get('k')\n"
        "Fix: change the code so that it awaits them in the expected order, or "
        "list the items in the order above if that order is right."
    )


def test_names_concurrency_failure_tells_two_doubles_of_one_class_apart():
    """A concurrency failure names primary.pool.acquire and secondary's."""
    primary = fakes.async_double(Store, name="primary")
    secondary = fakes.async_double(Store, name="secondary")

    async def flow():
        await primary.pool.acquire()
        await secondary.pool.acquire()

    run(flow)

    with pytest.raises(ConcurrencyError) as caught:
        fakes.assert_awaited_concurrently(primary.pool.acquire, secondary.pool.acquire)
    assert str(caught.value) == (
        "The awaits were not in flight at the same time.\n"
        "Expected one await of each of these in flight at once:\n"
        "  1. primary.pool.acquire (any arguments)\n"
        "  2. secondary.pool.acquire (any arguments)\n"
        "At most 1 of the 2 were in flight at once, first at #1 (>>).\n"
        "Awaits of primary.pool.acquire and secondary.pool.acquire, from start "
        "to end:\n"
        "      #  task  event     call\n"
        "  >>  1  main  started   primary.pool.acquire()\n"
        "      2  main  returned  primary.pool.acquire()\n"
        "      4  main  started   secondary.pool.acquire()\n"
        "      5  main  returned  secondary.pool.acquire()\n"
        "Fix: start them together (asyncio.gather, a TaskGroup, a trio nursery) "
        "and make each double suspend while it runs (a gate, or a side_effect "
        "that awaits): a double that returns at once never overlaps another."
    )


def test_names_signature_mismatch_names_the_double_and_the_spec():
    """A call that does not bind names the double's path and the spec member."""
    db = fakes.async_double(Store, name="db")

    with pytest.raises(SignatureMismatchError) as caught:
        db.get("k", True)

    assert str(caught.value) == (
        "db.get('k', True) does not match the signature "
        "Store.get(key: str, *, fresh: bool = False) -> bytes: too many "
        "positional arguments"
    )


def test_names_signature_mismatch_of_a_function_names_both():
    """A function double named fetch reports the function's own signature."""

    async def load_user(user_id: int) -> None:
        raise NotImplementedError

    fetch = fakes.async_double(load_user, name="fetch")

    with pytest.raises(SignatureMismatchError) as caught:
        fetch(user=1)

    assert str(caught.value) == (
        "fetch(user=1) does not match the signature load_user(user_id: int) -> "
        "None: missing a required argument: 'user_id'"
    )


def test_names_unknown_attribute_names_the_double_and_the_spec():
    """An unknown attribute names the double's path; the fix names the spec."""
    secondary = fakes.async_double(Store, name="secondary")

    with pytest.raises(UnknownAttributeError) as caught:
        _ = secondary.pool.aquire

    assert str(caught.value) == (
        "secondary.pool has no attribute 'aquire'. Did you mean 'acquire'? A "
        "double has only the members of its spec: add 'aquire' to Pool, or set "
        "it on the double before using it."
    )


def test_names_deleted_attribute_names_the_path():
    """A deleted member is named by the double's path."""
    primary = fakes.async_double(Store, name="primary")
    del primary.pool.acquire

    with pytest.raises(UnknownAttributeError) as caught:
        _ = primary.pool.acquire

    assert str(caught.value) == (
        "primary.pool.acquire was deleted from the double; set it again to use it."
    )


def test_names_awaited_sync_member_names_the_path_and_the_spec():
    """Awaiting a sync member's result names the path; the fix, the spec."""
    db = fakes.async_double(Store, name="db")

    async def flow():
        await db.connect().ping()

    with pytest.raises(AwaitedSyncMemberError) as caught:
        run(flow)

    assert str(caught.value) == (
        "db.connect().ping() was awaited, but db.connect().ping is Conn.ping, a "
        "sync member of the spec (a plain 'def', not annotated as returning an "
        "awaitable), so its result cannot be awaited.\n"
        "Fix: call it without 'await', or make Conn.ping 'async def' in the "
        "spec (or annotate it as returning Awaitable[...])."
    )


def test_names_script_exhaustion_names_the_path():
    """A script that runs out names the member by the double's path."""
    replica = fakes.async_double(Store, name="replica")
    replica.get.script(b"a")

    async def flow():
        await replica.get("x")
        await replica.get("y")

    with pytest.raises(ScriptExhaustedError) as caught:
        run(flow)

    assert str(caught.value) == (
        "replica.get was called 2 times but its script has 1 step: [b'a']. Add "
        "steps, or end the script with fakes.repeat_last() or fakes.cycle()."
    )


def test_names_gate_message_names_the_path():
    """A gate's misuse names the member by the double's path."""
    replica = fakes.async_double(Store, name="replica")
    gate = replica.pool.acquire.gate()

    with pytest.raises(GateError) as caught:
        gate.release()

    assert str(caught.value) == (
        "The gate of replica.pool.acquire holds no await, so release() has "
        "nothing to let go: first wait for one with 'await gate.wait_entered(1)'."
    )


def test_names_verify_names_the_path():
    """Verification names a never-awaited call by the double's path."""
    primary = fakes.async_double(Store, name="primary")
    secondary = fakes.async_double(Store, name="secondary")

    with fakes.Ledger() as ledger:
        coroutine = primary.get("k")
        step(secondary.get("k"))
        with pytest.raises(VerificationError) as caught:
            fakes.verify(ledger)
        coroutine.close()

    assert str(caught.value) == (
        "fakes.verify() found 1 problem:\n"
        "  1. primary.get('k') was called (#0) but never awaited: await the "
        "coroutine it returns, or do not call it."
    )


def test_names_patch_double_keeps_the_target_name():
    """A patched function is named by its own qualified name, as before."""
    with fakes.patch_async("tests.targets.client.fetch_user") as fetch, fakes.Ledger():
        step(fetch(1))

        names = [event.name for event in fakes.current_ledger().events("started")]

    assert names == ["fetch_user"]


def test_names_attach_mock_renames_the_double():
    """A double attached to another is named by its new path from then on."""
    service = fakes.async_double(name="service")

    async def load_user(user_id: int) -> None:
        raise NotImplementedError

    loader = fakes.async_double(load_user)
    before = loader._fakes_label()
    service.attach_mock(loader, "loader")

    with fakes.Ledger() as ledger:
        step(service.loader(1))

    assert before == "load_user"
    assert [event.name for event in ledger.events("started")] == ["service.loader"]
    assert repr(loader).startswith("<AsyncDouble name='service.loader'")


def test_names_default_names_of_local_specs_are_as_written():
    """Without name=, a class or function defined in a function is named as written."""

    class Repo:
        async def get(self, key: str) -> bytes: ...

    async def fetch(url: str) -> bytes: ...

    repo = fakes.async_double(Repo)
    repo_class = fakes.async_double(Repo, instance=False)
    fetcher = fakes.async_double(fetch)

    labels = [repo.get._fakes_label(), repo_class._fakes_label(), repr(fetcher)]

    assert labels[:2] == ["Repo.get", "Repo"]
    assert labels[2].startswith("<AsyncDouble name='fetch'")
