"""Expected calls match recorded ones through the spec's signature, as autospec does."""

from __future__ import annotations

import asyncio
import inspect
import sys
from unittest import mock
from unittest.mock import ANY, call

import pytest
from dirty_equals import IsPositiveInt

import fakes
from fakes.errors import AwaitOrderError


async def charge(amount: int, currency: str = "EUR", *, note: str = "") -> None:
    raise NotImplementedError


class Cursor:
    async def scan(self, prefix: str, limit: int = 10) -> list[str]:
        raise NotImplementedError


class Link:
    def cursor(self, name: str) -> Cursor:
        raise NotImplementedError


class Inventory:
    link: Link

    def __init__(self, region: str, shards: int = 1) -> None:
        raise NotImplementedError

    async def reserve(self, sku: str, qty: int = 1, *, hold: bool = False) -> int:
        raise NotImplementedError

    def open(self, tag: str) -> Link:
        raise NotImplementedError

    @classmethod
    async def connect(cls, url: str) -> None:
        raise NotImplementedError

    @staticmethod
    async def probe(host: str, port: int) -> bool:
        raise NotImplementedError


# The stdlib's own text: Python 3.10 does not indent "Actual:" under "Expected:".
ACTUAL = "  Actual" if sys.version_info >= (3, 11) else "Actual"


def run(flow):
    async def main():
        await asyncio.create_task(flow(), name="main")

    asyncio.run(main())


# Each assertion with the expected call written by keyword (or positionally)
# where the code under test wrote it the other way: (name, args, kwargs).
AWAIT_ASSERTIONS = [
    ("assert_awaited_once_with", (), {"amount": 5, "currency": "USD"}),
    ("assert_awaited_with", (5,), {"currency": "USD"}),
    ("assert_any_await", (), {"currency": "USD", "amount": 5}),
    ("assert_called_with", (), {"amount": 5, "currency": "USD"}),
    ("assert_called_once_with", (5,), {"currency": "USD"}),
    ("assert_any_call", (), {"amount": 5, "currency": "USD"}),
]


@pytest.mark.parametrize(("assertion", "args", "kwargs"), AWAIT_ASSERTIONS)
def test_matching_function_double_binds_both_calls(assertion, args, kwargs):
    """An await of charge(5, 'USD') matches the call written by keyword."""
    double = fakes.async_double(charge)
    asyncio.run(double(5, "USD"))

    getattr(double, assertion)(*args, **kwargs)


@pytest.mark.parametrize(("assertion", "args", "kwargs"), AWAIT_ASSERTIONS)
def test_matching_agrees_with_create_autospec(assertion, args, kwargs):
    """The double and create_autospec accept (and refuse) the same calls."""
    double = fakes.async_double(charge)
    autospec = mock.create_autospec(charge)
    asyncio.run(double(5, currency="USD"))
    asyncio.run(autospec(5, currency="USD"))
    wrong = {**kwargs, "currency": "GBP"} if "currency" in kwargs else kwargs

    getattr(autospec, assertion)(*args, **kwargs)
    getattr(double, assertion)(*args, **kwargs)
    with pytest.raises(AssertionError):
        getattr(autospec, assertion)(*args, **wrong)
    with pytest.raises(AssertionError):
        getattr(double, assertion)(*args, **wrong)


def test_matching_has_awaits_and_has_calls_bind_each_call():
    """assert_has_awaits and assert_has_calls bind every expected call."""
    double = fakes.async_double(charge)

    async def flow():
        await double(5)
        await double(amount=7, note="x")

    run(flow)

    double.assert_has_awaits([call(amount=5), call(7, note="x")])
    double.assert_has_calls([call(amount=5), call(7, note="x")])
    double.assert_has_awaits([call(note="x", amount=7)], any_order=True)


def test_matching_method_binds_without_self():
    """A member's calls bind to the method's signature without self."""
    stock = fakes.async_double(Inventory, name="stock")
    asyncio.run(stock.reserve("tea", 3, hold=True))

    stock.reserve.assert_awaited_once_with(sku="tea", qty=3, hold=True)
    stock.reserve.assert_called_once_with("tea", qty=3, hold=True)


