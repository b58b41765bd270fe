"""Reading a spec: the spec object, its member lookup and the per-class cache.

Members are classified on first access with ``inspect.getattr_static``, so
properties and other descriptors are never evaluated, and what has been
learned about a class is cached for every later double of it.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import inspect
import sys
import weakref
from typing import Any

from fakes import _hints, _return_hints
from fakes._kinds import (
    Kind,
    awaits,
    function_kind,
    has_members,
    is_constant,
    value_kind,
)
from fakes._member import Member

__all__ = [
    "KNOWN_KEY",
    "Spec",
    "forget_all",
    "is_valid_spec",
    "known",
    "spec_of",
]


class Spec:
    """What a double knows about the class or object it stands in for.

    Args:
        target: The class or the instance.
        instance: Whether members are read as an instance sees them (bound
            methods) or, by default, as the class sees them (plain functions).
    """

    def __init__(self, target: Any, *, instance: bool = False) -> None:
        self.target = target
        self.cls: type = target if isinstance(target, type) else type(target)
        self.instance = instance
        # A module is known by its own name, not by its class's ("module").
        module = isinstance(target, type(sys))
        self.name: str = target.__name__ if module else self.cls.__qualname__
        # The class whose names annotations may use (``Self``, a local class).
        self.owner: type | None = None if module else self.cls
        self._members: dict[str, Member | None] = {}
        # The class of instance doubles, once built (kept here for speed).
        self.double_class: type | None = None

    def member(self, name: str) -> Member | None:
        """Return the member called ``name``, or ``None`` if there is none."""
        try:
            return self._members[name]
        except KeyError:
            found = self._members[name] = self._read(name)
            return found

    def suggestions(self, name: str) -> list[str]:
        """Names of the spec close to ``name``, best first."""
        try:
            names = dir(self.target)
        except Exception:
            # A hostile __dir__: the names the classes define will do.
            names = [n for klass in self.cls.__mro__ for n in vars(klass)]
        names = [n for n in names if not n.startswith("__") and n != KNOWN_KEY]
        # A class without annotations may have none (a builtin class) or a
        # descriptor in their place (the class of modules).
        annotations = getattr(self.cls, "__annotations__", None)
        if isinstance(annotations, dict):
            names.extend(annotations)
        return difflib.get_close_matches(name, sorted(set(names)))

    def _read(self, name: str) -> Member | None:
        qualname = f"{self.name}.{name}"
        owner = self.owner
        try:
            raw = inspect.getattr_static(self.target, name)
        except AttributeError:
            return self._annotated(name, qualname)
        if isinstance(raw, staticmethod):
            func = raw.__func__
            return Member(function_kind(func, owner), qualname, func, owner=owner)
        if isinstance(raw, classmethod):
            func = raw.__func__
            kind = function_kind(func, owner)
            return Member(kind, qualname, func, bound=True, owner=owner)
        if isinstance(raw, type):
            return Member(Kind.CLASS, qualname, raw)
        if isinstance(raw, functools.partialmethod):
            # Unbound, it is a function of (self, what the partial leaves).
            func = raw.__get__(None, self.cls)
            kind = function_kind(raw.func, owner)
            return Member(kind, qualname, func, bound=self.instance, owner=owner)
        if self._from_metaclass(name):
            # A metaclass method is a method of the class, not of instances.
            if self.instance:
                return self._annotated(name, qualname)
            func = getattr(raw, "__func__", raw)
            kind = function_kind(func, owner)
            return Member(kind, qualname, func, bound=True, owner=owner)
        if inspect.isfunction(raw):
            # A function set on an instance is not a method: it keeps its first
            # parameter. (A bound method is a callable like any other, below.)
            on_instance = not isinstance(self.target, type) and name in getattr(
                self.target, "__dict__", {}
            )
            bound = self.instance and not on_instance
            kind = function_kind(raw, owner)
            return Member(kind, qualname, raw, bound=bound, owner=owner)
        if isinstance(raw, property) and awaits(raw.fget, owner):
            return Member(Kind.AWAITABLE, qualname, raw.fget, owner=owner)
        if isinstance(raw, property):
            returns = _return_hints.return_class(raw.fget, owner)
            return Member(value_kind(returns), qualname, returns)
        if inspect.isdatadescriptor(raw) or inspect.ismethoddescriptor(raw):
            annotated = self._annotated(name, qualname)
            if annotated is not None:
                return annotated
            kind = Kind.SYNC if callable(raw) else Kind.VALUE
            return Member(kind, qualname, raw, bound=self.instance)
        if raw is None:
            # ``content: StreamReader = None``: the annotation says what the
            # attribute holds once the object is set up.
            annotated = self._annotated(name, qualname)
            if annotated is not None and annotated.kind is Kind.OBJECT:
                return annotated
        if not isinstance(self.target, type) and not callable(raw):
            # An instance's own value: the class's annotation says what it
            # holds, as for a class spec (the value's class may be private).
            annotated = self._annotated(name, qualname)
            if annotated is not None and annotated.kind is Kind.OBJECT:
                return annotated
        if callable(raw):
            return Member(function_kind(raw, owner), qualname, raw, owner=owner)
        if is_constant(raw):
            return Member(Kind.VALUE, qualname, raw)
        if has_members(raw):
            return Member(Kind.OBJECT, qualname, raw)
        return Member(Kind.VALUE, qualname, raw)

    def _from_metaclass(self, name: str) -> bool:
        """Whether ``name`` is a function only a custom metaclass defines."""
        target = self.target
        if not isinstance(target, type):
            return False
        if any(name in vars(klass) for klass in target.__mro__):
            return False
        for meta in inspect.getmro(type(target)):
            if name in vars(meta):
                value = vars(meta)[name]
                value = getattr(value, "__func__", value)
                # (What type and object define are builtins, never functions.)
                return inspect.isfunction(value)
        return False

    def _annotated(self, name: str, qualname: str) -> Member | None:
        for klass in self.cls.__mro__:
            annotations = vars(klass).get("__annotations__")
            if isinstance(annotations, dict) and name in annotations:
                scope = _hints.scope_of_class(klass, self.owner)
                cls = _hints.class_of(annotations[name], scope)
                return Member(value_kind(cls), qualname, cls)
        return None


class _Known:
    """What is known about one class: its two specs and its double classes."""

    __slots__ = ("by_class", "by_instance", "class_double_class", "double_class")

    def __init__(self, cls: type) -> None:
        self.by_instance = Spec(cls, instance=True)
        self.by_class = Spec(cls)
        self.double_class: type | None = None
        self.class_double_class: type | None = None


# What is learned about a class lives in the class's own namespace, so that
# it goes when the class goes: a module-level mapping would keep every class
# ever doubled alive (its entry refers to the class through the specs, the
# members' functions and their annotations). Classes that take no attributes
# (builtins, extension types) live for ever anyway and are kept here; a
# typing.Protocol, whose attributes would become protocol members, is not
# cached at all (see ``known``).
KNOWN_KEY = "_fakes_known"
_immortal: dict[type, _Known] = {}
_written: weakref.WeakSet[type] = weakref.WeakSet()
_class_dict = type.__dict__["__dict__"].__get__


def known(cls: type) -> _Known:
    """What is known about ``cls``, cached with the class."""
    found = _class_dict(cls).get(KNOWN_KEY)
    if type(found) is _Known:
        return found
    with contextlib.suppress(KeyError, TypeError):
        return _immortal[cls]
    found = _Known(cls)
    if _class_dict(cls).get("_is_protocol"):
        # A protocol's attributes are its members, so nothing is written on
        # it; nor kept here, which would keep a protocol defined in a
        # function alive: it is read again for each double (it is lazy).
        return found
    try:
        type.__setattr__(cls, KNOWN_KEY, found)
        _written.add(cls)
    except TypeError:
        # A class that takes no attributes (a builtin, an extension type)
        # lives as long as the process anyway.
        with contextlib.suppress(TypeError):
            _immortal[cls] = found
    return found


def forget_all() -> None:
    """Forget what was learned about every class (for mutation testing)."""
    for cls in list(_written):
        with contextlib.suppress(AttributeError, TypeError):
            type.__delattr__(cls, KNOWN_KEY)
    _written.clear()
    _immortal.clear()


def spec_of(target: Any, *, instance: bool) -> Spec:
    """Return the (cached, for classes) ``Spec`` of ``target``."""
    if isinstance(target, type):
        found = known(target)
        return found.by_instance if instance else found.by_class
    return Spec(target, instance=True)


def is_valid_spec(target: Any) -> bool:
    """Whether an object that is neither a class nor a function can be a spec.

    A value of a builtin type (a number, a string, a list) cannot; a module can.
    """
    return type(target).__module__ != "builtins" or isinstance(target, type(sys))
