"""tests/typing/: the accepted code runs, and every rejected case is marked.

The type checkers themselves run in the nox ``types`` session (``mypy`` and
``basedpyright`` over src/ and tests/typing/); these tests keep the files
honest at run time and in shape.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

from fakes._double.doubles import AsyncDouble

TYPING = Path(__file__).parent / "typing"
ACCEPT = sorted(TYPING.glob("accept_*.py"))
REJECT = sorted(TYPING.glob("reject_*.py"))
MYPY_IGNORE = re.compile(r"# type: ignore\[[a-z-]+(, [a-z-]+)*\]")
PYRIGHT_IGNORE = re.compile(r"# pyright: ignore\[[A-Za-z]+(, [A-Za-z]+)*\]")
# Needs double.when() at run time; typed (and checked) already.
NEEDS_WHEN = {"accept_when.py"}


@pytest.mark.parametrize("path", ACCEPT, ids=lambda path: path.name)
def test_typing_accepted_code_runs(path):
    """Code the checkers accept also does what it says at run time."""
    if path.name in NEEDS_WHEN and not hasattr(AsyncDouble, "when"):
        pytest.skip("doubles have no when() at run time yet")

    runpy.run_path(str(path), run_name="__main__")


@pytest.mark.parametrize("path", REJECT, ids=lambda path: path.name)
def test_typing_rejected_cases_carry_both_ignores(path):
    """Each rejected line names the error of mypy and of pyright, no other."""
    lines = path.read_text(encoding="utf-8").splitlines()

    marked = [
        line
        for line in lines
        if MYPY_IGNORE.search(line) or PYRIGHT_IGNORE.search(line)
    ]

    assert marked
    for line in marked:
        assert MYPY_IGNORE.search(line), line
        assert PYRIGHT_IGNORE.search(line), line


def test_typing_has_enough_cases_each_way():
    """At least 38 accepted cases and 38 rejected ones."""
    accepted = sum(
        len(re.findall(r"^    # \d+\. ", path.read_text(encoding="utf-8"), re.M))
        for path in ACCEPT
    )

    rejected = sum(
        path.read_text(encoding="utf-8").count("# pyright: ignore[") for path in REJECT
    )

    assert accepted >= 38
    assert rejected >= 38
