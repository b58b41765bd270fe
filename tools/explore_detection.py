"""Measure how soon ``fakes.explore`` finds the bugs of the explore examples.

For each example under ``examples/explore_*.py`` and each random strategy,
explore the buggy version with seeds 0..19 (default 200 runs each) and
record the run that failed first; explore the fixed version with the same
seeds and check that every run passes. Then run the exhaustive strategy on
both. Run from the repository root:

    PYTHONPATH=src python tools/explore_detection.py [--seeds 20] [--markdown]

The per-run detection rate is estimated as (seeds that found the bug) /
(runs made in total until each found it, or 200 if it did not): the
maximum-likelihood rate of a geometric distribution.
"""

from __future__ import annotations

import argparse
import runpy
import statistics
import sys
from pathlib import Path
from typing import Any

import fakes

EXAMPLES = {
    "explore_cache.py": ("BuggyCache", "FixedCache"),
    "explore_lost_update.py": ("BuggyWallet", "FixedWallet"),
    "explore_cancel_cleanup.py": ("BuggyRefresher", "FixedRefresher"),
}


def first_failure(scenario: Any, **options: Any) -> int | None:
    """The run that failed first, or ``None`` when every run passed."""
    try:
        fakes.explore(**options)(scenario)()
    except fakes.errors.InterleavingError as error:
        return error.run
    return None


def exhaustive(scenario: Any) -> str:
    """Where the exhaustive strategy fails, or how many schedules pass."""
    found = first_failure(scenario, strategy="exhaustive", runs=100_000)
    if found is None:
        report = fakes.explore(strategy="exhaustive", runs=100_000)(scenario)()
        return f"passes all {report.runs} schedules"
    return f"fails in schedule {found}"


def main(argv: list[str] | None = None) -> int:
    """Print the table; exit 1 unless every buggy version is found, fixes pass."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    examples = Path(__file__).resolve().parent.parent / "examples"
    rows = []
    ok = True
    for file, (buggy, fixed) in EXAMPLES.items():
        module = runpy.run_path(str(examples / file))
        scenario = module["scenario"]
        for strategy in ("random", "pct"):
            found = [
                first_failure(
                    scenario(module[buggy]),
                    seed=seed,
                    strategy=strategy,
                    runs=args.runs,
                )
                for seed in range(args.seeds)
            ]
            hits = [run for run in found if run is not None]
            spent = sum(run if run is not None else args.runs for run in found)
            fixed_fails = [
                seed
                for seed in range(args.seeds)
                if first_failure(
                    scenario(module[fixed]),
                    seed=seed,
                    strategy=strategy,
                    runs=args.runs,
                )
                is not None
            ]
            ok = ok and len(hits) == args.seeds and not fixed_fails
            rows.append(
                (
                    file,
                    strategy,
                    f"{len(hits)}/{args.seeds}",
                    f"{len(hits) / spent:.2f}",
                    f"{statistics.mean(hits):.1f}" if hits else "-",
                    str(max(hits)) if hits else "-",
                    "all pass" if not fixed_fails else f"fails: seeds {fixed_fails}",
                )
            )
        rows.append(
            (
                file,
                "exhaustive",
                exhaustive(scenario(module[buggy])),
                "",
                "",
                "",
                exhaustive(scenario(module[fixed])),
            )
        )
    header = (
        "example",
        "strategy",
        "buggy found",
        "per-run rate",
        "mean run",
        "worst run",
        "fixed",
    )
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            print(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                )
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
