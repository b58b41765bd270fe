"""Shared test configuration."""

from __future__ import annotations

import sys
from pathlib import Path

pytest_plugins = ["pytester"]

# tests/targets is imported as ``tests.targets`` from any working directory.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)
