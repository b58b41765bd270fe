"""Reading a spec: its members, their kinds and their signatures.

Members are classified on first access with ``inspect.getattr_static``, so
properties and other descriptors are never evaluated, and what has been
learned about a class is cached for every later double of it.
"""

from __future__ import annotations

import contextlib
import difflib
import enum
import functools
import inspect
import sys
import typing
import weakref
from collections import abc
from collections.abc import Callable
from typing import Any

from fakes import _awaited, _hints, _render
from fakes._double.state import state_of
from fakes._hints import MISSING as _MISSING
from fakes.errors import SignatureMismatchError

__all__ = [
    "KNOWN_KEY",
    "Kind",
    "Member",
    "Spec",
    "callable_member",
    "callable_name",
    "constructor_member",
    "declare",
    "forget_all",
    "is_constant",
    "known",
    "spec_of",
]


class Kind(enum.Enum):
    """What kind of double a member becomes."""

    ASYNC = "async"
    SYNC = "sync"
    ASYNC_GEN = "async generator"
    ASYNC_CM = "async context manager"
    OBJECT = "object"
    CLASS = "class"
    VALUE = "value"
    AWAITABLE = "awaitable"


_ASYNC_CM_TYPES = (contextlib.AbstractAsyncContextManager,)
_ASYNC_ITER_TYPES = (abc.AsyncIterator, abc.AsyncGenerator, abc.AsyncIterable)
# "AbstractAsyncContextManager" contains the first word.
_ASYNC_CM_WORDS = ("AsyncContextManager",)
_ASYNC_ITER_WORDS = ("AsyncIterator", "AsyncGenerator", "AsyncIterable")


class Member:
    """One member of a spec (or a function spec itself), read lazily."""

    __slots__ = (
        "_awaitable",
        "_checker",
        "_optional",
        "_returns",
        "_signature",
        "bound",
        "func",
        "kind",
        "name",
        "owner",
    )

    def __init__(
        self,
        kind: Kind,
        name: str,
        func: Any,
        *,
        bound: bool = False,
        owner: type | None = None,
        awaitable: bool | None = None,
    ) -> None:
        self.kind = kind
        self.name = name
        self.func = func
        self.bound = bound
        # The spec's class, for ``Self`` and names local to its module.
        self.owner = owner
        self._signature: Any = _MISSING
        self._checker: Any = _MISSING
        self._returns: Any = _MISSING
        self._awaitable = awaitable
        self._optional: bool | None = None

    @property
    def signature(self) -> inspect.Signature | None:
        """The signature a call must bind to, without ``self`` when bound."""
        if self._signature is _MISSING:
            try:
                sig = inspect.signature(self.func)
            except (TypeError, ValueError):
                sig = None
            if sig is not None and self.bound:
                params = list(sig.parameters.values())
                if params and params[0].kind in (
                    inspect.Parameter.POSITIONAL_ONLY,
                    inspect.Parameter.POSITIONAL_OR_KEYWORD,
                ):
                    sig = sig.replace(parameters=params[1:])
            if sig is not None:
                sig = _plain_forward_refs(sig)
            self._signature = sig
        return self._signature  # type: ignore[no-any-return]

    def check(self, args: tuple[Any, ...], kwargs: dict[str, Any], double: Any) -> None:
        """Raise ``SignatureMismatchError`` when a call does not bind.

        Args:
            args: The call's positional arguments.
            kwargs: The call's keyword arguments.
            double: The double called, named in the message by its path.

        Raises:
            SignatureMismatchError: The arguments do not fit the signature.
        """
        checker = self._checker
        if checker is _MISSING:
            checker = self._checker = _compile_checker(self.signature)
        if checker is None:
            return
        try:
            checker(*args, **kwargs)
        except TypeError:
            sig = self.signature
            assert sig is not None
            try:
                sig.bind(*args, **kwargs)
            except TypeError as error:
                raise SignatureMismatchError(
                    _render.signature_mismatch(
                        double._fakes_label(), self.name, sig, args, kwargs, error
                    )
                ) from None

    def return_class(self) -> Any:
        """The class named by the return annotation, ``None`` for ``-> None``.

        Returns:
            A class, ``None``, or ``_MISSING`` when nothing useful is known.
        """
        if self._returns is _MISSING:
            if self.kind is Kind.ASYNC or self.kind is Kind.AWAITABLE:
                # What an await gives, also behind ``-> Awaitable[T]``.
                self._returns = _awaited.awaited_class(self.func, self.owner)
            else:
                self._returns = _hints.return_class(self.func, self.owner)
        return self._returns

    def result_awaitable(self) -> bool:
        """Whether the result of an async-context-manager member is also awaited.

        So it is when the class the member returns defines ``__await__`` (an
        HTTP client's request), or when the member was made so (a patched
        factory).
        """
        if self._awaitable is None:
            cls = self.return_class()
            self._awaitable = isinstance(cls, type) and any(
                "__await__" in vars(klass) for klass in cls.__mro__[:-1]
            )
        return self._awaitable

    def optional_await(self) -> bool:
        """Whether the caller may use a call's result without awaiting it.

        So it is for a sync method annotated ``T | Awaitable[T]``.
        """
        if self._optional is None:
            self._optional = self.kind is Kind.ASYNC and _awaited.awaiting_optional(
                self.func, self.owner
            )
        return self._optional

    def declared_as(self, kind: Kind) -> Member | None:
        """This member as ``kind``, when it is a sync one that says nothing more.

        A plain ``def`` without a return annotation may return an async
        context manager or an async iterator (asyncpg's ``Pool.acquire``,
        ``Connection.transaction`` and ``Connection.cursor``); configuring it
        with ``enters()`` or ``yields()`` says which. A context manager made
        so is also awaitable, as a patched factory's is. ``None`` for any
        other member: what it is was read from the spec.
        """
        annotations = getattr(self.func, "__annotations__", None) or {}
        if self.kind is not Kind.SYNC or "return" in annotations:
            return None
        return Member(
            kind,
            self.name,
            self.func,
            bound=self.bound,
            owner=self.owner,
            awaitable=True if kind is Kind.ASYNC_CM else None,
        )


