"""Shared test configuration."""

from __future__ import annotations

import sys
from pathlib import Path

pytest_plugins = ["pytester"]

# tests/targets is imported as ``tests.targets`` from any working directory.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Report how CPython's AsyncMock tests fared with the doubles in place."""
    module = sys.modules.get("test_cpython_asyncmock")
    if module is None or module.MODULE is None:
        return
    version = sys.version.split()[0]
    for run, counts in module.COUNTS.items():
        if sum(counts.values()):
            outcomes = ", ".join(f"{count} {name}" for name, count in counts.items())
            terminalreporter.write_line(
                f"CPython testasync.py, Python {version}, doubles for {run}: {outcomes}"
            )
