"""Fault injection: hostile matchers, arguments and specs.

Each case either works or fails with a clear message, and never leaves the
ledger inconsistent (``tests.soundness.assert_sound``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import inspect
from typing import Generic, Protocol, TypeVar, runtime_checkable
from unittest import mock

import pytest
from tests.soundness import assert_sound
from tests.targets import client

import fakes
from fakes.errors import (
    AwaitedSyncMemberError,
    AwaitOrderError,
    MatcherError,
    ProtocolMismatchError,
    SignatureMismatchError,
    UnexpectedCallError,
    UnknownAttributeError,
)

T = TypeVar("T")


class ExplodingMatcher:
    """A matcher whose comparison raises."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("matcher broke")

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "ExplodingMatcher()"


class ExplodingRepr:
    """An argument whose repr raises."""

    def __repr__(self) -> str:
        raise ValueError("repr broke")


BROKEN = "<ExplodingRepr object; repr() raised ValueError>"


# Matchers and arguments.


async def test_awaited_matcher_eq_raises(fakes_ledger):
    """A matcher that raises in an order assertion gives MatcherError."""
    fetch = fakes.async_double(name="fetch")
    await fetch(1)

    with pytest.raises(MatcherError) as caught:
        fakes.assert_awaited_in_order(fakes.awaited(fetch, ExplodingMatcher()))

    assert str(caught.value) == (
        "comparing fetch(ExplodingMatcher()) with the await #1 fetch(1) raised "
        "RuntimeError('matcher broke'): a matcher's __eq__ must return True or "
        "False; fix the matcher, or compare that argument with unittest.mock.ANY."
    )
    assert isinstance(caught.value.__cause__, RuntimeError)
    assert_sound(fakes_ledger)


async def test_awaited_matcher_eq_raises_in_other_assertions(fakes_ledger):
    """The cancellation and concurrency assertions report the same error."""
    fetch = fakes.async_double(name="fetch")
    await fetch(1)
    item = fakes.awaited(fetch, ExplodingMatcher())

    with pytest.raises(MatcherError):
        fakes.assert_cancelled(item)
    with pytest.raises(MatcherError):
        fakes.assert_max_concurrency(item, 1)

    assert_sound(fakes_ledger)


async def test_when_matcher_eq_raises(fakes_ledger):
    """A when() matcher that raises fails the await with MatcherError."""
    fetch = fakes.async_double(name="fetch")
    fetch.when(ExplodingMatcher()).returns(1)

    with pytest.raises(MatcherError) as caught:
        await fetch(1)

    assert str(caught.value) == (
        "comparing the call fetch(1) with the rule "
        "fetch.when(ExplodingMatcher()).returns(1) raised "
        "RuntimeError('matcher broke'): a matcher's __eq__ must return True or "
        "False; fix the matcher, or match that argument with unittest.mock.ANY."
    )
    assert [event.kind for event in fakes_ledger] == ["called", "started", "raised"]
    assert fakes_ledger[2].detail is caught.value
    assert_sound(fakes_ledger)


def test_when_matcher_eq_raises_on_sync_double(fakes_ledger):
    """A sync double with a raising matcher raises MatcherError and records it."""

    def parse(text: str) -> int:
        raise NotImplementedError

    double = fakes.async_double(parse)
    double.when(ExplodingMatcher()).returns(1)

    with pytest.raises(MatcherError):
        double("x")

    assert [event.kind for event in fakes_ledger] == ["called", "raised"]
    assert_sound(fakes_ledger)


async def test_argument_repr_raises_in_order_failure(fakes_ledger):
    """An argument whose repr raises is shown by type in a failure message."""
    fetch = fakes.async_double(name="fetch")
    save = fakes.async_double(name="save")
    await asyncio.create_task(fetch(ExplodingRepr()), name="worker")

    with pytest.raises(AwaitOrderError) as caught:
        fakes.assert_awaited_in_order(save, fetch)

    assert str(caught.value) == (
        "The awaits were not in the expected order.\n"
        "Expected, in this order (other awaits may come between):\n"
        "  1. save (any arguments)\n"
        "  2. fetch (any arguments)\n"
        "Matched 0 of 2; 1. save was never awaited.\n"
        "Awaits of save and fetch, in the order they started:\n"
        "  #  task    event    call\n"
        f"  1  worker  started  fetch({BROKEN})\n"
        "Fix: change the code so that it awaits them in the expected order, or "
        "list the items in the order above if that order is right."
    )
    assert BROKEN in fakes.timeline()
    assert_sound(fakes_ledger)


