"""Where a patch goes, and what is there: locating and classifying a target.

A dotted target is resolved the way ``unittest.mock.patch`` resolves it (the
longest importable module prefix, then attributes), but every failure names
the part that failed and suggests close names. The classifying half answers
the one question a patch asks of the original: is it async (or does it have
async members), so that an async double can stand in for it?
"""

from __future__ import annotations

import difflib
import functools
import importlib
import inspect
import sys
from types import ModuleType
from typing import Any, NamedTuple

from fakes import _kinds, _render
from fakes._kinds import Kind
from fakes.errors import PatchAttributeError, PatchImportError

__all__ = [
    "Target",
    "is_async",
    "label_of",
    "locate_dotted",
    "missing_attribute",
    "well_formed",
]

_ASYNC_MAGICS = frozenset(
    {"__aenter__", "__aexit__", "__aiter__", "__anext__", "__await__"}
)


class Target(NamedTuple):
    """Where a patch goes: ``setattr(owner, attribute, ...)``."""

    owner: Any
    attribute: str
    label: str
    # (shared module, prefix in the user's module, first name) for the warning.
    shared: tuple[str, str, str] | None


# Resolving a target.


def well_formed(target: Any) -> bool:
    """Whether ``target`` is a dotted path of at least two identifiers."""
    if not isinstance(target, str):
        return False
    parts = target.split(".")
    return len(parts) >= 2 and all(part.isidentifier() for part in parts)


def _import_longest(target: str, display: str) -> tuple[ModuleType, str, list[str]]:
    """Import the longest importable module prefix of ``target``."""
    parts = target.split(".")
    missing: ModuleNotFoundError | None = None
    for end in range(len(parts) - 1, 0, -1):
        name = ".".join(parts[:end])
        module = sys.modules.get(name)
        if module is None:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as error:
                if error.name is not None and (
                    name == error.name or name.startswith(error.name + ".")
                ):
                    missing = error
                    continue
                raise _import_failed(display, parts, error) from error
            except Exception as error:
                raise _import_failed(display, parts, error) from error
        return module, name, parts[end:]
    # Every prefix was missing, the top-level module last: it is the culprit.
    assert missing is not None
    raise PatchImportError(
        _render.patch_import_failed(display, parts[0], missing)
    ) from missing


def _import_failed(display: str, parts: list[str], error: BaseException) -> Exception:
    # The module that failed is the first prefix that did not stay imported
    # (a module that raises while importing is removed from sys.modules).
    prefixes = (".".join(parts[:end]) for end in range(1, len(parts)))
    name = next(prefix for prefix in prefixes if prefix not in sys.modules)
    return PatchImportError(_render.patch_import_failed(display, name, error))


def missing_attribute(
    display: str, owner: Any, name: str, *, last: bool
) -> PatchAttributeError:
    """The error for an attribute ``owner`` lacks, with close names as hints."""
    try:
        names = [n for n in dir(owner) if not n.startswith("__")]
    except Exception:  # a broken __dir__ only costs the hint
        names = []
    suggestions = difflib.get_close_matches(name, sorted(names))
    return PatchAttributeError(
        _render.patch_missing_attribute(
            display, _render.patch_owner(owner), name, suggestions, last=last
        )
    )


def locate_dotted(target: str, display: str) -> Target:
    """Import the module of ``target`` and walk the attributes but the last."""
    module, path, rest = _import_longest(target, display)
    owner: Any = module
    shared = None
    for index, part in enumerate(rest[:-1]):
        try:
            owner = getattr(owner, part)
        except AttributeError:
            raise missing_attribute(display, owner, part, last=False) from None
        prefix, path = path, f"{path}.{part}"
        if shared is None and isinstance(owner, ModuleType) and owner.__name__ != path:
            shared = (owner.__name__, prefix, rest[index + 1])
    return Target(owner, rest[-1], target, shared)


def label_of(owner: Any, attribute: str) -> str:
    """The dotted name of ``attribute`` on ``owner``, for messages."""
    if isinstance(owner, ModuleType):
        return f"{owner.__name__}.{attribute}"
    if isinstance(owner, type):
        return f"{owner.__module__}.{owner.__qualname__}.{attribute}"
    return f"{type(owner).__qualname__}.{attribute}"


# Judging.


def _is_function(value: Any) -> bool:
    return (
        inspect.isroutine(value)
        or isinstance(value, functools.partial)
        or hasattr(value, "__wrapped__")
    )


def _class_is_async(cls: type) -> bool:
    for klass in cls.__mro__[:-1]:
        for name, raw in vars(klass).items():
            if name in _ASYNC_MAGICS:
                return True
            func = raw.__func__ if isinstance(raw, (staticmethod, classmethod)) else raw
            if isinstance(raw, property):
                # An async property is awaited: the class is async.
                func = raw.fget
            if inspect.isfunction(func) and _kinds.function_kind(func) is not Kind.SYNC:
                return True
    return False


def is_async(value: Any) -> bool:
    """Whether ``value`` is async or has async members (one level deep)."""
    if isinstance(value, type):
        return _class_is_async(value)
    if isinstance(value, ModuleType):
        return any(
            inspect.isfunction(item) and _kinds.function_kind(item) is not Kind.SYNC
            for item in vars(value).values()
        )
    if _is_function(value):
        return _kinds.function_kind(value) is not Kind.SYNC
    own = getattr(value, "__dict__", None)
    return _class_is_async(type(value)) or (
        isinstance(own, dict)
        and any(_is_function(item) and is_async(item) for item in own.values())
    )
