"""Awaitable doubles that are not coroutine functions.

Three shapes of spec are awaited without an ``async def`` to call:

* an object of a class with ``__await__`` (a gRPC call object, a future);
* an async property (``async def`` under ``@property``, or a property
  annotated as returning ``Awaitable[T]``), whose value is awaited;
* a sync method annotated as returning ``Awaitable[T]``, ``Coroutine[Any,
  Any, T]`` or a class with ``__await__`` (``stub.Method(request)``).

The last one becomes an async member (its call returns a coroutine). The
first two are doubles that are awaitable themselves: each await is recorded
on the double (``called``, ``started``, then ``returned``, ``raised`` or
``cancelled``) and gives what ``returns()``, ``raises()``, ``script()`` or a
gate says; unconfigured, a double of the type the annotations name. An await
takes the await path of ``AsyncDouble`` itself, as if the double were called
without arguments and the call awaited at once.
"""

from __future__ import annotations

import typing
from typing import Any
from unittest import mock

from fakes._double.doubles import AsyncDouble
from fakes._double.fastmock import recorded_call
from fakes._ledger import CALLED, current_ledger

__all__ = ["AwaitableMixin"]


class AwaitableMixin:
    """``await double``: recorded on the double, answered by its configuration.

    The class that mixes it in provides ``_fakes_await_default()``: what an
    unconfigured await gives.
    """

    # Strict verification counts awaits, not calls, as its uses.
    _fakes_awaitable = True

    # AsyncDouble's await path, shared: the double counts its awaits where
    # an AsyncMock does (await_count, await_args, await_args_list).
    _fakes_run: Any = AsyncDouble._fakes_run
    _fakes_stdlib: Any = AsyncDouble._fakes_stdlib

    def __init__(self, /, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The await path reads these as on an AsyncMock. Once per class: the
        # template the state of each double is copied from then has them.
        state = self.__dict__
        if "_mock_await_count" not in state:
            state["_mock_await_count"] = 0
            state["_mock_await_args"] = None
            state["_mock_await_args_list"] = []
            state.setdefault("_mock_return_value", mock.DEFAULT)
            state.setdefault("_mock_side_effect", None)

    def __await__(self) -> typing.Generator[Any, None, Any]:
        ledger = current_ledger()
        call = recorded_call(((), {}))
        seq = ledger.record(CALLED, self, -1, call)
        return self._fakes_run(ledger, seq, call, (), {}).__await__()  # type: ignore[no-any-return]

    def _fakes_await_default(self) -> Any:
        raise NotImplementedError
