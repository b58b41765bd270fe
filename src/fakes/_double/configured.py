"""Dead-configuration bookkeeping, on the double's side.

Strict verification reports configuration a double never used after it was
set (``fakes._unused`` builds the reports). Each short form that configures
a double (``returns()``, ``raises()``, ``script()``, ``answers()``,
``yields()``, ``enters()``) notes it here.
"""

from __future__ import annotations

from typing import Any

from fakes import _unused
from fakes._double.state import DoubleState
from fakes._ledger import current_ledger

__all__ = ["configured"]


def configured(double: Any, own: DoubleState, what: str) -> None:
    """Note that ``double.<what>(...)`` was set, for dead-configuration checks.

    The double registers with the current ledger the first time it is
    configured there, and keeps what was set and how often it had been used
    by then. On the double's side because ``returns()`` runs it in every
    test: the common case reads the double's own counters directly.
    """
    ledger = current_ledger()
    if own.watched_in != ledger.serial:
        own.watched_in = ledger.watch_double(double)
    own.configured = what
    state = double.__dict__
    if (
        state.get("_mock_await_count")
        or own.own_iter is not None
        or own.context is not None
        or state.get("_mock_call_count")
        or state.get("_mock_delegate") is not None
    ):
        own.baseline = _unused.uses(double, what, own)
    elif own.baseline:
        own.baseline = 0
    # Else configured before any use (the common case): nothing to count.
