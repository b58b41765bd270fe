"""``copy.copy`` and ``copy.deepcopy`` of a double.

The stdlib copies a mock through ``__reduce_ex__``: a new mock of a new
subclass of the mock's class, whose ``__dict__`` is the original's (shallow
copy: children, call lists and ``return_value`` are shared) or a deep copy
of it. A double is copied the same way, with one difference: the state
``fakes`` keeps about it (behaviour, name, protocol state) is never shared
with the original, so configuring one never configures the other.

That state is copied by walking it: the objects of ``fakes`` in it (a
behaviour, its rules and script, an async context manager's records) are
copied, and a reference to the original double becomes one to the copy;
anything else (the values a script returns, other doubles, a standalone
``fakes.async_iter(...)``) is shared by a shallow copy and deep-copied by a
deep one, as the stdlib treats the values of its own state. An object the
stdlib state also holds (a member's async context manager is its
``return_value``) is shared by a shallow copy, as the stdlib shares it.
What the spec says is shared, a gate starts empty (the awaits it holds are
the original's), and strict verification watches the copy from its own
first configuration.
"""

from __future__ import annotations

import copy
import enum
import types
import weakref
from typing import Any

from fakes._double.fastmock import copy_instance
from fakes._double.state import KEY, DoubleState, state_of
from fakes._gate import Gate
from fakes._ledger import Ledger
from fakes._member import Member
from fakes._spec import Spec
from fakes._stdlib import is_instance_mock

__all__ = ["reduce"]

# Shared by every copy: what describes the spec, what records events, and
# weak references (a standalone iterator's reference to itself, say).
_SHARED = (Ledger, Member, Spec, enum.Enum, type, types.FunctionType, weakref.ref)


class _Source:
    """The double being copied, handed to :func:`_rebuild` by the copy module.

    A deep copy deep-copies the arguments of a reduction first: this one
    then carries the memo the copy module uses, and stays the same double.
    """

    __slots__ = ("double", "memo")

    def __init__(self, double: Any, memo: dict[int, Any] | None = None) -> None:
        self.double = double
        self.memo = memo

    def __deepcopy__(self, memo: dict[int, Any]) -> _Source:
        return _Source(self.double, memo)


def reduce(double: Any) -> tuple[Any, ...]:
    """``double.__reduce_ex__(...)``: rebuild a copy, then set its stdlib state.

    Pickling fails as for a mock (the class of a double is its own).
    """
    state = dict(double.__dict__)
    state.pop(KEY, None)
    return (_rebuild, (type(double), _Source(double)), state)


def _rebuild(cls: type, source: _Source) -> Any:
    """An empty double of a subclass of ``cls`` holding a copy of the fakes state."""
    original = source.double
    new = copy_instance(cls)
    memo = source.memo
    if memo is None:
        # A shallow copy: what the stdlib state holds stays shared.
        memo = {id(value): value for value in original.__dict__.values()}
        foreign = _shared
    else:
        foreign = _deep(memo)
    memo[id(original)] = new
    own = _copied_state(state_of(original), memo, foreign)
    # The copy module sets the stdlib state next (a deep copy of it, for a
    # deep copy), after asking the copy for ``__setstate__``: a double of a
    # spec answers that from the state, so it must be there already.
    new.__dict__.update(original.__dict__)
    new.__dict__[KEY] = own
    return new


def _shared(value: Any) -> Any:
    return value


def _deep(memo: dict[int, Any]) -> Any:
    def deep(value: Any) -> Any:
        return copy.deepcopy(value, memo)

    return deep


def _copied_state(own: DoubleState, memo: dict[int, Any], foreign: Any) -> Any:
    new = DoubleState()
    for name, value in vars(own).items():
        # Verification of the copy starts with its own first configuration.
        if name != "unused":
            setattr(new, name, _walk(value, memo, foreign))
    return new


def _walk(value: Any, memo: dict[int, Any], foreign: Any) -> Any:
    """``value`` for the copy: see the module docstring."""
    found = memo.get(id(value), memo)
    if found is not memo:
        return found
    kind = type(value)
    if isinstance(value, _SHARED):
        return value
    if kind in (list, tuple, set, dict):
        result: Any = _walk_container(value, memo, foreign)
    elif kind is types.MethodType:
        result = types.MethodType(value.__func__, _walk(value.__self__, memo, foreign))
    elif isinstance(value, Gate):
        result = value.copy_for(lambda double: _walk(double, memo, foreign))
    elif (
        kind.__module__.startswith("fakes.")
        and not isinstance(value, BaseException)
        and not is_instance_mock(value)
        and not (foreign is _shared and _standalone(value))
    ):
        # A deep copy walks a standalone one too: its weak reference to
        # itself cannot be deep-copied.
        result = _walk_object(value, memo, foreign)
    else:
        return foreign(value)
    memo[id(value)] = result
    return result


def _standalone(value: Any) -> bool:
    """Whether ``value`` is a double of ``fakes`` that belongs to no mock.

    ``fakes.async_iter(...)`` or ``fakes.async_context(...)`` given to a
    script is a value like any other; the async context manager or iterator
    of a member belongs to that member (its ``_owner``).
    """
    try:
        owner = object.__getattribute__(value, "_owner")
    except AttributeError:
        return False
    return not is_instance_mock(owner)


def _walk_container(value: Any, memo: dict[int, Any], foreign: Any) -> Any:
    if isinstance(value, dict):
        return {
            _walk(key, memo, foreign): _walk(item, memo, foreign)
            for key, item in value.items()
        }
    return type(value)(_walk(item, memo, foreign) for item in value)


def _walk_object(value: Any, memo: dict[int, Any], foreign: Any) -> Any:
    result = copy.copy(value)
    memo[id(value)] = result
    names: list[str] = list(getattr(value, "__dict__", ()))
    for klass in type(value).__mro__:
        slots = klass.__dict__.get("__slots__", ())
        names.extend([slots] if isinstance(slots, str) else slots)
    for name in names:
        try:
            attribute = object.__getattribute__(value, name)
        except AttributeError:
            continue  # an empty slot
        object.__setattr__(result, name, _walk(attribute, memo, foreign))
    return result
