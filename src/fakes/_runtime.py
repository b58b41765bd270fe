"""Which async library is running, and what an exception means to it.

Doubles work under asyncio and under trio. The library is detected where it
matters (trio when a trio task is current) without importing trio, and the
exceptions that cancel or interrupt an await are recognised for both, so
that no double, script or context manager ever swallows one.

This module imports nothing else of the package, so the ledger may use it.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

__all__ = [
    "interruption_class",
    "is_cancellation",
    "is_interruption",
    "running_trio",
]


def running_trio() -> Any:
    """The trio module when a trio task is running here, else ``None``."""
    trio = sys.modules.get("trio")
    if trio is None:
        return None
    try:
        trio.lowlevel.current_task()
    except RuntimeError:
        return None
    return trio


_CANCELLATIONS: tuple[type[BaseException], ...] = (
    asyncio.CancelledError,
    GeneratorExit,
)
_INTERRUPTIONS = (*_CANCELLATIONS, KeyboardInterrupt, SystemExit)


def _is_trio_cancelled(cls: type) -> bool:
    # By name, so that trio need not be imported (nor even installed).
    return any(
        base.__name__ == "Cancelled" and base.__module__.startswith("trio")
        for base in cls.__mro__
    )


def is_cancellation(error: BaseException) -> bool:
    """Whether ``error`` cancels an await (asyncio's, trio's, a closed coroutine)."""
    return isinstance(error, _CANCELLATIONS) or _is_trio_cancelled(type(error))


def is_interruption(error: BaseException) -> bool:
    """Whether ``error`` must never be swallowed by a double.

    Cancellation, ``KeyboardInterrupt`` and ``SystemExit``, alone or inside
    an exception group.
    """
    if isinstance(error, _INTERRUPTIONS) or _is_trio_cancelled(type(error)):
        return True
    inner = getattr(error, "exceptions", None)
    return isinstance(inner, tuple) and any(
        isinstance(item, BaseException) and is_interruption(item) for item in inner
    )


def interruption_class(cls: type) -> bool:
    """Whether every exception of class ``cls`` is an interruption."""
    return issubclass(cls, _INTERRUPTIONS) or _is_trio_cancelled(cls)
