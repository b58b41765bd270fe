"""A top-level module whose name starts with ``_``, imported as ``_private_mod``.

Its classes are a user's own, though the module's name looks private: an
instance of ``Database`` as a spec must read like the class.
"""

from __future__ import annotations


class Pool:
    async def acquire(self, timeout: float) -> Connection:
        raise NotImplementedError

    def size(self) -> int:
        return 0


class Connection:
    async def execute(self, query: str) -> int:
        raise NotImplementedError


class Database:
    pool: Pool
    label: str

    def __init__(self) -> None:
        self.pool = Pool()
        self.label = "main"
        self.options = {"retries": 3}
