"""The seam to ``unittest.mock``: every private name relied on still exists."""

from __future__ import annotations

import ast
from pathlib import Path
from unittest import mock

import pytest

from fakes import _stdlib

_SOURCE = Path(_stdlib.__file__).resolve().parent


@pytest.mark.parametrize("name", _stdlib.PRIVATE_MODULE_NAMES)
def test_stdlib_private_module_name_exists(name):
    """Each private module-level name of unittest.mock in the list exists."""
    found = hasattr(mock, name)

    assert found, f"unittest.mock.{name} is gone on this Python"


@pytest.mark.parametrize("key", _stdlib.STATE_KEYS)
def test_stdlib_state_key_exists(key):
    """Each state key the doubles read is in a fresh AsyncMock's __dict__."""
    state = vars(mock.AsyncMock())

    assert key in state, f"AsyncMock().__dict__ has no {key!r}"


@pytest.mark.parametrize("name", _stdlib.PRIVATE_METHODS)
def test_stdlib_private_method_exists(name):
    """Each private method the doubles call or override is on AsyncMock."""
    method = getattr(mock.AsyncMock, name, None)

    assert callable(method), f"AsyncMock.{name} is gone on this Python"


@pytest.mark.parametrize("name", _stdlib.PRIVATE_ATTRIBUTES)
def test_stdlib_private_call_attribute_exists(name):
    """Each private attribute of mock.call objects the doubles set exists."""
    present = name in vars(mock.call(1))

    assert present, f"unittest.mock._Call objects have no {name!r}"


def _private_mock_reads(path: Path) -> list[tuple[str, str]]:
    """``(place, name)`` of each ``mock._name`` read or import in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and isinstance(node.value, ast.Name)
            and node.value.id == "mock"
        ):
            found.append((f"{path.name}:{node.lineno}", node.attr))
        if isinstance(node, ast.ImportFrom) and node.module == "unittest.mock":
            found.extend(
                (f"{path.name}:{node.lineno}", alias.name)
                for alias in node.names
                if alias.name.startswith("_")
            )
    return found


def test_stdlib_private_names_read_only_in_the_seam():
    """No module but _stdlib.py reads a private name of unittest.mock."""
    modules = sorted(_SOURCE.rglob("*.py"))

    reads = [
        read
        for path in modules
        if path.name != "_stdlib.py"
        for read in _private_mock_reads(path)
    ]

    assert reads == []


def test_stdlib_seam_lists_what_it_reads():
    """Every private unittest.mock name _stdlib.py reads is in its list."""
    reads = _private_mock_reads(_SOURCE / "_stdlib.py")

    names = {name for _, name in reads}

    assert names == set(_stdlib.PRIVATE_MODULE_NAMES)
