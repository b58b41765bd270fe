"""Print the mutation score of each module from mutmut's results.

Run after ``mutmut run`` (or ``nox -s mutation``) from the project root: it
reads ``mutants/src/fakes/**/*.py.meta`` and prints, per module, how many mutants
were killed (a test failed), timed out (counted as killed: the mutant never
finished), survived, had no test reaching them, or were not checked, and the
score killed / total.

    python tools/mutation_score.py [--markdown]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

RESULTS = Path("mutants/src/fakes")

# mutmut's exit codes of a mutant's test run, grouped.
KILLED = {1, 3}
TIMEOUT = {24, -24, 36, 152, 255}
SURVIVED = {0}
NO_TESTS = {5, 33}
COLUMNS = ("killed", "timeout", "survived", "no tests", "unchecked", "other")


def classify(code: int | None) -> str:
    """The column of one mutant's exit code."""
    if code in KILLED:
        return "killed"
    if code in TIMEOUT:
        return "timeout"
    if code in SURVIVED:
        return "survived"
    if code in NO_TESTS:
        return "no tests"
    if code is None:
        return "unchecked"
    return "other"


def tally() -> dict[str, Counter[str]]:
    """Each module's mutants, counted by column."""
    modules: dict[str, Counter[str]] = {}
    # Subpackages too (``_double/fastmock.py``): ``[tool.mutmut]`` mutates them.
    for meta in sorted(RESULTS.rglob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        counts: Counter[str] = Counter(classify(code) for code in codes.values())
        if codes:
            modules[meta.relative_to(RESULTS).as_posix().removesuffix(".meta")] = counts
    return modules


def score(counts: Counter[str]) -> tuple[int, int]:
    """Killed (timeouts included) and total."""
    return counts["killed"] + counts["timeout"], sum(counts.values())


def main(argv: list[str]) -> int:
    """Print the table; ``--markdown`` prints a Markdown table."""
    modules = tally()
    if not modules:
        print(f"no results under {RESULTS}: run `mutmut run` first")
        return 1
    total: Counter[str] = Counter()
    for counts in modules.values():
        total.update(counts)
    rows = [*modules.items(), ("all", total)]
    markdown = "--markdown" in argv
    header = ("module", *COLUMNS, "score")
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
    else:
        print(f"{header[0]:<28}" + "".join(f"{name:>10}" for name in header[1:]))
    for name, counts in rows:
        killed, all_ = score(counts)
        cells = [str(counts[column]) for column in COLUMNS]
        figure = f"{killed}/{all_} ({100 * killed / all_:.1f}%)"
        if markdown:
            print(f"| `{name}` | " + " | ".join(cells) + f" | {figure} |")
        else:
            print(f"{name:<28}" + "".join(f"{c:>10}" for c in cells) + f"  {figure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
