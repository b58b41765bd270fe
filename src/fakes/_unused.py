"""Dead configuration: what strict verification reports a test set up for nothing.

A ``returns()``, ``raises()``, ``script()``, ``answers()``, ``yields()`` or
``enters()`` whose double was never called (or, for ``enters()`` on a double
of an object, never entered) after it was set; and a value set on a spec'd
double under a name its spec does not have (``handler._cache = {}`` where
the class has no ``_cache``), which the real object would not have either.

A double is registered with the current ledger (``Ledger.watch_double``,
which holds it weakly) the first time it is configured there; what was
configured lives in the double's state. A double configured in a second
ledger is watched there too, and both report its latest configuration.
"""

from __future__ import annotations

import dis
from types import CodeType
from typing import Any
from unittest import mock

from fakes import _render
from fakes._double.state import awaited_directly, state_of
from fakes._ledger import current_ledger
from fakes._stdlib import delegated, plain_await_count, plain_call_count

__all__ = ["problems", "set_outside_spec", "uses"]

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


def uses(double: Any, what: str, own: Any = None) -> int:
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


def problems(double: Any) -> list[str]:
    """What strict verification reports about one configured double."""
    own = state_of(double)
    # The label is read here, not when configured: working it out costs
    # more than all the rest of a configuration.
    label = double._fakes_label()
    found = []
    what = own.configured
    if what is not None:
        count = uses(double, what, own)
        if count >= 0 and count == own.baseline:
            used = _used(double, what)
            found.append(_render.configuration_unused(label, what, used))
    spec = own.spec
    names = [name for name in own.outside or () if spec.member(name) is None]
    if names:
        # An attribute its own methods set (self.size = 0 in __init__) is an
        # attribute of the real object, though not of the class.
        assigned = _assigned_on_self(spec.cls)
        if assigned is not None:
            found.extend(
                _render.set_outside_spec(label, name, spec.name)
                for name in names
                if name not in assigned
            )
    return found


def set_outside_spec(double: Any, name: str) -> None:
    """Note that ``double.<name> = value`` was set though the spec lacks it."""
    own = state_of(double)
    ledger = current_ledger()
    if own.watched_in != ledger.serial:
        own.watched_in = ledger.watch_double(double)
    if own.outside is None:
        own.outside = []
    if name not in own.outside:
        own.outside.append(name)
