"""``fakes.on(double)`` builders of doubles that are not calls.

A double of an async iterable gets ``yields``, one of an async context
manager ``enters`` (both when it is both), and an awaitable double that is
not a call (an object with ``__await__``, an async property) gets
``returns``, ``raises``, ``script`` and ``gate``, typed from what awaiting
it gives.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from typing_extensions import Self

from fakes._async_iter import async_iter
from fakes._builders import Builder, ScriptStep, label_of
from fakes._double.short_forms import ShortForms
from fakes._double.state import state_of
from fakes._gate import Gate
from fakes._member_builders import Enters
from fakes._script import Step

__all__ = [
    "AsyncContextBuilder",
    "AsyncIterContextBuilder",
    "AsyncIterableBuilder",
    "AwaitableBuilder",
    "spec_has",
]

T_contra = TypeVar("T_contra", contravariant=True)
U_contra = TypeVar("U_contra", contravariant=True)

_Error = BaseException | type[BaseException]


def spec_has(double: Any, name: str) -> bool:
    """Whether the double's spec has the member ``name``."""
    spec = state_of(double).spec
    return spec is not None and spec.member(name) is not None


class AsyncContextBuilder(Enters, Generic[T_contra]):
    """What ``fakes.on(double)`` gives for a double of an async context manager.

    Example:
        >>> import asyncio, fakes
        >>> class Session: ...
        >>> class Connection:
        ...     async def __aenter__(self) -> Session: ...
        ...     async def __aexit__(self, *exc_info: object) -> None: ...
        >>> conn = fakes.async_double(Connection)
        >>> session = fakes.async_double(Session)
        >>> builder = fakes.on(conn).enters(session)
        >>> async def main() -> Session:
        ...     async with conn as entered:
        ...         return entered
        >>> asyncio.run(main()) is session
        True
        >>> builder.assert_entered_once()
    """

    __slots__ = ()

    def _context(self) -> Any:
        return self._double

    def enters(
        self,
        value: T_contra,
        /,
        *,
        enter_raises: _Error | None = None,
        exit_raises: _Error | None = None,
        suppress: bool | type[BaseException] | tuple[type[BaseException], ...] = False,
    ) -> Self:
        """Make ``async with double`` give ``value``."""
        self._enters(value, enter_raises, exit_raises, suppress)
        return self


class AsyncIterableBuilder(Builder, Generic[T_contra]):
    """What ``fakes.on(double)`` gives for a double of an async iterable.

    Example:
        >>> import asyncio, fakes
        >>> from collections.abc import AsyncIterator
        >>> class Ticker:
        ...     def __aiter__(self) -> AsyncIterator[int]: ...
        >>> ticker = fakes.async_double(Ticker)
        >>> _ = fakes.on(ticker).yields(1, 2, 3)
        >>> async def main() -> list[int]:
        ...     return [tick async for tick in ticker]
        >>> asyncio.run(main())
        [1, 2, 3]
    """

    __slots__ = ()

    def yields(self, *items: T_contra, raises: _Error | None = None) -> Self:
        """Make ``async for`` over the double give ``items``, then end (or raise)."""
        double = self._double
        if spec_has(double, "__anext__"):
            # The double is its own iterator.
            ShortForms.yields(double, *items, raises=raises)
        else:
            # ``__aiter__`` hands out an iterator: a fresh one per ``async for``.
            name = f"{label_of(double)}.__aiter__()"
            ShortForms.answers(
                double.__aiter__,
                lambda: async_iter(items, raises=raises, name=name),
            )
        return self


class AsyncIterContextBuilder(
    AsyncIterableBuilder[T_contra], AsyncContextBuilder[U_contra]
):
    """``fakes.on(double)`` for a double that is both: ``yields`` and ``enters``.

    ``T_contra`` is what ``async for`` gives, ``U_contra`` what ``async with``
    gives (often the object itself, as for a websocket connection).

    Example:
        >>> import asyncio, fakes
        >>> from collections.abc import AsyncIterator
        >>> class Socket:
        ...     def __aiter__(self) -> AsyncIterator[bytes]: ...
        ...     async def __aenter__(self) -> "Socket": ...
        ...     async def __aexit__(self, *exc_info: object) -> None: ...
        >>> socket = fakes.async_double(Socket)
        >>> _ = fakes.on(socket).enters(socket).yields(b"hi")
        >>> async def main() -> list[bytes]:
        ...     async with socket as open_socket:
        ...         return [message async for message in open_socket]
        >>> asyncio.run(main())
        [b'hi']
    """

    __slots__ = ()


class AwaitableBuilder(Builder, Generic[T_contra]):
    """What ``fakes.on(double)`` gives for an awaitable double that is not a call.

    A double of an object whose class has ``__await__`` (a call object, a
    future-like class), or of an async property: what awaiting it gives is
    checked against the awaited type.

    Example:
        >>> import asyncio, fakes
        >>> class Device:
        ...     @property
        ...     async def ready(self) -> bool: ...
        >>> device = fakes.async_double(Device)
        >>> _ = fakes.on(device.ready).returns(True)
        >>> async def main() -> bool:
        ...     return await device.ready
        >>> asyncio.run(main())
        True
    """

    __slots__ = ()

    def returns(self, value: T_contra, /) -> Self:
        """Make every await give ``value``."""
        ShortForms.returns(self._double, value)
        return self

    def raises(self, error: _Error, /) -> Self:
        """Make every await raise ``error``."""
        ShortForms.raises(self._double, error)
        return self

    def script(self, *steps: T_contra | Step[T_contra] | ScriptStep) -> Self:
        """Perform one step per await (see ``script()`` of a member)."""
        ShortForms.script(self._double, *steps)
        return self

    def gate(self) -> Gate:
        """Hold every await of the double until the gate releases it."""
        return ShortForms.gate(self._double)
