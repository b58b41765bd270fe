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
from fakes._double import async_double
from fakes._ledger import Event, Ledger, current_ledger
from fakes._timeline import timeline
from fakes._typed import AsyncMemberBuilder, MemberBuilder, RuleBuilder, on

__all__ = [
    "AsyncMemberBuilder",
    "Event",
    "Ledger",
    "MemberBuilder",
    "RuleBuilder",
    "async_double",
    "current_ledger",
    "errors",
    "on",
    "timeline",
]