def test_matching_parent_has_calls_finds_each_member_signature():
    """On the parent, call.reserve(...) binds to reserve, through nested paths too."""
    stock = fakes.async_double(Inventory, name="stock")

    async def flow():
        await stock.reserve("tea")
        await stock.open("a").cursor("c").scan("p", 5)
        await stock.link.cursor("d").scan("q")

    run(flow)

    stock.assert_has_calls(
        [
            call.reserve(sku="tea"),
            call.open(tag="a"),
            call.open().cursor(name="c"),
            call.open().cursor().scan(prefix="p", limit=5),
            call.link.cursor(name="d"),
            call.link.cursor().scan(prefix="q"),
        ]
    )
    stock.open.assert_has_calls([call().cursor().scan(prefix="p", limit=5)])


def test_matching_class_and_static_and_class_methods():
    """A class double binds to __init__; static and class methods bind too."""
    inventory_cls = fakes.async_double(Inventory, instance=False)

    async def flow():
        inventory_cls("eu", 4)
        await inventory_cls.connect("db://")
        await inventory_cls.probe("h", 80)

    run(flow)

    inventory_cls.assert_called_once_with(region="eu", shards=4)
    inventory_cls.connect.assert_awaited_once_with(url="db://")
    inventory_cls.probe.assert_awaited_once_with(host="h", port=80)
    inventory_cls.assert_has_calls([call(region="eu", shards=4)])


def test_matching_patch_async_double_binds():
    """A patch_async double of a function and of a method on its class binds."""
    from tests.targets import client

    async def flow():
        await client.fetch_user(3)
        await client.Client("u").fetch("/a")

    with (
        fakes.patch_async("tests.targets.client.fetch_user") as fetch,
        fakes.patch_async("tests.targets.client.Client.fetch") as method,
    ):
        run(flow)

    fetch.assert_awaited_once_with(user_id=3)
    method.assert_awaited_once_with(path="/a")


def test_matching_defaults_are_not_filled_in():
    """As with autospec, an omitted default is not the same as a given one."""
    double = fakes.async_double(charge)
    asyncio.run(double(5))

    with pytest.raises(AssertionError) as caught:
        double.assert_awaited_once_with(5, currency="EUR")

    assert str(caught.value) == (
        "expected await not found.\n"
        "Expected: charge(5, currency='EUR')\n"
        f"{ACTUAL}: charge(5)"
    )


def test_matching_failure_shows_the_calls_as_written():
    """A mismatch shows the expected and actual calls as the test wrote them."""
    stock = fakes.async_double(Inventory, name="stock")
    asyncio.run(stock.reserve("tea", 3))

    with pytest.raises(AssertionError) as caught:
        stock.reserve.assert_awaited_with(sku="tea", qty=4)

    assert str(caught.value) == (
        "expected await not found.\n"
        "Expected: reserve(sku='tea', qty=4)\n"
        f"{ACTUAL}: reserve('tea', 3)"
    )


def test_matching_spec_less_double_compares_as_written():
    """Without a spec there is no signature: calls compare as written."""
    double = fakes.async_double(name="charge")
    asyncio.run(double(5))

    with pytest.raises(AssertionError):
        double.assert_awaited_once_with(amount=5)


def test_matching_awaited_item_binds_in_order_assertions():
    """fakes.awaited(double, by keyword) matches a positional await, in order."""
    primary = fakes.async_double(Inventory, name="primary")
    secondary = fakes.async_double(Inventory, name="secondary")

    async def flow():
        await primary.reserve("tea", 2)
        await secondary.reserve(sku="tea", qty=2)

    run(flow)

    fakes.assert_awaited_in_order(
        fakes.awaited(primary.reserve, sku="tea", qty=2),
        fakes.awaited(secondary.reserve, "tea", 2),
    )
    fakes.assert_awaited_in_order(
        fakes.awaited(primary.reserve, sku=ANY, qty=IsPositiveInt),
        fakes.awaited(secondary.reserve, call("tea", qty=2)),
        strict=True,
    )


