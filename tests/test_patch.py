"""patch_async: every form, every kind of target, restoring, and bad targets."""

from __future__ import annotations

import asyncio
import functools
import sys
import textwrap
import types
import warnings
from unittest import mock

import pytest
from tests.targets import client, service, shapes

import fakes
from fakes.errors import (
    FakesError,
    FakesTypeError,
    NotAsyncTargetError,
    PatchAttributeError,
    PatchImportError,
    PatchOrderError,
    PatchTargetError,
    SharedTargetWarning,
    SignatureMismatchError,
)

FETCH_USER = client.fetch_user
CLIENT = client.Client
SERVICE_FETCH_USER = "tests.targets.service.fetch_user"


# The forms: with, async with, decorators, .object, .many.


async def test_patch_async_with_statement():
    """`with` installs a spec'd double and puts the original back."""
    with fakes.patch_async(SERVICE_FETCH_USER) as fetch:
        fetch.returns({"id": 1})
        user = await service.load_user(1)

    assert user == {"id": 1}
    fetch.assert_awaited_once_with(1)
    assert service.fetch_user is FETCH_USER


async def test_patch_async_async_with_statement():
    """`async with` works the same as `with`."""
    async with fakes.patch_async(SERVICE_FETCH_USER) as fetch:
        fetch.returns({"id": 2})
        user = await service.load_user(2)

    assert user == {"id": 2}
    assert service.fetch_user is FETCH_USER


def test_patch_async_sync_decorator():
    """A decorated sync function gets the double as its last argument."""
    seen = []

    @fakes.patch_async(SERVICE_FETCH_USER)
    def check(prefix, fetch):
        fetch.returns({"id": 3})
        seen.append((prefix, asyncio.run(service.load_user(3))))
        assert service.fetch_user is fetch

    check("run")

    assert seen == [("run", {"id": 3})]
    assert service.fetch_user is FETCH_USER


async def test_patch_async_async_decorator():
    """A decorated coroutine function is patched while it runs."""

    @fakes.patch_async(SERVICE_FETCH_USER)
    async def check(fetch):
        fetch.returns({"id": 4})
        return await service.load_user(4)

    user = await check()

    assert user == {"id": 4}
    assert service.fetch_user is FETCH_USER


@fakes.patch_async(SERVICE_FETCH_USER)
async def test_patch_async_decorates_async_pytest_test(fetch, fakes_ledger):
    """pytest passes fixtures by name and the double positionally."""
    fetch.returns({"id": 5})

    user = await service.load_user(5)

    assert user == {"id": 5}
    assert service.fetch_user is fetch
    assert [event.name for event in fakes_ledger.events("started")] == ["fetch_user"]


@fakes.patch_async(SERVICE_FETCH_USER)
def test_patch_async_decorates_sync_pytest_test(fetch):
    """A sync pytest test can be decorated too."""
    fetch.returns({"id": 6})

    user = asyncio.run(service.load_user(6))

    assert user == {"id": 6}


def test_patch_async_class_decorator():
    """Decorating a class patches each of its test methods, and nothing else."""

    @fakes.patch_async(SERVICE_FETCH_USER)
    class Checks:
        def test_sync(self, fetch):
            return service.fetch_user is fetch

        async def test_async(self, fetch):
            fetch.returns({"id": 7})
            return await service.load_user(7)

        def helper(self):
            return service.fetch_user

    checks = Checks()

    assert checks.test_sync() is True
    assert asyncio.run(checks.test_async()) == {"id": 7}
    assert checks.helper() is FETCH_USER
    assert service.fetch_user is FETCH_USER


async def test_patch_async_object_on_instance():
    """.object patches one attribute of one object."""
    svc = service.Service()
    real_client = svc.client

    with fakes.patch_async.object(svc, "client") as double:
        double.fetch.returns(b"home")
        page = await svc.home()

    assert page == b"home"
    double.fetch.assert_awaited_once_with("/")
    assert svc.client is real_client


async def test_patch_async_object_on_module():
    """.object takes a module as the owner too."""
    async with fakes.patch_async.object(service, "fetch_user") as fetch:
        fetch.returns({"id": 8})
        user = await service.load_user(8)

    assert user == {"id": 8}
    assert service.fetch_user is FETCH_USER


async def test_patch_async_object_method_of_one_instance():
    """Patching a method of one instance leaves no instance attribute behind."""
    one, other = client.Client("a"), client.Client("b")

    with fakes.patch_async.object(one, "fetch") as fetch:
        fetch.returns(b"one")
        assert await one.fetch("/") == b"one"
        assert other.fetch.__func__ is CLIENT.fetch

    assert "fetch" not in vars(one)
    assert one.fetch.__func__ is CLIENT.fetch


async def test_patch_async_many_context_manager():
    """many() installs every target and gives the doubles in order."""
    targets = (SERVICE_FETCH_USER, "tests.targets.service.Client")

    with fakes.patch_async.many(*targets) as (fetch, client_cls):
        fetch.returns({"id": 9})
        client_cls.return_value.fetch.returns(b"page")
        results = (await service.load_user(9), await service.fetch_home("u"))

    assert results == ({"id": 9}, b"page")
    assert service.fetch_user is FETCH_USER
    assert service.Client is CLIENT


async def test_patch_async_many_decorator():
    """As a decorator, many() passes each double as its own argument."""
    many = fakes.patch_async.many(
        SERVICE_FETCH_USER, fakes.patch_async.object(service, "Client")
    )

    @many
    async def check(fetch, client_cls):
        return service.fetch_user is fetch and service.Client is client_cls

    assert await check() is True
    assert service.Client is CLIENT


def test_patch_async_many_installs_all_or_none():
    """When one target of many() is bad, no target is touched."""
    many = fakes.patch_async.many(SERVICE_FETCH_USER, "tests.targets.service.Clint")

    with pytest.raises(PatchAttributeError), many:
        pass

    assert service.fetch_user is FETCH_USER


async def test_patch_async_many_async_with_statement():
    """many() works as an async context manager too."""
    async with fakes.patch_async.many(SERVICE_FETCH_USER) as (fetch,):
        fetch.returns({"id": 4})
        result = await service.load_user(4)

    assert result == {"id": 4}
    assert service.fetch_user is FETCH_USER


def test_patch_async_many_undoes_installed_patches_when_one_cannot_install():
    """A target that refuses the double undoes the patches installed before it."""

    class ReadOnly:
        @property
        def client(self) -> client.Client:
            return client.Client("read-only")

    many = fakes.patch_async.many(
        SERVICE_FETCH_USER,
        fakes.patch_async.object(ReadOnly(), "client", new=object()),
    )

    with pytest.raises(AttributeError), many:
        pass

    assert service.fetch_user is FETCH_USER


