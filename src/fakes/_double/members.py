"""Lazy members: the double of each member of a spec, and default results.

A spec'd double builds the double of a member the first time it is read
(``spec_getattr``), and a member's result the first time it is needed: both
come from here, judged by the member's kind and annotations. The double
classes reach these builders through ``_construction.BUILD``, which this
module fills when it is imported.
"""

from __future__ import annotations

from typing import Any

from fakes import (
    _async_gen,
    _behaviour,
    _context_protocol,
    _kinds,
    _return_hints,
    _self_iter,
    _spec,
)
from fakes._double.construction import BUILD
from fakes._double.double_classes import class_double_class, object_double
from fakes._double.doubles import AsyncDouble, SyncDouble, _SyncResult
from fakes._double.object_doubles import AwaitableDouble, ValueDouble, _Unknown
from fakes._double.state import KEY, state_of
from fakes._kinds import Kind
from fakes._member import Member

__all__ = ["default_result", "member_double", "protocol_defaults"]


def default_result(double: Any, member: Member) -> Any:
    """What a spec'd member returns until configured, judged by its annotation."""
    returns = member.return_class()
    if returns is None:
        # Annotated ``-> None``: the double returns None, as the real one does.
        return None
    if isinstance(returns, type):
        return object_double(returns, parent=double)
    kwargs = {"_new_parent": double, "_new_name": "()"}
    if member.kind is Kind.SYNC:
        return _SyncResult(**kwargs)
    return _Unknown(**kwargs)


_IMMUTABLE = (int, float, complex, str, bytes, bool, type(None), tuple, frozenset)


def member_double(member: Member, parent: Any, attribute: str) -> Any:
    """Build the double of one member of a spec (or return a constant)."""
    kind = member.kind
    wraps = parent.__dict__.get("_mock_wraps")
    if wraps is not None:
        # As the stdlib does: a member of a wrapping double wraps the member.
        wraps = getattr(wraps, attribute)
    if kind is Kind.OBJECT:
        return object_double(
            member.func, parent=parent, attribute=attribute, wraps=wraps
        )
    if kind is Kind.VALUE and (
        isinstance(member.func, _IMMUTABLE) or _kinds.is_constant(member.func)
    ):
        # A constant of the spec (a timeout, a name) is the same on the double.
        return member.func
    kwargs = {
        "name": attribute,
        "parent": parent,
        "_new_name": attribute,
        "_new_parent": parent,
    }
    if wraps is not None:
        kwargs["wraps"] = wraps
    double: Any
    if kind is Kind.ASYNC:
        double = AsyncDouble(**kwargs)
        double.__dict__[KEY].member = member
        if attribute.startswith("__"):
            hook = None
            if attribute in ("__aenter__", "__aexit__"):
                hook = _context_protocol.magic_hook(parent, attribute)
            elif attribute == "__anext__":
                hook = _self_iter.next_hook(parent)
            elif attribute == "__aiter__" and _self_iter.iterates_itself(parent):
                hook = _self_iter.SELF
            if hook is not None:
                _behaviour.set_behaviour(double, hook)
        # An async member has no protocol default: done.
        return double
    if kind is Kind.CLASS:
        double = class_double_class(member.func)(**kwargs)
        state_of(double).spec = _spec.spec_of(member.func, instance=False)
        double.__dict__["_spec_class"] = type
    elif kind is Kind.VALUE:
        return ValueDouble(**kwargs)
    elif kind is Kind.AWAITABLE:
        double = AwaitableDouble(**kwargs)
    else:
        double = SyncDouble(**kwargs)
    state_of(double).member = member
    protocol_defaults(double, member)
    if attribute == "__aiter__" and _self_iter.iterates_itself(parent):
        _behaviour.set_behaviour(double, _self_iter.SELF)
    return double


def protocol_defaults(double: Any, member: Member) -> None:
    """An async generator yields nothing; a context manager enters a double."""
    if member.kind is Kind.ASYNC_GEN:
        _async_gen.set_items(double, (), None)
    elif member.kind is Kind.ASYNC_CM:
        context = _context_protocol.context_of(double)
        context._default_from(lambda: _entered_default(double, member))
        context._members_from(lambda: _result_members(double, member))


def _entered_default(double: Any, member: Member) -> Any:
    """What an async context manager member enters until ``enters()`` is set."""
    cls = _return_hints.entered_class(member.func, member.owner)
    if isinstance(cls, type):
        return object_double(cls, parent=double)
    return SyncDouble(_new_parent=double, _new_name="()")


def _result_members(double: Any, member: Member) -> Any:
    """A double of the class a context-manager member returns, for its members.

    ``def pipeline(self) -> Pipeline`` returns an object that is entered but
    also used directly (``pipe.set(...)``); ``None`` when the annotation
    names no class of the user's.
    """
    cls = member.return_class()
    return object_double(cls, parent=double) if isinstance(cls, type) else None


BUILD.install(
    default_result=default_result,
    member_double=member_double,
    object_double=object_double,
)
