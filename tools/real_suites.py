r"""Run a project's own test suite as it is and with AsyncMock re-bound to a double.

For one project checkout and a Python (of a virtual environment where the
project's test dependencies and ``async-fakes`` are installed), the suite
runs twice with pytest:

1. as it is (``-p no:fakes``, so nothing of ``fakes`` is loaded);
2. with ``unittest.mock.AsyncMock`` re-bound to ``fakes.AsyncDouble`` by a
   small pytest plugin passed with ``-p``, which pytest imports before any
   conftest or test module. ``from unittest.mock import AsyncMock`` (or
   ``import *``) in the project's modules then gets the double, and so do
   ``patch()`` of an async target, ``create_autospec`` and ``MagicMock``'s
   async magic methods, which look ``AsyncMock`` up in ``unittest.mock``.
   The ``fakes`` pytest plugin is on, as it is for a user. With
   ``--magicmock``, ``unittest.mock.MagicMock`` is re-bound to
   ``fakes.SyncDouble`` too.

Each run writes a JUnit XML report; the script compares the two per test and
prints the counts, every test that passes as it is but not with the double
(with the first line of its failure), every test that fails as it is but
passes with the double, and how many tests built and awaited a double.
It exits with 1 when a test that passes as it is fails with the double.

Usage (from this repository's root)::

    python tools/real_suites.py CHECKOUT --python VENV/bin/python \
        [--timeout SECONDS] [--keep DIR] [--magicmock] [-- PYTEST ARGS...]

    # for example, zigpy without its one test module that needs the network:
    python tools/real_suites.py /tmp/rs/zigpy --python /tmp/rs/venv-zigpy/bin/python \
        -- tests --ignore=tests/ota/test_ota_providers.py

Get a checkout from the project's repository at a pinned commit, or unpack
its source distribution when that ships the tests
(``pip download --no-binary :all: --no-deps NAME==VERSION``). Make the
environment with the project's test requirements plus this repository
(``uv pip install -e PATH/TO/fakes``). The projects, versions and figures
measured are in docs/reliability.md. Not part of the test suite: it needs
the checkouts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

PLUGIN = "fakes_rebind_asyncmock"

# The plugin the second run loads with ``-p``: pytest imports it before any
# conftest.py or test module, so the rebinding is in place for their imports.
PLUGIN_SOURCE = textwrap.dedent(
    '''
    """Re-bind unittest.mock.AsyncMock to fakes.AsyncDouble for a whole run."""

    import json
    import os
    import unittest.mock

    import pytest

    import fakes
    from fakes._double.fastmock import FastMockMixin

    unittest.mock.AsyncMock = fakes.AsyncDouble
    if os.environ.get("FAKES_REBIND_MAGICMOCK"):
        unittest.mock.MagicMock = fakes.SyncDouble
    _STATS = {"tests": 0, "built": 0, "recorded": 0}
    _INIT = FastMockMixin.__init__
    _BUILT = [0]


    def _counting_init(self, /, *args, **kwargs):
        _BUILT[0] += 1
        _INIT(self, *args, **kwargs)


    FastMockMixin.__init__ = _counting_init


    def pytest_report_header(config):
        return f"unittest.mock.AsyncMock is {unittest.mock.AsyncMock!r}"


    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(item, nextitem):
        before = _BUILT[0]
        yield
        _STATS["tests"] += 1
        _STATS["built"] += _BUILT[0] > before


    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(item):
        yield
        _STATS["recorded"] += len(fakes.current_ledger()) > 0


    def pytest_unconfigure(config):
        path = os.environ.get("FAKES_REBIND_STATS")
        if path:
            with open(path, "w", encoding="utf-8") as stats:
                json.dump(_STATS, stats)
    '''
)

Outcomes = dict[str, tuple[str, str]]


def outcomes(report: Path) -> Outcomes:
    """``{test id: (outcome, first line of its message)}`` from a JUnit report."""
    results: Outcomes = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        test_id = f"{case.get('classname')}::{case.get('name')}"
        outcome, message = "passed", ""
        for child in case:
            if child.tag in ("failure", "error"):
                outcome = "failed"
                message = (child.get("message") or "").splitlines()[0:1]
                message = message[0] if message else child.tag
                break
            if child.tag == "skipped":
                outcome = "skipped"
        results[test_id] = (outcome, message)
    return results


def run(
    checkout: Path,
    python: str,
    pytest_args: list[str],
    *,
    double: bool,
    folder: Path,
    timeout: float,
    magicmock: bool = False,
) -> tuple[Outcomes, dict[str, int]]:
    """Run the suite once; return its outcomes and, with the double, its stats."""
    label = "double" if double else "as-is"
    report = folder / f"{label}.xml"
    stats_path = folder / "stats.json"
    env = dict(os.environ)
    command = [python, "-m", "pytest", "-p", "no:cacheprovider", "-q"]
    command += ["--junitxml", str(report), "-o", "junit_family=xunit2"]
    if double:
        (folder / f"{PLUGIN}.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
        paths = [str(folder), *filter(None, env.get("PYTHONPATH", "").split(":"))]
        env["PYTHONPATH"] = os.pathsep.join(paths)
        env["FAKES_REBIND_STATS"] = str(stats_path)
        if magicmock:
            env["FAKES_REBIND_MAGICMOCK"] = "1"
        command += ["-p", PLUGIN]
    else:
        command += ["-p", "no:fakes"]
    command += pytest_args
    print(f"[{label}] {' '.join(command)}", flush=True)
    with open(folder / f"{label}.log", "w", encoding="utf-8") as log:
        subprocess.run(
            command,
            cwd=checkout,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=timeout,
            check=False,
        )
    stats: dict[str, int] = {}
    if double and stats_path.exists():
        stats = json.loads(stats_path.read_text(encoding="utf-8"))
    return outcomes(report), stats


def compare(before: Outcomes, after: Outcomes) -> tuple[list[str], list[str]]:
    """Tests that pass as they are and not with the double, and the reverse."""
    broken = [
        test
        for test, (outcome, _) in before.items()
        if outcome == "passed" and after.get(test, ("missing", ""))[0] != "passed"
    ]
    fixed = [
        test
        for test, (outcome, _) in after.items()
        if outcome == "passed" and before.get(test, ("missing", ""))[0] == "failed"
    ]
    return broken, fixed


def main(argv: list[str]) -> int:
    """Run the suite both ways and report; 1 when a passing test broke."""
    pytest_args: list[str] = []
    if "--" in argv:
        split = argv.index("--")
        argv, pytest_args = argv[:split], argv[split + 1 :]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path, help="the project's source tree")
    parser.add_argument("--python", required=True, help="the venv's python")
    parser.add_argument("--timeout", type=float, default=3600.0)
    parser.add_argument("--keep", type=Path, help="keep reports and logs here")
    parser.add_argument(
        "--magicmock",
        action="store_true",
        help="also re-bind unittest.mock.MagicMock to fakes.SyncDouble",
    )
    args = parser.parse_args(argv)

    checkout = args.checkout.resolve()
    with tempfile.TemporaryDirectory() as temporary:
        folder = (args.keep or Path(temporary)).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        common = {"folder": folder, "timeout": args.timeout}
        before, _ = run(checkout, args.python, pytest_args, double=False, **common)
        after, stats = run(
            checkout,
            args.python,
            pytest_args,
            double=True,
            magicmock=args.magicmock,
            **common,
        )

    broken, fixed = compare(before, after)
    for label, results in (("as it is", before), ("with the double", after)):
        counts = Counter(outcome for outcome, _ in results.values())
        print(
            f"{args.checkout.name} {label}: {counts['passed']} passed, "
            f"{counts['failed']} failed, {counts['skipped']} skipped"
        )
    if stats:
        print(
            f"with the double: {stats['built']} of {stats['tests']} tests built "
            f"a double, {stats['recorded']} recorded calls or awaits"
        )
    print(f"pass as they are, not with the double: {len(broken)}")
    for test in broken:
        print(f"  {test}: {after.get(test, ('missing', 'not run'))[1]}")
    print(f"fail as they are, pass with the double: {len(fixed)}")
    for test in fixed:
        print(f"  {test}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
