"""The ledger entered last in this context: ``with Ledger() as ledger:`` scopes.

Several tasks and threads may enter the same ledger at once: each keeps its
own stack of scopes (a context variable), and leaving restores its own
previous ledger. This module imports nothing of the package, so the ledger
may use it.
"""

from __future__ import annotations

import contextvars
from typing import Any

__all__ = ["CURRENT", "enter", "leave"]

#: The ledger entered last in this context, or ``None``.
CURRENT: contextvars.ContextVar[Any] = contextvars.ContextVar(
    "fakes_ledger", default=None
)
_scopes: contextvars.ContextVar[Any] = contextvars.ContextVar(
    "fakes_ledger_scopes", default=None
)


def enter(ledger: Any) -> None:
    """Make ``ledger`` current in this context until the matching :func:`leave`."""
    token = CURRENT.set(ledger)
    # One stack of tokens per context: tasks and threads that enter the
    # same ledger at once each find their own token when they leave.
    _scopes.set((token, _scopes.get()))


def leave() -> None:
    """Restore the ledger that was current before the last :func:`enter`."""
    scopes = _scopes.get()
    if scopes is None:
        # Left in a context it was not entered in (a fixture whose setup
        # and teardown run in different contexts): nothing to restore.
        return
    token, outer = scopes
    _scopes.set(outer)
    try:
        CURRENT.reset(token)
    except ValueError:
        # A token of a copied context (the same stack, inherited by a
        # task): restore the value it saved.
        previous = token.old_value
        CURRENT.set(None if previous is contextvars.Token.MISSING else previous)
