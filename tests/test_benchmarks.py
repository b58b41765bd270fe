"""The benchmark script runs to the end in quick mode (timings are not checked)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
SCENARIOS = [
    "create spec-less double",
    "create double, 10 methods",
    "create double, 100 methods",
    "create double, 1000 methods",
    "first access of .m0 (10 methods)",
    "await, spec-less .returns(1)",
    "await, spec'd repo.get.returns(1)",
    "memory per await, spec-less",
    "memory per await, spec'd member",
    "suite of 20 tests (total ms)",
    "explore: one run, 10 awaits",
]


def test_benchmarks_quick_run_prints_every_scenario():
    """`benchmarks/run.py --quick` completes and prints a row per scenario."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    for scenario in SCENARIOS:
        assert any(row.startswith(f"| {scenario} ") for row in rows), scenario
    assert "AsyncMock(spec=C)" in result.stdout
    assert "create_autospec(C, instance=True)" in result.stdout
    assert "hand-written fake class" in result.stdout
