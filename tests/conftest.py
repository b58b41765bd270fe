"""Shared test configuration."""

from __future__ import annotations

import os
import site
import sys
from pathlib import Path

import pytest

import fakes

pytest_plugins = ["pytester"]

# tests/targets is imported as ``tests.targets`` from any working directory.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

# Tests that start Python in a subprocess (pytester, ``python -m unittest``)
# must exercise the same ``fakes`` as this process, even when another copy is
# installed: a checkout on PYTHONPATH, or a copy under mutation testing.
_SOURCE = str(Path(fakes.__file__).resolve().parent.parent)
if _SOURCE not in site.getsitepackages():
    _paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    if _SOURCE not in _paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([_SOURCE, *filter(None, _paths)])


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Report how CPython's mock tests fared as they are and with the doubles."""
    module = sys.modules.get("test_cpython_asyncmock")
    if module is None:
        return
    version = sys.version.split()[0]
    for short, runs in module.COUNTS.items():
        for run, counts in runs.items():
            if sum(counts.values()):
                outcomes = ", ".join(f"{n} {name}" for name, n in counts.items())
                terminalreporter.write_line(
                    f"CPython {short}.py, Python {version}, {run}: {outcomes}"
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


# Stress tests (tests/test_stress.py) run only when asked for.


def pytest_addoption(parser):
    """``--run-stress``: run the tests marked ``stress``."""
    parser.addoption(
        "--run-stress",
        action="store_true",
        default=False,
        help="run the long-running tests marked stress (also FAKES_STRESS=1)",
    )


def pytest_configure(config):
    """Register the ``stress`` marker."""
    config.addinivalue_line(
        "markers", "stress: long-running stress test, skipped unless --run-stress"
    )


def pytest_collection_modifyitems(config, items):
    """Skip ``stress`` tests unless ``--run-stress`` or ``FAKES_STRESS=1``."""
    if config.getoption("--run-stress") or os.environ.get("FAKES_STRESS") == "1":
        return
    skip = pytest.mark.skip(reason="stress test: use --run-stress or nox -s stress")
    for item in items:
        if "stress" in item.keywords:
            item.add_marker(skip)


# Under mutmut (MUTANT_UNDER_TEST is set), forget what the library caches per
# spec class before each test: otherwise only the first test that reads a
# member runs the (mutated) code that reads it, and mutmut links the code to
# that test alone.
if os.environ.get("MUTANT_UNDER_TEST"):

    @pytest.fixture(autouse=True)
    def _fakes_cold_spec_caches():
        """Clear the spec and double-class caches (mutation testing only)."""
        from fakes import _spec

        _spec.forget_all()


@pytest.fixture(autouse=True)
def _subprocesses_skip_mutation_stats(monkeypatch):
    """Under mutmut's coverage pass, subprocesses run the code unmutated.

    That pass records which tests reach which function, which only works in
    the process mutmut started; the mutant runs themselves do reach
    subprocesses, so the plugin's own tests still kill the plugin's mutants.
    """
    if os.environ.get("MUTANT_UNDER_TEST") == "stats":
        monkeypatch.delenv("MUTANT_UNDER_TEST")
