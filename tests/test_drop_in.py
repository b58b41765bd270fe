"""fakes.AsyncDouble and fakes.SyncDouble: drop-ins for AsyncMock and MagicMock."""

from __future__ import annotations

import abc
import asyncio
import copy
import gc
import inspect
import pickle
import warnings
from collections.abc import AsyncIterator
from typing import Any, ClassVar, Protocol
from unittest import mock

import pytest

import fakes
from fakes.errors import NotAwaitableError


async def fetch_user(user_id: int, *, fresh: bool = False) -> dict[str, int]:
    raise NotImplementedError


def parse(text: str) -> int:
    raise NotImplementedError


class Repo:
    async def get(self, user_id: int) -> dict[str, int]:
        raise NotImplementedError

    async def __aenter__(self) -> Repo:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def stream(self) -> AsyncIterator[int]:
        yield 1

    def close(self) -> None:
        raise NotImplementedError


class Holder:
    """What ``patch`` and ``patch_async`` replace members of."""

    fetch = staticmethod(fetch_user)
    repo = Repo()


def test_async_double_class_is_public():
    """Both classes are in the facade's ``__all__`` and are the library's own."""
    names = set(fakes.__all__)

    assert {"AsyncDouble", "SyncDouble"} <= names
    assert issubclass(fakes.AsyncDouble, mock.AsyncMock)
    assert issubclass(fakes.SyncDouble, mock.MagicMock)


def _awaitable_doubles() -> dict[str, object]:
    """One awaitable double of each way a test can come by one."""
    with fakes.patch_async(f"{__name__}.Holder.fetch") as patched_function:
        pass
    with fakes.patch_async.object(Holder, "repo") as patched_object:
        pass
    with mock.patch.object(Holder, "fetch", new_callable=fakes.AsyncDouble) as new:
        pass
    return {
        "spec-less": fakes.async_double(),
        "named": fakes.async_double(name="fetch"),
        "async function": fakes.async_double(fetch_user),
        "member of a class double": fakes.async_double(Repo).get,
        "member of an instance double": fakes.async_double(Repo()).get,
        "__aenter__ of a spec": fakes.async_double(Repo).__aenter__,
        "member of a class double's instance": fakes.async_double(
            Repo, instance=False
        )().get,
        "child of a spec-less double": fakes.async_double().child.grandchild,
        "__aenter__ of a SyncDouble": fakes.SyncDouble().__aenter__,
        "__anext__ of a SyncDouble": fakes.SyncDouble().__anext__,
        "patch_async of a function": patched_function,
        "member of a patch_async object": patched_object.get,
        "new_callable": new,
        "built directly": fakes.AsyncDouble(),
        "spec=": fakes.AsyncDouble(spec=fetch_user),
        "spec_set=": fakes.AsyncDouble(spec_set=Repo).get,
        "return_value=": fakes.AsyncDouble(return_value=1),
        "side_effect=": fakes.AsyncDouble(side_effect=KeyError),
        "wraps=": fakes.AsyncDouble(wraps=fetch_user),
    }


@pytest.mark.parametrize("shape", list(_awaitable_doubles()))
def test_async_double_class_every_awaitable_double_is_one(shape):
    """Whatever built it, an awaitable double is a ``fakes.AsyncDouble``."""
    double = _awaitable_doubles()[shape]

    is_double = isinstance(double, fakes.AsyncDouble)

    assert is_double
    assert inspect.iscoroutinefunction(double)


async def test_async_double_class_new_callable_of_patch():
    """``patch(..., new_callable=fakes.AsyncDouble)`` records what it stands in for."""
    target = f"{__name__}.fetch_user"
    with (
        fakes.Ledger() as ledger,
        mock.patch(target, new_callable=fakes.AsyncDouble) as f,
    ):
        f.return_value = {"id": 1}

        result = await fetch_user(1)

    assert result == {"id": 1}
    f.assert_awaited_once_with(1)
    assert [(event.kind, event.name) for event in ledger.events()] == [
        ("called", "fetch_user"),
        ("started", "fetch_user"),
        ("returned", "fetch_user"),
    ]


async def test_async_double_class_spec_matches_through_the_signature():
    """``AsyncDouble(spec=fn)`` matches keywords to positions as ``AsyncMock`` does."""
    double = fakes.AsyncDouble(spec=fetch_user)

    await double(1)

    double.assert_awaited_once_with(user_id=1)
    with pytest.raises(AssertionError):
        double.assert_awaited_with(user_id=2)