def test_patch_async_many_stop_without_start():
    """stop() on many() that is not active says so."""
    many = fakes.patch_async.many(SERVICE_FETCH_USER)

    with pytest.raises(PatchOrderError) as caught:
        many.stop()

    assert str(caught.value) == (
        "patch_async.many(...).stop() was called, but the patch is not active: "
        "call start() first."
    )


def test_patch_async_many_out_of_order_exit_restores_every_target():
    """Exiting many() before later patches restores all, and names the last one."""
    many = fakes.patch_async.many(SERVICE_FETCH_USER, "tests.targets.service.Client")
    later = fakes.patch_async.many(SERVICE_FETCH_USER, "tests.targets.service.Client")
    many.start()
    later.start()

    with pytest.raises(PatchOrderError) as caught:
        many.stop()
    restored = (service.fetch_user, service.Client)
    later.stop()

    assert str(caught.value) == (
        "the patch of tests.targets.service.Client exited before 1 later patch of "
        "the same target: patches must exit in the reverse order of entering. "
        "tests.targets.service.Client is restored to what it was before this "
        "patch, and the later patch will restore nothing. Nest the with blocks "
        "(or use patch_async.many) so that the last patch entered exits first."
    )
    assert restored == (FETCH_USER, CLIENT)
    assert (service.fetch_user, service.Client) == (FETCH_USER, CLIENT)


def test_patch_async_stacks_with_mock_patch_in_unittest_mock_order():
    """Mixed with mock.patch, the bottom decorator's double comes first."""

    @mock.patch("tests.targets.client.LIMIT", 10)
    @mock.patch("tests.targets.client.parse")
    @fakes.patch_async(SERVICE_FETCH_USER)
    @mock.patch("tests.targets.client.Config")
    def check(config, fetch, parse):
        return config, fetch, parse, client.LIMIT

    config, fetch, parse, limit = check()

    assert isinstance(config, mock.MagicMock)
    assert fetch._fakes_label() == "fetch_user"
    assert isinstance(parse, mock.MagicMock)
    assert limit == 10
    assert service.fetch_user is FETCH_USER


def test_patch_async_stacks_with_mock_patch_multiple():
    """Over patch_async, mock.patch.multiple passes its mocks as keywords."""

    @mock.patch.multiple("tests.targets.client", LIMIT=mock.DEFAULT)
    @fakes.patch_async(SERVICE_FETCH_USER)
    def check(fetch, **mocks):
        return fetch, mocks

    fetch, mocks = check()

    assert fetch._fakes_label() == "fetch_user"
    assert list(mocks) == ["LIMIT"]
    assert isinstance(mocks["LIMIT"], mock.MagicMock)
    assert client.LIMIT == 3


def test_patch_async_start_and_stop():
    """start() and stop() are entering and exiting by hand."""
    patch = fakes.patch_async(SERVICE_FETCH_USER)

    fetch = patch.start()
    installed = service.fetch_user
    patch.stop()

    assert installed is fetch
    assert service.fetch_user is FETCH_USER


def test_patch_async_repr():
    """patch_async and its patches show how they were made."""
    patches = [
        fakes.patch_async,
        fakes.patch_async(SERVICE_FETCH_USER),
        fakes.patch_async.object(service, "Client"),
        fakes.patch_async.object(service.Service(), "client"),
    ]

    shown = [repr(patch) for patch in patches]

    assert shown == [
        "fakes.patch_async",
        "<patch_async('tests.targets.service.fetch_user')>",
        "<patch_async.object(tests.targets.service, 'Client')>",
        "<patch_async.object(<Service object>, 'client')>",
    ]


# What the double is, for each kind of target.


async def test_patch_async_class_returns_instance_doubles():
    """A patched class is a class double: calling it gives an instance double."""
    async with fakes.patch_async("tests.targets.service.Client") as client_cls:
        client_cls.return_value.fetch.returns(b"page")
        page = await service.fetch_home("https://x.test")

    assert page == b"page"
    client_cls.assert_called_once_with("https://x.test")
    client_cls.return_value.fetch.assert_awaited_once_with("/")


def test_patch_async_class_checks_constructor_signature():
    """The class double refuses a call that the real constructor would."""
    with (
        fakes.patch_async("tests.targets.service.Client") as client_cls,
        pytest.raises(SignatureMismatchError) as caught,
    ):
        client_cls()

    assert str(caught.value) == (
        "Client() does not match the signature Client(url: str) -> None: "
        "missing a required argument: 'url'"
    )


async def test_patch_async_method_on_class():
    """A method patched on its class is called through instances without self."""
    real = vars(CLIENT)["fetch"]

    with fakes.patch_async("tests.targets.client.Client.fetch") as fetch:
        fetch.returns(b"x")
        result = await client.Client("u").fetch("/")
        with pytest.raises(SignatureMismatchError):
            client.Client("u").fetch()

    assert result == b"x"
    fetch.assert_awaited_once_with("/")
    assert vars(CLIENT)["fetch"] is real


async def test_patch_async_classmethod_restores_raw_object():
    """A classmethod is replaced, then the same classmethod object comes back."""
    raw = vars(CLIENT)["connect"]

    with fakes.patch_async("tests.targets.client.Client.connect") as connect:
        made = await client.Client.connect("u")

    connect.assert_awaited_once_with("u")
    assert made._fakes_label() == "Client.connect()"
    assert vars(CLIENT)["connect"] is raw


async def test_patch_async_staticmethod_restores_raw_object():
    """A staticmethod is replaced, then the same staticmethod object comes back."""
    raw = vars(CLIENT)["ping"]

    with fakes.patch_async("tests.targets.client.Client.ping") as ping:
        ping.returns(True)
        alive = await client.Client("u").ping("host")

    assert alive is True
    assert vars(CLIENT)["ping"] is raw


async def test_patch_async_instance_and_bound_method():
    """Module-level instances and bound methods get doubles of their own kind."""
    instance, bound = client.default_client, client.fetch_default

    with fakes.patch_async.many(
        "tests.targets.client.default_client", "tests.targets.client.fetch_default"
    ) as (instance_double, bound_double):
        instance_double.fetch.returns(b"i")
        bound_double.returns(b"b")
        results = (
            await client.default_client.fetch("/"),
            await client.fetch_default("/"),
        )

    assert results == (b"i", b"b")
    assert client.default_client is instance
    assert client.fetch_default == bound


class Ticket:
    """Awaitable through a sync __await__: async without any async def."""

    def __await__(self):
        return iter(())


class Pinger:
    @staticmethod
    async def ping(host: str) -> bool:
        raise NotImplementedError


class Remote(client.Client):
    """Async only through the methods it inherits."""


