"""Misuse: every public function and method refuses wrong-typed arguments.

A property test calls each public callable with one argument replaced by a
value of a type its annotation does not allow; whatever happens, only the
library's own errors (``FakesError``) may escape, never a raw ``TypeError``,
``AttributeError``, ``KeyError`` or ``IndexError`` from inside the library.
"""

from __future__ import annotations

import asyncio
import collections.abc
import inspect
import types
import typing
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fakes
from fakes.errors import FakesError

#: Values of many types, from which the wrong ones for a parameter are drawn.
POOL: tuple[Any, ...] = (
    1,
    -1,
    1.5,
    "x",
    "2",
    b"x",
    None,
    True,
    [],
    [1],
    {},
    (),
    (1, "x"),
    object(),
    KeyError,
    KeyError("k"),
    fakes,
)


class UserRepo:
    async def get(self, user_id: int) -> str: ...


def _fits(value: Any, hint: Any) -> bool:
    """Whether ``value`` is of a type ``hint`` allows (unknown hints allow all)."""
    if hint is Any or hint is object or isinstance(hint, typing.TypeVar):
        return True
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, arg) for arg in typing.get_args(hint))
    if origin is typing.Literal:
        return value in typing.get_args(hint)
    if hint is None or hint is type(None):
        return value is None
    if origin is collections.abc.Callable or hint is collections.abc.Callable:
        return callable(value)
    target = origin if origin is not None else hint
    if isinstance(target, type):
        if target is float:
            return isinstance(value, (int, float))
        return isinstance(value, target)
    return True


def _ledger_with_an_event() -> fakes.Ledger:
    ledger = fakes.Ledger()
    with ledger:
        fakes.async_double(name="ping")().close()
    return ledger


def _gate() -> Any:
    return fakes.async_double(name="save").gate()


def _clock() -> Any:
    return fakes.virtual_time()


#: (what is called, a factory of the callable, arguments that make the other
#: required parameters valid).
TARGETS: list[tuple[str, Callable[[], Callable[..., Any]], dict[str, Any]]] = [
    ("fakes.Ledger", lambda: fakes.Ledger, {}),
    ("Ledger.events", lambda: _ledger_with_an_event().events, {}),
    ("fakes.timeline", lambda: fakes.timeline, {}),
    ("fakes.verify", lambda: fakes.verify, {}),
    ("fakes.async_double", lambda: fakes.async_double, {"spec": UserRepo}),
    ("fakes.async_iter", lambda: fakes.async_iter, {}),
    ("fakes.async_context", lambda: fakes.async_context, {}),
    ("fakes.delay", lambda: fakes.delay, {"seconds": 1}),
    ("fakes.virtual_time", lambda: fakes.virtual_time, {}),
    ("VirtualClock.advance", lambda: _clock().advance, {"seconds": 1}),
    ("Gate.wait_entered", lambda: _gate().wait_entered, {}),
    ("Gate.fail", lambda: _gate().fail, {"error": KeyError}),
    (
        "AsyncIterDouble.assert_consumed",
        lambda: fakes.async_iter([1]).assert_consumed,
        {"count": 0},
    ),
    (
        "fakes.assert_max_concurrency",
        lambda: fakes.assert_max_concurrency,
        {"item": fakes.async_double(name="ping"), "limit": 1},
    ),
    ("fakes.patch_async", lambda: fakes.patch_async, {"target": "asyncio.sleep"}),
    ("fakes.explore", lambda: fakes.explore, {}),
    ("AsyncDouble.raises", lambda: fakes.async_double(name="ping").raises, {}),
    (
        "AsyncDouble.assert_consumed",
        lambda: fakes.async_double(name="feed").assert_consumed,
        {"count": 0},
    ),
    (
        "AsyncDouble.assert_exited_with",
        lambda: fakes.async_double(name="conn").assert_exited_with,
        {"error_type": KeyError},
    ),
    (
        "MemberBuilder.raises",
        lambda: fakes.on(fakes.async_double(UserRepo).get).raises,
        {},
    ),
]


def _hints(function: Any) -> dict[str, Any]:
    """The evaluated annotations of a function, class or callable object."""
    if inspect.isclass(function):
        return typing.get_type_hints(function.__init__)
    if not (inspect.isfunction(function) or inspect.ismethod(function)):
        return typing.get_type_hints(type(function).__call__)
    return typing.get_type_hints(function)


def _wrong_calls() -> list[tuple[str, str, Any]]:
    """(target, parameter, wrong value) for every typed parameter."""
    calls = []
    for label, factory, _valid in TARGETS:
        function = factory()
        hints = _hints(function)
        for name, parameter in inspect.signature(function).parameters.items():
            if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                continue
            hint = hints.get(name, Any)
            calls.extend(
                (label, name, value) for value in POOL if not _fits(value, hint)
            )
    return calls


WRONG_CALLS = _wrong_calls()


def _call(label: str, name: str, value: Any) -> None:
    factory, valid = next((f, v) for t, f, v in TARGETS if t == label)
    function = factory()
    arguments = {**valid, name: value}
    parameters = inspect.signature(function).parameters
    positional = [
        arguments.pop(key)
        for key, parameter in parameters.items()
        if parameter.kind is parameter.POSITIONAL_ONLY and key in arguments
    ]
    result = function(*positional, **arguments)
    if inspect.isawaitable(result):

        async def bounded() -> None:
            await asyncio.wait_for(result, 1)

        asyncio.run(bounded())


def test_misuse_every_typed_parameter_has_wrong_values_to_try():
    """The table covers the parameters it names (the property has work to do)."""
    tried = {(label, name) for label, name, _value in WRONG_CALLS}

    assert ("fakes.async_double", "name") in tried
    assert ("Gate.wait_entered", "count") in tried
    assert ("fakes.verify", "ledger") in tried
    assert len(tried) >= 20


@settings(max_examples=300)
@given(st.sampled_from(WRONG_CALLS))
def test_misuse_wrong_typed_argument_raises_only_library_errors(call):
    """A wrong-typed argument is accepted or refused with a FakesError."""
    label, name, value = call

    try:
        _call(label, name, value)
    except FakesError:
        pass
    except (TimeoutError, asyncio.TimeoutError):
        pass  # a valid call that waits (such as wait_entered(n)): not misuse
    except Exception as error:  # pragma: no cover - the failure reported
        pytest.fail(f"{label}({name}={value!r}) raised {type(error).__name__}: {error}")