def test_argument_repr_raises_in_signature_mismatch(fakes_ledger):
    """A call that does not bind shows an unprintable argument by type."""

    async def fetch(user_id: int) -> None:
        raise NotImplementedError

    double = fakes.async_double(fetch, name="fetch")

    with pytest.raises(SignatureMismatchError) as caught:
        double(ExplodingRepr(), ExplodingRepr())

    assert str(caught.value) == (
        f"fetch({BROKEN}, {BROKEN}) does not match the signature "
        "fetch(user_id: int) -> None: too many positional arguments"
    )
    assert len(fakes_ledger) == 0


async def test_argument_repr_raises_in_unexpected_call(fakes_ledger):
    """A call no rule matches shows an unprintable argument by type."""
    fetch = fakes.async_double(name="fetch")
    fetch.when(1).returns("one")

    with pytest.raises(UnexpectedCallError) as caught:
        await fetch(ExplodingRepr())

    assert str(caught.value) == (
        f"fetch({BROKEN}) matches none of its rules:\n"
        "  fetch.when(1).returns('one')\n"
        "Add a when() rule for these arguments, or set what other calls do with "
        "returns(), raises() or script()."
    )
    assert_sound(fakes_ledger)


async def test_argument_repr_raises_in_exhausted_script(fakes_ledger):
    """A script step whose repr raises still gives the exhausted message."""
    fetch = fakes.async_double(name="fetch").script(ExplodingRepr())
    await fetch()

    with pytest.raises(AssertionError) as caught:
        await fetch()

    assert str(caught.value) == (
        f"fetch was called 2 times but its script has 1 step: [{BROKEN}]. "
        "Add steps, or end the script with fakes.repeat_last() or fakes.cycle()."
    )
    assert_sound(fakes_ledger)


# Specs whose attribute access raises.


class RaisingGetattr:
    def __getattr__(self, name: str) -> object:
        raise RuntimeError(f"no {name}")

    async def get(self, key: int) -> None:
        raise NotImplementedError


async def test_spec_getattr_raises_class(fakes_ledger):
    """A class spec's __getattr__ is never run: members work, others are refused."""
    double = fakes.async_double(RaisingGetattr)
    await double.get(1)

    with pytest.raises(UnknownAttributeError) as caught:
        double.missing  # noqa: B018

    assert str(caught.value) == (
        "RaisingGetattr has no attribute 'missing'. A double has only the members "
        "of its spec: add 'missing' to RaisingGetattr, or set it on the double "
        "before using it."
    )
    double.get.assert_awaited_once_with(1)
    assert_sound(fakes_ledger)


async def test_spec_getattr_raises_instance(fakes_ledger):
    """An instance spec's __getattr__ is never run either."""
    double = fakes.async_double(RaisingGetattr())
    await double.get(1)

    with pytest.raises(UnknownAttributeError):
        double.missing  # noqa: B018

    assert [event.kind for event in fakes_ledger] == ["called", "started", "returned"]
    assert_sound(fakes_ledger)


class CallableRaisingGetattr:
    def __getattr__(self, name: str) -> object:
        raise RuntimeError(f"no {name}")

    async def __call__(self, key: int) -> None:
        raise NotImplementedError


async def test_spec_callable_instance_getattr_raises(fakes_ledger):
    """A callable instance whose __getattr__ raises can be a spec."""
    double = fakes.async_double(CallableRaisingGetattr())

    await double(1)

    assert [event.name for event in fakes_ledger] == [
        "CallableRaisingGetattr.__call__"
    ] * 3
    assert_sound(fakes_ledger)


class RaisingProperties:
    @property
    def value(self) -> int:
        raise RuntimeError("property evaluated")

    @property
    def client(self) -> RaisingGetattr:
        raise RuntimeError("property evaluated")

    async def get(self) -> None:
        raise NotImplementedError


