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
from fakes._double import async_double
from fakes._gate import Gate, HeldAwait
from fakes._ledger import Event, Ledger, current_ledger
from fakes._script import cycle, delay, hang, repeat_last
from fakes._timeline import timeline

__all__ = [
    "AsyncContextDouble",
    "AsyncIterDouble",
    "Event",
    "Gate",
    "HeldAwait",
    "Ledger",
    "async_context",
    "async_double",
    "async_iter",
    "current_ledger",
    "cycle",
    "delay",
    "errors",
    "hang",
    "repeat_last",
    "timeline",
]