async def test_async_double_class_return_value_and_side_effect():
    """``return_value=`` and each kind of ``side_effect=`` act as on ``AsyncMock``."""

    async def double_it(value: int) -> int:
        return value * 2

    returning = fakes.AsyncDouble(return_value=1)
    listed = fakes.AsyncDouble(side_effect=[1, KeyError("k")])
    computed = fakes.AsyncDouble(side_effect=double_it)
    raising = fakes.AsyncDouble(side_effect=ValueError("v"))

    assert await returning() == 1
    assert await listed() == 1
    with pytest.raises(KeyError):
        await listed()
    with pytest.raises(StopAsyncIteration):
        await listed()
    assert await computed(4) == 8
    with pytest.raises(ValueError, match="v"):
        await raising()


async def test_async_double_class_short_forms_on_a_built_double():
    """A double built with the class takes ``returns()``, ``script()``, ``when()``."""
    double = fakes.AsyncDouble(name="fetch")
    double.script(1, 2)
    other = fakes.AsyncDouble(name="other")
    other.when(1).returns("one")

    results = [await double(), await double(), await other(1)]

    assert results == [1, 2, "one"]
    fakes.assert_awaited_in_order(double, other)


async def test_async_double_class_spec_of_a_class_like_create_autospec():
    """``AsyncDouble(spec_set=Repo)``: async members await, unknown ones are refused."""
    double = fakes.AsyncDouble(spec_set=Repo)
    double.get.return_value = {"id": 1}

    result = await double.get(1)

    assert result == {"id": 1}
    double.get.assert_awaited_once_with(1)
    with pytest.raises(AttributeError):
        double.missing = 1


async def test_async_double_class_search_and_replace_of_async_mock():
    """Code written for ``AsyncMock`` runs unchanged with ``fakes.AsyncDouble``."""
    session = fakes.AsyncDouble()
    session.__aenter__.return_value.get.return_value = "body"

    async with session as client:
        body = await client.get("/")

    assert body == "body"
    session.__aenter__.assert_awaited_once()
    session.__aenter__.return_value.get.assert_awaited_once_with("/")


def test_sync_double_class_is_a_magic_mock_drop_in():
    """``fakes.SyncDouble`` takes ``MagicMock``'s arguments; also new_callable."""
    double = fakes.SyncDouble(spec=parse, return_value=3)

    with mock.patch(f"{__name__}.parse", new_callable=fakes.SyncDouble) as patched:
        patched.return_value = 4
        result = parse("4")

    assert double("3") == 3
    with pytest.raises(AttributeError):
        double.missing  # noqa: B018 - the read is the act
    assert result == 4
    patched.assert_called_once_with("4")


def test_async_double_class_awaited_from_asyncio_run():
    """A double built with the class is awaited outside any test runner."""
    double = fakes.AsyncDouble(return_value="ok")

    result = asyncio.run(double())

    assert result == "ok"
    double.assert_awaited_once_with()


def _copy_facts(original: mock.AsyncMock, copied: mock.AsyncMock) -> dict[str, bool]:
    """What a test can see of a copy of a mock, the stdlib's way."""
    return {
        "new object": copied is not original,
        "subclass of the original's class": isinstance(copied, type(original)),
        "children shared": copied.child is original.child,
        "calls shared": copied.call_args_list is original.call_args_list,
        "return value shared": copied.return_value is original.return_value,
        "same repr name": repr(copied).split()[1] == repr(original).split()[1],
    }


@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy])
async def test_async_double_class_copy_as_async_mock(copier):
    """``copy.copy`` and ``copy.deepcopy`` do to a double what they do to AsyncMock."""
    stdlib, double = mock.AsyncMock(name="fetch"), fakes.AsyncDouble(name="fetch")
    for each in (stdlib, double):
        each.child.return_value = 1
        each.return_value = mock.MagicMock()
        each.__str__ = lambda self: "configured on the class"

    stdlib_copy, double_copy = copier(stdlib), copier(double)
    await double_copy(2)
    await stdlib_copy(2)

    assert _copy_facts(double, double_copy) == _copy_facts(stdlib, stdlib_copy)
    assert str(double_copy) == str(stdlib_copy) == "configured on the class"
    assert double.await_count == stdlib.await_count == 0
    assert double_copy.await_count == stdlib_copy.await_count == 1
    assert (double.call_args_list == []) == (stdlib.call_args_list == [])


@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy])
async def test_async_double_class_copy_configured_on_its_own(copier):
    """Configuring a copy, or the original, leaves the other as it was."""
    original = fakes.async_double(name="fetch").script(1, 2)
    original.when(0).returns("zero")
    original_gate = original.gate()
    original_gate.open()
    copied = copier(original)

    copied.when(5).returns("five")
    copied.script(7)
    original.when(6).returns("six")
    from_original = [await original(5), await original(6), await original(0)]
    from_copy = [await copied(5), await copied(0), await copied(1)]

    assert from_original == [1, "six", "zero"]
    assert from_copy == ["five", "zero", 7]
    assert copied.gate() is not original_gate
    assert repr(copied.gate()) == "<Gate of fetch holding 0>"


