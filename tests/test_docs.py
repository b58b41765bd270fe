"""Every ```python block in docs/ runs as a complete program.

A block is run as a script would be: in a fresh ``__main__`` module, so
``if __name__ == "__main__":`` works and annotations resolve as they would.
Fences may be indented (inside an admonition). A block right after an HTML
comment ``<!-- not-run -->`` is skipped (used sparingly: for a fragment that
cannot stand alone). A block right after ``<!-- file: NAME.py -->`` is also
saved as ``NAME.py`` in a folder on ``sys.path`` while every block of that
page runs, so a tutorial can say "save this as ``signup.py``" and import it.
"""

from __future__ import annotations

import re
import sys
import textwrap
import types
from pathlib import Path

import pytest

from fakes._ledger import Ledger, set_default_ledger

DOCS = Path(__file__).parent.parent / "docs"
FENCE = re.compile(r"^(\s*)```(\S*)\s*$")
NOT_RUN = "<!-- not-run -->"
FILE = re.compile(r"^<!-- file: ([\w/]+\.py) -->$")


def python_blocks(path: Path) -> list[tuple[int, str, str]]:
    """The ```python blocks of a page: (first line number, code, marker).

    The marker is the HTML comment on the line before the fence, or "".
    """
    blocks = []
    lines = path.read_text(encoding="utf-8").splitlines()
    index = 0
    previous = ""
    while index < len(lines):
        match = FENCE.match(lines[index])
        if match is None:
            if lines[index].strip():
                previous = lines[index].strip()
            index += 1
            continue
        indent, language = match.groups()
        start = index + 1
        end = start
        while end < len(lines) and lines[end].rstrip() != indent + "```":
            end += 1
        if language == "python":
            code = textwrap.dedent("\n".join(lines[start:end])) + "\n"
            marker = previous if previous.startswith("<!--") else ""
            blocks.append((start + 1, code, marker))
        previous = ""
        index = end + 1
    return blocks


BLOCKS = [
    pytest.param(
        path,
        line,
        code,
        marker,
        id=f"{path.relative_to(DOCS).as_posix()}:{number}",
    )
    for path in sorted(DOCS.rglob("*.md"))
    for number, (line, code, marker) in enumerate(python_blocks(path))
]


def page_files(path: Path, folder: Path) -> list[str]:
    """Write the blocks of the page marked as files; return their modules."""
    modules = []
    for _, code, marker in python_blocks(path):
        match = FILE.match(marker)
        if match is not None:
            target = folder / match.group(1)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(code, encoding="utf-8")
            modules.append(match.group(1).removesuffix(".py").replace("/", "."))
    return modules


@pytest.mark.parametrize(("path", "line", "code", "marker"), BLOCKS)
def test_docs_python_block_runs(path, line, code, marker, tmp_path, capsys):
    """The block runs to the end without an exception."""
    if marker == NOT_RUN:
        pytest.skip("marked <!-- not-run -->")
    modules = page_files(path, tmp_path)
    module = types.ModuleType("__main__")
    module.__file__ = f"{path}:{line}"
    program = compile("\n" * (line - 1) + code, str(path), "exec")
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = module
    sys.path.insert(0, str(tmp_path))
    # A program starts with an empty ledger, with or without the plugin.
    previous = set_default_ledger(Ledger())

    try:
        exec(program, module.__dict__)
    finally:
        set_default_ledger(previous)
        sys.modules["__main__"] = saved
        sys.path.remove(str(tmp_path))
        for name in modules:
            sys.modules.pop(name, None)


def test_docs_blocks_are_found():
    """The collector sees the blocks of the pages (a guard against a bad regex)."""
    pages_with_code = {param.values[0].name for param in BLOCKS}

    assert {"index.md", "tutorial.md", "typing.md"} <= pages_with_code
