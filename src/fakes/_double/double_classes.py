"""Double classes made per spec, and instance doubles built from them.

The interpreter finds magic methods (``async with``, ``async for``) on the
class only, and a spec's members named like a short form must win over it
on the double: a spec that needs either gets its own subclass of
``ObjectDouble`` or ``ClassDouble``, built once and kept on the spec's
record (``_spec.known``), not in a module-level cache.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

from fakes import _awaited, _spec
from fakes._double.object_doubles import (
    ClassDouble,
    ObjectDouble,
    _AwaitableObjectDouble,
    spec_getattr,
)
from fakes._double.short_forms import SHORT_FORMS
from fakes._double.state import KEY
from fakes._spec import Spec

__all__ = ["class_double_class", "object_class", "object_double"]


# The protocols a double of an instance takes part in when its spec does;
# identity, hashing and printing stay those of a plain object.
_PROTOCOL_MAGICS = (
    "__aenter__",
    "__aexit__",
    "__aiter__",
    "__anext__",
    "__enter__",
    "__exit__",
    "__iter__",
    "__next__",
    "__len__",
    "__contains__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__call__",
)


def object_class(cls: type) -> type:
    """The shared double class for instances of ``cls``.

    Magic methods must live on the class for the interpreter to find them
    (``async with``, ``async for``), so a spec that defines any gets a
    subclass of ``ObjectDouble`` with those names, built once.
    """
    known = _spec.known(cls)
    if known.double_class is not None:
        return known.double_class
    names = [
        name
        for name in _PROTOCOL_MAGICS
        if any(name in klass.__dict__ for klass in cls.__mro__[:-1])
    ]
    namespace: dict[str, Any] = {name: _SpecMagic(name) for name in names}
    namespace.update(_shadowing(known.by_instance))
    base: type = ObjectDouble
    if _awaited.has_await(cls):
        base = _AwaitableObjectDouble
    double_cls = base
    if namespace or base is not ObjectDouble:
        double_cls = type(f"ObjectDouble[{cls.__qualname__}]", (base,), namespace)
    known.double_class = known.by_instance.double_class = double_cls
    return double_cls


def class_double_class(cls: type) -> type:
    """The double class of ``cls`` itself, with the spec's hiding members if any."""
    known = _spec.known(cls)
    if known.class_double_class is not None:
        return known.class_double_class
    namespace = _shadowing(known.by_class)
    double_cls: type = ClassDouble
    if namespace:
        double_cls = type(f"ClassDouble[{cls.__qualname__}]", (ClassDouble,), namespace)
    known.class_double_class = double_cls
    return double_cls


def _shadowing(spec: Spec) -> dict[str, Any]:
    """Class attributes that give the spec's members named like short forms.

    Spec members win: ``double.when`` of a spec with a ``when`` member is
    that member's double; the short form stays reachable through
    ``fakes.on(double)``.
    """
    names = frozenset(name for name in SHORT_FORMS if spec.member(name) is not None)
    if not names:
        return {}
    namespace: dict[str, Any] = {
        name: _SpecCalled() if name == "called" else _SpecMagic(name) for name in names
    }
    namespace["_fakes_shadowed"] = names
    return namespace


class _SpecMagic:
    """A magic method of the spec, read from the spec on first use."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return spec_getattr(obj, self.name)


_STDLIB_CALLED: Any = mock.NonCallableMock.called


class _SpecCalled:
    """``called`` of a double whose spec has a member of that name.

    Reading gives the member's double. The stdlib writes ``self.called``
    when a call is made and on ``reset_mock()`` (it never reads it): those
    writes still set the stdlib's flag, so its bookkeeping stays right.
    """

    __slots__ = ()

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return spec_getattr(obj, "called")

    def __set__(self, obj: Any, value: Any) -> None:
        _STDLIB_CALLED.__set__(obj, value)


def object_double(
    target: Any,
    label: str | None = None,
    *,
    parent: Any = None,
    attribute: str | None = None,
    wraps: Any = None,
) -> Any:
    """Build an instance double of ``target`` (a class or an instance).

    A root double is called ``label``; a double with a parent is named by
    its path from the root (``db.pool``, ``db.connect()``), worked out when
    first shown.
    """
    spec = _spec.spec_of(target, instance=True)
    kwargs: dict[str, Any] = {}
    if parent is not None:
        kwargs = {"_new_parent": parent, "_new_name": attribute or "()"}
        if attribute is not None:
            kwargs.update(name=attribute, parent=parent)
    if wraps is not None:
        kwargs["wraps"] = wraps
    double_cls = spec.double_class
    if double_cls is None:
        double_cls = object_class(spec.cls)
    double = double_cls(**kwargs)
    state = double.__dict__
    own = state[KEY]
    if parent is None:
        state["_mock_name"] = own.name = label or spec.name.rpartition("<locals>.")[2]
    own.spec = spec
    state["_spec_class"] = spec.cls
    return double
