"""LedgerTestMixin under unittest, run by ``python -m unittest``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_ledger_test_mixin_under_python_m_unittest():
    """python -m unittest runs the example's test case; every test passes."""
    completed = subprocess.run(
        [sys.executable, "-m", "unittest", "-v", "runner_unittest"],
        cwd=EXAMPLES,
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    assert "Ran 2 tests" in completed.stderr
    assert completed.stderr.rstrip().endswith("OK")


def test_ledger_test_mixin_verification_reports_error():
    """With fakes_verify = True, a call never awaited fails the test."""
    import unittest

    import fakes

    fetch = fakes.async_double(name="fetch")

    class Verified(fakes.LedgerTestMixin, unittest.TestCase):
        fakes_verify = True

        def test_drops_coroutine(self) -> None:
            fetch(1).close()

    suite = unittest.defaultTestLoader.loadTestsFromTestCase(Verified)
    result = unittest.TestResult()

    suite.run(result)

    assert result.testsRun == 1
    assert len(result.failures) == 1
    assert (
        result.failures[0][1]
        .rstrip()
        .endswith(
            "fakes.errors.VerificationError: fakes.verify() found 1 problem:\n"
            "  1. fetch(1) was called (#0) but never awaited: await the coroutine it "
            "returns, or do not call it."
        )
    )


def test_ledger_test_mixin_restores_the_previous_ledger():
    """After the test, the ledger that was current before it is current again."""
    import unittest

    import fakes

    seen = []

    class Recorded(fakes.LedgerTestMixin, unittest.TestCase):
        def test_sees_its_ledger(self) -> None:
            seen.append(fakes.current_ledger() is self.fakes_ledger)

    suite = unittest.defaultTestLoader.loadTestsFromTestCase(Recorded)
    before = fakes.current_ledger()

    suite.run(unittest.TestResult())

    assert seen == [True]
    assert fakes.current_ledger() is before


def test_ledger_test_mixin_verifies_the_tests_own_ledger():
    """Verification checks the test's ledger, not a ledger made current around it."""
    import unittest

    import fakes

    fetch = fakes.async_double(name="fetch")

    class Verified(fakes.LedgerTestMixin, unittest.TestCase):
        fakes_verify = True

        def test_nothing(self) -> None:
            pass

    suite = unittest.defaultTestLoader.loadTestsFromTestCase(Verified)
    result = unittest.TestResult()

    with fakes.Ledger() as outer:
        fetch(1).close()
        suite.run(result)

    assert len(outer.events("called")) == 1
    assert (result.testsRun, result.failures, result.errors) == (1, [], [])
