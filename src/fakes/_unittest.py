"""``LedgerTestMixin``: per-test ledgers and verification for unittest."""

from __future__ import annotations

from typing import ClassVar

from fakes._ledger import Ledger, set_default_ledger
from fakes._verify import verify

__all__ = ["LedgerTestMixin"]


class LedgerTestMixin:
    """Give each test of a ``unittest.TestCase`` a fresh ledger.

    Put it before the test case class in the bases. The test's ledger is
    ``self.fakes_ledger``; with ``fakes_verify = True`` on the class,
    ``fakes.verify()`` runs after each test (as a cleanup, so a problem is
    reported as a failure of that test). Works with ``TestCase`` and
    ``IsolatedAsyncioTestCase``.

    Example:
        >>> import unittest, fakes
        >>> class FetchTest(fakes.LedgerTestMixin, unittest.IsolatedAsyncioTestCase):
        ...     async def test_fetch(self):
        ...         fetch = fakes.async_double(name="fetch")
        ...         await fetch(1)
        ...         self.assertEqual(len(self.fakes_ledger), 3)
        >>> suite = unittest.defaultTestLoader.loadTestsFromTestCase(FetchTest)
        >>> unittest.TextTestRunner(stream=open("/dev/null", "w")).run(suite)
        <unittest.runner.TextTestResult run=1 errors=0 failures=0>
    """

    fakes_verify: ClassVar[bool] = False
    fakes_ledger: Ledger

    def setUp(self) -> None:
        """Install a fresh ledger for the test (call it from your own setUp)."""
        super().setUp()  # type: ignore[misc]
        self.fakes_ledger = Ledger()
        previous = set_default_ledger(self.fakes_ledger)
        # Cleanups run last-in first-out: verification before restoring.
        self.addCleanup(set_default_ledger, previous)  # type: ignore[attr-defined]
        if self.fakes_verify:
            self.addCleanup(self._fakes_verify)  # type: ignore[attr-defined]

    def _fakes_verify(self) -> None:
        verify(self.fakes_ledger)