async def test_async_double_class_deepcopy_enters_and_iterates_on_its_own():
    """A deep copy enters and iterates with its own configuration and records."""

    class Feed:
        def __aiter__(self) -> Feed:
            return self

        async def __anext__(self) -> int:
            raise StopAsyncIteration

        async def __aenter__(self) -> Feed:
            return self

        async def __aexit__(self, *exc: object) -> None:
            return None

    original = fakes.async_double(Feed, name="feed").yields(1, 2).enters("session")
    copied = copy.deepcopy(original)

    copied.yields(7)
    copied.enters("copy's session")
    async with original as entered:
        items = [item async for item in original]
    async with copied as copy_entered:
        copy_items = [item async for item in copied]

    assert (entered, items) == ("session", [1, 2])
    assert (copy_entered, copy_items) == ("copy's session", [7])
    original.assert_entered_once()
    copied.assert_entered_once()


def test_async_double_class_pickle_fails_as_for_async_mock():
    """Pickling a double fails as pickling an ``AsyncMock`` does."""
    errors = []
    for double in (mock.AsyncMock(), fakes.AsyncDouble()):
        with pytest.raises(pickle.PicklingError) as caught:
            pickle.dumps(double)
        errors.append(str(caught.value).replace(type(double).__module__, "MODULE"))

    stdlib_error, double_error = errors

    assert double_error == stdlib_error.replace("AsyncMock", "AsyncDouble")


class Fetcher(Protocol):
    async def __call__(self, user_id: int) -> dict[str, int]: ...


class Registering(type):
    """A metaclass of its own: it keeps every class it makes."""

    made: ClassVar[list[type]] = []

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]
    ) -> Registering:
        cls = super().__new__(mcs, name, bases, namespace)
        mcs.made.append(cls)
        return cls


class Registered(metaclass=Registering):
    pass


_OTHER_BASES = {
    "ABC": abc.ABC,
    "Protocol": Fetcher,
    "custom metaclass": Registered,
}


def _subclasses(other: type) -> tuple[type, type]:
    """Subclasses of AsyncDouble and of AsyncMock that also derive from ``other``."""
    meta = type(other)
    ours = meta("FetchDouble", (fakes.AsyncDouble, other), {"__module__": __name__})
    stdlib = meta("FetchMock", (mock.AsyncMock, other), {"__module__": __name__})
    return ours, stdlib


@pytest.mark.parametrize("other", sorted(_OTHER_BASES))
async def test_async_double_class_subclass_with_another_metaclass_records_and_awaits(
    other, fakes_ledger
):
    """A subclass also of an ABC, a Protocol or a metaclass works as AsyncMock's."""
    ours, stdlib = _subclasses(_OTHER_BASES[other])
    double = ours(name="fetch")
    stdlib_mock = stdlib()
    double.returns({"id": 1})
    stdlib_mock.return_value = {"id": 1}

    results = [await double(1), await stdlib_mock(1)]

    assert results == [{"id": 1}, {"id": 1}]
    double.assert_awaited_once_with(1)
    stdlib_mock.assert_awaited_once_with(1)
    assert [(event.kind, event.name) for event in fakes_ledger] == [
        ("called", "fetch"),
        ("started", "fetch"),
        ("returned", "fetch"),
    ]
    assert isinstance(double, ours)
    assert _OTHER_BASES[other] in type(double).__mro__


@pytest.mark.parametrize("other", sorted(_OTHER_BASES))
async def test_async_double_class_subclass_with_another_metaclass_built_the_stdlib_way(
    other,
):
    """Arguments beyond a name (the stdlib's own path) work on such a subclass too."""
    ours, _ = _subclasses(_OTHER_BASES[other])
    double = ours(side_effect=KeyError("1"), name="fetch")

    with pytest.raises(KeyError):
        await double(1)

    double.assert_awaited_once_with(1)
    assert inspect.isawaitable(double) is False
    with pytest.raises(NotAwaitableError):
        await double


def test_sync_double_class_subclass_with_an_abc_records_calls(fakes_ledger):
    """A SyncDouble subclass that is also an ABC records its calls."""

    class Parser(fakes.SyncDouble, abc.ABC):
        pass

    parser = Parser(name="parse")
    parser.returns(3)

    result = parser("3")

    assert result == 3
    parser.assert_called_once_with("3")
    assert [(event.kind, event.name) for event in fakes_ledger] == [
        ("called", "parse"),
        ("returned", "parse"),
    ]


