"""The coroutine of a call that the caller may await or drop.

A sync method annotated as returning ``T | Awaitable[T]`` (redis's commands)
is an awaited member whose call a caller may also never await (a pipeline
buffers it). Its call returns an :class:`OptionalAwait`: a coroutine to
asyncio, that closes the call's coroutine when dropped unawaited, so Python
does not warn about it.
"""

from __future__ import annotations

from collections import abc
from typing import Any

__all__ = ["OptionalAwait"]


class OptionalAwait(abc.Coroutine):  # type: ignore[type-arg]
    """A call's coroutine that the caller may also drop without awaiting it.

    It is a coroutine to asyncio (``create_task`` takes it); dropped before
    it was awaited, it is closed, so Python does not warn that it was never
    awaited. The call stays recorded as made and never awaited.
    """

    __slots__ = ("_coro", "_taken")

    def __init__(self, coro: Any) -> None:
        self._coro = coro
        self._taken = False

    def __await__(self) -> Any:
        self._taken = True
        return self._coro.__await__()

    def send(self, value: Any) -> Any:
        self._taken = True
        return self._coro.send(value)

    def throw(self, *args: Any) -> Any:
        self._taken = True
        return self._coro.throw(*args)

    def close(self) -> None:
        self._coro.close()

    def __del__(self) -> None:
        # Once awaited, the coroutine runs on without this wrapper.
        if not self._taken:
            self._coro.close()
