"""The one seam to ``unittest.mock``'s private names.

A double is a ``unittest.mock`` object, and keeping it both compatible and
cheap means leaning on names the stdlib does not document: its call class,
its sets of magic-method names, its helpers, the keys of a mock's state and
the methods a subclass may override. Every such name the library relies on
is listed here, and only this module reads private module attributes of
``unittest.mock``; ``tests/test_stdlib_seam.py`` checks that each listed
name exists on the running Python, so a new CPython that renames one fails
in one named place instead of somewhere deep in a double.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from unittest import mock
from unittest.mock import _Call as Call

__all__ = [
    "ALL_MAGICS",
    "ASYNC_MAGICS",
    "DELETED",
    "LAZY_MAGICS",
    "PRIVATE_ATTRIBUTES",
    "PRIVATE_METHODS",
    "PRIVATE_MODULE_NAMES",
    "STATE_KEYS",
    "SYNC_MAGICS",
    "Call",
    "call_stdlib",
    "children_of",
    "delegated",
    "given_signature",
    "is_callable",
    "is_exception",
    "is_instance_mock",
    "parent_of",
    "plain_await_count",
    "plain_call_count",
    "raw_return_value",
    "set_raw_return_value",
    "stdlib_configured",
]

#: Private module-level names of ``unittest.mock`` read below.
PRIVATE_MODULE_NAMES = (
    "_Call",
    "_deleted",
    "_is_instance_mock",
    "_is_exception",
    "_callable",
    "_magics",
    "_all_magics",
    "_async_method_magics",
    "_all_sync_magics",
)

#: Keys of a mock's ``__dict__`` that doubles read or write directly.
STATE_KEYS = (
    "_mock_await_args",
    "_mock_await_args_list",
    "_mock_await_count",
    "_mock_call_args",
    "_mock_call_args_list",
    "_mock_call_count",
    "_mock_called",
    "_mock_children",
    "_mock_delegate",
    "_mock_methods",
    "_mock_mock_calls",
    "_mock_name",
    "_mock_new_name",
    "_mock_new_parent",
    "_mock_parent",
    "_mock_return_value",
    "_mock_sealed",
    "_mock_side_effect",
    "_mock_wraps",
    "_spec_asyncs",
    "_spec_class",
    "_spec_signature",
)

#: Private methods of the mock classes that doubles call or override.
#: (``_call_matcher``, which every ``assert_*`` uses, reads a double's
#: ``_spec_signature`` and ``_get_call_signature_from_name``: see _matching.)
PRIVATE_METHODS = (
    "_call_matcher",
    "_get_call_signature_from_name",
    "_extract_mock_name",
    "_get_child_mock",
    "_execute_mock_call",
    "_increment_mock_call",
    "_mock_add_spec",
    "_mock_call",
    "_mock_check_sig",
)

#: Private class attributes of ``_Call`` that recorded calls set.
PRIVATE_ATTRIBUTES = ("_mock_from_kall",)

DELETED: Any = mock._deleted  # type: ignore[attr-defined]
ASYNC_MAGICS: frozenset[str] = frozenset(mock._async_method_magics)  # type: ignore[attr-defined]
SYNC_MAGICS: frozenset[str] = frozenset(mock._all_sync_magics)  # type: ignore[attr-defined]
ALL_MAGICS: frozenset[str] = frozenset(mock._all_magics)  # type: ignore[attr-defined]
#: The magic methods a double installs on first use rather than up front.
LAZY_MAGICS: frozenset[str] = frozenset(mock._magics) | ASYNC_MAGICS  # type: ignore[attr-defined]

# Aliases rather than wrappers: some sit on the await path.
#: Whether a value is a ``unittest.mock`` object (a double included).
is_instance_mock: Callable[[Any], bool] = mock._is_instance_mock  # type: ignore[attr-defined]
#: Whether a value is an exception instance or class (the stdlib's own test,
#: so that ``raises()``, scripts and ``side_effect`` agree on what is raised).
is_exception: Callable[[Any], bool] = mock._is_exception  # type: ignore[attr-defined]
#: The stdlib's notion of a callable ``side_effect`` (a class counts).
is_callable: Callable[[Any], bool] = mock._callable  # type: ignore[attr-defined]


# The stdlib's state of one mock, for the modules that are not the double's
# own: they read it through these, never through the keys themselves.


def parent_of(double: Any) -> Any:
    """The mock ``double`` is a child or result of (``_mock_new_parent``)."""
    return double.__dict__.get("_mock_new_parent")


def children_of(double: Any) -> Any:
    """The children the stdlib keeps by name, or ``None`` for a non-mock."""
    return double.__dict__.get("_mock_children")


def raw_return_value(double: Any) -> Any:
    """The return value as stored: ``mock.DEFAULT`` when none was set."""
    return double.__dict__["_mock_return_value"]


def set_raw_return_value(double: Any, value: Any) -> None:
    """Store a return value without the stdlib's setter (not configuration)."""
    double.__dict__["_mock_return_value"] = value


def delegated(double: Any) -> bool:
    """Whether the stdlib state lives on a delegate (``create_autospec``)."""
    return double.__dict__.get("_mock_delegate") is not None


def stdlib_configured(double: Any, automatic: Any = None) -> bool:
    """Whether ``return_value``, ``side_effect`` or ``wraps`` is set.

    ``automatic`` is the child that reading ``return_value`` stored on its
    own, which does not count as a configured return value.
    """
    state = double.__dict__
    returned = state["_mock_return_value"]
    return (
        (returned is not mock.DEFAULT and returned is not automatic)
        or state["_mock_side_effect"] is not None
        or state["_mock_wraps"] is not None
    )


def plain_call_count(double: Any) -> int:
    """``call_count`` of a double that does not delegate, read directly."""
    count: int = double.__dict__["_mock_call_count"]
    return count


def plain_await_count(double: Any) -> int:
    """``await_count`` of a double that does not delegate, read directly."""
    count: int = double.__dict__["_mock_await_count"]
    return count


def given_signature(double: Any) -> Any:
    """The signature the stdlib was given (``mock_add_spec``), or ``None``."""
    return double.__dict__.get("_spec_signature")


def call_stdlib(double: Any, args: Any, kwargs: Any) -> Any:
    """What calling a sync mock does in the stdlib (``_mock_call``)."""
    return double._mock_call(*args, **kwargs)
