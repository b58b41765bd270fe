"""Awaiting a double that is not awaitable: a named error, not Python's bare one.

``await double`` of a double whose spec is not awaitable (an object without
``__await__``, a sync method, an async method not called yet, a value)
raises ``NotAwaitableError`` (a ``TypeError``) naming the double, the spec
member and why, instead of ``object SyncDouble can't be used in 'await'
expression``. The double must still look as unawaitable as the real object
to code that asks first (``if inspect.isawaitable(result): result = await
result``, a framework calling sync-or-async callbacks), so:

* ``RefusesAwait``, mixed into the class of every such double, has the
  ``__await__`` that Python's ``await`` finds: the interpreter looks it up
  on the type's own method resolution order, kept in the type itself;
* ``DoubleMeta``, the metaclass of those classes, gives a ``__mro__``
  attribute without the mixin (nor the class that mixes it in).
  ``inspect.isawaitable`` and ``isinstance(x, collections.abc.Awaitable)``
  read that attribute and find no ``__await__``; ``super()`` and attribute
  lookup use the type's own order and are unchanged;
* reading the attribute (``hasattr(double, "__await__")``, as some
  libraries test for an awaitable) finds nothing either: the descriptor
  gives the refusal only to the interpreter's ``await`` instruction.

Each double class says what its refusal is in ``_fakes_not_awaitable()``,
which returns the error to raise.
"""

from __future__ import annotations

import dis
import sys
from typing import Any

__all__ = [
    "REAL_MRO",
    "DoubleMeta",
    "RefusesAwait",
    "awaitable_class",
    "metaclass_for",
    "refusing_bases",
    "refusing_class",
]

#: The type's own method resolution order, whatever ``__mro__`` says.
REAL_MRO: Any = type.__dict__["__mro__"].__get__
# The instructions that look ``__await__`` up: ``await`` (also of what
# ``async with`` enters and leaves) and ``async for``. Empty on an
# interpreter without them: then every reader gets the refusal, which is
# still a named TypeError.
_AWAITING = frozenset(
    op
    for op in (dis.opmap.get("GET_AWAITABLE"), dis.opmap.get("GET_ANEXT"))
    if op is not None
)


def _refuse(double: Any) -> Any:
    raise double._fakes_not_awaitable()


def _awaiting(frame: Any) -> bool:
    """Whether ``frame`` is running an await instruction."""
    offset: int = frame.f_lasti
    return offset >= 0 and frame.f_code.co_code[offset] in _AWAITING


class _Refusal:
    """``__await__`` that only ``await`` sees: it raises the double's refusal."""

    __slots__ = ("name",)

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        if _AWAITING:
            # The interpreter's await asks from C code, so the nearest
            # Python frame is the one running the await instruction; any
            # other reader is an attribute read, which finds nothing, as on
            # a MagicMock.
            frame = sys._getframe().f_back
            if frame is None or not _awaiting(frame):
                raise AttributeError(self.name)
        return lambda: _refuse(obj)


# In the namespace of a class built only to mix the refusal in.
_HIDDEN = "_fakes_refusal_only"


class DoubleMeta(type):
    """Metaclass of double classes: their ``__mro__`` leaves the refusal out.

    Left out are ``RefusesAwait`` and a class built only to mix it in (see
    ``refusing_class``), so ``__mro__[1]`` of a double's class is still the
    class it was made from, as on a stdlib mock.
    """

    @property
    def __mro__(cls) -> tuple[type, ...]:
        mro: tuple[type, ...] = REAL_MRO(cls)
        if cls is RefusesAwait:
            return mro
        return tuple(
            klass
            for klass in mro
            if klass is not RefusesAwait and _HIDDEN not in klass.__dict__
        )


class RefusesAwait(metaclass=DoubleMeta):
    """Mixin of double classes that are not awaitable: ``await`` says why."""

    __slots__ = ()
    __await__: Any = _Refusal()


def awaitable_class(cls: type) -> bool:
    """Whether instances of ``cls`` are awaitable: a class of it has ``__await__``."""
    return any(
        "__await__" in klass.__dict__
        for klass in REAL_MRO(cls)
        if klass is not RefusesAwait
    )


def refusing_bases(public: type) -> tuple[type, ...]:
    """The bases of a class of doubles of ``public``: with the refusal unless awaitable.

    Its metaclass must derive from ``DoubleMeta``.
    """
    return (public,) if awaitable_class(public) else (public, RefusesAwait)


def metaclass_for(meta: type, public: type) -> type:
    """``meta``, or a metaclass of both ``meta`` and ``public``'s own metaclass.

    A subclass of ``AsyncDouble`` may also derive from an ABC, a ``Protocol``
    or any class with a metaclass of its own; the classes built for its
    doubles need a metaclass that derives from both, as Python requires.
    """
    own = type(public)
    if issubclass(meta, own):
        return meta
    if issubclass(own, meta):
        return own
    return type(meta.__name__, (meta, own), {"__module__": meta.__module__})


def refusing_class(public: type, namespace: dict[str, Any]) -> type:
    """``public`` with the refusal mixed in, unless its instances are awaitable.

    For classes that something else builds on top (``unittest.mock`` for a
    double built its own way): one per public class, kept on it, with
    ``namespace``, and left out of ``__mro__``.
    """
    known: type | None = public.__dict__.get("_fakes_refusing")
    if known is not None:
        return known
    cls = public
    bases = refusing_bases(public)
    if bases != (public,):
        namespace = {
            **namespace,
            _HIDDEN: True,
            "__doc__": public.__doc__,
            "__module__": public.__module__,
            "__qualname__": public.__qualname__,
        }
        meta = metaclass_for(DoubleMeta, public)
        cls = meta(public.__name__, bases, namespace)
    type.__setattr__(public, "_fakes_refusing", cls)
    return cls