def test_patch_async_awaitable_object():
    """An object whose class defines __await__ is async."""
    holder = types.SimpleNamespace(ticket=Ticket())

    with fakes.patch_async.object(holder, "ticket") as ticket:
        installed = holder.ticket

    assert installed is ticket
    assert type(ticket).__name__ == "ObjectDouble[Ticket]"


async def test_patch_async_class_with_async_staticmethod_only():
    """A class whose only async member is a staticmethod is async."""
    holder = types.SimpleNamespace(pinger=Pinger)

    with fakes.patch_async.object(holder, "pinger") as pinger:
        pinger.ping.returns(True)
        result = await holder.pinger.ping("db")

    assert result is True
    assert holder.pinger is Pinger


async def test_patch_async_class_with_inherited_async_methods():
    """A class that inherits its async methods is async."""
    holder = types.SimpleNamespace(remote=Remote)

    with fakes.patch_async.object(holder, "remote") as remote_cls:
        remote_cls.return_value.fetch.returns(b"page")
        result = await holder.remote("https://remote.test").fetch("/")

    assert result == b"page"
    assert holder.remote is Remote


def test_patch_async_imports_a_module_not_imported_yet(tmp_path, monkeypatch):
    """The module of the target is imported, not just looked up."""
    package = tmp_path / "fakes_lazy_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "jobs.py").write_text("async def run(job: str) -> int: ...\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "fakes_lazy_pkg", raising=False)
    monkeypatch.delitem(sys.modules, "fakes_lazy_pkg.jobs", raising=False)

    with fakes.patch_async("fakes_lazy_pkg.jobs.run") as run:
        jobs = sys.modules["fakes_lazy_pkg.jobs"]
        patched = jobs.run is run

    assert patched is True


async def test_patch_async_module_of_a_package():
    """A target that is itself a module replaces it on its package."""
    import tests.targets

    with fakes.patch_async("tests.targets.client") as double:
        double.fetch_user.returns({"id": 5})
        result = await tests.targets.client.fetch_user(5)

    assert result == {"id": 5}
    assert tests.targets.client is client


async def test_patch_async_object_holding_async_functions():
    """An object whose own attributes are async functions is async."""
    holder = types.SimpleNamespace(api=types.SimpleNamespace(fetch=FETCH_USER))

    with fakes.patch_async.object(holder, "api") as api:
        api.fetch.returns({"id": 6})
        result = await holder.api.fetch(6)

    assert result == {"id": 6}


async def test_patch_async_partial_of_an_async_function():
    """A functools.partial of an async function is async."""
    holder = types.SimpleNamespace(fetch_one=functools.partial(FETCH_USER, 1))

    with fakes.patch_async.object(holder, "fetch_one") as fetch_one:
        fetch_one.returns({"id": 1})
        result = await holder.fetch_one()

    assert result == {"id": 1}


def test_patch_async_autospec_false_is_spec_less():
    """autospec=False gives a double that takes any arguments."""
    with fakes.patch_async(SERVICE_FETCH_USER, autospec=False) as fetch:
        asyncio.run(service.fetch_user(1, 2, three=3))

    fetch.assert_awaited_once_with(1, 2, three=3)


def test_patch_async_new_installs_the_object_and_passes_no_argument():
    """new= installs that object; a decorated function gets no extra argument."""

    async def replacement(user_id):
        return {"replaced": user_id}

    @fakes.patch_async(SERVICE_FETCH_USER, new=replacement)
    def check():
        return asyncio.run(service.load_user(1))

    assert check() == {"replaced": 1}
    assert service.fetch_user is FETCH_USER


def test_patch_async_spec_option():
    """spec= builds the double from another object."""

    async def other(name: str) -> str: ...

    with fakes.patch_async(SERVICE_FETCH_USER, spec=other) as fetch:
        with pytest.raises(SignatureMismatchError):
            fetch(1, 2)
        assert fetch._fakes_label() == "other"


def test_patch_async_spec_true_specs_from_the_original():
    """spec=True is the same as no spec=: the double follows the original."""
    with fakes.patch_async(SERVICE_FETCH_USER, spec=True) as fetch:
        with pytest.raises(SignatureMismatchError):
            fetch(1, 2)
        label = fetch._fakes_label()

    assert label == "fetch_user"


def test_patch_async_create_adds_and_removes():
    """create=True adds a missing attribute for the patch only."""
    with fakes.patch_async("tests.targets.client.extra", create=True) as extra:
        assert client.extra is extra

    assert not hasattr(client, "extra")


def test_patch_async_create_on_a_class():
    """create=True adds a missing class attribute for the patch only."""
    with fakes.patch_async.object(client.Client, "reconnect", create=True) as reconnect:
        installed = client.Client.reconnect

    assert installed is reconnect
    assert not hasattr(client.Client, "reconnect")


class Proxy:
    """Serves its attributes through __getattr__."""

    def __init__(self, target: object) -> None:
        self._target = target

    def __getattr__(self, name: str) -> object:
        return getattr(self._target, name)


async def test_patch_async_attribute_served_by_getattr():
    """An attribute that only __getattr__ serves is patched, then served again."""
    proxy = Proxy(client)

    with fakes.patch_async.object(proxy, "fetch_user") as fetch:
        fetch.returns({"id": 8})
        result = await proxy.fetch_user(8)

    assert result == {"id": 8}
    assert "fetch_user" not in vars(proxy)
    assert proxy.fetch_user is FETCH_USER


def test_patch_async_created_double_is_named_after_the_attribute():
    """The spec-less double of a created attribute carries the attribute's name."""
    with fakes.patch_async("tests.targets.client.extra", create=True) as extra:
        label = extra._fakes_label()

    assert label == "extra"


def test_patch_async_created_attribute_deleted_inside_the_block():
    """A created attribute the code deleted meanwhile is simply gone at exit."""
    with fakes.patch_async("tests.targets.client.extra", create=True):
        del client.extra

    assert not hasattr(client, "extra")


def test_patch_async_create_then_patch_again():
    """A second patch of a created attribute needs no create=True."""
    with (
        fakes.patch_async("tests.targets.client.extra", create=True) as outer,
        fakes.patch_async("tests.targets.client.extra") as inner,
    ):
        assert client.extra is inner

    assert inner is not outer
    assert not hasattr(client, "extra")


# Restoring.


async def test_patch_async_restores_on_exception():
    """An exception inside the block propagates and the original comes back."""
    with pytest.raises(KeyError), fakes.patch_async(SERVICE_FETCH_USER):
        raise KeyError("boom")

    assert service.fetch_user is FETCH_USER


