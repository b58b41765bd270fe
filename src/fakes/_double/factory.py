"""``async_double`` and ``factory_double``: a double from a spec.

The factory picks the double for a spec (a function, a class, an instance
or nothing) and names it; members are built later, on first use.
"""

from __future__ import annotations

import inspect
import sys
import typing
from typing import Any, Literal, TypeVar, overload

from fakes import _hints, _member, _render, _spec
from fakes._double.double_classes import class_double_class, object_double
from fakes._double.doubles import AsyncDouble, SyncDouble
from fakes._double.members import protocol_defaults
from fakes._double.state import state_of
from fakes._kinds import Kind
from fakes.errors import FakesTypeError, SpecError

__all__ = ["async_double", "factory_double"]

T = TypeVar("T")


# How the checkers type a double (the spec's own type, so a double passes
# where the real object is expected): a class gives an instance of it, or the
# class itself with ``instance=False``; a function or an object gives its own
# type. mypy refuses an abstract class or a Protocol for ``type[T]``; those
# fall to ``type[Any]`` and give ``Any`` (pyright takes the first overload).
@overload
def async_double(
    spec: type[T],
    *,
    name: str | None = ...,
    instance: Literal[True] = ...,
    wraps: Any = ...,
) -> T: ...
@overload
def async_double(
    spec: type[T],
    *,
    name: str | None = ...,
    instance: Literal[False],
    wraps: Any = ...,
) -> type[T]: ...
@overload
def async_double(
    spec: type[Any],
    *,
    name: str | None = ...,
    instance: bool = ...,
    wraps: Any = ...,
) -> Any: ...
@overload
def async_double(
    spec: None = ...,
    *,
    name: str | None = ...,
    instance: bool = ...,
    wraps: Any = ...,
) -> Any: ...
@overload
def async_double(
    spec: T, *, name: str | None = ..., instance: bool = ..., wraps: Any = ...
) -> T: ...
def async_double(
    spec: Any = None,
    *,
    name: str | None = None,
    instance: bool = True,
    wraps: Any = None,
) -> Any:
    """Create a double of ``spec``: an async function, function, class or object.

    Members are built lazily, the first time they are used; a call that does
    not fit the spec's signature raises ``TypeError`` when it is made.

    Args:
        spec: What the double stands in for, or ``None`` for a spec-less
            double that behaves like ``AsyncMock``.
        name: The name shown in the ledger and in messages (defaults to the
            spec's qualified name); members, nested doubles and results are
            named by their path from it (``db.pool.acquire``,
            ``db.connect()``).
        instance: For a class spec: ``True`` (default) for a double of an
            instance, ``False`` for a double of the class itself, whose calls
            return an instance double.
        wraps: A real object to pass calls through to until the double is
            configured, as ``AsyncMock(wraps=...)`` does: awaiting the double
            calls ``wraps`` and awaits its result when it is a coroutine
            function. For a class or object spec, each member wraps the same
            member of ``wraps``.

    Returns:
        The double, typed as the spec so it passes where the real object is
        expected.

    Raises:
        SpecError: ``spec`` is not a function, class or object.
        FakesTypeError: ``name`` is not a string, or ``wraps`` can never be
            used: not callable for a function spec or a class double, or,
            for an instance double, an object with none of the spec's
            members.

    Example:
        >>> import asyncio, fakes
        >>> class UserRepo:
        ...     async def get(self, user_id: int) -> dict: ...
        >>> repo = fakes.async_double(UserRepo)
        >>> _ = repo.get.returns({"id": 1})
        >>> asyncio.run(repo.get(1))
        {'id': 1}
        >>> repo.get(1, 2)
        Traceback (most recent call last):
        fakes.errors.SignatureMismatchError: UserRepo.get(1, 2) does not match ...
    """
    if name is not None and not isinstance(name, str):
        raise FakesTypeError(_render.double_bad_name(name))
    if spec is not None and wraps is not None:
        _check_wraps(spec, wraps, name, instance=instance)
    if spec is None:
        double: Any = AsyncDouble(name=name, wraps=wraps)
        return double
    if type(spec) is type and instance and "<locals>" not in spec.__qualname__:
        # The common case first: a class of a module with the plain
        # metaclass (so not a generic alias), not defined in a function.
        return object_double(spec, name or spec.__qualname__, wraps=wraps)
    origin = typing.get_origin(spec)
    if isinstance(origin, type) and not isinstance(spec, type):
        # A parametrised generic, such as Repo[int]: a double of Repo.
        spec = origin
    local = spec if isinstance(spec, type) else type(spec)
    if _hints.is_local_class(local):
        # Its string annotations may name classes of the caller's function.
        _hints.remember_local_classes(local, sys._getframe(1))
    if isinstance(spec, type):
        # Named as written where it is defined: ``Repo``, not ``test.<locals>.Repo``.
        label = name or _member.callable_name(spec)
        if instance:
            return object_double(spec, label, wraps=wraps)
        double = class_double_class(spec)(name=label, wraps=wraps)
        state = double.__dict__
        own = state_of(double)
        own.spec = _spec.spec_of(spec, instance=False)
        own.member = _member.constructor_member(spec, spec.__qualname__)
        state["_spec_class"] = type
        return double
    if callable(spec) and not _has_own_members(spec):
        label = name or _member.callable_name(spec)
        member = _member.callable_member(spec, _member.callable_name(spec))
        kind = AsyncDouble if member.kind is Kind.ASYNC else SyncDouble
        double = kind(name=label, wraps=wraps)
        state_of(double).member = member
        protocol_defaults(double, member)
        return double
    if not _spec.is_valid_spec(spec):
        raise SpecError(_render.bad_spec(spec))
    return object_double(spec, name, wraps=wraps)


