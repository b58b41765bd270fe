"""The pytest plugin: a fresh ledger per test, and optional strict verification.

Registered through the ``pytest11`` entry point, so installing ``async-fakes``
is enough. It never runs async tests itself and never touches the event loop:
pytest-asyncio, anyio or any other runner keeps doing that.

* ``fakes_ledger`` (autouse): each test records to a ledger of its own, also
  when doubles are shared between tests at module level.
* ``@pytest.mark.fakes_verify`` or the ini option ``fakes_verify = true``:
  after the test, ``fakes.verify()`` runs on the test's ledger and a problem
  is reported as an error of the test's teardown.

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

__all__ = ["fakes_ledger", "pytest_addoption", "pytest_configure"]

_MARKER = "fakes_verify"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the ``fakes_verify`` ini option."""
    parser.addini(
        _MARKER,
        type="bool",
        default=False,
        help="Run fakes.verify() after every test (default: false).",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``fakes_verify`` marker."""
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(enabled=True): run fakes.verify() after this test "
        "(enabled=False turns it off where the ini option turns it on).",
    )


def _verification_enabled(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker(_MARKER)
    if marker is not None:
        return bool(marker.kwargs.get("enabled", marker.args[0] if marker.args else True))
    return bool(request.config.getini(_MARKER))


@pytest.fixture(autouse=True)
def fakes_ledger(request: pytest.FixtureRequest) -> Iterator[Ledger]:
    """Give the test a fresh process-wide ledger, and restore the old one."""
    ledger = Ledger()
    previous = set_default_ledger(ledger)
    try:
        yield ledger
        if _verification_enabled(request):
            from fakes._verify import verify

            verify(ledger)
    finally:
        set_default_ledger(previous)
