"""The class of its own that each root double gets: made, or reused.

Every stdlib mock is an instance of a class of its own, so that what a test
sets on ``type(mock)`` (a ``PropertyMock``, a magic method) stays with that
mock; a root double (what ``fakes.async_double()`` or ``AsyncDouble()``
returns) gets one too. Making a class is most of what creating a double
costs, and a test suite makes one per test. A class whose double is gone,
and on which nothing was set, is as good as a new one: a few such classes
are kept with each shared class and handed to the next root double.

A class is reused only when all of these hold, so no double can see
another's class: its double is freed (its weak reference is dead), its
namespace has exactly what it was made with, its name, module, docstring
and base are the ones it was made with, and nothing derives from it.
"""

from __future__ import annotations

import weakref
from collections import deque
from typing import Any

__all__ = ["KIND", "OWNER", "POOL_KEYS", "Owner", "own_class"]

#: A double class's role: "shared", "own", "private" or "base".
KIND = "_fakes_kind"
#: A class that belongs to one double holds an ``Owner`` of it here.
OWNER = "_fakes_owner"
# Kept on each shared class: the classes it may hand out again, and how many
# names a class of its own has when it is new.
_POOL = "_fakes_pool"
_SIZE = "_fakes_own_size"
# Doubles live in reference cycles, which the collector frees in batches
# (every 700 allocations up to Python 3.12, 2,000 from 3.13): a test suite
# has a few dozen root doubles waiting to be freed at any time, and the
# pool must reach past them to the freed ones.
_KEPT = 32
_LOOKED_AT = 3
#: The names this module keeps on a shared class (not to be copied off it).
POOL_KEYS = frozenset({_POOL, _SIZE})


class Owner:
    """The double a class belongs to, held weakly; calling it gives the double.

    Kept in the class's namespace and changed in place when the class is
    handed to another double: setting an attribute on a class would cost it
    a new version of Python's attribute cache each time, and from 3.12 a
    class that used up its versions is never cached again.
    """

    __slots__ = ("ref",)

    def __init__(self) -> None:
        self.ref: weakref.ref[Any] | None = None

    def __call__(self) -> Any:
        ref = self.ref
        return None if ref is None else ref()

    def own(self, double: Any) -> None:
        """Make ``double`` the owner (held weakly)."""
        self.ref = weakref.ref(double)


def own_class(shared: type, public: type) -> type:
    """A class of its own for a new root double of ``public``.

    The caller makes the double an instance of it, then its owner
    (``fastmock._own``).
    """
    pool: deque[type] | None = shared.__dict__.get(_POOL)
    if pool is None:
        pool = deque()
        type.__setattr__(shared, _POOL, pool)
    # A few are looked at, oldest first: the oldest are likeliest freed.
    for _ in range(_LOOKED_AT):
        try:
            # Taken out while it is judged: no other thread can take it too.
            cls = pool.popleft()
        except IndexError:
            break
        owner = cls.__dict__[OWNER]
        if owner.ref is not None and owner() is None:
            if _as_new(cls, shared, public):
                pool.append(cls)
                return cls
            # Its double is gone but it was changed: dropped.
        elif len(pool) < _KEPT - 1:
            pool.append(cls)  # still in use: judged again later
        # Else in use while the pool is full: dropped, so that doubles that
        # live long (a module's) cannot hold every place.
    cls = type(
        public.__name__,
        (shared,),
        {
            KIND: "own",
            OWNER: Owner(),
            "__doc__": public.__doc__,
            "__module__": public.__module__,
        },
    )
    if _SIZE not in shared.__dict__:
        type.__setattr__(shared, _SIZE, len(cls.__dict__))
    if len(pool) < _KEPT:
        pool.append(cls)
    return cls


def _as_new(cls: type, shared: type, public: type) -> bool:
    """Whether ``cls`` is as it was made: nothing set, renamed or derived."""
    namespace = cls.__dict__
    return (
        len(namespace) == shared.__dict__[_SIZE]
        and namespace.get(KIND) == "own"
        and type(namespace.get(OWNER)) is Owner
        and namespace.get("__doc__") is public.__doc__
        and namespace.get("__module__") == public.__module__
        and cls.__name__ == public.__name__
        and cls.__qualname__ == public.__name__
        and cls.__bases__ == (shared,)
        and not type.__subclasses__(cls)
    )