def _check_wraps(spec: Any, wraps: Any, name: str | None, *, instance: bool) -> None:
    """Refuse a ``wraps=`` that can never pass a call through to anything.

    A callable spec (a function, or a class double's calls) calls ``wraps``:
    it must be callable. A double of an instance reads each member from
    ``wraps``, as ``AsyncMock(spec=C, wraps=obj)`` does: any object with at
    least one of the spec's members will do, and so does one that computes
    its attributes (``__getattr__``), since which ones it has is unknowable.
    """
    origin = typing.get_origin(spec)
    target = origin if isinstance(origin, type) else spec
    is_class = isinstance(target, type)
    calls = (is_class and not instance) or (
        not is_class and callable(target) and not _has_own_members(target)
    )
    spec_name = _member.callable_name(target if is_class or calls else type(target))
    label = name or spec_name
    if calls:
        if not callable(wraps):
            raise FakesTypeError(_render.wraps_not_callable(label, spec_name, wraps))
        return
    cls: type = target if isinstance(target, type) else type(target)
    # An instance double is called when the spec's instances are.
    called = any("__call__" in vars(klass) for klass in inspect.getmro(cls))
    if (called and callable(wraps)) or _has_static(wraps, "__getattr__"):
        return
    members = _public_names(target)
    if any(_has_static(wraps, member) for member in members):
        return
    if members:
        raise FakesTypeError(
            _render.wraps_without_members(label, spec_name, wraps, members)
        )
    if called:
        # Its only use is being called, which calls ``wraps``.
        raise FakesTypeError(
            _render.wraps_not_callable(label, spec_name, wraps, instance=True)
        )


def _public_names(target: Any) -> list[str]:
    """The public names a spec has: its attributes and annotated attributes."""
    try:
        names = set(dir(target))
        cls = target if isinstance(target, type) else type(target)
        for klass in inspect.getmro(cls):
            names.update(vars(klass).get("__annotations__", {}))
    except Exception:
        # A spec whose __dir__ raises: nothing can be said about it here.
        return []
    return sorted(name for name in names if not name.startswith("_"))


def factory_double(func: Any, *, bound: bool = False) -> Any:
    """A double of a sync function whose result is awaited or entered.

    Calls are checked against ``func``'s signature; each returns the double's
    one async-context double, which is also awaitable
    (``patch_async(..., factory=True)``).
    """
    member = _member.Member(
        Kind.ASYNC_CM, _member.callable_name(func), func, bound=bound, awaitable=True
    )
    double: Any = SyncDouble(name=_member.callable_name(func))
    state_of(double).member = member
    protocol_defaults(double, member)
    return double


def _has_own_members(value: Any) -> bool:
    """Whether a callable is an object with members rather than a function."""
    return not (
        inspect.isroutine(value)
        or _has_static(value, "__wrapped__")
        or type(value).__module__ in ("functools", "builtins")
    )


def _has_static(value: Any, name: str) -> bool:
    """``hasattr`` that runs no ``__getattr__`` and no property of ``value``."""
    try:
        inspect.getattr_static(value, name)
    except AttributeError:
        return False
    return True