def declare(double: Any, kind: Kind) -> None:
    """Make ``double``'s member ``kind`` when the spec leaves it open.

    The member is replaced on this double only: the spec's cached member,
    shared by every double of the class, stays as it was read.
    """
    own = state_of(double)
    member = own.member
    declared = None if member is None else member.declared_as(kind)
    if declared is not None:
        own.member = declared


def _plain_forward_refs(sig: inspect.Signature) -> inspect.Signature:
    """Show a NamedTuple's ``ForwardRef("int")`` annotations as ``int``."""
    params = list(sig.parameters.values())
    if not any(isinstance(p.annotation, typing.ForwardRef) for p in params):
        return sig
    return sig.replace(
        parameters=[
            p.replace(annotation=p.annotation.__forward_arg__)
            if isinstance(p.annotation, typing.ForwardRef)
            else p
            for p in params
        ]
    )


def _compile_checker(sig: inspect.Signature | None) -> Callable[..., object] | None:
    """Compile a no-op function with ``sig``'s parameters.

    Calling it is how CPython itself checks arguments, about twenty times
    faster than ``Signature.bind``; ``bind`` only runs to explain a failure.
    """
    if sig is None:
        return None
    kinds = inspect.Parameter
    params = list(sig.parameters.values())
    parts: list[str] = []
    for param in params:
        if param.kind is kinds.VAR_POSITIONAL:
            parts.append(f"*{param.name}")
        elif param.kind is kinds.VAR_KEYWORD:
            parts.append(f"**{param.name}")
        else:
            default = "" if param.default is param.empty else "=None"
            parts.append(f"{param.name}{default}")
    order = [param.kind for param in params]
    # Keyword-only parameters follow a bare "*" unless "*args" comes first;
    # positional-only ones, always first, are followed by "/".
    if kinds.KEYWORD_ONLY in order and kinds.VAR_POSITIONAL not in order:
        parts.insert(order.index(kinds.KEYWORD_ONLY), "*")
    if kinds.POSITIONAL_ONLY in order:
        parts.insert(order.count(kinds.POSITIONAL_ONLY), "/")
    namespace: dict[str, Any] = {}
    try:
        exec(f"def check({', '.join(parts)}): pass", namespace)
    except SyntaxError:
        return sig.bind
    return namespace["check"]  # type: ignore[no-any-return]


def _mentions(annotation: Any, words: tuple[str, ...], types: tuple[type, ...]) -> bool:
    if isinstance(annotation, str):
        return any(word in annotation for word in words)
    origin = typing.get_origin(annotation) or annotation
    return isinstance(origin, type) and issubclass(origin, types)


def function_kind(func: Any, owner: type | None = None) -> Kind:
    """Classify a callable as async, sync, async generator or context manager.

    A return annotation written as a string is evaluated in the function's
    module (and with ``owner``'s class names); when that fails, the words of
    the string decide.
    """
    if inspect.iscoroutinefunction(func):
        return Kind.ASYNC
    if inspect.isasyncgenfunction(func):
        return Kind.ASYNC_GEN
    if inspect.isasyncgenfunction(getattr(func, "__wrapped__", None)):
        return Kind.ASYNC_CM
    annotations = getattr(func, "__annotations__", None)
    returns = annotations.get("return") if isinstance(annotations, dict) else None
    if isinstance(returns, str):
        returns = _hints.hint(
            annotations, "return", _hints.scope_of_function(func, owner)
        )
    if returns is not None:
        if _mentions(returns, _ASYNC_CM_WORDS, _ASYNC_CM_TYPES):
            return Kind.ASYNC_CM
        if _mentions(returns, _ASYNC_ITER_WORDS, _ASYNC_ITER_TYPES):
            return Kind.ASYNC_GEN
        if _awaited.returns_awaitable(func, owner):
            # ``-> Awaitable[T]``: calling it and awaiting the result is
            # what the double of an async method records.
            return Kind.ASYNC
    return Kind.SYNC