async def test_spec_property_raises(fakes_ledger):
    """Properties are never evaluated; annotated ones give nested doubles."""
    for spec in (RaisingProperties, RaisingProperties.__new__(RaisingProperties)):
        double = fakes.async_double(spec)

        await double.client.get(1)

        assert double.value is not None
    assert [event.name for event in fakes_ledger][:3] == [
        "RaisingProperties.client.get"
    ] * 3
    assert_sound(fakes_ledger)


class RaisingDir:
    def __dir__(self) -> list[str]:
        raise RuntimeError("dir broke")

    async def get(self) -> None:
        raise NotImplementedError


def test_spec_dir_raises():
    """An instance spec whose __dir__ raises still gets suggestions."""
    double = fakes.async_double(RaisingDir())

    with pytest.raises(UnknownAttributeError) as caught:
        double.gte  # noqa: B018

    assert str(caught.value) == (
        "RaisingDir has no attribute 'gte'. Did you mean 'get'? A double has only "
        "the members of its spec: add 'gte' to RaisingDir, or set it on the double "
        "before using it."
    )


# Metaclasses.


class Meta(type):
    def __getattr__(cls, name: str) -> object:
        raise RuntimeError(f"meta has no {name}")

    async def connect(cls, url: str) -> None:
        raise NotImplementedError

    @property
    def config(cls) -> dict[str, str]:
        raise RuntimeError("metaclass property evaluated")


class WithMeta(metaclass=Meta):
    async def get(self, key: int) -> int:
        raise NotImplementedError


async def test_spec_metaclass_instance_double(fakes_ledger):
    """An instance double has the class's members, not the metaclass's."""
    double = fakes.async_double(WithMeta)
    double.get.returns(2)

    result = await double.get(1)

    assert result == 2
    with pytest.raises(UnknownAttributeError) as caught:
        double.connect  # noqa: B018
    assert str(caught.value) == (
        "WithMeta has no attribute 'connect'. A double has only the members of "
        "its spec: add 'connect' to WithMeta, or set it on the double before "
        "using it."
    )
    assert_sound(fakes_ledger)


async def test_spec_metaclass_class_double(fakes_ledger):
    """A class double has the metaclass's methods, bound to the class."""
    double = fakes.async_double(WithMeta, instance=False)

    await double.connect("db://")
    instance = double()
    await instance.get(1)

    with pytest.raises(SignatureMismatchError) as caught:
        double.connect()
    assert str(caught.value) == (
        "WithMeta.connect() does not match the signature "
        "WithMeta.connect(url: str) -> None: missing a required argument: 'url'"
    )
    assert double.config is not None
    assert [event.name for event in fakes_ledger if event.kind == "started"] == [
        "WithMeta.connect",
        "WithMeta().get",
    ]
    assert_sound(fakes_ledger)


class EqMeta(type):
    def __eq__(cls, other: object) -> bool:
        return cls is other

    __hash__ = None  # type: ignore[assignment]


class Unhashable(metaclass=EqMeta):
    async def get(self) -> None:
        raise NotImplementedError


async def test_spec_metaclass_unhashable(fakes_ledger):
    """A class made unhashable by its metaclass can be a spec."""
    double = fakes.async_double(Unhashable)
    cls_double = fakes.async_double(Unhashable, instance=False)

    await double.get()
    await cls_double().get()

    assert len(fakes_ledger.events("started")) == 2
    assert_sound(fakes_ledger)


# __slots__, dataclasses, Protocols, generics.


class Slotted:
    __slots__ = ("name", "peer")
    peer: Slotted

    async def get(self, key: int) -> None:
        raise NotImplementedError


async def test_spec_slots(fakes_ledger):
    """Slots are attributes; an annotated slot gives a nested double."""
    double = fakes.async_double(Slotted)
    double.name = "x"

    await double.peer.get(1)

    assert double.name == "x"
    with pytest.raises(UnknownAttributeError):
        double.other  # noqa: B018
    with pytest.raises(SignatureMismatchError):
        double.get()
    assert_sound(fakes_ledger)


