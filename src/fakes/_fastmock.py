"""Cheap construction of ``unittest.mock`` objects.

``Mock.__new__`` builds a new class for every instance, ``MagicMixin``
installs about eighty magic-method proxies on it, and ``AsyncMock`` builds a
second mock for ``__code__``: together about half a millisecond per mock.
A double built here skips all of that and keeps the stdlib's behaviour:

* it starts as an instance of a shared class, with its ``__dict__`` copied
  from a template instance that the stdlib built once per class;
* magic methods are class-level descriptors that create the stdlib's child
  mock on first use;
* the first time something needs a class of its own (setting or deleting a
  magic method, adding a spec), the instance moves to a private subclass,
  exactly as the stdlib would have given it from the start.

Anything passed to the constructor beyond names and parents takes the
stdlib's own path unchanged.
"""

from __future__ import annotations

import types
from typing import Any
from unittest import mock

__all__ = ["FastMockMixin", "privatize"]

_FAST_KEYS = frozenset({"name", "parent", "_new_name", "_new_parent", "wraps"})
_LAZY_MAGICS = frozenset(mock._magics | mock._async_method_magics)  # type: ignore[attr-defined]
_ALL_MAGICS: frozenset[str] = frozenset(mock._all_magics)  # type: ignore[attr-defined]
_set_class = object.__dict__["__class__"].__set__
_deleted = mock._deleted  # type: ignore[attr-defined]


def privatize(double: Any) -> None:
    """Move ``double`` to a class of its own, as the stdlib gives every mock."""
    cls = type(double)
    if "_fakes_private" not in cls.__dict__:
        private = type(
            cls.__name__, (cls,), {"__doc__": cls.__doc__, "_fakes_private": True}
        )
        _set_class(double, private)


class _LazyMagic:
    """A magic method that becomes the stdlib's child mock on first use."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        state = obj.__dict__
        methods = state["_mock_methods"]
        if (methods is not None and self.name not in methods) or state[
            "_mock_children"
        ].get(self.name) is _deleted:
            raise AttributeError(self.name)
        return mock.MagicProxy(self.name, obj).create_mock()


class _LazyCode:
    """``AsyncMock.__code__``, built on first access (inspect reads it)."""

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        code = mock.NonCallableMock(spec_set=types.CodeType)
        for key, value in owner._fakes_code_flags.items():  # type: ignore[union-attr]
            setattr(code, key, value)
        obj.__dict__["__code__"] = code
        return code


def _fresh(value: Any) -> Any:
    """Return an empty container of ``value``'s type, or ``value`` itself."""
    if isinstance(value, list | dict | set):
        return type(value)()
    return value


class FastMockMixin:
    """Mixin for ``unittest.mock`` classes that are cheap to build."""

    _fakes_private = False
    _fakes_lazy_magics = True
    _fakes_code_flags: dict[str, Any] = {}

    def __new__(cls, /, *args: Any, **kwargs: Any) -> Any:
        if not args and _FAST_KEYS.issuperset(kwargs) and kwargs.get("wraps") is None:
            if "_fakes_template" not in cls.__dict__:
                _build_template(cls)
            return object.__new__(cls)
        instance = super().__new__(cls, *args, **kwargs)
        type(instance)._fakes_private = True
        return instance

    def __init__(self, /, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        if "_fakes_private" in cls.__dict__:
            super().__init__(*args, **kwargs)
            return
        state = self.__dict__
        for key, value in cls.__dict__["_fakes_template"].items():
            state[key] = _fresh(value)
        state["_mock_name"] = kwargs.get("name")
        state["_mock_new_name"] = kwargs.get("_new_name", "")
        state["_mock_new_parent"] = kwargs.get("_new_parent")
        state["_mock_parent"] = kwargs.get("parent")

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _ALL_MAGICS:
            privatize(self)
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        if name in _ALL_MAGICS:
            privatize(self)
        super().__delattr__(name)

    def _mock_add_spec(self, *args: Any, **kwargs: Any) -> None:
        privatize(self)
        super()._mock_add_spec(*args, **kwargs)  # type: ignore[misc]

    def mock_add_spec(self, *args: Any, **kwargs: Any) -> None:
        """Add a spec to the double, as ``unittest.mock`` does."""
        privatize(self)
        super().mock_add_spec(*args, **kwargs)  # type: ignore[misc]


def _defined_above(cls: type, name: str) -> bool:
    """Whether a class between ``cls`` and the mock classes defines ``name``."""
    for base in cls.__mro__[1:]:
        if base.__module__ == "unittest.mock":
            return False
        if name in base.__dict__:
            return True
    return False


def _build_template(cls: Any) -> None:
    """Prepare a shared class: a template of state, lazy magics and code."""
    model = cls(spec=None)  # takes the stdlib path
    state = dict(model.__dict__)
    code = state.pop("__code__", None)
    if code is not None:
        cls._fakes_code_flags = {
            key: value for key, value in code.__dict__.items() if key.startswith("co_")
        }
        cls.__code__ = _LazyCode()
    for key in ("_mock_name", "_mock_new_name", "_mock_new_parent", "_mock_parent"):
        state.pop(key, None)
    if cls._fakes_lazy_magics and mock.MagicMixin in cls.__mro__:
        for name in _LAZY_MAGICS:
            if name not in cls.__dict__ and not _defined_above(cls, name):
                setattr(cls, name, _LazyMagic(name))
    cls._fakes_template = state
