"""Doubles of objects and values, and the lazy ``__getattr__`` of spec'd ones.

``ObjectDouble`` stands in for an instance, ``ClassDouble`` for a class,
``ValueDouble`` for a data attribute of no fixed value and
``AwaitableDouble`` for an async property. Members of a spec'd double are
built on first access (through ``_construction.BUILD``) and kept in the
instance dict, so later reads cost a plain attribute lookup.
"""

from __future__ import annotations

import builtins
import typing
from typing import Any, cast
from unittest import mock

from fakes import _awaited, _render, _spec
from fakes._double.awaitable import AwaitableMixin
from fakes._double.construction import BUILD
from fakes._double.doubles import SyncDouble, _MagicDouble
from fakes._double.fastmock import FastMockMixin
from fakes._double.recorder import Recorder
from fakes._double.state import MISSING, state_of
from fakes._kinds import Kind
from fakes._member import Member
from fakes._spec import Spec
from fakes._stdlib import DELETED, SYNC_MAGICS, is_instance_mock
from fakes.errors import NotAwaitableError, UnknownAttributeError

__all__ = [
    "AwaitableDouble",
    "ClassDouble",
    "ObjectDouble",
    "ValueDouble",
    "spec_dir",
    "spec_getattr",
]

_DEFAULT = mock.DEFAULT


def spec_getattr(self: Any, name: str) -> Any:
    """``__getattr__`` of spec'd doubles: build the member on first access."""
    state = self.__dict__
    spec: Spec | None = state_of(self).spec
    if spec is None or name.startswith(("_mock_", "_spec_", "_fakes_")):
        return mock.NonCallableMock.__getattr__(self, name)
    children = state["_mock_children"]
    child = children.get(name)
    if child is DELETED:
        label = self._fakes_label()
        raise UnknownAttributeError(_render.deleted_attribute(label, name))
    if child is not None:
        return child
    member = spec.member(name)
    if member is None:
        raise UnknownAttributeError(
            _render.unknown_attribute(
                self._fakes_label(), spec.name, name, spec.suggestions(name)
            )
        )
    if state["_mock_sealed"]:
        # mock.seal(): no new member, refused as the stdlib refuses a child.
        return mock.NonCallableMock.__getattr__(self, name)
    value = BUILD.member_double(member, self, name)
    if is_instance_mock(value):
        children[name] = value
    # Later reads find it in the instance dict, without this method.
    state[name] = value
    return value


def spec_dir(self: Any) -> list[str]:
    spec: Spec | None = state_of(self).spec
    names = set(mock.NonCallableMock.__dir__(self))
    if spec is not None:
        names.update(dir(spec.target))
        names.discard(_spec.KNOWN_KEY)
    return sorted(names)


class ObjectDouble(Recorder, FastMockMixin, mock.NonCallableMagicMock):
    """A double of an instance: members are built from the spec on first use.

    Example:
        >>> import asyncio, fakes
        >>> class UserRepo:
        ...     async def get(self, user_id: int) -> dict: ...
        >>> repo = fakes.async_double(UserRepo)
        >>> _ = repo.get.returns({"id": 1})
        >>> asyncio.run(repo.get(1))
        {'id': 1}
    """

    _fakes_lazy_magics = False
    __getattr__ = spec_getattr
    __dir__ = spec_dir

    # No ``__await__`` here: a double of a class without one is no more
    # awaitable than the real object, so code that asks
    # ``inspect.isawaitable(result)`` takes the same branch with the double
    # (``await`` still says why it fails: see ``not_awaitable``).

    def _fakes_not_awaitable(self) -> NotAwaitableError:
        spec: Spec = state_of(self).spec
        member, result = _origin(self)
        return NotAwaitableError(
            _render.awaited_object(
                self._fakes_label(), spec.name, member, result, _async_example(spec)
            )
        )

    def _fakes_child_class(self, new_name: Any) -> type:
        return SyncDouble


def _origin(double: Any) -> tuple[str | None, bool]:
    """The spec member a nested object double stands for, and whether it is its result.

    ``("C.session", False)`` for ``svc.session``; ``("C.make", True)`` for
    ``svc.make()`` (what the member gives); ``(None, False)`` for a root
    double or an instance made by a class double.
    """
    state = double.__dict__
    parent = state["_mock_new_parent"]
    if parent is None or isinstance(parent, ClassDouble):
        return None, False
    name = state["_mock_new_name"]
    own = state_of(parent)
    if name == "()":
        member: Member | None = own.member
        return (None, False) if member is None else (member.name, True)
    spec: Spec | None = own.spec
    return (None, False) if spec is None else (f"{spec.name}.{name}", False)


