"""Every example under examples/ runs and succeeds."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLES = sorted(
    path
    for path in (Path(__file__).parent.parent / "examples").glob("*.py")
    if path.name != "run_all.py"
)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_examples_run(path, capsys):
    """The example runs to the end without an exception."""
    runpy.run_path(str(path), run_name="__main__")