def test_matching_awaited_item_mismatch_message_shows_calls_as_written():
    """An awaited() item that binds differently fails, showing calls as written."""
    stock = fakes.async_double(Inventory, name="stock")

    async def flow():
        await stock.reserve("tea", 2)

    run(flow)

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(fakes.awaited(stock.reserve, sku="tea", qty=3))

    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order (other awaits may come between):\n"
        "  1. stock.reserve(sku='tea', qty=3)\n"
        "Matched 0 of 1; 1. stock.reserve(sku='tea', qty=3) matches no await; "
        "the first await of stock.reserve, #1 (>>), has other arguments.\n"
        "Awaits of stock.reserve, in the order they started:\n"
        "      #  task  event    call\n"
        "  >>  1  main  started  stock.reserve('tea', 2)\n"
        "Fix: change the code so that it awaits them in the expected order, or "
        "list the items in the order above if that order is right."
    )


def test_matching_awaited_item_binds_in_concurrency_assertions():
    """Concurrency helpers bind awaited() items to the signature too."""
    stock = fakes.async_double(Inventory, name="stock")
    gate = stock.reserve.gate()

    async def flow():
        first = asyncio.ensure_future(stock.reserve("tea"))
        second = asyncio.ensure_future(stock.reserve("rice", 2))
        await gate.wait_entered(2)
        gate.release_all()
        await asyncio.gather(first, second)

    run(flow)

    fakes.assert_awaited_concurrently(
        fakes.awaited(stock.reserve, sku="tea"),
        fakes.awaited(stock.reserve, sku="rice", qty=2),
    )
    fakes.assert_max_concurrency(fakes.awaited(stock.reserve, sku="tea"), 1)


def test_matching_awaited_item_binds_in_assert_all_awaited():
    """assert_all_awaited restricted to an awaited() item binds it too."""
    stock = fakes.async_double(Inventory, name="stock")

    with fakes.Ledger():
        asyncio.run(stock.reserve("tea"))

        fakes.assert_all_awaited(fakes.awaited(stock.reserve, sku="tea"))


def test_matching_where_asyncmock_with_a_class_spec_does_not():
    """AsyncMock(spec=cls) children compare as written; the double's bind."""
    stdlib = mock.AsyncMock(spec=Inventory)
    double = fakes.async_double(Inventory)
    asyncio.run(stdlib.reserve("tea"))
    asyncio.run(double.reserve("tea"))

    with pytest.raises(AssertionError):
        stdlib.reserve.assert_awaited_once_with(sku="tea")
    double.reserve.assert_awaited_once_with(sku="tea")


def test_matching_through_the_typed_builder():
    """fakes.on(member) assertions bind to the signature as the member's do."""
    stock = fakes.async_double(Inventory, name="stock")
    asyncio.run(stock.reserve("tea", 2))

    fakes.on(stock.reserve).assert_awaited_once_with(sku="tea", qty=2)
    fakes.on(stock.reserve).assert_called_once_with("tea", qty=2)


def test_matching_binds_only_when_an_assertion_compares():
    """Calls and awaits never bind to the signature; assertions do."""
    stock = fakes.async_double(Inventory, name="stock")

    with mock.patch.object(inspect.Signature, "bind", side_effect=AssertionError):
        asyncio.run(stock.reserve("tea", 2))
        stock.open("a")

    stock.reserve.assert_awaited_once_with(sku="tea", qty=2)


def test_matching_called_items_bind_in_call_order():
    """fakes.called() and awaited() items of assert_called_in_order bind too."""
    stock = fakes.async_double(Inventory, name="stock")

    stock.open("a")
    asyncio.run(stock.reserve("tea"))

    fakes.assert_called_in_order(
        fakes.called(stock.open, tag="a"), fakes.awaited(stock.reserve, sku="tea")
    )


def test_matching_class_double_parent_binds_through_its_instance():
    """call(...) binds to __init__ and call().reserve(...) to the method."""
    inventory_cls = fakes.async_double(Inventory, instance=False)

    async def flow():
        await inventory_cls("eu").reserve("tea", 2)

    run(flow)

    inventory_cls.assert_has_calls(
        [call(region="eu"), call().reserve(sku="tea", qty=2)]
    )
