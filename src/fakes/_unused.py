"""Dead configuration: what strict verification reports a test set up for nothing.

A ``returns()``, ``raises()``, ``script()``, ``answers()``, ``yields()`` or
``enters()`` whose double was never called (or, for ``enters()`` on a double
of an object, never entered) after it was set; and a value set on a spec'd
double under a name its spec does not have (``handler._cache = {}`` where
the class has no ``_cache``), which the real object would not have either.

Each double gets one watcher in the current ledger, made the first time it
is configured there. The watcher holds the double weakly: a double that is
gone can no longer be called, and the ledger must not keep it alive.
"""

from __future__ import annotations

import dis
import weakref
from types import CodeType
from typing import Any
from unittest import mock

from fakes import _render
from fakes._double.state import awaited_directly, state_of
from fakes._ledger import current_ledger
from fakes._stdlib import delegated, plain_await_count, plain_call_count

__all__ = ["Unused", "configured", "set_outside_spec"]

# The stdlib property, read from the class: a spec member of that name on the
# double cannot hide it.
_CALL_COUNT = vars(mock.NonCallableMock)["call_count"]


def _codes(value: Any) -> list[CodeType]:
    """The code objects of a class attribute (a function, a property, ...)."""
    if isinstance(value, (staticmethod, classmethod)):
        value = value.__func__
    if isinstance(value, property):
        return [code for part in (value.fget, value.fset) for code in _codes(part)]
    code = getattr(value, "__code__", None)
    return [code] if isinstance(code, CodeType) else []


def _stored_attributes(code: CodeType, names: set[str]) -> None:
    for instruction in dis.get_instructions(code):
        if instruction.opname == "STORE_ATTR":
            names.add(instruction.argval)
    for const in code.co_consts:
        if isinstance(const, CodeType):
            _stored_attributes(const, names)


def _assigned_on_self(cls: Any) -> set[str] | None:
    """The attribute names the class's own methods store (``self.size = 0``).

    Read from the methods' code, so a class defined anywhere (a file, a
    notebook, a string) works. ``None`` when ``cls`` is not a class.
    """
    if not isinstance(cls, type):
        return None
    names: set[str] = set()
    for klass in cls.__mro__[:-1]:
        for value in vars(klass).values():
            for code in _codes(value):
                _stored_attributes(code, names)
    return names


def _used(double: Any, what: str) -> str:
    """How the double is used: ``"call"``, ``"await"`` or ``"iterate"``."""
    if what == "yields" and state_of(double).own_iter is not None:
        return "iterate"
    if awaited_directly(double):
        return "await"
    return "call"


def _uses(double: Any, what: str, own: Any = None) -> int:
    """How often the double was used the way ``what`` configures it."""
    if own is None:
        own = state_of(double)
    iterator = own.own_iter
    if what == "yields" and iterator is not None:
        # A double that is its own iterator: how far its items were handed out.
        return int(iterator.consumed) + int(iterator.exhausted)
    if awaited_directly(double):
        return plain_await_count(double)
    if isinstance(double, mock.CallableMixin):
        if not delegated(double):
            # The count the stdlib property reads, without its two calls.
            count: int = plain_call_count(double)
        else:
            count = _CALL_COUNT.__get__(double, type(double))
        return count
    context = own.context
    if what == "enters" and context is not None:
        entered: int = context.entered
        return entered
    return -1  # not something this check can follow


class Unused:
    """One double's last configuration and the names set outside its spec."""

    __slots__ = ("_double", "baseline", "names", "what")

    def __init__(self, double: Any) -> None:
        # The label is read when a problem is reported, not here: working
        # it out costs more than all the rest of a configuration.
        self._double = weakref.ref(double)
        self.what: str | None = None
        self.baseline = 0
        self.names: list[str] = []

    def problems(self) -> list[str]:
        """What strict verification reports for this double."""
        double = self._double()
        if double is None:
            return []
        label = double._fakes_label()
        found = []
        what = self.what
        if what is not None:
            uses = _uses(double, what)
            if uses >= 0 and uses == self.baseline:
                used = _used(double, what)
                found.append(_render.configuration_unused(label, what, used))
        spec = state_of(double).spec
        names = [name for name in self.names if spec.member(name) is None]
        if names:
            # An attribute its own methods set (self.size = 0 in __init__)
            # is an attribute of the real object, though not of the class.
            assigned = _assigned_on_self(spec.cls)
            if assigned is not None:
                found.extend(
                    _render.set_outside_spec(label, name, spec.name)
                    for name in names
                    if name not in assigned
                )
        return found


def _watch(double: Any, ledger: Any = None) -> Unused:
    if ledger is None:
        ledger = current_ledger()
    own = state_of(double)
    found = own.unused
    if found is not None and found[0] is ledger:
        watch: Unused = found[1]
        return watch
    watch = Unused(double)
    ledger.watch(watch)
    own.unused = (ledger, watch)
    return watch


def configured(double: Any, what: str) -> None:
    """Note that ``double.<what>(...)`` was set: it should be used later."""
    own = state_of(double)
    found = own.unused
    ledger = current_ledger()
    # The common case inline: the double is watched in the current ledger.
    if found is not None and found[0] is ledger:
        watch: Unused = found[1]
    else:
        watch = Unused(double)
        ledger.watch(watch)
        own.unused = (ledger, watch)
    watch.what = what
    watch.baseline = _uses(double, what, own)


def set_outside_spec(double: Any, name: str) -> None:
    """Note that ``double.<name> = value`` was set though the spec lacks it."""
    watch = _watch(double)
    if name not in watch.names:
        watch.names.append(name)
