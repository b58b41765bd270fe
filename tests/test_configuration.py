"""Configuration is all or nothing: a refused configuration changes nothing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any
from unittest import mock

import pytest

import fakes


class Session:
    async def commit(self) -> None: ...


class Store:
    async def get(self, key: str) -> int:
        raise NotImplementedError

    def size(self) -> int:
        raise NotImplementedError

    async def names(self) -> AsyncIterator[str]:
        yield ""

    @asynccontextmanager
    async def tx(self) -> AsyncIterator[Session]:
        yield Session()


class Connection:
    async def __aenter__(self) -> Session:
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> None: ...


def _outcome(value: Any) -> Any:
    """A comparable account of one result: doubles by name, errors by text."""
    if isinstance(value, BaseException):
        return ("raised", type(value).__name__, str(value))
    if isinstance(value, mock.Base) or hasattr(type(value), "_fakes_label"):
        return ("double", value._fakes_label())
    return ("value", value)


async def _await(call: Callable[[], Any]) -> Any:
    try:
        return _outcome(await call())
    except Exception as error:
        return _outcome(error)


def _call(call: Callable[[], Any]) -> Any:
    try:
        return _outcome(call())
    except Exception as error:
        return _outcome(error)


async def _probe_get(store: Any) -> list[Any]:
    return [await _await(lambda: store.get("a")) for _ in range(3)]


async def _probe_size(store: Any) -> list[Any]:
    return [_call(store.size) for _ in range(2)]


async def _probe_names(store: Any) -> list[Any]:
    rounds = []
    for _ in range(2):
        rounds.append([name async for name in store.names()])
    return rounds


async def _probe_tx(store: Any) -> list[Any]:
    async with store.tx() as session:
        entered = _outcome(session)
    try:
        async with store.tx():
            raise KeyError("left")
    except KeyError as error:
        return [entered, _outcome(error)]
    return [entered, "suppressed"]


async def _probe_connection(conn: Any) -> list[Any]:
    async with conn as session:
        entered = _outcome(session)
    try:
        async with conn:
            raise KeyError("left")
    except KeyError as error:
        return [entered, _outcome(error)]
    return [entered, "suppressed"]


def _nothing(double: Any) -> None:
    return None


# (id, member, baseline configuration, refusal, probe, error type, message)
_CASES = [
    (
        "returns-arity",
        lambda store: store.get,
        lambda get: get.returns(7),
        lambda get: get.returns(1, 2),
        _probe_get,
        fakes.errors.FakesTypeError,
        "Store.get.returns() takes exactly one value, got 2: pass a "
        "tuple to return a tuple, or use script() to return one value "
        "per call.",
    ),
    (
        "raises-not-an-exception",
        lambda store: store.get,
        lambda get: get.raises(KeyError("k")),
        lambda get: get.raises("boom"),
        _probe_get,
        fakes.errors.FakesTypeError,
        "Store.get.raises() takes an exception instance or class, got "
        "'boom'; to return the value use returns().",
    ),
    (
        "script-ending-not-last",
        lambda store: store.get,
        lambda get: get.script(1, 2),
        lambda get: get.script(fakes.cycle(), 3),
        _probe_get,
        fakes.errors.ScriptError,
        "Store.get.script() has fakes.cycle() as step 1, but it can only "
        "be the final step: move it to the end, or remove it.",
    ),
    (
        "script-without-steps",
        lambda store: store.get,
        lambda get: get.returns(7),
        lambda get: get.script(),
        _probe_get,
        fakes.errors.ScriptError,
        "Store.get.script() needs at least one step: pass the values or "
        "exceptions the calls should return or raise, in order.",
    ),
    (
        "script-bad-delay",
        lambda store: store.get,
        lambda get: get.script(1, fakes.repeat_last()),
        lambda get: get.script(fakes.delay(-1, 2)),
        _probe_get,
        fakes.errors.ScriptError,
        "fakes.delay() needs a number of seconds of 0 or more, got -1: "
        "pass how long the call should take.",
    ),
    (
        "answers-not-callable",
        lambda store: store.get,
        lambda get: get.script(1, 2, fakes.cycle()),
        lambda get: get.answers(3),
        _probe_get,
        fakes.errors.AnswerError,
        "Store.get.answers() takes a function that computes each call's result "
        "from its arguments; got 3 (int).\n"
        "Fix: pass a function or a lambda, or use returns(value) for a fixed "
        "result.",
    ),
    (
        "when-too-many-arguments",
        lambda store: store.get,
        _nothing,
        lambda get: get.when("a", "b"),
        _probe_get,
        fakes.errors.SignatureMismatchError,
        "Store.get('a', 'b') does not match the signature Store.get(key: "
        "str) -> int: too many positional arguments",
    ),
    (
        "when-unknown-keyword",
        lambda store: store.get,
        lambda get: get.script(1, 2, fakes.cycle()),
        lambda get: get.when(name="a"),
        _probe_get,
        fakes.errors.SignatureMismatchError,
        "Store.get(name='a') does not match the signature Store.get(key: "
        "str) -> int: missing a required argument: 'key'",
    ),
    (
        "when-raises-not-an-exception",
        lambda store: store.get,
        _nothing,
        lambda get: get.when("a").raises("boom"),
        _probe_get,
        fakes.errors.FakesTypeError,
        "Store.get.when('a').raises() takes an exception instance or "
        "class, got 'boom'; to return the value use returns().",
    ),
    (
        "when-script-without-steps",
        lambda store: store.get,
        _nothing,
        lambda get: get.when("a").script(),
        _probe_get,
        fakes.errors.ScriptError,
        "Store.get.when('a').script() needs at least one step: pass the "
        "values or exceptions the calls should return or raise, in order.",
    ),
    (
        "on-when-too-many-arguments",
        lambda store: store.get,
        _nothing,
        lambda get: fakes.on(get).when("a", "b"),
        _probe_get,
        fakes.errors.SignatureMismatchError,
        "Store.get('a', 'b') does not match the signature Store.get(key: "
        "str) -> int: too many positional arguments",
    ),
    (
        "sync-when-too-many-arguments",
        lambda store: store.size,
        _nothing,
        lambda size: size.when(1),
        _probe_size,
        fakes.errors.SignatureMismatchError,
        "Store.size(1) does not match the signature Store.size() -> int: "
        "too many positional arguments",
    ),
    (
        "sync-gate",
        lambda store: store.size,
        lambda size: size.returns(3),
        lambda size: size.gate(),
        _probe_size,
        fakes.errors.ProtocolMismatchError,
        "Store.size.gate() holds awaits, but Store.size is a sync member "
        "that is not awaited.\nFix: gate an async member instead.",
    ),
    (
        "yields-on-an-async-member",
        lambda store: store.get,
        lambda get: get.returns(7),
        lambda get: get.yields(1),
        _probe_get,
        fakes.errors.ProtocolMismatchError,
        "Store.get.yields() configures an async generator, but Store.get "
        "is an async member.\nFix: use returns() or script() for it, or give "
        "the double a spec whose member is an async generator.",
    ),
    (
        "yields-raises-not-an-exception",
        lambda store: store.names,
        lambda names: names.yields("a", "b"),
        lambda names: names.yields("c", raises="boom"),
        _probe_names,
        fakes.errors.FakesTypeError,
        "Store.names can end with an exception instance or class, got "
        "'boom' for raises=; put values among the items instead.",
    ),
    (
        "enters-on-an-async-member",
        lambda store: store.get,
        lambda get: get.returns(7),
        lambda get: get.enters("s"),
        _probe_get,
        fakes.errors.ProtocolMismatchError,
        "Store.get is an async member, not an async context manager, so "
        "it cannot be entered.\nFix: give the double a spec with __aenter__ "
        "and __aexit__, an @asynccontextmanager member, or use "
        "fakes.async_context().",
    ),
    (
        "enters-enter-raises-not-an-exception",
        lambda store: store.tx,
        lambda tx: tx.enters("session"),
        lambda tx: tx.enters("other", enter_raises="boom"),
        _probe_tx,
        fakes.errors.FakesTypeError,
        "Store.tx takes an exception instance or class for enter_raises=, got 'boom'.",
    ),
    (
        "enters-exit-raises-not-an-exception",
        lambda store: store.tx,
        lambda tx: tx.enters("session", suppress=KeyError),
        lambda tx: tx.enters("other", exit_raises=3),
        _probe_tx,
        fakes.errors.FakesTypeError,
        "Store.tx takes an exception instance or class for exit_raises=, got 3.",
    ),
    (
        "enters-suppress-not-an-exception-class",
        lambda store: store.tx,
        lambda tx: tx.enters("session"),
        lambda tx: tx.enters("other", suppress="yes"),
        _probe_tx,
        fakes.errors.FakesTypeError,
        "Store.tx takes True, False, an exception class or a tuple of "
        "exception classes for suppress=, got 'yes'.\n"
        "Fix: pass suppress=True to swallow any exception, or the classes to "
        "swallow, such as suppress=(KeyError, TimeoutError).",
    ),
    (
        "enters-suppress-cancellation",
        lambda store: store.tx,
        _nothing,
        lambda tx: tx.enters("other", suppress=asyncio.CancelledError),
        _probe_tx,
        fakes.errors.FakesTypeError,
        "Store.tx never suppresses asyncio.exceptions.CancelledError: "
        "cancellation, KeyboardInterrupt, SystemExit and GeneratorExit "
        "always leave the block, so that a timeout or a cancel scope "
        "around it works.\n"
        "Fix: name only the exceptions the block may swallow, or use "
        "suppress=True for every other exception.",
    ),
]


@pytest.mark.parametrize(
    ("member", "baseline", "refusal", "probe", "error", "message"),
    [case[1:] for case in _CASES],
    ids=[case[0] for case in _CASES],
)
async def test_configuration_refused_leaves_the_double_as_it_was(
    member, baseline, refusal, probe, error, message
):
    """A refused configuration leaves behaviour, return_value and side_effect alone."""
    refused = fakes.async_double(Store)
    twin = fakes.async_double(Store)
    for store in (refused, twin):
        baseline(member(store))

    with pytest.raises(error) as caught:
        refusal(member(refused))
    behaviour = [await probe(refused), await probe(twin)]
    stdlib = [
        (_outcome(member(store).return_value), _outcome(member(store).side_effect))
        for store in (refused, twin)
    ]

    assert str(caught.value) == message
    assert behaviour[0] == behaviour[1]
    assert stdlib[0] == stdlib[1]


@pytest.mark.parametrize(
    ("refusal", "message"),
    [
        (
            lambda conn: conn.enters("other", suppress=KeyboardInterrupt),
            "Connection never suppresses KeyboardInterrupt: cancellation, "
            "KeyboardInterrupt, SystemExit and GeneratorExit always leave the "
            "block, so that a timeout or a cancel scope around it works.\n"
            "Fix: name only the exceptions the block may swallow, or use "
            "suppress=True for every other exception.",
        ),
        (
            lambda conn: conn.enters("other", enter_raises="boom"),
            "Connection takes an exception instance or class for enter_raises=, "
            "got 'boom'.",
        ),
    ],
    ids=["suppress-interrupt", "enter-raises-not-an-exception"],
)
async def test_configuration_refused_enters_of_a_class_double_changes_nothing(
    refusal, message
):
    """A refused enters() on a double of a class with __aenter__ changes nothing."""
    refused = fakes.async_double(Connection).enters("session", suppress=KeyError)
    twin = fakes.async_double(Connection).enters("session", suppress=KeyError)

    with pytest.raises(fakes.errors.FakesTypeError) as caught:
        refusal(refused)
    behaviour = [await _probe_connection(refused), await _probe_connection(twin)]

    assert str(caught.value) == message
    assert behaviour == [[("value", "session"), "suppressed"]] * 2


async def test_configuration_refused_enters_of_an_unused_class_double_changes_nothing():
    """A refused enters() before any block leaves the double unconfigured."""
    refused = fakes.async_double(Connection)
    twin = fakes.async_double(Connection)

    with pytest.raises(fakes.errors.FakesTypeError):
        refused.enters("other", suppress="yes")
    behaviour = [await _probe_connection(refused), await _probe_connection(twin)]

    assert behaviour[0] == behaviour[1]
    assert behaviour[0][1] == ("raised", "KeyError", "'left'")
