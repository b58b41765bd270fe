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