@dataclasses.dataclass
class Record:
    key: int
    label: str = "none"

    async def save(self) -> None:
        raise NotImplementedError


async def test_spec_dataclass(fakes_ledger):
    """A dataclass spec has its fields; an instance spec its values' defaults."""
    double = fakes.async_double(Record)
    from_instance = fakes.async_double(Record(1))

    await double.save()
    await from_instance.save()

    assert double.label == "none"
    assert from_instance.label == "none"
    with pytest.raises(SignatureMismatchError):
        double.save(1)
    assert_sound(fakes_ledger)


@runtime_checkable
class Store(Protocol):
    name: str

    async def get(self, key: int) -> bytes: ...


async def test_spec_protocol(fakes_ledger):
    """A Protocol is a spec like any class; a runtime-checkable one accepts it."""
    double = fakes.async_double(Store)
    double.get.returns(b"x")

    result = await double.get(1)

    assert result == b"x"
    assert isinstance(double, Store)
    with pytest.raises(SignatureMismatchError):
        double.get()
    assert_sound(fakes_ledger)


class Repo(Generic[T]):
    async def get(self, key: int) -> T:
        raise NotImplementedError


class IntRepo(Repo[int]):
    pass


async def test_spec_generic(fakes_ledger):
    """Generic classes, their subclasses and parametrised aliases are specs."""
    doubles = [
        fakes.async_double(Repo),
        fakes.async_double(IntRepo),
        fakes.async_double(Repo[int]),
    ]

    for double in doubles:
        await double.get(1)

    assert [event.name for event in fakes_ledger.events("started")] == [
        "Repo.get",
        "IntRepo.get",
        "Repo.get",
    ]
    with pytest.raises(SignatureMismatchError):
        doubles[2].get()
    assert_sound(fakes_ledger)


# functools.wraps and functools.partial.


def async_decorator(func):
    @functools.wraps(func)
    async def wrapper(*args, **kwargs):
        return await func(*args, **kwargs)

    return wrapper


