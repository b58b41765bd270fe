"""One patch: prepared completely, then installed, then restored.

A patch is prepared completely (the target resolved, the original read, the
double built, every check made) before anything is installed, so a patch that
fails leaves the target untouched. The same object is a context manager
(``with`` and ``async with``), has ``start()`` and ``stop()``, and is a
decorator.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import sys
import warnings
from collections.abc import Callable
from types import ModuleType, TracebackType
from typing import Any, Generic, TypeVar
from unittest import mock

from fakes import _kinds, _member, _render
from fakes._double.factory import async_double, factory_double
from fakes._double.state import state_of
from fakes._patching.decorator import decorate
from fakes._patching.registry import (
    MISSING,
    Active,
    Plan,
    first_active,
    install,
    restore,
)
from fakes._patching.target import Target, is_async, missing_attribute
from fakes._stdlib import is_exception
from fakes.errors import (
    NotAsyncTargetError,
    PatchOrderError,
    PatchTargetError,
    SharedTargetWarning,
)

__all__ = ["Patch"]

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])
_DEFAULT: Any = mock.DEFAULT
# Frames of these files are skipped when a warning points at the user's code:
# every module of the patching package (named, since ``patch`` imports this
# one), and the stdlib context managers and decorators that call into them.
_INTERNAL_FILES = frozenset(
    {
        *(
            os.path.join(os.path.dirname(__file__), f"{name}.py")
            for name in ("patch", "many", "decorator", "registry", "target", "patcher")
        ),
        contextlib.__file__,
        mock.__file__,
    }
)


def _stacklevel() -> int:
    """The ``stacklevel`` that makes a warning point at the user's code."""
    frame = sys._getframe(1)
    level = 1
    while frame.f_back is not None and frame.f_code.co_filename in _INTERNAL_FILES:
        frame = frame.f_back
        level += 1
    return level


def _usable_side_effect(value: Any) -> bool:
    """Whether a mock can use ``value`` as its ``side_effect`` when called."""
    if callable(value) or is_exception(value):
        return True
    try:
        iter(value)
    except TypeError:
        return False
    return True