async def test_patch_async_restores_on_cancellation():
    """Cancelling the task inside the block restores the original."""
    entered = asyncio.Event()

    async def body():
        async with fakes.patch_async(SERVICE_FETCH_USER):
            entered.set()
            await asyncio.Event().wait()

    task = asyncio.create_task(body())
    await entered.wait()
    patched = service.fetch_user
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert patched is not FETCH_USER
    assert service.fetch_user is FETCH_USER


async def test_patch_async_decorator_restores_on_cancellation():
    """A decorated coroutine function that is cancelled restores too."""
    entered = asyncio.Event()

    @fakes.patch_async(SERVICE_FETCH_USER)
    async def body(fetch):
        entered.set()
        await asyncio.Event().wait()

    task = asyncio.create_task(body())
    await entered.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert service.fetch_user is FETCH_USER


def test_patch_async_nested_patches_of_one_target():
    """Nested patches of one target restore in LIFO order."""
    with fakes.patch_async(SERVICE_FETCH_USER) as outer:
        with fakes.patch_async(SERVICE_FETCH_USER) as inner:
            assert service.fetch_user is inner
        assert service.fetch_user is outer

    assert inner is not outer
    assert service.fetch_user is FETCH_USER


def test_patch_async_repeated_patch_specs_from_the_real_object():
    """A patch over a patch is specced from the real function, not the double."""
    with (
        fakes.patch_async(SERVICE_FETCH_USER),
        fakes.patch_async(SERVICE_FETCH_USER) as inner,
        pytest.raises(SignatureMismatchError),
    ):
        inner(1, 2)

    assert inner._fakes_label() == "fetch_user"


def test_patch_async_same_patch_entered_twice():
    """One patch object entered twice is two patches, exited LIFO."""
    patch = fakes.patch_async(SERVICE_FETCH_USER)

    with patch as first, patch as second:
        assert service.fetch_user is second
    repeated = [service.fetch_user is FETCH_USER, first is not second]

    assert repeated == [True, True]


def test_patch_async_out_of_order_exit():
    """Exiting out of order raises, restores, and the later exit does nothing."""
    first = fakes.patch_async(SERVICE_FETCH_USER)
    second = fakes.patch_async(SERVICE_FETCH_USER)
    first.start()
    second.start()

    with pytest.raises(PatchOrderError) as caught:
        first.stop()
    after_first = service.fetch_user
    second.stop()

    assert str(caught.value) == (
        "the patch of tests.targets.service.fetch_user exited before 1 later patch "
        "of the same target: patches must exit in the reverse order of entering. "
        "tests.targets.service.fetch_user is restored to what it was before this "
        "patch, and the later patch will restore nothing. Nest the with blocks "
        "(or use patch_async.many) so that the last patch entered exits first."
    )
    assert after_first is FETCH_USER
    assert service.fetch_user is FETCH_USER


@pytest.mark.parametrize(
    ("owner", "attribute", "label"),
    [
        (service, "fetch_user", "tests.targets.service.fetch_user"),
        (client.Client, "fetch", "tests.targets.client.Client.fetch"),
        (service.Service(), "client", "Service.client"),
    ],
)
def test_patch_async_object_out_of_order_exit_names_the_target(owner, attribute, label):
    """.object patches are named by module, class or type in order errors."""
    first = fakes.patch_async.object(owner, attribute)
    second = fakes.patch_async.object(owner, attribute)
    first.start()
    second.start()

    with pytest.raises(PatchOrderError) as caught:
        first.stop()
    second.stop()

    assert str(caught.value) == (
        f"the patch of {label} exited before 1 later patch of the same target: "
        "patches must exit in the reverse order of entering. "
        f"{label} is restored to what it was before this patch, and the later "
        "patch will restore nothing. Nest the with blocks (or use "
        "patch_async.many) so that the last patch entered exits first."
    )


async def test_patch_async_out_of_order_across_tasks():
    """Two tasks whose patches of one target overlap get a clear error."""
    first_in, second_in = asyncio.Event(), asyncio.Event()

    async def first():
        async with fakes.patch_async(SERVICE_FETCH_USER):
            first_in.set()
            await second_in.wait()

    async def second():
        await first_in.wait()
        async with fakes.patch_async(SERVICE_FETCH_USER):
            second_in.set()
            await asyncio.Event().wait()

    waiter = asyncio.create_task(second())
    with pytest.raises(PatchOrderError):
        await first()
    waiter.cancel()
    await asyncio.gather(waiter, return_exceptions=True)

    assert service.fetch_user is FETCH_USER


def test_patch_async_owner_with_slots():
    """Nested patches of an attribute held in a slot restore in order."""

    class Holder:
        __slots__ = ("client",)

        def __init__(self) -> None:
            self.client = client.Client("slot")

    holder = Holder()
    real = holder.client

    with fakes.patch_async.object(holder, "client") as outer:
        with fakes.patch_async.object(holder, "client"):
            pass
        restored_inner = holder.client

    assert restored_inner is outer
    assert holder.client is real


def test_patch_async_stop_without_start():
    """stop() on a patch that is not active says so."""
    patch = fakes.patch_async(SERVICE_FETCH_USER)

    with pytest.raises(PatchOrderError) as caught:
        patch.stop()

    assert str(caught.value) == (
        "patch_async('tests.targets.service.fetch_user').stop() was called, but "
        "the patch is not active: call start() first."
    )


# Shared targets.


def test_patch_async_shared_module_target_warns():
    """A target on a module every module shares warns and names a safer one."""
    real_sleep = asyncio.sleep

    with (
        pytest.warns(SharedTargetWarning) as caught,
        fakes.patch_async("tests.targets.client.asyncio.sleep") as sleep,
    ):
        asyncio.run(client.nap())

    sleep.assert_awaited_once_with(3600)
    assert asyncio.sleep is real_sleep
    assert str(caught[0].message) == (
        "patch_async('tests.targets.client.asyncio.sleep') replaces 'sleep' on "
        "the module 'asyncio', which every module shares: code outside "
        "tests.targets.client sees the double too. To patch it for "
        "tests.targets.client alone, patch 'tests.targets.client.sleep' after "
        "`from asyncio import sleep` in tests.targets.client, or use "
        "patch_async.object on the object that tests.targets.client uses."
    )
    assert caught[0].filename == __file__


SHARED_SLEEP = "tests.targets.client.asyncio.sleep"


def test_patch_async_shared_target_warning_points_at_start_call():
    """The warning of start() names the line that calls it."""
    patch = fakes.patch_async(SHARED_SLEEP)

    with pytest.warns(SharedTargetWarning) as caught:
        patch.start()
    patch.stop()

    assert caught[0].filename == __file__