def sync_decorator(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


class Decorated:
    @async_decorator
    async def get(self, key: int) -> int:
        raise NotImplementedError

    @sync_decorator
    async def wrapped_sync(self, key: int) -> int:
        raise NotImplementedError

    async def _fetch(self, scheme: str, key: int) -> None:
        raise NotImplementedError

    fetch_http = functools.partialmethod(_fetch, "http")


async def test_spec_wraps_decorated(fakes_ledger):
    """A functools.wraps async wrapper has the wrapped function's signature."""
    double = fakes.async_double(Decorated)

    await double.get(1)

    with pytest.raises(SignatureMismatchError) as caught:
        double.get(1, 2)
    assert str(caught.value) == (
        "Decorated.get(1, 2) does not match the signature "
        "Decorated.get(key: int) -> int: too many positional arguments"
    )
    assert_sound(fakes_ledger)


async def test_spec_wraps_sync_wrapper(fakes_ledger):
    """A sync wrapper is a sync member: awaiting its result says so."""
    double = fakes.async_double(Decorated)
    result = double.wrapped_sync(1)

    with pytest.raises(AwaitedSyncMemberError) as caught:
        await result

    assert str(caught.value) == (
        "Decorated.wrapped_sync() was awaited, but Decorated.wrapped_sync is a "
        "sync member of the spec (a plain 'def', not annotated as returning an "
        "awaitable), so its result cannot be awaited.\n"
        "Fix: call it without 'await', or make Decorated.wrapped_sync 'async def' "
        "in the spec (or annotate it as returning Awaitable[...])."
    )
    assert_sound(fakes_ledger)


async def test_spec_partialmethod(fakes_ledger):
    """A partialmethod member is async, with the arguments the partial leaves."""
    double = fakes.async_double(Decorated)
    double.fetch_http.returns(None)

    await double.fetch_http(1)

    with pytest.raises(SignatureMismatchError) as caught:
        double.fetch_http("http", 1)
    assert "too many positional arguments" in str(caught.value)
    double.fetch_http.assert_awaited_once_with(1)
    assert_sound(fakes_ledger)


async def test_spec_partial_function(fakes_ledger):
    """A functools.partial of an async function is a spec with what it leaves."""

    async def fetch(scheme: str, key: int) -> None:
        raise NotImplementedError

    double = fakes.async_double(functools.partial(fetch, "http"), name="fetch")

    await double(1)

    with pytest.raises(SignatureMismatchError) as caught:
        double(1, 2)
    assert str(caught.value) == (
        "fetch(1, 2) does not match the signature fetch(key: int) -> None: "
        "too many positional arguments"
    )
    assert_sound(fakes_ledger)


class Service:
    async def _call(self, method: str, key: int) -> None:
        raise NotImplementedError

    get = functools.partial(_call, None, "GET")


async def test_spec_partial_member(fakes_ledger):
    """A functools.partial class attribute is a member with its own signature."""
    double = fakes.async_double(Service)

    await double.get(1)

    with pytest.raises(SignatureMismatchError):
        double.get(1, 2)
    assert_sound(fakes_ledger)


# Modules, instance attributes, odd signatures.


def test_spec_module_unknown_attribute():
    """A module double is named after its module and reports unknown names."""
    double = fakes.async_double(client)

    with pytest.raises(UnknownAttributeError) as caught:
        double.Clien  # noqa: B018

    assert str(caught.value) == (
        "tests.targets.client has no attribute 'Clien'. Did you mean 'Client'? A "
        "double has only the members of its spec: add 'Clien' to "
        "tests.targets.client, or set it on the double before using it."
    )


async def test_spec_slotted_instance(fakes_ledger):
    """An instance without __dict__: bound methods; slots are values, or typed."""
    double = fakes.async_double(Slotted(), name="slotted")

    await double.get(1)
    name = double.name

    with pytest.raises(SignatureMismatchError) as caught:
        double.get()
    assert str(caught.value) == (
        "slotted.get() does not match the signature Slotted.get(key: int) -> "
        "None: missing a required argument: 'key'"
    )
    assert not callable(name)
    assert name.anything is not None
    for slot in ("name", "peer"):
        with pytest.raises(ProtocolMismatchError) as gated:
            getattr(double, slot).gate()
        assert str(gated.value) == (
            f"slotted.{slot}.gate() holds awaits, but slotted.{slot} is a double "
            "of an object that is not awaited.\nFix: gate an async member instead."
        )
    assert_sound(fakes_ledger)


class Handler:
    async def handle(self, event: str) -> None:
        raise NotImplementedError


async def replacement(event: str, retries: int) -> None:
    raise NotImplementedError


async def test_spec_instance_function_attribute(fakes_ledger):
    """A function set on an instance is not a method: it keeps its first parameter."""
    handler = Handler()
    handler.handle = replacement  # type: ignore[method-assign]
    double = fakes.async_double(handler)

    await double.handle("started", 3)

    with pytest.raises(SignatureMismatchError) as caught:
        double.handle(3)
    assert str(caught.value) == (
        "Handler.handle(3) does not match the signature Handler.handle(event: "
        "str, retries: int) -> None: missing a required argument: 'retries'"
    )
    assert_sound(fakes_ledger)


def with_signature(signature: inspect.Signature):
    """A function that reports ``signature`` as its own."""

    def func(*args, **kwargs):
        raise NotImplementedError

    func.__signature__ = signature  # type: ignore[attr-defined]
    return func


Param = inspect.Parameter


class OddSignatures:
    def loose(*args: int) -> None:
        raise NotImplementedError

    def bare() -> None:  # type: ignore[misc]
        raise NotImplementedError

    pick = max
    find = str.find
    debug = with_signature(
        inspect.Signature(
            [
                Param("self", Param.POSITIONAL_OR_KEYWORD),
                Param("__debug__", Param.POSITIONAL_OR_KEYWORD),
            ]
        )
    )


@pytest.mark.parametrize(
    ("member", "args"),
    [
        ("loose", ()),
        ("loose", (1, 2)),
        ("bare", ()),
        ("pick", ()),
        ("pick", (1, 2)),
        ("find", ()),
        ("find", ("a", 1, 2)),
        ("debug", (1,)),
    ],
)
def test_spec_odd_signatures_fitting_calls(member, args):
    """No self, only *args, no readable signature, a name a def cannot take."""
    double = getattr(fakes.async_double(OddSignatures), member)

    double(*args)

    assert double.call_args == mock.call(*args)


@pytest.mark.parametrize(
    ("member", "args", "message"),
    [
        (
            "bare",
            (1,),
            "OddSignatures.bare(1) does not match the signature "
            "OddSignatures.bare() -> None: too many positional arguments",
        ),
        (
            "debug",
            (),
            "OddSignatures.debug() does not match the signature "
            "OddSignatures.debug(__debug__): missing a required argument: "
            "'__debug__'",
        ),
    ],
)
def test_spec_odd_signatures_calls_that_do_not_fit(member, args, message):
    """A method without self takes nothing; a name a def cannot take is checked."""
    double = getattr(fakes.async_double(OddSignatures), member)

    with pytest.raises(SignatureMismatchError) as caught:
        double(*args)

    assert str(caught.value) == message


class Session:
    async def commit(self) -> None:
        raise NotImplementedError


class VersionedMeta(type):
    version = 3

    async def connect(cls, url: str) -> None:
        raise NotImplementedError


class Connected(metaclass=VersionedMeta):
    connect: Session


async def test_spec_metaclass_name_annotated_on_the_class(fakes_ledger):
    """Instances see the class's annotation, the class its metaclass's method."""
    double = fakes.async_double(Connected, name="connected")
    cls_double = fakes.async_double(Connected, instance=False)

    await double.connect.commit()
    await cls_double.connect("db://")

    with pytest.raises(UnknownAttributeError) as caught:
        double.connect.rollback  # noqa: B018
    assert str(caught.value) == (
        "connected.connect has no attribute 'rollback'. A double has only the "
        "members of its spec: add 'rollback' to Session, or set it on the double "
        "before using it."
    )
    with pytest.raises(ProtocolMismatchError) as gated:
        double.connect.gate()
    assert str(gated.value) == (
        "connected.connect.gate() holds awaits, but connected.connect is a double "
        "of an object that is not awaited.\nFix: gate an async member instead."
    )
    assert cls_double.version == 3
    assert [event.name for event in fakes_ledger.events("started")] == [
        "connected.connect.commit",
        "Connected.connect",
    ]
    assert_sound(fakes_ledger)


@pytest.mark.parametrize("member", ["pick", "find"])
async def test_spec_builtin_member_result_cannot_be_awaited(member):
    """A builtin without annotations is still a sync member of the spec."""
    double = getattr(fakes.async_double(OddSignatures), member)

    with pytest.raises(AwaitedSyncMemberError) as caught:
        await double()

    assert str(caught.value) == (
        f"OddSignatures.{member}() was awaited, but OddSignatures.{member} is "
        "a sync member of the spec (a plain 'def', not annotated as returning "
        "an awaitable), so its result cannot be awaited.\n"
        f"Fix: call it without 'await', or make OddSignatures.{member} 'async def' "
        "in the spec (or annotate it as returning Awaitable[...])."
    )


class Registry:
    async def lookup(self, key: str) -> None:
        raise NotImplementedError


class RegistryMeta(type):
    lookup = Registry().lookup


class Registered(metaclass=RegistryMeta):
    pass


async def test_spec_metaclass_bound_method(fakes_ledger):
    """A bound method a metaclass holds is the class's, with its own signature."""
    cls_double = fakes.async_double(Registered, instance=False)
    double = fakes.async_double(Registered)

    await cls_double.lookup("key")

    with pytest.raises(SignatureMismatchError) as caught:
        cls_double.lookup()
    assert str(caught.value) == (
        "Registered.lookup() does not match the signature "
        "Registered.lookup(key: str) -> None: missing a required argument: 'key'"
    )
    with pytest.raises(UnknownAttributeError):
        double.lookup  # noqa: B018
    assert_sound(fakes_ledger)


async def test_spec_module_members_labelled_by_module_name(fakes_ledger):
    """A module double's members are labelled with the module's dotted name."""
    double = fakes.async_double(client)

    await double.nap()

    assert [event.name for event in fakes_ledger.events("started")] == [
        "tests.targets.client.nap"
    ]
