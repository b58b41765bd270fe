"""The pytest plugin, run in inner pytest sessions with pytester."""

from __future__ import annotations

import pytest

import fakes

# One module-level double shared by every test of the inner files, so that
# isolation is about the ledger, not about fresh doubles.
SHARED_DOUBLE_TESTS = """
import fakes

fetch = fakes.async_double(name="fetch")


{marker}
async def test_first(fakes_ledger):
    await fetch(1)
    assert [(e.kind, e.args) for e in fakes_ledger] == [
        ("called", (1,)), ("started", (1,)), ("returned", (1,))
    ]


{marker}
async def test_second(fakes_ledger):
    await fetch(2)
    await fetch(3)
    assert [e.args for e in fakes_ledger.events("started")] == [(2,), (3,)]
    assert fakes.current_ledger() is fakes_ledger
"""


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    options = ["-p", "no:cacheprovider", "-p", "no:benchmark"]
    if "no:asyncio" not in args:
        options += ["-o", "asyncio_default_fixture_loop_scope=function"]
    return pytester.runpytest(*options, *args)


def test_fakes_ledger_isolated_between_tests(pytester: pytest.Pytester):
    """Each test sees only its own events, even with a shared double."""
    pytester.makepyfile(SHARED_DOUBLE_TESTS.format(marker=""))

    result = _run(pytester, "-p", "asyncio", "--asyncio-mode=auto")

    result.assert_outcomes(passed=2)


def test_fakes_ledger_with_pytest_asyncio_strict_mode(pytester: pytest.Pytester):
    """Under pytest-asyncio's strict mode, marked tests get their ledgers."""
    pytester.makepyfile(
        "import pytest\n" + SHARED_DOUBLE_TESTS.format(marker="@pytest.mark.asyncio")
    )

    result = _run(pytester, "-p", "asyncio", "--asyncio-mode=strict")

    result.assert_outcomes(passed=2)


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_fakes_ledger_with_anyio(pytester: pytest.Pytester, backend: str):
    """anyio's plugin runs the tests on asyncio and trio; ledgers stay per test."""
    pytester.makeconftest(
        f"""
import pytest

@pytest.fixture
def anyio_backend():
    return {backend!r}
"""
    )
    pytester.makepyfile(
        "import pytest\n" + SHARED_DOUBLE_TESTS.format(marker="@pytest.mark.anyio")
    )

    result = _run(pytester, "-p", "no:asyncio")

    result.assert_outcomes(passed=2)


def test_fakes_ledger_under_xdist(pytester: pytest.Pytester):
    """With two xdist workers, ledgers stay per test and per process."""
    pytester.makepyfile(
        test_a=SHARED_DOUBLE_TESTS.format(marker=""),
        test_b=SHARED_DOUBLE_TESTS.format(marker=""),
        test_c=SHARED_DOUBLE_TESTS.format(marker=""),
    )

    result = _run(pytester, "-p", "asyncio", "--asyncio-mode=auto", "-n", "2")

    result.assert_outcomes(passed=6)


def test_fakes_ledger_restores_previous_default(
    pytester: pytest.Pytester, fakes_ledger: fakes.Ledger
):
    """After a test the process-wide ledger is the one from before the test."""
    pytester.makepyfile(
        """
import fakes

def test_inside(fakes_ledger):
    assert fakes.current_ledger() is fakes_ledger

def test_after(fakes_ledger):
    assert fakes.current_ledger() is fakes_ledger
"""
    )

    result = _run(pytester)

    result.assert_outcomes(passed=2)
    assert fakes.current_ledger() is fakes_ledger


NEVER_AWAITED = """
import pytest
import fakes

fetch = fakes.async_double(name="fetch")


{marker}
def test_calls_without_awaiting():
    fetch(1).close()  # the coroutine is dropped without ever being awaited
"""

VERIFY_REPORT = [
    "*ERROR at teardown of test_calls_without_awaiting*",
    "E*fakes.errors.VerificationError: fakes.verify() found 1 problem:",
    "E*  1. fetch(1) was called (#0) but never awaited: await the coroutine it "
    "returns, or do not call it.",
]


def test_fakes_verify_marker_fails_never_awaited_call(pytester: pytest.Pytester):
    """With the marker, a call never awaited fails the test at teardown."""
    pytester.makepyfile(NEVER_AWAITED.format(marker="@pytest.mark.fakes_verify"))

    result = _run(pytester)

    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(VERIFY_REPORT)


def test_fakes_verify_off_by_default(pytester: pytest.Pytester):
    """Without marker or ini option, nothing is verified after the test."""
    pytester.makepyfile(NEVER_AWAITED.format(marker=""))

    result = _run(pytester)

    result.assert_outcomes(passed=1)


def test_fakes_verify_ini_option_turns_it_on(pytester: pytest.Pytester):
    """The ini option verifies every test."""
    pytester.makeini("[pytest]\nfakes_verify = true\n")
    pytester.makepyfile(NEVER_AWAITED.format(marker=""))

    result = _run(pytester)

    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(VERIFY_REPORT)


def test_fakes_verify_ini_option_false_leaves_it_off(pytester: pytest.Pytester):
    """fakes_verify = false in the ini file verifies nothing."""
    pytester.makeini("[pytest]\nfakes_verify = false\n")
    pytester.makepyfile(NEVER_AWAITED.format(marker=""))

    result = _run(pytester)

    result.assert_outcomes(passed=1)


