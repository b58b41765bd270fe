"""Run every example in this folder; fail if any of them fails."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    failed = []
    for path in sorted(HERE.glob("*.py")):
        if path.name == "run_all.py":
            continue
        try:
            runpy.run_path(str(path), run_name="__main__")
        except BaseException as error:
            failed.append(f"{path.name}: {type(error).__name__}: {error}")
        else:
            print(f"ok  {path.name}")
    for line in failed:
        print(f"FAILED  {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
