"""``patch_async``: replace an async target with a spec'd double, safely.

A patch is prepared completely (the target resolved, the original read, the
double built, every check made) before anything is installed, so a patch that
fails leaves the target untouched. Active patches are kept on one stack per
target, which is how a repeated patch knows the real object to spec from and
how an exit out of order is detected. Decorated functions use the same
``patchings`` protocol as ``unittest.mock.patch``, so both kinds of decorator
stack in any order and pytest knows which parameters are not fixtures.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import importlib
import inspect
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from types import ModuleType, TracebackType
from typing import Any, Generic, NamedTuple, TypeVar
from unittest import mock

from fakes import _render, _spec
from fakes._double import async_double
from fakes._spec import Kind
from fakes.errors import (
    FakesTypeError,
    NotAsyncTargetError,
    PatchAttributeError,
    PatchImportError,
    PatchOrderError,
    PatchTargetError,
    SharedTargetWarning,
)

__all__ = ["patch_async"]

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])
_MISSING: Any = object()
_DEFAULT: Any = mock.DEFAULT
_ASYNC_MAGICS = frozenset(
    {"__aenter__", "__aexit__", "__aiter__", "__anext__", "__await__"}
)
_TEST_PREFIX = "test"
# Frames of these files are skipped when a warning points at the user's code.
_INTERNAL_FILES = frozenset({__file__, contextlib.__file__, mock.__file__})


class _Target(NamedTuple):
    """Where a patch goes: ``setattr(owner, attribute, ...)``."""

    owner: Any
    attribute: str
    label: str
    # (shared module, prefix in the user's module, first name) for the warning.
    shared: tuple[str, str, str] | None


class _Plan(NamedTuple):
    """A patch ready to install: everything resolved, built and checked."""

    target: _Target
    real: Any
    raw: Any
    installed: Any


class _Active:
    """One installed patch: what to put back, and where."""

    __slots__ = ("created", "key", "local", "order", "plan", "saved")

    def __init__(self, plan: _Plan, local: bool, saved: Any) -> None:
        self.order = 0
        self.plan = plan
        self.key = (id(plan.target.owner), plan.target.attribute)
        self.local = local
        self.saved = saved
        self.created = saved is _MISSING


# Active patches by (id(owner), attribute), first installed first. An active
# patch holds its owner, so an id cannot be reused while it is a key here.
_active: dict[tuple[int, str], list[_Active]] = {}
_lock = threading.Lock()
# How many patches were ever installed: the order of the next one.
_installed = [0]


def patch_mark() -> int:
    """A mark of "now": patches installed later have an order at least this."""
    with _lock:
        return _installed[0]


def undo_patches_since(mark: int) -> int:
    """Restore, newest first, every patch installed since ``mark`` and still on.

    The pytest plugin calls it at teardown, so that a test that started a
    patch and never stopped it leaves nothing patched behind.

    Returns:
        How many patches were restored.
    """
    with _lock:
        left = [active for stack in _active.values() for active in stack]
    left = sorted(
        (active for active in left if active.order >= mark),
        key=lambda active: active.order,
        reverse=True,
    )
    for active in left:
        _restore(active)
    return len(left)


def _stacklevel() -> int:
    """The ``stacklevel`` that makes a warning point at the user's code."""
    frame = sys._getframe(1)
    level = 1
    while frame.f_back is not None and frame.f_code.co_filename in _INTERNAL_FILES:
        frame = frame.f_back
        level += 1
    return level


# Resolving a target.


def _well_formed(target: Any) -> bool:
    if not isinstance(target, str):
        return False
    parts = target.split(".")
    return len(parts) >= 2 and all(part.isidentifier() for part in parts)


def _import_longest(target: str, display: str) -> tuple[ModuleType, str, list[str]]:
    """Import the longest importable module prefix of ``target``."""
    parts = target.split(".")
    missing: ModuleNotFoundError | None = None
    for end in range(len(parts) - 1, 0, -1):
        name = ".".join(parts[:end])
        module = sys.modules.get(name)
        if module is None:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as error:
                if error.name is not None and (
                    name == error.name or name.startswith(error.name + ".")
                ):
                    missing = error
                    continue
                raise _import_failed(display, parts, error) from error
            except Exception as error:
                raise _import_failed(display, parts, error) from error
        return module, name, parts[end:]
    assert missing is not None
    module_name = missing.name or parts[0]
    raise PatchImportError(
        _render.patch_import_failed(display, module_name, missing)
    ) from missing