class Patch(Generic[T]):
    """One patch: a context manager (``with`` and ``async with``) and a decorator.

    Built by :data:`fakes.patch_async` and ``patch_async.object``. The object
    can be entered again while active (each entry is its own patch) and be
    reused; ``start()`` and ``stop()`` are the same as entering and exiting.
    """

    # unittest.mock's decorator protocol: ``new`` is DEFAULT when the decorated
    # function gets the double as an argument; no keyword arguments.
    attribute_name: str | None = None

    def __init__(
        self,
        locate: Callable[[], Target],
        display: str,
        mock_call: str,
        *,
        new: Any,
        spec: Any,
        autospec: bool,
        create: bool,
        factory: bool = False,
        return_value: Any = _DEFAULT,
        side_effect: Any = None,
        new_callable: Any = None,
    ) -> None:
        if spec is True:
            spec = None
        configured = [
            name
            for name, value in (
                ("return_value=", return_value is not _DEFAULT),
                ("side_effect=", side_effect is not None),
            )
            if value
        ]
        if new is not _DEFAULT and (configured or new_callable is not None):
            if new_callable is not None:
                configured.append("new_callable=")
            raise PatchTargetError(
                _render.patch_new_with_configuration(display, configured)
            )
        if side_effect is not None and not _usable_side_effect(side_effect):
            raise PatchTargetError(_render.patch_bad_side_effect(display, side_effect))
        if new_callable is not None:
            if not callable(new_callable):
                raise PatchTargetError(
                    _render.patch_new_callable_not_callable(display, new_callable)
                )
            other = "spec=" if spec is not None else "factory=True" if factory else ""
            if other:
                raise PatchTargetError(_render.patch_new_callable_with(display, other))
        if factory and (new is not _DEFAULT or not autospec):
            other = "new=" if new is not _DEFAULT else "autospec=False"
            raise PatchTargetError(_render.patch_factory_conflict(display, other))
        if new is not _DEFAULT and (spec is not None or not autospec):
            other = "spec=" if spec is not None else "autospec=False"
            raise PatchTargetError(_render.patch_new_with(display, other))
        if spec is not None and not autospec:
            raise PatchTargetError(_render.patch_spec_without_autospec(display))
        self.new = new
        self._locate = locate
        self._display = display
        self._stdlib_patch = mock_call
        self._spec = spec
        self._autospec = autospec
        self._create = create
        self._factory = factory
        self._return_value = return_value
        self._side_effect = side_effect
        self._new_callable = new_callable
        self._entered: list[Active] = []

    def __repr__(self) -> str:
        return f"<{self._display}>"

    # Preparing, installing and restoring.

    def _prepare(self) -> Plan:
        """Resolve, read, check and build, without changing anything."""
        target = self._locate()
        owner, attribute = target.owner, target.attribute
        first = first_active(owner, attribute)
        if first is not None:
            # Patched already: spec from the real object, not from a double.
            real, raw = first.plan.real, first.plan.raw
        else:
            real = getattr(owner, attribute, MISSING)
            if isinstance(owner, ModuleType):
                raw = real  # a module attribute is never a descriptor
            else:
                try:
                    raw = inspect.getattr_static(owner, attribute)
                except AttributeError:
                    raw = real
        created_before = first is not None and first.created
        if real is MISSING and not (self._create or created_before):
            raise missing_attribute(self._display, owner, attribute, last=True)
        if self.new is not _DEFAULT:
            installed = self.new
        elif self._new_callable is not None:
            installed = self._new_callable(**self._configuration())
        else:
            installed = self._configured(self._build(target, real, raw))
        if target.shared is not None:
            module, prefix, name = target.shared
            warnings.warn(
                _render.patch_shared_target(target.label, module, prefix, name),
                SharedTargetWarning,
                stacklevel=_stacklevel(),
            )
        return Plan(target, real, raw, installed)

    def _configuration(self) -> dict[str, Any]:
        """``return_value=`` and ``side_effect=`` as given, for ``new_callable``."""
        given: dict[str, Any] = {}
        if self._return_value is not _DEFAULT:
            given["return_value"] = self._return_value
        if self._side_effect is not None:
            given["side_effect"] = self._side_effect
        return given

    def _configured(self, double: Any) -> Any:
        """The double with ``return_value=`` and ``side_effect=`` set, as on a mock."""
        given = self._configuration()
        if not given:
            return double
        if not callable(double):
            raise PatchTargetError(
                _render.patch_option_needs_callable(
                    self._display, list(given), double._fakes_label()
                )
            )
        # A double of an object whose class defines __call__ is called
        # through that member: it is what the options configure.
        called = double if isinstance(double, mock.CallableMixin) else double.__call__
        for name, value in given.items():
            setattr(called, name, value)
        return double

    def _build(self, target: Target, real: Any, raw: Any) -> Any:
        source = real if self._spec is None else self._spec
        if not self._autospec or source is MISSING:
            return async_double(name=target.attribute)
        if self._factory:
            return self._build_factory(target, source, raw)
        if not is_async(source):
            raise NotAsyncTargetError(
                _render.patch_not_async(
                    self._display,
                    _render.patch_source(source),
                    self._stdlib_patch,
                    callable_=callable(source)
                    and not isinstance(source, (type, ModuleType)),
                )
            )
        if isinstance(source, type):
            return async_double(source, instance=False)
        double = async_double(source)
        if (
            source is real
            and isinstance(target.owner, type)
            and inspect.isfunction(raw)
        ):
            # A method patched on its class is called through instances,
            # which pass no ``self`` to the double: check calls without it.
            label = double._fakes_label()
            kind = _kinds.function_kind(real)
            state_of(double).member = _member.Member(kind, label, real, bound=True)
        return double

    def _build_factory(self, target: Target, source: Any, raw: Any) -> Any:
        """The double of a sync function whose result is awaited or entered."""
        if isinstance(source, type) or not callable(source) or is_async(source):
            raise NotAsyncTargetError(
                _render.patch_factory_not_sync_function(
                    self._display,
                    _render.patch_source(source),
                    is_async=callable(source)
                    and not isinstance(source, type)
                    and is_async(source),
                )
            )
        # A method patched on its class is called through instances.
        bound = isinstance(target.owner, type) and inspect.isfunction(raw)
        return factory_double(source, bound=bound)

    # The public protocol.

    def start(self) -> T:
        """Install the patch and return the double (or ``new``).

        Returns:
            What was installed.
        """
        active = install(self._prepare())
        self._entered.append(active)
        return active.plan.installed  # type: ignore[no-any-return]

    def stop(self) -> None:
        """Restore what the last ``start()`` replaced.

        Raises:
            PatchOrderError: The patch is not active, or a later patch of the
                same target is still active (the target is restored anyway).
        """
        if not self._entered:
            raise PatchOrderError(_render.patch_not_active(self._display))
        restore(self._entered.pop())

    def __enter__(self) -> T:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    async def __aenter__(self) -> T:
        return self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def __call__(self, func: F) -> F:
        """Decorate a test function, coroutine function or class."""
        decorated: F = decorate(self, func)
        return decorated
