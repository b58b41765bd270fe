"""Every example under examples/ runs and succeeds, and every public name has one."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

import fakes

EXAMPLES_DIR = Path(__file__).parent.parent / "examples"
EXAMPLES = sorted(
    path for path in EXAMPLES_DIR.glob("*.py") if path.name != "run_all.py"
)

#: Public names an example shows without writing them: the classes of the
#: objects that public functions return. Each maps to the example and the
#: code in it that makes such an object.
SHOWN_UNNAMED = {
    "AsyncContextDouble": ("async_context_transaction.py", "fakes.async_context("),
    "AsyncIterDouble": ("async_iter_stream.py", "fakes.async_iter("),
    "Gate": ("gate_race.py", "prices.latest.gate()"),
    "HeldAwait": ("gate_race.py", "gate.held[1]"),
    "VirtualClock": ("virtual_time_rate_limiter.py", "fakes.virtual_time() as clock"),
}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_examples_run(path, capsys):
    """The example runs to the end without an exception."""
    runpy.run_path(str(path), run_name="__main__")


def test_examples_show_every_public_name():
    """Each name in fakes.__all__ is written in an example, or made by one."""
    texts = {path.name: path.read_text() for path in EXAMPLES_DIR.rglob("*.py")}

    missing = [
        name
        for name in fakes.__all__
        if name not in SHOWN_UNNAMED
        and not any(re.search(rf"\b{name}\b", text) for text in texts.values())
    ]
    unmade = [
        name
        for name, (example, code) in SHOWN_UNNAMED.items()
        if code not in texts.get(example, "")
    ]

    assert missing == [], "public names that no example shows"
    assert unmade == [], "SHOWN_UNNAMED names an example that no longer makes it"
    assert set(SHOWN_UNNAMED) <= set(fakes.__all__)