def test_async_double_class_subclass_metaclass_runs_for_each_class_made():
    """The subclass's own metaclass makes the classes its doubles are built on."""
    ours, _ = _subclasses(Registered)
    before = len(Registering.made)

    ours(name="fetch")

    made = Registering.made[before:]
    assert made
    assert all(issubclass(cls, ours) for cls in made)


def _sealed_outcomes(double: mock.AsyncMock) -> list[tuple[str, str]]:
    """What reading and awaiting members of a sealed double gives."""
    reads = {
        "unknown child": lambda: double.unknown,
        "grandchild of a known one": lambda: double.known.other,
        "known child": lambda: asyncio.run(double.known()),
        "unset return value": lambda: asyncio.run(double()),
        "new attribute": lambda: setattr(double, "late", 1) or double.late,
    }
    outcomes = []
    for what, read in reads.items():
        try:
            outcomes.append((what, repr(read())))
        except AttributeError as error:
            outcomes.append((what, f"AttributeError: {error}"))
    return outcomes


def test_async_double_class_seal_as_async_mock():
    """``mock.seal()`` of a double refuses new children as it does on AsyncMock."""
    stdlib, double = mock.AsyncMock(name="m"), fakes.AsyncDouble(name="m")
    for each in (stdlib, double):
        each.known.return_value = 1

        mock.seal(each)

    assert _sealed_outcomes(double) == _sealed_outcomes(stdlib)
    assert _sealed_outcomes(double) == [
        ("unknown child", "AttributeError: m.unknown"),
        ("grandchild of a known one", "AttributeError: m.known.other"),
        ("known child", "1"),
        ("unset return value", "AttributeError: m.return_value"),
        ("new attribute", "AttributeError: Cannot set m.late"),
    ]


async def test_async_double_class_seal_of_a_spec_double_refuses_new_members():
    """A sealed double of a class keeps the members it has and builds no other."""
    repo = fakes.async_double(Repo, name="repo")
    repo.get.returns({"id": 1})

    mock.seal(repo)

    assert await repo.get(1) == {"id": 1}
    with pytest.raises(AttributeError) as caught:
        repo.stream  # noqa: B018 - the read is the act
    assert str(caught.value) == "repo.stream"


def test_async_double_class_dir_as_async_mock():
    """``dir()`` of a double lists what ``dir()`` of an AsyncMock lists, and more."""
    stdlib, double = mock.AsyncMock(), fakes.AsyncDouble()

    missing = set(dir(stdlib)) - set(dir(double))

    assert missing == set()
    assert "__code__" in dir(double)


def test_async_double_class_dropped_call_warns_as_async_mock():
    """A call never awaited warns with the very text an AsyncMock's does."""
    messages = []
    for double in (mock.AsyncMock(), fakes.AsyncDouble()):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            double(1)
            gc.collect()
        messages.append([str(warning.message) for warning in caught])

    stdlib_messages, double_messages = messages

    assert double_messages == stdlib_messages
    assert double_messages == [
        "coroutine 'AsyncMockMixin._execute_mock_call' was never awaited"
    ]


def test_async_double_class_magic_method_results_named_by_public_class():
    """A magic method's result of a double is shown as a SyncDouble, not a helper."""
    double = fakes.AsyncDouble(name="m")

    item = double[1]

    assert repr(item).startswith("<SyncDouble name='m.__getitem__()' id=")
    assert isinstance(item, fakes.SyncDouble)


def test_async_double_class_return_value_of_an_object_double_is_a_child():
    """Reading ``return_value`` of an instance double gives a child, not KeyError."""
    repo = fakes.async_double(Repo, name="repo")

    result = repo.return_value

    assert repr(result).startswith("<SyncDouble name='repo()' id=")


@pytest.mark.parametrize(
    ("copier", "shared"), [(copy.copy, True), (copy.deepcopy, False)]
)
async def test_async_double_class_copy_of_script_with_standalone_doubles(
    copier, shared
):
    """A fakes.async_iter in a script is a value: shared by copy, copied by deepcopy."""
    pages = fakes.async_iter([1, 2], name="pages")
    original = fakes.async_double(name="fetch").script(
        pages, fakes.async_context("session", name="conn")
    )
    copied = copier(original)

    handed_out = await copied()
    items = [item async for item in handed_out]
    async with await copied() as entered:
        pass

    assert (items, entered) == ([1, 2], "session")
    assert (handed_out is pages) is shared
    assert pages.consumed == (2 if shared else 0)
