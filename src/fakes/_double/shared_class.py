"""The shared class of a double class: what its member doubles are instances of.

A double built cheaply (``fastmock``) is an instance of one class shared by
every double of the same class, built once:

* a template of the stdlib's per-instance state, copied into each double
  (a model instance is built the stdlib's way once);
* the magic methods, as descriptors that create the stdlib's child mock on
  first use (``LazyMagic``), and ``AsyncMock.__code__``, built when read;
* its own copies of the special methods it inherits, so that each class made
  on top of it (a root double's own) is made without walking the bases;
* a metaclass that refuses attributes set on it, which would reach every
  member double (a ``FakesTypeError`` saying what to do instead).
"""

from __future__ import annotations

import itertools
import types
from typing import Any
from unittest import mock

from fakes import _render
from fakes._double.not_awaitable import (
    REAL_MRO,
    DoubleMeta,
    RefusesAwait,
    metaclass_for,
    refusing_bases,
)
from fakes._double.own_class import KIND, OWNER
from fakes._double.state import KEY
from fakes._stdlib import DELETED, LAZY_MAGICS
from fakes.errors import FakesTypeError

__all__ = ["FLAT", "build_shared"]

_KIND = KIND
_OWNER = OWNER
_LAZY_MAGICS = LAZY_MAGICS
_deleted = DELETED


class _SharedMeta(DoubleMeta):
    """Metaclass of shared classes: they refuse attributes set on them."""

    def __setattr__(self, name: str, value: Any) -> None:
        if self.__dict__.get(_KIND) == "shared":
            raise FakesTypeError(_render.shared_class_attribute(self.__name__, name))
        super().__setattr__(name, value)


class _LazyMagic:
    """A magic method that becomes the stdlib's child mock on first use."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            # Read on the class: the double whose class it is, if it has one.
            ref = getattr(owner, _OWNER, None)
            obj = None if ref is None else ref()
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

    def __init__(self, flags: dict[str, Any]) -> None:
        self.flags = flags

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        code = mock.NonCallableMock(spec_set=types.CodeType)
        for key, value in self.flags.items():
            setattr(code, key, value)
        obj.__dict__["__code__"] = code
        return code


def _defined_in(cls: type, name: str) -> bool:
    """Whether ``cls`` or a class between it and the mock classes defines it."""
    ours = itertools.takewhile(
        lambda base: base.__module__ != "unittest.mock", REAL_MRO(cls)
    )
    return any(name in base.__dict__ for base in ours)


def build_shared(public: Any) -> type:
    """Build the shared class of ``public``: a template, lazy magics and code."""
    model = public(spec=None)  # takes the stdlib path
    state = dict(model.__dict__)
    namespace: dict[str, Any] = {
        "__doc__": public.__doc__,
        "__module__": public.__module__,
        "__qualname__": public.__qualname__,
    }
    # Each double gets a state of its own, never the model's.
    state.pop(KEY, None)
    code = state.pop("__code__", None)
    if code is not None:
        namespace["__code__"] = _LazyCode(
            {
                key: value
                for key, value in code.__dict__.items()
                if key.startswith("co_")
            }
        )
    # The names and parents in the template are the model's: __init__ sets
    # each double's own. Every double class is a MagicMixin.
    if public._fakes_lazy_magics:
        for name in _LAZY_MAGICS:
            if not _defined_in(public, name):
                namespace[name] = _LazyMagic(name)
    namespace["_fakes_template"] = state
    namespace["_fakes_containers"] = tuple(
        (key, type(value))
        for key, value in state.items()
        if isinstance(value, list | dict | set)
    )
    meta = metaclass_for(_SharedMeta, public)
    shared: type = meta(public.__name__, refusing_bases(public), namespace)
    # Marked shared (closed to attributes) only once built: the metaclass
    # of an ABC or a Protocol sets attributes on each class it makes.
    type.__setattr__(shared, _KIND, "shared")
    _flatten(shared)
    type.__setattr__(public, "_fakes_shared", shared)
    return shared


# The special methods Python keeps in a type's slots. A new class looks each
# one up along its bases when it is made, so a root double's class (one per
# double, as for every stdlib mock) costs a walk of about ninety names up a
# dozen bases; found in the first base, each lookup stops there.
_SLOT_NAMES = frozenset(
    {
        "__getattribute__", "__getattr__", "__setattr__", "__delattr__",
        "__repr__", "__hash__", "__call__", "__str__", "__lt__", "__le__",
        "__eq__", "__ne__", "__gt__", "__ge__", "__iter__", "__next__",
        "__get__", "__set__", "__delete__", "__init__", "__del__",
        "__aiter__", "__anext__", "__add__", "__radd__", "__sub__",
        "__rsub__", "__mul__", "__rmul__", "__mod__", "__rmod__", "__divmod__",
        "__rdivmod__", "__pow__", "__rpow__", "__neg__", "__pos__", "__abs__",
        "__bool__", "__invert__", "__lshift__", "__rlshift__", "__rshift__",
        "__rrshift__", "__and__", "__rand__", "__xor__", "__rxor__", "__or__",
        "__ror__", "__int__", "__float__", "__iadd__", "__isub__", "__imul__",
        "__imod__", "__ipow__", "__ilshift__", "__irshift__", "__iand__",
        "__ixor__", "__ior__", "__floordiv__", "__rfloordiv__", "__truediv__",
        "__rtruediv__", "__ifloordiv__", "__itruediv__", "__index__",
        "__matmul__", "__rmatmul__", "__imatmul__", "__len__", "__getitem__",
        "__setitem__", "__delitem__", "__contains__",
    }
)  # fmt: skip
FLAT = "_fakes_flat"


def _flatten(shared: type) -> None:
    """Copy the special methods ``shared`` inherits into its own namespace.

    The copies are the very objects Python finds along the bases, so nothing
    behaves differently; the classes made from ``shared`` (each root
    double's own, a member moved to a class of its own) are made faster.
    Set after the class is made, so that an inherited ``__eq__`` does not
    make Python set ``__hash__`` to ``None``. The refusal's names stay out:
    what ``__mro__`` hides must not reappear here. ``_detach`` leaves the
    copies behind (``_fakes_flat`` lists them).
    """
    own = shared.__dict__
    hidden = vars(RefusesAwait)
    copied = []
    for name in _SLOT_NAMES:
        if name in own or name in hidden:
            continue
        for klass in REAL_MRO(shared)[1:]:
            if name in klass.__dict__:
                if klass is not RefusesAwait:
                    type.__setattr__(shared, name, klass.__dict__[name])
                    copied.append(name)
                break
    type.__setattr__(shared, FLAT, frozenset(copied))