def callable_name(func: Any) -> str:
    """The name a function spec goes by: its qualified name, as written.

    A function defined inside another one is named from where it is defined
    (``fetch``, not ``test_x.<locals>.fetch``); a ``functools.partial`` by the
    function it wraps.
    """
    while isinstance(func, functools.partial):
        func = func.func
    name = getattr(func, "__qualname__", None)
    if not isinstance(name, str):
        name = type(func).__qualname__
    return name.rpartition("<locals>.")[2]


def callable_member(func: Any, name: str) -> Member:
    """Describe a function spec (not a member of a class) as a ``Member``."""
    return Member(function_kind(func), name, func)


def constructor_member(cls: type, name: str) -> Member | None:
    """The member a call of the class ``cls`` is checked against.

    ``__init__``, unless it says nothing more than ``(*args, **kwargs)`` and
    the class defines ``__new__`` in Python (a ``NamedTuple``, a class made
    by ``__new__`` alone): then ``__new__``. ``None`` when neither is defined.
    """
    klass: Any = cls
    init: Any = klass.__init__
    new: Any = klass.__new__
    if init is object.__init__ or _says_nothing(init):
        if inspect.isfunction(new):
            return Member(Kind.SYNC, name, new, bound=True, owner=cls)
        if init is object.__init__:
            return None
    return Member(Kind.SYNC, name, init, bound=True, owner=cls)


def _says_nothing(init: Any) -> bool:
    """Whether ``__init__`` takes any arguments at all: ``(self, *a, **k)``."""
    try:
        params = list(inspect.signature(init).parameters.values())[1:]
    except (TypeError, ValueError):
        return False
    variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    return all(param.kind in variadic for param in params)


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
        if isinstance(raw, property) and _awaits(raw.fget, owner):
            return Member(Kind.AWAITABLE, qualname, raw.fget, owner=owner)
        if isinstance(raw, property):
            returns = _hints.return_class(raw.fget, owner)
            return Member(_value_kind(returns), qualname, returns)
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
        if _has_members(raw):
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
                return Member(_value_kind(cls), qualname, cls)
        return None


_SIMPLE = (int, float, complex, str, bytes, bool, type(None), range)
# Immutable classes of the standard library, by (module, name), so that
# reading a spec never imports a module only to compare against its classes.
_IMMUTABLE_CLASSES = frozenset(
    {
        ("datetime", "date"),
        ("datetime", "time"),
        ("datetime", "timedelta"),
        ("datetime", "timezone"),
        ("decimal", "Decimal"),
        ("fractions", "Fraction"),
        ("uuid", "UUID"),
        ("pathlib", "PurePath"),
        ("pathlib._local", "PurePath"),
        ("ipaddress", "_BaseAddress"),
        ("ipaddress", "_BaseNetwork"),
    }
)


def is_constant(value: Any, depth: int = 0) -> bool:
    """Whether a class attribute is a constant the double keeps as it is.

    Numbers, strings, enum members, dates and durations, decimals, frozen
    dataclass instances, and tuples or frozensets of such: values nobody can
    change, so the double gives the spec's own.
    """
    if isinstance(value, (_SIMPLE, enum.Enum)):
        return True
    if isinstance(value, (tuple, frozenset)):
        return depth < 10 and all(is_constant(item, depth + 1) for item in value)
    cls = type(value)
    params = getattr(cls, "__dataclass_params__", None)
    if params is not None and getattr(params, "frozen", False):
        return True
    return any(
        (getattr(klass, "__module__", None), klass.__name__) in _IMMUTABLE_CLASSES
        for klass in cls.__mro__[:-1]
    )


def _awaits(fget: Any, owner: type | None) -> bool:
    """Whether a property's value is awaited: ``async def`` or annotated so."""
    return fget is not None and (
        inspect.iscoroutinefunction(fget) or _awaited.returns_awaitable(fget, owner)
    )


def _value_kind(cls: Any) -> Kind:
    return Kind.OBJECT if isinstance(cls, type) else Kind.VALUE


_STDLIB_MODULES: frozenset[str] = frozenset(getattr(sys, "stdlib_module_names", ())) - {
    "__main__"
}


_DATA_MODULES = ("builtins", "typing")


def _has_members(value: Any) -> bool:
    """Whether an attribute value is an object worth a nested double."""
    module = type(value).__module__
    # Not ``_hints.describes_shape``: a value of a builtin or typing class is
    # data, but a value of a contextlib or types class (an AsyncExitStack, a
    # SimpleNamespace) is an object whose members its double should have,
    # even though an annotation naming that class says nothing useful.
    if module in _DATA_MODULES:
        return False
    # The standard library's private modules hold C classes without Python
    # signatures (_io, _thread, _socket); a user's own (__main__, _private)
    # hold classes like any other.
    return not (module.startswith("_") and module.partition(".")[0] in _STDLIB_MODULES)


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
