"""The pytest plugin: each test records to a fresh ledger.

Registered through the ``pytest11`` entry point, so installing ``async-fakes``
is enough. The ``fakes_ledger`` fixture gives a test its ledger.

Example:
    A test that reads what its doubles saw::

        async def test_fetch(fakes_ledger):
            fetch = fakes.async_double(name="fetch")
            await fetch(1)
            assert [event.kind for event in fakes_ledger] == [
                "called", "started", "returned"
            ]
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fakes._ledger import Ledger, set_default_ledger

__all__ = ["fakes_ledger"]


@pytest.fixture(autouse=True)
def fakes_ledger() -> Iterator[Ledger]:
    """Give the test a fresh process-wide ledger, and restore the old one."""
    ledger = Ledger()
    previous = set_default_ledger(ledger)
    try:
        yield ledger
    finally:
        set_default_ledger(previous)
