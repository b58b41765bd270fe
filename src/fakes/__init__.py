"""Spec-aware async test doubles that record every call and every await.

Example:
    >>> import asyncio, fakes
    >>> class UserRepo:
    ...     async def get(self, user_id: int) -> dict: ...
    >>> repo = fakes.async_double(UserRepo)
    >>> _ = repo.get.returns({"id": 1})
    >>> asyncio.run(repo.get(1))
    {'id': 1}
"""

from fakes import errors
from fakes._async_context import AsyncContextDouble, async_context
from fakes._async_iter import AsyncIterDouble, async_iter
from fakes._builders import AsyncMemberBuilder, MemberBuilder, RuleBuilder
from fakes._cancelled import assert_cancelled
from fakes._clock import VirtualClock, virtual_time
from fakes._concurrency import (
    assert_awaited_concurrently,
    assert_not_awaited_concurrently,
)
from fakes._double.doubles import AsyncDouble, SyncDouble
from fakes._double.factory import async_double
from fakes._event import Event
from fakes._explore import explore
from fakes._explorer import ExploreReport
from fakes._gate import Gate, HeldAwait
from fakes._items import awaited, called
from fakes._ledger import Ledger, current_ledger
from fakes._max_concurrency import assert_max_concurrency, max_in_flight
from fakes._member_builders import AsyncContextMemberBuilder, AsyncIterMemberBuilder
from fakes._object_builders import (
    AsyncContextBuilder,
    AsyncIterableBuilder,
    AsyncIterContextBuilder,
    AwaitableBuilder,
)
from fakes._order import (
    assert_awaited_in_order,
    assert_called_in_order,
    assert_completed_in_order,
)
from fakes._patching.patch import patch_async
from fakes._script import cycle, delay, hang, repeat_last
from fakes._timeline import timeline
from fakes._typed import on
from fakes._unittest import LedgerTestMixin
from fakes._verify import assert_all_awaited, verify

__all__ = [
    "AsyncContextBuilder",
    "AsyncContextDouble",
    "AsyncContextMemberBuilder",
    "AsyncDouble",
    "AsyncIterContextBuilder",
    "AsyncIterDouble",
    "AsyncIterMemberBuilder",
    "AsyncIterableBuilder",
    "AsyncMemberBuilder",
    "AwaitableBuilder",
    "Event",
    "ExploreReport",
    "Gate",
    "HeldAwait",
    "Ledger",
    "LedgerTestMixin",
    "MemberBuilder",
    "RuleBuilder",
    "SyncDouble",
    "VirtualClock",
    "assert_all_awaited",
    "assert_awaited_concurrently",
    "assert_awaited_in_order",
    "assert_called_in_order",
    "assert_cancelled",
    "assert_completed_in_order",
    "assert_max_concurrency",
    "assert_not_awaited_concurrently",
    "async_context",
    "async_double",
    "async_iter",
    "awaited",
    "called",
    "current_ledger",
    "cycle",
    "delay",
    "errors",
    "explore",
    "hang",
    "max_in_flight",
    "on",
    "patch_async",
    "repeat_last",
    "timeline",
    "verify",
    "virtual_time",
]
