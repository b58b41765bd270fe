"""The pytest plugin: each test records to a fresh ledger.

Registered through the ``pytest11`` entry point, so installing ``async-fakes``
is enough. The ``fakes_ledger`` fixture gives a test its ledger. The
``virtual_time`` marker (or the ``fakes_clock`` fixture) runs a test and its
function-scoped fixtures under ``fakes.virtual_time()``.

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

from fakes._clock import VirtualClock
from fakes._ledger import Ledger, set_default_ledger

__all__ = ["fakes_clock", "fakes_ledger", "pytest_configure"]

_MARKER = "virtual_time"


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``virtual_time`` marker."""
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(autojump_threshold=0.0): run the test and its "
        "function-scoped fixtures under fakes.virtual_time(): asyncio loop "
        "time jumps to the next timer whenever the loop is idle.",
    )


@pytest.fixture(autouse=True)
def fakes_ledger() -> Iterator[Ledger]:
    """Give the test a fresh process-wide ledger, and restore the old one."""
    ledger = Ledger()
    previous = set_default_ledger(ledger)
    try:
        yield ledger
    finally:
        set_default_ledger(previous)


@pytest.fixture
def fakes_clock(request: pytest.FixtureRequest) -> Iterator[VirtualClock]:
    """Run the test under ``fakes.virtual_time()`` and give it the clock.

    The clock applies to every asyncio loop that runs in the test's thread
    while the test runs, whichever scope pytest-asyncio gives the loop. The
    ``virtual_time`` marker's keyword arguments are passed on.
    """
    marker = request.node.get_closest_marker(_MARKER)
    options = {} if marker is None else dict(marker.kwargs)
    with VirtualClock(**options) as clock:
        yield clock


@pytest.fixture(autouse=True)
def _fakes_virtual_time_marker(request: pytest.FixtureRequest) -> None:
    """Start the ``fakes_clock`` fixture for tests marked ``virtual_time``."""
    if request.node.get_closest_marker(_MARKER) is not None:
        request.getfixturevalue("fakes_clock")