def test_patch_async_shared_target_warning_points_at_many():
    """The warning of patch_async.many(...) names the test, not the library."""
    with (
        pytest.warns(SharedTargetWarning) as caught,
        fakes.patch_async.many(SHARED_SLEEP),
    ):
        pass

    assert caught[0].filename == __file__


async def test_patch_async_shared_target_warning_points_at_async_with():
    """The warning of `async with` names the test, not the library."""
    with pytest.warns(SharedTargetWarning) as caught:
        async with fakes.patch_async(SHARED_SLEEP):
            pass

    assert caught[0].filename == __file__


def test_patch_async_shared_target_warning_points_at_decorated_call():
    """The warning of a decorated function names the line that calls it."""

    @fakes.patch_async(SHARED_SLEEP)
    @mock.patch("tests.targets.client.LIMIT", 5)
    def run(sleep):
        return sleep

    with pytest.warns(SharedTargetWarning) as caught:
        run()

    assert caught[0].filename == __file__


def test_patch_async_shared_module_class_member_warns():
    """A member of a class on a shared module warns and names the class."""
    real_get = asyncio.Queue.get

    with (
        pytest.warns(SharedTargetWarning) as caught,
        fakes.patch_async("tests.targets.client.asyncio.Queue.get") as get,
    ):
        patched = asyncio.Queue.get is get

    assert patched is True
    assert asyncio.Queue.get is real_get
    assert [str(warning.message) for warning in caught] == [
        "patch_async('tests.targets.client.asyncio.Queue.get') replaces 'Queue' "
        "on the module 'asyncio', which every module shares: code outside "
        "tests.targets.client sees the double too. To patch it for "
        "tests.targets.client alone, patch 'tests.targets.client.Queue' after "
        "`from asyncio import Queue` in tests.targets.client, or use "
        "patch_async.object on the object that tests.targets.client uses."
    ]


def test_patch_async_first_shared_module_on_the_path_is_named():
    """Through two shared modules, the warning names the first one."""
    with (
        pytest.warns(SharedTargetWarning) as caught,
        fakes.patch_async("tests.targets.client.asyncio.tasks.sleep"),
    ):
        pass

    assert [str(warning.message) for warning in caught] == [
        "patch_async('tests.targets.client.asyncio.tasks.sleep') replaces 'tasks' "
        "on the module 'asyncio', which every module shares: code outside "
        "tests.targets.client sees the double too. To patch it for "
        "tests.targets.client alone, patch 'tests.targets.client.tasks' after "
        "`from asyncio import tasks` in tests.targets.client, or use "
        "patch_async.object on the object that tests.targets.client uses."
    ]


def test_patch_async_method_on_class_checks_calls_without_self():
    """A method patched on its class checks instance calls against (path)."""
    with (
        fakes.patch_async("tests.targets.client.Client.fetch"),
        pytest.raises(SignatureMismatchError) as caught,
    ):
        client.Client("u").fetch("/", 2)

    assert str(caught.value) == (
        "Client.fetch('/', 2) does not match the signature "
        "Client.fetch(path: str) -> bytes: too many positional arguments"
    )


def test_patch_async_class_member_target_does_not_warn():
    """A target reached through a class of the module itself does not warn."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with fakes.patch_async("tests.targets.client.Client.fetch"):
            pass


def test_patch_async_own_module_target_does_not_warn():
    """A target in the module itself does not warn."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with fakes.patch_async("tests.targets.client.nap"):
            pass


# Bad targets: the whole message, and the target untouched.


SHAPES_CREATE_POOL = "tests.targets.shapes.create_pool"


def _error_of(target, **options):
    with pytest.raises(FakesError) as caught, fakes.patch_async(target, **options):
        pass
    return caught.value


def test_patch_async_module_that_fails_to_import():
    """A module that raises on import is named with its error."""
    error = _error_of("tests.targets.broken.fetch")

    assert isinstance(error, PatchImportError)
    assert isinstance(error, ImportError)
    assert str(error) == (
        "patch_async('tests.targets.broken.fetch') cannot import the module "
        "'tests.targets.broken': RuntimeError: broken on purpose. Fix that import "
        "error, or correct the module part of the target."
    )


