"""Every ```python block of the documentation runs as a complete program."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import fakes

DOCS = Path(__file__).parent.parent / "docs"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
BLOCKS = [
    pytest.param(code, id=f"{path.relative_to(DOCS)}:{number}")
    for path in sorted(DOCS.rglob("*.md"))
    for number, code in enumerate(BLOCK.findall(path.read_text()), 1)
]


@pytest.mark.parametrize("code", BLOCKS)
def test_docs_block_runs(code):
    """The block runs to the end, with its own ledger."""
    with fakes.Ledger():
        exec(compile(code, "<docs>", "exec"), {"__name__": "__main__"})