def _import_failed(display: str, parts: list[str], error: BaseException) -> Exception:
    # The module that failed is the first prefix that did not stay imported.
    name = parts[0]
    for end in range(1, len(parts) + 1):
        name = ".".join(parts[:end])
        if name not in sys.modules:
            break
    return PatchImportError(_render.patch_import_failed(display, name, error))


def _describe_owner(owner: Any) -> str:
    if isinstance(owner, ModuleType):
        return f"module {owner.__name__!r}"
    if isinstance(owner, type):
        return f"class {owner.__qualname__!r} of the module {owner.__module__!r}"
    return f"{type(owner).__qualname__} object"


def _missing(display: str, owner: Any, name: str, *, last: bool) -> PatchAttributeError:
    try:
        names = [n for n in dir(owner) if not n.startswith("__")]
    except Exception:  # a broken __dir__ only costs the hint
        names = []
    suggestions = difflib.get_close_matches(name, sorted(names), n=3)
    return PatchAttributeError(
        _render.patch_missing_attribute(
            display, _describe_owner(owner), name, suggestions, last=last
        )
    )


def _locate_dotted(target: str, display: str) -> _Target:
    """Import the module of ``target`` and walk the attributes but the last."""
    module, path, rest = _import_longest(target, display)
    owner: Any = module
    shared = None
    for index, part in enumerate(rest[:-1]):
        try:
            owner = getattr(owner, part)
        except AttributeError:
            raise _missing(display, owner, part, last=False) from None
        prefix, path = path, f"{path}.{part}"
        if shared is None and isinstance(owner, ModuleType) and owner.__name__ != path:
            shared = (owner.__name__, prefix, rest[index + 1])
    return _Target(owner, rest[-1], target, shared)


def _label_of(owner: Any, attribute: str) -> str:
    if isinstance(owner, ModuleType):
        return f"{owner.__name__}.{attribute}"
    if isinstance(owner, type):
        return f"{owner.__module__}.{owner.__qualname__}.{attribute}"
    return f"{type(owner).__qualname__}.{attribute}"


def _short(owner: Any) -> str:
    if isinstance(owner, ModuleType):
        return owner.__name__
    if isinstance(owner, type):
        return owner.__qualname__
    return f"<{type(owner).__qualname__} object>"


# Judging and building.


def _is_function(value: Any) -> bool:
    return (
        inspect.isroutine(value)
        or isinstance(value, functools.partial)
        or hasattr(value, "__wrapped__")
    )


def _class_is_async(cls: type) -> bool:
    for klass in cls.__mro__[:-1]:
        for name, raw in vars(klass).items():
            if name in _ASYNC_MAGICS:
                return True
            func = raw.__func__ if isinstance(raw, (staticmethod, classmethod)) else raw
            if inspect.isfunction(func) and _spec.function_kind(func) is not Kind.SYNC:
                return True
    return False


def _is_async(value: Any) -> bool:
    """Whether ``value`` is async or has async members (one level deep)."""
    if isinstance(value, type):
        return _class_is_async(value)
    if isinstance(value, ModuleType):
        return any(
            inspect.isfunction(item) and _spec.function_kind(item) is not Kind.SYNC
            for item in vars(value).values()
        )
    if _is_function(value):
        return _spec.function_kind(value) is not Kind.SYNC
    own = getattr(value, "__dict__", None)
    return _class_is_async(type(value)) or (
        isinstance(own, dict)
        and any(_is_function(item) and _is_async(item) for item in own.values())
    )


def _what(value: Any) -> str:
    if isinstance(value, type):
        return f"the class {value.__module__}.{value.__qualname__}"
    if isinstance(value, ModuleType):
        return f"the module {value.__name__}"
    if inspect.isroutine(value):
        module = getattr(value, "__module__", None)
        name = getattr(value, "__qualname__", None) or getattr(value, "__name__", "?")
        return f"the function {module}.{name}" if module else f"the function {name}"
    return f"{_render.safe_repr(value)} ({type(value).__name__})"


def _own_dict(owner: Any) -> Any:
    try:
        return vars(owner)
    except TypeError:
        return None


