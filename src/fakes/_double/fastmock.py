"""Cheap construction of ``unittest.mock`` objects.

``Mock.__new__`` builds a new class for every instance, ``MagicMixin``
installs about eighty magic-method proxies on it, and ``AsyncMock`` builds a
second mock for ``__code__``: together about half a millisecond per mock.
A double built here skips most of that and keeps the stdlib's behaviour:

* its ``__dict__`` is copied from a template instance that the stdlib built
  once per class;
* magic methods are descriptors of one shared subclass per double class,
  which create the stdlib's child mock on first use;
* a root double (one without a parent: what ``async_double`` returns) gets
  a class of its own on top of the shared one, as every stdlib mock does, so
  ``type(double).size = PropertyMock(...)`` stays with that double, and
  ``type(double).__str__`` reads the double's own magic method (a class of
  its own keeps a weak reference to its double);
* a member double (``repo.get``) keeps the shared class until it needs one
  of its own: setting a magic method moves it to a private subclass; deleting
  one, or adding a spec, moves it to a private subclass of the class itself
  that holds only the magic methods it keeps, exactly as the stdlib would
  have built it. Setting an attribute on the shared class itself is refused
  (a ``FakesTypeError`` that says what to do instead), since it would reach
  every member double.

Anything passed to the constructor beyond names and parents takes the
stdlib's own path unchanged, with a private subclass of the class itself.
Every class built here mixes ``not_awaitable.RefusesAwait`` in when the
public class is not awaitable, so that awaiting such a double says why.
The ``call`` objects a double records are built cheaply too: see
:func:`recorded_call`.
"""

from __future__ import annotations

import itertools
import types
from typing import Any
from unittest import mock

from typing_extensions import Self

from fakes import _render
from fakes._double.not_awaitable import (
    REAL_MRO,
    DoubleMeta,
    RefusesAwait,
    metaclass_for,
    refusing_bases,
    refusing_class,
)
from fakes._double.own_class import KIND, OWNER, POOL_KEYS, Owner, own_class
from fakes._double.state import KEY, DoubleState, state_of
from fakes._stdlib import ALL_MAGICS, DELETED, LAZY_MAGICS, Call
from fakes.errors import FakesTypeError

__all__ = ["FastMockMixin", "copy_instance", "public_class", "recorded_call"]

_FAST_KEYS = frozenset({"name", "parent", "_new_name", "_new_parent", "wraps"})
_LAZY_MAGICS = LAZY_MAGICS
_ALL_MAGICS = ALL_MAGICS
_set_class = object.__dict__["__class__"].__set__
_subtype = type.__dict__["__subclasscheck__"]
_deleted = DELETED

# Each class made here says what it is in its own ``_fakes_kind``: "base"
# (the public class with ``RefusesAwait``, which classes built the stdlib's
# way derive from), "shared" (the class of member doubles, holding the lazy magic
# methods and the template), "own" (a root double's class, a subclass of the
# shared one) or "private" (a class built the stdlib's way, or one a double
# moved to).
_KIND = KIND
# A class that belongs to one double holds a weak reference to it here.
_OWNER = OWNER
# Class attributes that belong to one class and are never copied to another.
_NOT_COPIED = POOL_KEYS | frozenset(
    {
        _KIND,
        _OWNER,
        "_fakes_template",
        "_fakes_containers",
        "_fakes_flat",
        "__dict__",
        "__weakref__",
        "__doc__",
        "__module__",
    }
)


class _RecordedCall(Call):
    """A ``unittest.mock.call`` as recorded by a double.

    ``_Call.__init__`` stores three attributes in a dictionary of each call;
    a recorded call always has the same three values, so they live on this
    class instead, and a call costs a bare tuple (about 60 bytes rather than
    270, and a third of the time). Everything else is the stdlib's ``_Call``.
    """

    _mock_name = None
    _mock_parent = None
    _mock_from_kall = True


_new_tuple = tuple.__new__


def recorded_call(value: tuple[Any, ...]) -> Any:
    """Build ``_Call(value)`` (or ``_Call(value, two=True)``) cheaply.

    Args:
        value: ``(args, kwargs)`` or ``(name, args, kwargs)``.
    """
    return _new_tuple(_RecordedCall, value)


class _SharedMeta(DoubleMeta):
    """Metaclass of shared classes: they refuse attributes set on them."""

    def __setattr__(self, name: str, value: Any) -> None:
        if self.__dict__.get(_KIND) == "shared":
            raise FakesTypeError(_render.shared_class_attribute(self.__name__, name))
        super().__setattr__(name, value)


def public_class(cls: type) -> type:
    """The class a double was built from, behind its shared or private one."""
    # The type's own order: cheaper than the metaclass's ``__mro__``.
    mro: tuple[type, ...] = REAL_MRO(cls)
    for klass in mro:
        if _KIND not in klass.__dict__ and issubclass(klass, FastMockMixin):
            return klass
    return cls  # pragma: no cover - every double derives from FastMockMixin


def _base(public: type) -> type:
    """The class a double of ``public`` built another way than here derives from."""
    return refusing_class(public, {_KIND: "base"})


