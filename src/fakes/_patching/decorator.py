"""Patches as decorators, stacking with ``unittest.mock.patch`` in any order.

Decorated functions use the same ``patchings`` protocol as
``unittest.mock.patch``: one wrapper holds a list of patches and enters them
all around each call, so both kinds of decorator share that list and pytest
knows which parameters are not fixtures.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Iterator
from typing import Any
from unittest import mock

from fakes import _render
from fakes.errors import FakesTypeError

__all__ = ["decorate"]

_DEFAULT: Any = mock.DEFAULT
_TEST_PREFIX = "test"


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


def decorate(patching: Any, func: Any) -> Any:
    """Apply ``patching`` to a function, coroutine function or test class.

    Args:
        patching: A patch with ``unittest.mock``'s decorator protocol
            (``attribute_name``, ``new``, and a context manager).
        func: What to decorate; a class has each ``test*`` method decorated.

    Returns:
        The wrapper (or ``func`` itself, when it already has ``patchings``).

    Raises:
        FakesTypeError: ``func`` is not callable.
    """
    if isinstance(func, type):
        for name, value in list(vars(func).items()):
            if name.startswith(_TEST_PREFIX) and inspect.isfunction(value):
                setattr(func, name, decorate(patching, value))
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
