"""patch_async: every form, every kind of target, restoring, and bad targets."""

from __future__ import annotations

import asyncio
import warnings
from unittest import mock

import pytest
from tests.targets import client, service

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


def test_patch_async_start_and_stop():
    """start() and stop() are entering and exiting by hand."""
    patch = fakes.patch_async(SERVICE_FETCH_USER)

    fetch = patch.start()
    installed = service.fetch_user
    patch.stop()

    assert installed is fetch
    assert service.fetch_user is FETCH_USER


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
        assert fetch._fakes_label() == other.__qualname__


def test_patch_async_create_adds_and_removes():
    """create=True adds a missing attribute for the patch only."""
    with fakes.patch_async("tests.targets.client.extra", create=True) as extra:
        assert client.extra is extra

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


def test_patch_async_own_module_target_does_not_warn():
    """A target in the module itself does not warn."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with fakes.patch_async("tests.targets.client.nap"):
            pass


# Bad targets: the whole message, and the target untouched.


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
        "Use unittest.mock.patch('tests.targets.client.parse', autospec=True) for "
        "sync code, or pass new= to install an object of your own."
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


def test_patch_async_malformed_target():
    """A target without a module part is refused when the patch is made."""
    with pytest.raises(PatchTargetError) as caught:
        fakes.patch_async("fetch_user")

    assert str(caught.value) == (
        "patch_async() needs a target of the form 'package.module.attribute', got "
        "'fetch_user': name the module that the code under test looks the "
        "attribute up in, or use patch_async.object(obj, 'attribute')."
    )


def test_patch_async_conflicting_options():
    """new= cannot be combined with spec= or autospec=False."""
    with pytest.raises(PatchTargetError) as caught:
        fakes.patch_async(SERVICE_FETCH_USER, new=None, autospec=False)

    assert str(caught.value) == (
        "patch_async('tests.targets.service.fetch_user') was given new= and "
        "autospec=False, which cannot be combined: new= installs the given "
        "object as it is; drop the other option."
    )


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