def test_patch_async_top_level_module_that_fails_to_import(tmp_path, monkeypatch):
    """A top-level module that raises on import is named with its error."""
    (tmp_path / "fakes_broken_top.py").write_text("raise ValueError('no config')\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    error = _error_of("fakes_broken_top.fetch")

    assert isinstance(error, PatchImportError)
    assert str(error) == (
        "patch_async('fakes_broken_top.fetch') cannot import the module "
        "'fakes_broken_top': ValueError: no config. Fix that import error, or "
        "correct the module part of the target."
    )


def test_patch_async_module_with_missing_dependency():
    """The module whose own import fails is named, not the dependency."""
    error = _error_of("tests.targets.needs_missing.fetch")

    assert isinstance(error, PatchImportError)
    assert str(error) == (
        "patch_async('tests.targets.needs_missing.fetch') cannot import the module "
        "'tests.targets.needs_missing': ModuleNotFoundError: No module named "
        "'fakes_missing_dependency'. Fix that import error, or correct the module "
        "part of the target."
    )


def test_patch_async_module_that_does_not_exist():
    """A top-level module that does not exist is named."""
    error = _error_of("fakes_no_such_module.api.fetch")

    assert isinstance(error, PatchImportError)
    assert str(error) == (
        "patch_async('fakes_no_such_module.api.fetch') cannot import the module "
        "'fakes_no_such_module': ModuleNotFoundError: No module named "
        "'fakes_no_such_module'. Fix that import error, or correct the module "
        "part of the target."
    )


def test_patch_async_missing_attribute():
    """A missing attribute names the module and suggests close names."""
    error = _error_of("tests.targets.client.fetch_usr")

    assert isinstance(error, AttributeError)
    assert str(error) == (
        "patch_async('tests.targets.client.fetch_usr') found no attribute "
        "'fetch_usr' on the module 'tests.targets.client'. Did you mean "
        "'fetch_user' or 'fetch_default'? Correct the target, or pass create=True "
        "to add the attribute while the patch is active."
    )


def test_patch_async_missing_attribute_on_the_way():
    """A missing attribute in the middle of the path cannot be created."""
    error = _error_of("tests.targets.client.Clint.fetch")

    assert isinstance(error, PatchAttributeError)
    assert str(error) == (
        "patch_async('tests.targets.client.Clint.fetch') found no attribute "
        "'Clint' on the module 'tests.targets.client'. Did you mean 'Client'? "
        "Correct the target."
    )


def test_patch_async_missing_attribute_of_class():
    """A missing attribute of a class names the class and its module."""
    error = _error_of("tests.targets.client.Client.fetc")

    assert str(error) == (
        "patch_async('tests.targets.client.Client.fetc') found no attribute "
        "'fetc' on the class 'Client' of the module 'tests.targets.client'. Did "
        "you mean 'fetch'? Correct the target, or pass create=True to add the "
        "attribute while the patch is active."
    )


def test_patch_async_missing_attribute_suggests_no_dunder_names():
    """Close names that are dunder names are not suggested."""
    error = _error_of("tests.targets.client.Client.__int__")

    assert str(error) == (
        "patch_async('tests.targets.client.Client.__int__') found no attribute "
        "'__int__' on the class 'Client' of the module 'tests.targets.client'. "
        "Correct the target, or pass create=True to add the attribute while the "
        "patch is active."
    )


def test_patch_async_missing_attribute_suggests_three_names_at_most():
    """Of many close names, the three closest are suggested."""
    holder = types.SimpleNamespace(fetch_a=1, fetch_b=2, fetch_c=3, fetch_d=4)

    with pytest.raises(PatchAttributeError) as caught:
        fakes.patch_async.object(holder, "fetch_").start()

    assert str(caught.value) == (
        "patch_async.object(<SimpleNamespace object>, 'fetch_') found no "
        "attribute 'fetch_' on the SimpleNamespace object. Did you mean "
        "'fetch_d' or 'fetch_c' or 'fetch_b'? Correct the target, or pass "
        "create=True to add the attribute while the patch is active."
    )


class Opaque:
    def __dir__(self):
        raise RuntimeError("no listing")


def test_patch_async_missing_attribute_of_object_with_broken_dir():
    """An object whose dir() raises gets the message without suggestions."""
    with pytest.raises(PatchAttributeError) as caught:
        fakes.patch_async.object(Opaque(), "fetch").start()

    assert str(caught.value) == (
        "patch_async.object(<Opaque object>, 'fetch') found no attribute 'fetch' "
        "on the Opaque object. Correct the target, or pass create=True to add "
        "the attribute while the patch is active."
    )


def test_patch_async_object_missing_attribute():
    """.object names the object's class when the attribute is missing."""
    svc = service.Service()

    with pytest.raises(PatchAttributeError) as caught:
        fakes.patch_async.object(svc, "clinet").start()

    assert str(caught.value) == (
        "patch_async.object(<Service object>, 'clinet') found no attribute "
        "'clinet' on the Service object. Did you mean 'client'? Correct the "
        "target, or pass create=True to add the attribute while the patch is "
        "active."
    )


def test_patch_async_sync_function_is_refused():
    """A sync function points to unittest.mock.patch and stays in place."""
    real = client.parse

    error = _error_of("tests.targets.client.parse")

    assert isinstance(error, NotAsyncTargetError)
    assert isinstance(error, TypeError)
    assert str(error) == (
        "patch_async('tests.targets.client.parse') cannot patch the function "
        "tests.targets.client.parse: it is not async and has no async members. "
        "If its result is awaited or entered with async with (a factory, as "
        "asyncpg.create_pool is), pass factory=True; for sync code use "
        "unittest.mock.patch('tests.targets.client.parse', autospec=True), or "
        "pass new= to install an object of your own."
    )
    assert client.parse is real


def test_patch_async_sync_class_is_refused():
    """A class without async members is refused."""
    error = _error_of("tests.targets.client.Config")

    assert str(error) == (
        "patch_async('tests.targets.client.Config') cannot patch the class "
        "tests.targets.client.Config: it is not async and has no async members. "
        "Use unittest.mock.patch('tests.targets.client.Config', autospec=True) "
        "for sync code, or pass new= to install an object of your own."
    )


def test_patch_async_plain_value_is_refused():
    """A plain value is refused, through .object too."""
    with pytest.raises(NotAsyncTargetError) as caught:
        fakes.patch_async.object(client, "LIMIT").start()

    assert str(caught.value) == (
        "patch_async.object(tests.targets.client, 'LIMIT') cannot patch 3 (int): "
        "it is not async and has no async members. Use "
        "unittest.mock.patch.object(tests.targets.client, 'LIMIT', autospec=True) "
        "for sync code, or pass new= to install an object of your own."
    )
    assert client.LIMIT == 3


def test_patch_async_sync_method_is_refused_with_its_qualified_name():
    """A sync method is named with its class."""
    error = _error_of("tests.targets.client.Client.close")

    assert str(error) == (
        "patch_async('tests.targets.client.Client.close') cannot patch the "
        "function tests.targets.client.Client.close: it is not async and has no "
        "async members. If its result is awaited or entered with async with (a "
        "factory, as asyncpg.create_pool is), pass factory=True; for sync code "
        "use unittest.mock.patch('tests.targets.client.Client.close', "
        "autospec=True), or pass new= to install an object of your own."
    )


def test_patch_async_builtin_method_is_refused():
    """A method of a builtin type, which has no module, is named by itself."""
    with pytest.raises(NotAsyncTargetError) as caught:
        fakes.patch_async.object(str, "join").start()

    assert str(caught.value) == (
        "patch_async.object(str, 'join') cannot patch the function str.join: it "
        "is not async and has no async members. If its result is awaited or "
        "entered with async with (a factory, as asyncpg.create_pool is), pass "
        "factory=True; for sync code use unittest.mock.patch.object(str, 'join', "
        "autospec=True), or pass new= to install an object of your own."
    )


def test_patch_async_sync_wrapper_object_is_refused():
    """A callable object wrapping a sync function is shown as the object."""

    class Logged:
        def __init__(self, func):
            functools.update_wrapper(self, func)

        def __call__(self, *args):
            return self.__wrapped__(*args)

        def __repr__(self):
            return "<Logged parse>"

    holder = types.SimpleNamespace(parse=Logged(client.parse))

    with pytest.raises(NotAsyncTargetError) as caught:
        fakes.patch_async.object(holder, "parse").start()

    assert str(caught.value) == (
        "patch_async.object(<SimpleNamespace object>, 'parse') cannot patch "
        "<Logged parse> (Logged): it is not async and has no async members. If "
        "its result is awaited or entered with async with (a factory, as "
        "asyncpg.create_pool is), pass factory=True; for sync code use "
        "unittest.mock.patch.object(<SimpleNamespace object>, 'parse', "
        "autospec=True), or pass new= to install an object of your own."
    )


class Traced:
    """A decorator object with an async method of its own."""

    def __init__(self, func):
        functools.update_wrapper(self, func)

    def __call__(self, *args):
        return self.__wrapped__(*args)

    async def flush(self) -> None:
        raise NotImplementedError

    def __repr__(self):
        return f"<Traced {self.__name__}>"


def test_patch_async_decorator_object_around_a_sync_function_is_refused():
    """A wrapper of a sync function is sync, whatever other methods it has."""
    holder = types.SimpleNamespace(parse=Traced(client.parse))

    with pytest.raises(NotAsyncTargetError) as caught:
        fakes.patch_async.object(holder, "parse").start()

    assert str(caught.value) == (
        "patch_async.object(<SimpleNamespace object>, 'parse') cannot patch "
        "<Traced parse> (Traced): it is not async and has no async members. If "
        "its result is awaited or entered with async with (a factory, as "
        "asyncpg.create_pool is), pass factory=True; for sync code use "
        "unittest.mock.patch.object(<SimpleNamespace object>, 'parse', "
        "autospec=True), or pass new= to install an object of your own."
    )


class Settings:
    @functools.cached_property
    def values(self) -> dict[str, str]:
        return {}


def test_patch_async_cached_property_is_refused():
    """A cached_property read from its class is shown as the object it is."""
    prop = vars(Settings)["values"]

    with pytest.raises(NotAsyncTargetError) as caught:
        fakes.patch_async.object(Settings, "values").start()

    assert str(caught.value) == (
        f"patch_async.object(Settings, 'values') cannot patch {prop!r} "
        "(cached_property): it is not async and has no async members. Use "
        "unittest.mock.patch.object(Settings, 'values', autospec=True) for sync "
        "code, or pass new= to install an object of your own."
    )


def test_patch_async_module_without_async_functions_is_refused():
    """A module attribute whose module has no async function is refused."""
    holder = types.SimpleNamespace(textwrap=textwrap)

    with pytest.raises(NotAsyncTargetError) as caught:
        fakes.patch_async.object(holder, "textwrap").start()

    assert str(caught.value) == (
        "patch_async.object(<SimpleNamespace object>, 'textwrap') cannot patch "
        "the module textwrap: it is not async and has no async members. Use "
        "unittest.mock.patch.object(<SimpleNamespace object>, 'textwrap', "
        "autospec=True) for sync code, or pass new= to install an object of your "
        "own."
    )


async def test_patch_async_module_with_async_functions():
    """A module attribute whose module has async functions becomes a double."""
    holder = types.SimpleNamespace(client=client)

    with fakes.patch_async.object(holder, "client") as double:
        double.fetch_user.returns({"id": 2})
        result = await holder.client.fetch_user(2)

    assert result == {"id": 2}
    assert holder.client is client


def test_patch_async_malformed_target():
    """A target without a module part is refused when the patch is made."""
    with pytest.raises(PatchTargetError) as caught:
        fakes.patch_async("fetch_user")

    assert str(caught.value) == (
        "patch_async() needs a target of the form 'package.module.attribute', got "
        "'fetch_user': name the module that the code under test looks the "
        "attribute up in, or use patch_async.object(obj, 'attribute')."
    )


def test_patch_async_target_that_is_not_a_string():
    """A target that is not a string is refused when the patch is made."""
    with pytest.raises(PatchTargetError) as caught:
        fakes.patch_async(client.fetch_user)

    assert str(caught.value) == (
        "patch_async() needs a target of the form 'package.module.attribute', got "
        f"{client.fetch_user!r}: name the module that the code under test looks "
        "the attribute up in, or use patch_async.object(obj, 'attribute')."
    )


async def _other(name: str) -> str: ...


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: fakes.patch_async(SERVICE_FETCH_USER, new=None, autospec=False),
            "patch_async('tests.targets.service.fetch_user') was given new= and "
            "autospec=False, which cannot be combined: new= installs the given "
            "object as it is; drop the other option.",
        ),
        (
            lambda: fakes.patch_async(SERVICE_FETCH_USER, new=None, spec=_other),
            "patch_async('tests.targets.service.fetch_user') was given new= and "
            "spec=, which cannot be combined: new= installs the given object as it "
            "is; drop the other option.",
        ),
        (
            lambda: fakes.patch_async.object(
                service, "fetch_user", spec=_other, autospec=False
            ),
            "patch_async.object(tests.targets.service, 'fetch_user') was given spec= "
            "and autospec=False, which cannot be combined: spec= builds a spec'd "
            "double; drop autospec=False.",
        ),
        (
            lambda: fakes.patch_async(SHAPES_CREATE_POOL, factory=True, new=None),
            "patch_async('tests.targets.shapes.create_pool') was given factory=True "
            "and new=, which cannot be combined: factory=True builds a spec'd "
            "double of the factory; drop the other option.",
        ),
        (
            lambda: fakes.patch_async.object(
                shapes, "create_pool", factory=True, autospec=False
            ),
            "patch_async.object(tests.targets.shapes, 'create_pool') was given "
            "factory=True and autospec=False, which cannot be combined: "
            "factory=True builds a spec'd double of the factory; drop the other "
            "option.",
        ),
    ],
    ids=[
        "new-autospec",
        "new-spec",
        "spec-autospec",
        "factory-new",
        "factory-autospec",
    ],
)
def test_patch_async_conflicting_options(make, message):
    """new= cannot be combined with spec=, autospec=False or factory=True."""
    with pytest.raises(PatchTargetError) as caught:
        make()

    assert str(caught.value) == message


