"""patch_async takes mock.patch's return_value=, side_effect= and new_callable=."""

from __future__ import annotations

import pytest
from tests.targets import client, service

import fakes
from fakes.errors import PatchTargetError

SERVICE_FETCH_USER = "tests.targets.service.fetch_user"


async def test_patch_async_return_value_with_statement():
    """return_value= is what awaits of the double give."""
    with fakes.patch_async(SERVICE_FETCH_USER, return_value={"id": 7}) as fetch:
        user = await service.load_user(7)

    assert user == {"id": 7}
    fetch.assert_awaited_once_with(7)


async def test_patch_async_side_effect_function_async_with_statement():
    """side_effect= a function computes each result from the arguments."""
    async with fakes.patch_async(
        SERVICE_FETCH_USER, side_effect=lambda user_id: {"id": user_id * 2}
    ):
        user = await service.load_user(4)

    assert user == {"id": 8}


async def test_patch_async_side_effect_async_function():
    """An async def side_effect is awaited, as on AsyncMock."""

    async def lookup(user_id):
        return {"id": user_id, "async": True}

    with fakes.patch_async(SERVICE_FETCH_USER, side_effect=lookup):
        user = await service.load_user(1)

    assert user == {"id": 1, "async": True}


async def test_patch_async_side_effect_values_and_exception():
    """side_effect= values are returned in turn; an exception is raised."""
    with fakes.patch_async(SERVICE_FETCH_USER, side_effect=[{"id": 1}, KeyError("2")]):
        first = await service.load_user(1)
        with pytest.raises(KeyError):
            await service.load_user(2)

    assert first == {"id": 1}


async def test_patch_async_return_value_decorator():
    """The decorator form takes return_value= and passes the double."""

    @fakes.patch_async(SERVICE_FETCH_USER, return_value={"id": 3})
    async def check(fetch):
        assert await service.load_user(3) == {"id": 3}
        fetch.assert_awaited_once_with(3)
        return fetch.return_value

    assert await check() == {"id": 3}


async def test_patch_async_object_side_effect():
    """patch_async.object takes the same keywords."""
    patch = fakes.patch_async.object(service, "fetch_user", side_effect=TimeoutError)

    with patch, pytest.raises(TimeoutError):
        await service.load_user(1)


async def test_patch_async_class_return_value_is_the_instance():
    """For a class, return_value= is what calling the class gives."""
    instance = fakes.async_double(client.Client)
    fakes.on(instance.fetch).returns(b"home")

    with fakes.patch_async("tests.targets.service.Client", return_value=instance):
        body = await service.fetch_home("https://x.test")

    assert body == b"home"


async def test_patch_async_new_callable_makes_what_is_installed():
    """new_callable= is called (with return_value=) to make the installed object."""
    with fakes.patch_async(
        SERVICE_FETCH_USER, new_callable=fakes.AsyncDouble, return_value={"id": 5}
    ) as fetch:
        user = await service.load_user(5)

    assert isinstance(fetch, fakes.AsyncDouble)
    assert user == {"id": 5}
    assert service.fetch_user is client.fetch_user


async def test_patch_async_new_callable_decorator_passes_the_object():
    """As with mock.patch, what new_callable= made is passed to the function."""

    @fakes.patch_async(SERVICE_FETCH_USER, new_callable=fakes.AsyncDouble)
    async def check(fetch):
        fetch.returns({"id": 9})
        return await service.load_user(9)

    assert await check() == {"id": 9}


async def test_patch_async_each_entry_gets_a_fresh_configured_double():
    """A patch entered twice builds and configures a double each time."""
    patch = fakes.patch_async(SERVICE_FETCH_USER, side_effect=[{"id": 1}])

    with patch as first:
        await service.load_user(1)
    with patch as second:
        again = await service.load_user(1)

    assert first is not second
    assert again == {"id": 1}


def test_patch_async_return_value_of_an_object_target_is_refused():
    """An object's double is not called: return_value= says what to do instead."""
    patch = fakes.patch_async.object(service.Service(), "client", return_value=1)

    with pytest.raises(PatchTargetError) as caught, patch:
        pass

    assert str(caught.value) == (
        "patch_async.object(<Service object>, 'client') was given "
        "return_value=, but its double Client is a double of an object, which is "
        "not called. Fix: drop the option and configure the members of the "
        "double it gives you, as in double.<member>.returns(...)."
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        pytest.param(
            {"new": object(), "return_value": 1},
            "patch_async('tests.targets.service.fetch_user') was given new= and "
            "return_value=, which cannot be combined: new= installs the given "
            "object as it is; configure that object instead, or drop new= to "
            "get a double.",
            id="new-and-return_value",
        ),
        pytest.param(
            {"new": object(), "side_effect": [1], "new_callable": fakes.AsyncDouble},
            "patch_async('tests.targets.service.fetch_user') was given new=, "
            "side_effect= and new_callable=, which cannot be combined: new= "
            "installs the given object as it is; configure that object instead, "
            "or drop new= to get a double.",
            id="new-side_effect-and-new_callable",
        ),
        pytest.param(
            {"new_callable": fakes.AsyncDouble, "spec": client.fetch_user},
            "patch_async('tests.targets.service.fetch_user') was given "
            "new_callable= and spec=, which cannot be combined: new_callable= "
            "makes the object to install; spec= says how to build a double, so "
            "drop one of them.",
            id="new_callable-and-spec",
        ),
        pytest.param(
            {"new_callable": 3},
            "patch_async('tests.targets.service.fetch_user') was given "
            "new_callable=3 (int), which cannot be called: pass a class or a "
            "function that makes the object to install, such as "
            "new_callable=fakes.AsyncDouble, or new= for the object itself.",
            id="new_callable-not-callable",
        ),
    ],
)
def test_patch_async_keyword_conflicts_are_refused(options, message):
    """Keywords that cannot work together are refused when the patch is made."""
    with pytest.raises(PatchTargetError) as caught:
        fakes.patch_async(SERVICE_FETCH_USER, **options)

    assert str(caught.value) == message