def _own(double: Any) -> None:
    """Let ``type(double)`` find ``double``: its class is its own alone.

    ``type(double).__str__`` then reads the double's magic method, as it
    does on a stdlib mock. A weak reference, so that dropping the double
    frees it at once, as for any mock.
    """
    owner = type(double).__dict__.get(_OWNER)
    if type(owner) is not Owner:
        # A class made elsewhere than ``own_class`` (a private one).
        owner = Owner()
        type.__setattr__(type(double), _OWNER, owner)
    owner.own(double)


def _private(name: str, base: type, namespace: dict[str, Any]) -> type:
    namespace.update({_KIND: "private", "__doc__": base.__doc__})
    namespace["__module__"] = base.__module__
    return type(name, (base,), namespace)


def privatize(double: Any) -> None:
    """Move a member double off its shared class, as the stdlib has it."""
    cls = type(double)
    if cls.__dict__.get(_KIND) == "shared":
        _set_class(double, _private(cls.__name__, cls, {}))
        _own(double)


def copy_instance(cls: type) -> Any:
    """An empty double of a new subclass of ``cls``: the start of a copy.

    ``copy.copy`` of a mock builds it the same way (``Mock.__new__``
    subclasses the class it is given), so a copy keeps what was set on its
    original's class, such as its magic methods.
    """
    instance: Any = object.__new__(_private(cls.__name__, cls, {}))
    _own(instance)
    return instance


def _detach(double: Any) -> None:
    """Move ``double`` to a private class that no shared class is a base of.

    Its own namespace holds what the shared class gave (lazy magic methods,
    ``__code__``) and whatever was set on the double's class, so magic
    methods can be removed from it as the stdlib removes them.
    """
    cls = type(double)
    mro = REAL_MRO(cls)
    if all(klass.__dict__.get(_KIND) != "shared" for klass in mro):
        return
    public = public_class(cls)
    namespace: dict[str, Any] = {}
    for klass in reversed(mro[: mro.index(public)]):
        flat = klass.__dict__.get(_FLAT, ())
        namespace.update(
            (key, value)
            for key, value in klass.__dict__.items()
            if key not in _NOT_COPIED and key not in flat
        )
    _set_class(double, _private(cls.__name__, _base(public), namespace))
    _own(double)


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


class FastMockMixin:
    """Mixin for ``unittest.mock`` classes that are cheap to build."""

    _fakes_lazy_magics = True

    def __new__(cls, /, *args: Any, **kwargs: Any) -> Self:
        # Called on a public class (the common case) or on a double's own.
        public = public_class(cls) if _KIND in cls.__dict__ else cls
        instance: Any
        if not args and _FAST_KEYS.issuperset(kwargs) and kwargs.get("wraps") is None:
            shared = public.__dict__.get("_fakes_shared")
            if shared is None:
                shared = _build_shared(public)
            root = kwargs.get("_new_parent") is None and kwargs.get("parent") is None
            if root:
                # A root double: a class of its own, as every stdlib mock has.
                shared = own_class(shared, public)
            instance = object.__new__(shared)
            if root:
                _own(instance)
        else:
            base = _base(public)
            instance = super(FastMockMixin, base).__new__(base, *args, **kwargs)  # type: ignore[misc]
            type.__setattr__(type(instance), _KIND, "private")
        if not _subtype(cls, type(instance)):
            # Called on a double's own class: Python skips __init__ then. The
            # test is Python's own (by the types alone): an ABC's
            # ``isinstance`` would read ``__class__`` of a mock not set up.
            instance.__init__(*args, **kwargs)
        result: Self = instance
        return result

    def __init__(self, /, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        kind = cls.__dict__.get(_KIND)
        if kind == "own":
            cls = cls.__bases__[0]
        elif kind != "shared":
            super().__init__(*args, **kwargs)
            # Unless the stdlib's __init__ already asked for it.
            state_of(self)
            return
        state = self.__dict__
        shared = cls.__dict__
        state.update(shared["_fakes_template"])
        # Containers are per double: each gets an empty one of its own.
        for key, container in shared["_fakes_containers"]:
            state[key] = container()
        state["_mock_name"] = kwargs.get("name")
        state["_mock_new_name"] = kwargs.get("_new_name", "")
        state["_mock_new_parent"] = kwargs.get("_new_parent")
        state["_mock_parent"] = kwargs.get("parent")
        state[KEY] = DoubleState()

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _ALL_MAGICS:
            privatize(self)
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        if name in _ALL_MAGICS:
            _detach(self)
        super().__delattr__(name)

    def _mock_add_spec(self, *args: Any, **kwargs: Any) -> None:
        # Also the path of the stdlib's public ``mock_add_spec``.
        _detach(self)
        super()._mock_add_spec(*args, **kwargs)  # type: ignore[misc]


def _defined_in(cls: type, name: str) -> bool:
    """Whether ``cls`` or a class between it and the mock classes defines it."""
    ours = itertools.takewhile(
        lambda base: base.__module__ != "unittest.mock", REAL_MRO(cls)
    )
    return any(name in base.__dict__ for base in ours)


def _build_shared(public: Any) -> type:
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
_FLAT = "_fakes_flat"


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
    type.__setattr__(shared, _FLAT, frozenset(copied))
