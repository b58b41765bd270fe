"""Cheap construction of ``unittest.mock`` objects.

``Mock.__new__`` builds a new class for every instance, ``MagicMixin``
installs about eighty magic-method proxies on it, and ``AsyncMock`` builds a
second mock for ``__code__``: together about half a millisecond per mock.
A double built here skips most of that and keeps the stdlib's behaviour:

* its ``__dict__`` is copied from a template instance that the stdlib built
  once per class, kept with the class's shared class (``shared_class``),
  whose magic methods create the stdlib's child mock on first use;
* a root double (one without a parent: what ``async_double`` returns) gets
  a class of its own on top of the shared one, as every stdlib mock does, so
  ``type(double).size = PropertyMock(...)`` stays with that double, and
  ``type(double).__str__`` reads the double's own magic method (a class of
  its own knows its double, weakly); see ``own_class``;
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

from typing import Any

from typing_extensions import Self

from fakes._double.not_awaitable import REAL_MRO, refusing_class
from fakes._double.own_class import KIND, OWNER, POOL_KEYS, Owner, own_class
from fakes._double.shared_class import FLAT, build_shared
from fakes._double.state import KEY, DoubleState, state_of
from fakes._stdlib import ALL_MAGICS, DELETED, LAZY_MAGICS, Call

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
# A class that belongs to one double knows it here (``own_class.Owner``).
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
        flat = klass.__dict__.get(FLAT, ())
        namespace.update(
            (key, value)
            for key, value in klass.__dict__.items()
            if key not in _NOT_COPIED and key not in flat
        )
    _set_class(double, _private(cls.__name__, _base(public), namespace))
    _own(double)


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
                shared = build_shared(public)
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