def test_fakes_verify_marker_can_turn_ini_option_off(pytester: pytest.Pytester):
    """fakes_verify(enabled=False) exempts one test from the ini option."""
    pytester.makeini("[pytest]\nfakes_verify = true\n")
    pytester.makepyfile(
        NEVER_AWAITED.format(marker="@pytest.mark.fakes_verify(enabled=False)")
    )

    result = _run(pytester)

    result.assert_outcomes(passed=1)


def test_fakes_verify_marker_takes_the_switch_as_argument(pytester: pytest.Pytester):
    """fakes_verify(False) and fakes_verify(True) turn verification off and on."""
    pytester.makeini("[pytest]\nfakes_verify = true\n")
    pytester.makepyfile(
        test_switch_off=NEVER_AWAITED.format(marker="@pytest.mark.fakes_verify(False)"),
        test_switch_on=NEVER_AWAITED.format(marker="@pytest.mark.fakes_verify(True)"),
    )

    result = _run(pytester, "test_switch_off.py", "test_switch_on.py")

    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(
        ["ERROR test_switch_on.py::test_calls_without_awaiting*"]
    )


def test_fakes_verify_checks_the_tests_own_ledger(pytester: pytest.Pytester):
    """Verification checks the test's ledger, not a ledger made current around it."""
    pytester.makepyfile(
        """
import pytest

@pytest.mark.fakes_verify
def test_clean():
    pass
"""
    )
    fetch = fakes.async_double(name="fetch")

    with fakes.Ledger() as outer:
        fetch(1).close()
        result = _run(pytester)

    result.assert_outcomes(passed=1)
    assert len(outer.events("called")) == 1


def test_fakes_verify_ini_option_in_help(pytester: pytest.Pytester):
    """pytest --help describes the ini option."""
    result = _run(pytester, "--help")

    result.stdout.fnmatch_lines(
        [
            "  fakes_verify (bool): *"
            "Run fakes.verify() after every test (default: false)."
        ]
    )


def test_fakes_markers_are_described(pytester: pytest.Pytester):
    """pytest --markers describes the fakes_verify and virtual_time markers."""
    result = _run(pytester, "--markers")

    result.stdout.fnmatch_lines(
        [
            "@pytest.mark.fakes_verify(enabled=True): run fakes.verify() after "
            "this test (enabled=False turns it off where the ini option turns it "
            "on).",
            "@pytest.mark.virtual_time(autojump_threshold=0.0): run the test and "
            "its function-scoped fixtures under fakes.virtual_time(): asyncio "
            "loop time jumps to the next timer whenever the loop is idle.",
        ],
        consecutive=False,
    )


def test_virtual_time_marker_passes_its_options_to_the_clock(
    pytester: pytest.Pytester,
):
    """The virtual_time marker's keyword arguments reach the clock."""
    pytester.makepyfile(
        """
import pytest

@pytest.mark.virtual_time(autojump_threshold=-1)
def test_marked():
    pass
"""
    )

    result = _run(pytester)

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "E*fakes.errors.VirtualTimeError: virtual_time(autojump_threshold=...) "
            "needs a finite number of seconds >= 0, got -1 seconds: virtual time "
            "only moves forward."
        ]
    )


def test_fakes_verify_passes_clean_test(pytester: pytest.Pytester):
    """A test whose calls were all awaited passes verification."""
    pytester.makepyfile(
        "import pytest\n"
        + SHARED_DOUBLE_TESTS.format(marker="@pytest.mark.fakes_verify")
    )

    result = _run(pytester, "-p", "asyncio", "--asyncio-mode=auto")

    result.assert_outcomes(passed=2)


def test_fakes_ledger_undoes_patches_left_started(pytester: pytest.Pytester):
    """A patch started and never stopped is undone at the test's teardown."""
    pytester.makepyfile(
        target="""
async def fetch(user_id: int) -> dict:
    return {"id": user_id}
"""
    )
    pytester.makepyfile(
        test_leak="""
import fakes
import target

ORIGINAL = target.fetch


def test_starts_and_forgets():
    fakes.patch_async("target.fetch").start()
    fakes.patch_async("target.fetch").start()
    assert target.fetch is not ORIGINAL


def test_sees_the_original():
    assert target.fetch is ORIGINAL
"""
    )

    result = _run(pytester, "-p", "no:randomly")

    result.assert_outcomes(passed=2)


def test_fakes_ledger_keeps_patches_of_wider_fixtures(pytester: pytest.Pytester):
    """A patch a module-scoped fixture started stays for every test of the module."""
    pytester.makepyfile(
        target="""
async def fetch(user_id: int) -> dict:
    return {"id": user_id}
"""
    )
    pytester.makepyfile(
        test_module_patch="""
import pytest
import fakes
import target

ORIGINAL = target.fetch


@pytest.fixture(scope="module")
def fetch_double():
    patch = fakes.patch_async("target.fetch")
    double = patch.start()
    yield double
    patch.stop()


def test_first(fetch_double):
    assert target.fetch is fetch_double


def test_second(fetch_double):
    assert target.fetch is fetch_double
"""
    )

    result = _run(pytester, "-p", "no:randomly")

    result.assert_outcomes(passed=2)