class _Patch(Generic[T]):
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
        locate: Callable[[], _Target],
        display: str,
        mock_call: str,
        *,
        new: Any,
        spec: Any,
        autospec: bool,
        create: bool,
    ) -> None:
        if spec is True:
            spec = None
        if new is not _DEFAULT and (spec is not None or not autospec):
            given = "new= and spec=" if spec is not None else "new= and autospec=False"
            fix = "new= installs the given object as it is; drop the other option"
            raise PatchTargetError(
                _render.patch_conflicting_options(display, given, fix)
            )
        if spec is not None and not autospec:
            fix = "spec= builds a spec'd double; drop autospec=False"
            raise PatchTargetError(
                _render.patch_conflicting_options(
                    display, "spec= and autospec=False", fix
                )
            )
        self.new = new
        self._locate = locate
        self._display = display
        self._mock_call = mock_call
        self._spec = spec
        self._autospec = autospec
        self._create = create
        self._entered: list[_Active] = []

    def __repr__(self) -> str:
        return f"<{self._display}>"

    # Preparing, installing and restoring.

    def _prepare(self) -> _Plan:
        """Resolve, read, check and build, without changing anything."""
        target = self._locate()
        owner, attribute = target.owner, target.attribute
        with _lock:
            stack = _active.get((id(owner), attribute))
            first = stack[0] if stack else None
        if first is not None:
            # Patched already: spec from the real object, not from a double.
            real, raw = first.plan.real, first.plan.raw
        else:
            real = getattr(owner, attribute, _MISSING)
            if isinstance(owner, ModuleType):
                raw = real  # a module attribute is never a descriptor
            else:
                try:
                    raw = inspect.getattr_static(owner, attribute)
                except AttributeError:
                    raw = real
        created_before = first is not None and first.created
        if real is _MISSING and not (self._create or created_before):
            raise _missing(self._display, owner, attribute, last=True)
        installed = (
            self.new if self.new is not _DEFAULT else self._build(target, real, raw)
        )
        if target.shared is not None:
            module, prefix, name = target.shared
            warnings.warn(
                _render.patch_shared_target(target.label, module, prefix, name),
                SharedTargetWarning,
                stacklevel=_stacklevel(),
            )
        return _Plan(target, real, raw, installed)

    def _build(self, target: _Target, real: Any, raw: Any) -> Any:
        source = real if self._spec is None else self._spec
        if not self._autospec or source is _MISSING:
            return async_double(name=target.attribute)
        if not _is_async(source):
            raise NotAsyncTargetError(
                _render.patch_not_async(self._display, _what(source), self._mock_call)
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
            kind = _spec.function_kind(real)
            double.__dict__["_fakes_member"] = _spec.Member(
                kind, label, real, bound=True
            )
        return double

    # The public protocol.

    def start(self) -> T:
        """Install the patch and return the double (or ``new``).

        Returns:
            What was installed.
        """
        active = _install(self._prepare())
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
        _restore(self._entered.pop())

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
        decorated: F = _decorate(self, func)
        return decorated


def _install(plan: _Plan) -> _Active:
    owner, attribute = plan.target.owner, plan.target.attribute
    own = _own_dict(owner)
    local = own is not None and attribute in own
    # What to put back: the raw object when the owner holds it itself (a
    # classmethod, say), else the current value, for owners without a dict.
    saved = (
        own[attribute]
        if own is not None and local
        else getattr(owner, attribute, _MISSING)
    )
    active = _Active(plan, local, saved)
    setattr(owner, attribute, plan.installed)
    with _lock:
        active.order = _installed[0]
        _installed[0] += 1
        _active.setdefault(active.key, []).append(active)
    return active


def _restore(active: _Active) -> None:
    """Put back what ``active`` replaced; complain when later patches are active."""
    with _lock:
        stack = _active.get(active.key, [])
        index = next((i for i, item in enumerate(stack) if item is active), None)
        if index is None:
            return  # Unwound already by an earlier patch that exited out of order.
        later = len(stack) - 1 - index
        del stack[index:]
        if not stack:
            del _active[active.key]
    owner, attribute = active.plan.target.owner, active.plan.target.attribute
    if active.local:
        setattr(owner, attribute, active.saved)
    else:
        with contextlib.suppress(AttributeError):
            delattr(owner, attribute)
        if not active.created and not hasattr(owner, attribute):
            setattr(owner, attribute, active.saved)
    if later:
        raise PatchOrderError(
            _render.patch_out_of_order(active.plan.target.label, later)
        )


# Decorating.


@contextlib.contextmanager
def _applied(
    patchings: list[Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    """Enter every patching of a decorated function, as ``unittest.mock`` does."""
    extra = []
    with contextlib.ExitStack() as stack:
        for patching in patchings:
            value = stack.enter_context(patching)
            if patching.attribute_name is not None:
                kwargs.update(value)
            elif patching.new is _DEFAULT:
                extra.append(value)
        yield (*args, *extra), kwargs


def _decorate(patching: Any, func: Any) -> Any:
    if isinstance(func, type):
        for name, value in list(vars(func).items()):
            if name.startswith(_TEST_PREFIX) and inspect.isfunction(value):
                setattr(func, name, _decorate(patching, value))
        return func
    if not callable(func):
        raise FakesTypeError(_render.patch_not_decoratable(func))
    patchings = getattr(func, "patchings", None)
    if isinstance(patchings, list):
        patchings.append(patching)
        return func
    # Mock's own decorators keep their patches in ``patchings``; sharing the
    # list lets patch_async and mock.patch stack in any order.
    patchings = [patching]
    wrapper: Any
    if inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def patched_async(*args: Any, **kwargs: Any) -> Any:
            with _applied(patchings, args, kwargs) as (args, kwargs):
                return await func(*args, **kwargs)

        wrapper = patched_async
    else:

        @functools.wraps(func)
        def patched_sync(*args: Any, **kwargs: Any) -> Any:
            with _applied(patchings, args, kwargs) as (args, kwargs):
                return func(*args, **kwargs)

        wrapper = patched_sync
    wrapper.patchings = patchings
    return wrapper


class _PatchMany:
    """Several patches entered together: all are installed, or none.

    As a context manager it gives a tuple of what each patch installed, in the
    order given; as a decorator each double is a separate argument.
    """

    def __init__(self, patches: list[_Patch[Any]]) -> None:
        self._patches = patches
        self._entered: list[list[_Active]] = []

    def start(self) -> tuple[Any, ...]:
        """Install every patch and return what each installed.

        Returns:
            The doubles (or ``new`` objects), in the order of the patches.
        """
        plans = [patch._prepare() for patch in self._patches]
        actives: list[_Active] = []
        try:
            for plan in plans:
                actives.append(_install(plan))
        except BaseException:
            for active in reversed(actives):
                _restore(active)
            raise
        self._entered.append(actives)
        return tuple(active.plan.installed for active in actives)

    def stop(self) -> None:
        """Restore every patch of the last ``start()``, last installed first.

        Raises:
            PatchOrderError: Not active, or exited out of order (every target
                is restored anyway).
        """
        if not self._entered:
            raise PatchOrderError(_render.patch_not_active("patch_async.many(...)"))
        problem: PatchOrderError | None = None
        for active in reversed(self._entered.pop()):
            try:
                _restore(active)
            except PatchOrderError as error:
                problem = problem or error
        if problem is not None:
            raise problem

    def __enter__(self) -> tuple[Any, ...]:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def __aenter__(self) -> tuple[Any, ...]:
        return self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        self.stop()

    def __call__(self, func: F) -> F:
        """Decorate a test: each double is a separate argument, in order."""
        for patch in self._patches:
            func = patch(func)
        return func


class _PatchAsync:
    """The type of :data:`patch_async`: call it, or use ``.object``/``.many``.

    Example:
        >>> import asyncio, fakes
        >>> class Mailer:
        ...     async def send(self, to: str) -> None: ...
        >>> class Signup:
        ...     mailer = Mailer()
        >>> async def main() -> None:
        ...     with fakes.patch_async.object(Signup, "mailer") as mailer:
        ...         await Signup.mailer.send("ada@example.test")
        ...     mailer.send.assert_awaited_once_with("ada@example.test")
        >>> asyncio.run(main())
        >>> type(Signup.mailer).__name__
        'Mailer'
    """

    def __call__(
        self,
        target: str,
        *,
        new: Any = _DEFAULT,
        spec: Any = None,
        autospec: bool = True,
        create: bool = False,
    ) -> _Patch[Any]:
        """Patch ``target`` (``"package.module.attribute"``) with a spec'd double.

        The module is imported (the longest importable prefix of the dotted
        path), then attributes are walked, so ``"pkg.mod.Client.fetch"``
        works. An async function becomes an async double with its signature,
        a class a class double whose calls return an instance double, an
        object an instance double. Patch where the code under test looks the
        name up: ``"pkg.service.fetch_user"`` after
        ``from pkg.api import fetch_user`` in ``pkg.service``.

        Args:
            target: The dotted path of the attribute to replace.
            new: Install this object instead of a double (it is not passed to
                a decorated function, as with ``unittest.mock.patch``).
            spec: Build the double from this object instead of the original.
            autospec: ``False`` for a spec-less double that behaves like
                ``AsyncMock``.
            create: Add the attribute if it does not exist (and delete it on
                exit).

        Returns:
            A patch: use it as ``with``, ``async with`` or a decorator.

        Raises:
            PatchTargetError: Conflicting options (or, on entry, a malformed
                target); on entry its subclasses ``PatchImportError`` (the
                module does not import) and ``PatchAttributeError`` (no such
                attribute).

        Example:
            >>> import asyncio, sys, types, fakes
            >>> weather = types.ModuleType("weather")
            >>> async def forecast(city: str) -> str: ...
            >>> weather.forecast = forecast
            >>> sys.modules["weather"] = weather
            >>> async def main() -> str:
            ...     with fakes.patch_async("weather.forecast") as double:
            ...         double.returns("rain")
            ...         return await weather.forecast("Oslo")
            >>> asyncio.run(main())
            'rain'
            >>> weather.forecast is forecast
            True
            >>> del sys.modules["weather"]
        """
        display = f"patch_async({target!r})"
        mock_call = f"unittest.mock.patch({target!r}, autospec=True)"
        if not _well_formed(target):
            raise PatchTargetError(_render.patch_malformed_target(target))
        return _Patch(
            functools.partial(_locate_dotted, target, display),
            display,
            mock_call,
            new=new,
            spec=spec,
            autospec=autospec,
            create=create,
        )

    def object(
        self,
        obj: Any,
        attribute: str,
        *,
        new: Any = _DEFAULT,
        spec: Any = None,
        autospec: bool = True,
        create: bool = False,
    ) -> _Patch[Any]:
        """Patch ``attribute`` of ``obj`` (a module, class or instance).

        Takes the same options as :data:`patch_async` itself. This is the
        precise way to patch: only ``obj`` sees the double.

        Args:
            obj: The object that holds the attribute.
            attribute: The attribute's name.
            new: Install this object instead of a double.
            spec: Build the double from this object instead of the original.
            autospec: ``False`` for a spec-less double.
            create: Add the attribute if it does not exist.

        Returns:
            A patch: use it as ``with``, ``async with`` or a decorator.

        Example:
            >>> import asyncio, fakes
            >>> class Client:
            ...     async def fetch(self, path: str) -> bytes: ...
            >>> class Service:
            ...     def __init__(self) -> None:
            ...         self.client = Client()
            >>> service = Service()
            >>> async def main() -> bytes:
            ...     async with fakes.patch_async.object(service, "client") as client:
            ...         client.fetch.returns(b"ok")
            ...         return await service.client.fetch("/")
            >>> asyncio.run(main())
            b'ok'
            >>> type(service.client).__name__
            'Client'
        """
        args = f"{_short(obj)}, {attribute!r}"
        display = f"patch_async.object({args})"
        mock_call = f"unittest.mock.patch.object({args}, autospec=True)"
        target = _Target(obj, attribute, _label_of(obj, attribute), None)
        return _Patch(
            lambda: target,
            display,
            mock_call,
            new=new,
            spec=spec,
            autospec=autospec,
            create=create,
        )

    def many(self, *targets: str | _Patch[Any]) -> _PatchMany:
        """Patch several targets at once: all are installed, or none.

        Args:
            *targets: Dotted target strings, or patches made by
                ``patch_async(...)`` or ``patch_async.object(...)`` (for
                options).

        Returns:
            A context manager giving a tuple of the doubles, in order; as a
            decorator, each double is a separate argument.

        Raises:
            FakesTypeError: An item is neither a string nor a patch.

        Example:
            >>> import asyncio, sys, types, fakes
            >>> pricing = types.ModuleType("pricing")
            >>> async def price(item: str) -> int: ...
            >>> async def stock(item: str) -> int: ...
            >>> pricing.price, pricing.stock = price, stock
            >>> sys.modules["pricing"] = pricing
            >>> patches = fakes.patch_async.many("pricing.price", "pricing.stock")
            >>> async def main() -> tuple[int, int]:
            ...     with patches as (price_double, stock_double):
            ...         price_double.returns(3)
            ...         stock_double.returns(10)
            ...         return await pricing.price("tea"), await pricing.stock("tea")
            >>> asyncio.run(main())
            (3, 10)
            >>> del sys.modules["pricing"]
        """
        patches: list[_Patch[Any]] = []
        for item in targets:
            if isinstance(item, str):
                patches.append(self(item))
            elif isinstance(item, _Patch):
                patches.append(item)
            else:
                raise FakesTypeError(_render.patch_many_item(item))
        return _PatchMany(patches)

    def __repr__(self) -> str:
        return "fakes.patch_async"


#: Patch an async target with a spec'd double: see :meth:`_PatchAsync.__call__`.
patch_async = _PatchAsync()
