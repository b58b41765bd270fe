"""The pytest plugin: a fresh ledger per test, verification, virtual time.

Registered through the ``pytest11`` entry point, so installing ``async-fakes``
is enough. It never runs async tests itself and never creates an event loop:
pytest-asyncio, anyio or any other runner keeps doing that.

* ``fakes_ledger`` (autouse): each test records to a ledger of its own, also
  when doubles are shared between tests at module level; patches the test
  started and never stopped are undone at teardown.
* ``@pytest.mark.fakes_verify`` or the ini option ``fakes_verify = true``:
  after the test, ``fakes.verify()`` runs on the test's ledger and a problem
  is reported as an error of the test's teardown.
* ``@pytest.mark.virtual_time`` (or the ``fakes_clock`` fixture): the test and
  its function-scoped fixtures run under ``fakes.virtual_time()``.

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

import inspect
from collections.abc import Generator, Iterator

import pytest

from fakes._clock import VirtualClock
from fakes._ledger import Ledger, set_default_ledger
from fakes._patching.registry import patch_mark, undo_patches_since
from fakes._verify import end_of_body, end_of_test, verify

__all__ = [
    "fakes_clock",
    "fakes_ledger",
    "pytest_addoption",
    "pytest_configure",
    "pytest_pyfunc_call",
    "pytest_pyfunc_call_end_of_body",
]

_VERIFY = "fakes_verify"
_LEDGER = pytest.StashKey[Ledger]()
_VIRTUAL_TIME = "virtual_time"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the ``fakes_verify`` ini option."""
    parser.addini(
        _VERIFY,
        type="bool",
        help="Run fakes.verify() after every test (default: false).",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``fakes_verify`` and ``virtual_time`` markers."""
    config.addinivalue_line(
        "markers",
        f"{_VERIFY}(enabled=True): run fakes.verify() after this test "
        "(enabled=False turns it off where the ini option turns it on).",
    )
    config.addinivalue_line(
        "markers",
        f"{_VIRTUAL_TIME}(autojump_threshold=0.0): run the test and its "
        "function-scoped fixtures under fakes.virtual_time(): asyncio loop "
        "time jumps to the next timer whenever the loop is idle.",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Call a ``@fakes.explore`` test and drop the report it returns.

    pytest warns about a test that returns something; an explored test is a
    plain function that returns its ``ExploreReport``.
    """
    function = pyfuncitem.obj
    if not getattr(function, "fakes_explore", False):
        return None
    funcargs = pyfuncitem.funcargs
    names = inspect.signature(function).parameters
    function(**{name: funcargs[name] for name in names if name in funcargs})
    return True


def _verification_enabled(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker(_VERIFY)
    if marker is not None:
        default = marker.args[0] if marker.args else True
        return bool(marker.kwargs.get("enabled", default))
    return bool(request.config.getini(_VERIFY))


@pytest.fixture(autouse=True)
def fakes_ledger(request: pytest.FixtureRequest) -> Iterator[Ledger]:
    """Give the test a fresh process-wide ledger, and restore the old one.

    At teardown, when enabled, ``fakes.verify()`` checks the test's ledger;
    then patches the test started with ``patch_async(...).start()`` and never
    stopped are undone (newest first), also when verification fails.
    """
    ledger = Ledger()
    previous = set_default_ledger(ledger)
    request.node.stash[_LEDGER] = ledger
    mark = patch_mark()
    try:
        yield ledger
        if _verification_enabled(request):
            verify(ledger)
    finally:
        end_of_test(ledger)
        undo_patches_since(mark)
        set_default_ledger(previous)


@pytest.hookimpl(wrapper=True, specname="pytest_pyfunc_call")
def pytest_pyfunc_call_end_of_body(
    pyfuncitem: pytest.Function,
) -> Generator[None, object, object]:
    """Mark the end of the test's body, before any fixture is torn down.

    A second implementation of ``pytest_pyfunc_call`` (pytest reads only
    names that start with ``pytest_``), wrapped around the call of the test.

    A runner may cancel the test's leftover tasks in its own teardown, before
    ours: the gates then know which awaits they held when the body ended.
    """
    try:
        return (yield)
    finally:
        ledger = pyfuncitem.stash.get(_LEDGER, None)
        if ledger is not None:
            end_of_body(ledger)


@pytest.fixture
def fakes_clock(request: pytest.FixtureRequest) -> Iterator[VirtualClock]:
    """Run the test under ``fakes.virtual_time()`` and give it the clock.

    The clock applies to every asyncio loop that runs in the test's thread
    while the test runs, whichever scope pytest-asyncio gives the loop. The
    ``virtual_time`` marker's keyword arguments are passed on.
    """
    marker = request.node.get_closest_marker(_VIRTUAL_TIME)
    options = {} if marker is None else dict(marker.kwargs)
    with VirtualClock(**options) as clock:
        yield clock


@pytest.fixture(autouse=True)
def _fakes_virtual_time_marker(request: pytest.FixtureRequest) -> None:
    """Start the ``fakes_clock`` fixture for tests marked ``virtual_time``."""
    if request.node.get_closest_marker(_VIRTUAL_TIME) is not None:
        request.getfixturevalue("fakes_clock")