def _async_example(spec: Spec) -> str | None:
    """One async method of the spec (the first by name), if it has any."""
    try:
        names = sorted(dir(spec.target))
    except Exception:
        # A hostile __dir__: no example rather than no message.
        return None
    for name in names:
        if name.startswith("_"):
            continue
        member = spec.member(name)
        if member is not None and member.kind is Kind.ASYNC:
            return name
    return None


class ValueDouble(Recorder, FastMockMixin, mock.NonCallableMagicMock):
    """A double of a data attribute whose value the spec does not fix."""

    def _fakes_not_awaitable(self) -> NotAwaitableError:
        return NotAwaitableError(_render.awaited_value(self._fakes_label()))

    def _fakes_child_class(self, new_name: Any) -> type:
        return _MagicDouble if new_name in SYNC_MAGICS else _Unknown


class _Unknown(SyncDouble):
    """A double below a value of no known class: awaiting it says why it fails."""

    def _fakes_not_awaitable(self) -> NotAwaitableError:
        label = self._fakes_label()
        parent: Any = self.__dict__["_mock_new_parent"]
        while parent is not None:
            state = parent.__dict__
            if (
                isinstance(parent, (ValueDouble, AwaitableMixin))
                or state_of(parent).member
            ):
                is_value = not isinstance(parent, AwaitableMixin) and isinstance(
                    parent, ValueDouble
                )
                anchor = cast(Any, parent)._fakes_label()
                annotation = _annotated_class(parent) if is_value else None
                return NotAwaitableError(
                    _render.awaited_unknown(label, anchor, is_value, annotation)
                )
            parent = state["_mock_new_parent"]
        return NotAwaitableError(_render.awaited_value(label))


def _annotated_class(value: Any) -> str | None:
    """The class a value double's attribute is annotated with, if it is one.

    A class the spec reader does not double (``dict``, ``float``,
    ``list[str]``) gives a value double; the annotation is read as written.
    """
    state = value.__dict__
    holder = state["_mock_new_parent"]
    spec = None if holder is None else state_of(holder).spec
    if spec is None or not isinstance(spec.cls, type):
        return None
    name = state["_mock_new_name"]
    for klass in spec.cls.__mro__:
        annotations = vars(klass).get("__annotations__")
        if isinstance(annotations, dict) and name in annotations:
            annotation = annotations[name]
            if isinstance(annotation, str):
                # Written as a string: only a builtin class is read from it.
                annotation = getattr(builtins, annotation.partition("[")[0], None)
            cls = typing.get_origin(annotation) or annotation
            return cls.__qualname__ if isinstance(cls, type) else None
    return None


def _await_default(double: Any, cls: Any) -> Any:
    """What awaiting ``double`` gives until configured: a double of ``cls``."""
    own = state_of(double)
    found = own.await_result
    if found is MISSING:
        if cls is None:
            found = None
        elif isinstance(cls, type):
            found = BUILD.object_double(cls, parent=double)
        else:
            found = _Unknown(_new_parent=double, _new_name="()")
        own.await_result = found
    return found


class AwaitableDouble(AwaitableMixin, ValueDouble):
    """A double of an async property: awaiting it is recorded, as a call is.

    Example:
        >>> import asyncio, fakes
        >>> class Device:
        ...     @property
        ...     async def ready(self) -> bool: ...
        >>> device = fakes.async_double(Device)
        >>> _ = device.ready.returns(True)
        >>> async def main() -> bool:
        ...     return await device.ready
        >>> asyncio.run(main())
        True
    """

    def _fakes_await_default(self) -> Any:
        member: Member = state_of(self).member
        return _await_default(self, member.return_class())


class _AwaitableObjectDouble(AwaitableMixin, ObjectDouble):
    """A double of an instance of a class with ``__await__``."""

    def _fakes_await_default(self) -> Any:
        spec: Spec = state_of(self).spec
        return _await_default(self, _awaited.await_class(spec.cls))


class ClassDouble(Recorder, FastMockMixin, mock.MagicMock):
    """A double of a class: calling it returns an instance double.

    Example:
        >>> import fakes
        >>> class Client:
        ...     def __init__(self, url: str) -> None: ...
        ...     async def fetch(self) -> bytes: ...
        >>> client_cls = fakes.async_double(Client, instance=False)
        >>> client = client_cls("https://example.test")
        >>> client is client_cls.return_value
        True
    """

    _fakes_lazy_magics = False
    __getattr__ = spec_getattr
    __dir__ = spec_dir
    __call__ = cast(Any, SyncDouble.__call__)

    def _fakes_not_awaitable(self) -> NotAwaitableError:
        spec: Spec = state_of(self).spec
        return NotAwaitableError(_render.awaited_class(self._fakes_label(), spec.name))

    def _get_child_mock(self, /, **kwargs: Any) -> Any:
        if kwargs.get("_new_name") == "()":
            spec: Spec = state_of(self).spec
            return BUILD.object_double(spec.cls, parent=self)
        return SyncDouble(**kwargs)
