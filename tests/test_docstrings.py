"""The examples in the docstrings of src/fakes run and print what they say."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import fakes

MODULES = [
    *sorted(
        info.name
        for info in pkgutil.walk_packages(fakes.__path__, "fakes.")
        if info.name != "fakes.pytest_plugin"
    ),
    "fakes",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstrings_examples(name):
    """Every docstring example of the module passes as a doctest."""
    module = importlib.import_module(name)

    result = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )

    assert result.failed == 0
