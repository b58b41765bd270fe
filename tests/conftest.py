"""Shared test configuration."""

from __future__ import annotations

import os
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


# Hypothesis: few examples in the normal suite, many under ``nox -s stress``
# (FAKES_HYPOTHESIS_PROFILE=stress). No example database in the worktree.
try:
    from hypothesis import HealthCheck, settings
except ImportError:  # pragma: no cover - hypothesis is a test dependency
    pass
else:
    settings.register_profile(
        "default-fakes",
        max_examples=40,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile(
        "stress",
        max_examples=2000,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.load_profile(os.environ.get("FAKES_HYPOTHESIS_PROFILE", "default-fakes"))
