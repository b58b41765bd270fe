"""``patch_async``: replace an async target with a spec'd double, safely.

This module is the public face of patching: :data:`patch_async` and its
``.object`` and ``.many`` forms check their arguments and build patches. How
a target is found and judged lives in ``target``, one patch and its lifetime
in ``patcher``, several patches entered together in ``many``, the registry
of installed patches in ``registry``, and the decorator protocol in
``decorator`` (all in this package).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, overload
from unittest import mock

from fakes import _render
from fakes._patching.many import PatchMany
from fakes._patching.patcher import Patch
from fakes._patching.target import Target, label_of, locate_dotted, well_formed
from fakes.errors import FakesTypeError, PatchTargetError

__all__ = ["patch_async"]

T = TypeVar("T")
_DEFAULT: Any = mock.DEFAULT
#: What ``side_effect=`` takes, as on a mock: a function called with the
#: arguments (sync or async), an exception to raise, or values to return in turn.
SideEffect = Callable[..., Any] | BaseException | type[BaseException] | Iterable[Any]


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

    # new_callable= makes what is installed, so the patch gives its type.
    @overload
    def __call__(
        self,
        target: str,
        *,
        new_callable: Callable[..., T],
        autospec: bool = ...,
        create: bool = ...,
        return_value: Any = ...,
        side_effect: SideEffect | None = ...,
    ) -> Patch[T]: ...
    @overload
    def __call__(
        self,
        target: str,
        *,
        new: Any = ...,
        spec: Any = ...,
        autospec: bool = ...,
        create: bool = ...,
        factory: bool = ...,
        return_value: Any = ...,
        side_effect: SideEffect | None = ...,
    ) -> Patch[Any]: ...
    def __call__(
        self,
        target: str,
        *,
        new: Any = _DEFAULT,
        spec: Any = None,
        autospec: bool = True,
        create: bool = False,
        factory: bool = False,
        return_value: Any = _DEFAULT,
        side_effect: SideEffect | None = None,
        new_callable: Callable[..., Any] | None = None,
    ) -> Patch[Any]:
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
            factory: The target is a sync function whose result is awaited or
                entered (``asyncpg.create_pool``, ``aiofiles.open``): its
                double checks calls against the function's signature, and every
                call returns one async-context double, also awaitable, that
                ``double.enters(value)`` configures.
            return_value: What calls of the double return (awaited, for an
                async target; for a class, what calling it gives), as
                ``unittest.mock.patch(..., return_value=...)`` sets it.
            side_effect: As on a mock: a function called with each call's
                arguments (an ``async def`` one is awaited), an exception to
                raise, or values to return in turn.
            new_callable: Called to make the object to install instead of a
                double (with ``return_value=`` and ``side_effect=`` as keyword
                arguments, when given), which the decorated function gets, as
                with ``unittest.mock.patch``; ``fakes.AsyncDouble`` makes a
                spec-less double.

        Returns:
            A patch: use it as ``with``, ``async with`` or a decorator.

        Raises:
            PatchTargetError: Conflicting options (or, on entry, a malformed
                target, or ``return_value=``/``side_effect=`` for a target
                whose double is not called); on entry its subclasses
                ``PatchImportError`` (the module does not import) and
                ``PatchAttributeError`` (no such attribute).

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
            >>> async def windy() -> str:
            ...     with fakes.patch_async("weather.forecast", return_value="wind"):
            ...         return await weather.forecast("Oslo")
            >>> asyncio.run(windy())
            'wind'
            >>> del sys.modules["weather"]
        """
        display, mock_call = _render.patch_forms(target)
        if not well_formed(target):
            raise PatchTargetError(_render.patch_malformed_target(target))
        return Patch(
            functools.partial(locate_dotted, target, display),
            display,
            mock_call,
            new=new,
            spec=spec,
            autospec=autospec,
            create=create,
            factory=factory,
            return_value=return_value,
            side_effect=side_effect,
            new_callable=new_callable,
        )

    @overload
    def object(
        self,
        obj: Any,
        attribute: str,
        *,
        new_callable: Callable[..., T],
        autospec: bool = ...,
        create: bool = ...,
        return_value: Any = ...,
        side_effect: SideEffect | None = ...,
    ) -> Patch[T]: ...
    @overload
    def object(
        self,
        obj: Any,
        attribute: str,
        *,
        new: Any = ...,
        spec: Any = ...,
        autospec: bool = ...,
        create: bool = ...,
        factory: bool = ...,
        return_value: Any = ...,
        side_effect: SideEffect | None = ...,
    ) -> Patch[Any]: ...
    def object(
        self,
        obj: Any,
        attribute: str,
        *,
        new: Any = _DEFAULT,
        spec: Any = None,
        autospec: bool = True,
        create: bool = False,
        factory: bool = False,
        return_value: Any = _DEFAULT,
        side_effect: SideEffect | None = None,
        new_callable: Callable[..., Any] | None = None,
    ) -> Patch[Any]:
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
            factory: The attribute is a sync function whose result is awaited
                or entered (see :data:`patch_async`).
            return_value: What calls of the double return (see
                :data:`patch_async`).
            side_effect: A function, exception or values, as on a mock.
            new_callable: Makes the object to install instead of a double.

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
        if not isinstance(attribute, str):
            raise PatchTargetError(_render.patch_attribute_not_str(obj, attribute))
        display, mock_call = _render.patch_object_forms(obj, attribute)
        target = Target(obj, attribute, label_of(obj, attribute), None)
        return Patch(
            lambda: target,
            display,
            mock_call,
            new=new,
            spec=spec,
            autospec=autospec,
            create=create,
            factory=factory,
            return_value=return_value,
            side_effect=side_effect,
            new_callable=new_callable,
        )

    def many(self, *targets: str | Patch[Any]) -> PatchMany:
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
        patches: list[Patch[Any]] = []
        for item in targets:
            if isinstance(item, str):
                patches.append(self(item))
            elif isinstance(item, Patch):
                patches.append(item)
            else:
                raise FakesTypeError(_render.patch_many_item(item))
        return PatchMany(patches)

    def __repr__(self) -> str:
        return "fakes.patch_async"


#: Patch an async target with a spec'd double: see :meth:`_PatchAsync.__call__`.
patch_async = _PatchAsync()