def test_patch_async_decorating_a_value_is_refused():
    """The decorator refuses what is not a function or a class."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.patch_async(SERVICE_FETCH_USER)(42)

    assert str(caught.value) == (
        "patch_async can decorate a function, a coroutine function or a class, "
        "got 42 (int): use it as a context manager instead (with / async with)."
    )


def test_patch_async_many_refuses_other_items():
    """many() takes strings and patches only."""
    with pytest.raises(FakesTypeError) as caught:
        fakes.patch_async.many(SERVICE_FETCH_USER, 3)

    assert str(caught.value) == (
        "patch_async.many() takes target strings and patch_async(...) or "
        "patch_async.object(...) patches, got 3 (int)."
    )


# The ledger.


async def test_patch_async_double_records_in_the_ledger(fakes_ledger):
    """A patched double records beside other doubles, in await order."""
    audit = fakes.async_double(name="audit")

    with fakes.patch_async(SERVICE_FETCH_USER) as fetch:
        fetch.returns({"id": 1})
        await audit("before")
        await service.load_user(1)
        await audit("after")

    started = [(e.name, e.args) for e in fakes_ledger.events("started")]
    assert started == [
        ("audit", ("before",)),
        ("fetch_user", (1,)),
        ("audit", ("after",)),
    ]


def test_patch_async_missing_attribute_without_close_names():
    """With no name close to the missing one, nothing is suggested."""
    error = _error_of("tests.targets.client.qqqqqqqq")

    assert str(error) == (
        "patch_async('tests.targets.client.qqqqqqqq') found no attribute "
        "'qqqqqqqq' on the module 'tests.targets.client'. Correct the target, or "
        "pass create=True to add the attribute while the patch is active."
    )


def test_patch_async_out_of_order_exit_before_two_later_patches():
    """Two later patches of the target are counted in the plural."""
    first = fakes.patch_async(SERVICE_FETCH_USER)
    second = fakes.patch_async(SERVICE_FETCH_USER)
    third = fakes.patch_async(SERVICE_FETCH_USER)
    first.start()
    second.start()
    third.start()

    with pytest.raises(PatchOrderError) as caught:
        first.stop()
    third.stop()
    second.stop()

    assert str(caught.value) == (
        "the patch of tests.targets.service.fetch_user exited before 2 later "
        "patches of the same target: patches must exit in the reverse order of "
        "entering. tests.targets.service.fetch_user is restored to what it was "
        "before this patch, and the later patches will restore nothing. Nest the "
        "with blocks (or use patch_async.many) so that the last patch entered "
        "exits first."
    )
    assert service.fetch_user is FETCH_USER


def test_patch_async_shared_module_target_warning_message():
    """The warning names the shared module and the target to patch instead."""
    with (
        pytest.warns(SharedTargetWarning) as caught,
        fakes.patch_async("tests.targets.client.asyncio.sleep"),
    ):
        pass

    assert [str(warning.message) for warning in caught] == [
        "patch_async('tests.targets.client.asyncio.sleep') replaces 'sleep' on "
        "the module 'asyncio', which every module shares: code outside "
        "tests.targets.client sees the double too. To patch it for "
        "tests.targets.client alone, patch 'tests.targets.client.sleep' after "
        "`from asyncio import sleep` in tests.targets.client, or use "
        "patch_async.object on the object that tests.targets.client uses."
    ]


# Sync factories whose result is awaited or entered.


async def test_patch_async_factory_awaited_and_entered():
    """factory=True: each call gives one double, awaited or entered, of the value."""
    pool = fakes.async_double(shapes.Pool)

    with fakes.patch_async(SHAPES_CREATE_POOL, factory=True) as create_pool:
        create_pool.enters(pool)
        awaited = await shapes.create_pool("postgres://")
        async with shapes.create_pool("postgres://", min_size=2) as entered:
            pass

    assert (awaited, entered) == (pool, pool)
    assert create_pool.call_args_list == [
        mock.call("postgres://"),
        mock.call("postgres://", min_size=2),
    ]
    create_pool.assert_entered_once()
    create_pool.assert_exited_cleanly()


async def test_patch_async_factory_checks_the_signature():
    """The factory's double checks each call against the real signature."""
    with (
        fakes.patch_async(SHAPES_CREATE_POOL, factory=True),
        pytest.raises(SignatureMismatchError) as caught,
    ):
        shapes.create_pool("postgres://", 2)

    assert str(caught.value) == (
        "create_pool('postgres://', 2) does not match the signature "
        "create_pool(dsn: str, *, min_size: int = 1) -> Any: too many positional "
        "arguments"
    )


