"""Strict verification reports dead configuration: set up, never used."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

import fakes
from fakes.errors import VerificationError


class Session:
    pass


class Connection:
    async def __aenter__(self) -> Session:
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> None:
        raise NotImplementedError


class Handler:
    timeout = 5.0

    def __init__(self) -> None:
        self.size = 0

    async def get(self, key: str) -> int:
        raise NotImplementedError

    async def put(self, key: str, value: int) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    async def stream(self) -> AsyncIterator[int]:
        yield 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Session]:
        yield Session()


def problems(ledger):
    """The message of fakes.verify(ledger), or None when it passes."""
    try:
        fakes.verify(ledger)
    except VerificationError as error:
        return str(error)
    return None


def test_verify_reports_configuration_never_used():
    """returns, raises, script, answers, yields and enters on unused members."""
    with fakes.Ledger() as ledger:
        handler = fakes.async_double(Handler, name="handler")
        handler.get.returns(1)
        handler.put.script(None)
        handler.close.raises(OSError)
        fakes.on(handler.stream).yields(1, 2)
        fakes.on(handler.transaction).enters(Session())
        connection = fakes.async_double(Connection, name="conn")
        fakes.on(connection).enters(Session())

    assert problems(ledger) == (
        "fakes.verify() found 6 problems:\n"
        "  1. handler.get.returns(...) was set, but handler.get was never called "
        "after it: remove it, or check that the code calls handler.get.\n"
        "  2. handler.put.script(...) was set, but handler.put was never called "
        "after it: remove it, or check that the code calls handler.put.\n"
        "  3. handler.close.raises(...) was set, but handler.close was never "
        "called after it: remove it, or check that the code calls "
        "handler.close.\n"
        "  4. handler.stream.yields(...) was set, but handler.stream was never "
        "called after it: remove it, or check that the code calls "
        "handler.stream.\n"
        "  5. handler.transaction.enters(...) was set, but handler.transaction "
        "was never entered after it: remove it, or check that the code enters "
        "handler.transaction.\n"
        "  6. conn.enters(...) was set, but conn was never entered after it: "
        "remove it, or check that the code enters conn."
    )


def test_verify_passes_when_configuration_is_used():
    """Configuration that a later call uses is not reported."""
    with fakes.Ledger() as ledger:
        handler = fakes.async_double(Handler)
        connection = fakes.async_double(Connection)
        fakes.on(handler.get).answers(lambda key: len(key))
        fakes.on(handler.close).returns(None)
        fakes.on(connection).enters(Session())

        async def main():
            await handler.get("key")
            handler.close()
            async with connection:
                pass

        asyncio.run(main())

    assert problems(ledger) is None


def test_verify_counts_only_calls_after_the_configuration():
    """A call made before returns() was set does not use it."""
    with fakes.Ledger() as ledger:
        handler = fakes.async_double(Handler, name="handler")
        handler.close()
        handler.close.returns(None)

    assert problems(ledger) == (
        "fakes.verify() found 1 problem:\n"
        "  1. handler.close.returns(...) was set, but handler.close was never "
        "called after it: remove it, or check that the code calls "
        "handler.close."
    )


def test_verify_reports_the_last_configuration_only():
    """script() replacing returns() is one configuration, reported once."""
    with fakes.Ledger() as ledger:
        handler = fakes.async_double(Handler, name="handler")
        handler.get.returns(1)
        handler.get.script(2)

    assert problems(ledger) == (
        "fakes.verify() found 1 problem:\n"
        "  1. handler.get.script(...) was set, but handler.get was never called "
        "after it: remove it, or check that the code calls handler.get."
    )


def test_verify_reports_a_value_set_outside_the_spec():
    """handler._cache = ... where Handler has no _cache is reported."""
    with fakes.Ledger() as ledger:
        handler = fakes.async_double(Handler, name="handler")
        handler._cache = {}
        handler.size = 3  # set by Handler.__init__: the real object has it
        handler.timeout = 1.0  # a class attribute

    assert problems(ledger) == (
        "fakes.verify() found 1 problem:\n"
        "  1. handler._cache was set, but Handler has no attribute '_cache', so "
        "the real object would not have it either: remove it, or set an "
        "attribute the class has."
    )


def test_unused_configuration_outside_verify_is_not_an_error():
    """Without strict verification, unused configuration fails nothing."""
    handler = fakes.async_double(Handler)

    handler.get.returns(1)
    handler._cache = {}

    assert handler._cache == {}


@pytest.mark.fakes_verify
def test_unused_configuration_plugin_strict_mode_sees_used_configuration():
    """Under the plugin's strict mode, used configuration passes teardown."""
    handler = fakes.async_double(Handler)
    handler.close.returns(None)

    handler.close()

    handler.close.assert_called_once_with()


DEAD_CONFIGURATION = """
import pytest
import fakes


class Handler:
    async def get(self, key: str) -> int:
        raise NotImplementedError


@pytest.mark.fakes_verify
def test_sets_up_more_than_it_uses():
    handler = fakes.async_double(Handler, name="handler")
    handler.get.returns(1)
    handler._cache = {}
"""


def test_unused_configuration_fails_the_plugin_strict_mode(pytester):
    """The plugin's strict mode fails a test that left configuration unused."""
    pytester.makepyfile(DEAD_CONFIGURATION)

    result = pytester.runpytest(
        "-p",
        "no:cacheprovider",
        "-p",
        "no:xdist",
        "-o",
        "asyncio_default_fixture_loop_scope=function",
    )

    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*fakes.verify() found 2 problems:",
            "*1. handler.get.returns(...) was set, but handler.get was never called*",
            "*2. handler._cache was set, but Handler has no attribute '_cache'*",
        ]
    )
