"""The state of one double: ``DoubleState``, kept in one slot of the double.

Everything ``fakes`` knows about a double beyond what ``unittest.mock``
keeps lives here: its spec, the spec member it stands for, its dotted name,
its configured behaviour, and the state of the protocols it plays (async
context, async iteration, awaiting). Modules outside the double's package
read and write it through :func:`state_of`, never through keys of the
double's ``__dict__``.

This module imports nothing of the package, so any layer may use it.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "KEY",
    "MISSING",
    "DoubleState",
    "awaited_directly",
    "state_of",
    "stdlib_await",
]

#: The one key of a double's ``__dict__`` that holds its state.
KEY = "_fakes_state"


class _Missing:
    """The value of a slot that nothing has set (``None`` may be a value)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class DoubleState:
    """What ``fakes`` keeps about one double.

    Attributes:
        member: The spec member the double stands for (``repo.get``), if any.
        behaviour: The configured behaviour (``returns``, ``script``, rules,
            gates, protocol defaults), awaited or called instead of the
            stdlib's path; ``None`` when nothing is configured.
        spec: The spec of a double of an object or class, if any.
        name: The dotted name shown in the ledger and messages, worked out
            on first use and forgotten when the double is re-parented.
        context: The double's async context manager, once it has one.
        own_iter: The double's own async iterator (a spec whose
            ``__aiter__`` returns self), once configured or used.
        iterators: The async iterators the double has handed out.
        watched_in: The serial number of the ledger whose strict
            verification watches the double (0: none).
        configured: The last short form that configured it (``"returns"``).
        baseline: How often it had been used when so configured.
        outside: Names set on it that its spec does not have.
        await_result: The default result of awaiting such a double.

    Example:
        >>> import fakes
        >>> from fakes._double.state import state_of
        >>> fetch = fakes.async_double(name="fetch")
        >>> state_of(fetch).behaviour is None
        True
        >>> state_of(fetch.script(1, 2)).behaviour is not None
        True
    """

    # Defaults on the class, no ``__init__``: every double gets a state, and
    # most doubles set two or three of these, so a new state costs an empty
    # object rather than ten stores (a slot cannot have a class default).
    member: Any = None
    behaviour: Any = None
    spec: Any = None
    name: str | None = None
    context: Any = None
    own_iter: Any = None
    iterators: list[Any] | None = None
    watched_in = 0
    configured: str | None = None
    baseline = 0
    outside: list[str] | None = None
    await_result: Any = MISSING
    #: The child the ``return_value`` getter made on its own: reading
    #: ``return_value`` stores it, but that is not a configuration.
    auto_return: Any = None


def state_of(double: Any) -> DoubleState:
    """The state of ``double``, made on first use for a mock built elsewhere.

    Every double gets its state when it is built; a ``unittest.mock``
    object that is not a double (a user's ``MagicMock`` set as a child)
    gets an empty one the first time it is asked for.

    Example:
        >>> from unittest import mock
        >>> state_of(mock.MagicMock()).member is None
        True
    """
    found: DoubleState | None = double.__dict__.get(KEY)
    if found is None:
        found = double.__dict__[KEY] = DoubleState()
    return found


def awaited_directly(double: Any) -> bool:
    """Whether ``double`` is awaited itself (``await conn``), not called.

    Example:
        >>> import fakes
        >>> awaited_directly(fakes.async_double(name="fetch"))
        False
    """
    return bool(getattr(type(double), "_fakes_awaitable", False))


def stdlib_await(double: Any, args: Any, kwargs: Any) -> Any:
    """A coroutine doing what awaiting ``AsyncMock`` does, stdlib semantics.

    The await itself is counted by the double before any behaviour runs.
    """
    return double._fakes_stdlib(args, kwargs)