async def test_patch_async_factory_unconfigured_enters_a_double():
    """Unconfigured, entering or awaiting gives one double of the result."""
    with fakes.patch_async.object(shapes, "open_file", factory=True) as open_file:
        async with shapes.open_file("notes.txt") as handle:
            pass
        awaited = await shapes.open_file("notes.txt")

    assert awaited is handle
    assert repr(handle).startswith("<SyncDouble name='open_file()'")
    assert open_file.call_count == 2


async def test_patch_async_factory_enter_raises_on_await_too():
    """enter_raises= fails both ways of getting the result."""
    with fakes.patch_async(SHAPES_CREATE_POOL, factory=True) as create_pool:
        create_pool.enters(enter_raises=ConnectionRefusedError("db down"))
        with pytest.raises(ConnectionRefusedError):
            await shapes.create_pool("postgres://")
        with pytest.raises(ConnectionRefusedError):
            async with shapes.create_pool("postgres://"):
                pass


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "tests.targets.shapes.ClientSession",
            "patch_async('tests.targets.shapes.ClientSession') "
            "cannot patch the class tests.targets.shapes.ClientSession as a "
            "factory: factory=True takes a sync function whose result is awaited "
            "or entered. Fix: drop factory=True; a class double's calls give "
            "instance doubles, which are awaited or entered as the class says.",
        ),
        (
            "tests.targets.client.fetch_user",
            "patch_async('tests.targets.client.fetch_user') cannot "
            "patch the function tests.targets.client.fetch_user as a factory: it "
            "is async already, and its double is awaited as it is. Fix: drop "
            "factory=True.",
        ),
    ],
    ids=["class", "async-function"],
)
def test_patch_async_factory_refuses_what_is_no_sync_function(target, message):
    """factory=True is for sync functions: a class or async function is refused."""
    real = _resolve(target)

    error = _error_of(target, factory=True)

    assert isinstance(error, NotAsyncTargetError)
    assert str(error) == message
    assert _resolve(target) is real


def _resolve(target):
    module, _, name = target.rpartition(".")
    return getattr(sys.modules[module], name)


async def test_patch_async_annotated_factory_needs_no_option():
    """A sync function annotated as returning an async context manager is patched."""
    response = fakes.async_double(shapes.ClientResponse)

    with fakes.patch_async("tests.targets.shapes.open_request") as open_request:
        open_request.enters(response)
        async with shapes.open_request("https://example.test") as entered:
            pass

    assert entered is response
    open_request.assert_entered_once()


def test_patch_async_object_attribute_that_is_not_a_name_is_refused():
    """patch_async.object(obj, obj.attr) names the fix; nothing is patched."""
    with pytest.raises(PatchTargetError) as caught:
        fakes.patch_async.object(client, client.fetch_user)  # type: ignore[arg-type]

    assert str(caught.value) == (
        "patch_async.object() takes the attribute's name as a str, got "
        f"{client.fetch_user!r} (function).\nFix: name it, as in "
        "patch_async.object(tests.targets.client, 'fetch_user')."
    )
    assert client.fetch_user is FETCH_USER


def test_patch_async_side_effect_a_mock_cannot_use_is_refused():
    """side_effect=1 is refused when the patch is made, not at the first call."""
    with pytest.raises(PatchTargetError) as caught:
        fakes.patch_async("tests.targets.client.fetch_user", side_effect=1)

    assert str(caught.value) == (
        "patch_async('tests.targets.client.fetch_user') was given side_effect=1 "
        "(int), which is neither a function, an exception nor an iterable of "
        "results.\nFix: pass return_value= for one result every time, "
        "side_effect=[...] for one result per call, or an exception to raise."
    )
    assert client.fetch_user is FETCH_USER
